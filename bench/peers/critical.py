#!/usr/bin/env python3
"""Peer for `nabla critical`: SymPy's solve on the gradient plus the Hessian test.

For each workload: time to solve grad f = 0 symbolically (sympy.solve), keep the real solutions
in the box, and classify each by the eigenvalues of the Hessian (numerically). Prints one JSON
line per workload: name, seconds (best of --repeat), points found, classes.
Run with Debian's /usr/bin/python3 (SymPy from the distribution).
"""
import json
import sys
import time

import sympy as sp

WORKLOADS = [
    ("himmelblau", "(x**2 + y - 11)**2 + (x + y**2 - 7)**2", ["x", "y"], 6.0),
    ("poly3", "x*y*z - x**2 - y**2 - z**2", ["x", "y", "z"], 3.0),
]


def classify(hessian, subs):
    m = sp.Matrix(hessian).subs(subs).evalf()
    eig = sorted(float(sp.re(v)) for v in m.eigenvals(multiple=True))
    tol = 1e-9 * max(1.0, max(abs(v) for v in eig))
    if all(v > tol for v in eig):
        return "strict local minimum", eig
    if all(v < -tol for v in eig):
        return "strict local maximum", eig
    if any(v > tol for v in eig) and any(v < -tol for v in eig):
        return "saddle point", eig
    return "undetermined", eig


def run(name, formula, names, half):
    syms = sp.symbols(names)
    f = sp.sympify(formula, locals=dict(zip(names, syms)))
    grad = [sp.diff(f, s) for s in syms]
    hess = sp.hessian(f, syms)
    t0 = time.perf_counter()
    sols = sp.solve(grad, syms, dict=True)
    points = []
    for s in sols:
        vals = [complex(sp.N(s.get(v, v), 30)) for v in syms]
        if any(abs(v.imag) > 1e-9 for v in vals):
            continue
        p = [v.real for v in vals]
        if all(-half <= c <= half for c in p):
            points.append((p, s))
    classes = []
    for p, s in points:
        cls, eig = classify(hess, {v: sp.Float(c, 30) for v, c in zip(syms, p)})
        classes.append(cls)
    seconds = time.perf_counter() - t0
    return {"name": name, "seconds": seconds, "points": [p for p, _ in points], "classes": classes, "solutions_total": len(sols)}


def main():
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    for w in WORKLOADS:
        best = None
        for _ in range(repeat):
            r = run(*w)
            if best is None or r["seconds"] < best["seconds"]:
                best = r
        print(json.dumps(best))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
