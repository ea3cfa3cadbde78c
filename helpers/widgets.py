"""Sliders wired to redraws. Works with ipywidgets 7.7 (Colab) and 8 (JupyterLab 4).

A control panel is a row of sliders, a status line and a PNG of a matplotlib figure. The figure's
static parts are drawn once; only the artists a slider moves (marked animated) are drawn again over
that background (blitting), so a redraw costs milliseconds instead of a full figure render. Sliders report a value only when released (`continuous_update=False`),
so dragging never queues stale redraws in the kernel.
"""
import html
import io
from collections.abc import Callable

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from helpers.metrics import check_threshold, threshold_curves, threshold_metrics
from helpers.models import predict_proba
from helpers.plots import plot_confusion_matrix, plot_decision_boundary, plot_threshold_curves

DPI = 72  # PNG resolution of slider figures: sharp enough on screen, cheap to encode


class Blitter:
    """Draws a figure's static artists once and, on each `png()`, only its animated artists on top."""

    def __init__(self, fig: Figure, moving: list):
        self.fig = fig
        for artist in moving:
            artist.set_animated(True)
        self.canvas = FigureCanvasAgg(fig)
        fig.set_dpi(DPI)
        self.canvas.draw()                  # lays the figure out and draws everything not animated
        fig.set_layout_engine("none")       # keep that layout: later draws skip the layout pass
        self.background = self.canvas.copy_from_bbox(fig.bbox)

    def png(self) -> bytes:
        self.canvas.restore_region(self.background)
        for ax in self.fig.axes:
            for artist in ax.get_children():
                if artist.get_animated() and artist.get_visible():
                    ax.draw_artist(artist)
        buffer = io.BytesIO()
        Image.fromarray(np.asarray(self.canvas.buffer_rgba())).save(buffer, format="png", compress_level=1)
        return buffer.getvalue()


class ControlPanel(widgets.VBox):
    """Sliders, a status line and the figure they control.

    `redraw(**values)` updates the artists listed in `moving` and returns the status text.
    """

    def __init__(self, fig: Figure, controls: dict[str, widgets.Widget], redraw: Callable[..., str],
                 moving: list):
        self.fig, self.controls, self.redraw = fig, controls, redraw
        self.status = widgets.HTML()
        self.image = widgets.Image(format="png")
        super().__init__([widgets.HBox(list(controls.values())), self.status, self.image])
        self.blitter = Blitter(fig, moving)
        for control in controls.values():
            control.observe(self.refresh, names="value")
        self.refresh()

    def refresh(self, _change=None) -> None:
        """Redraw for the controls' current values; a failure is shown as a message, never raised."""
        values = {name: control.value for name, control in self.controls.items()}
        try:
            text = html.escape(self.redraw(**values))
        except Exception as exc:  # a slider must never leave a traceback behind
            text = f"<span style='color:crimson'>Could not redraw: {html.escape(str(exc))}</span>"
        self.image.value = self.blitter.png()
        self.status.value = text

    def __repr__(self) -> str:  # the plain-text fallback saved in notebooks, instead of PNG bytes
        return f"ControlPanel({', '.join(self.controls)})"


def threshold_slider(model, X, y, threshold: float = 0.5, feature_names=("$x_1$", "$x_2$")) -> ControlPanel:
    """A threshold slider redrawing the decision line, the confusion matrix and precision/recall.

    `X`, `y` are the 2-D points to show and score (usually the validation set).
    """
    check_threshold(threshold)
    probs = predict_proba(model, X).numpy()
    fig = Figure(figsize=(13.5, 4.2), layout="constrained")
    ax_boundary, ax_matrix, ax_curves = fig.subplots(1, 3, width_ratios=[1.25, 0.8, 1.1])
    boundary = plot_decision_boundary(ax_boundary, model, X, y, threshold, feature_names)
    confusion = plot_confusion_matrix(ax_matrix, threshold_metrics(y, probs, threshold))
    marker = plot_threshold_curves(ax_curves, threshold_curves(y, probs), threshold)
    ax_boundary.set_title("data and decision line")
    ax_matrix.set_title("confusion matrix")
    ax_curves.set_title("scores against the threshold")

    def redraw(threshold: float) -> str:
        metrics = threshold_metrics(y, probs, threshold)
        boundary.set_threshold(threshold)
        confusion.update(metrics)
        marker.set_xdata(np.array([threshold, threshold]))
        return metrics.summary()

    slider = widgets.FloatSlider(value=threshold, min=0.0, max=1.0, step=0.01, description="threshold",
                                 continuous_update=False, readout_format=".2f")
    moving = [boundary.line, marker, confusion.image, *confusion.texts]
    return ControlPanel(fig, {"threshold": slider}, redraw, moving)
