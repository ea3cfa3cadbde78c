"""The models of the notebooks; each returns raw scores (logits), never probabilities.

Returning logits lets the loss use the numerically stable `BCEWithLogitsLoss` (notebook 02 shows
why); call `torch.sigmoid` on the output to get probabilities.
"""
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
    device = next(model.parameters()).device
    return torch.sigmoid(model(X.to(device))).cpu()
