#!/usr/bin/python3
"""Merges the BenchmarkDotNet JSON results and the PyTorch peer timings of bench/run-autodiff.sh into ratio tables."""
import glob, json, os, sys

out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/nabla-bench-autodiff"
nabla = {}
for path in glob.glob(os.path.join(out, "results", "*-report-full*.json")):
    with open(path) as fh:
        for b in json.load(fh)["Benchmarks"]:
            params = dict(p.split("=", 1) for p in b.get("Parameters", "").split("&") if "=" in p)
            key = params.get("Problem") or (f"ExtRosenbrock{params['N']}" if "N" in params else "ExtRosenbrock1000")
            if b["Statistics"] is not None:
                nabla[(b["Method"], key)] = b["Statistics"]["Mean"] * 1e-9
peer = {}
with open(os.path.join(out, "peer.jsonl")) as fh:
    for line in fh:
        r = json.loads(line)
        peer[(r["workload"], r["problem"])] = r["seconds"]


def t(s):
    if s is None: return "n/a"
    for unit, scale in (("s", 1), ("ms", 1e-3), ("µs", 1e-6), ("ns", 1e-9)):
        if s >= scale: return f"{s / scale:.3g} {unit}"
    return f"{s / 1e-9:.3g} ns"


def r(a, b):
    return "n/a" if a is None or b is None else f"{a / b:.2f}"


def row(cells):
    print("| " + " | ".join(cells) + " |")


print("## Per call (ratios: time / hand-written f; 'torch/x' = how many times faster than functorch)\n")
row(["problem", "f hand", "f Real/f", "grad hand/f", "grad default/f", "grad tape/f", "grad traced/f", "HVP/f", "HVP traced/f", "Hessian", "Hessian traced", "torch grad", "torch/grad", "torch Hessian", "torch/Hessian"])
row(["---"] * 15)
for p in ["Rosenbrock", "HelicalValley", "Wood", "ExtRosenbrock100"]:
    g = lambda m: nabla.get((m, p))
    f = g("FHand")
    best_grad = min(x for x in [g("Gradient"), g("GradientTape"), g("GradientTraced")] if x is not None) if g("Gradient") else None
    best_hess = min(x for x in [g("Hessian"), g("HessianTraced")] if x is not None) if g("Hessian") else None
    tg, th = peer.get(("gradient", p)), peer.get(("hessian", p))
    row([p, t(f), r(g("FReal"), f), r(g("GradientHand"), f), r(g("Gradient"), f), r(g("GradientTape"), f), r(g("GradientTraced"), f),
         r(g("Hvp"), f), r(g("HvpTraced"), f), t(g("Hessian")), t(g("HessianTraced")), t(tg), r(tg, best_grad), t(th), r(th, best_hess)])

print("\n## Extended Rosenbrock, large n (ratios: time / hand-written C# gradient)\n")
row(["n", "f hand", "f Real/f", "grad hand", "grad tape/hand", "grad separable/hand", "torch f+grad", "torch/separable", "numpy hand grad",
     "HVP hand", "HVP tape/hand grad", "HVP separable/hand grad", "torch HVP", "torch/separable HVP"])
row(["---"] * 14)
for n in [10_000, 1_000_000]:
    p = f"ExtRosenbrock{n}"
    g = lambda m: nabla.get((m, p))
    hand = g("GradientHand")
    row([str(n), t(g("FHand")), r(g("FReal"), g("FHand")), t(hand), r(g("GradientTape"), hand), r(g("GradientSeparable"), hand),
         t(peer.get(("gradient", p))), r(peer.get(("gradient", p)), g("GradientSeparable")), t(peer.get(("numpy hand gradient", p))),
         t(g("HvpHand")), r(g("HvpTape"), hand), r(g("HvpSeparable"), hand), t(peer.get(("hvp", p))), r(peer.get(("hvp", p)), g("HvpSeparable"))])

print("\n## Full Hessian, extended Rosenbrock n = 1000\n")
th = peer.get(("hessian", "ExtRosenbrock1000"))
row(["method", "time", "torch hessian(vectorize=True) / this"])
row(["---"] * 3)
for m, label in [("Dense", "dense chunked forward-over-reverse"), ("Sparse", "sparse: detected pattern, colored"), ("Separable", "separable element Hessians")]:
    row([label, t(nabla.get((m, "ExtRosenbrock1000"))), r(th, nabla.get((m, "ExtRosenbrock1000")))])
row(["torch.autograd.functional.hessian(vectorize=True)", t(th), "1.00"])
