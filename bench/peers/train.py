#!/usr/bin/env python3
"""PyTorch peer of Nabla's training benchmark: samples per second for one epoch of plain SGD
(lr 0.01, softmax cross-entropy, shuffled mini-batches) on
  digits        64-128-10 tanh        (all 1797 rows of data/digits.csv.gz, standardized)
  fashion-mnist 784-256-256-10 relu   (first 10000 training images, standardized)
at batch 32 and 256, float32 and float64. Debian's torch hands matrix products to the system
OpenBLAS, which runs its own threads, so every case is measured for torch threads x BLAS threads in
{1,2}^2 (BLAS threads are fixed per process: one subprocess each) and the best is reported.

usage: /usr/bin/python3 bench/peers/train.py [--repeat 3] [--json]
       CASES="digits/256/fp32 fashion-mnist/256/fp32" ... runs only those cases
"""
import gzip, json, os, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FASHION = "/usr/share/datasets/fashion-mnist"
CASES = [(d, b, p) for d in ("digits", "fashion-mnist") for b in (32, 256) for p in ("fp32", "fp64")]


def load(name):
    import numpy as np
    if name == "digits":
        with gzip.open(os.path.join(ROOT, "data", "digits.csv.gz"), "rt") as f:
            rows = np.loadtxt(f, delimiter=",")
        x, y = rows[:, :-1], rows[:, -1].astype(np.int64)
    else:
        with gzip.open(os.path.join(FASHION, "train-images-idx3-ubyte.gz")) as f:
            x = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 784)[:10000].astype(np.float64)
        with gzip.open(os.path.join(FASHION, "train-labels-idx1-ubyte.gz")) as f:
            y = np.frombuffer(f.read(), np.uint8, offset=8)[:10000].astype(np.int64)
    std = x.std(0)
    std[std < 1e-12] = 1
    return (x - x.mean(0)) / std, y


def worker(torch_threads, repeat):
    import torch
    torch.set_num_threads(torch_threads)
    results = {}
    only = os.environ.get("CASES", "").split()
    for data in ("digits", "fashion-mnist"):
        if only and not any(c.startswith(data + "/") for c in only):
            continue
        if data == "fashion-mnist" and not os.path.exists(os.path.join(FASHION, "train-images-idx3-ubyte.gz")):
            continue
        x_np, y_np = load(data)
        layers, act = ([64, 128, 10], torch.nn.Tanh) if data == "digits" else ([784, 256, 256, 10], torch.nn.ReLU)
        for batch in (32, 256):
            for prec in ("fp32", "fp64"):
                if only and f"{data}/{batch}/{prec}" not in only:
                    continue
                dtype = torch.float32 if prec == "fp32" else torch.float64
                torch.manual_seed(1)
                mods = []
                for i in range(len(layers) - 1):
                    mods.append(torch.nn.Linear(layers[i], layers[i + 1]))
                    if i + 2 < len(layers):
                        mods.append(act())
                net = torch.nn.Sequential(*mods).to(dtype)
                opt = torch.optim.SGD(net.parameters(), lr=0.01)
                x = torch.tensor(x_np, dtype=dtype)
                y = torch.tensor(y_np)
                n = len(y)
                loss_fn = torch.nn.CrossEntropyLoss()

                def epoch():
                    perm = torch.randperm(n)
                    for s in range(0, n, batch):
                        idx = perm[s:s + batch]
                        opt.zero_grad(set_to_none=True)
                        loss = loss_fn(net(x[idx]), y[idx])
                        loss.backward()
                        opt.step()

                epoch()  # warm-up
                best = float("inf")
                for _ in range(repeat):
                    t = time.perf_counter()
                    epoch()
                    best = min(best, time.perf_counter() - t)
                results[f"{data}/{batch}/{prec}"] = n / best
    return results


def main():
    args = sys.argv[1:]
    if args and args[0] == "--worker":
        print(json.dumps(worker(int(args[1]), int(args[2]))))
        return
    repeat = int(args[args.index("--repeat") + 1]) if "--repeat" in args else 3
    best, setting = {}, {}
    for blas in (1, 2):
        env = dict(os.environ, OPENBLAS_NUM_THREADS=str(blas), OMP_NUM_THREADS=str(blas), MKL_NUM_THREADS=str(blas))
        for tt in (1, 2):
            out = subprocess.run([sys.executable, __file__, "--worker", str(tt), str(repeat)], env=env, capture_output=True, text=True, check=True)
            for k, v in json.loads(out.stdout.strip().splitlines()[-1]).items():
                if v > best.get(k, 0):
                    best[k], setting[k] = v, f"torch {tt} x blas {blas}"
    if "--json" in args:
        import torch
        print(json.dumps({"torch": torch.__version__, "samples_per_second": best, "setting": setting}))
    else:
        for k in sorted(best):
            print(f"{k:28s} {best[k]:12.0f} samples/s   ({setting[k]})")


if __name__ == "__main__":
    main()
