"""Shared fixtures. Tests, and the notebook kernels nbval starts (they inherit the environment),
run on the CPU so the stored numbers are reproduced exactly."""
import os

os.environ.setdefault("HELPERS_DEVICE", "cpu")

import pytest  # noqa: E402

from helpers.data import make_two_clusters, split  # noqa: E402
from helpers.device import seed_everything  # noqa: E402
from helpers.models import LogisticRegression  # noqa: E402
from helpers.train import fit  # noqa: E402


@pytest.fixture
def clusters():
    """A small, clearly separable two-cluster split."""
    return split(*make_two_clusters(n=300, separation=3.0, positive_fraction=0.3, seed=0), seed=0)


@pytest.fixture
def trained(clusters):
    """A logistic regression trained on `clusters`."""
    seed_everything(0)
    model = LogisticRegression(2)
    fit(model, *clusters.train, val=clusters.val, lr=0.05, epochs=200)
    return model
