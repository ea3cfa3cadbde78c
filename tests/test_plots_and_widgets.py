import io

import ipywidgets
import matplotlib.pyplot as plt
import numpy as np
import pytest
from PIL import Image

from helpers.metrics import calibration_bins, threshold_curves, threshold_metrics
from helpers.models import predict_proba
from helpers.plots import (
    CLASS_STYLE,
    notebook_style,
    plain_log_ticks,
    plot_class_points,
    plot_confusion_matrix,
    plot_decision_boundary,
    plot_losses,
    plot_reliability,
    plot_roc,
    plot_threshold_curves,
)
from helpers.train import History
from helpers.widgets import ControlPanel, threshold_slider


@pytest.fixture
def ax():
    fig, ax = plt.subplots()
    yield ax
    plt.close(fig)


def test_decision_line_sits_where_the_probability_equals_the_threshold(ax, trained, clusters, figure_snapshot):
    X, y = clusters.val
    boundary = plot_decision_boundary(ax, trained, X, y, threshold=0.3)
    vertices = np.concatenate([p.vertices for p in boundary.line.get_paths()])
    import torch
    probs = predict_proba(trained, torch.tensor(vertices, dtype=torch.float32))
    assert np.allclose(probs, 0.3, atol=0.02)
    boundary.set_threshold(0.7)
    assert len(ax.collections) == 4  # contour bands, two scatters, one decision line: the old line is gone
    assert ax.get_xlabel() and ax.get_ylabel() and ax.get_legend() is not None
    figure_snapshot(ax.figure)


def test_decision_boundary_can_leave_out_its_legend_and_colour_bar(ax, trained, clusters, figure_snapshot):
    figures_axes = len(ax.figure.axes)
    plot_decision_boundary(ax, trained, *clusters.val, legend=False, colorbar=False,
                           class_names=("benign", "malignant"))
    assert ax.get_legend() is None and len(ax.figure.axes) == figures_axes  # no colour bar axes added
    handles, labels = ax.get_legend_handles_labels()
    assert labels == ["benign", "malignant", "decision line"]  # ready for a legend shared by several panels
    figure_snapshot(ax.figure)


def test_reliability_diagram_draws_each_series_and_the_diagonal(ax, figure_snapshot):
    y, p = np.array([0, 0, 1, 1, 0, 1]), np.array([0.02, 0.1, 0.3, 0.8, 0.5, 0.95])
    plot_reliability(ax, {"validation": calibration_bins(y, p), "fresh data": calibration_bins(y, p)})
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["calibrated: observed = predicted", "validation", "fresh data"]
    assert ax.get_xscale() == ax.get_yscale() == "function" and ax.get_xlabel() and ax.get_ylabel()
    ax.figure.canvas.draw()  # the square-root scale draws without warnings
    figure_snapshot(ax.figure)


def test_loss_plot_labels_both_curves_and_writes_divergence(ax, figure_snapshot):
    plot_losses(ax, History(train_loss=[1.0, 0.5], val_loss=[1.1, 0.7], best_epoch=2), label="adam")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "adam train", "adam validation", "adam lowest validation loss"]
    ring = ax.get_lines()[2]
    assert list(ring.get_xdata()) == [2] and list(ring.get_ydata()) == [0.7]  # at the best epoch's loss
    assert ax.get_yscale() == "log"
    diverged = History(train_loss=[1.0, float("inf")], diverged_at=2)
    plot_losses(ax, diverged)
    assert any("diverged at epoch 2" in t.get_text() for t in ax.texts)
    figure_snapshot(ax.figure)


def test_loss_plot_can_draw_one_curve_in_a_given_style(ax, figure_snapshot):
    history = History(train_loss=[1.0, 0.5, 0.4], val_loss=[1.1, 0.7, 0.8], best_epoch=2)
    plot_losses(ax, history, label="Adam", curves="val", style=dict(color="#009E73", ls="-.", marker="^"),
                mark_best=False)
    (line,) = ax.get_lines()  # the validation curve only: no training curve, no ring
    assert line.get_label() == "Adam" and line.get_linestyle() == "-." and line.get_marker() == "^"
    assert list(line.get_ydata()) == [1.1, 0.7, 0.8] and line.get_color() == "#009E73"
    plot_losses(ax, history, label="SGD", curves="train")
    assert list(ax.get_lines()[1].get_ydata()) == [1.0, 0.5, 0.4] and ax.get_lines()[1].get_linestyle() == "-"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Adam", "SGD"]
    figure_snapshot(ax.figure)


def test_loss_plot_leaves_out_the_non_finite_losses_of_a_diverged_run(ax, figure_snapshot):
    plot_losses(ax, History(train_loss=[1.0, 3.0, float("nan")], val_loss=[1.2, float("inf"), float("nan")],
                            diverged_at=2), curves="val")
    assert list(ax.get_lines()[0].get_ydata()) == [1.2]
    figure_snapshot(ax.figure)


def test_loss_plot_refuses_bad_curve_choices(ax):
    with pytest.raises(ValueError, match="'both', 'train' or 'val'"):
        plot_losses(ax, History(train_loss=[1.0]), curves="validation")
    with pytest.raises(ValueError, match="no validation loss"):
        plot_losses(ax, History(train_loss=[1.0]), curves="val")


def test_log_ticks_are_plain_numbers_even_on_a_narrow_range(ax, figure_snapshot):
    ax.plot([1, 2, 3], [0.35, 0.5, 0.69])
    ax.set_yscale("log")
    plain_log_ticks(ax)
    ax.figure.canvas.draw()
    labels = [t.get_text() for t in ax.get_yticklabels(minor=True) + ax.get_yticklabels() if t.get_text()]
    assert labels and all("10^" not in t and "times" not in t and "e" not in t for t in labels)
    assert {"0.4", "0.6"} <= set(labels)
    figure_snapshot(ax.figure)


def test_class_points_get_their_names_colours_and_markers(ax, figure_snapshot):
    X, y = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 0.5]]), np.array([0, 1, 1])
    benign, malignant = plot_class_points(ax, X, y, class_names=("benign", "malignant"))
    assert benign.get_label() == "benign" and malignant.get_label() == "malignant"
    assert np.array_equal(malignant.get_offsets(), X[1:])
    assert CLASS_STYLE[0]["marker"] != CLASS_STYLE[1]["marker"]
    figure_snapshot(ax.figure)


def test_notebook_style_enlarges_text_outside_jupyter_too():
    import matplotlib as mpl

    with mpl.rc_context():
        notebook_style()  # no IPython here: only matplotlib's settings change
        assert mpl.rcParams["font.size"] >= 11


def test_confusion_matrix_shows_counts(ax, figure_snapshot):
    y, p = np.array([0, 1, 1, 0]), np.array([0.2, 0.7, 0.4, 0.9])
    plot = plot_confusion_matrix(ax, threshold_metrics(y, p, 0.5), class_names=("benign", "malignant"))
    assert [t.get_text() for t in plot.texts] == ["1", "1", "1", "1"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["benign", "malignant"]
    plot.update(threshold_metrics(y, p, 0.0))
    assert [t.get_text() for t in plot.texts] == ["0", "2", "0", "2"]
    figure_snapshot(ax.figure)


def test_threshold_curves_and_roc_are_labelled(ax, figure_snapshot):
    y, p = np.array([0, 1, 1, 0]), np.array([0.2, 0.7, 0.4, 0.9])
    marker = plot_threshold_curves(ax, threshold_curves(y, p), threshold=0.3)
    assert list(marker.get_xdata()) == [0.3, 0.3]
    assert {line.get_linestyle() for line in ax.get_lines()[:3]} == {"-", "--", ":"}  # not colour alone
    legend = ax.get_legend()
    ax.figure.canvas.draw()
    assert legend.get_window_extent().x0 >= ax.get_window_extent().x1  # beside the curves, never over them
    assert ax.get_xlabel() == "decision threshold"
    ax.clear()
    plot_roc(ax, threshold_curves(y, p))
    assert "AUC 0.500" in ax.get_legend().get_texts()[0].get_text()
    figure_snapshot(ax.figure)


def png_pixels(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)))


def assert_still_shows_the_panel(panel) -> None:
    """The still is the panel's current frame at twice the resolution, and taking it leaves the panel as it was."""
    frame = Image.open(io.BytesIO(panel.image.value)).convert("RGB")
    still = Image.open(io.BytesIO(panel.still().data)).convert("RGB")
    assert still.size == (2 * frame.width, 2 * frame.height)
    halved = np.asarray(still.resize(frame.size, Image.LANCZOS), dtype=float)
    assert np.abs(halved - np.asarray(frame, dtype=float)).mean() < 10, "the still shows what the panel shows"
    assert panel.blitter.png() == panel.image.value or np.array_equal(
        png_pixels(panel.blitter.png()), png_pixels(panel.image.value)), "blitting still works after a still"


def test_threshold_slider_redraws_text_and_image(trained, clusters, figure_snapshot):
    panel = threshold_slider(trained, *clusters.val)
    assert isinstance(panel, ipywidgets.VBox)
    slider = panel.controls["threshold"]
    assert slider.continuous_update is True and slider.value == 0.5
    before_text, before_png = panel.status.value, panel.image.value
    assert before_text.startswith("threshold 0.500")
    slider.value = 0.8
    assert panel.status.value.startswith("threshold 0.800") and panel.status.value != before_text
    assert not np.array_equal(png_pixels(panel.image.value), png_pixels(before_png))
    slider.value = 0.5
    assert np.array_equal(png_pixels(panel.image.value), png_pixels(before_png))  # blitting leaves no trace
    assert_still_shows_the_panel(panel)
    still = Image.open(io.BytesIO(panel.still().data)).convert("RGB")
    halved = np.asarray(still.resize(Image.open(io.BytesIO(before_png)).size, Image.LANCZOS), dtype=float)
    slider.value = 0.8
    elsewhere = np.asarray(Image.open(io.BytesIO(panel.image.value)).convert("RGB"), dtype=float)
    here = np.asarray(Image.open(io.BytesIO(before_png)).convert("RGB"), dtype=float)
    assert np.abs(halved - here).mean() < np.abs(halved - elsewhere).mean(), "the still is of the value it was taken at"
    figure_snapshot(panel.fig)


def test_threshold_slider_names_the_classes(trained, clusters, figure_snapshot):
    panel = threshold_slider(trained, *clusters.val, class_names=("benign", "malignant"))
    ax_boundary, ax_matrix = panel.fig.axes[:2]
    assert [t.get_text() for t in ax_matrix.get_yticklabels()] == ["benign", "malignant"]
    assert [t.get_text() for t in ax_boundary.get_legend().get_texts()][:2] == ["benign", "malignant"]
    figure_snapshot(panel.fig)


def test_threshold_slider_rejects_a_bad_start(trained, clusters):
    with pytest.raises(ValueError, match="must lie in"):
        threshold_slider(trained, *clusters.val, threshold=2.0)


def test_a_failing_redraw_shows_a_message_not_a_traceback(figure_snapshot):
    fig = plt.figure()
    plt.close(fig)
    slider = ipywidgets.FloatSlider(value=1.0, min=-2.0, max=2.0)

    def redraw(x):
        if x < 0:
            raise ValueError("x must not be negative")
        return f"x = {x}"

    panel = ControlPanel(fig, {"x": slider}, redraw, moving=[])
    assert panel.status.value == "x = 1.0"
    slider.value = -1.0
    assert "Could not redraw: x must not be negative" in panel.status.value
    assert repr(panel) == "ControlPanel(x)"
    figure_snapshot(panel.fig)


def test_weights_plot_highlights_and_updates(ax, figure_snapshot):
    from helpers.plots import plot_weights

    plot = plot_weights(ax, [1.0, -2.0, 0.5], highlight=[1])
    assert [b.get_height() for b in plot.bars] == [1.0, -2.0, 0.5]
    assert plot.bars[1].get_facecolor() != plot.bars[0].get_facecolor()
    assert plot.bars[1].get_hatch() and not plot.bars[0].get_hatch()  # told apart without colour too
    plot.update([0.0, 0.0, 3.0])
    assert [b.get_height() for b in plot.bars] == [0.0, 0.0, 3.0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["informative", "other"]
    figure_snapshot(ax.figure)


def test_weights_plot_draws_reference_weights_and_keeps_its_legend_off_the_bars(ax):
    from helpers.plots import plot_weights

    plot_weights(ax, [1.0, -2.0, 0.5], highlight=[1], reference=[0.0, -3.0, 0.25])
    dashes = [c for c in ax.collections if c.get_label() == "true weight"]
    assert len(dashes) == 1 and dashes[0].get_offsets().tolist() == [[1, -3.0], [2, 0.25]]  # zeros left out
    legend = ax.get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["informative", "other", "true weight"]
    ax.figure.canvas.draw()
    assert legend.get_window_extent().x0 >= ax.get_window_extent().x1  # outside, right of the axes
    with pytest.raises(ValueError, match="one value per weight"):
        plot_weights(ax, [1.0, 2.0], reference=[1.0])


def test_weights_plot_marks_every_weight_not_exactly_zero(ax, figure_snapshot):
    from helpers.plots import plot_weights

    plot = plot_weights(ax, [1.0, 0.0, 1e-4], mark_nonzero=True)
    assert plot.nonzero.get_offsets().tolist() == [[0, 0], [2, 0]]  # a tiny weight is marked, a zero is not
    plot.update([0.0, 0.0, 0.0])
    assert len(plot.nonzero.get_offsets()) == 0
    plot.update([0.0, -2.0, 0.0])
    assert plot.nonzero.get_offsets().tolist() == [[1, 0]]
    assert [t.get_text() for t in ax.get_legend().get_texts()][-1] == "not exactly zero"
    assert plot_weights(ax, [1.0]).nonzero is None
    figure_snapshot(ax.figure)


def test_log_grid_slider_steps_through_exactly_the_grid():
    from helpers.widgets import log_grid_slider, nearest_index

    grid = 10 ** np.arange(-3, 0.01, 0.25)
    slider = log_grid_slider(grid, "strength")
    assert slider.min == pytest.approx(-3) and slider.max == pytest.approx(0) and slider.step == pytest.approx(0.25)
    assert slider.value == pytest.approx(grid[len(grid) // 2]) and slider.continuous_update is True
    assert nearest_index(grid, 0.0101) == 4
    with pytest.raises(ValueError, match="evenly log-spaced"):
        log_grid_slider([0.1, 0.2, 1.0], "strength")


def test_linear_grid_slider_steps_through_exactly_the_grid():
    from helpers.widgets import linear_grid_slider

    slider = linear_grid_slider([0.0, 0.1, 0.2, 0.3], "p", value=0.1)
    assert (slider.min, slider.max, slider.value) == (0.0, 0.3, 0.1) and slider.step == pytest.approx(0.1)
    with pytest.raises(ValueError, match="evenly spaced"):
        linear_grid_slider([0.0, 0.1, 0.5], "p")


def test_weights_slider_shows_the_path_and_counts_zeros():
    from helpers.widgets import weights_slider

    grid = np.array([0.01, 0.1, 1.0])
    path = np.array([[1.0, 0.5, 0.2], [0.8, 0.0, 0.1], [0.0, 0.0, 0.0]])
    panel = weights_slider(grid, path, highlight=[0])
    assert panel.status.value.startswith("L1 strength 0.1: 1 of 3 weights exactly zero, 1 other features kept; "
                                         "informative kept: 1 of 1")
    title = panel.fig.axes[0].title
    assert title.get_text() == "L1 strength 0.1: 2 of 3 weights non-zero; informative kept: 1 of 1"
    before = panel.image.value
    panel.controls["strength"].value = 1.0
    assert "3 of 3 weights exactly zero" in panel.status.value and panel.image.value != before
    assert title.get_text().startswith("L1 strength 1: 0 of 3 weights non-zero")
    with pytest.raises(ValueError, match="one row of weights per strength"):
        weights_slider(grid, path[:2])


def test_weights_slider_starts_where_asked_and_shows_reference_weights(figure_snapshot):
    from helpers.widgets import weights_slider

    grid = np.array([0.01, 0.1, 1.0])
    path = np.array([[1.0, 0.5, 0.2], [0.8, 0.0, 0.1], [0.0, 0.0, 0.0]])
    panel = weights_slider(grid, path, highlight=[0], strength=0.01, reference=[2.0, 0.0, 0.0])
    assert panel.controls["strength"].value == pytest.approx(0.01)
    assert panel.status.value.startswith("L1 strength 0.01: 0 of 3 weights exactly zero")
    ax = panel.fig.axes[0]
    assert ax.get_ylim()[1] >= 2.0  # the reference fits in the axes
    assert [t.get_text() for t in ax.get_legend().get_texts()][-2:] == ["true weight", "not exactly zero"]
    dots = [c for c in ax.collections if c.get_label() == "not exactly zero"][0]
    assert len(dots.get_offsets()) == 3
    panel.controls["strength"].value = 0.1
    assert dots.get_offsets().tolist() == [[0, 0], [2, 0]]
    assert_still_shows_the_panel(panel)
    figure_snapshot(panel.fig)


def test_curve_fit_slider_looks_up_the_sweep_and_reports_divergence(figure_snapshot):
    import torch

    from helpers.data import make_curve_points, polynomial_features
    from helpers.sweep import sweep
    from helpers.widgets import curve_fit_slider

    x, y = make_curve_points(n=8, seed=0)
    xv, yv = make_curve_points(n=8, seed=1)
    grid = torch.linspace(-1, 1, 50)
    result = sweep(polynomial_features(x, 5), y, val=(polynomial_features(xv, 5), yv), task="regression",
                   optimizer="sgd", lrs=[0.1, 1e3], weight_decays=[0.0, 0.1], epochs=50)
    panel = curve_fit_slider(result, grid, polynomial_features(grid, 5), (x, y), (xv, yv))
    decay, rate = panel.controls["weight_decay"], panel.controls["lr"]
    assert decay.options[0][0] == "0" and decay.continuous_update is True and decay.readout is False
    assert decay.style.description_width == "initial" and panel.image.layout.width.endswith("px")
    rate.value, decay.value = 0.1, 0.0
    assert panel.status.value.startswith("weight_decay 0, learning rate 0.1: after 50 epochs training MSE")
    assert "closed-form" not in panel.status.value
    before = panel.image.value
    decay.value = 0.1
    assert panel.status.value.startswith("weight_decay 0.1,") and panel.image.value != before
    rate.value = 1e3
    assert "diverged at epoch" in panel.status.value and "Could not" not in panel.status.value
    figure_snapshot(panel.fig)


def test_curve_fit_slider_draws_where_each_weight_decay_leads():
    import numpy as np
    import torch

    from helpers.data import make_curve_points, polynomial_features
    from helpers.sweep import sweep
    from helpers.widgets import curve_fit_slider

    x, y = make_curve_points(n=8, seed=0)
    grid = torch.linspace(-1, 1, 50)
    result = sweep(polynomial_features(x, 3), y, val=(polynomial_features(x, 3), y), task="regression",
                   optimizer="sgd", lrs=[0.1, 0.3], weight_decays=[0.0, 0.1], epochs=400)
    asked = []

    def closed_form(weight_decay):  # stands in for the solved equation: the trained curve itself
        asked.append(weight_decay)
        return (result.weight[result.index(lr=0.3, weight_decay=weight_decay)] @ polynomial_features(grid, 3).T
                + result.bias[result.index(lr=0.3, weight_decay=weight_decay)]).numpy()

    panel = curve_fit_slider(result, grid, polynomial_features(grid, 3), (x, y), (x, y), closed_form=closed_form,
                             weight_decay=0.1, lr=0.3)
    assert sorted(asked) == [0.0, 0.1]  # every curve computed once, up front
    assert panel.controls["weight_decay"].value == 0.1 and panel.controls["lr"].value == pytest.approx(0.3)
    assert panel.status.value.endswith("largest gap to the closed-form curve 0")
    texts = [t.get_text() for t in panel.fig.axes[0].texts]
    assert "weight_decay 0.1, learning rate 0.3\nafter 400 epochs" in texts  # the still image states the setting
    panel.controls["lr"].value = 0.1
    gap = float(panel.status.value.rsplit(" ", 1)[1])
    assert gap > 0
    line = panel.fig.axes[0].lines[-1]
    assert np.isfinite(line.get_ydata()).all()
    assert_still_shows_the_panel(panel)
    with pytest.raises(ValueError, match="not in this sweep"):
        curve_fit_slider(result, grid, polynomial_features(grid, 3), (x, y), (x, y), lr=0.2)
