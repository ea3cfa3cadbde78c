"""Notebook 04's exercises: the reference answers pass, typical wrong answers get their own sentence, and the
student edition keeps nothing of the solutions."""
import importlib.util
import json
from pathlib import Path

import nbformat
import numpy as np
import pytest
import torch

from helpers.data import make_curve_points, polynomial_features
from helpers.exercises import evaluate, hint
from helpers.exercises import weight_decay as exercises

ROOT = Path(__file__).resolve().parents[1]
TEACHER = ROOT / "notebooks" / "04_l2_weight_decay.ipynb"
STUDENT = ROOT / "notebooks" / "student" / "04_l2_weight_decay.ipynb"
spec = importlib.util.spec_from_file_location("make_student_edition", ROOT / "scripts" / "make_student_edition.py")
make_student_edition = importlib.util.module_from_spec(spec)
spec.loader.exec_module(make_student_edition)

DEGREE = 11
WEIGHT_DECAYS = [0.0] + (10 ** np.arange(-6, 1.01, 0.5)).tolist()


def message(id, answer, **context):
    feedback = evaluate(id, answer, **context)
    assert feedback.correct is False, f"{answer!r} was accepted"
    return feedback.message


def design(x):
    return torch.cat([polynomial_features(x, DEGREE), torch.ones(len(x), 1)], 1).double()


def closed_form(weight_decay, X, t):
    n = len(t)
    if weight_decay == 0:
        return torch.linalg.solve(X, t)
    return torch.linalg.solve(2 / n * X.T @ X + weight_decay * torch.eye(X.shape[1], dtype=X.dtype), 2 / n * X.T @ t)


def draw_sets(seed, noise=0.2):
    return [(design(x), y.double()) for x, y in (make_curve_points(n=m, noise=noise, seed=seed + j)
                                                 for j, m in enumerate((12, 50, 200)))]


def choose_on_validation(seed, noise=0.2):
    """As the notebook's: the index of the weight_decay chosen on validation, and the validation and test MSE."""
    (X, t), (Xv, tv), (Xt, tt) = draw_sets(seed, noise)
    fits = torch.stack([closed_form(wd, X, t) for wd in WEIGHT_DECAYS])
    val, test = ((fits @ A.T - b).pow(2).mean(-1) for A, b in ((Xv, tv), (Xt, tt)))
    return int(val.argmin()), val, test


# --- 04.1 -------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def fits():
    (X, t), (Xv, tv), _ = draw_sets(0)
    thetas = torch.stack([closed_form(wd, X, t) for wd in WEIGHT_DECAYS])
    context = dict(thetas=thetas, X_train=X, t_train=t, X_val=Xv, t_val=tv)
    return context, (thetas @ X.T - t).pow(2).mean(-1)          # the reference solution: mse(thetas, X, t)


def test_04_1_reference_and_other_right_answers_pass(fits):
    context, reference = fits
    assert evaluate("04.1", reference, prediction="up", **context).correct
    in_float32 = ((context["thetas"].float() @ context["X_train"].float().T - context["t_train"].float()) ** 2).mean(1)
    assert evaluate("04.1", in_float32, prediction=" Up", **context).correct      # the interpolant is off in float32
    assert evaluate("04.1", [round(v, 4) for v in reference.tolist()], prediction="up", **context).correct
    assert evaluate("04.1", reference.numpy()[:, None], prediction="up", **context).correct


def test_04_1_a_missed_prediction_is_right_with_a_remark(fits):
    context, reference = fits
    feedback = evaluate("04.1", reference, prediction="down", **context)
    assert feedback.correct and 'You predicted "down", and the training MSE went up at every step' in feedback.message
    assert "the price of the better validation error" in str(feedback)


@pytest.mark.parametrize("wrong, expected", [
    (lambda c, r: (c["thetas"] @ c["X_val"].T - c["t_val"]).pow(2).mean(-1), "these are the validation errors"),
    (lambda c, r: r.sqrt(), "root mean squared errors"),
    (lambda c, r: 12 * r, "sums of squared errors over the 12 points"),
    (lambda c, r: r.flip(0), "in reverse order"),
    (lambda c, r: r[1:], "should hold 16 numbers"),
    (lambda c, r: r * 1.1, "are not the training MSEs of the closed-form fits"),
])
def test_04_1_typical_wrong_answers(fits, wrong, expected):
    context, reference = fits
    assert expected in message("04.1", wrong(context, reference), prediction="up", **context)


def test_04_1_prediction_first(fits):
    context, reference = fits
    assert "record your prediction" in message("04.1", reference, **context)
    assert "should be one of" in message("04.1", reference, prediction="grows", **context)


# --- 04.2 -------------------------------------------------------------------------------------------------------

SEEDS = [1337 + 10 + 3 * k for k in range(20)]


@pytest.fixture(scope="module")
def draws():
    picks = [choose_on_validation(seed)[0] for seed in SEEDS]
    noisy = sorted(WEIGHT_DECAYS[choose_on_validation(seed, noise=0.4)[0]] for seed in SEEDS)
    context = dict(choose=choose_on_validation, seeds=SEEDS, weight_decays=WEIGHT_DECAYS, picks=picks)
    clean = sorted(WEIGHT_DECAYS[i] for i in picks)
    assert clean[10] < noisy[9], "the small copy should show what the notebook shows"
    return context, noisy, clean


def test_04_2_reference_and_other_medians_pass(draws):
    context, noisy, _ = draws
    for median in (noisy[10], noisy[9], float(np.median(noisy)), float(np.exp(np.median(np.log(noisy)))),
                   torch.tensor(noisy[10]), np.float32(noisy[10])):
        assert evaluate("04.2", median, prediction="up", **context).correct, median


def test_04_2_typical_wrong_answers(draws):
    context, noisy, clean = draws
    assert "that is the median at noise 0.2" in message("04.2", clean[10], prediction="up", **context)
    assert "that is the mean of the 20 choices" in message("04.2", float(np.mean(noisy)), prediction="up", **context)
    index = sorted(choose_on_validation(seed, noise=0.4)[0] for seed in SEEDS)[10]
    assert "a position in WEIGHT_DECAYS" in message("04.2", index, prediction="up", **context)
    assert "is not the median of the 20 choices at noise 0.4" in message("04.2", 3.2, prediction="up", **context)
    assert "should be one number" in message("04.2", noisy, prediction="up", **context)
    assert "record your prediction" in message("04.2", noisy[10], **context)
    down = evaluate("04.2", noisy[10], prediction="down", **context)
    assert down.correct and 'You predicted "down"; the median moved up' in down.message


# --- 04.3 -------------------------------------------------------------------------------------------------------

# a validation curve with a dip at epoch 4, a plateau of 5 epochs, then its lowest value at epoch 11
CURVE = np.array([5.0, 4.0, 3.0, 2.0, 2.1, 2.2, 2.2, 2.3, 2.4, 2.2, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5])


def reference_patience(val, patience):
    """The notebook's solution, as written there."""
    lowest, kept, waited = float("inf"), 0, 0
    for epoch, value in enumerate(val.tolist(), start=1):
        if value < lowest:
            lowest, kept, waited = value, epoch, 0
        else:
            waited += 1
            if waited == patience:
                break
    return epoch, kept


@pytest.mark.parametrize("patience, expected", [(3, (7, 4)), (7, (18, 11)), (20, (18, 11))])
def test_04_3_the_rule_and_the_reference_agree(patience, expected):
    assert exercises.stop_with_patience(CURVE, patience) == expected == reference_patience(CURVE, patience)
    assert evaluate("04.3", expected, val=CURVE, patience=patience).correct


def test_04_3_other_right_answers_pass():
    val = torch.tensor(CURVE)
    assert evaluate("04.3", (8, 4), val=val, patience=3).correct                 # stop when the count exceeds it
    assert evaluate("04.3", [np.int64(7), torch.tensor(4)], val=val, patience=3).correct
    from_zero = evaluate("04.3", (6, 3), val=val, patience=3)
    assert from_zero.correct and "you counted epochs from 0" in from_zero.message


def test_04_3_typical_wrong_answers():
    assert "restores the weights of the epoch with the lowest" in message("04.3", (7, 7), val=CURVE, patience=3)
    assert "the run cannot know" in message("04.3", (4, 4), val=CURVE, patience=3)
    assert "the patience ran out long before the last epoch" in message("04.3", (18, 11), val=CURVE, patience=3)
    assert "has stopped before it gets there" in message("04.3", (7, 11), val=CURVE, patience=3)
    assert "is not what the rule gives with patience 3" in message("04.3", (9, 2), val=CURVE, patience=3)
    assert "should be a pair of two whole epochs" in message("04.3", 7, val=CURVE, patience=3)
    assert "should be a pair of two whole epochs" in message("04.3", (7.5, 4), val=CURVE, patience=3)


# --- 04.quiz ----------------------------------------------------------------------------------------------------

RIGHT = {"q1": "b", "q2": "b", "q3": 1 - 0.5 * 0.1, "q4": "c", "q5": "b"}


def test_quiz_right_answers_pass():
    assert evaluate("04.quiz", RIGHT).correct
    assert evaluate("04.quiz", {"q1": "B", "q2": " b", "q3": 0.95, "q4": "c ", "q5": "b"}).correct


def test_quiz_says_why_for_each_wrong_or_missing_answer():
    wrong = message("04.quiz", {"q1": "a", "q2": "a", "q3": 0.9, "q4": "a", "q5": "a"}).splitlines()
    assert [line.split(":")[0] for line in wrong] == ["q1", "q2", "q3", "q4", "q5"]
    assert "chasing the noise" in wrong[0] and "rose at a step on some draws" in wrong[1]
    assert "multiply weight_decay by the learning rate too" in wrong[2] and "exactly the gradient" in wrong[3]
    assert "its weight norm grows at every epoch" in wrong[4]
    other = message("04.quiz", {"q1": "c", "q2": "c", "q3": 0.05, "q4": "b", "q5": "c"})
    assert "section 3 solves them directly" in other and "sweet spot" in other and "removes" in other
    assert "which Adam then rescales" in other and "adds nothing to the loss" in other
    assert "q3: the step is subtracted" in message("04.quiz", {**RIGHT, "q3": 1.05})
    assert "q3: write the SGD step" in message("04.quiz", {**RIGHT, "q3": 0.5})
    missing = message("04.quiz", {"q1": "b"})
    assert "q2: missing" in missing and "q3: missing" in missing and "q5: missing" in missing
    assert "answers should be a dict" in message("04.quiz", ["b", "b"])


def test_every_exercise_has_a_hint(capsys):
    for id in ("04.1", "04.2", "04.3", "04.quiz"):
        hint(id)
    assert capsys.readouterr().out.count("Hint for exercise 04.") == 4


# --- the student edition ----------------------------------------------------------------------------------------

def test_the_student_edition_keeps_no_solution_and_no_prediction():
    student = make_student_edition.student_cells(nbformat.read(TEACHER, as_version=4), TEACHER.name)
    text = json.dumps(student)
    for secret in ('prediction = \\"up\\"', "noisy_picks", "median_clean", "waited == PATIENCE",
                   '\\"q4\\": \\"c\\"', "1 - 0.5 * 0.1", "price paid for a curve", "kept the weights of epoch"):
        assert secret not in text, secret
    answers = [c.source.splitlines()[-1] for c in student.cells if "answer" in c.metadata.get("tags", [])]
    assert answers == ["prediction = ...", "train_mse = ...", "prediction = ...", "median_noisy = ...",
                       "early = ...", "answers = ..."]
    stubs = [c.source for c in student.cells if c.source.endswith("prediction = ...")]
    assert '"up", "down" or "neither"' in stubs[0] and '"up", "down" or "same"' in stubs[1]


def test_the_committed_student_edition_is_current_and_says_not_answered_yet():
    assert not make_student_edition.stale([TEACHER])
    student = nbformat.read(STUDENT, as_version=4)
    checks = [c for c in student.cells if c.cell_type == "code" and c.source.startswith("check(")]
    outputs = ["".join(o.get("text", "") for o in c.outputs) for c in checks]
    assert len(outputs) == 4 and all("Not answered yet." in out for out in outputs), outputs
    assert "Correct." not in json.dumps(student)
