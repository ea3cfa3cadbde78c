import io

import ipywidgets
import matplotlib.pyplot as plt
import numpy as np
import pytest
from PIL import Image

from helpers.metrics import threshold_curves, threshold_metrics
from helpers.models import predict_proba
from helpers.plots import (plot_confusion_matrix, plot_decision_boundary, plot_losses, plot_roc,
                           plot_threshold_curves)
from helpers.train import History
from helpers.widgets import ControlPanel, threshold_slider


@pytest.fixture
def ax():
    fig, ax = plt.subplots()
    yield ax
    plt.close(fig)


def test_decision_line_sits_where_the_probability_equals_the_threshold(ax, trained, clusters):
    X, y = clusters.val
    boundary = plot_decision_boundary(ax, trained, X, y, threshold=0.3)
    vertices = np.concatenate([p.vertices for p in boundary.line.get_paths()])
    import torch
    probs = predict_proba(trained, torch.tensor(vertices, dtype=torch.float32))
    assert np.allclose(probs, 0.3, atol=0.02)
    boundary.set_threshold(0.7)
    assert len(ax.collections) == 4  # contour bands, two scatters, one decision line: the old line is gone
    assert ax.get_xlabel() and ax.get_ylabel() and ax.get_legend() is not None


def test_loss_plot_labels_both_curves_and_writes_divergence(ax):
    plot_losses(ax, History(train_loss=[1.0, 0.5], val_loss=[1.1, 0.7], best_epoch=2), label="adam")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["adam train", "adam validation"]
    assert ax.get_yscale() == "log"
    diverged = History(train_loss=[1.0, float("inf")], diverged_at=2)
    plot_losses(ax, diverged)
    assert any("diverged at epoch 2" in t.get_text() for t in ax.texts)


def test_confusion_matrix_shows_counts(ax):
    y, p = np.array([0, 1, 1, 0]), np.array([0.2, 0.7, 0.4, 0.9])
    plot = plot_confusion_matrix(ax, threshold_metrics(y, p, 0.5))
    assert [t.get_text() for t in plot.texts] == ["1", "1", "1", "1"]
    plot.update(threshold_metrics(y, p, 0.0))
    assert [t.get_text() for t in plot.texts] == ["0", "2", "0", "2"]


def test_threshold_curves_and_roc_are_labelled(ax):
    y, p = np.array([0, 1, 1, 0]), np.array([0.2, 0.7, 0.4, 0.9])
    marker = plot_threshold_curves(ax, threshold_curves(y, p), threshold=0.3)
    assert list(marker.get_xdata()) == [0.3, 0.3]
    assert ax.get_xlabel() == "decision threshold"
    ax.clear()
    plot_roc(ax, threshold_curves(y, p))
    assert "AUC 0.500" in ax.get_legend().get_texts()[0].get_text()


def png_pixels(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)))


def test_threshold_slider_redraws_text_and_image(trained, clusters):
    panel = threshold_slider(trained, *clusters.val)
    assert isinstance(panel, ipywidgets.VBox)
    slider = panel.controls["threshold"]
    assert slider.continuous_update is False and slider.value == 0.5
    before_text, before_png = panel.status.value, panel.image.value
    assert before_text.startswith("threshold 0.500")
    slider.value = 0.8
    assert panel.status.value.startswith("threshold 0.800") and panel.status.value != before_text
    assert not np.array_equal(png_pixels(panel.image.value), png_pixels(before_png))
    slider.value = 0.5
    assert np.array_equal(png_pixels(panel.image.value), png_pixels(before_png))  # blitting leaves no trace


def test_threshold_slider_rejects_a_bad_start(trained, clusters):
    with pytest.raises(ValueError, match="must lie in"):
        threshold_slider(trained, *clusters.val, threshold=2.0)


def test_a_failing_redraw_shows_a_message_not_a_traceback():
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
