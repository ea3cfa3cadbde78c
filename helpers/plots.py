"""One function per kind of figure; each draws on an Axes it is given and returns what a slider updates."""
from dataclasses import dataclass

import contourpy
import matplotlib as mpl
import numpy as np
import torch
from cycler import cycler
from matplotlib.axes import Axes
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import LogFormatter, LogLocator
from matplotlib.transforms import blended_transform_factory

from helpers.language import N_, _
from helpers.metrics import ThresholdCurves, ThresholdMetrics
from helpers.models import MLP, predict_proba
from helpers.train import History

# Okabe and Ito's palette, told apart with every kind of colour blindness: blue, orange, bluish green,
# vermillion, reddish purple, sky blue, yellow; the figures also vary line style or marker with colour
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442"]
CLASS_STYLE = {0: dict(color=PALETTE[0], marker="o"), 1: dict(color=PALETTE[1], marker="^")}
DECISION_LINE = dict(color="k", lw=2, ls="-")  # the decision line looks the same in every figure


def notebook_style() -> None:
    """Figures readable from the back of a classroom and sharp on high-resolution screens.

    Larger text, the colour-blind-safe palette, and, inside Jupyter, retina PNGs drawn without the
    inline backend's second cropping pass (`layout="constrained"` already fits every figure).
    """
    mpl.rcParams.update({"font.size": 11, "axes.titlesize": 12, "axes.labelsize": 11, "legend.fontsize": 10,
                         "axes.prop_cycle": cycler(color=PALETTE)})
    from IPython import get_ipython

    if get_ipython() is not None:
        from matplotlib_inline.backend_inline import set_matplotlib_formats

        set_matplotlib_formats("retina", bbox_inches=None)


class PlainLogFormatter(LogFormatter):
    """Log-axis labels as plain numbers (0.3, 2, 500) instead of 3x10^-1; matplotlib still picks which."""

    def _num_to_string(self, x, vmin, vmax):
        return f"{x:g}"


def plain_log_ticks(ax: Axes, axis: str = "y") -> None:
    """Label a log axis with plain numbers, on its decades and, when it spans few, between them."""
    for which in ("x", "y") if axis == "both" else (axis,):
        target = ax.xaxis if which == "x" else ax.yaxis
        target.set_major_formatter(PlainLogFormatter())
        target.set_minor_formatter(PlainLogFormatter(labelOnlyBase=False, minor_thresholds=(1, 0.4)))


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
        self.line = self.ax.contour(self.xx, self.yy, self.probs, levels=[threshold], colors=DECISION_LINE["color"],
                                    linewidths=DECISION_LINE["lw"], linestyles=DECISION_LINE["ls"])
        self.line.set_animated(animated)


CLASS_NAMES = (N_("class 0"), N_("class 1"))


def plot_class_points(ax: Axes, X, y, class_names=CLASS_NAMES, size: float = 14) -> list:
    """Scatter the 2-D points of each class in its own colour and marker; returns the two collections."""
    X, y = np.asarray(X), np.asarray(y)
    return [ax.scatter(X[y == label][:, 0], X[y == label][:, 1], s=size, edgecolors="k", linewidths=0.3,
                       label=_(name), **CLASS_STYLE[label]) for label, name in enumerate(class_names)]


def plot_decision_boundary(ax: Axes, model: torch.nn.Module, X, y, threshold: float = 0.5,
                           feature_names=("$x_1$", "$x_2$"), resolution: int = 120,
                           class_names=CLASS_NAMES, legend: bool = True,
                           colorbar: bool = True) -> BoundaryPlot:
    """Points of both classes over contours of the model's p(y=1|x), with the decision line p = threshold.

    `legend=False` and `colorbar=False` leave them out, for panels that share one legend or colour bar.
    """
    X, y = np.asarray(X), np.asarray(y)
    pad = 0.5
    (x0, y0), (x1, y1) = X.min(0) - pad, X.max(0) + pad
    xx, yy = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution))
    grid = torch.tensor(np.c_[xx.ravel(), yy.ravel()], dtype=torch.float32)
    probs = predict_proba(model, grid).numpy().reshape(xx.shape)
    bands = ax.contourf(xx, yy, probs, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.35)
    if colorbar:
        ax.figure.colorbar(bands, ax=ax, label=_("model's p({name} | x)").format(name=_(class_names[1])))
    plot_class_points(ax, X, y, class_names)
    ax.plot([], [], label=_("decision line"), **DECISION_LINE)
    ax.set(xlabel=feature_names[0], ylabel=feature_names[1], xlim=(x0, x1), ylim=(y0, y1))
    if legend:
        ax.legend(loc="upper left", fontsize="small", framealpha=0.9)
    boundary = BoundaryPlot(ax, xx, yy, probs)
    boundary.set_threshold(threshold)
    return boundary


def _finite_curve(values) -> tuple[np.ndarray, np.ndarray]:
    """Epochs (1-based) and losses of a curve, leaving out the NaN or infinite losses of a diverged run."""
    values = np.asarray(values, dtype=float)
    keep = np.isfinite(values)
    return np.arange(1, len(values) + 1)[keep], values[keep]


def plot_losses(ax: Axes, history: History, label: str = "", color=None, *, curves: str = "both",
                style: dict | None = None, mark_best: bool = True) -> None:
    """Training (solid) and validation (dashed) loss per epoch on a log scale, the lowest validation loss
    ringed; a run that diverged says so on the plot.

    `curves="val"` (or `"train"`) draws that curve alone, labelled `label`, in `style` (Line2D settings such
    as one of SWEEP_STYLES), so that several runs on one axes differ in line style and marker, not only in
    colour. `mark_best=False` leaves the lowest validation loss unmarked.
    """
    if curves not in ("both", "train", "val"):
        raise ValueError(f"curves must be 'both', 'train' or 'val'; got {curves!r}.")
    if curves == "val" and not history.val_loss:
        raise ValueError("this History has no validation loss; train with fit(..., val=(X_val, y_val)).")
    if curves == "both":
        line, = ax.plot(*_finite_curve(history.train_loss), color=color,
                        label=_("{label} train").format(label=label).strip())
        if history.val_loss:
            ax.plot(*_finite_curve(history.val_loss), "--", color=line.get_color(),
                    label=_("{label} validation").format(label=label).strip())
    else:
        alone = {"ls": "-" if curves == "train" else "--", **(style or {}),
                 "label": label or (_("train") if curves == "train" else _("validation"))}
        if alone.get("marker"):
            alone["markevery"] = 0.1  # evenly spaced markers, on linear and log axes alike
        if color is not None:
            alone["color"] = color
        line, = ax.plot(*_finite_curve(history.train_loss if curves == "train" else history.val_loss), **alone)
    if mark_best and curves != "train" and history.val_loss and history.best_epoch:
        ax.plot(history.best_epoch, history.val_loss[history.best_epoch - 1], "o", ms=8, mfc="none", mew=2,
                color=line.get_color(), label=_("{label} lowest validation loss").format(label=label).strip())
    if history.diverged:
        ax.text(0.5, 0.5, f"{label} {history.status}".strip(), transform=ax.transAxes, ha="center",
                va="center", color="crimson", wrap=True,
                bbox=dict(boxstyle="round", facecolor="white", edgecolor="crimson"))
    ax.set(xlabel=_("epoch"), ylabel=_("loss (log scale)"), yscale="log")
    plain_log_ticks(ax)
    ax.legend(fontsize="small")


THRESHOLD_CURVE_STYLE = {N_("precision"): dict(color=PALETTE[0], ls="-"), N_("recall"): dict(color=PALETTE[1], ls="--"),
                         N_("F1"): dict(color=PALETTE[2], ls=":")}


def plot_threshold_curves(ax: Axes, curves: ThresholdCurves, threshold: float | None = None):
    """Precision, recall and F1 against the threshold, told apart by colour and line style, with the legend
    outside the axes (the curves cross every corner); returns the vertical line marking `threshold`."""
    for name, values in (("precision", curves.precision), ("recall", curves.recall), ("F1", curves.f1)):
        ax.plot(curves.thresholds, values, lw=2, label=_(name), **THRESHOLD_CURVE_STYLE[name])
    ax.set(xlabel=_("decision threshold"), ylabel=_("score"), xlim=(0, 1), ylim=(0, 1.02))
    marker = ax.axvline(0.5 if threshold is None else threshold, color="grey", ls="-.", lw=1.5,
                        label=_("threshold"))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small", borderaxespad=0)
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
        for text, count in zip(self.texts, matrix.ravel(), strict=True):
            text.set_text(str(count))
            text.set_color("white" if count > matrix.max() / 2 else "black")


def plot_confusion_matrix(ax: Axes, metrics: ThresholdMetrics, class_names=("0", "1")) -> ConfusionPlot:
    """Rows: the true class; columns: the predicted class."""
    image = ax.imshow(metrics.matrix, cmap="Blues")
    texts = [ax.text(j, i, "", ha="center", va="center", fontsize=13)
             for i in (0, 1) for j in (0, 1)]
    names = [_(name) for name in class_names]
    ax.set(xticks=[0, 1], yticks=[0, 1], xticklabels=names, yticklabels=names,
           xlabel=_("predicted class"), ylabel=_("true class"))
    plot = ConfusionPlot(image, texts)
    plot.update(metrics)
    return plot


def plot_roc(ax: Axes, curves: ThresholdCurves, label: str = N_("model")) -> None:
    """The ROC curve (true-positive against false-positive rate) with its area under the curve."""
    ax.plot(curves.fpr, curves.tpr, label=_("{label} (AUC {auc:.3f})").format(label=_(label), auc=curves.auc))
    ax.plot([0, 1], [0, 1], ":", color="grey", label=_("chance"))
    ax.set(xlabel=_("false-positive rate"), ylabel=_("true-positive rate (recall)"), aspect="equal")
    ax.legend(loc="lower right", fontsize="small")


RELIABILITY_STYLES = [dict(color=PALETTE[0], marker="o", ls="-"), dict(color=PALETTE[3], marker="s", ls="--"),
                      dict(color=PALETTE[2], marker="^", ls="-.")]


def plot_reliability(ax: Axes, series: dict) -> None:
    """Reliability diagram: observed share of class 1 against the mean predicted probability, per bin.

    `series` maps a label to helpers.metrics.CalibrationBins; each gets its 95% intervals as error bars.
    Calibrated probabilities lie on the diagonal. Both axes use a square-root scale, which spreads out
    the small probabilities where an imbalanced task keeps most of its cases.
    """
    ax.plot([0, 1], [0, 1], color="grey", ls=":", lw=1.5, label=_("calibrated: observed = predicted"))
    for (label, bins), style in zip(series.items(), RELIABILITY_STYLES * len(series), strict=False):
        kept = bins.count > 0
        ax.errorbar(bins.predicted[kept], bins.observed[kept],
                    yerr=[bins.observed[kept] - bins.low[kept], bins.high[kept] - bins.observed[kept]],
                    color=style["color"], marker=style["marker"], ls=style["ls"], lw=1.5, ms=6, capsize=3,
                    label=label)
    ticks = [0, 0.01, 0.05, 0.1, 0.2, 0.4, 0.7, 1]
    root = dict(functions=(lambda v: np.sqrt(np.clip(v, 0, None)), np.square))
    ax.set_xscale("function", **root)
    ax.set_yscale("function", **root)
    ax.set_xticks(ticks, labels=[f"{t:g}" for t in ticks])
    ax.set_yticks(ticks, labels=[f"{t:g}" for t in ticks])
    ax.set(xlim=(0, 1), ylim=(0, 1), aspect="equal",
           xlabel=_("mean predicted probability of class 1 (square-root scale)"),
           ylabel=_("observed share of class 1 (square-root scale)"))
    ax.legend(loc="upper left", fontsize="small")


@dataclass
class LossValues:
    """BCE and MSE (on the probability) of one example with logit z and target y, and their slopes."""

    z: np.ndarray
    y: int
    p: np.ndarray         # sigmoid(z), the predicted probability of class 1
    bce: np.ndarray       # -[y log p + (1 - y) log(1 - p)]
    mse: np.ndarray       # (p - y)^2
    bce_grad: np.ndarray  # d bce / dz = p - y
    mse_grad: np.ndarray  # d mse / dz = 2 (p - y) p (1 - p)


def bce_and_mse(z, y: int) -> LossValues:
    """Both losses of a single example and their gradients with respect to the logit, for any z.

    BCE is computed as softplus(z) - y z, never through log(sigmoid(z)), so it stays exact for large |z|.
    """
    if y not in (0, 1):
        raise ValueError(f"the target y must be 0 or 1; got {y!r}.")
    z = np.asarray(z, dtype=float)
    if not np.isfinite(z).all():
        raise ValueError("the logit z must be a finite number.")
    e = np.exp(-np.abs(z))  # never overflows
    p = np.where(z >= 0, 1 / (1 + e), e / (1 + e))
    bce = np.maximum(z, 0) + np.log1p(e) - y * z
    return LossValues(z=z, y=y, p=p, bce=bce, mse=(p - y) ** 2, bce_grad=p - y,
                      mse_grad=2 * (p - y) * p * (1 - p))


LOSS_STYLE = {"bce": dict(color=PALETTE[0], ls="-", marker="o", label="BCE"),
              "mse": dict(color=PALETTE[1], ls="--", marker="s", label=N_("MSE on p"))}
CONFIDENTLY_WRONG = 0.05  # the true label gets a probability below this: the model is confidently wrong
WRONG_LABEL = N_("confidently wrong: the true label gets p < {limit}")


@dataclass
class LossGradientPlot:
    """Loss and gradient curves of one example against its logit, with markers at the current z.

    `update(z, y)` moves the markers, swaps the curves and the shaded confidently-wrong side when the
    target changes, rewrites both titles (target, logit, probability) and returns the values at z;
    `moving` lists the artists a slider redraws.
    """

    grid: np.ndarray
    curves: dict
    markers: dict
    guides: list
    shades: list
    titles: list

    def update(self, z: float, y: int) -> LossValues:
        along = bce_and_mse(self.grid, y)
        here = bce_and_mse(z, y)
        for name in ("bce", "mse"):
            self.curves[name, "loss"].set_ydata(getattr(along, name))
            self.curves[name, "grad"].set_ydata(getattr(along, f"{name}_grad"))
            self.markers[name, "loss"].set_data([z], [float(getattr(here, name))])
            self.markers[name, "grad"].set_data([z], [float(getattr(here, f"{name}_grad"))])
        for guide in self.guides:
            guide.set_xdata([z, z])
        low, high = self.grid[0], self.grid[-1]
        edge = float(np.log(CONFIDENTLY_WRONG / (1 - CONFIDENTLY_WRONG)))  # logit of 0.05: -2.94
        start, stop = (low, edge) if y == 1 else (-edge, high)        # y = 1: z far below 0; y = 0: far above
        for shade in self.shades:
            shade.set_x(start)
            shade.set_width(max(stop - start, 0.0))
        self.titles[0].set_text(_("loss of one example with y = {y}").format(y=y))
        self.titles[1].set_text(_("its gradient; marker at z = {z:.1f}, p = {p:.3f}").format(z=z, p=float(here.p)))
        return here

    @property
    def moving(self) -> list:
        return [*self.curves.values(), *self.markers.values(), *self.guides, *self.shades, *self.titles]


def plot_loss_and_gradient(ax_loss: Axes, ax_grad: Axes, z: float = 0.0, y: int = 1,
                           z_range: tuple[float, float] = (-10.0, 10.0)) -> LossGradientPlot:
    """Left: BCE and MSE of one example against its logit z; right: their gradients d loss / dz.

    Markers and a dotted line show the example at logit `z` with target `y`; the titles say which
    example, and a shaded band marks the logits at which the model is confidently wrong about it.
    One legend, below both panels, never covers a curve.
    """
    low, high = z_range
    if not low < high:
        raise ValueError("z_range must be (low, high) with low < high.")
    if not low <= z <= high:
        raise ValueError(f"the logit z = {z} must lie inside z_range {z_range}.")
    grid = np.linspace(low, high, 401)
    curves, markers = {}, {}
    for name, style in LOSS_STYLE.items():
        line = dict(color=style["color"], ls=style["ls"], lw=2.5)
        dot = dict(color=style["color"], marker=style["marker"], ms=9, ls="none", mec="k")
        curves[name, "loss"], = ax_loss.plot(grid, grid * 0, label=_(style["label"]), **line)
        curves[name, "grad"], = ax_grad.plot(grid, grid * 0, **line)
        markers[name, "loss"], = ax_loss.plot([z], [0.0], **dot)
        markers[name, "grad"], = ax_grad.plot([z], [0.0], **dot)
    guides = [ax.axvline(z, color="grey", ls=":", lw=1.5) for ax in (ax_loss, ax_grad)]
    shades = [ax.add_patch(Rectangle((low, 0), 0, 1, transform=ax.get_xaxis_transform(), color=PALETTE[3],
                                     alpha=0.12, lw=0,
                                     label=_(WRONG_LABEL).format(limit=CONFIDENTLY_WRONG) if ax is ax_loss else None))
              for ax in (ax_loss, ax_grad)]
    ax_grad.axhline(0, color="k", lw=0.8)
    worst = float(bce_and_mse(np.array([low, high]), 1).bce.max())  # y = 0 mirrors y = 1: same range
    ax_loss.set(xlabel=_("logit z"), ylabel=_("loss of the example"), xlim=(low, high),
                ylim=(-0.03 * worst, 1.05 * worst))
    ax_grad.set(xlabel=_("logit z"), ylabel=_("gradient d loss / d z"), xlim=(low, high), ylim=(-1.1, 1.1))
    ax_loss.figure.legend(handles=[*(curves[name, "loss"] for name in LOSS_STYLE), shades[0]],
                          loc="outside lower center", ncols=3)
    plot = LossGradientPlot(grid, curves, markers, guides, shades, [ax_loss.title, ax_grad.title])
    plot.update(z, y)
    return plot


@dataclass
class WeightsPlot:
    """One bar per weight, highlighted bars in orange; `update` sets new heights in place.

    `nonzero`, when drawn, is a dot on the zero line under every weight that is not exactly zero."""

    bars: object
    nonzero: object = None

    def update(self, weights) -> None:
        weights = np.asarray(weights).reshape(-1)
        for bar, w in zip(self.bars, weights, strict=True):
            bar.set_height(w)
        if self.nonzero is not None:
            self.nonzero.set_offsets(_nonzero_dots(weights))


def _nonzero_dots(weights: np.ndarray) -> np.ndarray:
    """(index, 0) for every weight that is not exactly zero, as scatter offsets."""
    kept = np.flatnonzero(weights)
    return np.column_stack([kept, np.zeros(len(kept))])


def plot_weights(ax: Axes, weights, highlight=(), ylim=None, highlight_label: str = N_("informative"),
                 reference=None, reference_label: str = N_("true weight"), mark_nonzero: bool = False) -> WeightsPlot:
    """A bar chart of the weights, the `highlight` indices (e.g. truly informative features) in orange.

    `reference` (one value per weight, e.g. the weights the data were made with) is drawn as a black dash
    at each bar's position where it is not zero (a zero would hide small bars on the zero line). With
    `mark_nonzero`, a dot on the zero line marks every weight that is not exactly zero, however small its
    bar. The legend sits outside the axes, on the right, so it never hides a bar.
    """
    weights = np.asarray(weights).reshape(-1)
    colors = [PALETTE[1] if i in set(highlight) else PALETTE[0] for i in range(len(weights))]
    bars = ax.bar(np.arange(len(weights)), weights, color=colors, edgecolor="white", linewidth=0)
    for i, bar in enumerate(bars):  # hatched as well as orange: told apart without colour too
        bar.set_hatch("//" if i in set(highlight) else "")
    ax.axhline(0, color="k", lw=0.8)
    ax.set(xlabel=_("feature index"), ylabel=_("weight"),
           xticks=np.arange(0, len(weights), 2 if len(weights) > 12 else 1))
    if ylim is not None:
        ax.set_ylim(ylim)
    handles = [Patch(facecolor=PALETTE[1], hatch="//", edgecolor="white", label=_(highlight_label)),
               Patch(color=PALETTE[0], label=_("other"))]
    if reference is not None:
        reference = np.asarray(reference, dtype=float).reshape(-1)
        if reference.shape != weights.shape:
            raise ValueError(f"reference needs one value per weight ({len(weights)}); got {len(reference)}.")
        shown = np.flatnonzero(reference)
        handles.append(ax.scatter(shown, reference[shown], marker="_", s=250, linewidths=2.5, color="k", zorder=3,
                                  label=_(reference_label)))
    nonzero = None
    if mark_nonzero:
        nonzero = ax.scatter(*_nonzero_dots(weights).T, marker="o", s=22, color="k", zorder=4,
                             label=_("not exactly zero"))
        handles.append(nonzero)
    ax.legend(handles=handles, fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0)
    return WeightsPlot(bars, nonzero)


def decision_line_xy(xx: np.ndarray, yy: np.ndarray, probs: np.ndarray, level: float = 0.5) -> np.ndarray:
    """Points where the probability map crosses `level`, pieces separated by NaN rows (one Line2D)."""
    pieces = contourpy.contour_generator(xx, yy, probs, line_type="Separate").lines(level)
    if not pieces:
        return np.full((1, 2), np.nan)
    nan_row = np.full((1, 2), np.nan)
    return np.concatenate([part for piece in pieces for part in (piece, nan_row)])[:-1]


def decision_line_pieces(xy: np.ndarray) -> list[np.ndarray]:
    """The separate pieces of a line from `decision_line_xy` (none when the map never crosses its level).

    A piece whose two ends meet is a closed loop: an island of one class inside the other.
    """
    xy = np.asarray(xy, dtype=float)
    breaks = np.flatnonzero(np.isnan(xy[:, 0]))
    pieces = (part[~np.isnan(part[:, 0])] for part in np.split(xy, breaks))
    return [piece for piece in pieces if len(piece)]


def count_islands(xy: np.ndarray) -> int:
    """How many closed loops (islands of one class inside the other) a line from `decision_line_xy` has."""
    return sum(len(piece) > 2 and np.allclose(piece[0], piece[-1]) for piece in decision_line_pieces(xy))


@dataclass
class ProbabilityMap:
    """A model's p(y=1|x) as an image, with the points and the decision line p = 0.5 drawn over it.

    `update(probs)` swaps in a new map (same grid) and its line, without redrawing contours; `moving`
    lists what a slider redraws (the points too, so that they stay on top of the image).
    """

    xx: np.ndarray
    yy: np.ndarray
    image: object
    points: list
    line: object

    def update(self, probs: np.ndarray) -> None:
        self.image.set_data(probs)
        xy = decision_line_xy(self.xx, self.yy, probs)
        self.line.set_data(xy[:, 0], xy[:, 1])

    @property
    def moving(self) -> list:
        return [self.image, *self.points, self.line]


def probability_grid(X, resolution: int = 100, pad: float = 0.5) -> tuple[np.ndarray, np.ndarray]:
    """A square mesh covering the 2-D points X plus a margin, as meshgrid arrays (xx, yy)."""
    X = np.asarray(X)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"a probability map needs 2-D points (n x 2); got shape {X.shape}.")
    (x0, y0), (x1, y1) = X.min(0) - pad, X.max(0) + pad
    return np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution))


def grid_probabilities(model: torch.nn.Module, xx: np.ndarray, yy: np.ndarray) -> np.ndarray:
    """The model's p(y=1|x) at every mesh point, shaped like xx."""
    grid = torch.tensor(np.c_[xx.ravel(), yy.ravel()], dtype=torch.float32)
    return predict_proba(model, grid).numpy().reshape(xx.shape)


@torch.no_grad()
def probability_frames(model: torch.nn.Module, history: History, xx: np.ndarray, yy: np.ndarray) -> dict:
    """An MLP's p(y=1|x) on the mesh after every recorded epoch (`fit(..., record_every=k)`): epoch -> map.

    Precomputed once, so that playing training back is a lookup. The maps are pictures, so they are
    computed in float32, layer by layer into buffers reused for every epoch (a fresh model per epoch
    would cost twice the time and leave the memory allocator fragmented); the model is not touched.
    Dropout is off, as in evaluation.
    """
    if not isinstance(model, MLP):
        raise ValueError(f"probability_frames plays back a helpers.models.MLP; got {type(model).__name__}.")
    if not history.snapshots:
        raise ValueError("this History has no recorded weights: train with fit(..., record_every=1).")
    linear = [name for name, layer in model.layers.named_children() if isinstance(layer, torch.nn.Linear)]
    grid = torch.tensor(np.c_[np.ravel(xx), np.ravel(yy)], dtype=torch.float32)
    buffers = [torch.empty(len(grid), model.layers.get_submodule(name).out_features) for name in linear]
    frames = {}
    for epoch, state in sorted(history.snapshots.items()):
        h = grid
        for k, (name, out) in enumerate(zip(linear, buffers, strict=True)):
            weight, bias = state[f"layers.{name}.weight"].float(), state[f"layers.{name}.bias"].float()
            h = torch.addmm(bias, h, weight.T, out=out)  # the Linear layer
            if k < len(linear) - 1:
                h.relu_()                                 # ReLU; dropout does nothing in evaluation
        frames[epoch] = torch.sigmoid(h[:, 0]).numpy().reshape(np.shape(xx))
    return frames


def plot_probability_map(ax: Axes, xx: np.ndarray, yy: np.ndarray, probs: np.ndarray, X, y,
                         feature_names=("$x_1$", "$x_2$"), class_names=CLASS_NAMES,
                         colorbar: bool = True, legend: bool = True) -> ProbabilityMap:
    """Like `plot_decision_boundary`, but the map is an image that `update` can swap (a slider's lookup).

    `colorbar=False` and `legend=False` leave them out, for panels that share one colour bar or legend.
    """
    extent = (xx.min(), xx.max(), yy.min(), yy.max())
    image = ax.imshow(probs, origin="lower", extent=extent, aspect="auto", cmap="RdBu_r", vmin=0, vmax=1,
                      alpha=0.45, interpolation="bilinear")
    if colorbar:
        ax.figure.colorbar(image, ax=ax, label=_("model's p({name} | x)").format(name=_(class_names[1])))
    points = plot_class_points(ax, X, y, class_names, size=16)
    line, = ax.plot([], [], label=_("decision line"), **DECISION_LINE)  # where p(class 1 | x) = 0.5
    ax.set(xlabel=feature_names[0], ylabel=feature_names[1], xlim=extent[:2], ylim=extent[2:])
    if legend:
        ax.legend(loc="upper left", fontsize="small", framealpha=0.9)
    plot = ProbabilityMap(xx, yy, image, points, line)
    plot.update(probs)
    return plot


SWEEP_STYLES = [dict(color=PALETTE[0], marker="o", ls="-"), dict(color=PALETTE[1], marker="s", ls="--"),
                dict(color=PALETTE[2], marker="^", ls="-."), dict(color=PALETTE[4], marker="D", ls=":")]


def plot_lr_sweep(ax: Axes, results: dict, loss: str = "val", floor: float | None = None,
                  floor_label: str = N_("lowest possible loss")) -> dict:
    """Final loss against the learning rate, one colour per sweep in `results` (name -> SweepResult).

    A thin line per seed, a thick line through their median; a rate where a seed diverged gets a cross
    at the top of the axes; a dotted grey line marks the loss before training, and a solid black one the
    `floor` when given (e.g. the loss of the exact best fit). The legend goes below the axes. Returns
    name -> style.
    """
    top = blended_transform_factory(ax.transData, ax.transAxes)
    used = {}
    for (name, result), style in zip(results.items(), SWEEP_STYLES * len(results), strict=False):
        lrs, finals = result.final_loss_by_lr(loss)
        finite = np.isfinite(finals)
        if finals.shape[1] > 1:
            ax.plot(lrs, finals, color=style["color"], ls=style["ls"], lw=0.8, alpha=0.6)
        median = np.array([np.median(row[ok]) if ok.any() else np.nan for row, ok in zip(finals, finite, strict=True)])
        ax.plot(lrs, median, color=style["color"], marker=style["marker"], ls=style["ls"], lw=2, ms=5, label=name)
        diverged = ~finite.all(1)
        if diverged.any():
            ax.plot(lrs[diverged], np.full(diverged.sum(), 0.96), "x", color=style["color"], ms=8, mew=2,
                    transform=top, label=_("{name}: diverged").format(name=name))
        used[name] = style
    start = float(np.median(np.concatenate([r.initial_loss(loss).numpy() for r in results.values()])))
    seeds = finals.shape[1]
    ax.axhline(start, color="grey", ls=":", lw=1.5,
               label=_("loss before training (median)") if seeds > 1 else _("loss before training"))
    if floor is not None:
        ax.axhline(floor, color="k", ls="-", lw=1, label=_(floor_label))
    epochs = next(iter(results.values())).train_loss.shape[1]
    ax.set(xscale="log", yscale="log", xlabel=_("learning rate (log scale)"),
           ylabel=(_("validation loss after {epochs} epochs") if loss == "val"
                   else _("training loss after {epochs} epochs")).format(epochs=epochs))
    plain_log_ticks(ax, "both")
    ax.xaxis.set_minor_locator(LogLocator(subs=(2, 5)))  # decades of rates: ticks at 2 and 5 are enough
    low, high = ax.get_ylim()
    if high > 100 * low:  # minor ticks are not labelled over so many decades: fewer of them draw faster
        ax.yaxis.set_minor_locator(LogLocator(subs=(2, 5)))
    title = _("final loss against the learning rate\n(thick: median of {seeds} seeds; thin: each seed)") if seeds > 1 \
        else _("final loss against the learning rate")
    ax.set_title(title.format(seeds=seeds), fontsize="medium")
    # below the axes: inside, some sweep always has a line (a seed, a jumpy high rate) where the legend goes
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=3, fontsize="small")
    return used
