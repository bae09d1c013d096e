#!/usr/bin/env bash
# AutoDiff benchmarks: Nabla (BenchmarkDotNet) and PyTorch 1.13 + functorch (bench/peers/autodiff.py)
# from one run, printed as ratios against hand-written C# f and gradient.
# Usage: bench/run-autodiff.sh [extra BenchmarkDotNet arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${NABLA_BENCH_OUT:-/tmp/nabla-bench-autodiff}"
rm -rf "$out"
mkdir -p "$out"
dotnet run -c Release --project bench/Nabla.Bench -- --filter '*AutoDiff*' --exporters json --artifacts "$out" "$@" > "$out/bdn.log"
/usr/bin/python3 bench/peers/autodiff.py > "$out/peer.jsonl"
/usr/bin/python3 bench/autodiff_report.py "$out"
