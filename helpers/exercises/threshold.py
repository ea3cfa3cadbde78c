"""Checks of notebook 01 (the decision threshold): tuning for equal costs, a recall goal too strict for the
validation set, the leak of tuning on small test sets, an overconfident model, and the closing quiz.

Each check works the truth out from the notebook's own objects (its data, model, partitions and functions),
never from numbers of one seed, so it holds on any seed and any CPU.
"""
import math

import numpy as np
import torch

from helpers.exercises import NOT_ANSWERED, Remark, exercise
from helpers.exercises.answers import choice_problem, number, unrecorded
from helpers.language import N_, _
from helpers.metrics import calibration_bins, threshold_curves, threshold_for_min_cost, threshold_metrics

EQUAL_OUTCOMES = ("lower", "same", "higher")
SHARE_OUTCOMES = ("most", "half", "few")
LEAK_OUTCOMES = ("grow", "shrink")
WHO_SUFFERS = ("rule", "tuned", "both", "neither")
SAME = 0.01            # 01.1 and 01.4: true costs closer than this (per case) count as "the same"
STRICT_GOAL = 0.99     # 01.2: the stricter clinic's recall goal
CONFIDENCE = 0.9       # 01.2: the confidence of the lower bound on recall


def _dict_of_numbers(answer, keys: tuple[str, ...], name: str) -> tuple[dict | None, str | None]:
    """The answer's numbers by key, or what is wrong with its shape."""
    example = ", ".join(f'"{k}": ...' for k in keys)
    if not isinstance(answer, dict) or set(answer) != set(keys):
        return None, _("{name} should be a dict with the keys {keys}, like {{{example}}}; got {answer!r}.").format(
            name=name, keys=list(keys), example=example, answer=answer)
    numbers = {k: number(answer[k]) for k in keys}
    bad = [k for k in keys if numbers[k] is None]
    if bad:
        return None, _('{name}["{key}"] should be one number; got {value!r}.').format(name=name, key=bad[0],
                                                                                     value=answer[bad[0]])
    return numbers, None


def _cost(y, p, t: float, fn_cost: float) -> float:
    return threshold_metrics(y, p, t).cost(fn_cost)


def _lowest_cost(y, p, fn_cost: float) -> float:
    """The lowest average cost any threshold reaches (calling nothing positive included)."""
    y = np.asarray(y, dtype=np.float64).reshape(-1)
    return min(float(threshold_curves(y, p).cost(fn_cost).min()), fn_cost * float(y.mean()))


# --- 01.1: equal costs ------------------------------------------------------------------------------------------

@exercise("01.1", answer=N_("the threshold with the lowest validation cost when a miss costs as much as a false "
                            "alarm (one number)"),
          hint=N_("Section 5 tuned with threshold_for_min_cost(y_val, p_val, fn_cost=MISS_COST); only the cost "
                  "changes. Then compare the true costs of your threshold and of 0.5: true_cost(t, fn_cost=1)."))
def check_equal_costs(t_equal, prediction=NOT_ANSWERED, *, y_val, p_val, y_test, p_test, true_cost, miss_cost):
    """01.1: the threshold tuned on validation for equal costs, and the prediction of its true cost against 0.5's."""
    problem = unrecorded(prediction, EQUAL_OUTCOMES)
    if problem:
        return problem
    t = number(t_equal)
    if t is None or not 0 <= t <= 1:
        return _("t_equal should be one threshold, a probability between 0 and 1; got {t_equal!r}.").format(
            t_equal=t_equal)
    n = len(np.asarray(y_val).reshape(-1))
    cost, best = _cost(y_val, p_val, t, 1.0), _lowest_cost(y_val, p_val, 1.0)
    if cost > best + 1e-12:
        errors, fewest = round(cost * n), round(best * n)
        if _cost(y_val, p_val, t, miss_cost) <= _lowest_cost(y_val, p_val, miss_cost) + 1e-12:
            return _("this is the threshold for misses that cost {miss_cost:g} times a false alarm, as in section 5. "
                     "With equal costs a miss and a false alarm weigh the same: tune with fn_cost=1.").format(
                         miss_cost=miss_cost)
        if abs(t - threshold_for_min_cost(y_test, p_test, fn_cost=1.0)) < 1e-6:
            return _("this threshold is the best one on the test set: that is the leak of section 7. Tune on the "
                     "validation set (y_val, p_val); the test set is only for the final report.")
        if abs(t - 0.5) < 1e-9:
            return _("0.5 is what the rule says for equal costs, but the exercise asks which threshold the "
                     "validation set picks. At 0.5 the validation set has {errors} errors, and another threshold has "
                     "{fewest}.").format(errors=errors, fewest=fewest)
        if cost - best <= 1.5 / n:
            return _("close: at {t:.3f} the validation set has {errors} errors, one more than the best threshold. "
                     "A grid of thresholds can step over the best one: try every distinct validation probability "
                     "(threshold_curves does), or threshold_for_min_cost.").format(t=t, errors=errors)
        if abs(t - 1 / (1 + miss_cost)) < 1e-3:
            return _("1/{denominator:g} is the rule's threshold when a miss costs {miss_cost:g} times a false "
                     "alarm; here both cost the same. And the exercise asks what the validation set picks: tune "
                     "it.").format(denominator=1 + miss_cost, miss_cost=miss_cost)
        if threshold_for_min_cost(y_val, p_val, fn_cost=1.0) < t:
            text = _("at {t:.3f} the validation set has {errors} errors (misses plus false alarms); the best "
                     "threshold has {fewest}, and it lies below yours. Tune with threshold_for_min_cost(y_val, p_val, "
                     "fn_cost=1).")
        else:
            text = _("at {t:.3f} the validation set has {errors} errors (misses plus false alarms); the best "
                     "threshold has {fewest}, and it lies above yours. Tune with threshold_for_min_cost(y_val, p_val, "
                     "fn_cost=1).")
        return text.format(t=t, errors=errors, fewest=fewest)
    gap = true_cost(t, fn_cost=1.0) - true_cost(0.5, fn_cost=1.0)
    outcome = "same" if abs(gap) < SAME else "lower" if gap < 0 else "higher"
    guess = prediction.strip().lower()
    if guess != outcome:
        return Remark(_("you predicted its true cost would be \"{guess}\" than 0.5's, and it is \"{outcome}\": "
                        "{tuned_cost:.3f} against {default_cost:.3f} per case. Near its lowest point a cost curve "
                        "is flat: the validation set's noise moves the tuned threshold, but hardly the cost, and 0.5 "
                        "already sat near the bottom.").format(guess=guess, outcome=outcome,
                                                               tuned_cost=true_cost(t, fn_cost=1.0),
                                                               default_cost=true_cost(0.5, fn_cost=1.0)))
    return None


# --- 01.2: a goal too strict for the validation set -------------------------------------------------------------

def strict_share(val_pos: np.ndarray, test_pos: np.ndarray, goal: float = STRICT_GOAL) -> float:
    """Share of the partitions where "catch every validation case" reaches test recall `goal`."""
    caught = (np.asarray(test_pos) >= np.asarray(val_pos)[:, :1]).sum(axis=1)
    return float(np.mean(caught / np.asarray(test_pos).shape[1] >= goal - 1e-12))


def exact_share(n_val: int, n_test: int, goal: float = STRICT_GOAL) -> float:
    """The same share by counting: the goal fails only when the lowest-scored malignant cases it cannot afford to
    miss all landed in test."""
    allowed = int(np.floor(n_test * (1 - goal) + 1e-9))
    return 1 - float(np.prod([(n_test - i) / (n_test + n_val - i) for i in range(allowed + 1)]))


def cases_needed(goal: float = STRICT_GOAL, confidence: float = CONFIDENCE) -> int:
    """The fewest malignant cases that, all caught, certify recall >= goal: goal ** m <= 1 - confidence."""
    m = math.ceil(math.log(1 - confidence) / math.log(goal))
    return m if goal ** m <= 1 - confidence else m + 1


def _needed_problem(m: float) -> str | None:
    right = cases_needed()
    if m == right:
        return None
    if right - 1 <= m < right:
        return _("needed: {goal} ** {m} = {power:.4f} is still above 0.1. A number of cases is whole: round "
                 "up.").format(goal=STRICT_GOAL, m=math.floor(m), power=STRICT_GOAL ** math.floor(m))
    if m == cases_needed(confidence=0.95) or abs(m - math.log(0.05) / math.log(STRICT_GOAL)) < 0.5:
        return _("needed: that certifies the goal with 95% confidence; the question asks for 90%: 0.99 ** m <= 0.1.")
    if m == cases_needed(goal=0.95) or abs(m - math.log(0.1) / math.log(0.95)) < 0.5:
        return _("needed: that certifies recall 0.95, the goal of section 6; the stricter clinic wants 0.99.")
    if m == round(1 / (1 - STRICT_GOAL)):
        return _("needed: 100 cases is where one miss is expected; the bound asks how many cases, all caught, make "
                 "a true recall of 0.99 or less unlikely: the smallest m with 0.99 ** m <= 0.1.")
    return _("needed: catching all m cases certifies recall >= r with 90% confidence when r ** m <= 0.1 (section "
             "6.3). Solve 0.99 ** m <= 0.1 for the smallest whole m.")


@exercise("01.2", answer=N_('a dict {"meets": share of the partitions meeting recall 0.99, "needed": number of '
                            'malignant validation cases}'),
          hint=N_("meets: section 6.2's on_test(rules[\"catch every validation case\"]) gives each partition's "
                  "test recall; count the partitions where it is at least 0.99. needed: section 6.3's bound, "
                  "r ** m = 0.1, solved for m with r = 0.99."))
def check_strict_goal(strict, prediction=NOT_ANSWERED, *, val_pos, test_pos):
    """01.2: how often "catch every validation case" meets recall 0.99, and how many cases would certify it."""
    problem = unrecorded(prediction, SHARE_OUTCOMES)
    if problem:
        return problem
    numbers, problem = _dict_of_numbers(strict, ("meets", "needed"), "strict")
    if problem:
        return problem
    meets, needed = numbers["meets"], numbers["needed"]
    share = strict_share(val_pos, test_pos)
    exact = exact_share(np.asarray(val_pos).shape[1], np.asarray(test_pos).shape[1])
    lines = []
    if 1 < meets <= 100 and (abs(meets / 100 - share) <= 0.05 or abs(meets / 100 - exact) <= 0.03):
        lines.append(_("meets: give a share between 0 and 1 ({fraction:.3f}), not a percentage.").format(
            fraction=meets / 100))
    elif not (abs(meets - share) <= 0.05 or abs(meets - exact) <= 0.03):
        if abs(meets - strict_share(val_pos, test_pos, goal=0.95)) <= 0.02:
            lines.append(_("meets: that is how often the rule meets recall 0.95 (section 6.3); count the partitions "
                           "whose test recall reaches 0.99."))
        else:
            lines.append(_("meets: count the partitions where catching every validation case gives a test recall "
                           "of at least 0.99, and divide by their number; {meets:.3f} is not that share.").format(
                               meets=meets))
    lines.append(_needed_problem(needed))
    lines = [line for line in lines if line]
    if lines:
        return "\n".join(lines)
    outcome = "most" if share > 0.8 else "few" if share < 0.2 else "half"
    guess = prediction.strip().lower()
    if guess != outcome:
        return Remark(_("you predicted \"{guess}\", and it met the goal on {share:.1%} of the partitions. Recall "
                        "0.99 of {n_test} test cases allows no miss at all, so the goal fails whenever the "
                        "lowest-scored malignant case of all landed in test: as likely as landing in validation. The "
                        "margin that bought 0.95 buys nothing here.").format(guess=guess, share=share,
                                                                              n_test=np.asarray(test_pos).shape[1]))
    return None


# --- 01.3: the leak with small test sets ------------------------------------------------------------------------

@exercise("01.3", answer=N_("the mean of reported minus true cost for a threshold tuned on test sets of 50 points "
                            "(one number)"),
          hint=N_("report_gap(test_size=50) returns two arrays, the gaps of the test-tuned and of the validation-"
                  "tuned threshold, one per test set; the leak is the first one. Its mean is the answer."))
def check_small_leak(gap_50, prediction=NOT_ANSWERED, *, report_gap, leaky):
    """01.3: the leak's mean gap with 50-point test sets, and the prediction of whether it grows or shrinks."""
    problem = unrecorded(prediction, LEAK_OUTCOMES)
    if problem:
        return problem
    if isinstance(gap_50, tuple | list) and len(gap_50) == 2:
        return _("report_gap returns two arrays, the test-tuned threshold's gaps first, then the validation-tuned "
                 "one's; give one number, the mean of the first.")
    gap = number(gap_50)
    if gap is None:
        return _("gap_50 should be one number, the mean over the test sets; got {kind} {gap_50!r:.80}.").format(
            kind=type(gap_50).__name__, gap_50=gap_50)
    small_leaky, small_honest = report_gap(test_size=50)
    truth = float(np.mean(small_leaky))
    # another set of test sets gives another mean: allow for the noise of both means (3 standard errors of the
    # difference of two)
    tolerance = 3 * math.sqrt(2) * float(np.std(small_leaky)) / math.sqrt(len(small_leaky)) + 0.005
    if abs(gap - float(np.mean(leaky))) <= 0.002 < abs(gap - truth):
        return _("that is section 7's result with test sets of 200 points: rerun report_gap with test_size=50.")
    if abs(gap - truth) > tolerance:
        if abs(gap + truth) <= tolerance:
            return _("that is the size of the leak with the sign turned: reported minus true cost is negative when "
                     "the report looks better than the truth.")
        if abs(gap - float(np.mean(small_honest))) <= tolerance:
            return _("that is the gap of the threshold tuned on validation, the honest one (the second array); the "
                     "leak is the threshold tuned on each test set (the first).")
        return _("{gap:+.3f} is further from what report_gap(test_size=50) gives for the test-tuned threshold than "
                 "other test sets would explain. Take the mean of the first array it returns.").format(gap=gap)
    outcome = "grow" if truth < float(np.mean(leaky)) else "shrink"
    guess = prediction.strip().lower()
    if guess != outcome:
        if outcome == "grow":
            text = _("you predicted the leak would \"{guess}\", and it grew: {small:+.3f} per case with 50 points, "
                     "{large:+.3f} with 200. A small test set is noisy, so the threshold that looks best on it fits "
                     "more of its luck, and its report is further from the truth.")
        else:
            text = _("you predicted the leak would \"{guess}\", and on this draw it shrank: {small:+.3f} per case "
                     "with 50 points, {large:+.3f} with 200. Expect the opposite on most draws: a small test set is "
                     "noisy, so the threshold that looks best on it usually fits more of its luck; here the noise "
                     "went the other way.")
        return Remark(text.format(guess=guess, small=truth, large=float(np.mean(leaky))))
    return None


# --- 01.4: an overconfident model -------------------------------------------------------------------------------

def overconfident(model, X) -> torch.Tensor:
    """The probabilities of `model` with its logits doubled, sigmoid(2 z): the same ranking, overconfident."""
    with torch.no_grad():
        return torch.sigmoid(2 * model(X.to(next(model.parameters()).device))).cpu()


def calibrated(model, X) -> torch.Tensor:
    with torch.no_grad():
        return torch.sigmoid(model(X.to(next(model.parameters()).device))).cpu()


@exercise("01.4", answer=N_('a dict {"p_value": reliability p-value on validation, "rule": true cost of 1/11, '
                            '"tuned": true cost of a threshold tuned on validation}, all with the overconfident '
                            'probabilities'),
          hint=N_("Compute p = sigmoid(2 z) with z = model(X) under torch.no_grad(), for X_val and X_future. Then "
                  "calibration_bins(y_val, ...).p_value; the true cost is the cost on the fresh data, "
                  "threshold_metrics(y_future, ..., t).cost(MISS_COST); tune t on the overconfident validation "
                  "probabilities with threshold_for_min_cost."))
def check_overconfident(over, prediction=NOT_ANSWERED, *, model, X_val, y_val, X_test, y_test, X_future, y_future,
                        miss_cost):
    """01.4: the overconfident model's reliability check, and the true costs of the rule and of tuning."""
    problem = unrecorded(prediction, WHO_SUFFERS)
    if problem:
        return problem
    numbers, problem = _dict_of_numbers(over, ("p_value", "rule", "tuned"), "over")
    if problem:
        return problem
    theory = 1 / (1 + miss_cost)
    o_val, o_future = overconfident(model, X_val), overconfident(model, X_future)
    c_val, c_future = calibrated(model, X_val), calibrated(model, X_future)
    p_value = calibration_bins(y_val, o_val).p_value
    rule = _cost(y_future, o_future, theory, miss_cost)
    t_over = threshold_for_min_cost(y_val, o_val, fn_cost=miss_cost)
    tuned = _cost(y_future, o_future, t_over, miss_cost)
    lines = []

    given = numbers["p_value"]
    if not 0 <= given <= 1:
        lines.append(_("p_value: a p-value is a probability, between 0 and 1."))
    elif not ((given <= 0.01 and p_value <= 0.01) or abs(given - p_value) <= 0.005):
        if abs(given - calibration_bins(y_val, c_val).p_value) <= 0.005:
            lines.append(_("p_value: that is the calibrated model's p-value from section 5; run calibration_bins "
                           "on the overconfident validation probabilities, sigmoid(2 z)."))
        else:
            lines.append(_("p_value: {given:.3g} is not what calibration_bins(y_val, p).p_value gives with the "
                           "overconfident validation probabilities p = sigmoid(2 z).").format(given=given))

    close = 0.002
    given = numbers["rule"]
    if abs(given - rule) > close:
        if abs(given - _cost(y_future, c_future, theory, miss_cost)) <= close:
            lines.append(_("rule: that is the calibrated model's true cost of 1/11 (section 5); apply 1/11 to the "
                           "overconfident probabilities."))
        elif abs(given - _cost(y_test, overconfident(model, X_test), theory, miss_cost)) <= close:
            lines.append(_("rule: that is the cost on the test set; the true cost is the cost on the 100,000 fresh "
                           "points (X_future, y_future)."))
        else:
            lines.append(_("rule: the true cost of 1/11 is threshold_metrics(y_future, p, 1/11).cost(MISS_COST) "
                           "with the overconfident p; {given:.3f} is not it.").format(given=given))

    given = numbers["tuned"]
    if abs(given - tuned) > close:
        reused = threshold_for_min_cost(y_val, c_val, fn_cost=miss_cost)
        if abs(given - _cost(y_future, o_future, reused, miss_cost)) <= close:
            lines.append(_("tuned: you reused the threshold tuned on the calibrated probabilities ({reused:.3f}); "
                           "tune it again, on the overconfident validation probabilities.").format(reused=reused))
        elif abs(given - _cost(y_test, overconfident(model, X_test), t_over, miss_cost)) <= close:
            lines.append(_("tuned: that is the cost on the test set; the true cost is the cost on the 100,000 fresh "
                           "points (X_future, y_future)."))
        else:
            lines.append(_("tuned: tune t on the overconfident validation probabilities with "
                           "threshold_for_min_cost, then take its cost on the fresh data; {given:.3f} is not "
                           "it.").format(given=given))
    if lines:
        return "\n".join(lines)

    before = {"rule": _cost(y_future, c_future, theory, miss_cost),
              "tuned": _cost(y_future, c_future, threshold_for_min_cost(y_val, c_val, fn_cost=miss_cost), miss_cost)}
    worse = [name for name, now in (("rule", rule), ("tuned", tuned)) if now > before[name] + SAME]
    outcome = "both" if len(worse) == 2 else worse[0] if worse else "neither"
    guess = prediction.strip().lower()
    if guess != outcome:
        return Remark(_("you predicted \"{guess}\", and it was \"{outcome}\": the rule's true cost went from "
                        "{rule_before:.3f} to {rule:.3f}, the tuned threshold's from {tuned_before:.3f} to "
                        "{tuned:.3f}. Doubling the logits keeps the order of the cases; tuning on validation looks "
                        "only at that order, while the rule trusts the probabilities' values.").format(
                            guess=guess, outcome=outcome, rule_before=before["rule"], rule=rule,
                            tuned_before=before["tuned"], tuned=tuned))
    return None


# --- 01.quiz: check your understanding --------------------------------------------------------------------------

Q2_MISS_COST = 4       # q2: a miss costs this many false alarms
Q5_CAUGHT = 30         # q5: validation positives, all caught
CORRECT = {"q1": "c", "q3": "a", "q4": "b"}
WHY_NOT = {  # what each wrong choice gets wrong
    "q1": {"a": N_("accuracy counts both classes; with 5% positives a model can be right on 95% of cases and "
                   "still miss every positive (section 3)."),
           "b": N_("accuracy does not fix recall at all: a model that always says 0 has accuracy 0.95 and recall 0, "
                   "and a model that catches every positive can have accuracy 0.95 too (section 3).")},
    "q3": {"b": N_("the threshold was chosen because it looked best on that test set, so its luck is built into "
                   "the report: on new data the cost is higher on average (section 7)."),
           "c": N_("picking the best-looking of many thresholds selects the ones the test set flatters: the cost on "
                   "new data is higher, not lower, on average (section 7).")},
    "q4": {"a": N_("tuned to exactly 0.95 on validation, the threshold sits at the edge of the goal: whether the "
                   "test set does as well depends on which set the few lowest-scored positives landed in, a coin "
                   "flip (section 6.2)."),
           "c": N_("the threshold reaches the goal on validation, and the test set is as likely to do as well as "
                   "not: about half the time, not rarely (section 6.2).")},
}


@exercise("01.quiz", answer=N_('your answers as a dict {"q1": letter, "q2": number, ...}'),
          hint=N_("q1: section 3. q2: section 5's rule, p * cost of a miss > (1 - p) * cost of a false alarm. q3: "
                  "section 7. q4: section 6.2. q5: section 6.3's bound, r ** m = 0.1."))
def check_quiz(answers):
    """01.quiz: one line per wrong or missing answer."""
    if not isinstance(answers, dict):
        return _('answers should be a dict like {{"q1": "a", "q2": 0.5, ...}}; got {answers!r}.').format(
            answers=answers)
    lines = [choice_problem("q1", answers.get("q1"), CORRECT, WHY_NOT)]
    q2, rule = number(answers.get("q2")), 1 / (1 + Q2_MISS_COST)
    if q2 is None:
        lines.append(_("q2: missing; give a number."))
    elif abs(q2 - rule) <= 0.005:
        pass
    elif abs(q2 - (1 - rule)) <= 0.005:
        lines.append(_("q2: that is on the wrong side of 0.5: a costlier miss makes it pay to call a case positive "
                       "sooner, so the threshold moves down."))
    elif abs(q2 - 1 / Q2_MISS_COST) <= 0.005:
        lines.append(_("q2: calling a case positive pays when p * {cost} > (1 - p) * 1, that is when "
                       "p > 1/{denominator}: the false alarm's (1 - p) counts too.").format(
                           cost=Q2_MISS_COST, denominator=Q2_MISS_COST + 1))
    elif abs(q2 - 0.5) <= 0.005:
        lines.append(_("q2: 0.5 is the rule for equal costs; here a miss costs 4 times a false alarm."))
    else:
        lines.append(_("q2: solve p * {cost} = (1 - p) * 1 for p.").format(cost=Q2_MISS_COST))
    lines += [choice_problem(q, answers.get(q), CORRECT, WHY_NOT) for q in ("q3", "q4")]
    q5, bound = number(answers.get("q5")), 0.1 ** (1 / Q5_CAUGHT)
    if q5 is None:
        lines.append(_("q5: missing; give a number."))
    elif abs(q5 - bound) <= 0.002:
        pass
    elif abs(q5 - 1) <= 0.002:
        lines.append(_("q5: catching all {caught} cannot prove a recall of 1: a recall of 0.95 would still catch "
                       "all of them with probability 0.95 ** {caught} = {chance:.2f}.").format(
                           caught=Q5_CAUGHT, chance=0.95 ** Q5_CAUGHT))
    elif abs(q5 - 0.9) <= 0.002:
        lines.append(_("q5: 0.9 is the confidence, not the bound: find the recall r with r ** 30 = 0.1."))
    elif abs(q5 - 0.05 ** (1 / Q5_CAUGHT)) <= 0.002:
        lines.append(_("q5: that is the 95% bound, r ** 30 = 0.05; the question asks for 90%."))
    else:
        lines.append(_("q5: the 90% lower bound is the recall r at which catching all {caught} has probability "
                       "0.1: r ** {caught} = 0.1.").format(caught=Q5_CAUGHT))
    return "\n".join(line for line in lines if line) or None
