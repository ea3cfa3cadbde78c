"""Driving a notebook in JupyterLab through Playwright: the selectors and waits the browser tests use.

The waits are on state, never on fixed sleeps: the kernel through `window.jupyterapp` (JupyterLab runs
with `expose_app_in_browser`), cell prompts and outputs through the notebook's model, and a slider's
redraw through its control panel's status line and image (helpers.widgets.ControlPanel: a row of
controls, an HTML status line, an <img> of the figure).
"""
import json
import re
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

RUN_TIMEOUT_S = 300       # a notebook targets 20 s on 2 cores; generous for a loaded shared machine
REDRAW_TIMEOUT_S = 30
QUIET_S = 0.5             # the output counts as settled when unchanged this long with the kernel idle

KERNEL_READY = """() => {
    // The toolbar's idle indicator can show before a kernel exists; wait for the real connection
    // and its kernel_info_reply (kernel.info resolves then; a predicate must not be async).
    const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
    if (!panel || !panel.sessionContext || !panel.content || !panel.content.model) return false;
    const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
    if (!kernel) return false;
    if (!window.__testKernel || window.__testKernel.kernel !== kernel) {
        const seen = window.__testKernel = {kernel, info: false};
        kernel.info.then(() => { seen.info = true; });
    }
    if (!window.__testKernel.info || kernel.connectionStatus !== 'connected' || kernel.status !== 'idle') {
        return false;
    }
    window.__testPanel = panel;
    return panel.sessionContext.session.id;
}"""

KERNEL_STATUS = "() => window.__testPanel.sessionContext.session.kernel.status"

CELLS = """() => window.__testPanel.content.widgets.map((cell, index) => {
    const prompt = cell.node.querySelector('.jp-InputArea-prompt');
    const json = cell.model.toJSON();
    return {index, type: cell.model.type, source: cell.model.sharedModel.getSource(),
            prompt: prompt ? prompt.textContent.trim() : '', count: json.execution_count ?? null,
            running: cell.model.executionState === 'running',  // queued or running: the "[*]" prompt
            outputs: (json.outputs || []).map(o => ({type: o.output_type, name: o.name || null,
                                                     ename: o.ename || null, evalue: o.evalue || null,
                                                     text: [].concat(o.text || []).join('')})),
            text: cell.node.querySelector('.jp-OutputArea') ?
                  cell.node.querySelector('.jp-OutputArea').innerText : ''};
})"""

# Tags every slider inside the notebook's outputs and the control panel around it (the nearest
# ancestor that holds a status line and an image as its own children); returns what was found.
TAG_SLIDERS = """() => {
    const root = window.__testPanel.content.node;
    const sliders = [...root.querySelectorAll('.jp-OutputArea-output .widget-slider')];
    const panels = [];
    return sliders.map((slider, i) => {
        slider.dataset.testSlider = i;
        let panel = slider.parentElement;
        while (panel && panel !== root &&
               !(panel.querySelector(':scope > .widget-html') && panel.querySelector(':scope > img'))) {
            panel = panel.parentElement;
        }
        if (!panel || panel === root) return {index: i, panel: null, label: ''};
        if (!panels.includes(panel)) panels.push(panel);
        panel.dataset.testPanel = panels.indexOf(panel);
        const cell = slider.closest('.jp-Cell');
        cell.dataset.testCell = panels.indexOf(panel);
        const label = slider.querySelector('.widget-label');
        return {index: i, panel: panels.indexOf(panel), label: label ? label.textContent.trim() : ''};
    });
}"""

# The state a slider shows: its readout, its position in slider units (the exponent for a log
# slider) from noUiSlider's own API, and its control panel's status line and image.
SLIDER_STATE = """([i, p]) => {
    const slider = document.querySelector(`[data-test-slider="${i}"]`);
    const panel = document.querySelector(`[data-test-panel="${p}"]`);
    const api = slider.querySelector('.noUi-target').noUiSlider;
    const readout = slider.querySelector('.widget-readout');
    const position = api.get(true);
    return {readout: readout.textContent.trim(),
            editable: readout.getAttribute('contenteditable') === 'true' && readout.offsetParent !== null,
            position: Number(Array.isArray(position) ? position[0] : position),
            min: Number(api.options.range.min), max: Number(api.options.range.max),
            step: Number(api.options.step),
            status: panel.querySelector(':scope > .widget-html').textContent.trim(),
            src: panel.querySelector(':scope > img').src,
            kernel: window.__testPanel.sessionContext.session.kernel.status};
}"""

# SHA-256 of the PNG the panel shows (ipywidgets 8 gives each update a fresh blob URL, so the URL
# proves that an update arrived and the hash says what it shows).
IMAGE_HASH = """async (p) => {
    for (let attempt = 0; attempt < 5; attempt++) {
        const src = document.querySelector(`[data-test-panel="${p}"] > img`).src;
        try {
            const bytes = await (await fetch(src)).arrayBuffer();
            const digest = await crypto.subtle.digest('SHA-256', bytes);
            return [...new Uint8Array(digest)].map(b => b.toString(16).padStart(2, '0')).join('');
        } catch (e) {
            await new Promise(r => setTimeout(r, 100));  // the URL was replaced (and revoked) meanwhile
        }
    }
    throw new Error('could not read the panel image');
}"""


# The toggle-button groups (ToggleButtons) of the tagged control panels: their labels and the chosen one.
TOGGLES = """() => [...document.querySelectorAll('[data-test-panel]')].flatMap(panel =>
    [...panel.querySelectorAll('.widget-toggle-buttons')].map((group, g) => {
        const buttons = [...group.querySelectorAll('button')];
        return {panel: Number(panel.dataset.testPanel), group: g,
                labels: buttons.map(b => b.textContent.trim()),
                chosen: buttons.findIndex(b => b.classList.contains('mod-active'))};
    }))"""

# The play buttons (ipywidgets Play) of the tagged control panels.
PLAYERS = """() => [...document.querySelectorAll('[data-test-panel]')].flatMap(panel =>
    [...panel.querySelectorAll('.widget-play')].map((player, k) => ({panel: Number(panel.dataset.testPanel),
                                                                    index: k})))"""

PANEL_STATE = """(p) => {
    const panel = document.querySelector(`[data-test-panel="${p}"]`);
    const group = [...panel.querySelectorAll('.widget-toggle-buttons')];
    return {status: panel.querySelector(':scope > .widget-html').textContent.trim(),
            src: panel.querySelector(':scope > img').src,
            chosen: group.map(g => [...g.querySelectorAll('button')]
                                   .findIndex(b => b.classList.contains('mod-active'))),
            kernel: window.__testPanel.sessionContext.session.kernel.status};
}"""


@dataclass(frozen=True)
class SliderState:
    readout: str
    editable: bool
    position: float
    min: float
    max: float
    step: float
    status: str
    src: str
    kernel: str


class Slider:
    """One slider of a control panel in the page."""

    def __init__(self, nb: "NotebookPage", index: int, panel: int, label: str):
        self.nb, self.page, self.index, self.panel, self.label = nb, nb.page, index, panel, label
        self.moved_at: float | None = None   # when the last single move was made, for the latency
        self.root = self.page.locator(f'[data-test-slider="{index}"]')
        self.handle = self.root.locator(".noUi-handle").first
        self.readout = self.root.locator(".widget-readout")
        self.cell = self.page.locator(f'.jp-Cell[data-test-cell="{panel}"]')
        slug = re.sub(r"\W+", "_", label).strip("_")  # \w: Cyrillic labels name their screenshots too
        self.name = f"slider{index}-{slug or 'unlabelled'}"

    def state(self) -> SliderState:
        return SliderState(**self.page.evaluate(SLIDER_STATE, [self.index, self.panel]))

    def image_hash(self) -> str:
        return self.page.evaluate(IMAGE_HASH, self.panel)

    def screenshot(self, tag: str) -> Path:
        path = self.nb.shots / f"{self.name}-{self.nb.next_shot():02d}-{tag}.png"
        self.cell.scroll_into_view_if_needed()
        self.cell.screenshot(path=path)
        return path

    def press(self, *keys: str) -> None:
        """Focus the handle (as a Tab would) and press the keys, as fast as the browser takes them."""
        self.moved_at = time.monotonic()
        self.handle.focus()
        for key in keys:
            self.page.keyboard.press(key)

    def type_value(self, text: str) -> None:
        """Type a value into the readout box and press Enter."""
        self.readout.click()
        self.moved_at = time.monotonic()
        self.page.keyboard.press("ControlOrMeta+A")
        self.page.keyboard.type(text)
        self.page.keyboard.press("Enter")

    def drag_to(self, fraction: float, steps: int = 3) -> None:
        """Drag the handle with the mouse to `fraction` of the track's width, and release."""
        track = self.root.locator(".noUi-target").bounding_box()
        handle = self.handle.bounding_box()
        self.page.mouse.move(handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2)
        self.page.mouse.down()
        self.page.mouse.move(track["x"] + fraction * track["width"], handle["y"] + handle["height"] / 2,
                             steps=steps)
        self.page.mouse.up()

    def wait_for_redraw(self, before: SliderState, timeout: float = REDRAW_TIMEOUT_S) -> SliderState:
        """Wait until both the status line and the image changed from `before`, then until the output
        settles; returns the settled state."""
        deadline = time.monotonic() + timeout
        state = self.state()
        while state.status == before.status or state.src == before.src:
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"{self.label}: the output did not update within {timeout} s after the slider moved "
                    f"from {before.readout} to {state.readout} (status changed: "
                    f"{state.status != before.status}, image changed: {state.src != before.src}); "
                    f"status now {state.status!r}")
            time.sleep(0.02)
            state = self.state()
        if self.moved_at is not None:
            self.nb.latencies.append(time.monotonic() - self.moved_at)
            self.moved_at = None
        return self.settle(deadline)

    def settle(self, deadline: float | None = None) -> SliderState:
        """Wait until the kernel is idle and the readout, status line and image have not changed for
        QUIET_S seconds."""
        deadline = deadline or time.monotonic() + REDRAW_TIMEOUT_S
        state, since = self.state(), time.monotonic()
        while True:
            time.sleep(0.1)
            now = self.state()
            if (now.readout, now.status, now.src) != (state.readout, state.status, state.src) \
                    or now.kernel != "idle":
                state, since = now, time.monotonic()
            elif time.monotonic() - since >= QUIET_S:
                return now
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.label}: the output kept changing (or the kernel stayed "
                                     f"busy) for {REDRAW_TIMEOUT_S} s; last status {now.status!r}")


class Toggle:
    """One group of toggle buttons (ipywidgets ToggleButtons) in a control panel."""

    def __init__(self, nb: "NotebookPage", panel: int, group: int, labels: list[str]):
        self.nb, self.page, self.panel, self.group, self.labels = nb, nb.page, panel, group, labels
        self.root = self.page.locator(f'[data-test-panel="{panel}"] .widget-toggle-buttons').nth(group)

    def state(self) -> dict:
        return self.page.evaluate(PANEL_STATE, self.panel)

    def chosen(self) -> str:
        return self.labels[self.state()["chosen"][self.group]]

    def image_hash(self) -> str:
        return self.page.evaluate(IMAGE_HASH, self.panel)

    def click(self, label: str) -> None:
        self.root.get_by_role("button", name=label, exact=True).click()

    def wait_for_redraw(self, before: dict, timeout: float = REDRAW_TIMEOUT_S) -> dict:
        """Wait until the status line and the image changed, then until they and the kernel settle."""
        deadline = time.monotonic() + timeout
        state = self.state()
        while state["status"] == before["status"] or state["src"] == before["src"]:
            if time.monotonic() > deadline:
                raise AssertionError(f"toggle {self.labels}: no redraw within {timeout} s; status {state['status']!r}")
            time.sleep(0.02)
            state = self.state()
        since = time.monotonic()
        while time.monotonic() - since < QUIET_S:
            time.sleep(0.1)
            now = self.state()
            if (now["status"], now["src"]) != (state["status"], state["src"]) or now["kernel"] != "idle":
                state, since = now, time.monotonic()
            if time.monotonic() > deadline:
                raise AssertionError(f"toggle {self.labels}: the output kept changing for {timeout} s")
        return state


class NotebookPage:
    """A notebook open in JupyterLab, with the browser's errors collected as they happen."""

    def __init__(self, page, name: str, shots: Path):
        self.page, self.name, self.shots = page, name, shots
        self.session_id: str | None = None
        self.errors: list[str] = []
        self.run_seconds: float | None = None
        self.latencies: list[float] = []   # seconds from a slider move to its new status and image
        self._shot = 0
        page.on("pageerror", lambda error: self.errors.append(f"uncaught exception: {error}"))
        page.on("console", self._on_console)

    def _on_console(self, message) -> None:
        if message.type == "error" and "widget" in message.text.lower():
            self.errors.append(f"console error: {message.text}")

    def error_mark(self) -> int:
        return len(self.errors)

    def errors_since(self, mark: int) -> list[str]:
        return self.errors[mark:]

    def next_shot(self) -> int:
        self._shot += 1
        return self._shot

    def screenshot_page(self, tag: str) -> None:
        try:
            self.page.screenshot(path=self.shots / f"page-{tag}.png")
        except Exception:  # a screenshot is a diagnosis; never let it hide the real failure
            pass

    def write_timings(self, path: Path) -> None:
        """Record what this run measured (the tests never assert times; these are for reading)."""
        latencies = sorted(self.latencies)
        path.write_text(json.dumps({
            "notebook": self.name, "run_all_seconds": self.run_seconds,
            "slider_moves": len(latencies),
            "slider_latency_median_s": statistics.median(latencies) if latencies else None,
            "slider_latency_max_s": latencies[-1] if latencies else None}, indent=1))

    def wait_for_kernel(self, timeout: float = 180) -> None:
        """Wait until the notebook's kernel is connected and idle; fail at once if JupyterLab shows a
        dialog instead (a notebook without kernelspec metadata makes it ask which kernel to start)."""
        self.page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=timeout * 1000)
        deadline = time.monotonic() + timeout
        while not (session_id := self.page.evaluate(KERNEL_READY)):
            dialog = self.page.locator(".jp-Dialog")
            if dialog.count():
                text = " ".join(dialog.first.inner_text().split())
                raise AssertionError(
                    f"{self.name}: JupyterLab opened a dialog instead of starting the kernel: {text!r}. "
                    "A notebook without kernelspec metadata makes it ask; execute it as CONTRIBUTING.md "
                    "says (jupyter nbconvert --execute), which records the kernel.")
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.name}: the kernel was not ready within {timeout} s")
            time.sleep(0.25)
        self.session_id = session_id

    def kernel_status(self) -> str:
        return self.page.evaluate(KERNEL_STATUS)

    def cells(self) -> list[dict]:
        return self.page.evaluate(CELLS)

    def clear_and_run_all(self) -> None:
        """Edit > Clear Outputs of All Cells, then Run > Run All Cells, through the menus, and wait until
        every code cell has run (no "[*]" left, the kernel idle) or the run stopped at an error."""
        self._menu("Edit", "editmenu:clear-all")
        self._wait(lambda cells: all(not c["outputs"] and c["count"] is None
                                     for c in cells if c["type"] == "code"),
                   10, "the outputs were not cleared")
        start = time.monotonic()
        self._menu("Run", "runmenu:run-all")

        self._wait(lambda cells: any(c["count"] is not None or c["running"] for c in cells), 15,
                   "Run All did not start")

        def finished(cells):
            code = [c for c in cells if c["type"] == "code"]
            return (not any(c["running"] or "*" in c["prompt"] for c in code)
                    and any(c["count"] is not None for c in code)
                    and self.kernel_status() == "idle")

        self._wait(finished, RUN_TIMEOUT_S, "the notebook did not finish running")
        self.run_seconds = time.monotonic() - start

    def _menu(self, menu: str, command: str) -> None:
        self.page.click(f"li.lm-MenuBar-item:has-text('{menu}')")
        self.page.click(f"li.lm-Menu-item[data-command='{command}']")

    def _wait(self, done, timeout: float, message: str) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if done(self.cells()):
                return
            time.sleep(0.25)
        raise AssertionError(f"{self.name}: {message} within {timeout} s")

    def sliders(self) -> list[Slider]:
        found = self.page.evaluate(TAG_SLIDERS)
        orphans = [f["index"] for f in found if f["panel"] is None]
        assert not orphans, (f"{self.name}: sliders {orphans} are not inside a control panel (a status "
                             "line and an image); build sliders with helpers.widgets.ControlPanel")
        return [Slider(self, f["index"], f["panel"], f["label"]) for f in found]

    def players(self) -> list[tuple[int, int]]:
        """(panel, index) of every play button in the control panels (call sliders() first)."""
        return [(p["panel"], p["index"]) for p in self.page.evaluate(PLAYERS)]

    def press_play(self, panel: int, index: int) -> None:
        """Click a Play widget's play/pause button (its first button)."""
        self.page.locator(f'[data-test-panel="{panel}"] .widget-play').nth(index).locator("button").first.click()

    def toggles(self) -> list[Toggle]:
        """The toggle-button groups of the control panels (call sliders() first: it tags the panels)."""
        return [Toggle(self, t["panel"], t["group"], t["labels"]) for t in self.page.evaluate(TOGGLES)]
