#!/usr/bin/python3
"""The AutoDiff workloads in PyTorch 1.13 + functorch (Debian's python3-torch), 2 threads, float64.

Prints one JSON object per line: {"workload": ..., "problem": ..., "seconds": per-call time}.
Run with: /usr/bin/python3 bench/peers/autodiff.py [--quick]
"""
import json, math, sys, timeit
import torch
from functorch import grad, hessian, jvp

torch.set_num_threads(2)
torch.set_default_dtype(torch.float64)
QUICK = "--quick" in sys.argv


def rosenbrock(x):
    return 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2


def helical_valley(x):
    theta = torch.atan(x[1] / x[0]) / (2 * math.pi) + torch.where(x[0] < 0, 0.5, 0.0)
    a = x[2] - 10 * theta
    r = torch.sqrt(x[0] ** 2 + x[1] ** 2) - 1
    return 100 * (a * a + r * r) + x[2] ** 2


def wood(x):
    a = x[1] - x[0] ** 2; b = 1 - x[0]; c = x[3] - x[2] ** 2; d = 1 - x[2]; e = x[1] - 1; f = x[3] - 1
    return 100 * a * a + b * b + 90 * c * c + d * d + 10.1 * (e * e + f * f) + 19.8 * e * f


def ext_rosenbrock(x):
    a = 10 * (x[1::2] - x[0::2] ** 2)
    b = 1 - x[0::2]
    return (a * a + b * b).sum()


def point(name, n):
    if name == "Rosenbrock": return torch.tensor([-1.2, 1.0])
    if name == "HelicalValley": return torch.tensor([-1.0, 0.1, 0.0])
    if name == "Wood": return torch.tensor([-3.0, -1.0, -3.0, -1.0])
    return torch.tensor([-1.2 if i % 2 == 0 else 1.0 for i in range(n)])


def per_call(fn, min_time=0.5 if not QUICK else 0.1):
    fn()
    number = 1
    while True:
        t = timeit.timeit(fn, number=number)
        if t >= min_time or number >= 1 << 20: break
        number *= 4
    best = min(timeit.repeat(fn, number=number, repeat=3))
    return best / number


def emit(workload, problem, seconds):
    print(json.dumps({"workload": workload, "problem": problem, "seconds": seconds}), flush=True)


small = {"Rosenbrock": rosenbrock, "HelicalValley": helical_valley, "Wood": wood, "ExtRosenbrock100": ext_rosenbrock}
for name, f in small.items():
    x = point(name, 100)
    v = torch.sin(torch.arange(1, x.numel() + 1, dtype=torch.float64))
    g = grad(f)
    h = hessian(f)
    emit("f", name, per_call(lambda: f(x)))
    emit("gradient", name, per_call(lambda: g(x)))
    emit("hvp", name, per_call(lambda: jvp(g, (x,), (v,))[1]))
    emit("hessian", name, per_call(lambda: h(x)))

for n in ([10_000] if QUICK else [10_000, 1_000_000]):
    x0 = point("ext", n)
    v = torch.sin(torch.arange(1, n + 1, dtype=torch.float64))

    def f_and_grad():
        x = x0.clone().requires_grad_(True)
        y = ext_rosenbrock(x)
        (gx,) = torch.autograd.grad(y, x)
        return gx

    def hvp_double_backward():
        x = x0.clone().requires_grad_(True)
        y = ext_rosenbrock(x)
        (gx,) = torch.autograd.grad(y, x, create_graph=True)
        (hv,) = torch.autograd.grad(gx, x, v)
        return hv

    def numpy_hand_gradient():
        xn = x0.numpy()
        a = 10 * (xn[1::2] - xn[0::2] ** 2); b = 1 - xn[0::2]
        gn = xn.copy()
        gn[0::2] = -40 * xn[0::2] * a - 2 * b
        gn[1::2] = 20 * a
        return gn

    emit("f", f"ExtRosenbrock{n}", per_call(lambda: ext_rosenbrock(x0)))
    emit("gradient", f"ExtRosenbrock{n}", per_call(f_and_grad))
    emit("hvp", f"ExtRosenbrock{n}", per_call(hvp_double_backward))
    emit("numpy hand gradient", f"ExtRosenbrock{n}", per_call(numpy_hand_gradient))

x = point("ext", 1000)
emit("hessian", "ExtRosenbrock1000", per_call(lambda: torch.autograd.functional.hessian(ext_rosenbrock, x, vectorize=True), min_time=1.0))
