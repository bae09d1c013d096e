#!/usr/bin/env python3
"""Reads a Nabla model file (safetensors) with nothing but struct + json + torch, rebuilds the
network as torch.nn.Sequential, reproduces the recorded train/test split and standardization, and
prints loss and accuracy as JSON, to compare with `nabla evaluate --json`.

usage: /usr/bin/python3 bench/peers/read_safetensors.py MODEL.safetensors DATA.csv[.gz] [test|train|all]
"""
import gzip, json, struct, sys

import numpy as np
import torch

MASK = (1 << 64) - 1


class Rng:
    """Nabla's Rng: SplitMix64-seeded xoshiro256**."""

    def __init__(self, seed):
        z = seed & MASK
        s = []
        for _ in range(4):
            z = (z + 0x9E3779B97F4A7C15) & MASK
            r = z
            r = ((r ^ (r >> 30)) * 0xBF58476D1CE4E5B9) & MASK
            r = ((r ^ (r >> 27)) * 0x94D049BB133111EB) & MASK
            s.append(r ^ (r >> 31))
        self.s = s

    @staticmethod
    def rotl(x, k):
        return ((x << k) | (x >> (64 - k))) & MASK

    def next_u64(self):
        s0, s1, s2, s3 = self.s
        result = (self.rotl((s1 * 5) & MASK, 7) * 9) & MASK
        t = (s1 << 17) & MASK
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = self.rotl(s3, 45)
        self.s = [s0, s1, s2, s3]
        return result

    def next_int(self, n):
        return ((self.next_u64() >> 32) * n) >> 32

    def shuffle(self, items):
        for i in range(len(items) - 1, 0, -1):
            j = self.next_int(i + 1)
            items[i], items[j] = items[j], items[i]


def read_safetensors(path):
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n])
    meta = header.pop("__metadata__", {})
    data = raw[8 + n:]
    dtypes = {"F32": torch.float32, "F64": torch.float64}
    tensors = {}
    for name, e in header.items():
        b, end = e["data_offsets"]
        t = torch.frombuffer(bytearray(data[b:end]), dtype=dtypes[e["dtype"]]).reshape(e["shape"])
        tensors[name] = t
    return tensors, meta


def main():
    model_path, data_path = sys.argv[1], sys.argv[2]
    which = sys.argv[3] if len(sys.argv) > 3 else "test"
    tensors, meta = read_safetensors(model_path)
    layers = [int(x) for x in meta["layers"].split(",")]
    act = {"tanh": torch.nn.Tanh, "relu": torch.nn.ReLU, "sigmoid": torch.nn.Sigmoid,
           "softplus": torch.nn.Softplus, "gelu": torch.nn.GELU}[meta["activation"]]
    dtype = torch.float64 if meta["dtype"] == "float64" else torch.float32
    mods = []
    for i in range(len(layers) - 1):
        mods.append(torch.nn.Linear(layers[i], layers[i + 1]))
        if i + 2 < len(layers):
            mods.append(act())
    net = torch.nn.Sequential(*mods).to(dtype)
    net.load_state_dict(tensors)  # names are PyTorch's: 0.weight, 0.bias, 2.weight, ...

    opener = gzip.open if data_path.endswith(".gz") else open
    with opener(data_path, "rt") as f:
        rows = np.loadtxt(f, delimiter=",")
    x, y = rows[:, :-1], rows[:, -1].astype(np.int64)
    count = int(meta["samples"])
    assert count == len(y), f"model trained on {count} rows, data has {len(y)}"
    order = list(range(count))
    Rng(int(meta["split_seed"])).shuffle(order)
    n_test = int(round(count * float(meta["test_fraction"])))
    test, train = sorted(order[:n_test]), sorted(order[n_test:])
    assert n_test == int(meta["test_samples"])
    idx = {"test": test, "train": train, "all": list(range(count))}[which]

    mean = np.array(json.loads(meta["standardization_mean"]))
    std = np.array(json.loads(meta["standardization_std"]))
    xs = torch.tensor((x[idx] - mean) / std, dtype=dtype)
    with torch.no_grad():
        logits = net(xs)
        loss = torch.nn.functional.cross_entropy(logits, torch.tensor(y[idx])).item()
        acc = (logits.argmax(1).numpy() == y[idx]).mean()
    print(json.dumps({"model": model_path, "split": which, "loss": loss, "accuracy": float(acc), "samples": len(idx),
                      "torch": torch.__version__}))


if __name__ == "__main__":
    main()
