"""Sliders wired to redraws. Works with ipywidgets 7.7 (Colab) and 8 (JupyterLab 4).

A control panel is a row of sliders, a status line and a PNG of a matplotlib figure. The figure's
static parts are drawn once; only the artists a slider moves (marked animated) are drawn again over
that background (blitting), so a redraw costs milliseconds instead of a full figure render. Sliders
send values while dragged, and a redraw always draws the latest value (ControlPanel.refresh), so dragging
never queues stale redraws in the kernel.
"""
import asyncio
import html
import io
from collections.abc import Callable

import ipywidgets as widgets
import matplotlib as mpl
import numpy as np
import torch
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import LogLocator, NullLocator
from PIL import Image

from helpers.language import N_, _
from helpers.metrics import check_threshold, threshold_curves, threshold_metrics
from helpers.models import check_dropout, evaluate, predict_proba
from helpers.plots import (
    CLASS_NAMES,
    PALETTE,
    SWEEP_STYLES,
    count_islands,
    grid_probabilities,
    plain_log_ticks,
    plot_confusion_matrix,
    plot_decision_boundary,
    plot_loss_and_gradient,
    plot_lr_sweep,
    plot_probability_map,
    plot_threshold_curves,
    plot_weights,
    probability_grid,
)

LARGE_TEXT = {"font.size": 13, "axes.titlesize": 14, "axes.labelsize": 13, "legend.fontsize": 13}
GATHER_S = 0.02  # a redraw waits this long for values already on their way, which it then absorbs
DPI = 80  # PNG resolution of slider figures: sharp at 1:1 on screen, cheap to encode


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
        rgb = np.asarray(self.canvas.buffer_rgba())[..., :3]  # opaque figure: no alpha to encode (20% faster)
        Image.fromarray(rgb).save(buffer, format="png", compress_level=1)
        return buffer.getvalue()


def running_loop() -> asyncio.AbstractEventLoop | None:
    """The event loop running this code (a Jupyter kernel's), or None in plain Python."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


class ControlPanel(widgets.VBox):
    """Sliders, a status line and the figure they control.

    `redraw(**values)` updates the artists listed in `moving` and returns the status text. Sliders send
    values while they are dragged; in a kernel a redraw waits until the values already sent are in,
    so it always draws the latest one and never more than one redraw is queued. `extras` are widgets
    shown before the controls without being read (a play button linked to a slider, say).
    """

    def __init__(self, fig: Figure, controls: dict[str, widgets.Widget], redraw: Callable[..., str],
                 moving: list, extras: list | tuple = ()):
        self.fig, self.controls, self.redraw = fig, controls, redraw
        self.status = widgets.HTML()
        self.blitter = Blitter(fig, moving)
        width, _ = self.blitter.canvas.get_width_height()
        self.image = widgets.Image(format="png", layout=widgets.Layout(width=f"{width}px"))  # 1:1, never blurred
        self.pending = False  # a redraw is scheduled and will read the controls' latest values
        self.redraws = 0
        for control in controls.values():
            control.style.description_width = "initial"  # show the whole label ("weight_decay", not "weight_de…")
        super().__init__([widgets.HBox([*extras, *controls.values()]), self.status, self.image])
        for control in controls.values():
            control.observe(self.refresh, names="value")
        self.draw()

    def refresh(self, _change=None) -> None:
        """Schedule a redraw for the controls' latest values (at once outside a kernel's event loop)."""
        if self.pending:
            return  # the scheduled redraw will read the new value: this one is absorbed
        loop = running_loop()
        if loop is None:
            self.draw()
            return
        self.pending = True
        loop.call_later(GATHER_S, self.draw)

    def draw(self) -> None:
        """Redraw for the controls' current values; a failure is shown as a message, never raised."""
        self.pending = False
        values = {name: control.value for name, control in self.controls.items()}
        try:
            text = html.escape(self.redraw(**values))
        except Exception as exc:  # a slider must never leave a traceback behind
            message = html.escape(_("Could not redraw: {error}").format(error=exc))
            text = f"<span style='color:crimson'>{message}</span>"  # code value: HTML
        self.image.value = self.blitter.png()
        self.status.value = text
        self.redraws += 1

    def still(self):
        """The panel's current picture as a plain image at twice its resolution (sharp on a projector and
        a retina screen), for readers whose viewer runs no widgets (GitHub)."""
        from IPython.display import Image as StillImage

        width, _ = self.blitter.canvas.get_width_height()
        moving = [a for ax in self.fig.axes for a in ax.get_children() if a.get_animated()]
        for artist in moving:
            artist.set_animated(False)  # a still draws everything at once
        buffer = io.BytesIO()
        try:
            self.fig.savefig(buffer, format="png", dpi=2 * DPI)
        finally:
            for artist in moving:
                artist.set_animated(True)
        return StillImage(data=buffer.getvalue(), format="png", width=width)

    def filmstrip(self, control: str, values, columns: int | None = None):
        """Stills of the panel at several values of one control, side by side (key frames of an animation,
        for viewers that run no widgets); the control is put back where it was."""
        from IPython.display import Image as StillImage

        widget, start = self.controls[control], self.controls[control].value
        widget.unobserve(self.refresh, names="value")  # each frame is drawn here, once
        frames = []
        try:
            for value in values:
                widget.value = value
                self.draw()
                # the canvas holds the frame draw() just encoded: copy its pixels rather than encode them again
                frames.append(Image.fromarray(np.asarray(self.blitter.canvas.buffer_rgba())).convert("RGB"))
        finally:
            widget.value = start
            widget.observe(self.refresh, names="value")
        self.draw()
        columns = columns or len(frames)
        rows = -(-len(frames) // columns)
        w, h = frames[0].size
        sheet = Image.new("RGB", (w * columns, h * rows), "white")
        for k, frame in enumerate(frames):
            sheet.paste(frame, ((k % columns) * w, (k // columns) * h))
        buffer = io.BytesIO()
        sheet.save(buffer, format="png")
        return StillImage(data=buffer.getvalue(), format="png", width=min(w * columns, 1400))

    def __repr__(self) -> str:  # the plain-text fallback saved in notebooks, instead of PNG bytes
        return f"ControlPanel({', '.join(self.controls)})"


def epoch_player(epochs: int, value: int | None = None, interval_ms: int = 100,
                 description: str = N_("epoch")) -> tuple[widgets.Play, widgets.IntSlider]:
    """An epoch slider and a play button (play, pause, step) linked in the browser, so that playing
    moves the slider and each frame is a lookup of a recorded epoch. Pass the slider as a control and
    the button in `extras` of a ControlPanel."""
    if not (isinstance(epochs, int) and epochs >= 1):
        raise ValueError(f"epochs must be a whole number of at least 1; got {epochs!r}.")
    value = epochs if value is None else value
    if not 1 <= value <= epochs:
        raise ValueError(f"the starting epoch must lie between 1 and {epochs}; got {value!r}.")
    slider = widgets.IntSlider(value=value, min=1, max=epochs, step=1, description=_(description),
                               continuous_update=True)
    play = widgets.Play(value=value, min=1, max=epochs, step=1, interval=interval_ms, description=_("play"))
    widgets.jslink((play, "value"), (slider, "value"))
    return play, slider


def threshold_slider(model, X, y, threshold: float = 0.5, feature_names=("$x_1$", "$x_2$"),
                     class_names=CLASS_NAMES) -> ControlPanel:
    """A threshold slider redrawing the decision line, the confusion matrix and precision/recall.

    `X`, `y` are the 2-D points to show and score (usually the validation set).
    """
    check_threshold(threshold)
    probs = predict_proba(model, X).numpy()
    with mpl.rc_context({"font.size": 12, "axes.titlesize": 13, "legend.fontsize": 11}):  # the PNG is 80 dpi
        fig = Figure(figsize=(12.5, 4.3), layout="constrained")
        ax_boundary, ax_matrix, ax_curves = fig.subplots(1, 3, width_ratios=[1.25, 0.75, 1.0])
        boundary = plot_decision_boundary(ax_boundary, model, X, y, threshold, feature_names,
                                          class_names=class_names, legend=False)
        ax_boundary.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncols=3, fontsize="small")
        confusion = plot_confusion_matrix(ax_matrix, threshold_metrics(y, probs, threshold), class_names)
        marker = plot_threshold_curves(ax_curves, threshold_curves(y, probs), threshold)
        ax_boundary.set_title(_("data and decision line"))
        ax_matrix.set_title(_("confusion matrix"))
        ax_curves.set_title(_("scores against the threshold"))

        def redraw(threshold: float) -> str:
            metrics = threshold_metrics(y, probs, threshold)
            boundary.set_threshold(threshold)
            confusion.update(metrics)
            marker.set_xdata(np.array([threshold, threshold]))
            return metrics.summary()

        slider = widgets.FloatSlider(value=threshold, min=0.0, max=1.0, step=0.01, description=_("threshold"),
                                     continuous_update=True, readout_format=".2f")
        moving = [boundary.line, marker, confusion.image, *confusion.texts]
        return ControlPanel(fig, {"threshold": slider}, redraw, moving)  # drawn here, in the larger text


def loss_slider(z: float = -4.0, y: int = 1, z_range: tuple[float, float] = (-10.0, 10.0)) -> ControlPanel:
    """A logit slider and a target toggle for one example: BCE and MSE, and their gradients, at z.

    The figure's titles name the example (target y, logit z, probability p), so a still of the panel
    says what it shows. The status line gives the probability, both losses, both gradients and how
    many times harder BCE pushes the logit than MSE does.
    """
    with mpl.rc_context(LARGE_TEXT):  # the still of this panel is a lesson figure: readable on a projector
        fig = Figure(figsize=(11.0, 4.8), layout="constrained")
        ax_loss, ax_grad = fig.subplots(1, 2)
        plot = plot_loss_and_gradient(ax_loss, ax_grad, z, y, z_range)
        for ax in (ax_loss, ax_grad):
            ax.locator_params(axis="x", nbins=5)  # -10, -5, 0, 5, 10 rather than a tick every 2.5
        ax_loss.locator_params(axis="y", steps=[1, 2, 5, 10])  # 0, 2, 4, ... rather than 2.5, 7.5
        ax_grad.locator_params(axis="y", nbins=5)              # -1, -0.5, 0, 0.5, 1

    def redraw(z: float, y: int) -> str:
        v = plot.update(z, y)
        ratio = float(v.bce_grad / v.mse_grad) if v.mse_grad != 0 else float("inf")
        return _("y = {y}, logit z = {z:.2f}, p = sigmoid(z) = {p:.3f} | loss: BCE {bce:.3f}, MSE {mse:.3f} | "
                 "gradient: BCE {bce_grad:.3f}, MSE {mse_grad:.3f} (BCE pushes {ratio:.1f} times harder)").format(
            y=y, z=z, p=float(v.p), bce=float(v.bce), mse=float(v.mse), bce_grad=float(v.bce_grad),
            mse_grad=float(v.mse_grad), ratio=ratio)

    slider = widgets.FloatSlider(value=z, min=z_range[0], max=z_range[1], step=0.1, description=_("logit z"),
                                 continuous_update=True, readout_format=".1f")
    target = widgets.ToggleButtons(options=[("y = 1", 1), ("y = 0", 0)], value=y, description=_("target"))
    return ControlPanel(fig, {"z": slider, "y": target}, redraw, plot.moving)


def log_grid_slider(values, description: str, value=None) -> widgets.FloatLogSlider:
    """A FloatLogSlider whose steps are exactly the log-spaced `values` (so every position was precomputed)."""
    exponents = np.log10(np.asarray(values, dtype=float))
    steps = np.diff(exponents)
    if len(values) < 2 or not np.allclose(steps, steps[0], rtol=1e-3) or steps[0] <= 0:
        raise ValueError("a log slider needs at least two increasing, evenly log-spaced values.")
    start = values[len(values) // 2] if value is None else value
    return widgets.FloatLogSlider(value=start, base=10, min=exponents[0], max=exponents[-1], step=steps[0],
                                  description=description, continuous_update=True, readout_format=".3g")


def linear_grid_slider(values, description: str, value=None) -> widgets.FloatSlider:
    """A FloatSlider whose steps are exactly the evenly spaced `values` (every position was precomputed).

    Unlike a SelectionSlider, its readout accepts a typed value in ipywidgets 8.
    """
    values = np.asarray(values, dtype=float)
    steps = np.diff(values)
    if len(values) < 2 or not np.allclose(steps, steps[0], rtol=1e-3) or steps[0] <= 0:
        raise ValueError("a grid slider needs at least two increasing, evenly spaced values.")
    start = values[len(values) // 2] if value is None else value
    return widgets.FloatSlider(value=start, min=values[0], max=values[-1], step=steps[0], description=description,
                               continuous_update=True, readout_format=".2f")


def nearest_index(values, value: float) -> int:
    """Index of the grid value closest to `value` on a log scale."""
    return int(np.argmin(np.abs(np.log10(np.asarray(values, dtype=float)) - np.log10(value))))


def weights_slider(strengths, weights, highlight=(), description: str = N_("L1 strength"), strength=None,
                   reference=None) -> ControlPanel:
    """A regularization-strength slider over a precomputed path: bar i shows weights[k][i] at strengths[k].

    `strength` is where the slider starts (a value of `strengths`; default the middle one); `reference`
    (e.g. the true weights) is drawn as a dash on every bar. A dot marks every weight not exactly zero, and
    the title counts them.
    """
    weights = np.asarray(weights, dtype=float)
    if weights.ndim != 2 or len(weights) != len(strengths):
        raise ValueError("weights must hold one row of weights per strength.")
    slider = log_grid_slider(strengths, _(description), value=strength)
    fig = Figure(figsize=(8.0, 3.6), layout="constrained")
    ax = fig.subplots()
    span = max(np.abs(weights).max(), 0 if reference is None else np.abs(np.asarray(reference)).max()) * 1.1
    bars = plot_weights(ax, weights[nearest_index(strengths, slider.value)], highlight, ylim=(-span, span),
                        reference=reference, mark_nonzero=True)
    title = ax.set_title(" ")
    highlight = set(highlight)

    def redraw(strength: float) -> str:
        row = weights[nearest_index(strengths, strength)]
        bars.update(row)
        kept = np.flatnonzero(row != 0)
        counts = dict(name=_(description), strength=strength, kept=len(kept), zero=len(row) - len(kept),
                      total=len(row), informative=len(highlight & set(kept)), of=len(highlight),
                      others=len(set(kept) - highlight))
        found = _("; informative kept: {informative} of {of}").format(**counts) if highlight else ""
        title.set_text(_("{name} {strength:.3g}: {kept} of {total} weights non-zero").format(**counts) + found)
        return _("{name} {strength:.3g}: {zero} of {total} weights exactly zero, {others} other features kept"
                 ).format(**counts) + found

    redraw(slider.value)  # the first frame's title is in place when the layout is fixed
    return ControlPanel(fig, {"strength": slider}, redraw, [*bars.bars, bars.nonzero, title])


def dropout_slider(models: dict, histories: dict, train, val, p: float | None = None,
                   feature_names=("$x_1$", "$x_2$"), resolution: int = 100) -> ControlPanel:
    """A dropout-probability slider over models trained in advance, one per probability.

    `models` and `histories` map each dropout probability p to a trained model and its History (from
    `fit` with a validation set); `train` and `val` are (X, y) pairs of 2-D points. Moving the slider is
    a lookup: it swaps that model's probability map, decision line and loss curves in place. The map
    shows the training points; the status line gives both losses and accuracies in eval mode.
    """
    if not models or set(models) != set(histories):
        raise ValueError("models and histories must be non-empty and share the same dropout probabilities.")
    ps = sorted(check_dropout(k) for k in models)
    p = ps[0] if p is None else p
    if p not in ps:
        raise ValueError(f"the starting p = {p!r} has no precomputed model; choose one of {ps}.")
    if any(not histories[k].val_loss for k in ps):
        raise ValueError("every History needs validation losses: train with fit(..., val=(X_val, y_val)).")
    (X_train, y_train), (X_val, y_val) = train, val
    xx, yy = probability_grid(np.r_[np.asarray(X_train), np.asarray(X_val)], resolution)
    maps = {k: grid_probabilities(models[k], xx, yy) for k in ps}
    scores = {k: (*evaluate(models[k], X_train, y_train), *evaluate(models[k], X_val, y_val)) for k in ps}

    fig = Figure(figsize=(11.5, 4.3), layout="constrained")
    ax_map, ax_loss = fig.subplots(1, 2, width_ratios=[1.15, 1])
    prob_map = plot_probability_map(ax_map, xx, yy, maps[p], X_train, y_train, feature_names)
    ax_map.set_title(_("training points and the model's decision line"))
    ax_map.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=3, fontsize="small")  # below: never on a point
    train_line, = ax_loss.plot([], [], color=PALETTE[4], label=_("training (train mode)"))
    val_line, = ax_loss.plot([], [], "--", color=PALETTE[2], label=_("validation (eval mode)"))
    best_dot, = ax_loss.plot([], [], "o", color="k", ms=7, label=_("lowest validation loss"))
    curves = [np.r_[histories[k].train_loss, histories[k].val_loss] for k in ps]
    finite = np.concatenate([c[np.isfinite(c) & (c > 0)] for c in curves])
    ax_loss.set(xlabel=_("epoch"), ylabel=_("BCE loss (log scale)"), yscale="log", title=_("loss per epoch"),
                xlim=(0, max(len(histories[k].train_loss) for k in ps) + 1),
                ylim=(finite.min() / 1.3, finite.max() * 1.3))
    plain_log_ticks(ax_loss)
    ax_loss.legend(loc="lower left", fontsize="small")

    def redraw(p: float) -> str:
        p = min(ps, key=lambda k: abs(k - p))  # the slider's float, back to its precomputed key
        history = histories[p]
        prob_map.update(maps[p])
        train_line.set_data(np.arange(1, len(history.train_loss) + 1), history.train_loss)
        val_line.set_data(np.arange(1, len(history.val_loss) + 1), history.val_loss)
        best = history.best_epoch or 1
        best_dot.set_data([best], [history.val_loss[best - 1]])
        train_loss, train_acc, val_loss, val_acc = scores[p]
        return _("dropout p = {p:.2f}: loss train {train:.3f}, validation {val:.3f} (gap {gap:.3f}); accuracy "
                 "train {train_acc:.3f}, validation {val_acc:.3f}; lowest validation loss {lowest:.3f} at epoch "
                 "{best}").format(p=p, train=train_loss, val=val_loss, gap=val_loss - train_loss,
                                  train_acc=train_acc, val_acc=val_acc, lowest=history.val_loss[best - 1], best=best)

    slider = linear_grid_slider(ps, _("dropout p"), value=p)
    return ControlPanel(fig, {"p": slider}, redraw, [*prob_map.moving, train_line, val_line, best_dot])


def dropout_player(histories: dict, frames: dict, grid: tuple, train, epoch: int | None = None,
                   feature_names=("$x_1$", "$x_2$"), class_names=CLASS_NAMES) -> ControlPanel:
    """Training played back: two MLPs' decision boundaries, without and with dropout, epoch by epoch, beside
    their loss curves growing up to that epoch.

    `histories` maps two dropout probabilities (say 0 and 0.5) to the History of their training (fit with a
    validation set and `record_every=k`); `frames` maps the same two to {epoch: p(class 1 | x) on the mesh
    `grid` = (xx, yy)} at the recorded epochs (helpers.plots.probability_frames). `train` = (X, y) are the
    points drawn on both maps. The epoch slider (with a play button) steps over the recorded epochs, k, 2k,
    ...; a frame is a lookup: nothing is trained or evaluated. A ring marks each run's lowest validation loss
    so far (what early stopping would keep by then); the status line gives both runs' recorded losses at that
    epoch and counts the islands of each map (closed loops of the decision line).
    """
    ps = sorted(check_dropout(p) for p in histories)
    if len(ps) != 2 or {check_dropout(p) for p in frames} != set(ps):
        raise ValueError("give two dropout probabilities (say 0 and 0.5), the same in histories and in frames.")
    histories = {check_dropout(p): h for p, h in histories.items()}
    frames = {check_dropout(p): f for p, f in frames.items()}
    recorded = sorted(frames[ps[0]])
    step = recorded[0] if recorded else 0
    if (not recorded or sorted(frames[ps[1]]) != recorded or step < 1
            or recorded != list(range(step, step * len(recorded) + 1, step))):
        raise ValueError("both runs need maps at the same, evenly spaced epochs k, 2k, 3k, ... "
                         "(fit(..., record_every=k), then probability_frames).")
    last = recorded[-1]
    if any(len(histories[p].val_loss) < last or len(histories[p].train_loss) < last for p in ps):
        raise ValueError(f"both Histories need training and validation losses up to epoch {last}: "
                         "train with fit(..., val=(X_val, y_val)).")
    epoch = last if epoch is None else epoch
    if epoch not in recorded:
        raise ValueError(f"the starting epoch must be one of the recorded epochs {step}, {2 * step}, ..., {last}; "
                         f"got {epoch!r}.")
    xx, yy = (np.asarray(a) for a in grid)
    X, y = train
    names = {p: _("no dropout") if p == 0 else _("dropout p = {p:g}").format(p=p) for p in ps}
    styles = dict(zip(ps, (dict(color=PALETTE[0], marker="o"), dict(color=PALETTE[1], marker="s")), strict=True))

    with mpl.rc_context(LARGE_TEXT):  # its still and key frames are lesson figures: readable on a projector
        fig = Figure(figsize=(10.2, 4.0), layout="constrained")
        *map_axes, ax_loss = fig.subplots(1, 3, width_ratios=[1, 1, 1.15])
        maps = {}
        for ax, p in zip(map_axes, ps, strict=True):
            maps[p] = plot_probability_map(ax, xx, yy, frames[p][epoch], X, y, feature_names, class_names,
                                           colorbar=False, legend=False)
            ax.set_title(names[p])
        map_axes[1].set_ylabel("")
        map_axes[1].tick_params(labelleft=False)  # the same mesh as on its left
        fig.colorbar(maps[ps[0]].image, ax=map_axes, label=f"p({_(class_names[1])} | x)", shrink=0.9)
        growing, dots, rings = {}, {}, {}
        for p in ps:
            history, color = histories[p], styles[p]["color"]
            steps = np.arange(1, last + 1)
            ax_loss.plot(steps, history.train_loss[:last], color=color, lw=1, alpha=0.3)  # the whole run, faint
            ax_loss.plot(steps, history.val_loss[:last], "--", color=color, lw=1, alpha=0.3)
            growing[p] = (ax_loss.plot([], [], color=color, lw=1.5)[0],          # training, up to the epoch
                          ax_loss.plot([], [], "--", color=color, lw=2.5)[0])    # validation, up to the epoch
            dots[p] = ax_loss.plot([], [], ls="none", ms=9, mec="k", **styles[p])[0]
            rings[p] = ax_loss.plot([], [], "o", ms=13, mfc="none", mew=2, color="k")[0]  # on its own curve
        now = ax_loss.axvline(epoch, color="grey", ls=":", lw=1.5)
        curves = np.concatenate([np.r_[histories[p].train_loss[:last], histories[p].val_loss[:last]] for p in ps])
        curves = curves[np.isfinite(curves) & (curves > 0)]
        ax_loss.set(xlabel=_("epoch"), ylabel=_("BCE loss (log scale)"), yscale="log", xlim=(0, last * 1.04 + 1),
                    ylim=(curves.min() / 1.3, curves.max() * 1.3))
        plain_log_ticks(ax_loss)
        clock = ax_loss.set_title(_("epoch {epoch} of {last}").format(epoch=last, last=last))
        handles = [*maps[ps[0]].points, maps[ps[0]].line,
                   *(Line2D([], [], ls="none", ms=9, mec="k", label=names[p], **styles[p]) for p in ps),
                   Line2D([], [], color="grey", lw=1.5, label=_("training loss (train mode)")),
                   Line2D([], [], color="grey", ls="--", lw=2.5, label=_("validation loss")),
                   Line2D([], [], ls="none", marker="o", ms=12, mfc="none", mew=2, color="k",
                          label=_("lowest validation loss so far"))]
        fig.legend(handles=handles, loc="outside lower center", ncols=4, fontsize="small")

    def redraw(epoch: int) -> str:
        shown = min(recorded, key=lambda e: abs(e - epoch))  # the slider holds recorded epochs only
        parts = []
        for p in ps:
            history = histories[p]
            maps[p].update(frames[p][shown])
            islands = count_islands(np.column_stack([maps[p].line.get_xdata(), maps[p].line.get_ydata()]))
            train_line, val_line = growing[p]
            steps = np.arange(1, shown + 1)
            train_line.set_data(steps, history.train_loss[:shown])
            val_line.set_data(steps, history.val_loss[:shown])
            dots[p].set_data([shown], [history.val_loss[shown - 1]])
            best = int(np.argmin(history.val_loss[:shown])) + 1  # what early stopping would keep by now
            rings[p].set_data([best], [history.val_loss[best - 1]])
            parts.append((_("{name}: training loss {train:.3f}, validation {val:.3f}, {islands} island")
                          if islands == 1 else
                          _("{name}: training loss {train:.3f}, validation {val:.3f}, {islands} islands")).format(
                name=names[p], train=history.train_loss[shown - 1], val=history.val_loss[shown - 1], islands=islands))
        now.set_xdata([shown, shown])
        clock.set_text(_("epoch {epoch} of {last}").format(epoch=shown, last=last))
        return _("epoch {epoch} of {last}").format(epoch=shown, last=last) + ": " + "; ".join(parts)

    play, slider = epoch_player(last, value=epoch)
    if step > 1:  # step over the recorded epochs only
        for control in (play, slider):
            control.min, control.step = step, step
    moving = [*(a for p in ps for a in (*maps[p].moving, *growing[p], dots[p], rings[p])), now, clock]
    return ControlPanel(fig, {"epoch": slider}, redraw, moving, extras=[play])


def curve_fit_slider(result, x_grid, features_grid, train, val, true_curve=None, closed_form=None,
                     weight_decay: float | None = None, lr: float | None = None) -> ControlPanel:
    """weight_decay and learning-rate sliders over a regression sweep, redrawing the fitted curve.

    `result` is a helpers.sweep.SweepResult on polynomial features; `features_grid` holds the same
    features at the points `x_grid`, `train` and `val` are (x, y) pairs drawn as points. `closed_form`,
    if given, maps a weight_decay to the curve (on `x_grid`) that training with it converges to; it is
    drawn faintly beside the trained curve, with the largest gap between the two in the status line.
    `weight_decay` and `lr` are the starting values (default: the middle decay, the second-largest rate).
    """
    weight_decays = sorted({float(f"{v:.6g}") for v in result.weight_decays.tolist()})  # undo float32 noise
    lrs = sorted({float(f"{v:.6g}") for v in result.lrs.tolist()})
    weight_decay = weight_decays[len(weight_decays) // 2] if weight_decay is None else weight_decay
    lr = (lrs[-2] if len(lrs) > 1 else lrs[0]) if lr is None else lr
    result.index(lr=lr, weight_decay=weight_decay)  # a starting value outside the sweep is refused here
    weight_decay = min(weight_decays, key=lambda v: abs(v - weight_decay))  # the option the slider holds
    curves = (result.weight @ torch.as_tensor(features_grid).T + result.bias[:, None]).numpy()
    limits = None if closed_form is None else {wd: np.asarray(closed_form(wd), dtype=float) for wd in weight_decays}
    epochs = result.train_loss.shape[1]
    x_grid = np.asarray(x_grid)
    fig = Figure(figsize=(9.5, 5.6), layout="constrained")
    ax = fig.subplots()
    if true_curve is not None:
        ax.plot(x_grid, np.asarray(true_curve), ":", color="grey", lw=1.5, label=_("the true curve"))
    ax.scatter(*map(np.asarray, train), color="k", zorder=3, label=_("training points"))
    ax.scatter(*map(np.asarray, val), color=PALETTE[1], marker="^", s=14, zorder=3, label=_("validation points"))
    (limit,) = ax.plot(x_grid, np.full_like(x_grid, np.nan, dtype=float), "--", color=PALETTE[2], lw=2.5,
                       alpha=0.6, label=_("where this weight_decay leads (closed form)"))
    limit.set_visible(limits is not None)
    (line,) = ax.plot(x_grid, curves[0], color=PALETTE[0], lw=2,
                      label=_("the trained curve, after {epochs} epochs").format(epochs=epochs))
    setting_text = ax.text(0.02, 0.97, "", transform=ax.transAxes, va="top",
                           bbox=dict(boxstyle="round", facecolor="white", edgecolor="none", alpha=0.8))
    message = ax.text(0.5, 0.5, "", transform=ax.transAxes, ha="center", color="crimson",
                      bbox=dict(boxstyle="round", facecolor="white", edgecolor="crimson"))
    ax.set(xlabel="x", ylabel="y", ylim=(-2, 2))
    handles = [h for h in ax.get_legend_handles_labels()[0] if h is not limit or limits is not None]
    fig.legend(handles=handles, loc="outside lower center", ncol=2)

    def redraw(weight_decay: float, lr: float) -> str:
        i = result.index(lr=lr, weight_decay=weight_decay)
        history = result.history(i)
        setting = _("weight_decay {weight_decay:.4g}, learning rate {lr:.4g}").format(weight_decay=weight_decay, lr=lr)
        setting_text.set_text(setting + "\n" + _("after {epochs} epochs").format(epochs=epochs))
        if limits is not None:
            limit.set_ydata(limits[min(limits, key=lambda v: abs(v - weight_decay))])
        line.set_visible(not history.diverged)
        message.set_visible(history.diverged)
        if history.diverged:
            message.set_text(history.status)
            return f"{setting}: {history.status}"
        line.set_ydata(curves[i])
        gap = "" if limits is None else _("; largest gap to the closed-form curve {gap:.3g}").format(
            gap=np.abs(curves[i] - limit.get_ydata()).max())
        return _("{setting}: after {epochs} epochs training MSE {train:.3f}, validation MSE {val:.3f}, weight norm "
                 "{norm:.3f}").format(setting=setting, epochs=epochs, train=history.train_loss[-1],
                                      val=history.val_loss[-1], norm=result.weight[i].norm()) + gap

    # zero and a log scale in one slider: a SelectionSlider, whose readout ipywidgets 8 shows as a box
    # that ignores typing, so it is hidden; the status line and the figure state the value
    decay = widgets.SelectionSlider(options=[("0" if wd == 0 else f"{wd:.0e}", wd) for wd in weight_decays],
                                    value=weight_decay, description="weight_decay",
                                    continuous_update=True, readout=False)
    rate = log_grid_slider(lrs, _("learning rate"), value=lr)
    return ControlPanel(fig, {"weight_decay": decay, "lr": rate}, redraw, [line, limit, setting_text, message])


def log_epoch_player(epochs: int, frames: int = 100, keep=(), value: int | None = None,
                     interval_ms: int = 100) -> tuple[widgets.Play, widgets.SelectionSlider]:
    """A play button and an epoch slider over about `frames` epochs spaced evenly on a log scale (every
    epoch at first, ever longer jumps later), plus the epochs in `keep`: for runs of thousands of epochs
    whose story is told on a log epoch axis, played in seconds. The button moves the slider's position in
    the browser; the slider's value is the epoch. Pass the slider as a control (named "epoch") and the
    button in `extras` of a ControlPanel."""
    if not (isinstance(epochs, int | np.integer) and epochs >= 1):
        raise ValueError(f"epochs must be a whole number of at least 1; got {epochs!r}.")
    if not (isinstance(frames, int | np.integer) and frames >= 2):
        raise ValueError(f"frames must be a whole number of at least 2; got {frames!r}.")
    outside = [e for e in keep if not 1 <= e <= epochs]
    if outside:
        raise ValueError(f"the epochs to keep must lie between 1 and {epochs}; got {outside}.")
    shown = sorted({*np.unique(np.rint(np.geomspace(1, epochs, frames)).astype(int)).tolist(), *map(int, keep)})
    value = shown[-1] if value is None else value
    if value not in shown:
        raise ValueError(f"the starting epoch {value!r} is not one of the frames; choose one of {shown}.")
    slider = widgets.SelectionSlider(options=[(str(e), e) for e in shown], value=value, description=_("epoch"),
                                     continuous_update=True, readout=False)  # the status line names the epoch
    play = widgets.Play(value=shown.index(value), min=0, max=len(shown) - 1, step=1, interval=interval_ms,
                        description=_("play"))
    widgets.jslink((play, "value"), (slider, "index"))
    return play, slider


def curve_fit_player(trajectory, weight_decays, train_loss, val_loss, x_grid, features_grid, train,
                     true_curve=None, weight_decay: float | None = None, frames: int = 100,
                     keep=()) -> ControlPanel:
    """Training played back: the fitted curve after each epoch without weight_decay and with a chosen one,
    beside both runs' training and validation error, growing up to the current epoch.

    `trajectory` (epochs, K, d + 1) holds [w, b] after every epoch of K runs, one per value of
    `weight_decays` (K,), one of them 0; `train_loss` and `val_loss` (epochs, K) are the MSE of those
    weights on the training and validation points. `features_grid` (G, d) are the features at the points
    `x_grid`; `train` is the (x, y) pair of training points. Once the epoch passes the unregularized run's
    lowest validation error, that run's curve there (where early stopping would keep it) stays drawn and
    ringed. The epoch control (with a play button) steps through about `frames` epochs spaced evenly on
    a log scale, the early-stopping epoch and those in `keep` (key frames, say) among them; `weight_decay`
    (a control too) starts at the given value, default the largest below 1. Every frame is a lookup: nothing
    is trained. A run whose losses or weights stop being finite is reported as diverged from that epoch on.
    """
    path = np.asarray(trajectory, dtype=float)
    decays = np.asarray(weight_decays, dtype=float).reshape(-1)
    losses = {"train": np.asarray(train_loss, dtype=float), "val": np.asarray(val_loss, dtype=float)}
    features = np.asarray(features_grid, dtype=float)
    if path.ndim != 3 or path.shape[1] != len(decays) or path.shape[2] != features.shape[1] + 1:
        raise ValueError("trajectory must hold [w, b] per epoch and per weight_decay: shape (epochs, "
                         f"{len(decays)}, {features.shape[1] + 1}); got {path.shape}.")
    if any(loss.shape != path.shape[:2] for loss in losses.values()):
        raise ValueError(f"train_loss and val_loss must hold one MSE per epoch and weight_decay: {path.shape[:2]}.")
    if (decays == 0).sum() != 1 or (decays < 0).any():
        raise ValueError("weight_decays must hold 0 (the run without regularization) once, and no negative value.")
    epochs, none = path.shape[0], int(np.flatnonzero(decays == 0)[0])
    options = sorted(float(f"{d:.6g}") for d in decays if d > 0)
    if not options:
        raise ValueError("give at least one run with a positive weight_decay to compare with the one without.")
    start = max([d for d in options if d < 1] or options[:1]) if weight_decay is None else weight_decay
    if min(abs(d - start) for d in options) > 1e-2 * abs(start):
        raise ValueError(f"weight_decay={start!r} has no recorded run; choose one of {', '.join(map(str, options))}.")
    start = min(options, key=lambda d: abs(d - start))
    column = {d: int(np.argmin(np.abs(decays - d))) for d in options}
    finite = np.isfinite(losses["train"]) & np.isfinite(losses["val"]) & np.isfinite(path).all(2)
    diverged = {k: int(np.argmin(finite[:, k])) + 1 if not finite[:, k].all() else 0 for k in range(len(decays))}
    monitored = np.where(finite[:, none], losses["val"][:, none], np.inf)
    stop = int(np.argmin(monitored)) + 1  # early stopping: the lowest validation error without weight_decay
    play, slider = log_epoch_player(epochs, frames, keep=[stop, *keep])
    shown = list(slider._options_values)
    design = np.c_[features, np.ones(len(features))]
    curves = path[np.asarray(shown) - 1] @ design.T            # (frames, K, G): every frame a lookup
    row = {e: i for i, e in enumerate(shown)}
    x_grid = np.asarray(x_grid, dtype=float)
    steps = np.arange(1, epochs + 1)
    drawn = np.r_[losses["train"][finite], losses["val"][finite]]
    drawn = drawn[drawn > 0]
    first = max(losses[name][0, finite[0]].max() for name in losses) if finite[0].any() else None
    top = min(drawn.max(), 100 * first) if first else None  # a run that blows up does not squash the others

    with mpl.rc_context(LARGE_TEXT):  # its still is a lesson figure: readable on a projector
        fig = Figure(figsize=(11.0, 4.6), layout="constrained")
        ax_curve, ax_loss = fig.subplots(1, 2, width_ratios=[1.1, 1])
        if true_curve is not None:
            ax_curve.plot(x_grid, np.asarray(true_curve, dtype=float), ":", color="grey", lw=1.5,
                          label=_("the true curve"))
        ax_curve.scatter(*(np.asarray(a, dtype=float) for a in train), color="k", s=30, zorder=4,
                         label=_("training points"))
        styles = {"none": dict(color=PALETTE[3], ls="--"), "decay": dict(color=PALETTE[0], ls="-")}
        (now_none,) = ax_curve.plot(x_grid, curves[-1, none], lw=2, label="weight_decay = 0", **styles["none"])
        (stopped,) = ax_curve.plot(x_grid, curves[row[stop], none], "-.", color=PALETTE[2], lw=2)
        (now_decay,) = ax_curve.plot(x_grid, curves[-1, column[start]], lw=2.5,
                                     label=_("weight_decay as chosen (see the title)"), **styles["decay"])
        message = ax_curve.text(0.5, 0.12, "", transform=ax_curve.transAxes, ha="center", color="crimson",
                                bbox=dict(boxstyle="round", facecolor="white", edgecolor="crimson"))
        ax_curve.set(xlabel="x", ylabel="y", ylim=(-2.2, 2.2), xticks=[-1, -0.5, 0, 0.5, 1])
        title = ax_curve.set_title(" ", fontsize="medium")
        early = Line2D([], [], ls="-.", color=PALETTE[2], lw=2, marker="o", mfc="none", mec=PALETTE[2], mew=2,
                       ms=10, label=_("weight_decay = 0, stopped early at epoch {stop}\n(ringed: its lowest "
                                      "validation MSE)").format(stop=stop))
        fig.legend(handles=[*ax_curve.get_legend_handles_labels()[0], early], loc="outside lower center", ncol=3,
                   fontsize="small")
        lines = {}
        for run, style in styles.items():
            for loss, width in (("train", 1.2), ("val", 2.8)):
                (lines[run, loss],) = ax_loss.plot([], [], lw=width, **style)
        (ring,) = ax_loss.plot([stop], [losses["val"][stop - 1, none]], "o", mfc="none", mec=PALETTE[2], mew=2.5,
                               ms=13, zorder=3)
        now = ax_loss.axvline(epochs, color="k", lw=1, alpha=0.6)  # this epoch
        ax_loss.set(xscale="log", yscale="log", xlim=(0.8, epochs * 1.25), xlabel=_("epoch (log scale)"),
                    ylabel=_("MSE (log scale)"),
                    ylim=(drawn.min() / 1.5, top * 1.5) if top else None)
        plain_log_ticks(ax_loss, "both")
        for axis in (ax_loss.xaxis, ax_loss.yaxis):
            axis.set_minor_locator(NullLocator())  # decades only: enough here, and far cheaper to lay out
        ax_loss.set_title(_("MSE: training (thin), validation (thick)"), fontsize="medium")

    def redraw(epoch: int, weight_decay: float) -> str:
        epoch = min(shown, key=lambda e: abs(e - epoch))
        k = column[min(options, key=lambda d: abs(d - weight_decay))]
        title.set_text((_("after {epoch} epochs: weight_decay 0 (dashed), {decay:.2g} (solid)") if epoch > 1 else
                        _("after {epoch} epoch: weight_decay 0 (dashed), {decay:.2g} (solid)")).format(
            epoch=epoch, decay=decays[k]))
        parts, broken = [], []
        for run, j, line in (("none", none, now_none), ("decay", k, now_decay)):
            end = diverged[j] - 1 if diverged[j] else epochs        # the epochs with finite losses
            upto = min(epoch, end)
            for loss in ("train", "val"):
                lines[run, loss].set_data(steps[:upto], losses[loss][:upto, j])
            line.set_visible(epoch <= end)
            name = "weight_decay 0" if run == "none" else f"weight_decay {decays[j]:.2g}"
            if epoch > end:
                broken.append(_("{name} diverged at epoch {epoch}").format(name=name, epoch=diverged[j]))
                parts.append(_("{name}: diverged at epoch {epoch}").format(name=name, epoch=diverged[j]))
                continue
            line.set_ydata(curves[row[epoch], j])
            parts.append(_("{name}: training MSE {train:.3f}, validation MSE {val:.3f}").format(
                name=name, train=losses["train"][epoch - 1, j], val=losses["val"][epoch - 1, j]))
        message.set_text("\n".join(broken))
        message.set_visible(bool(broken))
        passed = epoch >= stop
        stopped.set_visible(passed)
        ring.set_visible(passed)
        now.set_xdata([epoch, epoch])
        upto = min(epoch, diverged[none] - 1 if diverged[none] else epochs)
        best = int(np.argmin(monitored[:upto])) + 1 if upto else 0
        lowest = _("; without weight_decay the lowest validation MSE so far is {lowest:.3f}, at epoch {best}").format(
            lowest=losses["val"][best - 1, none], best=best) if best else ""
        return _("epoch {epoch} of {last}").format(epoch=epoch, last=epochs) + ": " + "; ".join(parts) + lowest

    decay = widgets.SelectionSlider(options=[(f"{d:.0e}", d) for d in options], value=start,
                                    description="weight_decay", continuous_update=True, readout=False)
    moving = [now_none, stopped, now_decay, message, title, *lines.values(), ring, now]
    return ControlPanel(fig, {"epoch": slider, "weight_decay": decay}, redraw, moving, extras=[play])


def learning_rate_slider(results: dict, lr: float = 0.001, optimizer: str | None = None,
                         seed: int | None = None, floor: float | None = None,
                         marks: dict | None = None) -> ControlPanel:
    """A learning-rate slider and an optimizer choice over precomputed sweeps (name -> SweepResult).

    Every sweep must hold the same evenly log-spaced learning rates (the slider's steps). Moving a
    control is a lookup: the left panel shows that configuration's training and validation loss per
    epoch (for `seed`, default the first seed), the right panel marks it on the final loss against the
    learning rate of every optimizer. A run that diverged says so on the plot. `floor`, when given (the
    loss of the exact best fit), is drawn in both panels; `marks` (label -> learning rate, e.g. a stability
    limit) become labelled dashed vertical lines on the sweep panel.
    """
    if not results:
        raise ValueError("give at least one sweep, e.g. {'Adam': sweep(..., optimizer='adam')}.")
    names = list(results)
    first = results[names[0]]
    lrs = np.unique(first.lrs.numpy()).astype(float)
    for name in names[1:]:
        other = np.unique(results[name].lrs.numpy()).astype(float)
        if other.shape != lrs.shape or not np.allclose(other, lrs, rtol=1e-6):
            raise ValueError(f"the sweeps must share their learning rates; {name!r} differs from {names[0]!r}.")
    optimizer = names[0] if optimizer is None else optimizer
    if optimizer not in results:
        raise ValueError(f"unknown optimizer {optimizer!r}; choose one of {', '.join(names)}.")
    seed = int(first.seeds[0]) if seed is None else seed
    start = lrs[nearest_index(lrs, lr)] if lr > 0 else np.nan
    if not abs(start - lr) <= 1e-2 * lr:
        raise ValueError(f"the starting learning rate {lr!r} is not in the sweeps; they hold "
                         f"{', '.join(f'{v:.3g}' for v in lrs)}.")
    for result in results.values():
        result.index(lr=float(lrs[0]), seed=seed)  # a seed missing from a sweep is refused here
    slider = log_grid_slider(lrs, _("learning rate"), value=float(start))
    has_val = first.val_loss.shape[1] > 0

    fig = Figure(figsize=(12.0, 4.6), layout="constrained")
    ax_loss, ax_sweep = fig.subplots(1, 2)
    rows = {name: results[name].seeds == seed for name in names}
    curves = np.concatenate([torch.cat([results[n].train_loss[rows[n]], results[n].val_loss[rows[n]]], 1)
                             .numpy().ravel() for n in names])
    curves = curves[np.isfinite(curves) & (curves > 0)]
    start_loss = max(float(results[n].train_loss[rows[n], 0].nan_to_num(0).max()) for n in names)
    epochs = first.train_loss.shape[1]
    # a log epoch axis: a run that settles or blows up in ten epochs and one that crawls for 500 both show
    ax_loss.set(xlabel=_("epoch (log scale)"), ylabel=_("loss (log scale)"), xscale="log", yscale="log",
                xlim=(0.8, epochs * 1.25), ylim=(curves.min() / 1.5, min(curves.max(), 100 * start_loss) * 1.5))
    plain_log_ticks(ax_loss, "both")
    ax_loss.xaxis.set_minor_locator(LogLocator(subs=(2, 5)))  # fewer minor ticks: the panel builds faster
    if ax_loss.get_ylim()[1] > 100 * ax_loss.get_ylim()[0]:   # unlabelled over so many decades anyway
        ax_loss.yaxis.set_minor_locator(LogLocator(subs=(2, 5)))
    label = ax_loss.set_title(_("{optimizer}, learning rate {lr:.3g}: loss per epoch (seed {seed})").format(
        optimizer=optimizer, lr=start, seed=seed), fontsize="medium")  # redrawn with each setting
    train_line, = ax_loss.plot([], [], lw=2)
    val_line, = ax_loss.plot([], [], "--", lw=2)
    handles = [Line2D([], [], color="grey", lw=2, label=_("training loss")),
               Line2D([], [], color="grey", ls="--", lw=2, label=_("validation loss"))][:1 + has_val]
    if floor is not None:
        handles.append(ax_loss.axhline(floor, color="k", lw=1, label=_("lowest possible loss")))
    ax_loss.legend(handles=handles, loc="upper right", fontsize="small")
    message = ax_loss.text(0.5, 0.55, "", transform=ax_loss.transAxes, ha="center", va="center", color="crimson",
                           fontsize="large", bbox=dict(boxstyle="round", facecolor="white", edgecolor="crimson"))
    styles = plot_lr_sweep(ax_sweep, results, loss="val" if has_val else "train", floor=floor)
    for text, rate in (marks or {}).items():
        ax_sweep.axvline(rate, color="k", ls="--", lw=1.5)
        ax_sweep.annotate(text, xy=(rate, 0.75), xycoords=("data", "axes fraction"), xytext=(-5, 0),
                          textcoords="offset points", ha="right", fontsize="small")
    where = ax_sweep.axvline(float(start), color="grey", ls=":", lw=1.5)
    point, = ax_sweep.plot([], [], "o", ms=13, mfc="none", mew=2.5)

    def redraw(optimizer: str, lr: float) -> str:
        result = results[optimizer]
        i = result.index(lr=lr, seed=seed)
        history = result.history(i)
        color = styles[optimizer]["color"]
        steps = np.arange(1, len(history.train_loss) + 1)
        train_line.set_data(steps, history.train_loss)
        val_line.set_data(steps if has_val else [], history.val_loss)
        train_line.set_color(color)
        val_line.set_color(color)
        setting = _("{optimizer}, learning rate {lr:.3g}").format(optimizer=optimizer, lr=lr)
        label.set_text(_("{optimizer}, learning rate {lr:.3g}: loss per epoch (seed {seed})").format(
            optimizer=optimizer, lr=lr, seed=seed))
        where.set_xdata([lr, lr])
        message.set_visible(history.diverged)
        point.set_visible(not history.diverged)
        if history.diverged:
            message.set_text(_("diverged at epoch {epoch}:\nthe loss became NaN or infinite").format(
                epoch=history.diverged_at))
            return _("{setting}, seed {seed}: {status}").format(setting=setting, seed=seed, status=history.status)
        lrs_here, finals = result.final_loss_by_lr("val" if has_val else "train")
        row = finals[nearest_index(lrs_here, lr)]
        point.set_data([lr], [np.median(row[np.isfinite(row)])])  # on the optimizer's line: "you are here"
        point.set_markeredgecolor(color)
        monitored = history.val_loss if has_val else history.train_loss
        values = dict(setting=setting, seed=seed, train=history.train_loss[-1],
                      lowest=monitored[history.best_epoch - 1], best=history.best_epoch)
        if has_val:
            return _("{setting}, seed {seed}: final training loss {train:.3f}, validation loss {val:.3f}; lowest "
                     "validation loss {lowest:.3f} at epoch {best}").format(val=history.val_loss[-1], **values)
        return _("{setting}, seed {seed}: final training loss {train:.3f}; lowest training loss {lowest:.3f} at "
                 "epoch {best}").format(**values)

    choice = widgets.ToggleButtons(options=names, value=optimizer, description=_("optimizer"))
    moving = [train_line, val_line, label, message, where, point]
    return ControlPanel(fig, {"optimizer": choice, "lr": slider}, redraw, moving)



def optimizer_paths_player(results: dict, start, surface: tuple, floor: float | None = None, minimum=None,
                           lr: float | None = None, epoch: int | None = None, styles: dict | None = None,
                           tolerance: float | None = None) -> ControlPanel:
    """Optimizers' paths over a two-parameter loss surface, played epoch by epoch, beside their loss curves.

    `results` maps a name to a helpers.sweep.SweepResult of a model with one weight and a bias, started
    at `start` = (w, b) (sweep(..., start=start)), over the same learning rates (one seed), recorded
    every epoch (record_every=1) and with the training points passed as `val`, so that its validation
    loss is the training loss after each step. `surface` is (w_grid, b_grid, loss_grid), drawn as
    contours. The epoch slider (with a play button) and the learning-rate slider are lookups: nothing is
    trained. With `floor` (the lowest possible training loss) the right panel shows how far each loss
    is above it, on a log scale, with a dotted line `tolerance` above it when given; `minimum` (w, b) is
    marked on the surface. `styles` maps a name to Line2D settings (colour, line style, marker).
    """
    if not results:
        raise ValueError("give at least one sweep, e.g. {'SGD': sweep(..., record_every=1, start=(w, b))}.")
    names = list(results)
    first = results[names[0]]
    lrs = np.unique(first.lrs.numpy()).astype(float)
    for name, result in results.items():
        if result.record_every != 1 or result.trajectory.shape[2] != 2:
            raise ValueError(f"{name!r}: record every epoch (record_every=1) of a model with one weight and a bias.")
        if result.val_loss.shape[1] == 0:
            raise ValueError(f"{name!r}: pass the training points as val=(X, y), to have the loss after each step.")
        other = np.unique(result.lrs.numpy()).astype(float)
        if other.shape != lrs.shape or not np.allclose(other, lrs, rtol=1e-6) or len(result) != len(lrs):
            raise ValueError(f"the sweeps must hold one run per learning rate, the same rates; {name!r} differs.")
    start = np.asarray(start, dtype=float).reshape(2)
    epochs = first.val_loss.shape[1]
    lr = lrs[len(lrs) // 2] if lr is None else lr
    start_lr = lrs[nearest_index(lrs, lr)] if lr > 0 else np.nan
    if not abs(start_lr - lr) <= 1e-2 * lr:
        raise ValueError(f"the starting learning rate {lr!r} is not in the sweeps; they hold "
                         f"{', '.join(f'{v:.3g}' for v in lrs)}.")
    play, slider = epoch_player(epochs, value=epochs if epoch is None else epoch)
    rate = log_grid_slider(lrs, _("learning rate"), value=float(start_lr))
    # every frame is a lookup: per name and rate, the path (epochs + 1 points) and the loss at each point
    paths, losses, diverged = {}, {}, {}
    for name, result in results.items():
        order = np.argsort(result.lrs.numpy(), kind="stable")
        origin = np.broadcast_to(start, (len(lrs), 1, 2))
        paths[name] = np.concatenate([origin, result.trajectory.numpy()[order]], 1)
        loss = np.concatenate([result.initial_val_loss.numpy()[order, None], result.val_loss.numpy()[order]], 1)
        losses[name] = loss - (floor or 0.0)
        diverged[name] = result.diverged_at.numpy()[order]
    styles = styles or dict(zip(names, SWEEP_STYLES * len(names), strict=False))
    w_grid, b_grid, loss_grid = (np.asarray(a, dtype=float) for a in surface)
    box = (w_grid.min(), w_grid.max(), b_grid.min(), b_grid.max())

    with mpl.rc_context(LARGE_TEXT):  # its still is a lesson figure: readable on a projector
        fig = Figure(figsize=(11.0, 4.2), layout="constrained")
        ax_path, ax_loss = fig.subplots(1, 2)
        levels = np.geomspace(loss_grid.min() * 1.01, np.quantile(loss_grid, 0.9), 14)
        greys = [str(g) for g in np.linspace(0.35, 0.8, len(levels))]   # darker downhill; the paths stand out
        ax_path.contour(w_grid, b_grid, loss_grid, levels=levels, colors=greys, linewidths=0.8)
        ax_path.plot(*start, "k*", ms=15, zorder=4)
        if minimum is not None:
            ax_path.plot(*np.asarray(minimum, dtype=float), "kX", ms=12, zorder=4)
        ax_path.set(xlabel=_("weight w"), ylabel=_("bias b"), xlim=box[:2], ylim=box[2:])
        title = ax_path.set_title(" ", fontsize="medium")
        lines, heads, curves, dots = {}, {}, {}, {}
        for name in names:
            line_style = {k: v for k, v in styles[name].items() if k != "marker"}
            head_style = dict(marker=styles[name].get("marker", "o"), mec="k", mew=1, ls="none",
                              color=line_style.get("color"), zorder=5)
            lines[name], = ax_path.plot([], [], lw=2.5, **line_style)
            heads[name], = ax_path.plot([], [], ms=10, **head_style)
            curves[name], = ax_loss.plot([], [], lw=2, **line_style)
            dots[name], = ax_loss.plot([], [], ms=9, **head_style)
        start_loss = max(float(v[0, 0]) for v in losses.values())
        if floor is not None:
            ax_loss.set(ylim=(1e-4, 3 * start_loss), ylabel=_("training loss minus its minimum"))
            if tolerance is not None:
                ax_loss.axhline(tolerance, color="k", ls=":", lw=1.5)
        else:
            ax_loss.set(ylim=(start_loss / 10, 3 * start_loss), ylabel=_("training loss"))
        ax_loss.set(yscale="log", xlabel=_("epoch (one full-batch step each)"), xlim=(0, epochs))
        plain_log_ticks(ax_loss)
        ax_loss.yaxis.set_minor_locator(LogLocator(subs=(2, 5)))
        ax_loss.set_title(_("loss per epoch (log scale)"), fontsize="medium")
        handles = [Line2D([], [], lw=2, ms=8, **{**styles[n], "mec": "k"}, label=n) for n in names]
        handles.append(Line2D([], [], color="grey", lw=0.8, label=_("training loss\n(contours)")))
        handles.append(Line2D([], [], color="k", marker="*", ms=12, ls="none", label=_("start")))
        if minimum is not None:
            handles.append(Line2D([], [], color="k", marker="X", ms=10, ls="none", label=_("minimum")))
        if floor is not None and tolerance is not None:
            handles.append(Line2D([], [], color="k", ls=":", lw=1.5,
                                  label=_("{tolerance:g} above\nthe minimum").format(tolerance=tolerance)))
        fig.legend(handles=handles, loc="outside right center", fontsize="small", frameon=False)

    def redraw(epoch: int, lr: float) -> str:
        k = nearest_index(lrs, lr)
        epoch = int(min(max(epoch, 1), epochs))
        title.set_text(_("learning rate {lr:.3g}: the first {epoch} steps").format(lr=lrs[k], epoch=epoch))
        parts = []
        for name in names:
            stop = int(diverged[name][k])            # 0: never diverged
            shown = epoch if not stop else min(epoch, stop - 1)
            path, loss = paths[name][k], losses[name][k]
            lines[name].set_data(path[:shown + 1, 0], path[:shown + 1, 1])
            heads[name].set_data(path[shown:shown + 1, 0], path[shown:shown + 1, 1])
            curves[name].set_data(np.arange(shown + 1), loss[:shown + 1])
            dots[name].set_data([shown], loss[shown:shown + 1])
            if stop and epoch >= stop:
                parts.append(_("{name} diverged at epoch {epoch}").format(name=name, epoch=stop))
                continue
            w, b = path[shown]
            inside = box[0] <= w <= box[1] and box[2] <= b <= box[3]
            parts.append(f"{name} {loss[shown] + (floor or 0.0):.3f}" + ("" if inside else _(" (off the map)")))
        lowest = _(" (lowest possible {floor:.3f})").format(floor=floor) if floor is not None else ""
        return (_("epoch {epoch} of {last}").format(epoch=epoch, last=epochs)
                + _(", learning rate {lr:.3g}: training loss ").format(lr=lrs[k]) + ", ".join(parts) + lowest)

    moving = [title, *lines.values(), *heads.values(), *curves.values(), *dots.values()]
    return ControlPanel(fig, {"epoch": slider, "lr": rate}, redraw, moving, extras=[play])
