#!/bin/sh
# Curvature benchmark: PyHessian's algorithms on PyTorch (bench/peers/curvature.py) against Nabla
# (bench/Nabla.Bench/Curvature), same model, data and iterations; prints the ratios.
# Usage: bench/run-curvature.sh   (from the repository root; takes a few minutes)
set -e
DIR=${NABLA_CURVATURE_BENCH_DIR:-/tmp/nabla-curvature-bench}
export NABLA_CURVATURE_BENCH_DIR=$DIR
PY=/usr/bin/python3
$PY bench/peers/curvature.py prepare --data data/digits.csv.gz --out "$DIR"
# PyTorch: the best of torch threads x BLAS threads in {1,2}^2 (Debian's torch hands GEMMs to the system BLAS).
# The dense Hessian (2410 HVPs) only with 1x1 threads: oversubscribed settings take many minutes for it.
rm -f "$DIR"/peer-*.json
for t in 1 2; do for b in 1 2; do
  dense=--skip-dense; [ $t = 1 ] && [ $b = 1 ] && dense=
  OPENBLAS_NUM_THREADS=$b OMP_NUM_THREADS=$b $PY bench/peers/curvature.py bench --dir "$DIR" --threads $t --repeat 3 $dense > "$DIR/peer-$t-$b.json"
done; done
dotnet run -c Release --project bench/Nabla.Bench -- curvature-check | tee "$DIR/nabla-check.txt"
dotnet run -c Release --project bench/Nabla.Bench -- --filter '*CurvatureBenchmarks*' --exporters json --artifacts "$DIR/bdn" > "$DIR/bdn.log"
$PY - "$DIR" <<'PYEOF'
import glob, json, os, sys
d = sys.argv[1]
peers = [json.load(open(f)) for f in sorted(glob.glob(os.path.join(d, "peer-*.json")))]
import math
best = {k: min(p["seconds"][k] for p in peers if not math.isnan(p["seconds"][k])) for k in peers[0]["seconds"]}
rep = json.load(open(glob.glob(os.path.join(d, "bdn", "results", "*.json"))[0]))
ours = {b["Method"]: b["Statistics"]["Median"] / 1e9 for b in rep["Benchmarks"]}
rows = [("one HVP", "hvp", "Hvp"), ("top-1, power iteration (PyHessian algorithm both sides)", "top1", "PowerTop1"),
        ("top-1: PyHessian power vs Nabla Lanczos", "top1", "LanczosTop1"), ("top-5, power iteration both sides", "top5", "PowerTop5"),
        ("top-5: PyHessian power vs Nabla Lanczos", "top5", "LanczosTop5"), ("Hutchinson trace, 100 samples", "trace100", "Trace100"),
        ("dense Hessian (n HVPs)", "dense", "Dense"), ("graph / forward+backward at theta", "graph", "Graph")]
print(f"{'workload':58} {'PyTorch':>10} {'Nabla':>10} {'ratio':>7}")
for name, pk, nk in rows:
    print(f"{name:58} {best[pk]*1e3:9.2f}ms {ours[nk]*1e3:9.2f}ms {best[pk]/ours[nk]:7.2f}")
p = next(q for q in peers if not math.isnan(q["seconds"]["dense"]))
print("PyTorch top-5 (power):", [round(x, 6) for x in p["top5"]], "exact:", [round(x, 6) for x in p["exact_top5"]])
print("PyTorch trace:", round(p["trace"], 3), "+-", round(p["trace_stderr"], 3), "exact:", round(p["exact_trace"], 3))
PYEOF
