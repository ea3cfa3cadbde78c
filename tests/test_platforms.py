"""Every notebook runs where a class runs it: with Colab's widget stack (ipywidgets 7.7) and offline.

The Colab-like environment is this one with ipywidgets 7.7.1 laid over it (a virtual environment
whose own site-packages hold only ipywidgets 7.7.1 and fall back to ours for everything else, torch
included, as Colab keeps its own torch). The notebooks run in it inside a fresh network namespace
with only loopback, so any download at run time would fail the test.
"""
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest
import tomllib

ROOT = Path(__file__).resolve().parents[1]
COLAB_IPYWIDGETS = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["platforms"]["colab"]["ipywidgets"]
COLAB_ENV = ROOT / ".venv-colab"


def network_namespace_available() -> bool:
    if not shutil.which("unshare"):
        return False
    return subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0


@pytest.fixture(scope="module")
def colab_python() -> Path:
    """Python of the Colab-like environment, built once and reused while it holds ipywidgets 7.7.1."""
    python = COLAB_ENV / "bin" / "python"
    version = subprocess.run([python, "-c", "import ipywidgets; print(ipywidgets.__version__)"],
                             capture_output=True, text=True) if python.exists() else None
    if version is None or version.stdout.strip() != COLAB_IPYWIDGETS:
        shutil.rmtree(COLAB_ENV, ignore_errors=True)
        venv.create(COLAB_ENV, with_pip=False)
        site = Path(subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                   capture_output=True, text=True, check=True).stdout.strip())
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", site,
                        f"ipywidgets=={COLAB_IPYWIDGETS}", "ipython_genutils"], check=True)
        ours = sysconfig.get_paths()["purelib"]
        (site / "zz-fall-back-to-main-env.pth").write_text(f"import site; site.addsitedir({ours!r})\n")
    return python


def test_every_notebook_runs_offline_with_ipywidgets_7(colab_python):
    if not network_namespace_available():
        if os.environ.get("CI"):
            pytest.fail("CI must prove the notebooks run offline, but `unshare -n` is not permitted here")
        pytest.skip("cannot create a network namespace here (`unshare -n` needs root)")
    notebooks = sorted(str(p) for p in (ROOT / "notebooks").glob("*.ipynb"))
    command = f"ip link set lo up && exec {colab_python} tests/execute_notebooks.py " + " ".join(notebooks)
    result = subprocess.run(["unshare", "-n", "sh", "-c", command], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "HELPERS_DEVICE": "cpu"})
    print(result.stdout)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"ipywidgets {COLAB_IPYWIDGETS}" in result.stdout
    assert result.stdout.count("\nok ") == len(notebooks)
