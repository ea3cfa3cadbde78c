"""Notebook 01's exercises: the reference answers pass, other right methods pass, typical wrong answers get their
own sentence, and the student edition keeps nothing of the solutions."""
import importlib.util
import json
from pathlib import Path
from types import SimpleNamespace

import nbformat
import numpy as np
import pytest
import torch

from helpers.data import make_two_clusters, split
from helpers.device import seed_everything
from helpers.exercises import evaluate, hint, threshold
from helpers.metrics import calibration_bins, threshold_curves, threshold_for_min_cost, threshold_metrics
from helpers.models import LogisticRegression, predict_proba
from helpers.train import fit

ROOT = Path(__file__).resolve().parents[1]
TEACHER = ROOT / "notebooks" / "01_decision_threshold.ipynb"
STUDENT = ROOT / "notebooks" / "student" / "01_decision_threshold.ipynb"
spec = importlib.util.spec_from_file_location("make_student_edition", ROOT / "scripts" / "make_student_edition.py")
make_student_edition = importlib.util.module_from_spec(spec)
spec.loader.exec_module(make_student_edition)
MISS_COST = 10.0


def message(id, answer, **context):
    feedback = evaluate(id, answer, **context)
    assert feedback.correct is False, f"{answer!r} was accepted"
    return feedback.message


def remark(id, answer, **context):
    feedback = evaluate(id, answer, **context)
    assert feedback.correct is True and feedback.message, f"{answer!r}: {feedback}"
    return feedback.message


@pytest.fixture(scope="module")
def toy():
    """A small copy of notebook 01's toy task: an imbalanced split, a trained model, fresh data, true_cost and
    report_gap, as sections 1 to 7 build them."""
    torch.set_num_threads(1)
    data = split(*make_two_clusters(n=1000, separation=2.0, positive_fraction=0.1, seed=0), seed=0)
    seed_everything(0)
    model = LogisticRegression(n_features=2)
    fit(model, *data.train, lr=0.05, epochs=300)
    (X_val, y_val), (X_test, y_test) = data.val, data.test
    X_future, y_future = make_two_clusters(n=20_000, separation=2.0, positive_fraction=0.1, seed=1)
    with torch.no_grad():
        p_val, p_test, p_future = (predict_proba(model, X) for X in (X_val, X_test, X_future))
    tuned = threshold_for_min_cost(y_val, p_val, fn_cost=MISS_COST)

    def true_cost(t, fn_cost=MISS_COST):
        return threshold_metrics(y_future, p_future, t).cost(fn_cost)

    def report_gap(test_size, repeats=100):
        leaky, honest = [], []
        for r in range(repeats):
            Xt, yt = make_two_clusters(n=test_size, separation=2.0, positive_fraction=0.1, seed=2 + r)
            with torch.no_grad():
                pt = predict_proba(model, Xt)
            for t, gaps in ((threshold_for_min_cost(yt, pt, MISS_COST), leaky), (tuned, honest)):
                gaps.append(threshold_metrics(yt, pt, t).cost(MISS_COST) - true_cost(t))
        return np.array(leaky), np.array(honest)

    leaky, honest = report_gap(200)
    return SimpleNamespace(**locals())


# --- 01.1 -------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def equal(toy):
    context = dict(y_val=toy.y_val, p_val=toy.p_val, y_test=toy.y_test, p_test=toy.p_test, true_cost=toy.true_cost,
                   miss_cost=MISS_COST)
    return context, threshold_for_min_cost(toy.y_val, toy.p_val, fn_cost=1.0)


def test_01_1_reference_and_other_right_answers_pass(equal):
    context, reference = equal
    assert evaluate("01.1", reference, prediction="same", **context).correct
    assert evaluate("01.1", torch.tensor(reference), prediction=" Same", **context).correct
    grid = np.linspace(0, 1, 100_001)                                              # a fine grid search
    costs = [threshold_metrics(context["y_val"], context["p_val"], t).cost(1.0) for t in grid[::10]]
    best = grid[::10][int(np.argmin(costs))]
    assert evaluate("01.1", best, prediction="same", **context).correct


def test_01_1_typical_wrong_answers(equal, toy):
    context, reference = equal
    assert "misses that cost 10 times a false alarm" in message("01.1", toy.tuned, prediction="same", **context)
    on_test = threshold_for_min_cost(toy.y_test, toy.p_test, fn_cost=1.0)
    assert threshold_metrics(toy.y_val, toy.p_val, on_test).cost(1) > threshold_metrics(
        toy.y_val, toy.p_val, reference).cost(1), "the small copy should tell the two apart"
    assert "the leak of section 7" in message("01.1", on_test, prediction="same", **context)
    assert "it lies below yours" in message("01.1", 0.95, prediction="same", **context)
    assert "1/11 is the rule's threshold" in message("01.1", 1 / 11, prediction="same", **context)
    assert "a probability between 0 and 1" in message("01.1", 1.5, prediction="same", **context)
    assert "a probability between 0 and 1" in message("01.1", "0.5", prediction="same", **context)


def test_01_1_half_and_a_near_miss_get_their_own_sentence(equal):
    context, reference = equal
    curves = threshold_curves(context["y_val"], context["p_val"])
    errors = np.rint(curves.cost(1.0) * curves.n).astype(int)
    if errors[np.searchsorted(curves.thresholds, 0.5)] > errors.min():
        assert "0.5 is what the rule says" in message("01.1", 0.5, prediction="same", **context)
    one_more = curves.thresholds[(errors == errors.min() + 1) & (curves.thresholds > reference)][0]
    assert "one more than the best threshold" in message("01.1", one_more, prediction="same", **context)


def test_01_1_prediction_first_and_compared_with_what_happened(equal):
    context, reference = equal
    assert "record your prediction" in message("01.1", reference, **context)
    assert "should be one of" in message("01.1", reference, prediction="equal", **context)
    said = remark("01.1", reference, prediction="lower", **context)
    assert 'you predicted its true cost would be "lower"' in said and "flat" in said


# --- 01.2 -------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def partitions():
    """Section 6.2's partitions, small: 128 malignant scores dealt 400 times into validation and test halves."""
    rng = np.random.default_rng(0)
    scores = rng.beta(5, 1, size=128)
    dealt = rng.permuted(np.tile(scores, (400, 1)), axis=1)
    val_pos, test_pos = np.sort(dealt[:, :64], axis=1), dealt[:, 64:]
    share = float(np.mean((test_pos >= val_pos[:, :1]).mean(axis=1) >= 0.99))
    return dict(val_pos=val_pos, test_pos=test_pos), share


def test_01_2_reference_and_counting_pass(partitions):
    context, share = partitions
    assert 0.4 < share < 0.6
    assert evaluate("01.2", {"meets": share, "needed": 230}, prediction="half", **context).correct
    assert evaluate("01.2", {"meets": 0.5, "needed": 230.0}, prediction="Half", **context).correct  # by counting
    assert threshold.cases_needed() == 230 and threshold.exact_share(64, 64) == 0.5


@pytest.mark.parametrize("strict, expected", [
    ({"meets": 48.3, "needed": 230}, "not a percentage"),
    ({"meets": 0.93, "needed": 230}, "how often the rule meets recall 0.95"),
    ({"meets": 0.1, "needed": 230}, "0.100 is not that share"),
    ({"meets": 0.5, "needed": 229.1}, "round up"),
    ({"meets": 0.5, "needed": 299}, "95% confidence"),
    ({"meets": 0.5, "needed": 45}, "certifies recall 0.95"),
    ({"meets": 0.5, "needed": 100}, "where one miss is expected"),
    ({"meets": 0.5, "needed": 64}, "Solve 0.99 ** m <= 0.1"),
    ({"meets": 0.5}, "should be a dict with the keys ['meets', 'needed']"),
    ({"meets": "half", "needed": 230}, 'strict["meets"] should be one number'),
])
def test_01_2_typical_wrong_answers(partitions, strict, expected):
    context, _ = partitions
    assert expected in message("01.2", strict, prediction="half", **context)


def test_01_2_both_parts_wrong_get_a_line_each(partitions):
    context, _ = partitions
    lines = message("01.2", {"meets": 0.93, "needed": 45}, prediction="half", **context).splitlines()
    assert [line.split(":")[0] for line in lines] == ["meets", "needed"]


def test_01_2_prediction_first_and_compared_with_what_happened(partitions):
    context, share = partitions
    right = {"meets": share, "needed": 230}
    assert "record your prediction" in message("01.2", right, **context)
    said = remark("01.2", right, prediction="most", **context)
    assert 'you predicted "most"' in said and "allows no miss" in said


# --- 01.3 -------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def leak(toy):
    small_leaky, small_honest = toy.report_gap(test_size=50)
    return dict(report_gap=toy.report_gap, leaky=toy.leaky), small_leaky, small_honest


def test_01_3_reference_and_other_test_sets_pass(leak, toy):
    context, small_leaky, _ = leak
    assert small_leaky.mean() < toy.leaky.mean() - 0.03, "the small copy should show what the notebook shows"
    assert evaluate("01.3", small_leaky.mean(), prediction="grow", **context).correct
    other = []                                                                     # 100 other test sets
    for r in range(100):
        Xt, yt = make_two_clusters(n=50, separation=2.0, positive_fraction=0.1, seed=1000 + r)
        with torch.no_grad():
            pt = predict_proba(toy.model, Xt)
        t = threshold_for_min_cost(yt, pt, MISS_COST)
        other.append(threshold_metrics(yt, pt, t).cost(MISS_COST) - toy.true_cost(t))
    assert evaluate("01.3", float(np.mean(other)), prediction="grow", **context).correct


def test_01_3_typical_wrong_answers(leak, toy):
    context, small_leaky, small_honest = leak
    assert "the sign turned" in message("01.3", -small_leaky.mean(), prediction="grow", **context)
    assert "the honest one" in message("01.3", small_honest.mean(), prediction="grow", **context)
    assert "test sets of 200 points" in message("01.3", toy.leaky.mean(), prediction="grow", **context)
    assert "returns two arrays" in message("01.3", (small_leaky, small_honest), prediction="grow", **context)
    assert "should be one number" in message("01.3", small_leaky, prediction="grow", **context)
    assert "Take the mean of the first array" in message("01.3", -1.0, prediction="grow", **context)


def test_01_3_prediction_first_and_compared_with_what_happened(leak):
    context, small_leaky, _ = leak
    assert "record your prediction" in message("01.3", small_leaky.mean(), **context)
    said = remark("01.3", small_leaky.mean(), prediction="shrink", **context)
    assert 'you predicted the leak would "shrink", and it grew' in said


# --- 01.4 -------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def overconfident(toy):
    context = dict(model=toy.model, X_val=toy.X_val, y_val=toy.y_val, X_test=toy.X_test, y_test=toy.y_test,
                   X_future=toy.X_future, y_future=toy.y_future, miss_cost=MISS_COST)
    with torch.no_grad():
        over = {name: torch.sigmoid(2 * toy.model(X)) for name, X in (("val", toy.X_val), ("test", toy.X_test),
                                                                       ("future", toy.X_future))}
    t_over = threshold_for_min_cost(toy.y_val, over["val"], fn_cost=MISS_COST)
    reference = {"p_value": calibration_bins(toy.y_val, over["val"]).p_value,
                 "rule": threshold_metrics(toy.y_future, over["future"], 1 / 11).cost(MISS_COST),
                 "tuned": threshold_metrics(toy.y_future, over["future"], t_over).cost(MISS_COST)}
    return context, reference, over, t_over


def test_01_4_reference_and_other_right_answers_pass(overconfident, toy):
    context, reference, _, _ = overconfident
    assert reference["p_value"] < 0.001 and reference["rule"] > toy.true_cost(1 / 11) + 0.01
    assert abs(reference["tuned"] - toy.true_cost(toy.tuned)) < 0.001
    assert evaluate("01.4", reference, prediction="rule", **context).correct
    other_bins = {**reference, "p_value": 1e-5}                                    # a reliability check with other bins
    assert evaluate("01.4", other_bins, prediction="rule", **context).correct


def test_01_4_typical_wrong_answers(overconfident, toy):
    context, reference, over, t_over = overconfident
    calibrated_p = calibration_bins(toy.y_val, toy.p_val).p_value
    assert calibrated_p > 0.01
    assert "the calibrated model's p-value" in message("01.4", {**reference, "p_value": calibrated_p},
                                                       prediction="rule", **context)
    assert "the calibrated model's true cost of 1/11" in message(
        "01.4", {**reference, "rule": toy.true_cost(1 / 11)}, prediction="rule", **context)
    on_test = threshold_metrics(toy.y_test, over["test"], 1 / 11).cost(MISS_COST)
    assert "the cost on the test set" in message("01.4", {**reference, "rule": on_test}, prediction="rule", **context)
    reused = threshold_metrics(toy.y_future, over["future"], toy.tuned).cost(MISS_COST)
    assert abs(reused - reference["tuned"]) > 0.002, "the small copy should tell the two apart"
    assert "you reused the threshold tuned on the calibrated" in message(
        "01.4", {**reference, "tuned": reused}, prediction="rule", **context)
    tuned_on_test = threshold_metrics(toy.y_test, over["test"], t_over).cost(MISS_COST)
    assert "tuned: that is the cost on the test set" in message(
        "01.4", {**reference, "tuned": tuned_on_test}, prediction="rule", **context)
    assert "a p-value is a probability" in message("01.4", {**reference, "p_value": 3.0}, prediction="rule",
                                                   **context)
    assert "should be a dict with the keys" in message("01.4", [0.0, 0.4, 0.3], prediction="rule", **context)


def test_01_4_prediction_first_and_compared_with_what_happened(overconfident):
    context, reference, _, _ = overconfident
    assert "record your prediction" in message("01.4", reference, **context)
    assert "should be one of" in message("01.4", reference, prediction="the rule", **context)
    said = remark("01.4", reference, prediction="both", **context)
    assert 'you predicted "both", and it was "rule"' in said and "keeps the order" in said


# --- 01.quiz ----------------------------------------------------------------------------------------------------

RIGHT = {"q1": "c", "q2": 1 / 5, "q3": "a", "q4": "b", "q5": 0.1 ** (1 / 30)}


def test_quiz_right_answers_pass_rounded_or_not():
    assert evaluate("01.quiz", RIGHT).correct
    assert evaluate("01.quiz", {"q1": " C", "q2": 0.2, "q3": "A", "q4": "b", "q5": 0.926}).correct


def test_quiz_says_why_for_each_wrong_or_missing_answer():
    wrong = message("01.quiz", {"q1": "a", "q2": 0.8, "q3": "b", "q4": "a", "q5": 1}).splitlines()
    assert [line.split(":")[0] for line in wrong] == ["q1", "q2", "q3", "q4", "q5"]
    assert "miss every positive" in wrong[0] and "moves down" in wrong[1] and "built into the report" in wrong[2]
    assert "a coin flip" in wrong[3] and "cannot prove a recall of 1" in wrong[4]
    other = message("01.quiz", {"q1": "b", "q2": 0.25, "q4": "c", "q5": 0.9})
    assert "always says 0" in other and "the false alarm's (1 - p) counts too" in other
    assert "q3: missing" in other and "not rarely" in other and "0.9 is the confidence" in other
    more = message("01.quiz", {**RIGHT, "q2": 0.5, "q3": "c", "q5": 0.05 ** (1 / 30)})
    assert "0.5 is the rule for equal costs" in more and "higher, not lower" in more and "the 95% bound" in more
    assert "answers should be a dict" in message("01.quiz", ["c", 0.2])
    assert message("01.quiz", {**RIGHT, "q5": 0.5}).startswith("q5: the 90% lower bound is the recall r")


def test_every_exercise_has_a_hint(capsys):
    for id in ("01.1", "01.2", "01.3", "01.4", "01.quiz"):
        hint(id)
    assert capsys.readouterr().out.count("Hint for exercise 01.") == 5


# --- the student edition ----------------------------------------------------------------------------------------

def test_the_student_edition_keeps_no_solution_and_no_prediction():
    student = make_student_edition.student_cells(nbformat.read(TEACHER, as_version=4), TEACHER.name)
    text = json.dumps(student)
    for secret in ('"same"  #', '"half"  #', '"grow"  #', '"rule"  #', "fn_cost=1.0)", "np.log(0.99)",
                   "report_gap(test_size=50)", "torch.sigmoid(2 *", '"q1": "c"', "0.1 ** (1 / 30)", "1 / (1 + 4)"):
        assert secret not in text, secret
    answers = [c.source.splitlines()[-1] for c in student.cells if "answer" in c.metadata.get("tags", [])]
    assert answers == ["prediction = ...", "t_equal = ...", "prediction = ...", "strict = ...", "prediction = ...",
                       "gap_50 = ...", "prediction = ...", "over = ...", "answers = ..."]
    prediction_stub = next(c.source for c in student.cells if c.source.endswith("prediction = ..."))
    assert '"lower", "same" or "higher"' in prediction_stub


def test_the_committed_student_edition_is_current_and_says_not_answered_yet():
    assert not make_student_edition.stale([TEACHER])
    student = nbformat.read(STUDENT, as_version=4)
    checks = [c for c in student.cells if c.cell_type == "code" and c.source.startswith("check(")]
    outputs = ["".join(o.get("text", "") for o in c.outputs) for c in checks]
    assert len(outputs) == 5 and all("Not answered yet." in out for out in outputs), outputs
    assert "Correct." not in json.dumps(student)


@pytest.mark.parametrize("goal, confidence", [(0.99, 0.9), (0.99, 0.95), (0.95, 0.9), (0.9, 0.99), (0.5, 0.75),
                                              (0.8, 0.5)])
def test_cases_needed_is_the_smallest_count_that_certifies_the_goal(goal, confidence):
    smallest = next(m for m in range(1, 10_000) if goal ** m <= 1 - confidence + 1e-15)
    assert threshold.cases_needed(goal, confidence) == smallest


@pytest.mark.parametrize("n_val, n_test, goal", [(64, 64, 0.99), (30, 100, 0.99), (50, 150, 0.99), (20, 40, 0.95),
                                                 (10, 20, 0.9)])
def test_exact_share_counts_the_partitions_that_put_every_unaffordable_miss_in_test(n_val, n_test, goal):
    """The goal fails when the `allowed + 1` lowest-scored cases of all n_val + n_test all landed in test."""
    from fractions import Fraction
    from math import comb, floor

    allowed = floor(n_test * (1 - Fraction(str(goal))))   # exact: 100 * (1 - 0.99) is 1, not 1.0000000000000009
    fails = Fraction(comb(n_test, allowed + 1), comb(n_val + n_test, allowed + 1))
    assert threshold.exact_share(n_val, n_test, goal) == pytest.approx(float(1 - fails), abs=1e-12)


def test_strict_share_counts_ties_as_caught_and_a_recall_equal_to_the_goal_as_met():
    val_pos = np.array([[0.3, 0.5], [0.3, 0.5], [0.3, 0.5]])
    test_pos = np.array([[0.3, 0.4, 0.9, 0.8],     # a tie with the lowest validation score: all 4 caught
                         [0.2, 0.4, 0.9, 0.8],     # one below: 3 of 4 caught
                         [0.1, 0.2, 0.9, 0.8]])    # two below: 2 of 4
    assert threshold.strict_share(val_pos, test_pos, goal=1.0) == pytest.approx(1 / 3)
    assert threshold.strict_share(val_pos, test_pos, goal=0.75) == pytest.approx(2 / 3)
    assert threshold.strict_share(val_pos, test_pos, goal=0.5) == 1.0


def test_lowest_cost_is_the_cheapest_threshold_by_brute_force():
    rng = np.random.default_rng(0)
    for fn_cost in (0.2, 1.0, 10.0):
        y = rng.integers(0, 2, 40)
        p = np.clip(0.5 * y + rng.uniform(0, 0.6, 40), 0, 1)
        cuts = [*np.unique(p), 2.0]   # every distinct cut, and calling nothing positive
        brute = min(np.mean(((p >= t) & (y == 0)) + fn_cost * ((p < t) & (y == 1))) for t in cuts)
        assert threshold._lowest_cost(y.tolist(), p, fn_cost) == pytest.approx(brute, abs=1e-12)
