#!/usr/bin/env bash
# Certified critical points (Nabla, BenchmarkDotNet) vs SymPy solve + Hessian test (bench/peers/critical.py).
# Prints both timings and the ratio per workload. Usage: bench/run-critical.sh
set -euo pipefail
cd "$(dirname "$0")/.."
art=$(mktemp -d)
dotnet run -c Release --project bench/Nabla.Bench -- --filter '*CriticalPointsBench*' --job short --exporters csv --artifacts "$art" >/dev/null
csv=$(ls "$art"/results/*CriticalPointsBench*-report.csv)
peer=$(/usr/bin/python3 bench/peers/critical.py 3)
python3 - "$csv" "$peer" <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1])))
def seconds(text):
    v, unit = text.replace(',', '').split()
    return float(v) * {'ns': 1e-9, 'us': 1e-6, 'μs': 1e-6, 'ms': 1e-3, 's': 1.0}[unit]
nabla = {r['Method'].strip("'"): seconds(r['Mean']) for r in rows}
print(f"{'workload':<12}{'Nabla (certified)':>20}{'SymPy solve+Hessian':>22}{'ratio':>10}  points Nabla / SymPy")
expected = {'himmelblau': 9, 'poly3': 5}
for line in sys.argv[2].splitlines():
    p = json.loads(line)
    n = nabla.get(p['name'])
    if n is None:
        continue
    print(f"{p['name']:<12}{n*1e3:>17.1f} ms{p['seconds']*1e3:>19.1f} ms{p['seconds']/n:>9.1f}x  {expected[p['name']]} / {len(p['points'])} ({', '.join(sorted(set(p['classes'])))})")
PY
rm -rf "$art"
