import io

import ipywidgets
import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch
from PIL import Image

from helpers.data import make_two_clusters, split
from helpers.plots import plot_lr_sweep
from helpers.sweep import sweep
from helpers.widgets import learning_rate_slider

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


def test_slider_is_a_log_slider_on_the_sweep_grid_and_redraws(classification_sweeps):
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


def test_status_numbers_are_those_of_the_sweep(classification_sweeps):
    panel = learning_rate_slider(classification_sweeps, lr=0.1, optimizer="SGD")
    result = classification_sweeps["SGD"]
    history = result.history(result.index(lr=0.1, seed=0))
    assert f"validation loss {history.val_loss[-1]:.3f}" in panel.status.value
    assert f"at epoch {history.best_epoch}" in panel.status.value


def test_a_diverged_run_shows_a_message_not_nan(regression_sweeps):
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


def test_axes_limits_are_fixed_from_the_whole_sweep(classification_sweeps):
    panel = learning_rate_slider(classification_sweeps)
    ax_loss = panel.fig.axes[0]
    limits = ax_loss.get_ylim(), ax_loss.get_xlim()
    for lr in LRS[::2]:
        panel.controls["lr"].value = float(lr)
        assert (ax_loss.get_ylim(), ax_loss.get_xlim()) == limits
    finite = torch.cat([r.train_loss.flatten() for r in classification_sweeps.values()])
    assert limits[0][0] < finite.min().item() and limits[0][1] > finite.max().item()


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


def test_lr_sweep_plot_marks_divergence_and_labels_axes(regression_sweeps):
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


def test_lr_sweep_plot_draws_each_seed_and_their_median(classification_sweeps):
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


def test_lr_sweep_plot_draws_the_floor_and_keeps_the_legend_off_the_data(classification_sweeps):
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


def test_slider_draws_the_floor_on_a_log_epoch_axis_and_names_the_run_in_the_title(classification_sweeps):
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
