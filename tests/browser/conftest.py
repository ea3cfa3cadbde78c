"""Browser tests: JupyterLab driven by Playwright through Debian's Chromium, as a student uses it.

One JupyterLab server and one browser per test module, on a free loopback port, with a throw-away token,
a throw-away copy of notebooks/ and throw-away Jupyter config, data, runtime, settings and workspace
folders; autosave is off, so nothing is ever written back. Each notebook is opened and run once (the
`notebook` fixture, parametrized over notebooks/*.ipynb, or notebooks/student/*.ipynb with
BROWSER_EDITION=student) and the tests then read and drive that page. Server, kernels and browser are
stopped by PID in finalizers, also when a test fails. They must stop when this module ends: while
Playwright's sync API is started, asyncio sees a running loop in the main thread, and the widgets' unit
tests that run later in the same session would take it for a kernel's loop.

Without Chromium (or Playwright) the tests are skipped with a one-line reason, unless the environment
variable CI is set: there a missing browser is a failure.
"""
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

import psutil
import pytest
from lab_driver import NotebookPage

ROOT = Path(__file__).resolve().parents[2]
# The teacher edition by default; BROWSER_EDITION=student drives the student edition, =ru the Russian teacher
# edition (.ci/run runs all three)
EDITION = os.environ.get("BROWSER_EDITION", "teacher")
FOLDERS = {"teacher": "", "student": "student", "ru": "ru"}
if EDITION not in FOLDERS:
    raise ValueError(f"BROWSER_EDITION must be one of {', '.join(FOLDERS)}; got {EDITION!r}")
NOTEBOOKS = sorted((ROOT / "notebooks" / FOLDERS[EDITION]).glob("*.ipynb"))
LANGUAGE = "ru" if EDITION == "ru" else "en"  # the language of the helpers' status lines and labels
# The other editions' controls run the teacher edition's code (the student edition differs in its answer cells,
# the Russian one in its text: tests/test_editions.py), which the teacher edition's run drives in full. In them
# every notebook runs top to bottom, and one is driven in full: in the student edition 06 (a slider and a play
# button below answer cells), in Russian 03 (sliders, a toggle and a play button, with Russian status lines).
DRIVEN_IN_FULL = {"teacher": None, "student": "06_dropout", "ru": "03_optimizers"}[EDITION]
RESULTS = ROOT / "results" / "browser"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SETTINGS = {  # JupyterLab user settings for the test server: never write notebooks, never phone home
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
}


def pytest_collection_modifyitems(config, items):
    """Outside the teacher edition, only DRIVEN_IN_FULL gets the slider, toggle and play tests."""
    if DRIVEN_IN_FULL is None:
        return
    keep = [item for item in items if item.originalname == "test_notebook_runs_without_errors"
            or f"[{DRIVEN_IN_FULL}]" in item.nodeid]
    config.hook.pytest_deselected(items=[item for item in items if item not in keep])
    items[:] = keep


def _find_chromium() -> str | None:
    """$CHROMIUM when set (and only it), else Debian's `chromium` on the PATH or in /usr/bin."""
    candidates = [os.environ["CHROMIUM"]] if os.environ.get("CHROMIUM") else [shutil.which("chromium"),
                                                                               "/usr/bin/chromium"]
    return next((c for c in candidates if c and os.path.isfile(c) and os.access(c, os.X_OK)), None)


def _browser_missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install -r requirements-dev.txt)"
    if _find_chromium() is None:
        where = os.environ.get("CHROMIUM") or "chromium on the PATH or /usr/bin/chromium"
        return f"no Chromium found at {where} (apt-get install chromium, or set CHROMIUM=/path/to/it)"
    return None


@pytest.fixture(scope="session")
def chromium() -> str:
    """The Chromium executable; skips (fails under CI) when there is none."""
    reason = _browser_missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but the browser tests cannot run: {reason}")
        pytest.skip(f"browser tests skipped: {reason}")
    return _find_chromium()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so fixtures can tell that their test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


class LabServer:
    """A JupyterLab server in its own process group, with every folder it writes in `self.work`."""

    def __init__(self, work: Path):
        self.work = work
        self.token = secrets.token_hex(16)
        self.root_dir = work / "notebooks"
        shutil.copytree(ROOT / "notebooks", self.root_dir,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        folders = {name: work / name for name in ("config", "data", "runtime", "settings", "workspaces",
                                                  "ipython")}
        for folder in folders.values():
            folder.mkdir()
        for plugin, values in SETTINGS.items():
            path = folders["settings"] / f"{plugin}.jupyterlab-settings"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values))
        self.runtime_dir = folders["runtime"]
        env = dict(os.environ,
                   JUPYTER_CONFIG_DIR=str(folders["config"]), JUPYTER_DATA_DIR=str(folders["data"]),
                   JUPYTER_RUNTIME_DIR=str(folders["runtime"]),
                   JUPYTERLAB_SETTINGS_DIR=str(folders["settings"]),
                   JUPYTERLAB_WORKSPACES_DIR=str(folders["workspaces"]), IPYTHONDIR=str(folders["ipython"]),
                   HELPERS_DEVICE=os.environ.get("HELPERS_DEVICE", "cpu"))
        env.pop("JUPYTER_TOKEN", None)
        self.log_path = work / "jupyterlab.log"
        command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
                   "--ServerApp.port=0", "--ServerApp.port_retries=0",
                   f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={self.root_dir}",
                   "--ServerApp.terminals_enabled=False", "--LabApp.expose_app_in_browser=True"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--allow-root")
        with open(self.log_path, "wb") as log:
            # start_new_session: the server leads its own process group, so it can be killed as a group
            self.process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL, start_new_session=True)
        try:
            self.url = self._wait_until_up(timeout=120)
        except BaseException:
            self.stop()
            raise

    def _wait_until_up(self, timeout: float) -> str:
        info_file = self.runtime_dir / f"jpserver-{self.process.pid}.json"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with {self.process.returncode}:\n{self.log_tail()}")
            if info_file.exists():
                try:
                    url = json.loads(info_file.read_text())["url"].rstrip("/")
                    self.api("GET", "api/status", base=url)
                    return url
                except (OSError, ValueError, KeyError):
                    pass
            time.sleep(0.2)
        raise RuntimeError(f"JupyterLab did not answer within {timeout} s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def api(self, method: str, path: str, base: str | None = None):
        request = urllib.request.Request(f"{base or self.url}/{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
        return json.loads(body) if body else None

    def notebook_url(self, name: str, workspace: str) -> str:
        return (f"{self.url}/lab/workspaces/{urllib.parse.quote(workspace)}/tree/"
                f"{urllib.parse.quote(name)}?token={self.token}")

    def shut_down_session(self, session_id: str) -> None:
        """Shut the notebook's kernel down (the server waits for it to exit)."""
        try:
            self.api("DELETE", f"api/sessions/{session_id}")
        except OSError:
            pass  # already gone; stop() kills whatever is left by PID

    def stop(self) -> None:
        """Kill the server's process group and every kernel it started, by PID."""
        try:
            kernels = psutil.Process(self.process.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            kernels = []
        groups = {self.process.pid}
        for child in kernels:  # kernels lead their own process groups (jupyter_client starts them so)
            try:
                groups.add(os.getpgid(child.pid))
            except ProcessLookupError:
                pass
        for sig in (signal.SIGTERM, signal.SIGKILL):
            for group in groups:
                try:
                    os.killpg(group, sig)
                except (ProcessLookupError, PermissionError):
                    pass
            _, alive = psutil.wait_procs(kernels, timeout=5)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                continue
            if not alive:
                break
        self.process.wait(timeout=5)


@pytest.fixture(scope="session")
def results_dir() -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    return RESULTS


@pytest.fixture(scope="module")
def lab(chromium, results_dir):
    """A JupyterLab server on a throw-away copy of notebooks/, stopped (with its kernels) at the end."""
    work = Path(tempfile.mkdtemp(prefix="browser-tests-"))
    server = None
    try:
        server = LabServer(work)
        yield server
    finally:
        if server is not None:
            server.stop()
            shutil.copy(server.log_path, results_dir / "jupyterlab.log")
        shutil.rmtree(work, ignore_errors=True)


@pytest.fixture(scope="module")
def browser(chromium, lab):
    """One headless Chromium with a fresh profile, shared by all browser tests."""
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    playwright = sync_playwright().start()
    try:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=chromium, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 1000})
        context.set_default_timeout(60_000)
        try:
            yield context
        finally:
            context.close()
    finally:
        playwright.stop()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module", params=NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def notebook(request, lab, browser, results_dir) -> NotebookPage:
    """A notebook opened in JupyterLab, its outputs cleared and all its cells run through the menus.

    pytest groups the tests of one notebook, so each notebook runs once per test module (keep the
    tests that use it in one module), and its kernel is shut down before the next one starts.
    """
    path: Path = request.param
    name = path.relative_to(ROOT / "notebooks").as_posix()
    shots = results_dir / name.removesuffix(".ipynb").replace("/", "-")
    shutil.rmtree(shots, ignore_errors=True)
    shots.mkdir(parents=True)
    page = browser.new_page()
    nb = NotebookPage(page, name, shots)
    try:
        page.goto(lab.notebook_url(name, workspace=f"browser-test-{shots.name}"))
        nb.wait_for_kernel()
        nb.clear_and_run_all()
        yield nb
    except Exception:
        nb.screenshot_page("setup-failure")
        raise
    finally:
        nb.write_timings(shots / "timings.json")
        if nb.session_id:
            lab.shut_down_session(nb.session_id)
        page.close()


@pytest.fixture
def nb(request, notebook) -> NotebookPage:
    """The opened notebook; saves a screenshot of the whole page when the test fails."""
    yield notebook
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        notebook.screenshot_page(f"FAILED-{request.node.originalname}")
