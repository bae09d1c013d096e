#!/usr/bin/env bash
# Simplification benchmarks: Nabla's Simplifier (BenchmarkDotNet, short job) against SymPy's
# simplify (bench/peers/symbolic.py --simplify-eighth --simplify-watson) on issue 2's tasks:
# (b) the Watson Hessian (n = 6, m = 31), (c) the 8th derivative of exp(sin(x))/(1+x^2),
# (d) the lecture's gradient. Prints time per task and the ratio SymPy / Nabla.
# Usage: bench/run-simplify.sh            (about 3 minutes; SymPy alone needs ~50 s)
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)

echo "== SymPy ($(/usr/bin/python3 -c 'import sympy; print(sympy.__version__)'))"
/usr/bin/python3 bench/peers/symbolic.py --simplify-eighth --simplify-watson | tee "$out/sympy.tsv"

echo "== Nabla (BenchmarkDotNet, --job short)"
dotnet run -c Release --project bench/Nabla.Bench -- --filter '*SimplifyBenchmarks*' '*SymbolicBenchmarks.LectureGradientSimplify*' --job short \
  --exporters csv --artifacts "$out/bdn" > "$out/bdn.log" 2>&1 || { tail -30 "$out/bdn.log"; exit 1; }

/usr/bin/python3 - "$out/sympy.tsv" "$out"/bdn/results/*-report.csv <<'PY'
import csv, sys
units = {"ns": 1e-9, "μs": 1e-6, "us": 1e-6, "ms": 1e-3, "s": 1.0}
def seconds(text):
    value, unit = text.replace(",", "").split()
    return float(value) * units[unit]
nabla = {}
for path in sys.argv[2:]:
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            nabla[row["Method"].strip("'")] = seconds(row["Mean"])
sympy = {}
for line in open(sys.argv[1]):
    name, secs = line.split("\t")
    sympy[name] = float(secs)
def fmt(s):
    return f"{s*1e6:10.2f} us" if s < 1e-3 else f"{s*1e3:10.2f} ms"
print(f"{'task':40} {'Nabla':>13} {'SymPy':>13} {'SymPy/Nabla':>12}")
for name in sorted(nabla):
    if name in sympy:
        print(f"{name:40} {fmt(nabla[name])} {fmt(sympy[name])} {sympy[name]/nabla[name]:11.1f}x")
    else:
        print(f"{name:40} {fmt(nabla[name])}")
PY
rm -rf "$out"
