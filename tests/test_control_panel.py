"""ControlPanel: redraws that keep up with a drag (the latest value wins), play controls, key frames."""
import asyncio
import io

import ipywidgets as widgets
import numpy as np
import pytest
from matplotlib.figure import Figure
from PIL import Image

from helpers.widgets import GATHER_S, ControlPanel, epoch_player


def line_panel():
    """A panel whose redraw moves a horizontal line to the slider's value and logs what it drew."""
    fig = Figure(figsize=(3, 2))
    ax = fig.subplots()
    ax.set(xlim=(0, 1), ylim=(0, 10))
    line, = ax.plot([0, 1], [0, 0])
    drawn = []

    def redraw(level: float) -> str:
        line.set_ydata([level, level])
        drawn.append(level)
        return f"level {level:.1f}"

    slider = widgets.FloatSlider(value=1.0, min=0, max=10, step=0.5)
    return ControlPanel(fig, {"level": slider}, redraw, [line]), slider, drawn


def test_outside_a_kernel_every_value_is_drawn_at_once():
    panel, slider, drawn = line_panel()
    for value in (2.0, 3.0, 4.5):
        slider.value = value
    assert drawn == [1.0, 2.0, 3.0, 4.5] and panel.status.value == "level 4.5" and panel.redraws == 4


def test_in_a_kernel_values_arriving_together_give_one_redraw_of_the_last():
    panel, slider, drawn = line_panel()
    first_png = panel.image.value

    async def drag():
        for value in np.arange(2.0, 8.0, 0.5):   # a burst, as a drag sends it while a redraw runs
            slider.value = float(value)
        assert panel.pending and drawn == [1.0], "nothing is drawn while values are still arriving"
        await asyncio.sleep(GATHER_S * 3)

    asyncio.run(drag())
    assert drawn == [1.0, 7.5] and not panel.pending and panel.status.value == "level 7.5"
    assert panel.image.value != first_png


def test_epoch_player_links_a_play_button_to_an_epoch_slider():
    play, slider = epoch_player(120, value=5, interval_ms=50)
    assert (slider.min, slider.max, slider.value) == (1, 120, 5)
    assert (play.min, play.max, play.value, play.interval) == (1, 120, 5, 50)
    assert slider.continuous_update
    with pytest.raises(ValueError, match="at least 1"):
        epoch_player(0)
    with pytest.raises(ValueError, match="between 1 and 10"):
        epoch_player(10, value=11)


def test_extras_are_shown_before_the_controls_and_not_read():
    fig = Figure(figsize=(3, 2))
    fig.subplots()
    play, slider = epoch_player(10)
    seen = []
    panel = ControlPanel(fig, {"epoch": slider}, lambda epoch: seen.append(epoch) or f"epoch {epoch}", [],
                         extras=[play])
    assert panel.children[0].children == (play, slider)
    slider.value = 3
    assert seen == [10, 3] and panel.status.value == "epoch 3"


def test_filmstrip_shows_key_frames_side_by_side_and_puts_the_control_back():
    panel, slider, drawn = line_panel()
    strip = panel.filmstrip("level", [2.0, 5.0, 8.0])
    frame = Image.open(io.BytesIO(panel.blitter.png()))
    sheet = Image.open(io.BytesIO(strip.data))
    assert sheet.size == (3 * frame.width, frame.height)
    assert drawn[-4:] == [2.0, 5.0, 8.0, 1.0] and slider.value == 1.0 and panel.status.value == "level 1.0"
    left, right = np.asarray(sheet.convert("L"))[:, :frame.width], np.asarray(sheet.convert("L"))[:, -frame.width:]
    assert not np.array_equal(left, right), "each key frame shows its own value"
