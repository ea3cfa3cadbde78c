"""Shared fixtures. Tests, and the notebook kernels nbval starts (they inherit the environment),
run on the CPU so the stored numbers are reproduced exactly."""
import os
import re

os.environ.setdefault("HELPERS_DEVICE", "cpu")

import pytest  # noqa: E402
from figure_snapshot import SNAPSHOTS, FigureSnapshot  # noqa: E402

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


def pytest_addoption(parser):
    parser.addoption("--update-snapshots", action="store_true",
                     help="rewrite tests/snapshots/ from the figures the tests build (look at them first)")


@pytest.fixture
def figure_snapshot(request) -> FigureSnapshot:
    """`figure_snapshot(fig)`: the figure must show what its reviewed snapshot holds (figure_snapshot.py)."""
    name = re.sub(r"[^\w.=-]+", "-", request.node.name).strip("-")
    return FigureSnapshot(SNAPSHOTS / request.module.__name__.rpartition(".")[2] / f"{name}.json",
                          request.config.getoption("--update-snapshots"))
