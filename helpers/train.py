"""`fit`: the book's five-step training loop, with validation loss, early stopping and divergence checks."""
import copy
import math
from dataclasses import dataclass, field

import torch
from torch import nn

from helpers.data import as_features, as_labels, as_targets
from helpers.language import _

OPTIMIZERS = {"sgd": torch.optim.SGD, "adagrad": torch.optim.Adagrad, "adam": torch.optim.Adam}
TASKS = {"classification": (as_labels, nn.BCEWithLogitsLoss), "regression": (as_targets, nn.MSELoss)}


@dataclass
class History:
    """What happened during training: loss per epoch, the best epoch, and whether it diverged."""

    train_loss: list[float] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)
    best_epoch: int | None = None  # 1-based epoch with the lowest validation (else training) loss
    diverged_at: int | None = None  # 1-based epoch whose loss was NaN or infinite
    stopped_early: bool = False  # patience ran out before the last epoch
    snapshots: dict = field(default_factory=dict)  # epoch -> the model's state_dict after it (record_every)

    @property
    def diverged(self) -> bool:
        return self.diverged_at is not None

    @property
    def status(self) -> str:
        """One readable line: how training ended."""
        if self.diverged:
            return _("diverged at epoch {epoch} (the loss became NaN or infinite)").format(epoch=self.diverged_at)
        ended = _("stopped early after {epochs} epochs; best epoch {best}") if self.stopped_early \
            else _("finished after {epochs} epochs; best epoch {best}")
        return ended.format(epochs=len(self.train_loss), best=self.best_epoch)


def check_hyperparameters(lr: float, weight_decay: float = 0.0) -> None:
    """Raise ValueError for a learning rate that is not positive or a negative weight decay."""
    if not (isinstance(lr, (int, float)) and math.isfinite(lr) and lr > 0):
        raise ValueError(f"the learning rate must be a positive number; got {lr!r}.")
    if not (isinstance(weight_decay, (int, float)) and math.isfinite(weight_decay) and weight_decay >= 0):
        raise ValueError(f"weight_decay must be zero or positive; got {weight_decay!r}.")


def make_optimizer(name: str, params, lr: float, weight_decay: float = 0.0) -> torch.optim.Optimizer:
    """A torch.optim optimizer by name ('sgd', 'adagrad' or 'adam'), checking its hyperparameters."""
    check_hyperparameters(lr, weight_decay)
    if name not in OPTIMIZERS:
        raise ValueError(f"unknown optimizer {name!r}; choose one of {', '.join(OPTIMIZERS)}.")
    return OPTIMIZERS[name](params, lr=lr, weight_decay=weight_decay)


def fit(model: nn.Module, X, y, val: tuple | None = None, *, task: str = "classification",
        optimizer: str = "adam", lr: float = 0.001, weight_decay: float = 0.0, epochs: int = 500,
        batch_size: int | None = None, patience: int | None = None, loss_fn=None,
        seed: int | None = None, record_every: int | None = None) -> History:
    """Train `model` in place with the book's five-step loop and return its History.

    `task` is "classification" (binary labels, BCE on logits) or "regression" (real targets, MSE);
    `loss_fn(outputs, targets)` replaces that default loss. Full-batch unless `batch_size` is given.
    With `val=(X_val, y_val)` the validation loss is recorded each epoch; with `patience`, training
    stops after that many epochs without improvement and the best weights are restored. A NaN or
    infinite loss ends training and is reported, not raised. With `record_every=k`, a copy of the
    weights after every k-th epoch is kept in `History.snapshots` (on the CPU), to play training back.
    """
    if task not in TASKS:
        raise ValueError(f"unknown task {task!r}; choose one of {', '.join(TASKS)}.")
    check_targets, default_loss = TASKS[task]
    X = as_features(X)
    y = check_targets(y, n=X.shape[0])
    if val is not None:
        X_val = as_features(val[0], "X_val")
        y_val = check_targets(val[1], n=X_val.shape[0], name="y_val")
        if X_val.shape[1] != X.shape[1]:
            raise ValueError(f"X_val has {X_val.shape[1]} features but X has {X.shape[1]}.")
    if epochs < 1:
        raise ValueError("epochs must be at least 1.")
    if patience is not None and patience < 1:
        raise ValueError("patience must be at least 1 epoch (or None for no early stopping).")
    if record_every is not None and not (isinstance(record_every, int) and record_every >= 1):
        raise ValueError(f"record_every must be a whole number of epochs, at least 1; got {record_every!r}.")
    opt = make_optimizer(optimizer, model.parameters(), lr, weight_decay)
    loss_fn = loss_fn or default_loss()
    device, dtype = next(model.parameters()).device, next(model.parameters()).dtype  # a float64 model gets float64 data
    X, y = X.to(device, dtype), y.to(device, dtype)
    if val is not None:
        X_val, y_val = X_val.to(device, dtype), y_val.to(device, dtype)
    generator = torch.Generator().manual_seed(seed) if seed is not None else None
    history, best, best_state, waited = History(), math.inf, None, 0

    for epoch in range(1, epochs + 1):
        model.train()
        order = torch.randperm(len(y), generator=generator) if batch_size else None
        batches = [slice(None)] if not batch_size else order.split(batch_size)
        total = 0.0
        for rows in batches:
            opt.zero_grad()                   # 1. clear the gradients of the previous step
            y_pred = model(X[rows])           # 2. forward pass: compute the model's outputs
            loss = loss_fn(y_pred, y[rows])   # 3. compute the loss
            loss.backward()                   # 4. backward pass: gradients of the loss
            opt.step()                        # 5. let the optimizer update the weights
            total += loss.item() * len(y[rows])
        history.train_loss.append(total / len(y))
        monitored = history.train_loss[-1]
        if val is not None:
            model.eval()
            with torch.no_grad():
                history.val_loss.append(loss_fn(model(X_val), y_val).item())
            monitored = history.val_loss[-1]
        if not math.isfinite(monitored) or not math.isfinite(history.train_loss[-1]):
            history.diverged_at = epoch
            break
        if record_every and epoch % record_every == 0:
            history.snapshots[epoch] = {k: v.detach().cpu().clone() for k, v in model.state_dict().items()}
        if monitored < best:
            best, history.best_epoch, waited = monitored, epoch, 0
            if patience is not None:
                best_state = copy.deepcopy(model.state_dict())
        else:
            waited += 1
            if patience is not None and waited >= patience:
                history.stopped_early = True
                break
    if best_state is not None:
        model.load_state_dict(best_state)
    return history
