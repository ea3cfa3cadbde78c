"""`sweep`: train a whole grid of linear models (learning rate x weight decay x L1 x seed) at once.

Every configuration is one row of a stacked parameter matrix, so one epoch of the whole grid is a
handful of tensor operations instead of one small model and one optimizer per configuration. The
gradients are written out by hand and SGD (with or without momentum), Adagrad and Adam are written in
batched tensor form with torch.optim's exact update rules, so each row equals a one-at-a-time run with
the same seed.
"""
import itertools
import math
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from helpers.data import as_features
from helpers.device import SEED, pick_device
from helpers.train import OPTIMIZERS, TASKS, History, check_hyperparameters

ADAM_BETAS, ADAM_EPS, ADAGRAD_EPS = (0.9, 0.999), 1e-8, 1e-10  # torch.optim's defaults
# Up to this many (configuration, data point) pairs the CPU loop runs on one thread: each operation is
# then too small to split, and on a busy 2-core machine two threads made it 4 to 15 times slower.
SMALL_PROBLEM = 2**20


@dataclass
class SweepResult:
    """Losses per epoch and final parameters of every configuration of a grid (row c = configuration c).

    Rows follow `itertools.product(lrs, weight_decays, l1s, seeds)`: the learning rate varies slowest,
    the seed fastest. Losses are the data loss (BCE or MSE) without the L1 penalty, recorded as `fit`
    records them: the training loss before each epoch's update, the validation loss after it.
    """

    lrs: torch.Tensor            # (C,) learning rate of each configuration
    weight_decays: torch.Tensor  # (C,) torch's weight_decay (L2 added to the gradient of every parameter)
    l1s: torch.Tensor            # (C,) L1 strength: l1 * sum|w| added to the loss (bias not penalized)
    seeds: torch.Tensor          # (C,) int, the seed of the initial weights
    train_loss: torch.Tensor     # (C, epochs), NaN from the epoch a configuration diverged
    val_loss: torch.Tensor       # (C, epochs), or (C, 0) without a validation set
    initial_val_loss: torch.Tensor  # (C,) validation loss of the starting weights, or (C, 0) without one
    diverged_at: torch.Tensor    # (C,) int, 1-based epoch of the first non-finite loss, 0 = never
    weight: torch.Tensor         # (C, d) final weights (the last finite ones for diverged configurations)
    bias: torch.Tensor           # (C,)
    trajectory: torch.Tensor     # (C, R, d + 1): [w, b] after epochs k, 2k, ... (k = record_every), or R = 0
    record_every: int = 0        # k: every k-th epoch's parameters are kept (0: only the final ones)

    def __len__(self) -> int:
        return len(self.lrs)

    def index(self, lr=None, weight_decay=None, l1=None, seed=None) -> int:
        """The row of the configuration with these values (each matched to the nearest grid value, within 1%).

        Raises ValueError when a value is not in the grid or when the values given leave several rows.
        """
        rows = torch.ones(len(self), dtype=torch.bool)
        for name, column, wanted in (("lr", self.lrs, lr), ("weight_decay", self.weight_decays, weight_decay),
                                     ("l1", self.l1s, l1), ("seed", self.seeds, seed)):
            if wanted is None:
                continue
            values = column.double().unique()
            gaps = (values - float(wanted)).abs()
            nearest, gap = values[gaps.argmin()], float(gaps.min())
            tolerance = 0.0 if name == "seed" else max(1e-2 * abs(float(wanted)), 1e-12)
            if gap > tolerance:
                grid = ", ".join(f"{v:.4g}" for v in values.tolist())
                raise ValueError(f"{name}={wanted!r} is not in this sweep; it holds {grid}.")
            rows &= column.double() == nearest
        found = rows.nonzero().flatten()
        if len(found) != 1:
            raise ValueError(f"these values match {len(found)} configurations; also give the other "
                             "hyperparameters (lr, weight_decay, l1, seed) to pick exactly one.")
        return int(found[0])

    def final_loss_by_lr(self, loss: str = "val") -> tuple[np.ndarray, np.ndarray]:
        """The learning rates (ascending) and, per rate, the last-epoch losses of its configurations.

        Returns (lrs, finals) with finals of shape (number of rates, configurations per rate); NaN marks
        a configuration that diverged. `loss` is "val" or "train"; vary only the seed besides the rate
        if the spread of a row is to mean the spread over seeds.
        """
        if loss not in ("val", "train"):
            raise ValueError(f"loss must be 'val' or 'train'; got {loss!r}.")
        losses = self.val_loss if loss == "val" else self.train_loss
        if losses.shape[1] == 0:
            raise ValueError("this sweep was run without a validation set; use loss='train'.")
        lrs = np.unique(self.lrs.numpy())
        rows = [np.flatnonzero(self.lrs.numpy() == lr) for lr in lrs]
        if len({len(r) for r in rows}) != 1:
            raise ValueError("every learning rate needs the same number of configurations.")
        return lrs.astype(float), np.stack([losses[r, -1].numpy() for r in rows]).astype(float)

    def parameters_at(self, i: int, epoch: int) -> tuple[torch.Tensor, torch.Tensor]:
        """Configuration i's weights (d,) and bias () after `epoch` (a multiple of record_every), for
        playing training back; a configuration that diverged earlier keeps its last finite ones."""
        if not self.record_every:
            raise ValueError("this sweep kept only the final parameters; run it with record_every=k.")
        if epoch % self.record_every or not 1 <= epoch // self.record_every <= self.trajectory.shape[1]:
            raise ValueError(f"epoch {epoch} was not recorded; recorded: {self.record_every}, "
                             f"{2 * self.record_every}, ... {self.trajectory.shape[1] * self.record_every}.")
        row = self.trajectory[i, epoch // self.record_every - 1]
        return row[:-1], row[-1]

    def initial_loss(self, loss: str = "val") -> torch.Tensor:
        """(C,) loss of each configuration's starting weights, before any update: where training began."""
        if loss not in ("val", "train"):
            raise ValueError(f"loss must be 'val' or 'train'; got {loss!r}.")
        if loss == "val" and self.val_loss.shape[1] == 0:
            raise ValueError("this sweep was run without a validation set; use loss='train'.")
        return self.train_loss[:, 0] if loss == "train" else self.initial_val_loss

    def history(self, i: int) -> History:
        """Configuration `i` as a `History`, as `fit` would have returned it (it stops at divergence)."""
        if not 0 <= i < len(self):
            raise ValueError(f"there is no configuration {i}; this sweep has {len(self)} (0 to {len(self) - 1}).")
        end = int(self.diverged_at[i]) or self.train_loss.shape[1]
        train = self.train_loss[i, :end].tolist()
        val = self.val_loss[i, :end].tolist()
        monitored = np.asarray(val if val else train, dtype=float)
        finite = np.flatnonzero(np.isfinite(monitored))
        best = int(finite[np.argmin(monitored[finite])]) + 1 if len(finite) else None
        return History(train_loss=train, val_loss=val, best_epoch=best,
                       diverged_at=int(self.diverged_at[i]) or None)


def _grid_values(name: str, values, check) -> list:
    if torch.is_tensor(values) or isinstance(values, (np.ndarray, np.generic)):
        values = values.tolist()                               # plain Python numbers
    values = [values] if isinstance(values, (int, float)) else list(values)
    if not values:
        raise ValueError(f"{name} is empty: give at least one value to try.")
    for v in values:
        check(v)
    return values


def _check_l1(l1) -> None:
    if not (isinstance(l1, (int, float)) and math.isfinite(l1) and l1 >= 0):
        raise ValueError(f"the L1 strength must be zero or positive; got {l1!r}.")


def _check_seed(seed) -> None:
    if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool):
        raise ValueError(f"a seed must be a whole number; got {seed!r}.")


def initial_parameters(n_features: int, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    """The weight (d,) and bias () that `seed_everything(seed); LogisticRegression(d)` starts from.

    Uses nn.Linear's own initialisation under `torch.manual_seed(seed)`; the global random state is
    left as it was.
    """
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(int(seed))
        layer = nn.Linear(n_features, 1)
    return layer.weight.detach()[0].clone(), layer.bias.detach()[0].clone()


def sweep(X, y, val=None, *, task: str = "classification", optimizer: str = "adam", lrs=(0.001,),
          weight_decays=(0.0,), l1s=(0.0,), seeds=(SEED,), epochs: int = 500,
          record_every: int | None = None, momentum: float = 0.0, start=None) -> SweepResult:
    """Train one linear model y_hat = X @ w + b per configuration of the grid, all at once, full-batch.

    The grid is lrs x weight_decays x l1s x seeds (learning rate slowest, seed fastest). task
    "classification" uses BCE on logits with labels 0/1, "regression" mean squared error. Each
    configuration matches a one-at-a-time torch.optim run from the same seed; one whose loss becomes
    NaN or infinite stops there (diverged_at) and keeps its last finite weights. Results are on the CPU.
    With `record_every=k` the parameters after every k-th epoch are kept too (for playing training back):
    C x epochs/k x (d+1) floats. `momentum` (SGD only) is torch.optim.SGD's momentum (no dampening, no
    Nesterov); `start`, a sequence [w_1, ..., w_d, b], starts every configuration there instead of at
    its seed's initial weights (to follow paths from one chosen point).
    """
    if task not in TASKS:
        raise ValueError(f"unknown task {task!r}; choose 'classification' (BCE) or 'regression' (MSE).")
    if optimizer not in OPTIMIZERS:
        raise ValueError(f"unknown optimizer {optimizer!r}; choose one of {', '.join(OPTIMIZERS)}.")
    if not (isinstance(epochs, (int, np.integer)) and epochs >= 1):
        raise ValueError("epochs must be at least 1.")
    if record_every is not None and not (isinstance(record_every, (int, np.integer)) and 1 <= record_every <= epochs):
        raise ValueError(f"record_every must be a whole number of epochs between 1 and {epochs}; got {record_every!r}.")
    if not (isinstance(momentum, (int, float)) and 0 <= momentum < 1):
        raise ValueError(f"momentum must be a number from 0 (none) up to, not including, 1; got {momentum!r}.")
    if momentum and optimizer != "sgd":
        raise ValueError(f"momentum is an option of SGD here; {optimizer} keeps its own running averages.")
    lrs = _grid_values("lrs", lrs, check_hyperparameters)
    weight_decays = _grid_values("weight_decays", weight_decays, lambda wd: check_hyperparameters(1.0, wd))
    l1s = _grid_values("l1s", l1s, _check_l1)
    seeds = _grid_values("seeds", seeds, _check_seed)
    X = as_features(X)
    n, d = X.shape
    check_targets = TASKS[task][0]  # the same checks as fit: binary labels, or finite real targets
    y = check_targets(y, n=n)
    if val is not None:
        X_val = as_features(val[0], "X_val")
        y_val = check_targets(val[1], n=X_val.shape[0], name="y_val")
        if X_val.shape[1] != d:
            raise ValueError(f"X_val has {X_val.shape[1]} features but X has {d}.")

    grid = list(itertools.product(lrs, weight_decays, l1s, seeds))
    lr_c = torch.tensor([g[0] for g in grid], dtype=torch.float64)
    wd_c = torch.tensor([g[1] for g in grid], dtype=torch.float64)
    l1_c = torch.tensor([g[2] for g in grid], dtype=torch.float64)
    seed_c = torch.tensor([int(g[3]) for g in grid], dtype=torch.int64)
    initial = {s: initial_parameters(d, s) for s in dict.fromkeys(int(s) for s in seeds)}
    theta0 = torch.stack([torch.cat([initial[int(s)][0], initial[int(s)][1].reshape(1)]) for s in seed_c.tolist()])
    if start is not None:
        chosen = torch.as_tensor(start, dtype=torch.float32).detach().cpu().flatten()
        if chosen.shape != (d + 1,) or not torch.isfinite(chosen).all():
            raise ValueError(f"start must hold {d + 1} finite numbers, the {d} weights and then the bias; "
                             f"got {start!r}.")
        theta0 = chosen.expand_as(theta0).clone()

    device = pick_device()
    threads = torch.get_num_threads()
    if device.type == "cpu" and len(grid) * (n + (0 if val is None else len(y_val))) <= SMALL_PROBLEM:
        torch.set_num_threads(1)  # tiny tensors: a second thread only adds synchronisation
    try:
        train_loss, val_loss, initial_val_loss, diverged_at, theta, trajectory = _train(
            X.to(device), y.to(device), None if val is None else (X_val.to(device), y_val.to(device)),
            theta0.to(device), lr_c.to(device), wd_c.to(device), l1_c.to(device), task, optimizer, epochs,
            record_every or 0, float(momentum))
    finally:
        torch.set_num_threads(threads)
    return SweepResult(lrs=lr_c.float(), weight_decays=wd_c.float(), l1s=l1_c.float(), seeds=seed_c,
                       train_loss=train_loss.cpu(), val_loss=val_loss.cpu(),
                       initial_val_loss=initial_val_loss.cpu(), diverged_at=diverged_at.cpu(),
                       weight=theta[:, :d].cpu(), bias=theta[:, d].cpu(), trajectory=trajectory.cpu(),
                       record_every=record_every or 0)


def _data_loss(Z: torch.Tensor, y: torch.Tensor, task: str) -> torch.Tensor:
    """Mean loss per row of the logits/predictions Z (C, n) against the shared targets y (n,)."""
    if task == "classification":
        return F.binary_cross_entropy_with_logits(Z, y.expand_as(Z), reduction="none").mean(1)
    return (Z - y).square().mean(1)


@torch.no_grad()
def _train(X, y, val, theta, lr, wd, l1, task, optimizer, epochs, record_every, momentum=0.0):
    """The batched full-batch loop. theta (C, d+1) holds [w, b] per row; X gets a column of ones."""
    C, n = theta.shape[0], X.shape[0]
    ones = torch.ones(n, 1, device=X.device)
    Xb = torch.cat([X, ones], 1)                               # (n, d+1): z = Xb @ theta_c
    Xv = None if val is None else torch.cat([val[0], torch.ones(len(val[0]), 1, device=X.device)], 1)
    lr32, wd32 = lr.float()[:, None], wd.float()[:, None]      # (C, 1): one learning rate per row
    l1_mask = torch.ones_like(theta[0])
    l1_mask[-1] = 0                                            # the bias is not penalized
    l1_w = l1.float()[:, None] * l1_mask                       # (C, d+1)
    use_wd, use_l1 = bool((wd > 0).any()), bool((l1 > 0).any())
    state1, state2 = torch.zeros_like(theta), torch.zeros_like(theta)  # Adam's moments, Adagrad's sum, SGD's velocity
    beta1, beta2 = ADAM_BETAS

    train_loss = torch.full((C, epochs), math.nan, device=X.device)
    val_loss = torch.full((C, epochs if val is not None else 0), math.nan, device=X.device)
    initial_val_loss = torch.empty(C, 0, device=X.device) if Xv is None else _data_loss(theta @ Xv.T, val[1], task)
    alive = torch.ones(C, dtype=torch.bool, device=X.device)
    last_finite = theta.clone()
    trajectory = torch.empty(C, epochs // record_every if record_every else 0, theta.shape[1], device=X.device)
    if optimizer == "adam":  # Adam's bias-corrected step size per epoch and row, computed once
        steps = torch.arange(1, epochs + 1, dtype=torch.float64, device=X.device)[:, None]
        step_sizes = (lr / (1 - beta1 ** steps)).float()[:, :, None]   # (epochs, C, 1)

    for epoch in range(1, epochs + 1):
        Z = theta @ Xb.T                                       # (C, n) logits or predictions
        loss = _data_loss(Z, y, task)
        if task == "classification":
            G = (torch.sigmoid(Z) - y) / n                     # d(mean BCE)/dz
        else:
            G = (Z - y) * (2.0 / n)                            # d(mean squared error)/dz
        grad = G @ Xb                                          # (C, d+1)
        if use_l1:
            grad = grad + l1_w * torch.sign(theta)             # d(l1 * sum|w|)/dw, 0 at w = 0 as in autograd
        if use_wd:
            grad = grad + wd32 * theta                         # torch.optim's weight_decay

        if optimizer == "sgd" and momentum:
            state1.mul_(momentum).add_(grad)                   # torch's velocity; on the first step, the gradient
            new = theta - lr32 * state1
        elif optimizer == "sgd":
            new = theta - lr32 * grad
        elif optimizer == "adagrad":
            state1.addcmul_(grad, grad)
            new = theta + (-lr32) * (grad / (state1.sqrt() + ADAGRAD_EPS))
        else:
            state1.lerp_(grad, 1 - beta1)
            state2.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
            denom = state2.sqrt() / math.sqrt(1 - beta2 ** epoch) + ADAM_EPS
            new = theta - step_sizes[epoch - 1] * (state1 / denom)

        ok = alive & torch.isfinite(loss)                      # a non-finite loss ends a row here
        theta = torch.where(ok[:, None], new, theta)
        if Xv is not None:
            v = _data_loss(theta @ Xv.T, val[1], task)
            ok &= torch.isfinite(v)                            # so does a non-finite validation loss
            val_loss[:, epoch - 1] = torch.where(ok, v, math.nan)
        train_loss[:, epoch - 1] = torch.where(ok, loss, math.nan)
        last_finite = torch.where((ok & torch.isfinite(theta).all(1))[:, None], theta, last_finite)
        if record_every and epoch % record_every == 0:
            trajectory[:, epoch // record_every - 1] = last_finite
        alive = ok
    # a row's losses are NaN from the epoch it stopped on, and only from then: that epoch, or 0 if none
    finite_epochs = torch.isfinite(train_loss).sum(1)
    diverged_at = torch.where(finite_epochs < epochs, finite_epochs + 1, 0)
    return train_loss, val_loss, initial_val_loss, diverged_at, last_finite, trajectory
