"""Notebook 06's exercises: the reference answers pass, typical wrong answers get their own sentence, and the
student edition keeps nothing of the solutions."""
import importlib.util
import json
from pathlib import Path

import nbformat
import numpy as np
import pytest
import torch

from helpers.data import make_moons, split
from helpers.device import seed_everything
from helpers.exercises import dropout, evaluate, hint
from helpers.models import MLP
from helpers.models import evaluate as score
from helpers.train import History, fit

ROOT = Path(__file__).resolve().parents[1]
TEACHER = ROOT / "notebooks" / "06_dropout.ipynb"
STUDENT = ROOT / "notebooks" / "student" / "06_dropout.ipynb"
spec = importlib.util.spec_from_file_location("make_student_edition", ROOT / "scripts" / "make_student_edition.py")
make_student_edition = importlib.util.module_from_spec(spec)
spec.loader.exec_module(make_student_edition)


def message(id, answer, **context):
    feedback = evaluate(id, answer, **context)
    assert feedback.correct is False, f"{answer!r} was accepted"
    return feedback.message


def remark(id, answer, **context):
    feedback = evaluate(id, answer, **context)
    assert feedback.correct is True and feedback.message, f"{answer!r}: expected a right answer with a remark"
    return feedback.message


# --- 06.1 -------------------------------------------------------------------------------------------------------

GAP = {0.0: 0.667, 0.25: 0.288, 0.5: 0.138, 0.75: 0.088}       # section 5's table, seed 1337
BEST_VAL = {0.0: 0.313, 0.25: 0.292, 0.5: 0.282, 0.75: 0.326}
SECTION_5 = dict(gap=GAP, best_val=BEST_VAL)


def test_06_1_reference_and_other_right_answers_pass():
    reference = min(GAP, key=lambda p: GAP[p])
    assert evaluate("06.1", reference, prediction="no", **SECTION_5).correct
    assert evaluate("06.1", reference, prediction="no", **SECTION_5).message == ""
    assert evaluate("06.1", np.float64(0.75), prediction=" No", **SECTION_5).correct
    assert evaluate("06.1", torch.tensor(0.75), prediction="no", **SECTION_5).correct


@pytest.mark.parametrize("answer, expected", [
    (0.0, "p = 0 has the largest gap (0.667)"),
    (0.5, "p = 0.5 has the lowest validation loss at its best epoch (0.282), but its gap"),
    (0.25, "the gap of p = 0.25 is 0.288, but another p has a smaller one"),
    (0.088, "that is a gap, not a dropout probability"),
    (0.3, "should be one of the dropout probabilities of section 5 (0, 0.25, 0.5, 0.75)"),
    ("0.75", "should be one dropout probability"),
])
def test_06_1_typical_wrong_answers(answer, expected):
    assert expected in message("06.1", answer, prediction="no", **SECTION_5)


def test_06_1_prediction_first_and_compared_with_what_happened():
    assert "record your prediction" in message("06.1", 0.75, **SECTION_5)
    assert 'should be "yes" or "no"' in message("06.1", 0.75, prediction="maybe", **SECTION_5)
    missed = remark("06.1", 0.75, prediction="yes", **SECTION_5)
    assert "it does not: p = 0.75 has the smallest gap" in missed and "the network underfits" in missed
    lucky = dict(gap=GAP, best_val={**BEST_VAL, 0.75: 0.2})                        # a split where they coincide
    assert "that is not a rule" in remark("06.1", 0.75, prediction="no", **lucky)


# --- 06.2 -------------------------------------------------------------------------------------------------------

# best so far 0.8 at epoch 3, five epochs without a new low (4 to 8): a patience of 5 stops at epoch 8;
# the full run goes on down to 0.6 at epoch 11
CURVE = [1.0, 0.9, 0.8, 0.85, 0.84, 0.83, 0.82, 0.81, 0.79, 0.7, 0.6, 0.65, 0.66, 0.67, 0.68]
FULL = History(train_loss=[0.5] * len(CURVE), val_loss=CURVE, best_epoch=11)


def test_early_stop_follows_fit():
    assert dropout.early_stop(CURVE, 5) == (8, 3)
    assert dropout.early_stop(CURVE, 10) == (len(CURVE), 11)                       # the patience never runs out
    data = split(*make_moons(n=150, noise=0.35, seed=2), val_fraction=0.4, test_fraction=0.2, seed=2)
    for patience in (2, 4):
        runs = []
        for kept in (None, patience):
            seed_everything(2)
            model = MLP(2, hidden=(16, 16), dropout=0.5).double()
            runs.append((model, fit(model, *data.train, val=data.val, lr=0.05, epochs=40, patience=kept)))
        (_, full), (stopped, history) = runs
        assert dropout.early_stop(full.val_loss, patience) == (len(history.val_loss), history.best_epoch)
        assert evaluate("06.2", (len(history.val_loss), score(stopped, *data.val)[0]),
                        prediction="higher" if history.best_epoch != full.best_epoch else "equal",
                        full_history=full, patience=patience).correct


def test_06_2_reference_and_other_right_answers_pass():
    assert evaluate("06.2", (8, 0.8), prediction="higher", full_history=FULL).correct
    assert evaluate("06.2", (8, 0.8), prediction="higher", full_history=FULL).message == ""
    assert evaluate("06.2", [np.int64(8), torch.tensor(0.8002)], prediction="Higher", full_history=FULL).correct


@pytest.mark.parametrize("answer, expected", [
    ((11, 0.6), "these are the best epoch and validation loss of the full run"),
    ((3, 0.8), "epoch 3 is the one whose weights fit restored"),
    ((7, 0.8), "off by one"),
    ((15, 0.6), "that is where a patience of 50 stops this run"),
    ((12, 0.8), "that is not where a patience of 5 stops the p = 0.5 run"),
    ((8, 0.81), "0.810 is the validation loss at epoch 8, where training stopped"),
    ((8, 0.6), "0.600 is the full run's best validation loss, at epoch 11"),
    ((8, 0.5), "your epoch is right; the loss should be"),
    ((8,), "should be a pair of two numbers"),
    ("8, 0.8", "should be a pair of two numbers"),
])
def test_06_2_typical_wrong_answers(answer, expected):
    assert expected in message("06.2", answer, prediction="higher", full_history=FULL)


def test_06_2_prediction_first_and_compared_with_what_happened():
    assert "record your prediction" in message("06.2", (8, 0.8), full_history=FULL)
    assert 'should be "lower", "equal" or "higher"' in message("06.2", (8, 0.8), prediction="worse",
                                                               full_history=FULL)
    lower = remark("06.2", (8, 0.8), prediction="lower", full_history=FULL)
    assert "It can never be lower" in lower and "kept epoch 3, long before the full run's best (11)" in lower
    assert "It can never be lower" not in remark("06.2", (8, 0.8), prediction="equal", full_history=FULL)
    patient = History(train_loss=[0.5] * 8, val_loss=[1.0, 0.9, 0.8, 0.7, 0.71, 0.72, 0.73, 0.74], best_epoch=4)
    assert evaluate("06.2", (8, 0.7), prediction="equal", full_history=patient, patience=4).correct
    assert "reached the full run's best epoch, 4" in remark("06.2", (8, 0.7), prediction="higher",
                                                            full_history=patient, patience=4)


# --- 06.3 -------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def more_data():
    """A small copy of exercise 3: a network without dropout trained on more points than section 1's."""
    torch.set_num_threads(1)
    data = split(*make_moons(n=150, noise=0.35, seed=5), val_fraction=0.4, test_fraction=0.2, seed=5)
    more = make_moons(n=200, noise=0.35, seed=6)
    seed_everything(5)
    model = MLP(2, hidden=(32, 32)).double()
    history = fit(model, *more, val=data.val, lr=0.01, epochs=60)
    context = dict(model=model, train=more, val=data.val, gap_small=0.667, small_train=data.train)
    return context, history


def test_06_3_reference_and_other_right_answers_pass(more_data):
    context, history = more_data
    model, more, val = context["model"], context["train"], context["val"]
    reference = score(model, *val)[0] - score(model, *more)[0]
    assert evaluate("06.3", reference, prediction="smaller", **context).correct
    assert evaluate("06.3", round(reference, 3), prediction="Smaller ", **context).correct
    from_history = history.val_loss[-1] - history.train_loss[-1]                   # before the last step: close
    assert evaluate("06.3", from_history, prediction="smaller", **context).correct


def test_06_3_typical_wrong_answers(more_data):
    context, _ = more_data
    model, more, val, small = context["model"], context["train"], context["val"], context["small_train"]
    (train_loss, train_acc), (val_loss, val_acc) = score(model, *more), score(model, *val)
    assert "not the other way round" in message("06.3", train_loss - val_loss, prediction="smaller", **context)
    assert "the gap with 100 training points" in message("06.3", 0.667, prediction="smaller", **context)
    on_small = val_loss - score(model, *small)[0]
    assert "the 100 points of section 1" in message("06.3", on_small, prediction="smaller", **context)
    assert "a difference of accuracies" in message("06.3", train_acc - val_acc, prediction="smaller", **context)
    assert "that is not big_data's gap" in message("06.3", 2.5, prediction="smaller", **context)
    assert "one number" in message("06.3", [0.1, 0.2], prediction="smaller", **context)


def test_06_3_prediction_first_and_compared_with_what_happened(more_data):
    context, _ = more_data
    model, more, val = context["model"], context["train"], context["val"]
    reference = score(model, *val)[0] - score(model, *more)[0]
    assert reference < context["gap_small"], "the small copy should show what the notebook shows"
    assert "record your prediction" in message("06.3", reference, **context)
    larger = remark("06.3", reference, prediction="larger", **context)
    assert 'You predicted "larger", but the gap is smaller' in larger and "by heart" in larger


# --- 06.quiz ----------------------------------------------------------------------------------------------------

RIGHT = {"q1": 3.0 / (1 - 0.25), "q2": "b", "q3": "b", "q4": "b", "q5": "b"}


def test_quiz_right_answers_pass_rounded_or_not():
    assert evaluate("06.quiz", RIGHT).correct
    assert evaluate("06.quiz", {"q1": 4, "q2": "B", "q3": " b", "q4": "b ", "q5": "b"}).correct


def test_quiz_says_why_for_each_wrong_or_missing_answer():
    wrong = message("06.quiz", {"q1": 2.25, "q2": "a", "q3": "a", "q4": "a", "q5": "a"}).splitlines()
    assert [line.split(":")[0] for line in wrong] == ["q1", "q2", "q3", "q4", "q5"]
    assert "divides by it" in wrong[0] and "whenever the model is in train() mode" in wrong[1]
    assert "no island" in wrong[2] and "less than a fifth" in wrong[3] and "widen the grid" in wrong[4]
    other = message("06.quiz", {"q1": 3.0, "q2": "c", "q3": "c", "q4": "c", "q5": "c"})
    assert "passes unchanged only in eval() mode" in other and "too pessimistic" in other
    assert "closes an island" in other and "long past its best epoch" in other and "leaks" in other
    assert "1 / (1 - p), not 1 + p" in message("06.quiz", {**RIGHT, "q1": 3.75})
    assert "multiplied by 1 / (1 - p)" in message("06.quiz", {**RIGHT, "q1": 6})
    missing = message("06.quiz", {"q2": "b"})
    assert "q1: missing" in missing and "q3: missing" in missing and "q2" not in missing
    assert "answers should be a dict" in message("06.quiz", ["b", "b"])


def test_every_exercise_has_a_hint(capsys):
    for id in ("06.1", "06.2", "06.3", "06.quiz"):
        hint(id)
    assert capsys.readouterr().out.count("Hint for exercise 06.") == 4


# --- the student edition ----------------------------------------------------------------------------------------

def test_the_student_edition_keeps_no_solution_and_no_prediction():
    student = make_student_edition.student_cells(nbformat.read(TEACHER, as_version=4), TEACHER.name)
    text = json.dumps(student)
    for secret in ('prediction = \\"no\\"', 'prediction = \\"higher\\"', 'prediction = \\"smaller\\"',
                   "key=lambda p: gap[p]", "impatient_result = (len(", "gap_more = evaluate(", "3.0 / (1 - 0.25)",
                   '\\"q2\\": \\"b\\"', "never be lower"):
        assert secret not in text, secret
    answers = [c.source.splitlines()[-1] for c in student.cells if "answer" in c.metadata.get("tags", [])]
    assert answers == ["prediction = ...", "smallest_gap_p = ...", "prediction = ...", "impatient_result = ...",
                       "prediction = ...", "gap_more = ...", "answers = ..."]
    stubs = [c.source for c in student.cells if c.source.endswith("prediction = ...")]
    assert '"yes" or "no"' in stubs[0] and '"lower", "equal" or "higher"' in stubs[1]
    assert '"smaller" or "larger"' in stubs[2]
    given = [c.source for c in student.cells if c.source.startswith("more = make_moons(")]
    assert given, "exercise 3's training cell is part of the lesson, kept in the student edition"


def test_the_committed_student_edition_is_current_and_says_not_answered_yet():
    assert not make_student_edition.stale([TEACHER])
    student = nbformat.read(STUDENT, as_version=4)
    checks = [c for c in student.cells if c.cell_type == "code" and c.source.startswith("check(")]
    outputs = ["".join(o.get("text", "") for o in c.outputs) for c in checks]
    assert len(outputs) == 4 and all("Not answered yet." in out for out in outputs), outputs
    assert "Correct." not in json.dumps(student)
