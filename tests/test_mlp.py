"""The MLP, its dropout layer (checked against nn.Dropout), evaluate, the probability map, the dropout slider and
the dropout player (training played back epoch by epoch)."""
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
from helpers.models import MLP, Dropout, LogisticRegression, check_dropout, evaluate
from helpers.plots import (
    count_islands,
    decision_line_pieces,
    decision_line_xy,
    grid_probabilities,
    plot_probability_map,
    probability_frames,
    probability_grid,
)
from helpers.train import History, fit
from helpers.widgets import dropout_player, dropout_slider


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


def test_probability_map_swaps_image_and_line_in_place(noisy_clusters, figure_snapshot):
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
    figure_snapshot(fig)


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


def test_dropout_slider_swaps_precomputed_models(precomputed, noisy_clusters, figure_snapshot):
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
    figure_snapshot(panel.fig)


def test_dropout_slider_starts_at_the_smallest_p_by_default(precomputed, noisy_clusters, figure_snapshot):
    models, histories = precomputed
    panel = dropout_slider(models, histories, noisy_clusters.train, noisy_clusters.val)
    assert panel.controls["p"].value == 0.0
    figure_snapshot(panel.fig)


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


# --- decision-line pieces and islands ---------------------------------------------------------------

def test_decision_line_pieces_and_islands():
    xx, yy = np.meshgrid(np.linspace(-2, 2, 81), np.linspace(-2, 2, 81))
    circle = 1 / (1 + np.exp(-(1 - xx ** 2 - yy ** 2) * 4))       # p = 0.5 on the unit circle: one island
    two_lines = 1 / (1 + np.exp(-(np.abs(xx) - 1) * 4))          # p = 0.5 on x = -1 and x = 1: no island
    line_and_island = np.where(np.hypot(xx - 1, yy - 1) < 0.4, 0.0, 1 / (1 + np.exp(-4 * xx)))
    for probs, pieces, islands in ((circle, 1, 1), (two_lines, 2, 0), (line_and_island, 2, 1),
                                   (np.zeros_like(xx), 0, 0)):
        xy = decision_line_xy(xx, yy, probs)
        found = decision_line_pieces(xy)
        assert len(found) == pieces and count_islands(xy) == islands
        assert all(not np.isnan(piece).any() for piece in found)
        assert sum(len(piece) for piece in found) == int((~np.isnan(xy[:, 0])).sum())


def test_probability_map_can_leave_out_its_colour_bar_and_legend(noisy_clusters, figure_snapshot):
    X, y = noisy_clusters.train
    xx, yy = probability_grid(X, resolution=20)
    fig, ax = plt.subplots()
    try:
        plot_probability_map(ax, xx, yy, np.full(xx.shape, 0.3), X, y, colorbar=False, legend=False)
        assert ax.get_legend() is None and len(fig.axes) == 1
    finally:
        plt.close(fig)
    figure_snapshot(fig)


# --- training played back -------------------------------------------------------------------------

EPOCHS = 12


@pytest.fixture
def recorded(noisy_clusters):
    """Two small MLPs, without and with dropout, recorded every epoch; their maps on a coarse mesh."""
    histories, models = {}, {}
    for p in (0.0, 0.5):
        seed_everything(0)
        models[p] = MLP(2, hidden=(16, 16), dropout=p).double()
        histories[p] = fit(models[p], *noisy_clusters.train, val=noisy_clusters.val, lr=0.05, epochs=EPOCHS,
                           record_every=1)
    xx, yy = probability_grid(noisy_clusters.train[0], resolution=30)
    frames = {p: probability_frames(models[p], histories[p], xx, yy) for p in models}
    return models, histories, frames, (xx, yy)


def test_probability_frames_are_the_maps_of_the_recorded_weights(recorded):
    models, histories, frames, (xx, yy) = recorded
    before = {k: v.clone() for k, v in models[0.5].state_dict().items()}
    assert list(frames[0.5]) == list(range(1, EPOCHS + 1))
    for epoch in (1, 7, EPOCHS):
        replay = MLP(2, hidden=(16, 16), dropout=0.5).double()
        replay.load_state_dict(histories[0.5].snapshots[epoch])
        assert np.allclose(frames[0.5][epoch], grid_probabilities(replay, xx, yy), atol=1e-5)  # float32 maps
        assert frames[0.5][epoch].shape == xx.shape and frames[0.5][epoch].dtype == np.float32
    assert all(torch.equal(v, before[k]) for k, v in models[0.5].state_dict().items()), "the model is not touched"
    assert not np.allclose(frames[0.0][1], frames[0.0][EPOCHS]), "training moved the map"


def test_probability_frames_needs_a_recorded_mlp(recorded):
    models, histories, _, (xx, yy) = recorded
    with pytest.raises(ValueError, match="no recorded weights"):
        probability_frames(models[0.0], History(train_loss=[1.0]), xx, yy)
    with pytest.raises(ValueError, match="plays back a helpers.models.MLP"):
        probability_frames(LogisticRegression(2), histories[0.0], xx, yy)



@pytest.mark.parametrize("epoch", [1, 5, EPOCHS])
def test_dropout_player_draws_the_recorded_epoch(recorded, noisy_clusters, epoch, figure_snapshot):
    _, histories, frames, grid = recorded
    panel = dropout_player(histories, frames, grid, noisy_clusters.train)
    slider = panel.controls["epoch"]
    [play] = [w for w in panel.children[0].children if isinstance(w, ipywidgets.Play)]
    assert (slider.min, slider.max, slider.step, slider.value) == (1, EPOCHS, 1, EPOCHS)  # starts at the end
    assert (play.min, play.max, play.step) == (1, EPOCHS, 1)
    slider.value = epoch
    map_0, map_5, ax_loss = (ax for ax in panel.fig.axes if ax.get_label() != "<colorbar>")
    status = panel.status.value
    assert status.startswith(f"epoch {epoch} of {EPOCHS}: no dropout:")
    assert ax_loss.get_title() == f"epoch {epoch} of {EPOCHS}"
    for ax, p, name in ((map_0, 0.0, "no dropout"), (map_5, 0.5, "dropout p = 0.5")):
        history = histories[p]
        assert np.array_equal(ax.images[0].get_array(), frames[p][epoch])
        [line] = ax.get_lines()
        xy = decision_line_xy(*grid, frames[p][epoch])
        assert np.array_equal(np.column_stack(line.get_data()), xy, equal_nan=True)
        part = status[status.index(name + ":"):]
        assert part.startswith(f"{name}: training loss {history.train_loss[epoch - 1]:.3f}, "
                               f"validation {history.val_loss[epoch - 1]:.3f}, {count_islands(xy)} island")
        grown = [ln for ln in ax_loss.get_lines() if len(ln.get_xdata()) == epoch]
        if epoch > 1:  # the training and validation curves drawn up to this epoch, not beyond
            assert any(np.array_equal(ln.get_ydata(), history.train_loss[:epoch]) for ln in grown)
            assert any(np.array_equal(ln.get_ydata(), history.val_loss[:epoch]) for ln in grown)
        points = {(float(ln.get_xdata()[0]), float(ln.get_ydata()[0])) for ln in ax_loss.get_lines()
                  if len(ln.get_xdata()) == 1 and ln.get_linestyle() == "None"}
        best = int(np.argmin(history.val_loss[:epoch])) + 1
        assert (epoch, history.val_loss[epoch - 1]) in points, "a marker at this epoch's validation loss"
        assert (best, history.val_loss[best - 1]) in points, "a ring at the lowest validation loss so far"
    assert any(list(ln.get_xdata()) == [epoch, epoch] for ln in ax_loss.get_lines()), "the epoch marker"
    figure_snapshot(panel.fig)


def test_dropout_player_steps_over_the_recorded_epochs(noisy_clusters, figure_snapshot):
    histories, frames = {}, {}
    xx, yy = probability_grid(noisy_clusters.train[0], resolution=20)
    for p in (0.0, 0.25):
        seed_everything(1)
        model = MLP(2, hidden=(8,), dropout=p)
        histories[p] = fit(model, *noisy_clusters.train, val=noisy_clusters.val, lr=0.05, epochs=9, record_every=3)
        frames[p] = probability_frames(model, histories[p], xx, yy)
    panel = dropout_player(histories, frames, (xx, yy), noisy_clusters.train, epoch=3)
    slider = panel.controls["epoch"]
    assert (slider.min, slider.max, slider.step, slider.value) == (3, 9, 3, 3)
    assert panel.status.value.startswith("epoch 3 of 9: no dropout:") and "dropout p = 0.25:" in panel.status.value
    slider.value = 6
    assert panel.status.value.startswith("epoch 6 of 9:")
    assert np.array_equal(panel.fig.axes[1].images[0].get_array(), frames[0.25][6])
    figure_snapshot(panel.fig)


def test_dropout_player_rejects_inconsistent_input(recorded, noisy_clusters):
    _, histories, frames, grid = recorded
    train = noisy_clusters.train
    with pytest.raises(ValueError, match="give two dropout probabilities"):
        dropout_player({0.0: histories[0.0]}, {0.0: frames[0.0]}, grid, train)
    with pytest.raises(ValueError, match="give two dropout probabilities"):
        dropout_player(histories, {0.0: frames[0.0], 0.25: frames[0.5]}, grid, train)
    with pytest.raises(ValueError, match="evenly spaced epochs"):
        dropout_player(histories, {0.0: frames[0.0], 0.5: {e: frames[0.5][e] for e in (1, 2, 4)}}, grid, train)
    short = History(train_loss=[1.0] * 3, val_loss=[1.0] * 3, best_epoch=1)
    with pytest.raises(ValueError, match=f"losses up to epoch {EPOCHS}"):
        dropout_player({0.0: histories[0.0], 0.5: short}, frames, grid, train)
    with pytest.raises(ValueError, match="the starting epoch must be one of the recorded epochs"):
        dropout_player(histories, frames, grid, train, epoch=EPOCHS + 1)
    with pytest.raises(ValueError, match=r"must lie in \[0, 1\)"):
        dropout_player({0.0: histories[0.0], 1.0: histories[0.5]}, frames, grid, train)
