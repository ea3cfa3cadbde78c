"""Every notebook, run in JupyterLab in a real browser, and every slider moved as a student moves it.

Each test gets the notebook already opened, cleared and run through the menus (conftest's `notebook`
fixture). Screenshots of each widget cell before and after each move go to results/browser/<notebook>/.
"""
import math
import re
import time

from conftest import LANGUAGE
from lab_driver import Slider, SliderState

from helpers.language import _, using_language

with using_language(LANGUAGE):  # the words the helpers write in the edition under test
    FAILED_REDRAW = _("Could not redraw: {error}").format(error="").rstrip(": ")
    EPOCH = _("epoch")
    LAST_EPOCH = _("epoch {epoch} of {last}")
PLAY_TIMEOUT_S = 180
NUMBER = re.compile(r"[-\u2212]?\d+(?:\.\d+)?(?:e[-+\u2212]?\d+)?")


def _describe(cell: dict) -> str:
    first_line = cell["source"].strip().splitlines()[0]
    return f"cell {cell['index']} ({first_line[:60]!r})"


def test_notebook_runs_without_errors(nb):
    code = [c for c in nb.cells() if c["type"] == "code" and c["source"].strip()]
    problems = []
    for cell in code:
        for output in cell["outputs"]:
            if output["type"] == "error":
                problems.append(f"{_describe(cell)} raised {output['ename']}: {output['evalue']}")
            if output["type"] == "stream" and output["name"] == "stderr":
                problems.append(f"{_describe(cell)} wrote to stderr: {output['text'][:300]!r}")
        if cell["count"] is None:
            problems.append(f"{_describe(cell)} did not run (prompt {cell['prompt']!r})")
        if "Error displaying widget" in cell["text"] or "Error rendering" in cell["text"]:
            problems.append(f"{_describe(cell)} shows a widget error: {cell['text'][:200]!r}")
    assert not problems, f"{nb.name} in JupyterLab:\n" + "\n".join(problems)
    counts = [cell["count"] for cell in code]
    assert counts == sorted(counts) and len(set(counts)) == len(counts), \
        f"{nb.name}: cells did not run once each, top to bottom: execution counts {counts}"
    assert not nb.errors, f"{nb.name}: the browser reported errors:\n" + "\n".join(nb.errors)


def _check_output(slider: Slider, state: SliderState, action: str) -> None:
    assert FAILED_REDRAW not in state.status, f"{slider.label}: after {action}: {state.status}"
    assert state.kernel == "idle"
    _assert_status_names_the_readout(slider, state, action)


def _assert_status_names_the_readout(slider: Slider, state: SliderState, action: str) -> None:
    """The status line must state the value the slider's readout shows (to the readout's precision):
    a status computed for another value than the one on screen is the bug this catches."""
    shown = _number(state.readout)
    if shown is None:
        return  # a hidden readout (the weight_decay slider): the status line is the only readout there
    digits = len(state.readout.split(".")[1]) if "." in state.readout and "e" not in state.readout else 0
    tolerance = max(0.5 * 10 ** -digits, 0.006 * abs(shown))
    numbers = [float(n.replace("\u2212", "-")) for n in NUMBER.findall(state.status)]
    assert any(abs(n - shown) <= tolerance for n in numbers), (
        f"{slider.label}: after {action} the slider shows {state.readout}, but the status line names no such "
        f"value: {state.status!r}")


def _one_step_key(state: SliderState, steps: int = 1) -> tuple[str, str]:
    """(towards, back): arrow keys that move `steps` steps within the range, and back."""
    room_up = state.position + steps * state.step <= state.max + 1e-9 * max(1.0, abs(state.max))
    return ("ArrowRight", "ArrowLeft") if room_up else ("ArrowLeft", "ArrowRight")


def _typeable(readout: str) -> str:
    """The readout as a student types it: ipywidgets 8 formats negative numbers with a Unicode minus
    sign (U+2212), which its own box does not parse back, so a student types an ASCII '-'."""
    return readout.replace("\u2212", "-")


def _number(readout: str) -> float | None:
    try:
        return float(_typeable(readout))
    except ValueError:
        return None


def _value_to_type(s0: SliderState, s1: SliderState) -> tuple[str, float] | None:
    """A value a few steps from the start (text to type, expected slider position), learned from the
    one-step keyboard move s0 -> s1: a linear slider's readout is its position; a log slider's readout
    is base ** position, so one step multiplies it by a constant."""
    v0, v1, step = _number(s0.readout), _number(s1.readout), s1.position - s0.position
    if v0 is None or v1 is None or step == 0:
        return None
    for k in (3, -2):
        target = s0.position + k * step
        if s0.min - 1e-9 <= target <= s0.max + 1e-9:
            break
    else:
        return None
    linear = abs(v0 - s0.position) <= abs(step) / 2 and abs(v1 - s1.position) <= abs(step) / 2
    if linear:
        value = v0 + k * (v1 - v0)
    elif v0 > 0 and v1 > 0:
        value = v0 * (v1 / v0) ** k
    else:
        return None
    return f"{value:.6g}", target


def _wait_for_typed_value(slider: Slider, before: SliderState, text: str) -> SliderState:
    try:
        return slider.wait_for_redraw(before)
    except AssertionError as error:
        if slider.state().readout != text:
            raise
        raise AssertionError(
            f"{slider.label}: typing {text!r} into the slider's box and pressing Enter did nothing: the box "
            f"keeps the text, the slider stays where it was, nothing is redrawn. ipywidgets 8's "
            f"SelectionSlider behaves so (its box looks editable but ignores typing): build the control "
            f"as a FloatSlider, FloatLogSlider or IntSlider, or pass readout=False and show the value in "
            f"the status line.") from error


def _assert_same_view(slider: Slider, state: SliderState, image: str, reference: SliderState,
                      reference_image: str, what: str) -> None:
    # positions, not readout texts: a SelectionSlider's box keeps text typed into it that it ignored
    assert math.isclose(state.position, reference.position, abs_tol=reference.step * 1e-6), \
        f"{slider.label}: {what}: the slider shows {state.readout!r}, expected {reference.readout!r}"
    assert state.status == reference.status, (
        f"{slider.label}: {what}: at {state.readout} the status reads {state.status!r}, "
        f"but {reference.status!r} when that value was reached slowly")
    assert image == reference_image, f"{slider.label}: {what}: the figure differs from the slow redraw"


def test_every_slider_redraws_on_keyboard_and_typed_values(nb):
    sliders = nb.sliders()
    assert sliders, f"{nb.name} has no slider; every notebook has a control to play with (DESIGN.md)"
    mark = nb.error_mark()
    for slider in sliders:
        s0 = slider.settle()
        h0 = slider.image_hash()
        _check_output(slider, s0, "running the notebook")
        assert s0.status, f"{slider.label}: the status line is empty"
        slider.screenshot("before")

        towards, back = _one_step_key(s0)
        slider.press(towards)
        s1 = slider.wait_for_redraw(s0)
        _check_output(slider, s1, f"pressing {towards}")
        assert math.isclose(abs(s1.position - s0.position), s0.step, rel_tol=1e-6), \
            f"{slider.label}: {towards} moved the slider from {s0.readout} to {s1.readout}, not one step"
        slider.screenshot(f"after-{towards}")

        if s1.editable:
            # a slider of labels (SelectionSlider) has no arithmetic: type the label it started on
            text, expected = _value_to_type(s0, s1) or (_typeable(s0.readout), s0.position)
            slider.type_value(text)
            s2 = _wait_for_typed_value(slider, s1, text)
            _check_output(slider, s2, f"typing {text}")
            assert abs(s2.position - expected) <= s0.step / 2 + 1e-9, \
                f"{slider.label}: typed {text} but the slider shows {s2.readout}"
            slider.screenshot(f"after-typing-{text}")
            restored = s2
            if s2.readout != s0.readout:
                slider.type_value(_typeable(s0.readout))    # restore, by typing the start value back
                restored = _wait_for_typed_value(slider, s2, _typeable(s0.readout))
        else:
            slider.press(back)
            restored = slider.wait_for_redraw(s1)
        _assert_same_view(slider, restored, slider.image_hash(), s0, h0, "restored")
        slider.screenshot("restored")
    assert not nb.errors_since(mark), "the browser reported errors:\n" + "\n".join(nb.errors_since(mark))


def _assert_matches_slow_redraw(slider: Slider, final: SliderState, what: str) -> None:
    """The settled output after fast moves equals what a slow visit to the same value shows."""
    image = slider.image_hash()
    towards, back = _one_step_key(final)
    slider.press(towards)
    away = slider.wait_for_redraw(final)
    slider.press(back)
    again = slider.wait_for_redraw(away)
    _assert_same_view(slider, final, image, again, slider.image_hash(), what)


def test_fast_moves_end_on_the_final_value(nb):
    """Many keypresses in a row and quick mouse drags: the last value's redraw must be the one shown."""
    mark = nb.error_mark()
    for slider in nb.sliders():
        s0 = slider.settle()
        h0 = slider.image_hash()
        up, down = _one_step_key(s0, steps=2)
        step = s0.step if up == "ArrowRight" else -s0.step

        slider.press(*([up, up, down, down] * 15 + [up, up]))   # 62 presses, ending two steps away
        expected = s0.position + 2 * step
        final = slider.settle()
        assert math.isclose(final.position, expected, abs_tol=s0.step * 1e-6), \
            f"{slider.label}: after the keypresses it shows {final.readout}, not 2 steps from {s0.readout}"
        _check_output(slider, final, "many keypresses")
        slider.screenshot("after-keypresses")
        _assert_matches_slow_redraw(slider, final, "after 62 keypresses")

        for fraction in [0.15, 0.85] * 5 + [0.6]:                 # 11 drags, released at 60 % of the track
            slider.drag_to(fraction)
        final = slider.settle()
        landed = (final.position - final.min) / (final.max - final.min)
        assert abs(landed - 0.6) < 0.05 + s0.step / (s0.max - s0.min) / 2, \
            f"{slider.label}: the last drag was released at 60 % of the track, but it shows {final.readout}"
        _check_output(slider, final, "quick drags")
        slider.screenshot("after-drags")
        _assert_matches_slow_redraw(slider, final, "after 11 quick drags")

        steps_back = round((s0.position - final.position) / s0.step)    # restore, by keyboard
        slider.press(*(["ArrowRight" if steps_back > 0 else "ArrowLeft"] * abs(steps_back)))
        restored = slider.settle()
        _assert_same_view(slider, restored, slider.image_hash(), s0, h0, "restored after fast moves")
        slider.screenshot("restored")
    assert not nb.errors_since(mark), "the browser reported errors:\n" + "\n".join(nb.errors_since(mark))


def test_every_toggle_redraws_the_choice_it_names(nb):
    """Click every button of every toggle group: the status line names the choice, the picture changes, and
    coming back to the first choice gives back its picture."""
    nb.sliders()  # tags the control panels
    mark = nb.error_mark()
    for toggle in nb.toggles():
        first, start, start_image = toggle.chosen(), toggle.state(), toggle.image_hash()
        seen = {start_image}
        for label in [*[label for label in toggle.labels if label != first], first]:
            before = toggle.state()
            toggle.click(label)
            after = toggle.wait_for_redraw(before)
            assert FAILED_REDRAW not in after["status"], f"toggle {label!r}: {after['status']}"
            assert toggle.labels[after["chosen"][toggle.group]] == label, f"clicked {label!r}, but it is not chosen"
            assert label in after["status"], f"toggle {label!r} chosen, but the status line says {after['status']!r}"
            image = toggle.image_hash()
            if label != first:
                assert image not in seen, f"toggle {label!r}: the picture did not change"
                seen.add(image)
        assert after["status"] == start["status"] and image == start_image, \
            f"back at {first!r}: the view differs from the one it started with"
    assert not nb.errors_since(mark), "the browser reported errors:\n" + "\n".join(nb.errors_since(mark))


def test_every_animation_plays_to_its_last_epoch(nb):
    """Press play on every Play button: the frames change as it plays, the epoch slider reaches its last
    epoch, and the status line then names that epoch."""
    sliders = nb.sliders()
    mark = nb.error_mark()
    for panel, index in nb.players():
        [epoch] = [s for s in sliders if s.panel == panel and s.label.lower().startswith(EPOCH)]
        start = epoch.settle()
        seen = {start.src}
        nb.press_play(panel, index)   # at the last epoch, Play starts again from the first
        deadline = time.monotonic() + PLAY_TIMEOUT_S
        while True:
            state = epoch.state()
            seen.add(state.src)
            if math.isclose(state.position, state.max) and len(seen) > 2:
                break
            assert time.monotonic() < deadline, (f"{epoch.label}: still at {state.readout} of {state.max:g} after "
                                                 f"{PLAY_TIMEOUT_S} s of playing ({len(seen)} frames seen)")
            time.sleep(0.05)
        final = epoch.settle()
        assert len(seen) >= min(5, int(final.max - final.min)), f"{epoch.label}: only {len(seen)} frames were shown"
        # The slider's last position must be the run's last epoch ("epoch N of N"), whether the slider holds
        # epochs (an IntSlider) or recorded epochs by index (a SelectionSlider, whose position is not the epoch).
        assert LAST_EPOCH.format(epoch=final.readout, last=final.readout) in final.status, (
            f"{epoch.label}: stopped at {final.readout}, which the status line does not call the last epoch: "
            f"{final.status!r}")
        _check_output(epoch, final, "playing to the end")
        epoch.screenshot("played")
    assert not nb.errors_since(mark), "the browser reported errors:\n" + "\n".join(nb.errors_since(mark))
