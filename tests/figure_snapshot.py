"""What a figure shows, as plain data, compared with a reviewed snapshot of it.

The content tests check what each figure must show (the decision line at the threshold, the curve of the
chosen run); a snapshot pins everything else that was looked at and approved: every line, marker set,
bar, filled area, image, text, legend entry and axis, with its data, colours, styles and limits. A test
calls the `figure_snapshot` fixture with a figure; the figure's description must match
tests/snapshots/<test module>/<test>.json to about 3 significant figures (so the last bits of a float,
which differ between CPUs, do not matter). When a figure changes on purpose, look at it, then rewrite
its snapshot with `pytest --update-snapshots` and commit both.
"""
import json
import math
from pathlib import Path

import numpy as np
from matplotlib.collections import Collection, LineCollection
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text

SNAPSHOTS = Path(__file__).with_name("snapshots")
DIGITS = 4        # significant digits stored
REL_TOL = 2e-3    # numbers match within this relative difference...
ABS_TOL = 1e-4    # ...or within this share of the largest value of their array (for values near zero)


def _number(value) -> float | str:
    value = float(value)
    return float(f"{value:.{DIGITS}g}") if math.isfinite(value) else str(value)


def values(data) -> dict:
    """An array as its shape and either all its values or, when long, its summary and evenly spaced samples."""
    array = np.ma.filled(np.ma.asarray(data, dtype=float), np.nan)
    flat = array.ravel()
    out = {"shape": list(array.shape)}
    if flat.size <= 24:
        return out | {"all": [_number(v) for v in flat]}
    finite = flat[np.isfinite(flat)]
    picks = flat[np.linspace(0, flat.size - 1, 12).round().astype(int)]
    return out | {"non-finite": int(flat.size - finite.size),
                  "min": _number(finite.min()) if finite.size else None,
                  "max": _number(finite.max()) if finite.size else None,
                  "mean": _number(finite.mean()) if finite.size else None,
                  "std": _number(finite.std()) if finite.size else None,
                  "samples": [_number(v) for v in picks]}


def _colours(colours) -> list[str]:
    found = [to_hex(c, keep_alpha=True) for c in np.atleast_2d(colours)] if len(colours) else []
    return sorted(set(found))[:8] + ([f"... {len(set(found))} in all"] if len(set(found)) > 8 else [])


def _text(text: Text) -> dict:
    return {"text": text.get_text(), "xy": [_number(v) for v in text.get_position()],
            "colour": to_hex(text.get_color(), keep_alpha=True), "size": _number(text.get_fontsize()),
            "ha": text.get_ha(), "va": text.get_va(), "rotation": _number(text.get_rotation()),
            "visible": text.get_visible()}


def _line(line: Line2D) -> dict:
    return {"x": values(line.get_xdata()), "y": values(line.get_ydata()), "label": line.get_label(),
            "colour": to_hex(line.get_color(), keep_alpha=True), "style": str(line.get_linestyle()),
            "width": _number(line.get_linewidth()), "marker": str(line.get_marker()),
            "marker size": _number(line.get_markersize()),
            "marker faces": to_hex(line.get_markerfacecolor(), keep_alpha=True),
            "marker edges": to_hex(line.get_markeredgecolor(), keep_alpha=True),
            "alpha": line.get_alpha(), "z": _number(line.get_zorder()), "visible": line.get_visible(),
            "draw style": line.get_drawstyle()}


def _collection(collection: Collection) -> dict:
    out = {"type": type(collection).__name__, "label": collection.get_label(),
           "faces": _colours(collection.get_facecolor()), "edges": _colours(collection.get_edgecolor()),
           "widths": values(collection.get_linewidth()), "alpha": collection.get_alpha(),
           "z": _number(collection.get_zorder()), "visible": collection.get_visible()}
    if isinstance(collection, LineCollection):
        segments = collection.get_segments()
        return out | {"segments": len(segments), "points": values(np.concatenate(segments) if segments else [])}
    offsets = np.asarray(collection.get_offsets())
    if offsets.size and not (offsets.shape[0] == 1 and not offsets.any()):
        out |= {"offsets": values(offsets), "sizes": values(collection.get_sizes())}
    paths = collection.get_paths()
    vertices = [p.vertices for p in paths if len(p.vertices)]
    return out | {"paths": len(paths), "vertices": values(np.concatenate(vertices) if vertices else [])}


def _patch(patch) -> dict:
    out = {"type": type(patch).__name__, "label": patch.get_label(),
           "face": to_hex(patch.get_facecolor(), keep_alpha=True),
           "edge": to_hex(patch.get_edgecolor(), keep_alpha=True), "width": _number(patch.get_linewidth()),
           "hatch": patch.get_hatch(), "visible": patch.get_visible()}
    if isinstance(patch, Rectangle):
        return out | {"box": [_number(v) for v in (*patch.get_xy(), patch.get_width(), patch.get_height())]}
    return out | {"vertices": values(patch.get_path().vertices)}


def _image(image: AxesImage) -> dict:
    low, high = image.get_clim()
    return {"array": values(image.get_array()), "colour map": image.get_cmap().name,
            "limits": [_number(low), _number(high)], "extent": [_number(v) for v in image.get_extent()],
            "alpha": image.get_alpha(), "visible": image.get_visible()}


def _axis(ax, which: str) -> dict:
    axis = getattr(ax, f"{which}axis")
    return {"label": axis.get_label_text(), "scale": axis.get_scale(),
            "limits": [_number(v) for v in getattr(ax, f"get_{which}lim")()],
            "ticks": [t.get_text() for t in axis.get_ticklabels()], "inverted": axis.get_inverted(),
            "visible": axis.get_visible()}


def describe(fig: Figure) -> dict:
    """Everything a figure shows, axes by axes, as JSON-ready data."""
    fig.canvas.draw()   # tick labels and legends are only laid out by a draw
    axes = []
    for ax in fig.axes:
        legend = ax.get_legend()
        axes.append({
            "title": [ax.get_title(loc) for loc in ("left", "center", "right")],
            "x": _axis(ax, "x"), "y": _axis(ax, "y"),
            "lines": [_line(line) for line in ax.get_lines()],
            "collections": [_collection(c) for c in ax.collections],
            "patches": [_patch(p) for p in ax.patches],
            "images": [_image(i) for i in ax.images],
            "texts": [_text(t) for t in ax.texts],
            "legend": None if legend is None else {"entries": [t.get_text() for t in legend.get_texts()],
                                                   "title": legend.get_title().get_text()},
            "visible": ax.get_visible(),
        })
    return {"size": [_number(v) for v in fig.get_size_inches()],
            "title": fig.get_suptitle(),
            "texts": [_text(t) for t in fig.texts], "legends": [[t.get_text() for t in lg.get_texts()]
                                                               for lg in fig.legends],
            "axes": axes}


def differences(stored, now, where: str = "", scale: float | None = None) -> list[str]:
    """Where two descriptions differ beyond the tolerance (a list of 'path: stored -> now')."""
    if isinstance(stored, dict) and isinstance(now, dict):
        if stored.keys() != now.keys():
            return [f"{where}: keys {sorted(stored)} -> {sorted(now)}"]
        if "shape" in stored:   # an array: tolerate values near zero relative to its largest value
            numbers = [v for k in ("all", "min", "max") for v in np.atleast_1d(stored.get(k) or [])
                       if isinstance(v, float)]
            scale = max((abs(v) for v in numbers), default=0.0)
        return [d for key in stored for d in differences(stored[key], now[key], f"{where}.{key}", scale)]
    if isinstance(stored, list) and isinstance(now, list):
        if len(stored) != len(now):
            return [f"{where}: {len(stored)} items -> {len(now)}"]
        return [d for k, (a, b) in enumerate(zip(stored, now, strict=True))
                for d in differences(a, b, f"{where}[{k}]", scale)]
    if isinstance(stored, float) and isinstance(now, float):
        close = math.isclose(stored, now, rel_tol=REL_TOL, abs_tol=ABS_TOL * (scale or 0.0) or 1e-9)
        return [] if close else [f"{where}: {stored} -> {now}"]
    return [] if stored == now else [f"{where}: {stored!r} -> {now!r}"]


class FigureSnapshot:
    """The fixture's object: `figure_snapshot(fig)` compares (or, with --update-snapshots, stores)."""

    def __init__(self, path: Path, update: bool):
        self.path, self.update, self.calls = path, update, 0

    def __call__(self, fig: Figure) -> None:
        self.calls += 1
        path = self.path if self.calls == 1 else self.path.with_name(f"{self.path.stem}-{self.calls}.json")
        now = json.loads(json.dumps(describe(fig), default=lambda o: o.item()))  # NumPy scalars
        if self.update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(now, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            return
        assert path.exists(), f"no snapshot {path.relative_to(SNAPSHOTS.parent)}: look at the figure, then run " \
                              f"pytest --update-snapshots"
        found = differences(json.loads(path.read_text(encoding="utf-8")), now)
        assert not found, (f"the figure differs from {path.relative_to(SNAPSHOTS.parent)} in {len(found)} "
                           f"places (if on purpose: look at it, then pytest --update-snapshots):\n  "
                           + "\n  ".join(found[:15]))
