"""Notebook 02's exercises: the reference answers pass, typical wrong answers get their own sentence, and the
student edition keeps nothing of the solutions."""
import importlib.util
import json
from argparse import Namespace
from pathlib import Path

import nbformat
import numpy as np
import pytest
import torch
from torch import nn

from helpers.data import make_two_clusters, split
from helpers.device import seed_everything
from helpers.exercises import bce, evaluate, hint
from helpers.models import LogisticRegression
from helpers.plots import bce_and_mse

ROOT = Path(__file__).resolve().parents[1]
TEACHER = ROOT / "notebooks" / "02_bce_loss.ipynb"
STUDENT = ROOT / "notebooks" / "student" / "02_bce_loss.ipynb"
spec = importlib.util.spec_from_file_location("make_student_edition", ROOT / "scripts" / "make_student_edition.py")
make_student_edition = importlib.util.module_from_spec(spec)
spec.loader.exec_module(make_student_edition)


def message(id, answer, **context):
    feedback = evaluate(id, answer, **context)
    assert feedback.correct is False, f"{answer!r} was accepted"
    return feedback.message


# --- 02.1 -------------------------------------------------------------------------------------------------------

def reference_edges() -> dict:
    """The notebook's solution: a grid in steps of 0.1, the first logit off by more than 1%."""
    steps = torch.arange(0, 2001) / 10
    exact = torch.sigmoid(-steps.double()) - 1
    off = ((bce.two_step_gradient(-steps, 1.0) - exact).abs() > 0.01 * exact.abs()).nonzero()
    return {1: -steps[off[0, 0]].item(), 0: steps[torch.sigmoid(steps) == 1.0][0].item()}


def test_02_1_reference_and_other_right_answers_pass():
    edges = reference_edges()
    assert evaluate("02.1", edges, prediction="too small").correct
    assert evaluate("02.1", {1: -27.6, 0: 16.6}, prediction="Too small ").correct     # the last right logits
    assert evaluate("02.1", {1: torch.tensor(-27.64), 0: np.float32(16.64)}, prediction="too small").correct
    assert bce.gradient_outcome() == "too small"


@pytest.mark.parametrize("edges, expected", [
    ({1: -30.0, 0: 16.7}, "edges[1]: at z = -30.00 the two-step gradient is already wrong"),
    ({1: -20.0, 0: 16.7}, "still agrees with the exact one (-1.000) to within 1%: the edge lies at a more negative"),
    ({1: -88.7, 0: 16.7}, "where the float32 sigmoid underflows to 0"),
    ({1: -27.7, 0: 20.0}, "20 is the first row of section 4's table that fails"),
    ({1: -27.7, 0: 10.0}, "the edge lies at a larger logit"),
    ({1: -27.7, 0: 30.0}, "the edge lies at a smaller logit"),
    ({1: 27.7, 0: 16.7}, "y = 1 is confidently wrong at large negative logits"),
    ({1: 16.7, 0: -27.7}, "your two edges are swapped"),
    ((-27.7, 16.7), "should be a dict with the keys 1 and 0"),
])
def test_02_1_wrong_edges_say_what_is_wrong(edges, expected):
    assert expected in message("02.1", edges, prediction="too small")


def test_02_1_prediction_first_and_compared_with_what_happened():
    edges = reference_edges()
    assert "record your prediction" in message("02.1", edges)
    assert "should be one of" in message("02.1", edges, prediction="a bit off")
    zero = message("02.1", edges, prediction="zero")
    assert 'your edges are right, but your prediction "zero"' in zero and "has not rounded to 0" in zero
    assert "divides by p(1 - p) and floors that at 1e-12" in message("02.1", edges, prediction="exact")


# --- 02.2 -------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def section_6():
    """A small copy of notebook 02's section 6: data, the five-step loop, the two starts and the losses."""
    torch.set_num_threads(1)
    data = split(*make_two_clusters(n=300, separation=3.0, seed=0), seed=0)
    (X_train, y_train), (X_val, y_val) = data.train, data.val

    def train(model, loss_fn, args, stop_at=None):
        optimizer = args.optimizer(model.parameters(), lr=args.learning_rate)
        record = Namespace(val_accuracy=[])
        for _ in range(args.num_epochs):
            optimizer.zero_grad()
            loss_fn(model(X_train), y_train).backward()
            optimizer.step()
            with torch.no_grad():
                record.val_accuracy.append(((model(X_val) > 0).float() == y_val).sum().item() / len(y_val))
            if stop_at is not None and record.val_accuracy[-1] >= stop_at:
                break
        return record

    def confidently_wrong_model():
        seed_everything(0)
        model = LogisticRegression(n_features=2)
        with torch.no_grad():
            model.fc1.weight.copy_(torch.tensor([[-3.0, -3.0]]))
            model.fc1.bias.zero_()
        return model

    losses = {"BCE": nn.BCEWithLogitsLoss(), "MSE on p": lambda z, t: ((torch.sigmoid(z) - t) ** 2).mean()}
    args = Namespace(optimizer=torch.optim.SGD, learning_rate=1.0, num_epochs=150)
    goal = 0.85
    sgd_reach = {name: len(train(confidently_wrong_model(), loss, args, stop_at=goal).val_accuracy)
                 for name, loss in losses.items()}
    context = dict(train=train, make_model=confidently_wrong_model, losses=losses, args=args, goal=goal,
                   sgd_reach=sgd_reach)
    adam = Namespace(**{**vars(args), "optimizer": torch.optim.Adam, "learning_rate": 0.1})  # the reference solution
    reference = {name: len(train(confidently_wrong_model(), loss, adam, stop_at=goal).val_accuracy)
                 for name, loss in losses.items()}
    return context, reference


def test_02_2_reference_passes_and_one_epoch_either_way_too(section_6):
    context, reference = section_6
    assert reference["BCE"] < reference["MSE on p"], "the small copy should show what the notebook shows"
    assert evaluate("02.2", reference, prediction="smaller", **context).correct
    off_by_one = {name: n - 1 for name, n in reference.items()}                   # epochs counted from 0
    assert evaluate("02.2", off_by_one, prediction="smaller", **context).correct


def test_02_2_typical_wrong_answers(section_6):
    context, reference = section_6
    assert "gradient descent's counts from section 6" in message("02.2", context["sgd_reach"], prediction="smaller",
                                                                 **context)
    swapped = {"BCE": reference["MSE on p"], "MSE on p": reference["BCE"]}
    assert "your counts are swapped" in message("02.2", swapped, prediction="smaller", **context)
    default_rate = {"BCE": None, "MSE on p": None}                                 # Adam at 0.001 gets nowhere
    assert "at its default 0.001" in message("02.2", default_rate, prediction="smaller", **context)
    assert "not the counts the notebook's loop gives" in message(
        "02.2", {"BCE": 2, "MSE on p": 3}, prediction="smaller", **context)
    assert "should be a dict with the keys" in message("02.2", [31, 42], prediction="smaller", **context)
    assert "record your prediction" in message("02.2", reference, **context)
    larger = message("02.2", reference, prediction="larger", **context)
    assert 'you predicted the gap would be "larger"' in larger and "running size of the gradient" in larger


# --- 02.3 -------------------------------------------------------------------------------------------------------

def test_02_3_reference_and_other_methods_pass():
    grid = bce_and_mse(np.linspace(-10, 10, 200_001), y=1)
    best = np.argmax(np.abs(grid.mse_grad))
    assert evaluate("02.3", (grid.z[best], abs(grid.mse_grad[best]))).correct
    assert evaluate("02.3", (-np.log(2), 8 / 27)).correct                         # derived by hand
    assert evaluate("02.3", [-0.7, -0.296]).correct                               # a coarse grid, the signed gradient


@pytest.mark.parametrize("strongest, expected", [
    ((0.0, 0.25), "at z = 0 (p = 1/2) the push is 2 * (1/2) * (1/2)^2 = 0.25"),
    ((0.693, 0.296), "strongest on the wrong side"),
    ((-1.5, 0.244), "at z = -1.500 the push is 0.244, and elsewhere it is larger"),
    ((-0.693, 0.667), "0.667 is BCE's push there"),
    ((-0.693, 0.148), "brings a factor 2"),
    ((-0.693, 0.5), "your z is right; the push there is"),
    ("-0.693", "should be a pair (z, push)"),
])
def test_02_3_typical_wrong_answers(strongest, expected):
    assert expected in message("02.3", strongest)


# --- 02.quiz ----------------------------------------------------------------------------------------------------

RIGHT = {"q1": 1 / (2 * 0.01 * 0.99), "q2": "b", "q3": "c", "q4": float(-np.log([0.9, 0.5, 0.8]).mean()), "q5": "a"}


def test_quiz_right_answers_pass_rounded_or_not():
    assert evaluate("02.quiz", RIGHT).correct
    assert evaluate("02.quiz", {"q1": 50, "q2": "B", "q3": " c", "q4": 0.341, "q5": "a"}).correct


def test_quiz_says_why_for_each_wrong_or_missing_answer():
    wrong = message("02.quiz", {"q1": 101, "q2": "a", "q3": "a", "q4": 0.148, "q5": "b"}).splitlines()
    assert [line.split(":")[0] for line in wrong] == ["q1", "q2", "q3", "q4", "q5"]
    assert "did you drop it?" in wrong[0] and "the same decision line" in wrong[1]
    assert "confidently wrong start only" in wrong[2] and "not log10" in wrong[3] and "w = (-5, -5)" in wrong[4]
    other = message("02.quiz", {"q1": 0.0198, "q2": "c", "q4": 0.310, "q5": "c"})
    assert "the question asks about BCE" in other and "BCELoss raises no error" in other
    assert "q3: missing" in other and "average the logs" in other and "did reach the goal" in other
    assert "answers should be a dict" in message("02.quiz", ["b", "c"])
    negative = message("02.quiz", {**RIGHT, "q4": -0.341})
    assert negative == "q4: BCE is minus the log of the probability, so it is never negative."


def test_every_exercise_has_a_hint(capsys):
    for id in ("02.1", "02.2", "02.3", "02.quiz"):
        hint(id)
    assert capsys.readouterr().out.count("Hint for exercise 02.") == 4


# --- the student edition ----------------------------------------------------------------------------------------

def test_the_student_edition_keeps_no_solution_and_no_prediction():
    student = make_student_edition.student_cells(nbformat.read(TEACHER, as_version=4), TEACHER.name)
    text = json.dumps(student)
    for secret in ('"too small"  #', '"smaller"  #', "wrong_from_y1", "adam_ratio", "8 / 27", '"q3": "c"',
                   "-0.693", "-27.7", "16.7 upwards"):
        assert secret not in text, secret
    answers = [c.source.splitlines()[-1] for c in student.cells if "answer" in c.metadata.get("tags", [])]
    assert answers == ["prediction = ...", "edges = ...", "prediction = ...", "adam_reach = ...",
                       "strongest = ...", "answers = ..."]
    prediction_stub = next(c.source for c in student.cells if c.source.endswith("prediction = ..."))
    assert '"exact", "zero" or "too small"' in prediction_stub


def test_the_committed_student_edition_is_current_and_says_not_answered_yet():
    assert not make_student_edition.stale([TEACHER])
    student = nbformat.read(STUDENT, as_version=4)
    checks = [c for c in student.cells if c.cell_type == "code" and c.source.startswith("check(")]
    outputs = ["".join(o.get("text", "") for o in c.outputs) for c in checks]
    assert len(outputs) == 4 and all("Not answered yet." in out for out in outputs), outputs
    assert "Correct." not in json.dumps(student)
