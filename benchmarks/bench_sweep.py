"""Benchmark: a grid of logistic regressions trained batched (`helpers.sweep.sweep`) vs one by one (`fit`).

The book's toy data (1,000 training points, 2 features), 500 full-batch epochs, Adam and SGD. For 64
configurations every one is also trained one by one; for larger grids a sample of them is, and the
one-by-one time is extrapolated from the time per configuration (the table says so). Exits with
status 1 if the 64-configuration speed-up is below 20 or a result differs by more than 1e-5.

    .venv/bin/python benchmarks/bench_sweep.py [--sizes 64 256 1024] [--sample 16] [--threads 1]
"""
import argparse
import sys
import time

import numpy as np
import torch

from helpers.data import make_two_clusters
from helpers.device import SEED, pick_device, seed_everything
from helpers.models import LogisticRegression
from helpers.sweep import sweep
from helpers.train import fit

EPOCHS, SEEDS, WEIGHT_DECAYS = 500, (0, 1, 2, 3), (0.0, 1e-3)
LR_RANGE = {"adam": (-4, -0.5), "sgd": (-3, 0.5)}  # log10 of the learning rates swept
MIN_RATIO, MAX_DIFFERENCE = 20.0, 1e-5


def grid(optimizer: str, size: int) -> dict:
    n_lrs = size // (len(SEEDS) * len(WEIGHT_DECAYS))
    return dict(lrs=np.logspace(*LR_RANGE[optimizer], n_lrs).tolist(), weight_decays=WEIGHT_DECAYS, seeds=SEEDS)


def one_by_one(train, val, optimizer, result, rows, device):
    """Train the configurations `rows` of `result` with `fit`; returns seconds and the max |difference|."""
    difference, start = 0.0, time.perf_counter()
    for i in rows:
        seed_everything(int(result.seeds[i]))
        model = LogisticRegression(2).to(device)
        history = fit(model, *train, val=val, optimizer=optimizer, lr=result.lrs[i].item(),
                      weight_decay=result.weight_decays[i].item(), epochs=EPOCHS)
        end = history.diverged_at or EPOCHS
        pairs = [(torch.tensor(history.train_loss[:end]), result.train_loss[i, :end]),
                 (torch.tensor(history.val_loss[:end]), result.val_loss[i, :end]),
                 (model.fc1.weight[0].detach().cpu(), result.weight[i]),
                 (model.fc1.bias.detach().cpu(), result.bias[i:i + 1])]
        difference = max([difference] + [(a - b).abs().max().item() for a, b in pairs])
    if device.type == "cuda":
        torch.cuda.synchronize()
    return time.perf_counter() - start, difference


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[64, 256, 1024])
    parser.add_argument("--sample", type=int, default=16, help="configurations run one by one above 64")
    parser.add_argument("--threads", type=int, default=1,
                        help="torch intra-op threads (tiny models: a second thread only adds synchronisation)")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    device = pick_device()
    train = make_two_clusters(n=1000, seed=SEED)
    val = make_two_clusters(n=250, seed=SEED + 1)
    # warm up: the first optimizer creation imports torch's compiler (seconds), not the loop's cost
    fit(LogisticRegression(2).to(device), *train, epochs=2)
    sweep(*train, val=val, epochs=2)
    print(f"device: {device}, torch {torch.__version__}, {torch.get_num_threads()} intra-op threads; "
          f"{len(train[1])} training points, {EPOCHS} epochs, full batch")
    header = (f"{'optimizer':>9} {'configs':>7} {'batched s':>10} {'one-by-one s':>13} {'ratio':>7} "
              f"{'max |diff|':>11}  {'device':<6} note")
    print(header)
    print("-" * len(header))
    failures = []
    for optimizer in ("adam", "sgd"):
        per_config = None
        for size in args.sizes:
            start = time.perf_counter()
            result = sweep(*train, val=val, optimizer=optimizer, epochs=EPOCHS, **grid(optimizer, size))
            batched = time.perf_counter() - start
            if size <= 64:
                rows, note = list(range(len(result))), "all run one by one"
            else:
                rows = np.linspace(0, len(result) - 1, min(args.sample, len(result))).round().astype(int).tolist()
                note = f"one-by-one extrapolated from {len(rows)} sampled configurations"
            seconds, difference = one_by_one(train, val, optimizer, result, rows, device)
            per_config = seconds / len(rows)
            sequential = per_config * len(result)
            ratio = sequential / batched
            print(f"{optimizer:>9} {len(result):>7} {batched:>10.3f} {sequential:>13.2f} {ratio:>7.1f} "
                  f"{difference:>11.2e}  {device.type:<6} {note}", flush=True)
            if size == 64 and ratio < MIN_RATIO:
                failures.append(f"{optimizer}: 64-configuration speed-up {ratio:.1f} is below {MIN_RATIO:.0f}")
            if difference > MAX_DIFFERENCE:
                failures.append(f"{optimizer}, {size} configurations: difference {difference:.2e} above 1e-5")
    for failure in failures:
        print("FAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
