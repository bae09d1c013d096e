#!/usr/bin/env bash
# Training throughput and GEMM speed: Nabla (BenchmarkDotNet) against PyTorch (Debian's python3-torch)
# and against OpenBLAS called directly. Prints samples/s per case and the ratio Nabla / PyTorch best.
# usage: bench/run-train.sh            (takes 10-30 minutes; run it alone on the machine)
#        TORCH_JSON=file bench/run-train.sh   reuses a saved `bench/peers/train.py --json` result
#        CASES="digits/256/fp32 fashion-mnist/256/fp32" bench/run-train.sh   only those training cases, no GEMM
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
echo "== PyTorch peer (best of torch threads x BLAS threads in {1,2}^2)"
if [ -n "${TORCH_JSON:-}" ]; then cp "$TORCH_JSON" "$out/torch.json"; else /usr/bin/python3 bench/peers/train.py --json --repeat "${TORCH_REPEAT:-3}" > "$out/torch.json"; fi
echo "== Nabla (BenchmarkDotNet)"
# BenchmarkDotNet looks for the project from the current directory.
filters=('*TrainEpochBenchmarks*' '*GemmBenchmarks*')
if [ -n "${CASES:-}" ]; then
  filters=()
  for c in $CASES; do IFS=/ read -r d b p <<<"$c"; filters+=("*TrainEpochBenchmarks.SgdEpoch(Data: \"$d\", Batch: $b, Precision: \"$p\")"); done
fi
(cd bench/Nabla.Bench && dotnet run -c Release -- --filter "${filters[@]}" \
  --exporters json --artifacts "$out/artifacts" >"$out/bdn.log" 2>&1) || { tail -30 "$out/bdn.log"; exit 1; }
grep -q "executed benchmarks: 0" "$out/bdn.log" && { grep -m5 -E "Exception|error" "$out/bdn.log"; exit 1; }
/usr/bin/python3 - "$out" <<'PY'
import glob, json, os, sys
out = sys.argv[1]
torch = json.load(open(os.path.join(out, "torch.json")))
nabla, gemm = {}, {}
for f in glob.glob(os.path.join(out, "artifacts", "results", "*-report-full-compressed.json")):
    for b in json.load(open(f))["Benchmarks"]:
        if not b.get("Statistics"):
            continue
        p = dict(kv.split("=") for kv in b["Parameters"].split("&")) if b.get("Parameters") else {}
        mean_s = b["Statistics"]["Mean"] / 1e9
        if b["Type"] == "TrainEpochBenchmarks":
            rows = 1797 if p["Data"] == "digits" else 10000
            nabla[f'{p["Data"]}/{p["Batch"]}/{p["Precision"]}'] = rows / mean_s
        elif b["Type"] == "GemmBenchmarks":
            n = int(p["N"])
            gemm[(b["Method"], n)] = 2 * n ** 3 / mean_s / 1e9
print(f'\nOne SGD epoch, samples/s (PyTorch {torch["torch"]})')
print(f'{"case":28s} {"Nabla":>10s} {"PyTorch":>10s} {"ratio":>6s}  torch setting')
for k in sorted(set(nabla) | set(torch["samples_per_second"])):
    a, b = nabla.get(k), torch["samples_per_second"].get(k)
    r = f"{a / b:6.2f}" if a and b else "   n/a"
    print(f'{k:28s} {a or 0:10.0f} {b or 0:10.0f} {r}  {torch["setting"].get(k, "")}')
print("\nGEMM C = A B (N x N), GFLOP/s")
for n in sorted({n for _, n in gemm}):
    for prec, ob, mg in (("double", "DgemmOpenBlas", "DgemmManaged"), ("float", "SgemmOpenBlas", "SgemmManaged")):
        o, m = gemm.get((ob, n)), gemm.get((mg, n))
        if o and m:
            print(f'N={n:5d} {prec:6s}  OpenBLAS {o:7.1f}  managed {m:7.1f}  managed/OpenBLAS {m / o:5.2f}')
PY
rm -rf "$out"
