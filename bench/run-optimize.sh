#!/usr/bin/env bash
# Nabla's methods and SciPy's on the 20 Moré-Garbow-Hillstrom problems of issue 6, side by side:
# status per problem, total solved, total f-evaluations and total time (fastest of 30 runs; BenchmarkDotNet with --bdn for the steady state).
# Usage: bench/run-optimize.sh [--bdn]   (--bdn also runs the BenchmarkDotNet workload, ~10 min)
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/Nabla.Cli/Nabla.Cli.csproj -c Release -v quiet -nologo > /dev/null
out=$(mktemp -d)
dotnet src/Nabla.Cli/bin/Release/net10.0/Nabla.Cli.dll bench-problems --repeat 30 --json \
  --method bfgs --method lbfgs --method trust-region --method damped-newton --method newton-cg --method lbfgsb > "$out/nabla.json"
/usr/bin/python3 bench/peers/optimize.py --json > "$out/scipy.json"
/usr/bin/python3 - "$out/nabla.json" "$out/scipy.json" <<'PY'
import json, sys
nabla = json.load(open(sys.argv[1])); scipy = json.load(open(sys.argv[2]))
nm = ["bfgs", "lbfgs", "trust-region", "damped-newton", "newton-cg", "lbfgsb"]
sm = ["BFGS", "L-BFGS-B", "Newton-CG", "trust-exact", "trust-ncg"]
def cell(r):
    mark = "ok" if r["solved"] else ("FALSE" if r["false_success"] else "--")
    return f"{mark:>5} {r['f_evaluations']:>4}"
problems = [r["problem"] for r in nabla["runs"] if r["method"] == "bfgs"]
print("per problem: solved? (ok / -- / FALSE = success reported at a non-minimizer) and f-evaluations")
print(f"{'problem':<22}" + "".join(f"{m:>12}" for m in nm) + " |" + "".join(f"{m:>12}" for m in sm))
for p in problems:
    row = f"{p:<22}"
    for m in nm:
        r = next(r for r in nabla["runs"] if r["method"] == m and r["problem"] == p)
        row += f"{cell(r):>12}"
    row += " |"
    for m in sm:
        r = next(r for r in scipy["runs"] if r["method"] == m and r["problem"].replace("-", " ").lower() == p.replace("-", " ").lower())
        row += f"{cell(r):>12}"
    print(row)
print()
print(f"{'method':<16}{'solved':>8}{'false':>7}{'f-evals':>9}{'time ms':>10}")
for t in nabla["totals"]:
    print(f"nabla {t['method']:<10}{t['solved']:>5}/{t['problems']}{t['false_successes']:>7}{t['f_evaluations']:>9}{t['milliseconds']:>10.1f}")
for t in scipy["totals"]:
    print(f"scipy {t['method']:<10}{t['solved']:>5}/{t['problems']}{t['false_successes']:>7}{t['f_evaluations']:>9}{t['milliseconds']:>10.1f}")
b = next(t for t in scipy["totals"] if t["method"] == "BFGS")
for t in nabla["totals"]:
    print(f"time ratio scipy BFGS / nabla {t['method']}: {b['milliseconds'] / max(t['milliseconds'], 1e-9):.1f}x")
PY
if [[ "${1:-}" == "--bdn" ]]; then
  dotnet run -c Release --project bench/Nabla.Bench -- --filter '*MghBenchmarks*' --job short
fi
rm -rf "$out"
