"""Options are tested for their effect, not only for running: eval mode where dropout makes it matter,
seeds and batch sizes that change a run, a device variable that overrides the automatic pick."""
import pytest
import torch
from torch import nn

from helpers.data import make_two_clusters, split
from helpers.device import DEVICE_VARIABLE, pick_device, seed_everything
from helpers.models import MLP, LogisticRegression, predict_proba
from helpers.train import fit


@pytest.fixture(scope="module")
def parts():
    return split(*make_two_clusters(n=200, separation=1.5, seed=3), seed=3)


def dropout_net_in_train_mode() -> MLP:
    """An MLP whose dropout changes every forward pass unless the model is in eval mode."""
    seed_everything(0)
    model = MLP(2, hidden=(32,), dropout=0.5)
    model.train()
    return model


def test_predict_proba_switches_dropout_off(parts):
    X = parts.val[0]
    model = dropout_net_in_train_mode()
    first, second = predict_proba(model, X), predict_proba(model, X)
    assert torch.equal(first, second), "eval mode: the same probabilities every call"
    with torch.no_grad():
        assert torch.allclose(first, torch.sigmoid(model.eval()(X)))
        noisy = torch.sigmoid(model.train()(X))
    assert not torch.allclose(first, noisy), "in train mode dropout would have changed them"


def test_fit_scores_validation_in_eval_mode(parts):
    model = dropout_net_in_train_mode()
    history = fit(model, *parts.train, val=parts.val, lr=0.01, epochs=5)
    with torch.no_grad():
        expected = nn.functional.binary_cross_entropy_with_logits(model.eval()(parts.val[0]), parts.val[1])
    assert history.val_loss[-1] == pytest.approx(expected.item(), rel=1e-6)


def minibatch_run(parts, seed: int | None, batch_size: int | None) -> list[float]:
    seed_everything(0)  # the same starting weights every time; only fit's own options differ
    model = LogisticRegression(2)
    return fit(model, *parts.train, optimizer="sgd", lr=0.5, epochs=3, batch_size=batch_size, seed=seed).train_loss


def test_fit_seed_picks_the_shuffling_of_minibatches(parts):
    assert minibatch_run(parts, seed=1, batch_size=16) == minibatch_run(parts, seed=1, batch_size=16)
    assert minibatch_run(parts, seed=1, batch_size=16) != minibatch_run(parts, seed=2, batch_size=16)


def test_fit_batch_size_changes_the_run(parts):
    full = minibatch_run(parts, seed=1, batch_size=None)
    assert minibatch_run(parts, seed=1, batch_size=16) != full
    assert minibatch_run(parts, seed=1, batch_size=32) != minibatch_run(parts, seed=1, batch_size=16)
    assert minibatch_run(parts, seed=1, batch_size=len(parts.train[1])) == pytest.approx(full, rel=1e-5)


def test_the_device_variable_overrides_the_automatic_pick(monkeypatch):
    monkeypatch.delenv(DEVICE_VARIABLE, raising=False)
    automatic = pick_device()
    monkeypatch.setenv(DEVICE_VARIABLE, "meta")  # a device torch has everywhere, never picked automatically
    assert automatic.type != "meta" and pick_device() == torch.device("meta")
