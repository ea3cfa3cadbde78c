"""The models of the notebooks; each returns raw scores (logits), never probabilities.

Returning logits lets the loss use the numerically stable `BCEWithLogitsLoss` (notebook 02 shows
why); call `torch.sigmoid` on the output to get probabilities.
"""
import numbers

import torch
from torch import nn


class LinearRegression(nn.Module):
    """y = w.x + b; on polynomial features (helpers.data.polynomial_features) it fits curves."""

    def __init__(self, n_features: int):
        super().__init__()
        if n_features < 1:
            raise ValueError("n_features must be at least 1.")
        self.fc1 = nn.Linear(n_features, 1)  # named as in the book's Perceptron

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc1(x).squeeze(-1)


class LogisticRegression(LinearRegression):
    """The book's perceptron with a sigmoid: the same linear score w.x + b, read as the logit of
    p(y=1|x) = sigmoid(w.x + b)."""


@torch.no_grad()
def predict_proba(model: nn.Module, X: torch.Tensor) -> torch.Tensor:
    """Probabilities of class 1 for the rows of X, on the CPU, in evaluation mode."""
    model.eval()
    weight = next(model.parameters())
    return torch.sigmoid(model(X.to(weight.device, weight.dtype))).cpu()


def check_dropout(p: float) -> float:
    """Return p as a float, or raise ValueError unless it is a probability in [0, 1)."""
    if isinstance(p, bool) or not (isinstance(p, numbers.Real) and 0.0 <= float(p) < 1.0):
        raise ValueError(f"the dropout probability p must lie in [0, 1) (p = 1 would drop every unit); "
                         f"got {p!r}.")
    return float(p)


class Dropout(nn.Module):
    """Inverted dropout, equal to `nn.Dropout`: in train() each value is zeroed with probability p and the
    survivors are scaled by 1/(1-p); in eval() the input passes through unchanged.

    The mask comes from `torch.rand_like(x) < 1 - p` instead of `bernoulli_`, which takes a slow serial
    path on some CPUs; both keep each value with probability 1 - p, independently.
    """

    def __init__(self, p: float = 0.5):
        super().__init__()
        self.p = check_dropout(p)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not self.training or self.p == 0.0:
            return x
        keep = 1.0 - self.p
        scale = (torch.rand_like(x) < keep).to(x.dtype).div_(keep)  # 0 or 1/(1-p), rounded as nn.Dropout does
        return x * scale

    def extra_repr(self) -> str:
        return f"p={self.p}"


class MLP(nn.Module):
    """A multilayer perceptron returning one logit per row: (Linear -> ReLU -> Dropout) per hidden layer,
    then a Linear layer to the logit. Dropout is active in train() and off in eval()."""

    def __init__(self, n_features: int, hidden=(64, 64), dropout: float = 0.0):
        super().__init__()
        if isinstance(n_features, bool) or not isinstance(n_features, int) or n_features < 1:
            raise ValueError(f"n_features must be a whole number of at least 1; got {n_features!r}.")
        hidden = tuple(hidden)
        if not hidden or any(isinstance(h, bool) or not isinstance(h, int) or h < 1 for h in hidden):
            raise ValueError(f"hidden must list at least one layer width, each a whole number of at least 1; "
                             f"got {hidden!r} (for no hidden layer use LogisticRegression).")
        dropout = check_dropout(dropout)
        self.n_features = n_features
        layers, width = [], n_features
        for size in hidden:
            layers += [nn.Linear(width, size), nn.ReLU(), Dropout(dropout)]
            width = size
        layers.append(nn.Linear(width, 1))
        self.layers = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.ndim != 2 or x.shape[1] != self.n_features:
            raise ValueError(f"the MLP expects a table with {self.n_features} feature columns; "
                             f"got a tensor of shape {tuple(x.shape)}.")
        return self.layers(x).squeeze(-1)


@torch.no_grad()
def evaluate(model: nn.Module, X: torch.Tensor, y: torch.Tensor) -> tuple[float, float]:
    """BCE loss and accuracy (at threshold 0.5) of a logit model on (X, y), in evaluation mode."""
    if X.shape[0] != y.shape[0]:
        raise ValueError(f"X has {X.shape[0]} rows but y has {y.shape[0]} labels; they must match.")
    model.eval()
    weight = next(model.parameters())
    logits = model(X.to(weight.device, weight.dtype)).cpu()  # a float64 model is scored in float64
    loss = nn.functional.binary_cross_entropy_with_logits(logits, y.to(logits.dtype))
    return loss.item(), ((logits > 0).float() == y).float().mean().item()
