#!/usr/bin/env python3
"""SciPy peer for `nabla bench-problems`: BFGS, L-BFGS-B, Newton-CG, trust-exact and trust-ncg
with exact derivatives (SymPy, lambdified) on the 20 Moré-Garbow-Hillstrom problems of issue 6,
from the standard starting points, default options. Success: |f - f*| <= 1e-6 max(1, |f*|) or a
documented local minimum. Prints a table and totals (f-evaluations, time); --json for the runner.
"""
import json
import sys
import time
import warnings

import numpy as np
import scipy
from scipy.optimize import minimize

sys.path.insert(0, __import__("os").path.dirname(__file__))
import mgh  # noqa: E402

METHODS = ["BFGS", "L-BFGS-B", "Newton-CG", "trust-exact", "trust-ncg"]


def solved(value, fstar, local):
    for target in [fstar] + list(local):
        if np.isfinite(value) and abs(value - target) <= 1e-6 * max(1.0, abs(target)):
            return True
    return False


def main():
    as_json = "--json" in sys.argv
    built = []
    t0 = time.perf_counter()
    for p in mgh.PROBLEMS:
        f, g, h = mgh.build(p)
        built.append((p, f, g, h))
    build_seconds = time.perf_counter() - t0
    rows = []
    warnings.simplefilter("ignore")
    for method in METHODS:
        for p, f, g, h in built:
            name, number, _, n, x0, fstar, local = p
            kwargs = {"jac": g}
            if method in ("Newton-CG", "trust-exact", "trust-ncg"):
                kwargs["hess"] = h
            # warm-up (lambdified code paths), then the measured run
            minimize(f, np.array(x0, dtype=float), method=method, **kwargs)
            start = time.perf_counter()
            r = minimize(f, np.array(x0, dtype=float), method=method, **kwargs)
            elapsed = time.perf_counter() - start
            value = float(r.fun)
            ok = solved(value, fstar, local)
            rows.append({
                "problem": name, "mgh": number, "method": method, "success": bool(r.success), "solved": ok,
                "false_success": bool(r.success) and not ok, "value": value, "iterations": int(getattr(r, "nit", -1)),
                "f_evaluations": int(r.nfev), "gradient_evaluations": int(getattr(r, "njev", 0) or 0),
                "hessian_evaluations": int(getattr(r, "nhev", 0) or 0), "milliseconds": elapsed * 1e3,
                "message": str(r.message),
            })
    totals = []
    for method in METHODS:
        rs = [r for r in rows if r["method"] == method]
        totals.append({"method": method, "solved": sum(r["solved"] for r in rs), "problems": len(rs),
                       "false_successes": sum(r["false_success"] for r in rs),
                       "f_evaluations": sum(r["f_evaluations"] for r in rs),
                       "milliseconds": sum(r["milliseconds"] for r in rs)})
    if as_json:
        json.dump({"scipy": scipy.__version__, "build_seconds": build_seconds, "runs": rows, "totals": totals}, sys.stdout, indent=1)
        return
    print(f"SciPy {scipy.__version__}, exact derivatives (SymPy, lambdified in {build_seconds:.1f} s)")
    for method in METHODS:
        print(method)
        print(f"  {'MGH':>3} {'problem':<22} {'success':<8} {'nit':>5} {'nfev':>5} {'f':<22} solved")
        for r in [r for r in rows if r["method"] == method]:
            mark = "yes" if r["solved"] else ("NO (false success)" if r["false_success"] else "no")
            print(f"  {r['mgh']:>3} {r['problem']:<22} {str(r['success']):<8} {r['iterations']:>5} {r['f_evaluations']:>5} {r['value']:<22.15g} {mark}")
        t = [t for t in totals if t["method"] == method][0]
        print(f"  total: solved {t['solved']}/{t['problems']}, false successes {t['false_successes']}, f-evaluations {t['f_evaluations']}, time {t['milliseconds']:.1f} ms")
        print()


if __name__ == "__main__":
    main()
