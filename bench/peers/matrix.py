#!/usr/bin/python3
"""Matrix-calculus peer: the lecture's table and Cookbook identities in SymPy's MatrixSymbol.

For each case: derivation time (median over repeats, SymPy's cache cleared before every call, so
that nothing is reused between repeats), and whether SymPy's result is right, checked numerically
against the reference on a random instance (n=3, m=2). Prints one JSON object per line:
{"case", "sympy_ms", "status": "ok" | "wrong" | "cannot", "matrix_form", "detail"}
("matrix_form": SymPy returned a matrix expression rather than an array expression such as
PermuteDims(ArrayTensorProduct(a, b))).
Run: /usr/bin/python3 bench/peers/matrix.py [--repeats N]
"""
import json
import sys
import time
import warnings

import numpy as np
import sympy
from sympy import MatrixSymbol, Trace, Determinant, Inverse, log, Identity, symbols
from sympy.core.cache import clear_cache

warnings.filterwarnings("ignore")
n, m = symbols("n m", integer=True, positive=True)
X = MatrixSymbol("X", n, m)
Xs = MatrixSymbol("X", n, n)
A = MatrixSymbol("A", n, n)
Am = MatrixSymbol("A", m, n)
C = MatrixSymbol("C", n, n)
a_n = MatrixSymbol("a", n, 1)
a_m = MatrixSymbol("a", m, 1)
b_m = MatrixSymbol("b", m, 1)
b_n = MatrixSymbol("b", n, 1)
x = MatrixSymbol("x", n, 1)
w = MatrixSymbol("w", m, 1)
y = MatrixSymbol("y", n, 1)
Ay = MatrixSymbol("A", n, m)

rng = np.random.default_rng(7)
N, M = 3, 2
inst = {
    "X": rng.uniform(-1, 1, (N, M)), "Xs": rng.uniform(-1, 1, (N, N)) + N * np.eye(N),
    "A": rng.uniform(-1, 1, (N, N)) + N * np.eye(N), "Am": rng.uniform(-1, 1, (M, N)), "C": rng.uniform(-1, 1, (N, N)),
    "a_n": rng.uniform(-1, 1, (N, 1)), "a_m": rng.uniform(-1, 1, (M, 1)), "b_m": rng.uniform(-1, 1, (M, 1)),
    "b_n": rng.uniform(-1, 1, (N, 1)), "x": rng.uniform(-1, 1, (N, 1)), "w": rng.uniform(-1, 1, (M, 1)),
    "y": rng.uniform(-1, 1, (N, 1)), "Ay": rng.uniform(-1, 1, (N, M)),
}
sym = {"X": X, "Xs": Xs, "A": A, "Am": Am, "C": C, "a_n": a_n, "a_m": a_m, "b_m": b_m, "b_n": b_n,
       "x": x, "w": w, "y": y, "Ay": Ay}
I = inst
inv = np.linalg.inv
det = np.linalg.det

# case name, (function, variable), symbols used, reference value (numpy), or a 4-tensor reference for inv
CASES = [
    ("a'*x", lambda: (a_n.T * x, x), ["a_n", "x"], lambda: I["a_n"]),
    ("x'*A*x", lambda: (x.T * A * x, x), ["x", "A"], lambda: (I["A"] + I["A"].T) @ I["x"]),
    ("a'*X*b", lambda: (MatrixSymbol("a", n, 1).T * X * b_m, X), ["a_n", "X", "b_m"], lambda: I["a_n"] @ I["b_m"].T),
    ("a'*X'*C*X*b", lambda: (a_m.T * X.T * C * X * b_m, X), ["a_m", "X", "C", "b_m"],
     lambda: I["C"].T @ I["X"] @ I["a_m"] @ I["b_m"].T + I["C"] @ I["X"] @ I["b_m"] @ I["a_m"].T),
    ("tr(X)", lambda: (Trace(Xs), Xs), ["Xs"], lambda: np.eye(N)),
    ("tr(A*X)", lambda: (Trace(Am * X), X), ["Am", "X"], lambda: I["Am"].T),
    ("tr(X'*A*X)", lambda: (Trace(X.T * A * X), X), ["X", "A"], lambda: (I["A"] + I["A"].T) @ I["X"]),
    ("det(X)", lambda: (Determinant(Xs), Xs), ["Xs"], lambda: det(I["Xs"]) * inv(I["Xs"]).T),
    ("logdet(X)", lambda: (log(Determinant(Xs)), Xs), ["Xs"], lambda: inv(I["Xs"]).T),
    ("inv(A)", lambda: (Inverse(A), A), ["A"], None),
    ("norm2(y - A*w)^2", lambda: ((y - Ay * w).T * (y - Ay * w), w), ["y", "Ay", "w"],
     lambda: -2 * I["Ay"].T @ (I["y"] - I["Ay"] @ I["w"])),
    ("tr(X^3)", lambda: (Trace(Xs ** 3), Xs), ["Xs"], lambda: 3 * np.linalg.matrix_power(I["Xs"], 2).T),
    ("a'*inv(X)*b", lambda: (a_n.T * Inverse(Xs) * b_n, Xs), ["a_n", "Xs", "b_n"],
     lambda: -inv(I["Xs"]).T @ I["a_n"] @ I["b_n"].T @ inv(I["Xs"]).T),
    ("tr(inv(X))", lambda: (Trace(Inverse(Xs)), Xs), ["Xs"], lambda: -(inv(I["Xs"]) @ inv(I["Xs"])).T),
    ("det(X'*A*X)", lambda: (Determinant(Xs.T * A * Xs), Xs), ["Xs", "A"],
     lambda: 2 * det(I["Xs"].T @ I["A"] @ I["Xs"]) * inv(I["Xs"]).T),
    ("x'*x", lambda: (x.T * x, x), ["x"], lambda: 2 * I["x"]),
]


def value(expr, names):
    """Numeric value of a SymPy matrix or array expression on the instance (n=3, m=2), size-1 axes removed."""
    e = expr.subs({n: N, m: M})
    subs = {}
    for k in names:
        s = sym[k].subs({n: N, m: M})
        subs[s] = sympy.Matrix(I[k])
    v = e.subs(subs)
    v = v.doit() if not hasattr(v, "as_explicit") or isinstance(v, sympy.MatrixBase) else v.as_explicit()
    if isinstance(v, sympy.MatrixBase):
        arr = np.array(v.evalf().tolist(), dtype=float)
    elif hasattr(v, "tolist"):
        arr = np.array(v.tolist(), dtype=float)
    else:
        arr = np.array([[float(v)]])
    return np.squeeze(arr)


def matches(val, expect):
    """Equal, or equal after permuting axes (another layout); returns (ok, which)."""
    import itertools
    expect = np.squeeze(expect)
    if val.shape == expect.shape and np.allclose(val, expect, rtol=1e-8, atol=1e-10):
        return True, ""
    for perm in itertools.permutations(range(expect.ndim)):
        t = np.transpose(expect, perm)
        if perm != tuple(range(expect.ndim)) and val.shape == t.shape and np.allclose(val, t, rtol=1e-8, atol=1e-10):
            return True, f"axes permuted {perm} (another layout)"
    return False, ""


def main():
    repeats = 20
    if "--repeats" in sys.argv:
        repeats = int(sys.argv[sys.argv.index("--repeats") + 1])
    for name, build, names, ref in CASES:
        f, var = build()
        times = []
        result, error = None, None
        for _ in range(repeats):
            clear_cache()
            t0 = time.perf_counter()
            try:
                result = f.diff(var)
            except Exception as e:  # SymPy cannot do it
                error = f"{type(e).__name__}: {e}"
                break
            times.append(time.perf_counter() - t0)
        ms = float(np.median(times)) * 1e3 if times else None
        if error is not None:
            print(json.dumps({"case": name, "sympy_ms": ms, "status": "cannot", "matrix_form": False, "detail": error[:200]}))
            continue
        detail = str(result)[:200]
        try:
            val = value(result, names)
            expect = -np.einsum("iu,vj->ijuv", inv(I["A"]), inv(I["A"])) if ref is None else ref()
            ok, which = matches(val, expect)
            status = "ok" if ok else "wrong"
            if which:
                detail = f"{which}: {detail}"
        except Exception as e:
            status, detail = "cannot", f"{detail} [does not evaluate: {type(e).__name__}: {str(e)[:80]}]"
        form = isinstance(result, (sympy.MatrixExpr, sympy.MatrixBase))
        print(json.dumps({"case": name, "sympy_ms": ms, "status": status, "matrix_form": form, "detail": detail}))


if __name__ == "__main__":
    main()
