"""curve_fit_player and log_epoch_player: set an epoch and a weight_decay, and the picture and the status line
show THAT epoch of THAT run (curves, growing error curves, the early-stopping ring), computed here independently."""
import io
import math
import re

import numpy as np
import pytest
import torch
from PIL import Image

from helpers.data import make_curve_points, polynomial_features
from helpers.widgets import curve_fit_player, log_epoch_player

NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?")
DECAYS = [0.0, 0.01, 0.3]
EPOCHS = 400


def numbers_after(status: str, label: str, count: int = 1) -> list[float]:
    start = status.index(label) + len(label)
    return [float(n) for n in NUMBER.findall(status[start:])[:count]]


@pytest.fixture(scope="module")
def runs():
    """Gradient descent from zero on a small polynomial problem, one run per weight_decay, every epoch kept."""
    x, y = make_curve_points(n=8, seed=0)
    xv, yv = make_curve_points(n=20, seed=1)
    degree = 5
    X = torch.cat([polynomial_features(x, degree), torch.ones(8, 1)], 1).double()
    Xv = torch.cat([polynomial_features(xv, degree), torch.ones(20, 1)], 1).double()
    decays = torch.tensor(DECAYS, dtype=torch.float64)
    theta, kept = torch.zeros(len(DECAYS), degree + 1, dtype=torch.float64), []
    for _ in range(EPOCHS):
        theta = theta - 0.3 * (2 / 8 * (theta @ X.T - y.double()) @ X + decays[:, None] * theta)
        kept.append(theta)
    path = torch.stack(kept)                                          # (epochs, runs, d + 1)
    train_loss = (path @ X.T - y.double()).pow(2).mean(-1)
    val_loss = (path @ Xv.T - yv.double()).pow(2).mean(-1)
    grid = torch.linspace(-1, 1, 60)
    return dict(path=path, train=train_loss, val=val_loss, grid=grid, features=polynomial_features(grid, degree),
                points=(x, y))


def player(runs, **options):
    return curve_fit_player(runs["path"], DECAYS, runs["train"], runs["val"], runs["grid"], runs["features"],
                            runs["points"], np.sin(np.pi * runs["grid"].numpy()), **options)


def curve(runs, epoch, k):
    """The run's curve on the grid after `epoch`, from its recorded [w, b]."""
    w, b = runs["path"][epoch - 1, k, :-1], runs["path"][epoch - 1, k, -1]
    return (runs["features"].double() @ w + b).numpy()


def test_log_epoch_player_steps_through_log_spaced_epochs_and_the_ones_to_keep():
    play, slider = log_epoch_player(3000, frames=60, keep=[27, 300])
    epochs = list(slider._options_values)
    assert epochs[0] == 1 and epochs[-1] == 3000 and 27 in epochs and 300 in epochs
    assert epochs == sorted(set(epochs)) and epochs[:8] == list(range(1, 9))   # every epoch at first
    assert 50 <= len(epochs) <= 62 and max(np.diff(epochs)) > 100               # long jumps at the end
    assert (play.min, play.max, play.value) == (0, len(epochs) - 1, len(epochs) - 1)
    assert slider.value == 3000 and slider.description == "epoch" and slider.continuous_update
    slider.index = 5
    assert slider.value == epochs[5]                                            # the button moves the index
    assert log_epoch_player(10, frames=50, value=4)[1].value == 4
    with pytest.raises(ValueError, match="at least 1"):
        log_epoch_player(0)
    with pytest.raises(ValueError, match="between 1 and 100"):
        log_epoch_player(100, keep=[101])
    with pytest.raises(ValueError, match="not one of the frames"):
        log_epoch_player(3000, frames=20, value=999)


@pytest.mark.parametrize("epoch, weight_decay", [(1, 0.01), (7, 0.3), (EPOCHS, 0.01)])
def test_the_player_draws_both_runs_and_their_errors_at_the_chosen_epoch(runs, epoch, weight_decay, figure_snapshot):
    panel = player(runs, keep=[7])
    panel.controls["weight_decay"].value = weight_decay
    panel.controls["epoch"].value = epoch
    k = DECAYS.index(weight_decay)
    ax_curve, ax_loss = panel.fig.axes
    dashed, stopped, solid = [line for line in ax_curve.get_lines() if line.get_linestyle() in ("--", "-.", "-")]
    np.testing.assert_allclose(dashed.get_ydata(), curve(runs, epoch, 0), atol=1e-9)
    np.testing.assert_allclose(solid.get_ydata(), curve(runs, epoch, k), atol=1e-9)
    train_none, val_none, train_decay, val_decay, ring = ax_loss.get_lines()[:5]
    for line, loss, j in ((train_none, "train", 0), (val_none, "val", 0), (train_decay, "train", k),
                          (val_decay, "val", k)):
        assert list(line.get_xdata()) == list(range(1, epoch + 1))               # grown up to this epoch
        np.testing.assert_allclose(line.get_ydata(), runs[loss][:epoch, j].numpy())
    stop = int(runs["val"][:, 0].argmin()) + 1
    assert stopped.get_visible() == ring.get_visible() == (epoch >= stop)
    np.testing.assert_allclose(stopped.get_ydata(), curve(runs, stop, 0), atol=1e-9)
    assert (ring.get_xdata()[0], ring.get_ydata()[0]) == (stop, pytest.approx(runs["val"][stop - 1, 0].item()))
    assert list(ax_loss.lines[-1].get_xdata()) == [epoch, epoch]                 # the epoch marker
    assert ax_curve.get_title().startswith(f"after {epoch} epoch") and f"{weight_decay:.2g} (solid)" in \
        ax_curve.get_title()
    status = panel.status.value
    assert status.startswith(f"epoch {epoch} of {EPOCHS}: weight_decay 0: ")
    for part, j in ((status.split(";")[0], 0), (status[status.index(f"weight_decay {weight_decay:.2g}:"):], k)):
        assert numbers_after(part, "training MSE") == [pytest.approx(runs["train"][epoch - 1, j].item(), abs=5e-4)]
        assert numbers_after(part, "validation MSE") == [pytest.approx(runs["val"][epoch - 1, j].item(), abs=5e-4)]
    best = int(runs["val"][:epoch, 0].argmin()) + 1
    assert status.endswith(f"lowest validation MSE so far is {runs['val'][best - 1, 0]:.3f}, at epoch {best}")
    figure_snapshot(panel.fig)


def test_key_frames_and_the_last_frame_are_stills_of_the_panel(runs, figure_snapshot):
    panel = player(runs, keep=[3, 30])
    strip = panel.filmstrip("epoch", [3, 30], columns=2)
    frame = Image.open(io.BytesIO(panel.image.value))
    assert Image.open(io.BytesIO(strip.data)).size == (2 * frame.width, frame.height)
    assert panel.controls["epoch"].value == EPOCHS
    assert Image.open(io.BytesIO(panel.still().data)).size == (2 * frame.width, 2 * frame.height)
    assert panel.children[0].children[0].description == "play"
    figure_snapshot(panel.fig)


def test_a_diverged_run_says_so_instead_of_failing(runs, figure_snapshot):
    broken = {key: value.clone() if torch.is_tensor(value) else value for key, value in runs.items()}
    broken["train"][50:, 2] = math.inf
    broken["val"][50:, 2] = math.inf
    broken["path"][50:, 2] = math.nan
    panel = player(broken, keep=[30], weight_decay=0.3)
    assert "weight_decay 0.3: diverged at epoch 51" in panel.status.value and "Could not" not in panel.status.value
    panel.controls["epoch"].value = 30
    assert "weight_decay 0.3: training MSE" in panel.status.value
    figure_snapshot(panel.fig)


def test_bad_input_is_refused_with_a_sentence(runs):
    with pytest.raises(ValueError, match="has no recorded run"):
        player(runs, weight_decay=0.05)
    with pytest.raises(ValueError, match="must hold 0"):
        curve_fit_player(runs["path"], [0.1, 0.01, 0.3], runs["train"], runs["val"], runs["grid"],
                         runs["features"], runs["points"])
    with pytest.raises(ValueError, match="one MSE per epoch"):
        curve_fit_player(runs["path"], DECAYS, runs["train"][:10], runs["val"], runs["grid"], runs["features"],
                         runs["points"])
    with pytest.raises(ValueError, match="trajectory must hold"):
        curve_fit_player(runs["path"][:, :2], DECAYS, runs["train"], runs["val"], runs["grid"], runs["features"],
                         runs["points"])
