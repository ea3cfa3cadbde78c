"""The MLP, its dropout layer (checked against nn.Dropout), evaluate, the probability map and the dropout slider."""
import io
import math

import ipywidgets
import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch
from PIL import Image
from torch import nn

from helpers.data import make_two_clusters, split
from helpers.device import seed_everything
from helpers.models import MLP, Dropout, check_dropout, evaluate
from helpers.plots import decision_line_xy, grid_probabilities, plot_probability_map, probability_grid
from helpers.train import History, fit
from helpers.widgets import dropout_slider


def activations(rows=64, cols=32):
    """Stand-in hidden activations with no zeros, so a zero in the output always means 'dropped'."""
    return torch.rand(rows, cols, generator=torch.Generator().manual_seed(3)) + 0.5


# --- Dropout against nn.Dropout -------------------------------------------------------------------

@pytest.mark.parametrize("p", [0.1, 0.3, 0.5, 0.8])
def test_dropout_equals_nn_dropout_given_the_same_mask(monkeypatch, p):
    x = activations().requires_grad_(True)
    torch.manual_seed(0)
    reference = nn.Dropout(p).train()(x)
    kept = reference != 0
    reference.sum().backward()
    reference_grad = x.grad.clone()
    x.grad = None
    # feed our layer the uniform numbers that keep exactly the values nn.Dropout kept
    monkeypatch.setattr(torch, "rand_like", lambda t: torch.where(kept, 0.0, 0.999).to(t.dtype))
    ours = Dropout(p).train()(x)
    assert torch.equal(ours, reference)  # bit for bit: same mask, same 1/(1-p) rounding
    ours.sum().backward()
    assert torch.equal(x.grad, reference_grad)


def test_dropout_drops_a_share_p_and_scales_survivors_like_nn_dropout():
    x = activations(400, 250)
    seed_everything(0)
    ours, theirs = Dropout(0.3)(x), nn.Dropout(0.3)(x)
    for out in (ours, theirs):
        assert abs((out == 0).float().mean().item() - 0.3) < 0.01
        assert abs(out.mean().item() / x.mean().item() - 1) < 0.01  # the expected value is kept
    ratio = lambda out: torch.unique(out[out != 0] / x[out != 0])  # noqa: E731
    assert torch.allclose(ratio(ours), ratio(theirs)) and math.isclose(ratio(ours).mean().item(), 1 / 0.7,
                                                                       rel_tol=1e-6)


def test_dropout_draws_a_fresh_mask_each_call_and_is_the_identity_in_eval():
    x = activations()
    layer = Dropout(0.5)
    assert layer.training
    assert not torch.equal(layer(x), layer(x))
    layer.eval()
    assert layer(x) is x
    assert Dropout(0.0).train()(x) is x
    assert repr(Dropout(0.25)) == repr(nn.Dropout(0.25)).replace(", inplace=False", "")


@pytest.mark.parametrize("p", [-0.1, 1.0, 1.5, float("nan"), "0.5", True, None])
def test_dropout_probability_must_lie_in_0_1(p):
    with pytest.raises(ValueError, match=r"must lie in \[0, 1\)"):
        Dropout(p)
    with pytest.raises(ValueError, match=r"must lie in \[0, 1\)"):
        check_dropout(p)


def test_check_dropout_returns_a_float():
    assert check_dropout(0) == 0.0 and isinstance(check_dropout(0), float)
    assert check_dropout(np.float64(0.5)) == 0.5 and check_dropout(np.float32(0.25)) == 0.25


# --- MLP ------------------------------------------------------------------------------------------

def test_mlp_returns_one_logit_per_row_with_dropout_after_each_hidden_relu():
    seed_everything(0)
    model = MLP(3, hidden=(16, 8, 4), dropout=0.2)
    out = model(torch.randn(10, 3) * 10)
    assert out.shape == (10,)
    assert (out < 0).any() or (out > 1).any()  # logits, not probabilities
    kinds = [type(layer) for layer in model.layers]
    assert kinds == [nn.Linear, nn.ReLU, Dropout] * 3 + [nn.Linear]
    assert [layer.p for layer in model.layers if isinstance(layer, Dropout)] == [0.2, 0.2, 0.2]
    assert [layer.out_features for layer in model.layers if isinstance(layer, nn.Linear)] == [16, 8, 4, 1]


def test_mlp_default_shape_and_determinism_in_eval():
    model = MLP(2)
    assert [layer.out_features for layer in model.layers if isinstance(layer, nn.Linear)] == [64, 64, 1]
    X = torch.randn(50, 2)
    plain = MLP(2, dropout=0.0)
    assert torch.equal(plain.train()(X), plain.eval()(X))  # no dropout: train and eval agree
    noisy = MLP(2, dropout=0.5)
    assert not torch.equal(noisy.train()(X), noisy(X))
    noisy.eval()
    assert torch.equal(noisy(X), noisy(X))


def test_mlp_with_the_same_seed_starts_from_the_same_weights_whatever_p():
    seed_everything(7)
    a = MLP(2, dropout=0.0)
    seed_everything(7)
    b = MLP(2, dropout=0.6)
    assert all(torch.equal(u, v) for u, v in zip(a.parameters(), b.parameters(), strict=True))


@pytest.mark.parametrize("kwargs, message", [
    (dict(n_features=0), "n_features must be a whole number"),
    (dict(n_features=2.5), "n_features must be a whole number"),
    (dict(n_features=True), "n_features must be a whole number"),
    (dict(n_features=2, hidden=()), "at least one layer width"),
    (dict(n_features=2, hidden=(64, 0)), "each a whole number"),
    (dict(n_features=2, hidden=(64, 2.5)), "each a whole number"),
    (dict(n_features=2, dropout=1.0), r"must lie in \[0, 1\)"),
    (dict(n_features=2, dropout=-0.5), r"must lie in \[0, 1\)"),
])
def test_mlp_rejects_bad_settings(kwargs, message):
    with pytest.raises(ValueError, match=message):
        MLP(**kwargs)


def test_mlp_rejects_input_of_the_wrong_shape():
    model = MLP(2)
    with pytest.raises(ValueError, match="expects a table with 2 feature columns; got a tensor of shape"):
        model(torch.zeros(5, 3))
    with pytest.raises(ValueError, match="expects a table with 2 feature columns"):
        model(torch.zeros(5))


@pytest.fixture
def noisy_clusters():
    """A small, overlapping two-cluster split: easy to overfit."""
    return split(*make_two_clusters(n=200, separation=1.5, seed=1), seed=1)


def test_mlp_trains_with_fit_and_early_stopping_restores_its_best_weights(noisy_clusters):
    seed_everything(0)
    model = MLP(2, hidden=(32, 32), dropout=0.3)
    history = fit(model, *noisy_clusters.train, val=noisy_clusters.val, lr=0.01, epochs=300, patience=15)
    assert history.train_loss[-1] < history.train_loss[0]
    assert history.stopped_early and len(history.val_loss) == history.best_epoch + 15
    assert evaluate(model, *noisy_clusters.val)[0] == pytest.approx(min(history.val_loss), rel=1e-6)


def test_a_float64_mlp_trains_and_is_scored_in_float64(noisy_clusters):
    """Float64 keeps printed numbers equal across CPUs; fit, evaluate and predict_proba accept such a model."""
    X, y = noisy_clusters.val
    seed_everything(0)
    model = MLP(2, hidden=(16, 16), dropout=0.3).double()
    history = fit(model, *noisy_clusters.train, val=noisy_clusters.val, lr=0.01, epochs=20)  # float32 data
    assert all(w.dtype == torch.float64 for w in model.parameters())
    loss, accuracy = evaluate(model, X, y)
    with torch.no_grad():
        logits = model.eval()(X.double())
    assert logits.dtype == torch.float64
    assert loss == nn.functional.binary_cross_entropy_with_logits(logits, y.double()).item()
    assert loss == history.val_loss[-1]  # fit scores the validation set the same way, in float64
    assert accuracy == pytest.approx(((logits > 0).double() == y).double().mean().item())
    xx, yy = probability_grid(X, resolution=10)
    mesh = torch.tensor(np.c_[xx.ravel(), yy.ravel()], dtype=torch.float64)
    expected = torch.sigmoid(model(mesh)).detach().numpy()
    assert np.allclose(grid_probabilities(model, xx, yy).ravel(), expected, atol=1e-6)


def test_fit_replays_the_same_path_from_the_same_seed(noisy_clusters):
    """The same seed and settings give the same weights; the best epoch's weights come back by training that long."""
    def run(epochs, patience=None):
        seed_everything(3)
        model = MLP(2, hidden=(16, 16), dropout=0.5).double()
        return model, fit(model, *noisy_clusters.train, val=noisy_clusters.val, lr=0.02, epochs=epochs,
                          patience=patience)

    _, full = run(40)
    stopped, stopped_history = run(40, patience=40)  # patience as long as the run: keeps the best epoch
    replayed, replay_history = run(full.best_epoch)
    assert replay_history.val_loss == full.val_loss[:full.best_epoch]
    assert all(torch.equal(a, b) for a, b in zip(stopped.state_dict().values(), replayed.state_dict().values(),
                                                 strict=True))


# --- evaluate -------------------------------------------------------------------------------------

def test_evaluate_scores_in_eval_mode(noisy_clusters):
    X, y = noisy_clusters.val
    seed_everything(0)
    model = MLP(2, hidden=(16,), dropout=0.5)
    model.train()
    loss, accuracy = evaluate(model, X, y)
    assert not model.training
    with torch.no_grad():
        logits = model(X)
    assert loss == pytest.approx(nn.functional.binary_cross_entropy_with_logits(logits, y).item())
    assert accuracy == pytest.approx(((logits > 0).float() == y).float().mean().item())
    assert evaluate(model, X, y) == (loss, accuracy)
    with pytest.raises(ValueError, match="X has .* rows but y has .* labels"):
        evaluate(model, X, y[:-1])


# --- probability map ------------------------------------------------------------------------------

def test_decision_line_follows_the_level_curve():
    xx, yy = np.meshgrid(np.linspace(-2, 2, 81), np.linspace(-2, 2, 81))
    probs = 1 / (1 + np.exp(-(1 - xx ** 2 - yy ** 2) * 4))  # p = 0.5 on the unit circle
    xy = decision_line_xy(xx, yy, probs)
    assert np.allclose(np.hypot(xy[:, 0], xy[:, 1]), 1, atol=0.01)
    assert not np.isnan(xy).any()  # one closed piece
    split_map = 1 / (1 + np.exp(-(np.abs(xx) - 1) * 4))  # p = 0.5 on the lines x = -1 and x = 1
    pieces = decision_line_xy(xx, yy, split_map)
    assert np.isnan(pieces[:, 0]).sum() == 1  # two pieces, one NaN row between them
    assert np.allclose(np.abs(pieces[~np.isnan(pieces[:, 0]), 0]), 1, atol=0.01)
    assert np.isnan(decision_line_xy(xx, yy, np.zeros_like(xx))).all()  # no crossing: nothing drawn


def test_probability_grid_covers_the_points_and_rejects_non_2d():
    X = np.array([[0.0, 1.0], [2.0, -1.0]])
    xx, yy = probability_grid(X, resolution=30, pad=0.5)
    assert xx.shape == yy.shape == (30, 30)
    assert (xx.min(), xx.max(), yy.min(), yy.max()) == (-0.5, 2.5, -1.5, 1.5)
    with pytest.raises(ValueError, match="needs 2-D points"):
        probability_grid(np.zeros((4, 3)))


def test_probability_map_swaps_image_and_line_in_place(noisy_clusters):
    X, y = noisy_clusters.train
    xx, yy = probability_grid(X, resolution=40)
    seed_everything(0)
    model = MLP(2, hidden=(8,))
    probs = grid_probabilities(model, xx, yy)
    assert probs.shape == xx.shape and ((probs >= 0) & (probs <= 1)).all()
    fig, ax = plt.subplots()
    try:
        plot = plot_probability_map(ax, xx, yy, probs, X, y)
        assert ax.get_xlabel() and ax.get_ylabel() and ax.get_legend() is not None
        assert plot.image in plot.moving and plot.line in plot.moving and len(plot.moving) == 4
        flipped = 1 - probs.T
        plot.update(flipped)
        assert np.array_equal(plot.image.get_array(), flipped)
        xy = np.column_stack(plot.line.get_data())
        assert np.array_equal(xy, decision_line_xy(xx, yy, flipped), equal_nan=True)
    finally:
        plt.close(fig)


# --- dropout slider -------------------------------------------------------------------------------

@pytest.fixture
def precomputed(noisy_clusters):
    """Small MLPs trained with three dropout probabilities, and their histories."""
    models, histories = {}, {}
    for p in (0.0, 0.25, 0.5):
        seed_everything(0)
        models[p] = MLP(2, hidden=(16, 16), dropout=p)
        histories[p] = fit(models[p], *noisy_clusters.train, val=noisy_clusters.val, lr=0.02, epochs=30)
    return models, histories


def png_pixels(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)))


def test_dropout_slider_swaps_precomputed_models(precomputed, noisy_clusters):
    models, histories = precomputed
    panel = dropout_slider(models, histories, noisy_clusters.train, noisy_clusters.val, p=0.0)
    assert isinstance(panel, ipywidgets.VBox)
    slider = panel.controls["p"]
    assert isinstance(slider, ipywidgets.FloatSlider) and slider.continuous_update is True
    assert (slider.min, slider.max, slider.step, slider.value) == (0.0, 0.5, 0.25, 0.0)
    ax_map, ax_loss = panel.fig.axes[:2]  # then the colour bar
    assert ax_loss.get_yscale() == "log" and ax_loss.yaxis.get_major_formatter()(0.1) == "0.1"  # no 10^-1 labels
    legend = ax_map.get_legend()
    assert legend is not None and legend.get_bbox_to_anchor().y0 < ax_map.get_window_extent().y0  # below the map
    first_text, first_png = panel.status.value, panel.image.value
    val_loss = evaluate(models[0.0], *noisy_clusters.val)[0]
    assert first_text.startswith("dropout p = 0.00:") and f"validation {val_loss:.3f}" in first_text
    best = histories[0.0].best_epoch
    assert f"at epoch {best}" in first_text
    slider.value = 0.5
    assert panel.status.value.startswith("dropout p = 0.50:")
    slider.value = 0.2500000001  # a typed value off the grid shows the nearest precomputed model
    assert panel.status.value.startswith("dropout p = 0.25:")
    slider.value = 0.5
    assert not np.array_equal(png_pixels(panel.image.value), png_pixels(first_png))
    slider.value = 0.0
    assert panel.status.value == first_text
    assert np.array_equal(png_pixels(panel.image.value), png_pixels(first_png))  # no trace left behind


def test_dropout_slider_starts_at_the_smallest_p_by_default(precomputed, noisy_clusters):
    models, histories = precomputed
    panel = dropout_slider(models, histories, noisy_clusters.train, noisy_clusters.val)
    assert panel.controls["p"].value == 0.0


def test_dropout_slider_rejects_inconsistent_input(precomputed, noisy_clusters):
    models, histories = precomputed
    train, val = noisy_clusters.train, noisy_clusters.val
    with pytest.raises(ValueError, match="share the same dropout probabilities"):
        dropout_slider(models, {0.0: histories[0.0]}, train, val)
    with pytest.raises(ValueError, match="share the same dropout probabilities"):
        dropout_slider({}, {}, train, val)
    with pytest.raises(ValueError, match="has no precomputed model; choose one of"):
        dropout_slider(models, histories, train, val, p=0.3)
    with pytest.raises(ValueError, match="needs validation losses"):
        dropout_slider(models, {**histories, 0.5: History(train_loss=[1.0], best_epoch=1)}, train, val)
    with pytest.raises(ValueError, match=r"must lie in \[0, 1\)"):
        dropout_slider({1.0: models[0.0]}, {1.0: histories[0.0]}, train, val)
