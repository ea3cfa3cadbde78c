"""Data the notebooks learn from: the book's toy clusters, a bundled real table, splits, scaling.

Everything here works offline: the toy data are generated and the real table ships with scikit-learn.
scikit-learn is imported only by the function that needs it: importing it costs about 2 s (it pulls
in scipy.stats), a tenth of a notebook's time budget, and most notebooks never use it.
"""
import math
from dataclasses import dataclass

import numpy as np
import torch
from numpy.polynomial.legendre import legvander

from helpers.device import SEED

Pair = tuple[torch.Tensor, torch.Tensor]


def as_features(X, name: str = "X") -> torch.Tensor:
    """Return X as a float32 tensor of shape (n, d), or raise ValueError saying what is wrong with it."""
    X = torch.as_tensor(np.asarray(X, dtype=np.float32) if not torch.is_tensor(X) else X).float()
    if X.ndim == 1:
        X = X.unsqueeze(1)
    if X.ndim != 2:
        raise ValueError(f"{name} must be a table (samples x features); got {X.ndim} dimensions.")
    if X.shape[0] == 0:
        raise ValueError(f"{name} is empty: there is nothing to learn from or to score.")
    if not torch.isfinite(X).all():
        raise ValueError(f"{name} contains NaN or infinite values; clean or impute them first.")
    return X


def as_labels(y, n: int | None = None, name: str = "y") -> torch.Tensor:
    """Return binary labels as a float32 vector, or raise ValueError (labels must be 0 or 1, one per sample)."""
    y = torch.as_tensor(np.asarray(y, dtype=np.float32) if not torch.is_tensor(y) else y).float().reshape(-1)
    if y.numel() == 0:
        raise ValueError(f"{name} is empty: there is nothing to learn from or to score.")
    if not ((y == 0) | (y == 1)).all():
        bad = sorted({float(v) for v in y[(y != 0) & (y != 1)].unique()[:3]})
        raise ValueError(f"{name} must hold binary labels 0 and 1 only; found {bad}.")
    if n is not None and y.numel() != n:
        raise ValueError(f"{name} has {y.numel()} labels but the features have {n} rows; they must match.")
    return y


def as_targets(y, n: int | None = None, name: str = "y") -> torch.Tensor:
    """Return regression targets as a float32 vector, or raise ValueError (finite, one per sample)."""
    y = torch.as_tensor(np.asarray(y, dtype=np.float32) if not torch.is_tensor(y) else y).float().reshape(-1)
    if y.numel() == 0:
        raise ValueError(f"{name} is empty: there is nothing to learn from or to score.")
    if not torch.isfinite(y).all():
        raise ValueError(f"{name} contains NaN or infinite values; clean them first.")
    if n is not None and y.numel() != n:
        raise ValueError(f"{name} has {y.numel()} targets but the features have {n} rows; they must match.")
    return y


def make_two_clusters(n: int = 1000, separation: float = 2.0, positive_fraction: float = 0.5,
                      seed: int = SEED) -> Pair:
    """The book's toy task: 2-D points from two Gaussian clusters, one per class.

    `separation` is the distance between the cluster centres in units of their spread (smaller
    means more overlap); `positive_fraction` sets the class balance (0.1 = one point in ten is 1).
    """
    if n < 2:
        raise ValueError("n must be at least 2 so that both classes can appear.")
    if not 0 < positive_fraction < 1:
        raise ValueError("positive_fraction must lie strictly between 0 and 1.")
    if separation < 0:
        raise ValueError("separation is a distance and cannot be negative.")
    g = torch.Generator().manual_seed(seed)
    n_pos = max(1, min(n - 1, round(n * positive_fraction)))
    y = torch.cat([torch.zeros(n - n_pos), torch.ones(n_pos)])
    centre = torch.tensor([1.0, 1.0]) * separation / (2 * 2 ** 0.5)  # centres at distance `separation`
    X = torch.randn(n, 2, generator=g) + torch.where(y[:, None] == 1, centre, -centre)
    order = torch.randperm(n, generator=g)
    return X[order], y[order]


def make_moons(n: int = 500, noise: float = 0.3, seed: int = SEED) -> Pair:
    """Two interleaving half circles, one per class, with Gaussian noise of std `noise`.

    The classic set that no straight line separates: the same points as scikit-learn's
    `make_moons(n, noise=noise, random_state=seed)` (tests/test_data.py checks), without its import.
    """
    if n < 2:
        raise ValueError("n must be at least 2 so that both classes can appear.")
    if noise < 0:
        raise ValueError("noise is a standard deviation and cannot be negative.")
    rng = np.random.RandomState(seed)
    n_outer = n // 2
    outer, inner = np.linspace(0, np.pi, n_outer), np.linspace(0, np.pi, n - n_outer)
    X = np.stack([np.append(np.cos(outer), 1 - np.cos(inner)), np.append(np.sin(outer), 0.5 - np.sin(inner))], 1)
    y = np.append(np.zeros(n_outer), np.ones(n - n_outer))
    order = np.arange(n)
    rng.shuffle(order)
    X, y = X[order] + rng.normal(scale=noise, size=(n, 2)), y[order]
    return torch.tensor(X, dtype=torch.float32), torch.tensor(y, dtype=torch.float32)


def smooth_curve(x: torch.Tensor) -> torch.Tensor:
    """The smooth function behind the curve-fitting data: one period of a sine on [-1, 1]."""
    return torch.sin(torch.pi * x)


def make_curve_points(n: int = 12, noise: float = 0.2, seed: int = SEED) -> Pair:
    """`n` points with x uniform in [-1, 1] and y = smooth_curve(x) plus Gaussian noise of std `noise`."""
    if n < 1:
        raise ValueError("n must be at least 1.")
    if noise < 0:
        raise ValueError("noise is a standard deviation and cannot be negative.")
    g = torch.Generator().manual_seed(seed)
    x = torch.rand(n, generator=g) * 2 - 1
    return x, smooth_curve(x) + noise * torch.randn(n, generator=g)


def polynomial_features(x, degree: int) -> torch.Tensor:
    """Columns P_1(x) ... P_degree(x), the Legendre polynomials, for x in [-1, 1].

    They span the same curves as x, x^2, ..., x^degree, but they are far less correlated with each
    other, so gradient descent fits them in hundreds of steps rather than millions.
    """
    x = as_features(x, "x").reshape(-1)
    if degree < 1:
        raise ValueError("degree must be at least 1.")
    if x.abs().max() > 1:
        raise ValueError("x must lie in [-1, 1]; rescale it first (Legendre polynomials explode outside).")
    return torch.tensor(legvander(x.double().numpy(), degree)[:, 1:], dtype=torch.float32)


def load_breast_cancer_table(features: list[str] | None = None) -> tuple[torch.Tensor, torch.Tensor, list[str]]:
    """scikit-learn's bundled Wisconsin breast-cancer table, with 1 = malignant (the case not to miss).

    Pass `features` (column names) to keep only some columns; returns X, y and the column names.
    """
    from sklearn.datasets import load_breast_cancer  # here, not at the top: see the module docstring

    table = load_breast_cancer()
    names = list(table.feature_names)
    columns = list(range(len(names)))
    if features is not None:
        unknown = [f for f in features if f not in names]
        if unknown:
            raise ValueError(f"unknown feature(s) {unknown}; choose from: {', '.join(names)}.")
        columns = [names.index(f) for f in features]
    X = torch.tensor(table.data[:, columns], dtype=torch.float32)
    y = torch.tensor(table.target == 0, dtype=torch.float32)  # scikit-learn codes malignant as 0
    return X, y, [names[c] for c in columns]


@dataclass
class DataSplit:
    """Train, validation and test parts, each a pair (X, y)."""

    train: Pair
    val: Pair
    test: Pair


def split(X, y, val_fraction: float = 0.2, test_fraction: float = 0.2, seed: int = SEED) -> DataSplit:
    """Seeded, stratified train/validation/test split: each part keeps the class balance.

    The same parts as two calls of scikit-learn's `train_test_split(..., stratify=y, random_state=seed)`
    (test first, then validation from the rest), which tests/test_data.py checks; written out so that
    notebooks need not import scikit-learn (see the module docstring).
    """
    X = as_features(X)
    y = as_labels(y, n=X.shape[0])
    if not (0 < val_fraction < 1 and 0 < test_fraction < 1 and val_fraction + test_fraction < 1):
        raise ValueError("val_fraction and test_fraction must be positive and sum to less than 1.")
    labels = y.numpy()
    rest, test = _stratified_cut(labels, test_fraction, seed)
    train, val = _stratified_cut(labels[rest], val_fraction / (1 - test_fraction), seed)
    return DataSplit(*[(X[i], y[i]) for i in (rest[train], rest[val], test)])


def _stratified_cut(labels: np.ndarray, test_fraction: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Positions of a stratified train/test cut, drawn as scikit-learn's StratifiedShuffleSplit draws them."""
    n_test = math.ceil(test_fraction * len(labels))
    classes, codes, counts = np.unique(labels, return_inverse=True, return_counts=True)
    if counts.min() < 2 or min(n_test, len(labels) - n_test) < len(classes):
        raise ValueError(f"{len(labels)} samples are too few to put every class in every part of the split.")
    rng = np.random.RandomState(seed)
    by_class = np.split(np.argsort(codes, kind="stable"), np.cumsum(counts)[:-1])
    n_train_per_class = _apportion(counts, len(labels) - n_test, rng)
    n_test_per_class = _apportion(counts - n_train_per_class, n_test, rng)
    train, test = [], []
    for rows, n_train_c, n_test_c in zip(by_class, n_train_per_class, n_test_per_class, strict=True):
        rows = rows[rng.permutation(len(rows))]
        train.extend(rows[:n_train_c])
        test.extend(rows[n_train_c:n_train_c + n_test_c])
    return rng.permutation(train), rng.permutation(test)


def _apportion(counts: np.ndarray, n_draws: int, rng: np.random.RandomState) -> np.ndarray:
    """Share n_draws among the classes in proportion to counts; ties in what is left over go at random."""
    exact = counts / counts.sum() * n_draws
    shares = np.floor(exact)
    missing, left_over = int(n_draws - shares.sum()), exact - shares
    for value in np.unique(left_over)[::-1]:
        if missing == 0:
            break
        tied = rng.choice(np.flatnonzero(left_over == value), size=min((left_over == value).sum(), missing),
                          replace=False)
        shares[tied] += 1
        missing -= len(tied)
    return shares.astype(int)


def standardize(data: DataSplit) -> DataSplit:
    """Scale every feature to mean 0, std 1 using statistics of the training part only (no leak)."""
    mean, std = data.train[0].mean(0), data.train[0].std(0).clamp_min(1e-12)
    return DataSplit(*[((X - mean) / std, y) for X, y in (data.train, data.val, data.test)])
