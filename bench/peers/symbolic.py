#!/usr/bin/env python3
"""Issue 2's symbolic tasks (a)-(e) on SymPy, the peer of bench/Nabla.Bench/Symbolic.

Prints one line per task: name<TAB>seconds (the median of a few runs, SymPy's cache cleared before
each run so a repeated run does not just read the cache). Variables are named a1..a6 so that
lambdify(cse=True)'s temporaries x0, x1, ... cannot clash with them.
Run: /usr/bin/python3 bench/peers/symbolic.py [--simplify-watson] [--simplify-eighth]
"""
import statistics
import sys
import time
import timeit

import sympy as sp
from sympy.core.cache import clear_cache


def timed(fn, repeat=3):
    times = []
    result = None
    for _ in range(repeat):
        clear_cache()
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def rosenbrock(n):
    a = sp.symbols(f"a1:{n + 1}")
    f = sum(100 * (a[i + 1] - a[i] ** 2) ** 2 + (1 - a[i]) ** 2 for i in range(0, n, 2))
    return f, a


def watson(n=6):
    a = sp.symbols(f"a1:{n + 1}")
    terms = []
    for i in range(1, 30):
        t = sp.Rational(i, 29)
        s1 = sum((j - 1) * a[j - 1] * t ** (j - 2) for j in range(2, n + 1))
        s2 = sum(a[j - 1] * t ** (j - 1) for j in range(1, n + 1))
        terms.append((s1 - s2 ** 2 - 1) ** 2)
    terms.append(a[0] ** 2)
    terms.append((a[1] - a[0] ** 2 - 1) ** 2)
    return sp.Add(*terms), a


def main():
    out = []
    f, a = rosenbrock(10)
    out.append(("a_rosenbrock10_hessian", timed(lambda: sp.hessian(f, a))[0]))

    w, wa = watson(6)
    tb, hw = timed(lambda: sp.hessian(w, wa), repeat=1)
    out.append(("b_watson6_hessian", tb))
    if "--simplify-watson" in sys.argv:
        out.append(("b_watson6_hessian_simplify", timed(lambda: hw.applyfunc(sp.simplify), repeat=1)[0]))

    x = sp.Symbol("x")
    g = sp.exp(sp.sin(x)) / (1 + x ** 2)
    out.append(("c_eighth_derivative", timed(lambda: sp.diff(g, x, 8))[0]))
    if "--simplify-eighth" in sys.argv:
        d8 = sp.diff(g, x, 8)
        out.append(("c_eighth_derivative_simplify", timed(lambda: sp.simplify(d8), repeat=1)[0]))

    X, Y = sp.symbols("x y")
    lec = X * Y ** 3 / (X ** 2 + Y ** 2)
    out.append(("d_lecture_gradient_simplify", timed(lambda: [sp.simplify(sp.diff(lec, v)) for v in (X, Y)])[0]))

    fn = sp.lambdify(wa, hw, modules="numpy", cse=True)
    p = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]
    fn(*p)
    number = 2000
    per = min(timeit.repeat(lambda: fn(*p), number=number, repeat=5)) / number
    out.append(("e_watson6_compiled_hessian_eval", per))

    for name, secs in out:
        print(f"{name}\t{secs:.9g}")


if __name__ == "__main__":
    main()
