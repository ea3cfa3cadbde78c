import math
import subprocess
import sys

import numpy as np
import pytest
import torch

from helpers.data import (
    as_features,
    as_labels,
    load_breast_cancer_table,
    make_moons,
    make_two_clusters,
    split,
    standardize,
)


def test_clusters_have_requested_size_balance_and_separation():
    X, y = make_two_clusters(n=1000, separation=4.0, positive_fraction=0.1, seed=1)
    assert X.shape == (1000, 2) and y.shape == (1000,)
    assert y.sum().item() == 100
    gap = (X[y == 1].mean(0) - X[y == 0].mean(0)).norm().item()
    assert math.isclose(gap, 4.0, abs_tol=0.3)


def test_clusters_are_reproducible_and_seed_dependent():
    assert torch.equal(make_two_clusters(seed=3)[0], make_two_clusters(seed=3)[0])
    assert not torch.equal(make_two_clusters(seed=3)[0], make_two_clusters(seed=4)[0])


@pytest.mark.parametrize("kwargs", [dict(n=1), dict(positive_fraction=0.0), dict(positive_fraction=1.0),
                                    dict(separation=-1.0)])
def test_clusters_reject_bad_settings(kwargs):
    with pytest.raises(ValueError):
        make_two_clusters(**kwargs)


def test_breast_cancer_table_codes_malignant_as_one():
    X, y, names = load_breast_cancer_table()
    assert X.shape == (569, 30) and len(names) == 30
    assert y.sum().item() == 212  # 212 malignant, 357 benign cases


def test_breast_cancer_table_selects_columns_and_rejects_unknown_ones():
    X, _, names = load_breast_cancer_table(["mean radius", "mean texture"])
    assert X.shape == (569, 2) and names == ["mean radius", "mean texture"]
    with pytest.raises(ValueError, match="unknown feature"):
        load_breast_cancer_table(["colour"])


def test_split_is_stratified_disjoint_and_seeded():
    X, y = make_two_clusters(n=1000, positive_fraction=0.2, seed=0)
    parts = split(X, y, val_fraction=0.2, test_fraction=0.2, seed=0)
    sizes = [len(p[1]) for p in (parts.train, parts.val, parts.test)]
    assert sizes == [600, 200, 200]
    for _, labels in (parts.train, parts.val, parts.test):
        assert labels.mean().item() == pytest.approx(0.2, abs=0.01)
    rows = torch.cat([parts.train[0], parts.val[0], parts.test[0]])
    assert torch.unique(rows, dim=0).shape[0] == 1000
    assert torch.equal(split(X, y, seed=0).test[0], parts.test[0])


def test_split_rejects_bad_fractions():
    X, y = make_two_clusters(n=100)
    with pytest.raises(ValueError, match="sum to less than 1"):
        split(X, y, val_fraction=0.5, test_fraction=0.5)


def test_standardize_uses_training_statistics_only():
    X, y = make_two_clusters(n=500, seed=0)
    parts = standardize(split(X * 10 + 3, y))
    assert torch.allclose(parts.train[0].mean(0), torch.zeros(2), atol=1e-5)
    assert torch.allclose(parts.train[0].std(0), torch.ones(2), atol=1e-5)
    assert not torch.allclose(parts.test[0].mean(0), torch.zeros(2), atol=1e-3)


@pytest.mark.parametrize("bad, message", [
    (torch.tensor([[1.0, float("nan")]]), "NaN or infinite"),
    (torch.tensor([[1.0, float("inf")]]), "NaN or infinite"),
    (torch.zeros(0, 2), "empty"),
    (torch.zeros(2, 2, 2), "table"),
])
def test_features_reject_nan_inf_empty_and_wrong_shape(bad, message):
    with pytest.raises(ValueError, match=message):
        as_features(bad)


def test_features_accept_lists_and_vectors():
    assert as_features([1.0, 2.0]).shape == (2, 1)


@pytest.mark.parametrize("bad, message", [
    ([0, 1, 2], "binary labels 0 and 1"),
    ([-1, 1], "binary labels 0 and 1"),
    ([], "empty"),
])
def test_labels_reject_non_binary_and_empty(bad, message):
    with pytest.raises(ValueError, match=message):
        as_labels(bad)


def test_labels_must_match_the_number_of_rows():
    with pytest.raises(ValueError, match="must match"):
        as_labels([0, 1, 1], n=2)


def test_targets_accept_reals_and_reject_nan_empty_and_mismatch():
    from helpers.data import as_targets

    assert as_targets([0.5, -2.0]).tolist() == [0.5, -2.0]
    with pytest.raises(ValueError, match="NaN or infinite"):
        as_targets([1.0, float("nan")])
    with pytest.raises(ValueError, match="empty"):
        as_targets([])
    with pytest.raises(ValueError, match="must match"):
        as_targets([1.0], n=2)


def test_curve_points_follow_the_smooth_curve_with_noise():
    from helpers.data import make_curve_points, smooth_curve

    x, y = make_curve_points(n=2000, noise=0.2, seed=0)
    assert x.min() >= -1 and x.max() <= 1
    assert (y - smooth_curve(x)).std().item() == pytest.approx(0.2, abs=0.02)
    assert torch.equal(make_curve_points(seed=1)[0], make_curve_points(seed=1)[0])
    with pytest.raises(ValueError, match="noise"):
        make_curve_points(noise=-1.0)


def test_polynomial_features_are_legendre_polynomials():
    from helpers.data import polynomial_features

    x = torch.linspace(-1, 1, 5)
    F = polynomial_features(x, degree=3)
    assert F.shape == (5, 3)
    assert torch.allclose(F[:, 0], x) and torch.allclose(F[:, 1], (3 * x**2 - 1) / 2)
    with pytest.raises(ValueError, match=r"\[-1, 1\]"):
        polynomial_features(x * 2, degree=3)
    with pytest.raises(ValueError, match="degree"):
        polynomial_features(x, degree=0)


@pytest.mark.parametrize("n, noise, seed", [(500, 0.35, 1337), (401, 0.1, 0), (2, 0.0, 5)])
def test_moons_are_scikit_learns_moons(n, noise, seed):
    from sklearn.datasets import make_moons as sklearn_moons

    X, y = make_moons(n=n, noise=noise, seed=seed)
    X_ref, y_ref = sklearn_moons(n_samples=n, noise=noise, random_state=seed)
    assert torch.equal(X, torch.tensor(X_ref, dtype=torch.float32)) and torch.equal(y, torch.tensor(y_ref).float())
    with pytest.raises(ValueError, match="noise"):
        make_moons(noise=-0.1)


@pytest.mark.parametrize("n, positive_fraction, val_fraction, test_fraction, seed", [
    (1000, 0.5, 0.2, 0.2, 1337), (1000, 0.1, 0.2, 0.2, 1337), (500, 0.5, 0.4, 0.4, 1337),
    (569, 0.37, 0.2, 0.2, 1337), (53, 0.3, 0.15, 0.25, 7), (10, 0.5, 0.2, 0.2, 0)])
def test_split_gives_scikit_learns_parts(n, positive_fraction, val_fraction, test_fraction, seed):
    """The notebooks' stored numbers were computed with scikit-learn's split: they must not move."""
    from sklearn.model_selection import train_test_split

    X, y = make_two_clusters(n=n, positive_fraction=positive_fraction, seed=seed)
    index = np.arange(n)
    rest, test = train_test_split(index, test_size=test_fraction, stratify=y.numpy(), random_state=seed)
    train, val = train_test_split(rest, test_size=val_fraction / (1 - test_fraction), stratify=y.numpy()[rest],
                                  random_state=seed)
    parts = split(X, y, val_fraction=val_fraction, test_fraction=test_fraction, seed=seed)
    for (X_part, y_part), rows in zip((parts.train, parts.val, parts.test), (train, val, test), strict=True):
        assert torch.equal(X_part, X[rows]) and torch.equal(y_part, y[rows])


def test_split_refuses_a_class_too_small_for_every_part():
    X, y = make_two_clusters(n=50, positive_fraction=0.1, seed=0)
    with pytest.raises(ValueError, match="too few"):
        split(X[:4], torch.tensor([0.0, 0.0, 0.0, 1.0]))


def test_importing_the_helpers_does_not_import_scikit_learn():
    """Notebooks that do not use scikit-learn must not pay its 2 s import (see helpers.data)."""
    code = ("import sys, helpers.data, helpers.metrics, helpers.plots, helpers.sweep, helpers.train, "
            "helpers.widgets; print(sorted(m for m in sys.modules if m.split('.')[0] == 'sklearn'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
