"""Execute notebooks top to bottom in this interpreter's environment; exit 1 if any cell fails.

Used by tests/test_platforms.py to run every notebook in a Colab-like environment (ipywidgets 7.7)
with the network switched off, and by noxfile.py in the other versions people have. Before the first
cell, matplotlib's plotting methods are wrapped to refuse torch tensors: older matplotlib (3.8) cannot
convert a 2-D tensor, so the notebooks and helpers hand it NumPy arrays, everywhere.
Usage: python tests/execute_notebooks.py notebooks/*.ipynb
"""
import sys
import time
from pathlib import Path

import ipywidgets
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

NUMPY_ONLY = r'''
import functools, matplotlib.axes, torch

def _numpy_only(method):
    @functools.wraps(method)
    def plot(*args, **kwargs):
        for value in (*args, *kwargs.values()):
            if isinstance(value, torch.Tensor):
                raise TypeError(f"Axes.{method.__name__} got a torch tensor: hand matplotlib a NumPy array "
                                "(older matplotlib cannot convert tensors)")
        return method(*args, **kwargs)
    return plot

for _name in ("plot", "scatter", "bar", "barh", "hist", "imshow", "contour", "contourf", "fill_between",
              "errorbar", "step", "axhline", "axvline", "text", "annotate", "pcolormesh", "stairs"):
    setattr(matplotlib.axes.Axes, _name, _numpy_only(getattr(matplotlib.axes.Axes, _name)))
'''


def main(paths: list[str]) -> int:
    print(f"ipywidgets {ipywidgets.__version__}, python {sys.version.split()[0]}")
    failed = []
    for path in map(Path, paths):
        notebook = nbformat.read(path, as_version=4)
        notebook.cells.insert(0, nbformat.v4.new_code_cell(NUMPY_ONLY))
        start = time.perf_counter()
        try:
            NotebookClient(notebook, timeout=300, kernel_name="python3",
                           resources={"metadata": {"path": str(path.parent)}}).execute()
        except CellExecutionError as error:
            failed.append(path.name)
            print(f"FAILED {path.name}:\n{error}")
            continue
        stderr = [o for c in notebook.cells for o in c.get("outputs", []) if o.get("name") == "stderr"]
        if stderr:
            failed.append(path.name)
            print(f"FAILED {path.name}: output on stderr:\n" + "".join(o["text"] for o in stderr))
        else:
            print(f"ok {path.name} in {time.perf_counter() - start:.1f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
