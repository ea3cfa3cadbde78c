"""Every slider and toggle, set to a value: the picture and the status line show THAT value's content.

Each test moves a control, then checks the artists the panel redrew against what the model or sweep
gives for that value, and the status line's numbers against values computed here independently (with
torch or by counting), so a slider that keeps showing an old picture, swaps two numbers or reports the
wrong epoch fails.
"""
import re

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from helpers.data import make_curve_points, make_two_clusters, polynomial_features, split
from helpers.device import SEED, seed_everything
from helpers.models import MLP, LinearRegression, LogisticRegression
from helpers.plots import grid_probabilities
from helpers.sweep import sweep
from helpers.train import fit
from helpers.widgets import (
    curve_fit_slider,
    dropout_slider,
    learning_rate_slider,
    loss_slider,
    threshold_slider,
    weights_slider,
)

NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?")


def numbers_after(status: str, label: str, count: int = 1) -> list[float]:
    """The `count` numbers that follow `label` in a status line."""
    start = status.index(label) + len(label)
    return [float(n) for n in NUMBER.findall(status[start:])[:count]]


def single_points(fig) -> list:
    """The one-point lines of a figure (the markers a slider moves)."""
    return [line for ax in fig.axes for line in ax.get_lines() if len(line.get_xdata()) == 1]


@pytest.mark.parametrize("z, y", [(1.5, 0), (-6.0, 1), (0.0, 1)])
def test_loss_slider_marks_the_losses_and_gradients_of_the_chosen_example(z, y, figure_snapshot):
    panel = loss_slider()
    panel.controls["y"].value = y
    panel.controls["z"].value = z
    logit = torch.tensor(z, dtype=torch.float64, requires_grad=True)
    target = torch.tensor(float(y), dtype=torch.float64)
    p = torch.sigmoid(logit)
    bce = F.binary_cross_entropy_with_logits(logit, target)
    (bce_grad,) = torch.autograd.grad(bce, logit)
    mse = (torch.sigmoid(logit) - target) ** 2
    (mse_grad,) = torch.autograd.grad(mse, logit)
    expected = {round(v, 9) for v in (bce.item(), mse.item(), bce_grad.item(), mse_grad.item())}
    marked = {round(float(line.get_ydata()[0]), 9) for line in single_points(panel.fig)}
    assert expected <= marked, "the markers sit on both losses and both gradients at the chosen z"
    assert all(float(line.get_xdata()[0]) == z for line in single_points(panel.fig))
    status = panel.status.value
    assert status.startswith(f"y = {y}, logit z = {z:.2f}")
    assert numbers_after(status, "sigmoid(z) =") == [pytest.approx(p.item(), abs=5e-4)]
    assert numbers_after(status, "BCE", 1) == [pytest.approx(bce.item(), abs=5e-4)]
    assert numbers_after(status, "MSE", 1) == [pytest.approx(mse.item(), abs=5e-4)]
    grads = status[status.index("gradient"):]
    assert numbers_after(grads, "BCE") == [pytest.approx(bce_grad.item(), abs=5e-4)]
    assert numbers_after(grads, "MSE") == [pytest.approx(mse_grad.item(), abs=5e-4)]
    figure_snapshot(panel.fig)


@pytest.mark.parametrize("threshold", [0.3, 0.72])
def test_threshold_slider_draws_the_line_matrix_and_marker_of_the_chosen_threshold(trained, clusters, threshold,
                                                                                   figure_snapshot):
    X, y = clusters.val
    panel = threshold_slider(trained, X, y)
    panel.controls["threshold"].value = threshold
    probs = torch.sigmoid(trained(X)).detach().numpy()
    labels = y.numpy().astype(int)
    called = probs >= threshold
    tp, fp = int((called & (labels == 1)).sum()), int((called & (labels == 0)).sum())
    fn, tn = int((~called & (labels == 1)).sum()), int((~called & (labels == 0)).sum())
    ax_boundary, ax_matrix, ax_curves = (ax for ax in panel.fig.axes if ax.get_label() != "<colorbar>")
    [line] = [c for c in ax_boundary.collections if getattr(c, "levels", None) is not None and len(c.levels) == 1]
    assert line.levels[0] == pytest.approx(threshold)
    vertices = np.concatenate([path.vertices for path in line.get_paths()])
    on_line = torch.sigmoid(trained(torch.tensor(vertices, dtype=torch.float32))).detach().numpy()
    assert np.allclose(on_line, threshold, atol=0.02), "the drawn decision line is where p = the threshold"
    assert np.array_equal(ax_matrix.images[0].get_array(), [[tn, fp], [fn, tp]])
    assert [t.get_text() for t in ax_matrix.texts if t.get_text().isdigit()] == [str(v) for v in (tn, fp, fn, tp)]
    assert any(list(line.get_xdata()) == [threshold, threshold] for line in ax_curves.get_lines())
    status = panel.status.value
    assert numbers_after(status, "threshold") == [pytest.approx(threshold, abs=5e-4)]
    assert numbers_after(status, "accuracy") == [pytest.approx((tp + tn) / len(labels), abs=5e-4)]
    assert numbers_after(status, "precision") == [pytest.approx(tp / (tp + fp) if tp + fp else 0.0, abs=5e-4)]
    assert numbers_after(status, "recall") == [pytest.approx(tp / (tp + fn), abs=5e-4)]
    figure_snapshot(panel.fig)


@pytest.fixture(scope="module")
def small_sweeps():
    parts = split(*make_two_clusters(n=200, separation=1.5, seed=4), seed=4)
    lrs = np.logspace(-2, 1, 7)
    sweeps = {name: sweep(*parts.train, val=parts.val, optimizer=key, lrs=lrs, seeds=(3,), epochs=40)
              for name, key in (("SGD", "sgd"), ("Adam", "adam"))}
    return parts, lrs, sweeps


@pytest.mark.parametrize("optimizer, k", [("SGD", 2), ("Adam", 5), ("SGD", 6)])
def test_learning_rate_slider_plots_the_chosen_run_and_reports_its_best_epoch(small_sweeps, optimizer, k,
                                                                              figure_snapshot):
    parts, lrs, sweeps = small_sweeps
    panel = learning_rate_slider(sweeps, lr=float(lrs[0]), optimizer="Adam" if optimizer == "SGD" else "SGD")
    panel.controls["optimizer"].value = optimizer
    panel.controls["lr"].value = float(lrs[k])
    seed_everything(3)  # the same start as the sweep's seed-3 row, trained the plain way
    history = fit(LogisticRegression(2), *parts.train, val=parts.val, optimizer=optimizer.lower(), lr=float(lrs[k]),
                  epochs=40)
    ax_loss = panel.fig.axes[0]
    curves = [line for line in ax_loss.get_lines() if len(line.get_xdata()) == len(history.train_loss)]
    solid = next(line for line in curves if line.get_linestyle() == "-")
    dashed = next(line for line in curves if line.get_linestyle() == "--")
    assert np.allclose(solid.get_ydata(), history.train_loss, rtol=1e-4)
    assert np.allclose(dashed.get_ydata(), history.val_loss, rtol=1e-4)
    status = panel.status.value
    assert status.startswith(f"{optimizer}, learning rate {float(lrs[k]):.3g}")
    assert numbers_after(status, "final training loss") == [pytest.approx(history.train_loss[-1], abs=6e-4)]
    assert numbers_after(status, "validation loss") == [pytest.approx(history.val_loss[-1], abs=6e-4)]
    assert numbers_after(status, "lowest validation loss", 3)[0] == pytest.approx(min(history.val_loss), abs=6e-4)
    # The named epoch must hold the lowest validation loss of the plain run. Where two epochs tie to 1e-6
    # (a run that has levelled off), the last bits of a CPU's arithmetic may pick either: both are right.
    reported = int(re.fullmatch(r".* at epoch (\d+)", status).group(1))
    assert history.val_loss[reported - 1] <= min(history.val_loss) * (1 + 1e-6), (
        f"the lowest validation loss is at epoch {int(np.argmin(history.val_loss)) + 1}, not {reported}: {status}")
    figure_snapshot(panel.fig)


def test_weights_slider_shows_the_row_of_the_chosen_strength_and_counts_it(figure_snapshot):
    strengths = np.logspace(-2, 0, 5)
    rng = np.random.default_rng(0)
    weights = rng.normal(size=(5, 8)) * np.linspace(1, 0, 5)[:, None]
    weights[2, [1, 4, 6]] = 0.0
    weights[3, :6] = 0.0
    panel = weights_slider(strengths, weights, highlight=[0, 6])
    for k in (2, 3, 0):
        panel.controls["strength"].value = float(strengths[k])
        heights = [bar.get_height() for bar in panel.fig.axes[0].patches[:8]]
        assert np.allclose(heights, weights[k]), f"the bars show the weights at strength {strengths[k]:.3g}"
        zero = int((weights[k] == 0).sum())
        kept_others = len(set(np.flatnonzero(weights[k])) - {0, 6})
        kept_informative = len({0, 6} & set(np.flatnonzero(weights[k])))
        status = panel.status.value
        assert numbers_after(status, "L1 strength") == [pytest.approx(strengths[k], rel=1e-3)]
        assert numbers_after(status, ":", 2) == [zero, 8]
        assert numbers_after(status, "exactly zero,") == [kept_others]
        assert numbers_after(status, "informative kept:", 2) == [kept_informative, 2]
    figure_snapshot(panel.fig)


def test_curve_fit_slider_draws_the_trained_curve_of_the_chosen_setting(figure_snapshot):
    x, y = make_curve_points(n=10, noise=0.2, seed=2)
    x_val, y_val = make_curve_points(n=20, noise=0.2, seed=3)
    x_grid = torch.linspace(-1, 1, 50)
    F, F_val, F_grid = (polynomial_features(v, 5) for v in (x, x_val, x_grid))
    result = sweep(F, y, val=(F_val, y_val), task="regression", optimizer="adam", lrs=(0.01, 0.1),
                   weight_decays=(0.0, 0.1, 1.0), epochs=60)
    panel = curve_fit_slider(result, x_grid, F_grid, (x, y), (x_val, y_val))
    for weight_decay, lr in ((1.0, 0.01), (0.0, 0.1), (0.1, 0.1)):
        panel.controls["weight_decay"].value = weight_decay
        panel.controls["lr"].value = lr
        seed_everything(SEED)  # the sweep's starting weights, trained the plain way
        model = LinearRegression(5)
        history = fit(model, F, y, val=(F_val, y_val), task="regression", optimizer="adam", lr=lr,
                      weight_decay=weight_decay, epochs=60)
        with torch.no_grad():
            expected = model(F_grid).numpy()
        drawn = [line for line in panel.fig.axes[0].get_lines() if line.get_label().startswith("the trained curve")]
        assert np.allclose(drawn[0].get_ydata(), expected, atol=1e-4), f"the curve of {weight_decay}, {lr}"
        status = panel.status.value
        assert numbers_after(status, "training MSE") == [pytest.approx(history.train_loss[-1], abs=6e-4)]
        assert numbers_after(status, "validation MSE") == [pytest.approx(history.val_loss[-1], abs=6e-4)]
        assert numbers_after(status, "weight norm") == [pytest.approx(model.fc1.weight.norm().item(), abs=6e-4)]
    figure_snapshot(panel.fig)


@pytest.fixture(scope="module")
def dropout_models():
    parts = split(*make_two_clusters(n=160, separation=1.2, seed=5), seed=5)
    models, histories = {}, {}
    for p in (0.0, 0.5):
        seed_everything(0)
        models[p] = MLP(2, hidden=(16,), dropout=p)
        histories[p] = fit(models[p], *parts.train, val=parts.val, lr=0.02, epochs=30)
    return parts, models, histories


def test_dropout_slider_shows_the_map_curves_and_scores_of_the_chosen_p(dropout_models, figure_snapshot):
    parts, models, histories = dropout_models
    panel = dropout_slider(models, histories, parts.train, parts.val, p=0.0)
    ax_map, ax_loss = (ax for ax in panel.fig.axes if ax.get_label() != "<colorbar>")
    image = ax_map.images[0]
    x0, x1, y0, y1 = image.get_extent()
    resolution = image.get_array().shape[0]
    xx, yy = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution))
    for p in (0.5, 0.0, 0.5):
        panel.controls["p"].value = p
        assert np.allclose(image.get_array(), grid_probabilities(models[p], xx, yy), atol=1e-6), \
            f"the map is p = {p}'s model's"
        train_line, val_line = ax_loss.get_lines()[:2]
        assert np.allclose(train_line.get_ydata(), histories[p].train_loss)
        assert np.allclose(val_line.get_ydata(), histories[p].val_loss)
        model = models[p].eval()
        with torch.no_grad():
            scored = {}
            for name, (X, y) in (("train", parts.train), ("validation", parts.val)):
                logits = model(X)
                scored[name] = (F.binary_cross_entropy_with_logits(logits, y).item(),
                                ((logits > 0).float() == y).float().mean().item())
        status = panel.status.value
        assert numbers_after(status, "loss train") == [pytest.approx(scored["train"][0], abs=6e-4)]
        assert numbers_after(status, "loss train", 2)[1] == pytest.approx(scored["validation"][0], abs=6e-4)
        assert numbers_after(status, "accuracy train") == [pytest.approx(scored["train"][1], abs=6e-4)]
        assert numbers_after(status, "accuracy train", 2)[1] == pytest.approx(scored["validation"][1], abs=6e-4)
        best = int(np.argmin(histories[p].val_loss)) + 1
        assert numbers_after(status, "lowest validation loss", 2) == [
            pytest.approx(min(histories[p].val_loss), abs=6e-4), best]
        best = int(np.argmin(histories[p].val_loss)) + 1
        assert status.endswith(f"at epoch {best}")
    figure_snapshot(panel.fig)
