"""The Colab, Binder and JupyterHub links, and each notebook's Colab cell, follow pyproject.toml."""
import importlib.util
import shutil
import sys
import types
from pathlib import Path

import nbformat
import pytest
import tomllib
from IPython.core.inputtransformer2 import TransformerManager
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").rglob("*.ipynb"))  # both editions
COLAB = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["platforms"]["colab"]  # Colab's stack

spec = importlib.util.spec_from_file_location("sync_links", ROOT / "scripts" / "sync_links.py")
sync_links = importlib.util.module_from_spec(spec)
spec.loader.exec_module(sync_links)


def test_readme_and_notebooks_agree_with_pyproject():
    assert sync_links.disagreements(ROOT) == [], "run: python scripts/sync_links.py"


def test_a_changed_url_makes_every_link_disagree(tmp_path):
    for name in ("README.md", "README.ru.md", "pyproject.toml", "binder", "notebooks"):
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy
        copy(ROOT / name, tmp_path / name)
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace("github.com/", "github.com/someone-else-"))
    stale = sync_links.disagreements(tmp_path)
    assert sorted(stale) == sorted(["README.md", "README.ru.md"] + [str(p.relative_to(ROOT)) for p in NOTEBOOKS])
    sync_links.disagreements(tmp_path, write=True)
    assert sync_links.disagreements(tmp_path) == []
    assert "someone-else-" in (tmp_path / "README.md").read_text()


def run_first_cell(path: Path, on_colab: bool) -> list[tuple[str, str]]:
    """Run a notebook's first code cell as IPython would; return the magics it called."""
    source = next(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")
    calls = []
    shell = types.SimpleNamespace(run_line_magic=lambda name, line: calls.append((name, line)))
    saved = sys.modules.pop("google.colab", None)
    if on_colab:
        sys.modules["google.colab"] = types.ModuleType("google.colab")
    try:
        exec(TransformerManager().transform_cell(source), {"get_ipython": lambda: shell})
    finally:
        sys.modules.pop("google.colab", None)
        if saved is not None:
            sys.modules["google.colab"] = saved
    return calls


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_first_cell_installs_the_tagged_helpers_on_colab_only(path):
    project = sync_links.project(ROOT)
    assert run_first_cell(path, on_colab=False) == []
    [(magic, line)] = run_first_cell(path, on_colab=True)
    assert magic == "pip"
    assert line == f'install --quiet "{project["name"]} @ git+{project["url"]}@{project["tag"]}"'


def test_the_package_accepts_colabs_torch_and_widgets():
    """pip keeps an installed torch or ipywidgets when it satisfies the package's bounds."""
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    bounds = {r.name: r.specifier for r in map(Requirement, meta["dependencies"])}
    assert bounds["torch"].contains(COLAB["torch"]) and bounds["ipywidgets"].contains(COLAB["ipywidgets"])
    assert SpecifierSet(meta["requires-python"]).contains(COLAB["python"])
    assert all(str(spec).startswith(">=") for spec in bounds.values()), "lower bounds only"


@pytest.mark.parametrize("remote, expected", [
    ("git@github.com:a-teacher/course.git", "https://github.com/a-teacher/course"),
    ("https://github.com/a-teacher/course", "https://github.com/a-teacher/course"),
    ("https://gitlab.com/a-teacher/course.git", None),
])
def test_a_fork_can_take_its_links_from_its_origin(tmp_path, remote, expected):
    import subprocess

    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "remote", "add", "origin", remote], check=True)
    assert sync_links.origin_url(tmp_path) == expected
    if expected:
        shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
        (tmp_path / "binder").mkdir()
        shutil.copy(ROOT / "binder" / "requirements.txt", tmp_path / "binder" / "requirements.txt")
        sync_links.use_repository(tmp_path, expected)
        assert sync_links.project(tmp_path)["url"] == expected
        assert (tmp_path / "pyproject.toml").read_text().count("Repository = ") == 1
