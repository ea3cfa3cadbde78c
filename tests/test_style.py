"""The package and tests follow the project's lint rules (ruff settings in pyproject.toml)."""
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_ruff_finds_nothing():
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    assert ruff, "ruff is missing: install requirements-dev.txt"
    result = subprocess.run([ruff, "check", "helpers", "tests", "benchmarks", "scripts", "noxfile.py"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def test_notebooks_declare_their_kernel_and_tag_widget_cells():
    """nbval cannot replay a widget's view, so a cell that displays one is tagged nbval-ignore-output;
    a cell that only builds a panel, or shows its still (a plain image), is compared as usual."""
    import json

    for path in sorted((ROOT / "notebooks").rglob("*.ipynb")):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        assert notebook["metadata"].get("kernelspec", {}).get("name") == "python3", \
            f"{path.name}: no python3 kernelspec, so JupyterLab would ask students to pick a kernel"
        for cell in notebook["cells"]:
            if cell["cell_type"] != "code":
                continue
            data = [output.get("data", {}) for output in cell["outputs"]]
            shows_widget = any(WIDGET_VIEW in d or "".join(d.get("text/plain", "")).startswith("ControlPanel(")
                               for d in data)
            if shows_widget:
                assert "nbval-ignore-output" in cell["metadata"].get("tags", []), \
                    f"{path.name}: a cell that shows a widget lacks the nbval-ignore-output tag:\n" \
                    + "".join(cell["source"])


def test_no_markdown_hides_in_a_code_cell_as_comments():
    """A heading written as a comment in a code cell (a slip of jupytext's percent format) is prose that
    readers never see rendered: it belongs in a markdown cell."""
    import json
    import re

    for path in sorted((ROOT / "notebooks").rglob("*.ipynb")):
        for k, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
            if cell["cell_type"] == "code":
                hidden = [line for line in "".join(cell["source"]).splitlines() if re.match(r"#\s*#+ \S", line)]
                assert not hidden, f"{path.name}, cell {k}: a markdown heading as a comment: {hidden[0]!r}"
