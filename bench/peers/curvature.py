#!/usr/bin/python3
"""PyHessian's algorithms (Yao et al. 2020) on PyTorch (Debian's python3-torch, double backward),
for the same model and data as bench/Nabla.Bench/Curvature: a digits 64-32-10 tanh MLP, full-batch
mean cross-entropy on the training split, float64.

  curvature.py prepare --data digits.csv.gz --out DIR   # split, standardise, train, write DIR/*.bin
  curvature.py bench --dir DIR [--repeat 5]             # time the workloads, print one JSON object

Workloads (as PyHessian implements them): one HVP; top eigenvalue by power iteration
(maxIter 100, tol 1e-3); top-5 by power iteration with deflation; 100-sample Hutchinson trace
(Rademacher); dense Hessian from n HVPs (plus numpy's eigvalsh as the reference).
Files (little-endian): X.bin float64 N*64, y.bin int32 N, theta.bin float64 (W1 32x64, b1, W2 10x32,
b2: PyTorch's parameter order), meta.json.
"""
import argparse, gzip, json, os, sys, time
import numpy as np
import torch

SIZES = [64, 32, 10]


def build(theta=None):
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(64, 32), torch.nn.Tanh(), torch.nn.Linear(32, 10)).double()
    if theta is not None:
        off = 0
        with torch.no_grad():
            for p in model.parameters():
                k = p.numel()
                p.copy_(torch.from_numpy(theta[off:off + k]).view_as(p))
                off += k
    return model


def prepare(args):
    rows = np.loadtxt(gzip.open(args.data, "rt"), delimiter=",")
    x, y = rows[:, :64], rows[:, 64].astype(np.int64)
    rng = np.random.default_rng(1)
    perm = rng.permutation(len(y))
    ntest = int(round(0.2 * len(y)))
    train = perm[ntest:]
    xt, yt = x[train], y[train]
    mean, std = xt.mean(0), xt.std(0)
    std[std == 0] = 1
    xt = (xt - mean) / std
    X, Y = torch.from_numpy(xt), torch.from_numpy(yt)
    model = build()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    g = torch.Generator().manual_seed(0)
    for epoch in range(30):
        idx = torch.randperm(len(Y), generator=g)
        for s in range(0, len(Y), 32):
            b = idx[s:s + 32]
            opt.zero_grad()
            torch.nn.functional.cross_entropy(model(X[b]), Y[b]).backward()
            opt.step()
    theta = torch.cat([p.detach().reshape(-1) for p in model.parameters()]).numpy()
    os.makedirs(args.out, exist_ok=True)
    xt.astype("<f8").tofile(os.path.join(args.out, "X.bin"))
    yt.astype("<i4").tofile(os.path.join(args.out, "y.bin"))
    theta.astype("<f8").tofile(os.path.join(args.out, "theta.bin"))
    with torch.no_grad():
        loss = torch.nn.functional.cross_entropy(model(X), Y).item()
        acc = (model(X).argmax(1) == Y).double().mean().item()
    json.dump({"samples": len(yt), "features": 64, "layers": SIZES, "activation": "tanh", "parameters": len(theta),
               "train_loss": loss, "train_accuracy": acc}, open(os.path.join(args.out, "meta.json"), "w"))
    print(json.dumps({"prepared": args.out, "samples": len(yt), "parameters": len(theta), "train_loss": loss, "train_accuracy": acc}))


# --- PyHessian (pyhessian/hessian.py, utils.py), reimplemented for one full batch -------------
def group_product(xs, ys):
    return sum(torch.sum(x * y) for (x, y) in zip(xs, ys))


def group_add(params, update, alpha=1):
    for i, p in enumerate(params):
        params[i].data.add_(update[i] * alpha)
    return params


def normalization(v):
    s = torch.sqrt(group_product(v, v))
    return [vi / (s + 1e-6) for vi in v]


def orthnormal(w, v_list):
    for v in v_list:
        w = group_add(w, v, alpha=-group_product(w, v))
    return normalization(w)


class Hessian:
    def __init__(self, model, X, Y):
        self.params = [p for p in model.parameters() if p.requires_grad]
        loss = torch.nn.functional.cross_entropy(model(X), Y)
        self.gradsH = torch.autograd.grad(loss, self.params, create_graph=True)

    def hvp(self, v):
        return torch.autograd.grad(self.gradsH, self.params, grad_outputs=v, only_inputs=True, retain_graph=True)

    def eigenvalues(self, maxIter=100, tol=1e-3, top_n=1):
        eigenvalues, eigenvectors, hvps = [], [], 0
        for _ in range(top_n):
            eigenvalue = None
            v = normalization([torch.randn_like(p) for p in self.params])
            for i in range(maxIter):
                v = orthnormal(v, eigenvectors)
                Hv = self.hvp(v)
                hvps += 1
                tmp = group_product(Hv, v).item()
                v = normalization(Hv)
                if eigenvalue is None:
                    eigenvalue = tmp
                else:
                    if abs(eigenvalue - tmp) / (abs(eigenvalue) + 1e-6) < tol:
                        break
                    eigenvalue = tmp
            eigenvalues.append(eigenvalue)
            eigenvectors.append(v)
        return eigenvalues, hvps

    def trace(self, samples=100):
        values = []
        for _ in range(samples):
            v = [torch.randint_like(p, high=2) for p in self.params]
            for vi in v:
                vi[vi == 0] = -1
            values.append(group_product(self.hvp(v), v).item())
        return float(np.mean(values)), float(np.std(values, ddof=1) / np.sqrt(len(values)))

    def dense(self):
        n = sum(p.numel() for p in self.params)
        H = np.empty((n, n))
        e = torch.zeros(n, dtype=torch.float64)
        for j in range(n):
            e.zero_(); e[j] = 1
            parts, off = [], 0
            for p in self.params:
                parts.append(e[off:off + p.numel()].view_as(p)); off += p.numel()
            H[:, j] = torch.cat([h.reshape(-1) for h in self.hvp(parts)]).numpy()
        return H


def timed(fn, repeat):
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter(); out = fn(); best = min(best, time.perf_counter() - t)
    return best, out


def bench(args):
    meta = json.load(open(os.path.join(args.dir, "meta.json")))
    X = torch.from_numpy(np.fromfile(os.path.join(args.dir, "X.bin"), "<f8").reshape(-1, 64))
    Y = torch.from_numpy(np.fromfile(os.path.join(args.dir, "y.bin"), "<i4").astype(np.int64))
    theta = np.fromfile(os.path.join(args.dir, "theta.bin"), "<f8")
    model = build(theta)
    torch.manual_seed(0)
    # The graph is built once, as PyHessian does in its constructor (its cost is included below).
    t_setup, hess = timed(lambda: Hessian(model, X, Y), args.repeat)
    v = [torch.randn_like(p) for p in hess.params]
    t_hvp, _ = timed(lambda: [hess.hvp(v) for _ in range(20)], args.repeat)
    t_top1, (top1, h1) = timed(lambda: hess.eigenvalues(top_n=1), args.repeat)
    t_top5, (top5, h5) = timed(lambda: hess.eigenvalues(top_n=5), args.repeat)
    t_trace, (tr, tr_se) = timed(lambda: hess.trace(100), args.repeat)
    if args.skip_dense:
        t_dense, ev, H = float("nan"), np.full(5, np.nan), np.full((1, 1), np.nan)
    else:
        t_dense, H = timed(hess.dense, 1)
        ev = np.linalg.eigvalsh((H + H.T) / 2)[::-1]
    print(json.dumps({
        "peer": "pytorch", "torch": torch.__version__, "threads": torch.get_num_threads(),
        "blas_threads": os.environ.get("OPENBLAS_NUM_THREADS", "default"), "parameters": meta["parameters"], "samples": meta["samples"],
        "seconds": {"graph": t_setup, "hvp": t_hvp / 20, "top1": t_top1, "top5": t_top5, "trace100": t_trace, "dense": t_dense},
        "top1": top1, "top1_hvps": h1, "top5": top5, "top5_hvps": h5, "trace": tr, "trace_stderr": tr_se,
        "exact_top5": ev[:5].tolist(), "exact_trace": float(np.trace(H)),
    }))


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("prepare"); p.add_argument("--data", required=True); p.add_argument("--out", required=True)
    b = sub.add_parser("bench"); b.add_argument("--dir", required=True); b.add_argument("--repeat", type=int, default=3)
    b.add_argument("--threads", type=int, default=0)
    b.add_argument("--skip-dense", action="store_true", help="skip the dense Hessian (n HVPs)")
    a = ap.parse_args()
    if getattr(a, "threads", 0):
        torch.set_num_threads(a.threads)
    prepare(a) if a.cmd == "prepare" else bench(a)
