"""Notebook 05's exercises: the reference answers pass, typical wrong answers get their own sentence, and the
student edition keeps nothing of the solutions."""
import importlib.util
import json
from pathlib import Path

import nbformat
import numpy as np
import pytest
import torch
from torch import nn

from helpers.device import seed_everything
from helpers.exercises import evaluate, hint, l1

ROOT = Path(__file__).resolve().parents[1]
TEACHER = ROOT / "notebooks" / "05_l1_sparsity.ipynb"
STUDENT = ROOT / "notebooks" / "student" / "05_l1_sparsity.ipynb"
spec = importlib.util.spec_from_file_location("make_student_edition", ROOT / "scripts" / "make_student_edition.py")
make_student_edition = importlib.util.module_from_spec(spec)
spec.loader.exec_module(make_student_edition)

STRENGTHS = 10 ** np.arange(-3, 1.01, 0.125)
L1_STRENGTH = 0.3


def message(id, answer, **context):
    feedback = evaluate(id, answer, **context)
    assert feedback.correct is False, f"{answer!r} was accepted"
    return feedback.message


def make_data(seed):
    """Notebook 05's section 1: 50 rows, 20 features, 3 informative (3, 1.5 and 1, random signs), noise 1."""
    rng = np.random.default_rng(seed)
    informative = np.sort(rng.choice(20, size=3, replace=False))
    true_coef = np.zeros(20)
    true_coef[informative] = rng.permutation([3.0, 1.5, 1.0]) * rng.choice([-1.0, 1.0], size=3)
    X = rng.standard_normal((50, 20))
    y = X @ true_coef + rng.standard_normal(50)
    return informative, true_coef, torch.tensor(X, dtype=torch.float32), torch.tensor(y, dtype=torch.float32)


def l1_path(X, y, strengths, epochs=300):
    """Notebook 05's fit_path for L1: proximal gradient descent from zero for every strength at once, step 1/L."""
    X1 = torch.cat([X, torch.ones(len(X), 1)], 1)
    lr = 1 / (2 * torch.linalg.eigvalsh(X1.T @ X1 / len(X))[-1])
    lam = torch.as_tensor(strengths, dtype=torch.float32)[:, None]
    W, b = torch.zeros(len(lam), X.shape[1]), torch.zeros(len(lam), 1)
    for _ in range(epochs):
        residual = W @ X.T + b - y
        b = b - lr * 2 / len(X) * residual.sum(1, keepdim=True)
        W = W - lr * 2 / len(X) * residual @ X
        W = torch.sign(W) * torch.clamp(W.abs() - lr * lam, min=0)
    return W


def train_proximal(X, y, strength, lr=0.05, epochs=300):
    """Notebook 05's train_proximal: nn.Linear from PyTorch's random start, SGD steps, then the soft threshold."""
    seed_everything(0)
    model = nn.Linear(X.shape[1], 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    for _ in range(epochs):
        optimizer.zero_grad()
        nn.functional.mse_loss(model(X).squeeze(1), y).backward()
        optimizer.step()
        with torch.no_grad():
            model.weight.copy_(torch.sign(model.weight) * torch.clamp(model.weight.abs() - lr * strength, min=0))
    return model.weight.detach()[0]


# --- 05.1 -------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def switch_off_case():
    """Seed 1 of the notebook's data: there the last feature to go is not the one with the largest true weight."""
    torch.set_num_threads(1)
    _, true_coef, X, y = make_data(1)
    context = dict(X=X, y=y, path_l1=l1_path(X, y, STRENGTHS), strengths=STRENGTHS, true_coef=true_coef)
    gradient = -2 / len(y) * X.T @ (y - y.mean())                            # the notebook's solution
    reference = {"strength": gradient.abs().max().item(), "feature": int(gradient.abs().argmax())}
    assert reference["feature"] != int(np.abs(true_coef).argmax()), "seed 1 should show the exception"
    return context, reference


def test_05_1_reference_and_other_right_answers_pass(switch_off_case):
    context, reference = switch_off_case
    assert evaluate("05.1", reference, **context).correct
    rounded = {"strength": round(reference["strength"], 2), "feature": np.int64(reference["feature"])}
    assert evaluate("05.1", rounded, **context).correct
    in_float64 = l1.gradient_at_zero(context["X"], context["y"])                # another method, another precision
    assert evaluate("05.1", {"strength": torch.tensor(in_float64.max()), "feature": torch.tensor(7).fill_(
        int(in_float64.argmax()))}, **context).correct


def test_05_1_typical_wrong_answers(switch_off_case):
    context, reference = switch_off_case
    lam_max, feature, X, y = reference["strength"], reference["feature"], context["X"], context["y"]
    assert "carries the factor 2 of the square" in message("05.1", {"strength": lam_max / 2, "feature": feature},
                                                           **context)
    assert "divided by the number of rows, n = 50" in message(
        "05.1", {"strength": 50 * lam_max, "feature": feature}, **context)
    uncentred = (2 / 50 * X.T @ y).abs().max().item()
    assert "it settles at the mean of y" in message("05.1", {"strength": uncentred, "feature": feature}, **context)
    on = (context["path_l1"] != 0).any(1).numpy()
    last_on, first_off = STRENGTHS[np.flatnonzero(on)[-1]], STRENGTHS[np.flatnonzero(on)[-1] + 1]
    for grid_point in (last_on, first_off):
        assert "that is a point of the grid" in message("05.1", {"strength": grid_point, "feature": feature},
                                                        **context)
    biggest = int(np.abs(context["true_coef"]).argmax())
    assert "L1 sees only these 50 rows" in message("05.1", {"strength": lam_max, "feature": biggest}, **context)
    other = next(j for j in range(20) if j not in (feature, biggest))
    assert f"feature {other} has a data gradient at w = 0 of" in message(
        "05.1", {"strength": lam_max, "feature": other}, **context)
    assert "The answer is larger" in message("05.1", {"strength": 0.8 * lam_max, "feature": feature}, **context)
    assert "already at a smaller strength" in message("05.1", {"strength": 3 * lam_max, "feature": feature},
                                                      **context)
    assert "should be a dict" in message("05.1", (lam_max, feature), **context)
    assert "should be a dict" in message("05.1", {"strength": lam_max, "feature": 2.5}, **context)


# --- 05.2 -------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def twins_case():
    """Seed 6 of the notebook's data, its first informative column duplicated."""
    torch.set_num_threads(1)
    informative, _, X, y = make_data(6)
    column = int(informative[0])
    context = dict(X=X, y=y, column=column, strength=L1_STRENGTH)
    alone = train_proximal(X, y, L1_STRENGTH)[column].item()
    w_twin = train_proximal(torch.cat([X, X[:, [column]]], 1), y, L1_STRENGTH)
    return context, (w_twin[column].item(), w_twin[20].item()), alone


def test_05_2_any_split_of_the_total_passes(twins_case):
    context, pair, alone = twins_case
    assert abs(pair[0] - pair[1]) > 0.05, "from a random start the split should be uneven"
    assert evaluate("05.2", pair, prediction="same", **context).correct
    assert evaluate("05.2", torch.tensor(pair), prediction=" Same", **context).correct
    assert evaluate("05.2", (alone / 2, alone / 2), prediction="same", **context).correct  # from a start at zero
    assert evaluate("05.2", (alone, 0.0), prediction="same", **context).correct           # all on one twin


def test_05_2_typical_wrong_answers(twins_case):
    context, pair, alone = twins_case
    X, y, column = context["X"], context["y"], context["column"]
    X_twin = torch.cat([X, X[:, [column]]], 1)
    assert "twice the" in message("05.2", (alone, alone), prediction="same", **context)
    ridge = l1.lasso(X_twin, y, L1_STRENGTH, l2=True)                              # what weight_decay converges to
    assert abs(ridge[[column, 20]].sum() - alone) > 0.05, "the L2 total should differ from the L1 total here"
    assert "is what L2 (weight_decay" in message("05.2", tuple(ridge[[column, 20]]), prediction="same", **context)
    unpenalized = train_proximal(X_twin, y, 0.0, epochs=2000)
    assert "trained without the L1 penalty" in message("05.2", (unpenalized[column], unpenalized[20]),
                                                       prediction="same", **context)
    assert "your twins hold no weight" in message("05.2", (0.0, 0.0), prediction="same", **context)
    side = np.sign(alone)
    assert "opposite signs" in message("05.2", (alone + 0.5 * side, -0.5 * side), prediction="same", **context)
    assert "the L1 minimum gives them" in message("05.2", (alone, 0.3), prediction="same", **context)
    assert "should hold two numbers" in message("05.2", pair[0], prediction="same", **context)


def test_05_2_prediction_first_and_compared_with_what_happened(twins_case):
    context, pair, _ = twins_case
    assert "record your prediction" in message("05.2", pair, **context)
    assert "should be one of" in message("05.2", pair, prediction="more", **context)
    for guess, why in (("half", "rather than halving the total"), ("double", "the fit would overshoot")):
        feedback = evaluate("05.2", pair, prediction=guess, **context)
        assert feedback.correct and f'you predicted the total would be "{guess}"' in feedback.message
        assert why in feedback.message


# --- 05.3 -------------------------------------------------------------------------------------------------------

def rule_case(val_mse, kept):
    """A path whose rows keep `kept` features, with the validation MSEs `val_mse`, on strengths 0.01, 0.03, ..."""
    strengths = 10 ** np.arange(-2, -2 + 0.5 * len(kept), 0.5)
    path = torch.zeros(len(kept), 20)
    for row, k in enumerate(kept):
        path[row, :k] = 1.0
    return dict(val_mse=torch.tensor(val_mse), path_l1=path, strengths=strengths)


# lowest 0.50 at 0.1; within 5% (<= 0.525): 0.03, 0.1 and 0.3; the fewest features among them: 0.3 (5 features)
CASE = rule_case([1.30, 0.51, 0.50, 0.52, 0.54, 2.0], [20, 12, 8, 5, 3, 0])


def test_05_3_the_rule_passes_ties_too():
    assert evaluate("05.3", CASE["strengths"][3], **CASE).correct
    assert evaluate("05.3", np.float32(CASE["strengths"][3]), **CASE).correct
    tie = rule_case([1.0, 0.50, 0.51, 0.52, 2.0], [20, 6, 4, 4, 0])                  # two strengths keep 4
    assert evaluate("05.3", tie["strengths"][2], **tie).correct and evaluate("05.3", tie["strengths"][3], **tie).correct


def test_05_3_typical_wrong_answers():
    s = CASE["strengths"]
    assert "that is section 5's choice, the lowest validation MSE" in message("05.3", s[2], **CASE)
    assert "another strength within the margin keeps fewer" in message("05.3", s[1], **CASE)
    assert "not val_mse.min() + 0.05" in message("05.3", s[4], **CASE)
    assert "more than the rule's 5%" in message("05.3", s[5], **CASE)
    assert "one of the strengths on the grid" in message("05.3", 0.2, **CASE)
    assert "should be one number" in message("05.3", [s[3]], **CASE)
    weakest = rule_case([1.0, 0.80, 0.82, 1.02, 2.0], [20, 9, 6, 2, 0])             # 1.02: within 5% of 1.0
    assert "within 5% of the *weakest* strength's" in message("05.3", weakest["strengths"][3], **weakest)


# --- 05.quiz ----------------------------------------------------------------------------------------------------

RIGHT = {"q1": "b", "q2": "b", "q3": [0.2, 0.0, -0.4], "q4": "b", "q5": 1 / 8}


def test_quiz_right_answers_pass_in_any_reasonable_form():
    assert evaluate("05.quiz", RIGHT).correct
    assert evaluate("05.quiz", {"q1": "B", "q2": " b", "q3": np.array([0.2, -0.0, -0.4]), "q4": "b",
                                "q5": 0.125}).correct
    assert evaluate("05.quiz", {**RIGHT, "q3": torch.tensor([0.2, 0, -0.4]), "q5": torch.tensor(0.125)}).correct


def test_quiz_says_why_for_each_wrong_or_missing_answer():
    wrong = message("05.quiz", {"q1": "a", "q2": "a", "q3": [0.2, -0.14, -0.6], "q4": "a", "q5": 0.25}).splitlines()
    assert [line.split(":")[0] for line in wrong] == ["q1", "q2", "q3", "q4", "q5"]
    assert "none became exactly zero" in wrong[0] and "more epochs do not change that" in wrong[1]
    assert "adds ηλ to a negative weight" in wrong[2] and "does carry the signal" in wrong[3]
    assert "carries a factor 2" in wrong[4]
    other = message("05.quiz", {"q1": "c", "q2": "c", "q3": [0.2, 0.06, -0.4], "q4": "c", "q5": 8})
    assert "some of them grew" in other and "hover around it" in other and "crossed zero" in other
    assert "changes with the split, not with the number of epochs" in other and "that is L itself" in other
    more = message("05.quiz", {**RIGHT, "q3": [0.3, 0.0, -0.5], "q5": 1.0})
    assert "hard threshold" in more and "for the mean BCE" in more
    assert "L2's proximal step" in message("05.quiz", {**RIGHT, "q3": [0.3 / 1.1, -0.04 / 1.1, -0.5 / 1.1]})
    assert "sets it to exactly 0" in message("05.quiz", {**RIGHT, "q3": [0.2, -0.04, -0.4]})
    missing = message("05.quiz", {"q1": "b"})
    assert "q2: missing" in missing and "q3: missing" in missing and "q5: missing" in missing
    assert "answers should be a dict" in message("05.quiz", ["b", "b"])


def test_every_exercise_has_a_hint(capsys):
    for id in ("05.1", "05.2", "05.3", "05.quiz"):
        hint(id)
    assert capsys.readouterr().out.count("Hint for exercise 05.") == 4


# --- the student edition ----------------------------------------------------------------------------------------

def test_the_student_edition_keeps_no_solution_and_no_prediction():
    student = make_student_edition.student_cells(nbformat.read(TEACHER, as_version=4), TEACHER.name)
    text = json.dumps(student)
    for secret in ('"same"  #', "X_twin", "lam_max", "gradient_at_zero", "within =", "rule_kept", '"q3": [0.2',
                   "1 / (2 * 4)", "L2 gives both the same weight"):
        assert secret not in text, secret
    answers = [c.source.splitlines()[-1] for c in student.cells if "answer" in c.metadata.get("tags", [])]
    assert answers == ["switch_off = ...", "prediction = ...", "pair = ...", "chosen_strength = ...", "answers = ..."]
    prediction_stub = next(c.source for c in student.cells if c.source.endswith("prediction = ..."))
    assert '"same", "half" or "double"' in prediction_stub


def test_the_committed_student_edition_is_current_and_says_not_answered_yet():
    assert not make_student_edition.stale([TEACHER])
    student = nbformat.read(STUDENT, as_version=4)
    checks = [c for c in student.cells if c.cell_type == "code" and c.source.startswith("check(")]
    outputs = ["".join(o.get("text", "") for o in c.outputs) for c in checks]
    assert len(outputs) == 4 and all("Not answered yet." in out for out in outputs), outputs
    assert "Correct." not in json.dumps(student)
