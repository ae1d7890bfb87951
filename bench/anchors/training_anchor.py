#!/usr/bin/env python3
"""PyTorch anchor for TrainingBenchmark: the time of one optimiser step (forward, mean
cross-entropy, backward, Adam with lr 1e-3) on the same three networks, batch and thread counts,
in float32 and float64. For measuring only; PyTorch is never a dependency of the project.

Networks (as in TrainingBenchmark):
  mlp_small  64 -> 32 -> tanh -> 10
  mlp_wide   784 -> 512 -> relu -> 512 -> relu -> 10
  cnn_mnist  1x28x28: conv3x3(pad 1) 16 -> relu -> maxpool 2 -> conv3x3(pad 1) 32 -> relu -> maxpool 2
             -> flatten -> 128 -> relu -> 10   (jlaplace's cnn:16-32:128-10)

Run with the OpenBLAS tuning variables unset, since they slow OpenBLAS on this machine:
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/anchors/training_anchor.py
Prints one line per (model, dtype, threads): the median and the minimum milliseconds per step.
"""
import argparse
import statistics
import time

import torch
from torch import nn


def network(name):
    if name == "mlp_small":
        return nn.Sequential(nn.Linear(64, 32), nn.Tanh(), nn.Linear(32, 10)), (64,)
    if name == "mlp_wide":
        return nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(),
                             nn.Linear(512, 10)), (784,)
    if name == "cnn_mnist":
        return nn.Sequential(nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                             nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                             nn.Linear(32 * 7 * 7, 128), nn.ReLU(), nn.Linear(128, 10)), (1, 28, 28)
    raise ValueError("unknown model " + name)


def time_steps(name, dtype, threads, batch, warmup, steps):
    torch.set_num_threads(threads)
    torch.manual_seed(3)
    net, shape = network(name)
    net = net.to(dtype)
    x = torch.randn((batch,) + shape, dtype=dtype)
    y = torch.randint(0, 10, (batch,))
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()

    def step():
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(net(x), y)
        loss.backward()
        opt.step()
        return loss

    for _ in range(warmup):
        step()
    times = []
    for _ in range(steps):
        t0 = time.perf_counter()
        step()
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times), min(times)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--models", default="mlp_small,mlp_wide,cnn_mnist")
    p.add_argument("--dtypes", default="float32,float64")
    p.add_argument("--threads", default="1,2")
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--warmup", type=int, default=50)
    p.add_argument("--steps", type=int, default=200)
    a = p.parse_args()
    print(f"torch {torch.__version__}, batch {a.batch}, {a.warmup} warm-up + {a.steps} timed steps")
    print(f"{'model':<10} {'dtype':<8} {'threads':>7} {'median ms':>10} {'min ms':>8}")
    for name in a.models.split(","):
        for dname in a.dtypes.split(","):
            dtype = {"float32": torch.float32, "float64": torch.float64}[dname]
            for t in (int(s) for s in a.threads.split(",")):
                med, best = time_steps(name, dtype, t, a.batch, a.warmup, a.steps)
                print(f"{name:<10} {dname:<8} {t:>7} {med:>10.3f} {best:>8.3f}", flush=True)


if __name__ == "__main__":
    main()
