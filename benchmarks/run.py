"""The project's performance targets, measured in one run: `python benchmarks/run.py`.

Prints one table per target and exits with status 1 when any target of DESIGN.md is missed:
  - every slider of every notebook: latency from a value change to the new PNG, in the kernel
    (median and max over all of the slider's positions): median under 150 ms, max under 300 ms;
    an animation's epoch slider (a control named "epoch"): a frame in median under 40 ms, max 100 ms;
  - each notebook executed top to bottom (first cell to last, in a started kernel): under 20 s each,
    90 s in all; the kernel's peak memory under 1 GB;
  - a 64-configuration sweep at least 20 times faster than one by one, equal to 1e-5
    (benchmarks/bench_sweep.py, which also runs 256 and 1,024 configurations);
  - a slider dragged for 3 s (60 values): the last value drawn within 150 ms of release, no stale
    redraw queued (benchmarks/bench_drag.py).
Tests never assert times; this script does. Run it on an otherwise idle machine.
"""
import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import torch
from nbclient import NotebookClient

from helpers.device import pick_device

ROOT = Path(__file__).resolve().parents[1]
SLIDER_MEDIAN_S, SLIDER_MAX_S = 0.150, 0.300
FRAME_MEDIAN_S, FRAME_MAX_S = 0.040, 0.100  # an "epoch" control plays an animation: a frame per epoch
NOTEBOOK_S, ALL_NOTEBOOKS_S, PEAK_MEMORY_MB = 20.0, 90.0, 1024

# Run inside each notebook's kernel after its last cell: move every control of every ControlPanel
# through all of its positions, timing each change (the redraw and PNG happen inside the assignment).
MEASURE_SLIDERS = r'''
import gc, json, resource, statistics, time
import numpy as np
from helpers.widgets import ControlPanel

def _positions(control):
    if hasattr(control, "_options_values"):
        return list(control._options_values)
    if hasattr(control, "base"):
        exponents = np.arange(control.min, control.max + control.step / 2, control.step)
        return [float(control.base ** e) for e in exponents]
    return [float(v) for v in np.arange(control.min, control.max + control.step / 2, control.step)]

_report = []
for _panel in [o for o in gc.get_objects() if isinstance(o, ControlPanel)]:
    for _name, _control in _panel.controls.items():
        _start, _times, _failures = _control.value, [], 0
        for _value in _positions(_control):
            if _value == _control.value:
                continue
            _t = time.perf_counter()
            _panel.pending = True          # in a kernel the panel would draw after this cell: draw now
            _control.value = _value
            _panel.draw()
            _times.append(time.perf_counter() - _t)
            _failures += "Could not redraw" in _panel.status.value
        _panel.pending = True
        _control.value = _start
        _panel.draw()
        _report.append(dict(panel=repr(_panel), control=_name, positions=len(_times), failures=_failures,
                            median=statistics.median(_times), max=max(_times)))
print(json.dumps(dict(sliders=_report, peak_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)))
'''


def run_notebook(path: Path) -> dict:
    """Execute the notebook in a fresh kernel, then measure its sliders and memory in that kernel."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    with client.setup_kernel():
        start = time.perf_counter()
        for index, cell in enumerate(notebook.cells):
            client.execute_cell(cell, index)
        seconds = time.perf_counter() - start
        probe = nbformat.v4.new_code_cell(MEASURE_SLIDERS)
        notebook.cells.append(probe)
        client.execute_cell(probe, len(notebook.cells) - 1)
    text = "".join(o.get("text", "") for o in probe.outputs if o.get("name") == "stdout")
    return dict(seconds=seconds, **json.loads(text))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", help="default: every notebook in notebooks/")
    parser.add_argument("--skip-sweep", action="store_true", help="leave out benchmarks/bench_sweep.py")
    args = parser.parse_args()
    paths = [Path(p) for p in args.notebooks] or sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))
    print(f"device: {pick_device()}, torch {torch.__version__}, {torch.get_num_threads()} threads\n")
    missed = []

    print(f"{'notebook':28} {'seconds':>8} {'peak MB':>8}   (targets: < {NOTEBOOK_S:.0f} s, < {PEAK_MEMORY_MB} MB)")
    results = {}
    for path in paths:
        results[path.name] = r = run_notebook(path)
        print(f"{path.name:28} {r['seconds']:8.1f} {r['peak_mb']:8.0f}")
        if r["seconds"] >= NOTEBOOK_S or r["peak_mb"] >= PEAK_MEMORY_MB:
            missed.append(f"{path.name}: {r['seconds']:.1f} s, {r['peak_mb']:.0f} MB")
    total = sum(r["seconds"] for r in results.values())
    print(f"{'all notebooks':28} {total:8.1f}            (target: < {ALL_NOTEBOOKS_S:.0f} s)\n")
    if total >= ALL_NOTEBOOKS_S:
        missed.append(f"all notebooks: {total:.1f} s")

    print(f"{'notebook':28} {'slider':26} {'moves':>5} {'median ms':>9} {'max ms':>7}   "
          f"(targets: sliders < {SLIDER_MEDIAN_S * 1e3:.0f}, < {SLIDER_MAX_S * 1e3:.0f} ms; animation frames "
          f"(epoch) < {FRAME_MEDIAN_S * 1e3:.0f}, < {FRAME_MAX_S * 1e3:.0f} ms)")
    for name, r in results.items():
        for s in r["sliders"]:
            label = f"{s['panel']}.{s['control']}"
            median_target, max_target = ((FRAME_MEDIAN_S, FRAME_MAX_S) if s["control"] == "epoch"
                                         else (SLIDER_MEDIAN_S, SLIDER_MAX_S))
            print(f"{name:28} {label[:26]:26} {s['positions']:5d} {s['median'] * 1e3:9.1f} {s['max'] * 1e3:7.1f}")
            if s["median"] >= median_target or s["max"] >= max_target or s["failures"]:
                missed.append(f"{name} {label}: median {s['median'] * 1e3:.0f} ms, max {s['max'] * 1e3:.0f} ms, "
                              f"{s['failures']} failed redraws")
    if not args.skip_sweep:
        print()
        sweep = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_sweep.py")], cwd=ROOT)
        if sweep.returncode:
            missed.append("sweep speed-up or equality (see its table)")
    print()
    drag = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_drag.py")], cwd=ROOT)
    if drag.returncode:
        missed.append("a dragged slider's last value drawn late, or stale redraws queued (see its table)")
    print("\n" + ("every target met" if not missed else "MISSED:\n  " + "\n  ".join(missed)))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
