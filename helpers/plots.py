"""One function per kind of figure; each draws on an Axes it is given and returns what a slider updates."""
from dataclasses import dataclass

import matplotlib.pyplot as plt
import numpy as np
import torch
from matplotlib.axes import Axes

from helpers.metrics import ThresholdCurves, ThresholdMetrics
from helpers.models import predict_proba
from helpers.train import History

CLASS_STYLE = {0: dict(color="tab:blue", marker="o", label="class 0"),
               1: dict(color="tab:orange", marker="^", label="class 1")}  # colour-blind safe pair


@dataclass
class BoundaryPlot:
    """A probability map with the decision line at a threshold; `set_threshold` moves the line."""

    ax: Axes
    xx: np.ndarray
    yy: np.ndarray
    probs: np.ndarray
    line: object = None

    def set_threshold(self, threshold: float) -> None:
        animated = False
        if self.line is not None:
            animated = self.line.get_animated()  # a slider's blitting marks the line; keep the mark
            self.line.remove()
        self.line = self.ax.contour(self.xx, self.yy, self.probs, levels=[threshold],
                                    colors="k", linewidths=2, linestyles="--")
        self.line.set_animated(animated)


def plot_decision_boundary(ax: Axes, model: torch.nn.Module, X, y, threshold: float = 0.5,
                           feature_names=("$x_1$", "$x_2$"), resolution: int = 120) -> BoundaryPlot:
    """Points of both classes over contours of the model's p(y=1|x), with the decision line p = threshold."""
    X, y = np.asarray(X), np.asarray(y)
    pad = 0.5
    (x0, y0), (x1, y1) = X.min(0) - pad, X.max(0) + pad
    xx, yy = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution))
    grid = torch.tensor(np.c_[xx.ravel(), yy.ravel()], dtype=torch.float32)
    probs = predict_proba(model, grid).numpy().reshape(xx.shape)
    bands = ax.contourf(xx, yy, probs, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.35)
    ax.figure.colorbar(bands, ax=ax, label="model's p(y = 1 | x)")
    for label, style in CLASS_STYLE.items():
        pts = X[y == label]
        ax.scatter(pts[:, 0], pts[:, 1], s=14, edgecolors="k", linewidths=0.3, **style)
    ax.plot([], [], "k--", lw=2, label="decision line")
    ax.set(xlabel=feature_names[0], ylabel=feature_names[1], xlim=(x0, x1), ylim=(y0, y1))
    ax.legend(loc="upper left", fontsize="small", framealpha=0.9)
    boundary = BoundaryPlot(ax, xx, yy, probs)
    boundary.set_threshold(threshold)
    return boundary


def plot_losses(ax: Axes, history: History, label: str = "", color=None) -> None:
    """Training (solid) and validation (dashed) loss per epoch on a log scale; divergence is written on."""
    epochs = np.arange(1, len(history.train_loss) + 1)
    finite = np.isfinite(history.train_loss)
    lines = ax.plot(epochs[finite], np.asarray(history.train_loss)[finite], color=color,
                    label=f"{label} train".strip())
    if history.val_loss:
        val = np.asarray(history.val_loss)
        ax.plot(epochs[np.isfinite(val)], val[np.isfinite(val)], "--", color=lines[0].get_color(),
                label=f"{label} validation".strip())
        if history.best_epoch:
            ax.plot(history.best_epoch, val[history.best_epoch - 1], "o", color=lines[0].get_color())
    if history.diverged:
        ax.text(0.5, 0.5, f"{label} {history.status}".strip(), transform=ax.transAxes, ha="center",
                va="center", color="crimson", wrap=True,
                bbox=dict(boxstyle="round", facecolor="white", edgecolor="crimson"))
    ax.set(xlabel="epoch", ylabel="loss", yscale="log")
    ax.legend(fontsize="small")


def plot_threshold_curves(ax: Axes, curves: ThresholdCurves, threshold: float | None = None):
    """Precision, recall and F1 against the threshold; returns the vertical line marking `threshold`."""
    ax.plot(curves.thresholds, curves.precision, label="precision")
    ax.plot(curves.thresholds, curves.recall, label="recall")
    ax.plot(curves.thresholds, curves.f1, label="F1")
    ax.set(xlabel="decision threshold", ylabel="score", xlim=(0, 1), ylim=(0, 1.02))
    marker = ax.axvline(0.5 if threshold is None else threshold, color="k", ls="--", lw=1.5,
                        label="threshold")
    ax.legend(loc="lower left", fontsize="small")
    return marker


@dataclass
class ConfusionPlot:
    """A 2x2 confusion matrix drawn as a heat map with counts; `update` redraws it in place."""

    image: object
    texts: list

    def update(self, metrics: ThresholdMetrics) -> None:
        matrix = metrics.matrix
        self.image.set_data(matrix)
        self.image.set_clim(0, max(1, matrix.max()))
        for text, count in zip(self.texts, matrix.ravel()):
            text.set_text(str(count))
            text.set_color("white" if count > matrix.max() / 2 else "black")


def plot_confusion_matrix(ax: Axes, metrics: ThresholdMetrics) -> ConfusionPlot:
    """Rows: the true class; columns: the predicted class."""
    image = ax.imshow(metrics.matrix, cmap="Blues")
    texts = [ax.text(j, i, "", ha="center", va="center", fontsize=13)
             for i in (0, 1) for j in (0, 1)]
    ax.set(xticks=[0, 1], yticks=[0, 1], xticklabels=["0", "1"], yticklabels=["0", "1"],
           xlabel="predicted class", ylabel="true class")
    plot = ConfusionPlot(image, texts)
    plot.update(metrics)
    return plot


def plot_roc(ax: Axes, curves: ThresholdCurves, label: str = "model") -> None:
    """The ROC curve (true-positive against false-positive rate) with its area under the curve."""
    ax.plot(curves.fpr, curves.tpr, label=f"{label} (AUC {curves.auc:.3f})")
    ax.plot([0, 1], [0, 1], ":", color="grey", label="chance")
    ax.set(xlabel="false-positive rate", ylabel="true-positive rate (recall)", aspect="equal")
    ax.legend(loc="lower right", fontsize="small")


def new_figure(ncols: int = 1, width: float = 4.5, height: float = 4.0):
    """A row of `ncols` Axes with constrained layout (labels never overlap)."""
    fig, axes = plt.subplots(1, ncols, figsize=(width * ncols, height), layout="constrained")
    return fig, axes
