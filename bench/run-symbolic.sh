#!/usr/bin/env bash
# Runs issue 2's symbolic tasks (a)-(e) in Nabla (BenchmarkDotNet, short job) and in SymPy
# (bench/peers/symbolic.py), then prints time per task and the ratio SymPy / Nabla, and the
# compiled Watson Hessian against a hand-written C# version.
# Usage: bench/run-symbolic.sh            (about 3-5 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)

echo "== SymPy ($(/usr/bin/python3 -c 'import sympy; print(sympy.__version__)'))"
/usr/bin/python3 bench/peers/symbolic.py | tee "$out/sympy.tsv"

echo "== Nabla (BenchmarkDotNet, --job short)"
dotnet run -c Release --project bench/Nabla.Bench -- --filter '*SymbolicBenchmarks*' --job short \
  --exporters csv --artifacts "$out/bdn" > "$out/bdn.log" 2>&1 || { tail -30 "$out/bdn.log"; exit 1; }
csv=$(ls "$out"/bdn/results/*SymbolicBenchmarks-report.csv)

/usr/bin/python3 - "$csv" "$out/sympy.tsv" <<'PY'
import csv, sys
units = {"ns": 1e-9, "μs": 1e-6, "us": 1e-6, "ms": 1e-3, "s": 1.0}
def seconds(text):
    value, unit = text.replace(",", "").split()
    return float(value) * units[unit]
nabla = {}
with open(sys.argv[1], newline="") as f:
    for row in csv.DictReader(f):
        nabla[row["Method"].strip("'")] = seconds(row["Mean"])
sympy = {}
for line in open(sys.argv[2]):
    name, secs = line.split("\t")
    sympy[name] = float(secs)
def fmt(s):
    return f"{s*1e6:10.2f} us" if s < 1e-3 else f"{s*1e3:10.2f} ms"
print(f"{'task':40} {'Nabla':>13} {'SymPy':>13} {'SymPy/Nabla':>12}")
for name in sorted(nabla):
    if name in sympy:
        print(f"{name:40} {fmt(nabla[name])} {fmt(sympy[name])} {sympy[name]/nabla[name]:11.1f}x")
hw = nabla.get("e_watson6_handwritten_hessian_eval")
cw = nabla.get("e_watson6_compiled_hessian_eval")
if hw and cw:
    print(f"compiled Watson Hessian / hand-written C#: {cw/hw:.2f}x (target <= 2x)")
PY
rm -rf "$out"
