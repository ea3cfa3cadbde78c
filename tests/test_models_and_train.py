import warnings

import pytest
import torch

from helpers.device import seed_everything
from helpers.models import LogisticRegression, predict_proba
from helpers.train import History, fit, make_optimizer


def test_logistic_regression_returns_one_logit_per_row():
    model = LogisticRegression(3)
    assert model(torch.zeros(5, 3)).shape == (5,)
    with pytest.raises(ValueError):
        LogisticRegression(0)


def test_predict_proba_is_sigmoid_of_logits_and_leaves_eval_mode(trained, clusters):
    X = clusters.val[0]
    probs = predict_proba(trained, X)
    assert torch.allclose(probs, torch.sigmoid(trained(X)).detach())
    assert not trained.training and ((probs >= 0) & (probs <= 1)).all()


@pytest.mark.parametrize("optimizer", ["sgd", "adagrad", "adam"])
def test_fit_lowers_the_loss_with_every_optimizer(clusters, optimizer):
    seed_everything(0)
    history = fit(LogisticRegression(2), *clusters.train, val=clusters.val, optimizer=optimizer,
                  lr=0.1, epochs=100)
    assert len(history.train_loss) == len(history.val_loss) == 100
    assert history.train_loss[-1] < 0.6 * history.train_loss[0]
    assert not history.diverged and history.best_epoch is not None


def test_fit_runs_the_books_loop_matching_a_hand_written_one(clusters):
    X, y = clusters.train
    seed_everything(0)
    model = LogisticRegression(2)
    reference = LogisticRegression(2)
    reference.load_state_dict(model.state_dict())
    fit(model, X, y, optimizer="sgd", lr=0.1, epochs=5)
    opt = torch.optim.SGD(reference.parameters(), lr=0.1)
    for _ in range(5):
        opt.zero_grad()
        torch.nn.functional.binary_cross_entropy_with_logits(reference(X), y).backward()
        opt.step()
    assert torch.allclose(model.fc1.weight, reference.fc1.weight)


def test_minibatches_are_seeded(clusters):
    def run():
        seed_everything(0)
        model = LogisticRegression(2)
        return fit(model, *clusters.train, batch_size=32, epochs=3, seed=5).train_loss

    assert run() == run()


def test_early_stopping_restores_the_best_weights(clusters):
    seed_everything(0)
    model = LogisticRegression(2)
    history = fit(model, *clusters.train, val=clusters.val, lr=0.5, epochs=2000, patience=10)
    assert history.stopped_early and len(history.val_loss) == history.best_epoch + 10
    restored = torch.nn.functional.binary_cross_entropy_with_logits(model(clusters.val[0]), clusters.val[1])
    assert restored.item() == pytest.approx(min(history.val_loss), rel=1e-5)
    assert "stopped early" in history.status


def test_divergence_is_reported_without_exception_or_warning(clusters):
    X, y = clusters.train
    seed_everything(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        history = fit(LogisticRegression(2), X * 1e30, y, optimizer="sgd", lr=1e30, epochs=50)
    assert history.diverged and history.diverged_at < 50
    assert history.status.startswith(f"diverged at epoch {history.diverged_at}")
    assert len(history.train_loss) == history.diverged_at


def test_history_status_of_a_finished_run():
    history = History(train_loss=[1.0, 0.5], best_epoch=2)
    assert history.status == "finished after 2 epochs; best epoch 2" and not history.diverged


@pytest.mark.parametrize("kwargs, message", [
    (dict(lr=0.0), "learning rate must be a positive"),
    (dict(lr=-0.1), "learning rate must be a positive"),
    (dict(lr=float("nan")), "learning rate must be a positive"),
    (dict(weight_decay=-1e-3), "weight_decay must be zero or positive"),
    (dict(optimizer="rmsprop"), "unknown optimizer"),
    (dict(epochs=0), "epochs must be at least 1"),
    (dict(patience=0), "patience must be at least 1"),
])
def test_fit_rejects_bad_hyperparameters(clusters, kwargs, message):
    with pytest.raises(ValueError, match=message):
        fit(LogisticRegression(2), *clusters.train, **kwargs)


def test_fit_rejects_bad_data(clusters):
    X, y = clusters.train
    with pytest.raises(ValueError, match="binary labels"):
        fit(LogisticRegression(2), X, y * 2)
    with pytest.raises(ValueError, match="must match"):
        fit(LogisticRegression(2), X, y[:-1])
    with pytest.raises(ValueError, match="X_val has 3 features"):
        fit(LogisticRegression(2), X, y, val=(torch.zeros(4, 3), torch.zeros(4)))


def test_make_optimizer_builds_torch_optimizers():
    params = [torch.nn.Parameter(torch.zeros(2))]
    assert isinstance(make_optimizer("adagrad", params, lr=0.1), torch.optim.Adagrad)


def test_fit_regression_uses_mse_and_accepts_real_targets():
    from helpers.models import LinearRegression

    X = torch.linspace(-1, 1, 50).unsqueeze(1)
    y = 3 * X.squeeze(1) - 0.5
    seed_everything(0)
    model = LinearRegression(1)
    history = fit(model, X, y, task="regression", lr=0.1, epochs=300)
    assert history.train_loss[-1] < 1e-3
    assert model.fc1.weight.item() == pytest.approx(3.0, abs=0.05)
    with pytest.raises(ValueError, match="unknown task"):
        fit(model, X, y, task="ranking")
    with pytest.raises(ValueError, match="binary labels"):
        fit(model, X, y)  # real targets are not class labels


def test_logistic_regression_is_a_linear_score():
    from helpers.models import LinearRegression

    assert isinstance(LogisticRegression(2), LinearRegression)


def test_fit_keeps_every_kth_epochs_weights_when_asked(clusters):
    seed_everything(0)
    model = LogisticRegression(2)
    history = fit(model, *clusters.train, lr=0.1, epochs=9, record_every=3)
    assert sorted(history.snapshots) == [3, 6, 9]
    assert torch.equal(history.snapshots[9]["fc1.weight"], model.fc1.weight.detach())
    seed_everything(0)
    shorter = LogisticRegression(2)
    fit(shorter, *clusters.train, lr=0.1, epochs=6)
    assert torch.equal(history.snapshots[6]["fc1.weight"], shorter.fc1.weight.detach())
    assert fit(LogisticRegression(2), *clusters.train, epochs=2).snapshots == {}
    with pytest.raises(ValueError, match="record_every"):
        fit(LogisticRegression(2), *clusters.train, epochs=2, record_every=0)


def _still_model():
    """Data, and a model that a learning rate of 1e-12 leaves exactly where it starts (in float32)."""
    seed_everything(0)
    X = torch.randn(50, 2)
    return X, (X[:, 0] > 0).float(), LogisticRegression(2)


def test_an_epochs_training_loss_is_the_mean_over_every_example_whatever_the_batches():
    X, y, model = _still_model()
    with torch.no_grad():
        full = torch.nn.functional.binary_cross_entropy_with_logits(model(X), y).item()
    history = fit(model, X, y, optimizer="sgd", lr=1e-12, epochs=1, batch_size=16, seed=0)  # 16 + 16 + 16 + 2
    assert history.train_loss == [pytest.approx(full, rel=1e-6)]


@pytest.mark.parametrize("patience", [1, 3])
def test_a_tie_is_no_improvement_and_patience_counts_the_epochs_after_the_best(patience):
    X, y, model = _still_model()
    history = fit(model, X, y, val=(X, y), optimizer="sgd", lr=1e-12, epochs=20, patience=patience)
    assert history.val_loss == [history.val_loss[0]] * (1 + patience), "the same loss every epoch"
    assert history.best_epoch == 1 and history.stopped_early
