"""Notebook 03's exercises: the reference answers pass, typical wrong answers get their own sentence, and the
student edition keeps nothing of the solutions."""
import importlib.util
import json
import math
from pathlib import Path

import nbformat
import numpy as np
import pytest
import torch

from helpers.data import make_two_clusters, split
from helpers.device import seed_everything
from helpers.exercises import Remark, evaluate, hint
from helpers.exercises import optimizers as opt
from helpers.models import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
TEACHER = ROOT / "notebooks" / "03_optimizers.ipynb"
STUDENT = ROOT / "notebooks" / "student" / "03_optimizers.ipynb"
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


# --- 03.1: the winner at every shared rate -----------------------------------------------------------------------

LRS = np.logspace(-4, 1, 6)                       # 0.0001, 0.001, ..., 10
INF = math.inf
SPEED = {"SGD": np.array([INF, INF, 300, 40, 3, 2]),      # median epochs to settle per rate (inf: never)
         "Adagrad": np.array([INF, INF, INF, 20, 2, 9]),
         "Adam": np.array([INF, 400, 30, 50, 60, INF])}
FINALS = {"SGD": np.array([[0.9] * 3, [0.8] * 3, [0.5] * 3, [0.35] * 3, [0.35] * 3, [0.35] * 3]),
          "Adagrad": np.array([[0.9] * 3, [0.85] * 3, [0.6] * 3, [0.34] * 3, [0.36] * 3, [0.35] * 3]),
          "Adam": np.array([[0.7] * 3, [0.4] * 3, [0.35] * 3, [0.36] * 3, [0.36] * 3, [0.5] * 3])}
RACE = dict(speed=SPEED, lrs=LRS, finals=FINALS)


def reference_winners() -> dict:
    """The notebook's solution."""
    winners = {}
    for i, rate in enumerate(LRS):
        times = {name: SPEED[name][i] for name in SPEED}
        if np.isfinite(min(times.values())):
            winners[f"{rate:.3g}"] = min(times, key=times.get)
    return winners


def test_03_1_reference_and_other_right_answers_pass():
    winners = reference_winners()
    assert winners == {"0.001": "Adam", "0.01": "Adam", "0.1": "Adagrad", "1": "Adagrad", "10": "SGD"}
    assert evaluate("03.1", winners, prediction=3, **RACE) == evaluate("03.1", winners, prediction=3, **RACE)
    feedback = evaluate("03.1", winners, prediction=3, **RACE)
    assert feedback.correct and feedback.message == ""
    as_floats = {float(k): v for k, v in winners.items()}                       # keys as numbers, not strings
    assert evaluate("03.1", as_floats, prediction=np.int64(3), **RACE).correct
    tie = {**SPEED, "SGD": np.array([INF, INF, 300, 40, 2, 2])}                # SGD and Adagrad tie at rate 1
    assert evaluate("03.1", {**as_floats, 1.0: "SGD"}, prediction=3, speed=tie, lrs=LRS).correct
    assert evaluate("03.1", as_floats, prediction=3, speed=tie, lrs=LRS).correct


def test_03_1_typical_wrong_answers():
    winners = {float(k): v for k, v in reference_winners().items()}
    slowest = {**winners, 1.0: "Adam"}
    assert "you named the optimizer that needs the MOST epochs" in message("03.1", slowest, prediction=3, **RACE)
    lowest_final = {**winners, 1.0: "SGD"}                    # SGD ends lowest at rate 1, Adagrad settles first
    assert "ends with the lowest final loss, but the race asks who gets there first" in message(
        "03.1", lowest_final, prediction=3, **RACE)
    assert "at rate 0.0001 no optimizer settles" in message("03.1", {**winners, 1e-4: "Adam"}, prediction=3, **RACE)
    only_two = {0.01: "Adam", 1.0: "Adagrad"}                                       # the two races of section 2
    assert "you have 2 of the 5 rates" in message("03.1", only_two, prediction=3, **RACE)
    assert "is not a rate of the grid" in message("03.1", {**winners, 0.05: "SGD"}, prediction=3, **RACE)
    assert "should be one of" in message("03.1", {**winners, 10.0: "RMSprop"}, prediction=3, **RACE)
    assert "should be a dict" in message("03.1", ["Adam", "SGD"], prediction=3, **RACE)


def test_03_1_prediction_first_and_compared_with_what_happened():
    winners = reference_winners()
    assert "record your prediction" in message("03.1", winners, **RACE)
    assert "should be a number of optimizers" in message("03.1", winners, prediction="Adam", **RACE)
    said = remark("03.1", winners, prediction=1, **RACE)
    assert said.startswith("You predicted 1 different winner(s); there are 3.")
    assert "Adam at the lowest rates where someone settles, SGD at the highest" in said


# --- 03.2: centring the feature --------------------------------------------------------------------------------

VALLEY_LRS = np.logspace(-2, 1, 7)
START = (-2.0, 3.0)


def newton(x, y):
    """The exact minimum of the mean BCE of sigma(w x + b): the lowest loss and the condition number there."""
    A = torch.stack([x.double(), torch.ones(len(x), dtype=torch.float64)], 1)
    theta = torch.zeros(2, dtype=torch.float64)
    for _ in range(30):
        p = torch.sigmoid(A @ theta)
        hessian = (A.T * (p * (1 - p))) @ A / len(A)
        theta -= torch.linalg.solve(hessian, A.T @ (p - y.double()) / len(A))
    curvatures = torch.linalg.eigvalsh(hessian)
    lowest = torch.nn.functional.binary_cross_entropy_with_logits(A @ theta, y.double()).item()
    return lowest, (curvatures[1] / curvatures[0]).item()


@pytest.fixture(scope="module")
def valley():
    """A small copy of section 3 and of the reference solution of exercise 2."""
    torch.set_num_threads(1)
    X, y = split(*make_two_clusters(n=300, separation=2.0, seed=0), seed=0).train
    x = X.sum(1) / 2 ** 0.5 + 3
    context = dict(x=x, y=y, start=START, lrs=VALLEY_LRS, tolerance=0.01, epochs=200)
    x_c = x - x.mean()
    lowest, kappa = newton(x_c, y)
    steps = opt.sgd_settle_steps(x_c, y, START, VALLEY_LRS, lowest + 0.01, 200)
    reference = {"lowest": lowest, "kappa": kappa, "steps": steps.min()}
    return context, reference, steps, newton(x, y)


def test_03_2_reference_and_other_right_answers_pass(valley):
    context, reference, steps, (valley_lowest, valley_kappa) = valley
    assert reference["kappa"] < 5 < 100 < valley_kappa and reference["steps"] < 20, "the copy should act as section 3"
    assert reference["lowest"] == pytest.approx(valley_lowest, rel=1e-6)  # the same minimum, to float32 precision
    assert evaluate("03.2", reference, prediction="the same", **context).correct
    rounded = {"lowest": round(reference["lowest"], 3), "kappa": round(reference["kappa"], 1),
               "steps": torch.tensor(reference["steps"] - 1)}                             # counted from 0
    assert evaluate("03.2", rounded, prediction=" Same", **context).correct


def test_03_2_typical_wrong_answers(valley):
    context, reference, steps, (valley_lowest, valley_kappa) = valley
    ask = dict(prediction="the same", **context)
    assert "condition number of section 3's valley" in message("03.2", {**reference, "kappa": valley_kappa}, **ask)
    assert "never below 1" in message("03.2", {**reference, "kappa": 1 / reference["kappa"]}, **ask)
    x_c = context["x"] - context["x"].mean()
    standardized = newton(x_c / x_c.std(), context["y"])[1]
    assert abs(standardized / reference["kappa"] - 1) > 0.05, "the test needs a standardized kappa that differs"
    assert "also divided by its standard deviation" in message("03.2", {**reference, "kappa": standardized}, **ask)
    assert "above the lowest possible" in message("03.2", {**reference, "lowest": reference["lowest"] + 0.05}, **ask)
    assert "cannot be below" in message("03.2", {**reference, "lowest": reference["lowest"] - 0.05}, **ask)
    at_shared = {**reference, "steps": steps[2]}                                          # rate 0.1, not tuned
    assert "at the shared rate 0.1: tune the rate" in message("03.2", at_shared, **ask)
    uncentred = opt.sgd_settle_steps(context["x"], context["y"], START, VALLEY_LRS, valley_lowest + 0.01, 200).min()
    assert "the narrow valley of section 3" in message("03.2", {**reference, "steps": uncentred}, **ask)
    assert "should be a dict" in message("03.2", [reference["lowest"], reference["kappa"]], **ask)


def test_03_2_prediction_first_and_compared_with_what_happened(valley):
    context, reference, _, _ = valley
    assert "record your prediction" in message("03.2", reference, **context)
    assert 'should be "lower", "the same" or "higher"' in message("03.2", reference, prediction="less", **context)
    said = remark("03.2", reference, prediction="lower", **context)
    assert said.startswith("You predicted that the lowest loss would be lower; it is the same") and "drops" in said


# --- 03.3: minibatch noise against the batch size ----------------------------------------------------------------

@pytest.fixture(scope="module")
def points():
    return split(*make_two_clusters(n=1000, separation=2.0, seed=1), seed=1).train   # 600 points, as in the notebook


def reference_spread(X, y, seed, shuffles=6) -> dict:
    """The notebook's solution."""
    with torch.no_grad():
        seed_everything(seed)
        p = torch.sigmoid(LogisticRegression(2)(X))
    per_example = (p - y)[:, None] * torch.cat([X, torch.ones(len(X), 1)], 1)
    full = per_example.mean(0)
    g = torch.Generator().manual_seed(seed)
    spread = {}
    for size in (25, 100):
        distances = [(per_example[torch.randperm(len(y), generator=g)].reshape(-1, size, 3).mean(1) - full).norm(dim=1)
                     for _ in range(shuffles)]
        spread[size] = torch.cat(distances).square().mean().sqrt().item()
    return spread


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_03_3_reference_passes_on_several_seeds(points, seed):
    X, y = points
    assert evaluate("03.3", reference_spread(X, y, seed), prediction=2, X=X, y=y, seed=seed).correct
    mean_distance = {size: v * 0.97 for size, v in reference_spread(X, y, seed, shuffles=20).items()}
    assert evaluate("03.3", mean_distance, prediction=2.0, X=X, y=y, seed=seed).correct


def test_03_3_typical_wrong_answers(points):
    X, y = points
    context = dict(prediction=2, X=X, y=y, seed=0)
    right = {size: opt.expected_spread(X, y, 0, size)[0] for size in (25, 100)}
    full = opt.expected_spread(X, y, 0, 25)[1]
    assert abs(1 / full - 1) > opt.SPREAD_TOLERANCE + 0.1, "the test needs a full gradient whose length is not 1"
    assert "mean of the SQUARED distances" in message("03.3", {s: v ** 2 for s, v in right.items()}, **context)
    assert "divided by the length of the full gradient" in message(
        "03.3", {s: v / full for s, v in right.items()}, **context)
    assert "not their sum" in message("03.3", {s: v * s for s, v in right.items()}, **context)
    assert "your two values are swapped" in message("03.3", {25: right[100], 100: right[25]}, **context)
    assert "spread[25] is too small" in message("03.3", {25: right[25] / 2, 100: right[100]}, **context)
    assert "should be a dict {25: distance, 100: distance}" in message("03.3", [right[25], right[100]], **context)


def test_03_3_prediction_first_and_compared_with_what_happened(points):
    X, y = points
    spread = reference_spread(X, y, 0)
    assert "record your prediction" in message("03.3", spread, X=X, y=y, seed=0)
    assert "should be a factor: 1, 2 or 4" in message("03.3", spread, prediction=3, X=X, y=y, seed=0)
    said = remark("03.3", spread, prediction=4, X=X, y=y, seed=0)
    assert said.startswith("You predicted a factor of 4; you measured") and "divides the VARIANCE" in said
    assert "the noise does shrink" in remark("03.3", spread, prediction=1, X=X, y=y, seed=0)


# --- 03.quiz ----------------------------------------------------------------------------------------------------

RIGHT = {"q1": "c", "q2": 0.05 * 2 ** 0.5, "q3": "a", "q4": 0.5, "q5": "b"}


def test_quiz_right_answers_pass_rounded_or_not():
    assert evaluate("03.quiz", RIGHT).correct
    assert evaluate("03.quiz", {"q1": " C", "q2": 0.0707, "q3": "A", "q4": np.float32(0.5), "q5": "b "}).correct


def test_quiz_says_why_for_each_wrong_or_missing_answer():
    wrong = message("03.quiz", {"q1": "a", "q2": 3.007, "q3": "b", "q4": 0.25, "q5": "a"}).splitlines()
    assert [line.split(":")[0] for line in wrong] == ["q1", "q2", "q3", "q4", "q5"]
    assert "Adam came last" in wrong[0] and "SIGN of each component" in wrong[1]
    assert "keeps jittering" in wrong[2] and "jumps straight to the bottom" in wrong[3] and "LONGER" in wrong[4]
    other = message("03.quiz", {"q1": "b", "q2": 0.05, "q4": 8, "q5": "c"})
    assert "simply too low a rate" in other and "its length is larger" in other and "q3: missing" in other
    assert "2 divided by lambda_max" in other and "that is Adam's (and Adagrad's) rule" in other
    assert "answers should be a dict" in message("03.quiz", ["c", "a"])
    assert message("03.quiz", {**RIGHT, "q4": 1.0}) == "q4: above which rate is |1 - rate * lambda_max| larger than 1?"


def test_every_exercise_has_a_hint(capsys):
    for id in ("03.1", "03.2", "03.3", "03.quiz"):
        hint(id)
    assert capsys.readouterr().out.count("Hint for exercise 03.") == 4


def test_remark_is_a_right_answer():
    assert isinstance(opt.check_winners(reference_winners(), prediction=2, **RACE), Remark)


# --- the student edition ----------------------------------------------------------------------------------------

def test_the_student_edition_keeps_no_solution_and_no_prediction():
    student = make_student_edition.student_cells(nbformat.read(TEACHER, as_version=4), TEACHER.name)
    text = json.dumps(student)
    for secret in ("prediction = 3", 'prediction = \\"the same\\"', "prediction = 2", "min(times, key=times.get)",
                   "theta_c", "per_example", '\\"q1\\": \\"c\\"', "2 ** 0.5,"):
        assert secret not in text, secret
    answers = [c.source.splitlines()[-1] for c in student.cells if "answer" in c.metadata.get("tags", [])]
    assert answers == ["prediction = ...", "winners = ...", "prediction = ...", "centred = ...",
                       "prediction = ...", "spread = ...", "answers = ..."]
    prompts = [c.source for c in student.cells if c.source.endswith("prediction = ...")]
    assert '"lower", "the same" or "higher"' in prompts[1] and "1, 2 or 4" in prompts[2]


def test_the_committed_student_edition_is_current_and_says_not_answered_yet():
    assert not make_student_edition.stale([TEACHER])
    student = nbformat.read(STUDENT, as_version=4)
    checks = [c for c in student.cells if c.cell_type == "code" and c.source.startswith("check(")]
    outputs = ["".join(o.get("text", "") for o in c.outputs) for c in checks]
    assert len(outputs) == 4 and all("Not answered yet." in out for out in outputs), outputs
    assert "Correct." not in json.dumps(student)


def test_settle_steps_is_the_first_epoch_from_which_the_loss_stays_at_or_below_the_goal():
    rng = np.random.default_rng(0)
    losses = rng.uniform(0, 2, (50, 12))
    losses[0], losses[1], losses[2] = 0.5, 2.0, [2.0] * 11 + [1.0]   # always below, never, only the last epoch
    losses[3, 4:] = 1.0                                                 # exactly at the goal counts as below

    def first_settled(row):
        return next((k + 1 for k in range(len(row)) if (row[k:] <= 1.0).all()), np.inf)

    assert opt.settle_steps(losses, goal=1.0).tolist() == [first_settled(row) for row in losses]
    assert opt.settle_steps(losses[3], goal=1.0).tolist() == [first_settled(losses[3])]  # one run, a plain row
