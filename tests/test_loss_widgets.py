"""Tests of the loss helpers behind notebook 02: bce_and_mse, plot_loss_and_gradient, loss_slider."""
import io
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch
from PIL import Image
from torch import nn

from helpers.plots import CONFIDENTLY_WRONG, WRONG_LABEL, bce_and_mse, plot_loss_and_gradient
from helpers.widgets import loss_slider


@pytest.fixture
def axes():
    fig, axes = plt.subplots(1, 2)
    yield axes
    plt.close(fig)


def png_pixels(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)))


@pytest.mark.parametrize("y", [0, 1])
def test_bce_and_mse_match_pytorch_losses_and_autograd(y):
    z = torch.linspace(-20, 20, 81, dtype=torch.float64, requires_grad=True)
    target = torch.full_like(z, float(y))
    bce = nn.BCEWithLogitsLoss(reduction="none")(z, target)
    mse = nn.MSELoss(reduction="none")(torch.sigmoid(z), target)
    bce_grad, = torch.autograd.grad(bce.sum(), z)
    mse_grad, = torch.autograd.grad(mse.sum(), z)
    values = bce_and_mse(z.detach().numpy(), y)
    assert values.y == y
    assert np.allclose(values.p, torch.sigmoid(z).detach().numpy(), rtol=1e-12)
    assert np.allclose(values.bce, bce.detach().numpy(), rtol=1e-10, atol=1e-12)
    assert np.allclose(values.mse, mse.detach().numpy(), rtol=1e-10, atol=1e-12)
    assert np.allclose(values.bce_grad, bce_grad.numpy(), rtol=1e-10, atol=1e-12)
    assert np.allclose(values.mse_grad, mse_grad.numpy(), rtol=1e-10, atol=1e-12)


def test_bce_and_mse_stay_exact_for_huge_logits_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow in exp, no log(0)
        values = bce_and_mse(np.array([-1000.0, 1000.0]), 1)
    assert np.allclose(values.bce, [1000.0, 0.0])
    assert np.allclose(values.bce_grad, [-1.0, 0.0])
    assert np.allclose(values.mse, [1.0, 0.0]) and np.allclose(values.mse_grad, [0.0, 0.0])
    scalar = bce_and_mse(-6.0, 1)  # a plain float works too and gives 0-d arrays
    assert scalar.p.shape == () and abs(float(scalar.bce_grad / scalar.mse_grad)
                                        - 1 / (2 * scalar.p * (1 - scalar.p))) < 1e-9


@pytest.mark.parametrize("z, y, message", [(0.0, 2, "must be 0 or 1"), (0.0, 0.5, "must be 0 or 1"),
                                           (float("nan"), 1, "finite"), ([0.0, np.inf], 0, "finite")])
def test_bce_and_mse_reject_bad_input(z, y, message):
    with pytest.raises(ValueError, match=message):
        bce_and_mse(z, y)


def test_loss_and_gradient_plot_marks_the_example_and_swaps_curves(axes, figure_snapshot):
    ax_loss, ax_grad = axes
    plot = plot_loss_and_gradient(ax_loss, ax_grad, z=-4.0, y=1)
    here = bce_and_mse(-4.0, 1)
    assert plot.markers["bce", "loss"].get_ydata()[0] == pytest.approx(float(here.bce))
    assert plot.markers["mse", "grad"].get_ydata()[0] == pytest.approx(float(here.mse_grad))
    assert list(plot.guides[0].get_xdata()) == [-4.0, -4.0]
    for ax in axes:
        assert ax.get_xlabel() == "logit z" and ax.get_ylabel() and ax.get_legend() is None
    legend, = ax_loss.figure.legends  # one legend for both panels, outside them: it never covers a curve
    wrong = WRONG_LABEL.format(limit=CONFIDENTLY_WRONG)
    assert [t.get_text() for t in legend.get_texts()] == ["BCE", "MSE on p", wrong]
    assert ax_loss.get_title() == "loss of one example with y = 1"      # the figure says what it shows
    assert ax_grad.get_title() == "its gradient; marker at z = -4.0, p = 0.018"
    wrong_edge = np.log(0.05 / 0.95)                                     # p = 0.05 at z = -2.94
    for shade in plot.shades:                                            # y = 1: wrong when z is far below 0
        assert shade.get_x() == -10.0 and shade.get_x() + shade.get_width() == pytest.approx(wrong_edge)
    y1_loss = plot.curves["bce", "loss"].get_ydata().copy()
    y1_grad = plot.curves["bce", "grad"].get_ydata().copy()

    values = plot.update(2.0, 0)
    assert values.y == 0 and float(values.bce_grad) == pytest.approx(1 / (1 + np.exp(-2.0)))
    assert plot.markers["bce", "grad"].get_xdata()[0] == 2.0
    assert list(plot.guides[1].get_xdata()) == [2.0, 2.0]
    assert np.allclose(plot.curves["bce", "loss"].get_ydata(), y1_loss[::-1])   # y = 0 mirrors y = 1
    assert np.allclose(plot.curves["bce", "grad"].get_ydata(), -y1_grad[::-1])
    assert ax_loss.get_title() == "loss of one example with y = 0"
    assert ax_grad.get_title() == "its gradient; marker at z = 2.0, p = 0.881"
    for shade in plot.shades:                                            # y = 0: wrong when z is far above 0
        assert shade.get_x() == pytest.approx(-wrong_edge) and shade.get_x() + shade.get_width() == 10.0
    assert len(plot.moving) == 14  # 4 curves, 4 markers, 2 guide lines, 2 shaded bands, 2 titles
    low, high = ax_loss.get_ylim()
    assert high >= plot.curves["bce", "loss"].get_ydata().max()  # the curves fit for either target
    figure_snapshot(axes[0].figure)


def test_loss_and_gradient_plot_rejects_a_bad_range(axes):
    with pytest.raises(ValueError, match="inside z_range"):
        plot_loss_and_gradient(*axes, z=12.0)
    with pytest.raises(ValueError, match="low < high"):
        plot_loss_and_gradient(*axes, z=0.0, z_range=(5.0, -5.0))


def test_loss_slider_redraws_status_and_image(figure_snapshot):
    panel = loss_slider()
    slider, target = panel.controls["z"], panel.controls["y"]
    assert slider.continuous_update is True and slider.value == -4.0 and target.value == 1
    assert ((slider.value - slider.min) / slider.step) == pytest.approx(round((slider.value - slider.min)
                                                                              / slider.step))
    before_text, before_png = panel.status.value, panel.image.value
    assert before_text.startswith("y = 1, logit z = -4.00, p = sigmoid(z) = 0.018")
    assert "BCE 4.018" in before_text and "BCE pushes 28.3 times harder" in before_text

    slider.value = 1.5
    assert panel.status.value.startswith("y = 1, logit z = 1.50")
    assert not np.array_equal(png_pixels(panel.image.value), png_pixels(before_png))
    target.value = 0
    assert panel.status.value.startswith("y = 0, logit z = 1.50")
    target.value = 1
    slider.value = -4.0
    assert panel.status.value == before_text
    assert np.array_equal(png_pixels(panel.image.value), png_pixels(before_png))  # blitting leaves no trace
    figure_snapshot(panel.fig)


def test_loss_slider_rejects_a_bad_start():
    with pytest.raises(ValueError, match="inside z_range"):
        loss_slider(z=50.0)
    with pytest.raises(ValueError, match="must be 0 or 1"):
        loss_slider(y=3)
