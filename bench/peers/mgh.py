"""Moré-Garbow-Hillstrom (1981) test problems as SymPy residuals, for the SciPy peer.

Written independently of the C# structs (src/Nabla/Optimization/Problems); derivatives are
exact (SymPy differentiation, lambdified to NumPy with common-subexpression elimination).
"""
import math
import sympy as sp


def _sym(n):
    return sp.symbols(f"x1:{n + 1}")  # no assumptions: (u^2)^(c/2) must not become |u|^c


def rosenbrock(x):
    return [10 * (x[1] - x[0] ** 2), 1 - x[0]]


def freudenstein_roth(x):
    x1, x2 = x
    return [-13 + x1 + ((5 - x2) * x2 - 2) * x2, -29 + x1 + ((x2 + 1) * x2 - 14) * x2]


def powell_badly_scaled(x):
    x1, x2 = x
    return [10 ** 4 * x1 * x2 - 1, sp.exp(-x1) + sp.exp(-x2) - sp.Rational(10001, 10000)]


def brown_badly_scaled(x):
    x1, x2 = x
    return [x1 - 10 ** 6, x2 - sp.Rational(2, 10 ** 6), x1 * x2 - 2]


def beale(x):
    x1, x2 = x
    y = [sp.Rational(3, 2), sp.Rational(9, 4), sp.Rational(21, 8)]
    return [y[i] - x1 * (1 - x2 ** (i + 1)) for i in range(3)]


def jennrich_sampson(x):
    x1, x2 = x
    return [2 + 2 * i - (sp.exp(i * x1) + sp.exp(i * x2)) for i in range(1, 11)]


def helical_valley(x, x0=None):
    x1, x2, x3 = x
    # theta's branch constant is fixed by the sign of x1 at the point of evaluation (see below)
    theta = sp.atan(x2 / x1) / (2 * sp.pi) + sp.Piecewise((0, x1 > 0), (sp.Rational(1, 2), True))
    return [10 * (x3 - 10 * theta), 10 * (sp.sqrt(x1 ** 2 + x2 ** 2) - 1), x3]


def bard(x):
    x1, x2, x3 = x
    y = "0.14 0.18 0.22 0.25 0.29 0.32 0.35 0.39 0.37 0.58 0.73 0.96 1.34 2.10 4.39".split()
    r = []
    for i in range(1, 16):
        u, v = i, 16 - i
        w = min(u, v)
        r.append(sp.Rational(y[i - 1]) - (x1 + u / (v * x2 + w * x3)))
    return r


def gaussian(x):
    x1, x2, x3 = x
    y = ("0.0009 0.0044 0.0175 0.0540 0.1295 0.2420 0.3521 0.3989 0.3521 0.2420 0.1295 0.0540 "
         "0.0175 0.0044 0.0009").split()
    return [x1 * sp.exp(-x2 * (sp.Rational(8 - i, 2) - x3) ** 2 / 2) - sp.Rational(y[i - 1]) for i in range(1, 16)]


def meyer(x):
    x1, x2, x3 = x
    y = [34780, 28610, 23650, 19630, 16370, 13720, 11540, 9744, 8261, 7030, 6005, 5147, 4427, 3820, 3307, 2872]
    return [x1 * sp.exp(x2 / (45 + 5 * i + x3)) - y[i - 1] for i in range(1, 17)]


def gulf(x):
    x1, x2, x3 = x
    r = []
    for i in range(1, 100):
        t = sp.Rational(i, 100)
        y = 25 + (-50 * sp.log(t)) ** sp.Rational(2, 3)
        # |y - x2|^x3 written as ((y - x2)^2)^(x3/2) so SymPy's derivatives stay smooth (no DiracDelta)
        r.append(sp.exp(-((y - x2) ** 2) ** (x3 / 2) / x1) - t)
    return r


def box3d(x):
    x1, x2, x3 = x
    r = []
    for i in range(1, 11):
        t = sp.Rational(i, 10)
        r.append(sp.exp(-t * x1) - sp.exp(-t * x2) - x3 * (sp.exp(-t) - sp.exp(-10 * t)))
    return r


def powell_singular(x):
    x1, x2, x3, x4 = x
    return [x1 + 10 * x2, sp.sqrt(5) * (x3 - x4), (x2 - 2 * x3) ** 2, sp.sqrt(10) * (x1 - x4) ** 2]


def wood(x):
    x1, x2, x3, x4 = x
    return [10 * (x2 - x1 ** 2), 1 - x1, sp.sqrt(90) * (x4 - x3 ** 2), 1 - x3,
            sp.sqrt(10) * (x2 + x4 - 2), (x2 - x4) / sp.sqrt(10)]


def kowalik_osborne(x):
    x1, x2, x3, x4 = x
    y = "0.1957 0.1947 0.1735 0.1600 0.0844 0.0627 0.0456 0.0342 0.0323 0.0235 0.0246".split()
    u = "4 2 1 0.5 0.25 0.167 0.125 0.1 0.0833 0.0714 0.0625".split()
    r = []
    for yi, ui in zip(y, u):
        yi, ui = sp.Rational(yi), sp.Rational(ui)
        r.append(yi - x1 * (ui ** 2 + ui * x2) / (ui ** 2 + ui * x3 + x4))
    return r


def brown_dennis(x):
    x1, x2, x3, x4 = x
    r = []
    for i in range(1, 21):
        t = sp.Rational(i, 5)
        r.append((x1 + t * x2 - sp.exp(t)) ** 2 + (x3 + x4 * sp.sin(t) - sp.cos(t)) ** 2)
    return r


def osborne1(x):
    x1, x2, x3, x4, x5 = x
    y = ("0.844 0.908 0.932 0.936 0.925 0.908 0.881 0.850 0.818 0.784 0.751 0.718 0.685 0.658 0.628 0.603 "
         "0.580 0.558 0.538 0.522 0.506 0.490 0.478 0.467 0.457 0.448 0.438 0.431 0.424 0.420 0.414 0.411 0.406").split()
    return [sp.Rational(y[i]) - (x1 + x2 * sp.exp(-10 * i * x4) + x3 * sp.exp(-10 * i * x5)) for i in range(33)]


def biggs_exp6(x):
    x1, x2, x3, x4, x5, x6 = x
    r = []
    for i in range(1, 14):
        t = sp.Rational(i, 10)
        y = sp.exp(-t) - 5 * sp.exp(-10 * t) + 3 * sp.exp(-4 * t)
        r.append(x3 * sp.exp(-t * x1) - x4 * sp.exp(-t * x2) + x6 * sp.exp(-t * x5) - y)
    return r


def osborne2(x):
    y = ("1.366 1.191 1.112 1.013 0.991 0.885 0.831 0.847 0.786 0.725 0.746 0.679 0.608 0.655 0.616 0.606 "
         "0.602 0.626 0.651 0.724 0.649 0.649 0.694 0.644 0.624 0.661 0.612 0.558 0.533 0.495 0.500 0.423 0.395 "
         "0.375 0.372 0.391 0.396 0.405 0.428 0.429 0.523 0.562 0.607 0.653 0.672 0.708 0.633 0.668 0.645 0.632 "
         "0.591 0.559 0.597 0.625 0.739 0.710 0.729 0.720 0.636 0.581 0.428 0.292 0.162 0.098 0.054").split()
    r = []
    for i in range(65):
        t = sp.Rational(i, 10)
        r.append(sp.Rational(y[i]) - (x[0] * sp.exp(-t * x[4]) + x[1] * sp.exp(-(t - x[8]) ** 2 * x[5])
                                      + x[2] * sp.exp(-(t - x[9]) ** 2 * x[6]) + x[3] * sp.exp(-(t - x[10]) ** 2 * x[7])))
    return r


def watson(x):
    n = len(x)
    r = []
    for i in range(1, 30):
        t = sp.Rational(i, 29)
        s1 = sum((j - 1) * x[j - 1] * t ** (j - 2) for j in range(2, n + 1))
        s2 = sum(x[j - 1] * t ** (j - 1) for j in range(1, n + 1))
        r.append(s1 - s2 ** 2 - 1)
    r.append(x[0])
    r.append(x[1] - x[0] ** 2 - 1)
    return r


# name, MGH number, residual builder, n, x0, f*, local minima
PROBLEMS = [
    ("Rosenbrock", 1, rosenbrock, 2, [-1.2, 1.0], 0.0, []),
    ("Freudenstein-Roth", 2, freudenstein_roth, 2, [0.5, -2.0], 0.0, [48.9842536792400]),
    ("Powell badly scaled", 3, powell_badly_scaled, 2, [0.0, 1.0], 0.0, []),
    ("Brown badly scaled", 4, brown_badly_scaled, 2, [1.0, 1.0], 0.0, []),
    ("Beale", 5, beale, 2, [1.0, 1.0], 0.0, []),
    ("Jennrich-Sampson", 6, jennrich_sampson, 2, [0.3, 0.4], 124.3621823556148, []),
    ("Helical valley", 7, helical_valley, 3, [-1.0, 0.0, 0.0], 0.0, []),
    ("Bard", 8, bard, 3, [1.0, 1.0, 1.0], 8.214877306578e-3, [17.4286]),
    ("Gaussian", 9, gaussian, 3, [0.4, 1.0, 0.0], 1.127932769618e-8, []),
    ("Meyer", 10, meyer, 3, [0.02, 4000.0, 250.0], 87.9458551708, []),
    ("Gulf research", 11, gulf, 3, [5.0, 2.5, 0.15], 0.0, []),
    ("Box 3-D", 12, box3d, 3, [0.0, 10.0, 20.0], 0.0, []),
    ("Powell singular", 13, powell_singular, 4, [3.0, -1.0, 0.0, 1.0], 0.0, []),
    ("Wood", 14, wood, 4, [-3.0, -1.0, -3.0, -1.0], 0.0, []),
    ("Kowalik-Osborne", 15, kowalik_osborne, 4, [0.25, 0.39, 0.415, 0.39], 3.075056038492e-4, []),
    ("Brown-Dennis", 16, brown_dennis, 4, [25.0, 5.0, -5.0, -1.0], 85822.2016263564, []),
    ("Osborne 1", 17, osborne1, 5, [0.5, 1.5, -1.0, 0.01, 0.02], 5.464894697483e-5, []),
    ("Biggs EXP6", 18, biggs_exp6, 6, [1.0, 2.0, 1.0, 1.0, 1.0, 1.0], 0.0, [5.65565e-3]),
    ("Osborne 2", 19, osborne2, 11, [1.3, 0.65, 0.65, 0.7, 0.6, 3.0, 5.0, 7.0, 2.0, 4.5, 5.5], 4.013773629354e-2, []),
    ("Watson", 20, watson, 6, [0.0] * 6, 2.287670053552e-3, []),
]


def build(problem):
    """Returns (f, grad, hess) as NumPy callables with exact derivatives, assembled from the
    residuals: f = r'r, grad = 2 J'r, hess = 2 (J'J + sum_i r_i Hess(r_i))."""
    import numpy as np
    name, number, residuals, n, x0, fstar, local = problem
    x = _sym(n)
    r = residuals(list(x))
    jac = [[sp.diff(ri, v) for v in x] for ri in r]
    hr = [[[sp.diff(jij, v) for v in x] for jij in row] for row in jac]
    rl = sp.lambdify([x], r, "numpy", cse=True)
    jl = sp.lambdify([x], jac, "numpy", cse=True)
    hl = sp.lambdify([x], hr, "numpy", cse=True)

    def f(z):
        rv = np.asarray(rl(z), dtype=float)
        return float(rv @ rv)

    def g(z):
        rv = np.asarray(rl(z), dtype=float)
        return 2.0 * np.asarray(jl(z), dtype=float).T @ rv

    def h(z):
        rv = np.asarray(rl(z), dtype=float)
        j = np.asarray(jl(z), dtype=float)
        return 2.0 * (j.T @ j + np.tensordot(rv, np.asarray(hl(z), dtype=float), axes=1))

    return f, g, h


def value_at_start(problem, digits=30):
    name, number, residuals, n, x0, fstar, local = problem
    x = _sym(n)
    f = sum(r ** 2 for r in residuals(list(x)))
    return sp.N(f.subs({v: sp.nsimplify(c) for v, c in zip(x, x0)}), digits)


if __name__ == "__main__":
    for p in PROBLEMS:
        print(f"{p[1]:3d} {p[0]:22s} f(x0) = {value_at_start(p)}")
