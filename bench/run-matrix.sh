#!/usr/bin/env bash
# Matrix calculus: Nabla's derivation time per identity (BenchmarkDotNet, short job) against SymPy's
# MatrixSymbol (bench/peers/matrix.py, Debian's python3), side by side, with SymPy's failures.
# Usage: bench/run-matrix.sh            (about 3-4 minutes on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d /tmp/nabla-matrix-bench.XXXX)
dotnet run -c Release --project bench/Nabla.Bench -- --filter '*MatrixDerivationBench.Derive' --job short \
  --exporters csv --artifacts "$out" > "$out/bdn.log"
/usr/bin/python3 bench/peers/matrix.py > "$out/sympy.jsonl"
/usr/bin/python3 - "$out" <<'PY'
import csv, glob, json, sys
out = sys.argv[1]
unit = {"ns": 1e-6, "μs": 1e-3, "us": 1e-3, "ms": 1.0, "s": 1e3}
nabla = {}
for path in glob.glob(f"{out}/results/*MatrixDerivationBench*-report.csv"):
    for row in csv.DictReader(open(path, encoding="utf-8")):
        if row["Method"] != "Derive":
            continue
        value, u = row["Mean"].replace(",", "").split()
        nabla[row["Case"]] = float(value) * unit[u]
peer = [json.loads(l) for l in open(f"{out}/sympy.jsonl", encoding="utf-8")]
print(f"{'case':<20}{'Nabla ms':>10}{'SymPy ms':>11}{'ratio':>9}  SymPy result")
for p in peer:
    n = nabla.get(p["case"])
    s = p["sympy_ms"]
    ratio = f"{s / n:8.0f}x" if n and s and p["status"] == "ok" else "      --"
    verdict = p["status"] + ("" if p.get("matrix_form", True) or p["status"] != "ok" else " (array expression, no matrix form)")
    print(f"{p['case']:<20}{(f'{n:.4f}' if n else '--'):>10}{(f'{s:.3f}' if s else '--'):>11}{ratio}  {verdict}")
worst = max(nabla.values()) if nabla else float("nan")
print(f"\nslowest Nabla derivation: {worst:.4f} ms (target: every table row < 1 ms after warm-up)")
print(f"raw results: {out}")
PY
