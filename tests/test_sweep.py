import math
import warnings

import pytest
import torch
import torch.nn.functional as F

from helpers.data import make_two_clusters, split
from helpers.device import seed_everything
from helpers.models import LogisticRegression
from helpers.sweep import SweepResult, initial_parameters, sweep
from helpers.train import OPTIMIZERS, fit

EPOCHS = 100


@pytest.fixture(autouse=True, scope="module")
def one_thread():
    """Tiny tensors: a second intra-op thread only adds synchronisation (4x slower on a busy 2-core box)."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.fixture(scope="module")
def classification():
    parts = split(*make_two_clusters(n=200, separation=2.0, seed=0), seed=0)
    return parts.train, parts.val


@pytest.fixture(scope="module")
def regression():
    g = torch.Generator().manual_seed(0)
    X = torch.randn(120, 3, generator=g)
    y = X @ torch.tensor([1.5, -2.0, 0.5]) + 0.3 + 0.1 * torch.randn(120, generator=g)
    return (X[:80], y[:80]), (X[80:], y[80:])


def reference_run(train, val, task, optimizer, lr, weight_decay, l1, seed, epochs=EPOCHS):
    """One configuration the plain way: torch.optim, autograd, the five-step loop, L1 added to the loss."""
    (X, y), (X_val, y_val) = train, val
    loss_fn = F.binary_cross_entropy_with_logits if task == "classification" else F.mse_loss
    seed_everything(seed)
    model = LogisticRegression(X.shape[1])
    opt = OPTIMIZERS[optimizer](model.parameters(), lr=lr, weight_decay=weight_decay)
    train_loss, val_loss, diverged_at = [math.nan] * epochs, [math.nan] * epochs, 0
    last = (model.fc1.weight[0].detach().clone(), model.fc1.bias[0].detach().clone())
    for epoch in range(1, epochs + 1):
        opt.zero_grad()
        data_loss = loss_fn(model(X), y)
        if not math.isfinite(data_loss.item()):
            diverged_at = epoch
            break
        (data_loss + l1 * model.fc1.weight.abs().sum()).backward()
        opt.step()
        with torch.no_grad():
            v = loss_fn(model(X_val), y_val).item()
        if not math.isfinite(v):
            diverged_at = epoch
            break
        train_loss[epoch - 1], val_loss[epoch - 1] = data_loss.item(), v
        if torch.isfinite(model.fc1.weight).all() and torch.isfinite(model.fc1.bias).all():
            last = (model.fc1.weight[0].detach().clone(), model.fc1.bias[0].detach().clone())
    return torch.tensor(train_loss), torch.tensor(val_loss), diverged_at, *last


GRIDS = {  # the regression grid's SGD rate 3.0 diverges within a few dozen epochs; seeds vary in other tests
    "classification": dict(lrs=(0.01, 0.5), weight_decays=(0.0, 0.05), l1s=(0.0, 0.02), seeds=(2,)),
    "regression": dict(lrs=(0.01, 0.2, 3.0), weight_decays=(0.0, 0.05), l1s=(0.0, 0.02), seeds=(2,)),
}


@pytest.mark.parametrize("task", ["classification", "regression"])
@pytest.mark.parametrize("optimizer", ["sgd", "adagrad", "adam"])
def test_each_configuration_equals_a_one_at_a_time_torch_optim_run(task, optimizer, classification, regression):
    train, val = classification if task == "classification" else regression
    grid = GRIDS[task]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = sweep(*train, val=val, task=task, optimizer=optimizer, epochs=EPOCHS, **grid)
    assert len(result) == math.prod(len(v) for v in grid.values())
    assert result.train_loss.shape == result.val_loss.shape == (len(result), EPOCHS)
    assert result.weight.device.type == "cpu" and result.weight.shape == (len(result), train[0].shape[1])
    for i in range(len(result)):
        train_loss, val_loss, diverged_at, w, b = reference_run(
            train, val, task, optimizer, result.lrs[i].item(), result.weight_decays[i].item(),
            result.l1s[i].item(), int(result.seeds[i]))
        assert int(result.diverged_at[i]) == diverged_at
        torch.testing.assert_close(result.train_loss[i], train_loss, rtol=1e-5, atol=1e-5, equal_nan=True)
        torch.testing.assert_close(result.val_loss[i], val_loss, rtol=1e-5, atol=1e-5, equal_nan=True)
        # A run that blows up (weights past 1e3, still finite) multiplies rounding differences every epoch: the
        # two agree to 1e-5 on this CPU, to about 1e-5 (1.1e-5 seen) under torch's non-vectorized kernels.
        rtol = 1e-5 if w.abs().max() < 1e3 else 1e-4
        torch.testing.assert_close(result.weight[i], w, rtol=rtol, atol=1e-5)
        torch.testing.assert_close(result.bias[i], b, rtol=rtol, atol=1e-5)
    diverged = result.diverged_at > 0
    if task == "regression" and optimizer == "sgd":
        assert diverged.any() and (result.lrs[diverged] == 3.0).all() and (result.diverged_at[diverged] < 60).all()
        assert torch.isfinite(result.weight).all()  # the last finite weights, not NaN
    assert torch.isfinite(result.train_loss[~diverged]).all()


def test_a_diverging_configuration_leaves_the_others_unchanged(regression):
    train, val = regression
    calm = sweep(*train, val=val, task="regression", optimizer="sgd", lrs=(0.01, 0.2), seeds=(0, 1), epochs=EPOCHS)
    mixed = sweep(*train, val=val, task="regression", optimizer="sgd", lrs=(0.01, 0.2, 3.0), seeds=(0, 1),
                  epochs=EPOCHS)
    assert (mixed.diverged_at[:4] == 0).all() and (mixed.diverged_at[4:] > 0).all()
    for name in ("train_loss", "val_loss", "weight", "bias"):
        torch.testing.assert_close(getattr(mixed, name)[:4], getattr(calm, name), rtol=1e-6, atol=1e-7)
    d = int(mixed.diverged_at[4])
    assert torch.isfinite(mixed.train_loss[4, : d - 1]).all() and mixed.train_loss[4, d - 1:].isnan().all()


@pytest.mark.parametrize("optimizer", ["sgd", "adagrad", "adam"])
def test_a_loss_infinite_from_the_start_diverges_at_epoch_1_and_keeps_the_initial_weights(optimizer, regression):
    (X, y), _ = regression
    result = sweep(X * 1e30, y, task="regression", optimizer=optimizer, lrs=(0.1,), seeds=(3,), epochs=5)
    w0, b0 = initial_parameters(3, 3)
    assert result.diverged_at.tolist() == [1] and result.train_loss.isnan().all()
    assert torch.equal(result.weight[0], w0) and torch.equal(result.bias[0], b0)
    assert result.val_loss.shape == (1, 0)
    assert result.history(0).status.startswith("diverged at epoch 1")


def test_initial_parameters_are_those_of_a_seeded_model_and_leave_the_global_rng_alone():
    seed_everything(5)
    model = LogisticRegression(4)
    torch.manual_seed(123)
    expected_next = torch.rand(1)
    torch.manual_seed(123)
    w, b = initial_parameters(4, 5)
    assert torch.equal(w, model.fc1.weight[0].detach()) and torch.equal(b, model.fc1.bias[0].detach())
    assert torch.equal(torch.rand(1), expected_next)


def test_initial_loss_is_the_loss_of_the_starting_weights(classification):
    train, val = classification
    result = sweep(*train, val=val, optimizer="sgd", lrs=(0.01, 1.0), seeds=(3, 4), epochs=5)
    for i, seed in enumerate(result.seeds.tolist()):
        w, b = initial_parameters(2, seed)
        expected = F.binary_cross_entropy_with_logits(val[0] @ w + b, val[1])
        assert result.initial_loss("val")[i].item() == pytest.approx(expected.item(), rel=1e-6)
        assert result.initial_loss("train")[i] == result.train_loss[i, 0]
    with pytest.raises(ValueError, match="without a validation set"):
        sweep(*train, optimizer="sgd", epochs=2).initial_loss("val")
    with pytest.raises(ValueError, match="'val' or 'train'"):
        result.initial_loss("test")


def test_grid_order_is_lr_then_weight_decay_then_l1_then_seed(regression):
    result = sweep(*regression[0], task="regression", optimizer="sgd", lrs=(0.01, 0.02), weight_decays=(0.0, 0.1),
                   l1s=(0.0, 0.3), seeds=(7, 8), epochs=2)
    assert result.lrs.tolist() == pytest.approx([0.01] * 8 + [0.02] * 8)
    assert result.weight_decays.tolist() == pytest.approx(([0.0] * 4 + [0.1] * 4) * 2)
    assert result.l1s.tolist() == pytest.approx(([0.0] * 2 + [0.3] * 2) * 4)
    assert result.seeds.tolist() == [7, 8] * 8


def test_history_matches_fit_for_the_same_configuration(classification):
    train, val = classification
    result = sweep(*train, val=val, optimizer="adam", lrs=(0.001, 0.05), seeds=(0, 1), epochs=60)
    i = result.index(lr=0.05, seed=1)
    seed_everything(1)
    expected = fit(LogisticRegression(2), *train, val=val, optimizer="adam", lr=0.05, epochs=60)
    history = result.history(i)
    assert history.train_loss == pytest.approx(expected.train_loss, rel=1e-5)
    assert history.val_loss == pytest.approx(expected.val_loss, rel=1e-5)
    assert history.best_epoch == expected.best_epoch and not history.diverged
    assert history.status == expected.status


def test_history_of_a_diverged_configuration_stops_at_divergence(regression):
    result = sweep(*regression[0], val=regression[1], task="regression", optimizer="sgd", lrs=(0.2, 3.0),
                   epochs=EPOCHS)
    history = result.history(result.index(lr=3.0))
    assert history.diverged and len(history.train_loss) == history.diverged_at == int(result.diverged_at[1])
    assert history.status.startswith(f"diverged at epoch {history.diverged_at}")
    assert history.best_epoch is not None and history.best_epoch < history.diverged_at
    with pytest.raises(ValueError, match="there is no configuration 2"):
        result.history(2)


def test_index_finds_the_nearest_configuration_and_refuses_guesses(regression):
    result = sweep(*regression[0], task="regression", optimizer="sgd", lrs=(0.01, 0.1), seeds=(0, 1), epochs=2)
    assert isinstance(result, SweepResult)
    assert result.index(lr=0.1, seed=1) == 3
    assert result.index(lr=0.1 * (1 + 1e-7), seed=0, weight_decay=0.0, l1=0) == 2  # a slider's rounding
    with pytest.raises(ValueError, match="lr=0.05 is not in this sweep"):
        result.index(lr=0.05, seed=0)
    with pytest.raises(ValueError, match="seed=2 is not in this sweep"):
        result.index(lr=0.1, seed=2)
    with pytest.raises(ValueError, match="match 2 configurations"):
        result.index(lr=0.1)


def test_single_values_numpy_and_tensor_grids_are_accepted(regression):
    import numpy as np

    result = sweep(*regression[0], task="regression", optimizer="adam", lrs=np.float32(0.1),
                   weight_decays=torch.tensor([0.0, 0.01]), seeds=np.array([0]), epochs=3)
    assert len(result) == 2 and result.lrs.tolist() == pytest.approx([0.1, 0.1])


@pytest.mark.parametrize("kwargs, message", [
    (dict(lrs=(0.1, 0.0)), "learning rate must be a positive"),
    (dict(lrs=(-1.0,)), "learning rate must be a positive"),
    (dict(lrs=()), "lrs is empty"),
    (dict(weight_decays=(-0.1,)), "weight_decay must be zero or positive"),
    (dict(l1s=(-0.1,)), "L1 strength must be zero or positive"),
    (dict(l1s=(float("nan"),)), "L1 strength must be zero or positive"),
    (dict(seeds=(0.5,)), "seed must be a whole number"),
    (dict(optimizer="rmsprop"), "unknown optimizer"),
    (dict(task="ranking"), "unknown task"),
    (dict(epochs=0), "epochs must be at least 1"),
])
def test_bad_hyperparameters_are_refused_with_a_sentence(classification, kwargs, message):
    with pytest.raises(ValueError, match=message):
        sweep(*classification[0], **kwargs)


def test_bad_data_is_refused_with_a_sentence(classification, regression):
    (X, y), (X_val, y_val) = classification
    with pytest.raises(ValueError, match="binary labels"):
        sweep(X, y * 2)
    with pytest.raises(ValueError, match="must match"):
        sweep(X, y[:-1])
    with pytest.raises(ValueError, match="NaN or infinite"):
        sweep(torch.where(X > 2, float("nan"), X), y)
    with pytest.raises(ValueError, match="X_val has 3 features"):
        sweep(X, y, val=(torch.zeros(4, 3), torch.zeros(4)))
    (Xr, yr), _ = regression
    with pytest.raises(ValueError, match="y contains NaN"):
        sweep(Xr, torch.where(yr > 1, float("nan"), yr), task="regression")
    with pytest.raises(ValueError, match="y_val has 3 targets"):
        sweep(Xr, yr, val=(Xr[:4], yr[:3]), task="regression")


def test_a_recorded_sweep_keeps_every_kth_epochs_parameters(regression):
    full = sweep(*regression[0], task="regression", optimizer="adam", lrs=(0.01, 3.0), epochs=12, record_every=4)
    assert full.trajectory.shape == (2, 3, 4) and full.record_every == 4
    for epochs in (4, 8, 12):
        short = sweep(*regression[0], task="regression", optimizer="adam", lrs=(0.01, 3.0), epochs=epochs)
        w, b = full.parameters_at(0, epochs)
        assert torch.equal(w, short.weight[0]) and torch.equal(b, short.bias[0])
    assert torch.equal(full.parameters_at(1, 12)[0], full.weight[1])
    with pytest.raises(ValueError, match="was not recorded"):
        full.parameters_at(0, 6)
    with pytest.raises(ValueError, match="only the final parameters"):
        sweep(*regression[0], task="regression", epochs=2).parameters_at(0, 2)
    with pytest.raises(ValueError, match="record_every must be"):
        sweep(*regression[0], task="regression", epochs=2, record_every=3)


@pytest.mark.parametrize("task", ["classification", "regression"])
def test_sgd_with_momentum_equals_torch_optim_sgd_with_momentum(task, classification, regression):
    (X, y), (X_val, y_val) = classification if task == "classification" else regression
    loss_fn = F.binary_cross_entropy_with_logits if task == "classification" else F.mse_loss
    result = sweep(X, y, val=(X_val, y_val), task=task, optimizer="sgd", momentum=0.9, lrs=(0.01, 0.1),
                   weight_decays=(0.0, 0.05), seeds=(4,), epochs=EPOCHS)
    for i in range(len(result)):
        seed_everything(4)
        model = LogisticRegression(X.shape[1])
        opt = torch.optim.SGD(model.parameters(), lr=result.lrs[i].item(), momentum=0.9,
                              weight_decay=result.weight_decays[i].item())
        val_loss = []
        for _ in range(EPOCHS):
            opt.zero_grad()
            loss_fn(model(X), y).backward()
            opt.step()
            with torch.no_grad():
                val_loss.append(loss_fn(model(X_val), y_val).item())
        torch.testing.assert_close(result.val_loss[i], torch.tensor(val_loss), rtol=1e-5, atol=1e-5)
        torch.testing.assert_close(result.weight[i], model.fc1.weight[0].detach(), rtol=1e-5, atol=1e-5)
    plain = sweep(X, y, val=(X_val, y_val), task=task, optimizer="sgd", lrs=(0.01, 0.1),
                  weight_decays=(0.0, 0.05), seeds=(4,), epochs=EPOCHS)
    assert not torch.allclose(plain.weight, result.weight), "momentum must change the run"


def test_a_chosen_start_replaces_every_seeds_initial_weights(classification):
    (X, y), (X_val, y_val) = classification
    result = sweep(X, y, val=(X_val, y_val), optimizer="sgd", lrs=(0.1, 1.0), seeds=(0, 1), epochs=3,
                   record_every=1, start=(0.5, -1.0, 2.0))
    start = torch.tensor([0.5, -1.0, 2.0])
    expected = F.binary_cross_entropy_with_logits(X_val @ start[:2] + start[2], y_val)
    torch.testing.assert_close(result.initial_val_loss, expected.expand(4), rtol=1e-6, atol=1e-7)
    model = LogisticRegression(2)
    with torch.no_grad():
        model.fc1.weight.copy_(start[:2][None])
        model.fc1.bias.fill_(2.0)
    F.binary_cross_entropy_with_logits(model(X), y).backward()
    first_step = start - 0.1 * torch.cat([model.fc1.weight.grad[0], model.fc1.bias.grad])
    torch.testing.assert_close(result.trajectory[0, 0], first_step, rtol=1e-6, atol=1e-6)
    assert torch.equal(result.trajectory[0], result.trajectory[1])  # the seeds no longer matter


@pytest.mark.parametrize("kwargs, message", [
    (dict(optimizer="adam", momentum=0.9), "momentum is an option of SGD"),
    (dict(optimizer="sgd", momentum=1.0), "momentum must be a number from 0"),
    (dict(optimizer="sgd", momentum=-0.1), "momentum must be a number from 0"),
    (dict(start=(1.0, 2.0)), "start must hold 3 finite numbers"),
    (dict(start=(1.0, float("nan"), 0.0)), "start must hold 3 finite numbers"),
])
def test_bad_momentum_or_start_is_refused_with_a_sentence(classification, kwargs, message):
    with pytest.raises(ValueError, match=message):
        sweep(*classification[0], epochs=2, **kwargs)
