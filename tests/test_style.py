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


def test_notebooks_declare_their_kernel_and_tag_widget_cells():
    import json

    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        assert notebook["metadata"].get("kernelspec", {}).get("name") == "python3", \
            f"{path.name}: no python3 kernelspec, so JupyterLab would ask students to pick a kernel"
        for cell in notebook["cells"]:
            source = "".join(cell["source"])
            if cell["cell_type"] == "code" and "_slider(" in source and "def " not in source:
                assert "nbval-ignore-output" in cell["metadata"].get("tags", []), \
                    f"{path.name}: a slider cell lacks the nbval-ignore-output tag:\n{source}"
