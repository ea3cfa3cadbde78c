"""Every notebook, asserts included, in the environments people have besides the pinned one.

    nox -s minimum    # the lower bounds pyproject.toml declares, on the oldest Python it admits
    nox -s colab      # Colab's stack ([tool.platforms.colab] in pyproject.toml) on Colab's Python

`pytest` covers the pins of requirements.txt; these sessions cover the versions a student may really
have. Each executes every notebook top to bottom with tests/execute_notebooks.py (a failing assert,
an error or a warning fails it). Environments are built by uv and kept: `.ci/run` passes
--reuse-existing-virtualenvs and an --envdir outside the clone, so a later run only installs what
the pins changed.
"""
from pathlib import Path

import nox
import tomllib

ROOT = Path(__file__).resolve().parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
OLDEST_PYTHON = PYPROJECT["project"]["requires-python"].removeprefix(">=")
COLAB = PYPROJECT["tool"]["platforms"]["colab"]
NOTEBOOKS = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "notebooks").glob("[0-9]*.ipynb"))
RUNNER = ["nbclient", "nbformat", "ipykernel"]  # what executes the notebooks; not the package's own needs

nox.options.default_venv_backend = "uv"
nox.options.error_on_missing_interpreters = True
nox.options.sessions = ["minimum", "colab"]


def execute_notebooks(session: nox.Session) -> None:
    session.run("python", "-c", "import torch, numpy, matplotlib, sklearn, ipywidgets, IPython; "
                "print(*(f'{m.__name__} {m.__version__}' for m in (torch, numpy, matplotlib, sklearn, "
                "ipywidgets, IPython)), sep=', ')")
    session.run("python", "tests/execute_notebooks.py", *NOTEBOOKS, env={"HELPERS_DEVICE": "cpu"})


@nox.session(python=OLDEST_PYTHON)
def minimum(session: nox.Session) -> None:
    """Each dependency at the lower bound pyproject.toml declares (uv's lowest-direct resolution)."""
    session.install("--resolution", "lowest-direct", "-e", ".")
    session.install(*RUNNER)
    execute_notebooks(session)


@nox.session(python=COLAB["python"])
def colab(session: nox.Session) -> None:
    """requirements.txt's pins, with Colab's torch and ipywidgets in place of ours."""
    overrides = Path(session.create_tmp()) / "colab-overrides.txt"
    overrides.write_text(f"torch=={COLAB['torch']}\nipywidgets=={COLAB['ipywidgets']}\n", encoding="utf-8")
    session.install("-r", "requirements.txt", "--override", str(overrides))
    execute_notebooks(session)
