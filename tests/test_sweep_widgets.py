import io

import ipywidgets
import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch
from PIL import Image

from helpers.data import make_two_clusters, split
from helpers.plots import SWEEP_STYLES, plot_lr_sweep
from helpers.sweep import sweep
from helpers.widgets import learning_rate_slider, optimizer_paths_player

LRS = np.logspace(-3, 1, 9)  # two steps per decade; SGD diverges on the regression task at the top


@pytest.fixture(scope="module")
def classification_sweeps():
    parts = split(*make_two_clusters(n=200, seed=0), seed=0)
    return {name: sweep(*parts.train, val=parts.val, optimizer=key, lrs=LRS, seeds=(0, 1), epochs=40)
            for name, key in (("SGD", "sgd"), ("Adam", "adam"))}


@pytest.fixture(scope="module")
def regression_sweeps():
    g = torch.Generator().manual_seed(0)
    X = torch.randn(60, 2, generator=g)
    y = X @ torch.tensor([2.0, -1.0]) + 0.5
    return {name: sweep(X[:40], y[:40], val=(X[40:], y[40:]), task="regression", optimizer=key, lrs=LRS,
                        seeds=(0,), epochs=40) for name, key in (("SGD", "sgd"), ("Adagrad", "adagrad"))}


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)))


def visible_texts(panel) -> list[str]:
    return [t.get_text() for ax in panel.fig.axes for t in ax.texts if t.get_visible() and t.get_text()]


def test_slider_is_a_log_slider_on_the_sweep_grid_and_redraws(classification_sweeps, figure_snapshot):
    panel = learning_rate_slider(classification_sweeps, lr=0.001, optimizer="Adam")
    slider, choice = panel.controls["lr"], panel.controls["optimizer"]
    assert isinstance(slider, ipywidgets.FloatLogSlider) and slider.continuous_update is True
    assert isinstance(choice, ipywidgets.ToggleButtons) and list(choice.options) == ["SGD", "Adam"]
    assert slider.value == pytest.approx(0.001) and (slider.min, slider.max) == pytest.approx((-3, 1))
    assert panel.status.value.startswith("Adam, learning rate 0.001, seed 0: final training loss")
    before = panel.image.value
    slider.value = 10 ** slider.min * 10 ** (2 * slider.step)  # a position on the grid: 0.01
    assert panel.status.value.startswith("Adam, learning rate 0.01,")
    assert not np.array_equal(pixels(panel.image.value), pixels(before))
    choice.value = "SGD"
    assert panel.status.value.startswith("SGD, learning rate 0.01,")
    choice.value, slider.value = "Adam", 0.001
    assert np.array_equal(pixels(panel.image.value), pixels(before))  # blitting leaves no trace
    figure_snapshot(panel.fig)


def test_status_numbers_are_those_of_the_sweep(classification_sweeps, figure_snapshot):
    panel = learning_rate_slider(classification_sweeps, lr=0.1, optimizer="SGD")
    result = classification_sweeps["SGD"]
    history = result.history(result.index(lr=0.1, seed=0))
    assert f"validation loss {history.val_loss[-1]:.3f}" in panel.status.value
    assert f"at epoch {history.best_epoch}" in panel.status.value
    figure_snapshot(panel.fig)


def test_a_diverged_run_shows_a_message_not_nan(regression_sweeps, figure_snapshot):
    panel = learning_rate_slider(regression_sweeps, lr=0.01, optimizer="SGD")
    assert not any("diverged" in t for t in visible_texts(panel))
    panel.controls["lr"].value = 10.0
    result = regression_sweeps["SGD"]
    d = int(result.diverged_at[result.index(lr=10.0)])
    assert d > 0
    assert panel.status.value == (f"SGD, learning rate 10, seed 0: diverged at epoch {d} "
                                  "(the loss became NaN or infinite)")
    assert any(t.startswith(f"diverged at epoch {d}") for t in visible_texts(panel))
    assert "Could not redraw" not in panel.status.value
    legends = [t.get_text() for ax in panel.fig.axes if ax.get_legend() for t in ax.get_legend().get_texts()]
    assert legends and not any("nan" in t.lower() for t in legends)
    panel.controls["optimizer"].value = "Adagrad"  # Adagrad at the same rate does not diverge
    assert "diverged" not in panel.status.value
    assert not any("diverged" in t for t in visible_texts(panel))
    figure_snapshot(panel.fig)


def test_axes_limits_are_fixed_from_the_whole_sweep(classification_sweeps, figure_snapshot):
    panel = learning_rate_slider(classification_sweeps)
    ax_loss = panel.fig.axes[0]
    limits = ax_loss.get_ylim(), ax_loss.get_xlim()
    for lr in LRS[::2]:
        panel.controls["lr"].value = float(lr)
        assert (ax_loss.get_ylim(), ax_loss.get_xlim()) == limits
    finite = torch.cat([r.train_loss.flatten() for r in classification_sweeps.values()])
    assert limits[0][0] < finite.min().item() and limits[0][1] > finite.max().item()
    figure_snapshot(panel.fig)


@pytest.mark.parametrize("kwargs, message", [
    (dict(lr=0.002), "not in the sweeps"),
    (dict(optimizer="Adagrad"), "unknown optimizer"),
    (dict(seed=5), "seed=5 is not in this sweep"),
])
def test_bad_starting_values_are_refused(classification_sweeps, kwargs, message):
    with pytest.raises(ValueError, match=message):
        learning_rate_slider(classification_sweeps, **kwargs)


def test_sweeps_must_share_their_learning_rates(classification_sweeps):
    parts = split(*make_two_clusters(n=100, seed=0), seed=0)
    other = sweep(*parts.train, val=parts.val, lrs=np.logspace(-3, 1, 5), epochs=5)
    with pytest.raises(ValueError, match="share their learning rates"):
        learning_rate_slider({"SGD": classification_sweeps["SGD"], "other": other})
    with pytest.raises(ValueError, match="at least one sweep"):
        learning_rate_slider({})


def test_lr_sweep_plot_marks_divergence_and_labels_axes(regression_sweeps, figure_snapshot):
    fig, ax = plt.subplots()
    styles = plot_lr_sweep(ax, regression_sweeps)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert set(styles) == {"SGD", "Adagrad"} and "SGD: diverged" in labels and "Adagrad: diverged" not in labels
    assert ax.get_xscale() == "log" and ax.get_xlabel() == "learning rate (log scale)"
    assert ax.get_ylabel() == "validation loss after 40 epochs"
    start = next(line for line in ax.get_lines() if line.get_label() == "loss before training")
    expected = np.median(np.concatenate([r.initial_loss("val").numpy() for r in regression_sweeps.values()]))
    assert start.get_ydata()[0] == pytest.approx(expected)
    plt.close(fig)
    figure_snapshot(fig)


def test_lr_sweep_plot_draws_each_seed_and_their_median(classification_sweeps, figure_snapshot):
    fig, ax = plt.subplots()
    styles = plot_lr_sweep(ax, classification_sweeps)
    lrs, finals = classification_sweeps["Adam"].final_loss_by_lr("val")
    mine = [line for line in ax.get_lines() if line.get_color() == styles["Adam"]["color"]]
    seed_lines = [line for line in mine if line.get_label().startswith("_")]
    assert sorted(tuple(line.get_ydata()) for line in seed_lines) == sorted(tuple(col) for col in finals.T)
    median = next(line for line in mine if line.get_label() == "Adam")
    assert np.allclose(median.get_ydata(), np.median(finals, 1))
    assert "2 seeds" in ax.get_title()
    plt.close(fig)
    figure_snapshot(fig)


def test_final_loss_by_lr_groups_seeds(classification_sweeps):
    lrs, finals = classification_sweeps["Adam"].final_loss_by_lr("val")
    assert np.allclose(lrs, LRS, rtol=1e-6) and finals.shape == (9, 2)
    _, train_finals = classification_sweeps["Adam"].final_loss_by_lr("train")
    assert not np.allclose(finals, train_finals)
    with pytest.raises(ValueError, match="'val' or 'train'"):
        classification_sweeps["Adam"].final_loss_by_lr("test")


def test_a_sweep_without_validation_set_shows_training_loss_only():
    X, y = make_two_clusters(n=80, seed=1)
    result = sweep(X, y, optimizer="adam", lrs=LRS, epochs=10)
    with pytest.raises(ValueError, match="without a validation set"):
        result.final_loss_by_lr("val")
    panel = learning_rate_slider({"Adam": result}, lr=0.01)
    assert "validation" not in panel.status.value and "lowest training loss" in panel.status.value
    assert [t.get_text() for t in panel.fig.axes[0].get_legend().get_texts()] == ["training loss"]


def test_lr_sweep_plot_draws_the_floor_and_keeps_the_legend_off_the_data(classification_sweeps, figure_snapshot):
    fig, ax = plt.subplots()
    plot_lr_sweep(ax, classification_sweeps, floor=0.35, floor_label="floor (exact fit)")
    floor = next(line for line in ax.get_lines() if line.get_label() == "floor (exact fit)")
    assert list(floor.get_ydata()) == [0.35, 0.35]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "loss before training (median)" in labels  # two seeds: the line is their median
    fig.canvas.draw()
    legend, axes = ax.get_legend().get_window_extent(), ax.get_window_extent()
    assert legend.y1 < axes.y0  # below the axes, where no curve can be
    plt.close(fig)
    figure_snapshot(fig)


def test_slider_draws_the_floor_on_a_log_epoch_axis_and_names_the_run_in_the_title(classification_sweeps,
                                                                                   figure_snapshot):
    panel = learning_rate_slider(classification_sweeps, lr=0.001, optimizer="Adam", floor=0.3,
                                 marks={"limit": 0.5})
    ax_loss, ax_sweep = panel.fig.axes[:2]
    assert any(list(line.get_xdata()) == [0.5, 0.5] and line.get_linestyle() == "--" for line in ax_sweep.get_lines())
    assert any(t.get_text() == "limit" for t in ax_sweep.texts)
    assert ax_loss.get_xscale() == "log" and ax_loss.get_xlim()[0] < 1 < 40 < ax_loss.get_xlim()[1]
    assert any(line.get_label() == "lowest possible loss" for line in ax_loss.get_lines())
    assert any(line.get_label() == "lowest possible loss" for line in ax_sweep.get_lines())
    assert ax_loss.get_title() == "Adam, learning rate 0.001: loss per epoch (seed 0)"
    panel.controls["optimizer"].value = "SGD"
    assert ax_loss.get_title() == "SGD, learning rate 0.001: loss per epoch (seed 0)"
    panel.fig.canvas.draw()
    ticks = [t.get_text() for t in ax_loss.get_xticklabels() + ax_loss.get_yticklabels() if t.get_text()]
    assert ticks and not any("^" in t or "times" in t for t in ticks)
    figure_snapshot(panel.fig)


# --- optimizer_paths_player: recorded paths over a two-parameter loss surface, played epoch by epoch ---------

VALLEY_LRS = np.logspace(-2, 1, 7)
START = (-2.0, 3.0)
PLAYED = {"SGD": ("sgd", 0.0), "SGD with momentum": ("sgd", 0.9), "Adam": ("adam", 0.0)}


@pytest.fixture(scope="module")
def valley():
    """A one-feature logistic regression (weight and bias), recorded every epoch from one start."""
    X, y = make_two_clusters(n=200, seed=0)
    x = (X.sum(1) / 2 ** 0.5 + 3)[:, None]
    results = {name: sweep(x, y, val=(x, y), optimizer=key, momentum=beta, lrs=VALLEY_LRS, seeds=(0,), epochs=30,
                           record_every=1, start=START) for name, (key, beta) in PLAYED.items()}
    w, b = np.meshgrid(np.linspace(-3, 4, 30), np.linspace(-10, 5, 30))
    logits = w[..., None] * x[:, 0].numpy() + b[..., None]
    surface = (w, b, np.mean(np.logaddexp(0, logits) - y.numpy() * logits, -1))
    return results, surface, float(surface[2].min())


def player_artists(panel, name):
    """The path line, its head, the loss curve and its dot that the player draws for `name`."""
    ax_path, ax_loss = panel.fig.axes[:2]
    color = SWEEP_STYLES[list(PLAYED).index(name)]["color"]
    path = [line for line in ax_path.get_lines() if line.get_color() == color]
    loss = [line for line in ax_loss.get_lines() if line.get_color() == color]
    return path[0], path[1], loss[0], loss[1]


@pytest.mark.parametrize("epoch, lr", [(1, 0.1), (12, 0.1), (30, 1.0), (7, 10.0)])
def test_player_draws_the_recorded_path_and_loss_at_the_chosen_epoch_and_rate(valley, epoch, lr, figure_snapshot):
    results, surface, floor = valley
    panel = optimizer_paths_player(results, START, surface, floor=floor, lr=0.1, tolerance=0.01)
    panel.controls["lr"].value = lr
    panel.controls["epoch"].value = epoch
    status = panel.status.value
    assert status.startswith(f"epoch {epoch} of 30, learning rate {lr:.3g}: training loss ")
    for name, result in results.items():
        i = result.index(lr=lr)
        expected = np.concatenate([[START], result.trajectory[i, :epoch].numpy()])
        line, head, curve, dot = player_artists(panel, name)
        assert np.allclose(np.c_[line.get_xdata(), line.get_ydata()], expected)
        assert np.allclose([head.get_xdata()[0], head.get_ydata()[0]], expected[-1])
        losses = np.r_[result.initial_val_loss[i].item(), result.val_loss[i, :epoch].numpy()] - floor
        assert np.allclose(curve.get_ydata(), losses) and list(curve.get_xdata()) == list(range(epoch + 1))
        assert dot.get_xdata()[0] == epoch and dot.get_ydata()[0] == pytest.approx(losses[-1])
        shown = float(status.split(f"{name} ")[1].split()[0].rstrip(","))
        assert shown == pytest.approx(result.val_loss[i, epoch - 1].item(), abs=5e-4)
    assert panel.fig.axes[0].get_title() == f"learning rate {lr:.3g}: the first {epoch} steps"
    figure_snapshot(panel.fig)


def test_player_has_a_play_button_linked_to_its_epoch_slider_and_keys_frames(valley, figure_snapshot):
    results, surface, floor = valley
    panel = optimizer_paths_player(results, START, surface, floor=floor, lr=0.1)
    play, slider = panel.children[0].children[:2]
    assert isinstance(play, ipywidgets.Play) and (play.min, play.max, slider.value) == (1, 30, 30)
    assert isinstance(panel.controls["lr"], ipywidgets.FloatLogSlider)
    strip = panel.filmstrip("epoch", [2, 10, 20, 30], columns=2)
    frame = Image.open(io.BytesIO(panel.blitter.png()))
    sheet = Image.open(io.BytesIO(strip.data))
    assert sheet.size == (2 * frame.width, 2 * frame.height) and slider.value == 30
    first, last = (np.asarray(sheet.convert("L"))[:frame.height, :frame.width],
                   np.asarray(sheet.convert("L"))[frame.height:, frame.width:])
    assert not np.array_equal(first, last) and np.array_equal(last, np.asarray(frame.convert("L")))
    figure_snapshot(panel.fig)


def test_player_says_when_a_run_diverged_or_left_the_map(figure_snapshot):
    g = torch.Generator().manual_seed(0)
    x = torch.randn(40, 1, generator=g)
    t = 2 * x[:, 0] + 0.5
    results = {"SGD": sweep(x, t, val=(x, t), task="regression", optimizer="sgd", lrs=(0.1, 10.0), seeds=(0,),
                            epochs=20, record_every=1, start=(0.0, 0.0))}
    w, b = np.meshgrid(np.linspace(-1, 3, 9), np.linspace(-1, 2, 9))
    surface = (w, b, (w - 2) ** 2 + (b - 0.5) ** 2 + 0.1)
    panel = optimizer_paths_player(results, (0.0, 0.0), surface, lr=10.0)
    stop = int(results["SGD"].diverged_at[1])
    assert 0 < stop <= 20 and f"SGD diverged at epoch {stop}" in panel.status.value
    line = panel.fig.axes[0].get_lines()[-2]
    assert len(line.get_xdata()) == stop                  # the start and the steps before the blow-up
    panel.controls["epoch"].value = 1
    assert "diverged" not in panel.status.value and "(off the map)" in panel.status.value
    panel.controls["lr"].value = 0.1
    assert "off the map" not in panel.status.value and "Could not redraw" not in panel.status.value
    figure_snapshot(panel.fig)


def test_player_refuses_sweeps_it_cannot_play(valley):
    results, surface, floor = valley
    X, y = make_two_clusters(n=60, seed=0)
    x = X[:, :1]
    with pytest.raises(ValueError, match="record every epoch"):
        optimizer_paths_player({"SGD": sweep(x, y, val=(x, y), lrs=VALLEY_LRS, epochs=3)}, START, surface)
    with pytest.raises(ValueError, match="pass the training points as val"):
        optimizer_paths_player({"SGD": sweep(x, y, lrs=VALLEY_LRS, epochs=3, record_every=1)}, START, surface)
    with pytest.raises(ValueError, match="one run per learning rate"):
        optimizer_paths_player({**results, "other": sweep(x, y, val=(x, y), lrs=(0.1,), epochs=3, record_every=1)},
                               START, surface)
    with pytest.raises(ValueError, match="not in the sweeps"):
        optimizer_paths_player(results, START, surface, lr=0.2)
    with pytest.raises(ValueError, match="at least one sweep"):
        optimizer_paths_player({}, START, surface)
