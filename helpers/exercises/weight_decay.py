"""Checks of notebook 04 (L2 regularization, `weight_decay`): what regularization costs on the training points,
whether noisier data wants more of it, early stopping with patience, and the closing quiz.

Each check works the truth out from the notebook's own objects (the closed-form fits, the draws, the recorded
validation errors), so it holds for any seed in the parameters cell and on any CPU.
"""
import math

import numpy as np
import torch

from helpers.exercises import NOT_ANSWERED, Remark, exercise
from helpers.exercises.answers import choice_problem, number, unrecorded
from helpers.language import N_, _

DIRECTIONS = ("up", "down", "neither")
MEDIAN_MOVES = ("up", "down", "same")
MEDIAN_MOVED = {  # the first sentence of 04.2's remark on a missed prediction, one per outcome
    "up": N_('You predicted "{guess}"; the median moved up ({before:.2g} at noise 0.2, {after:.2g} at noise 0.4).'),
    "down": N_('You predicted "{guess}"; the median moved down ({before:.2g} at noise 0.2, {after:.2g} at noise '
               '0.4).'),
    "same": N_('You predicted "{guess}"; the median stayed the same ({before:.2g} at noise 0.2, {after:.2g} at '
               'noise 0.4).'),
}


def _numbers(values, length: int) -> np.ndarray | None:
    """`values` (a list, array or tensor) as `length` finite floats, or None."""
    try:
        array = np.asarray(values.detach().cpu() if isinstance(values, torch.Tensor) else values, dtype=float)
    except (TypeError, ValueError):
        return None
    array = array.reshape(-1) if array.size == length else array
    if array.shape != (length,) or not np.isfinite(array).all():
        return None
    return array


def _mse(theta: torch.Tensor, X: torch.Tensor, t: torch.Tensor) -> np.ndarray:
    return (torch.as_tensor(theta).double() @ torch.as_tensor(X).double().T
            - torch.as_tensor(t).double()).pow(2).mean(-1).numpy()


def _close(answer: np.ndarray, truth: np.ndarray) -> bool:
    """Equal to within 1% or 1e-4 (values rounded to 4 decimals, float32), and within 1e-3 where the truth is
    near 0 (the interpolant's training error, which float32 cannot resolve)."""
    slack = np.maximum(0.01 * np.abs(truth), np.where(truth < 1e-4, 1e-3, 1e-4))
    return bool(np.all(np.abs(answer - truth) <= slack))


# --- 04.1: what regularization costs on the training points ------------------------------------------------------

TRAINING_MSE_WENT = {  # the first sentence of the remark on a missed prediction, one per outcome
    "up": N_('You predicted "{guess}", and the training MSE went up at every step, from {first:.3f} (the interpolant) '
             'to {last:.3f}.'),
    "down": N_('You predicted "{guess}", and the training MSE went down at every step, from {first:.3f} (the '
               'interpolant) to {last:.3f}.'),
    "neither": N_('You predicted "{guess}", and the training MSE went up at some steps and down at others, from '
                  '{first:.3f} (the interpolant) to {last:.3f}.'),
}

@exercise("04.1", answer=N_("the training MSE of each closed-form fit, one per value of WEIGHT_DECAYS, in order"),
          hint=N_("The closed-form fits of section 5 are the rows of `thetas`, one per value of WEIGHT_DECAYS. "
                  "mse(thetas, X_train, t_train) gives the training MSE of every row at once; .diff() shows how "
                  "each value compares with the one before."))
def check_training_cost(train_mse, prediction=NOT_ANSWERED, *, thetas, X_train, t_train, X_val, t_val):
    """04.1: the training MSE of every closed-form fit, and the prediction of where it goes as weight_decay grows."""
    problem = unrecorded(prediction, DIRECTIONS, before=N_("compute anything"))
    if problem:
        return problem
    truth = _mse(thetas, X_train, t_train)
    answer = _numbers(train_mse, len(truth))
    if answer is None:
        return _("train_mse should hold {count} numbers, the training MSE of each closed-form fit (one per "
                 "value of WEIGHT_DECAYS, in order); got {value!r:.80}.").format(count=len(truth), value=train_mse)
    if not _close(answer, truth):
        n = len(np.asarray(t_train).reshape(-1))
        if _close(answer, _mse(thetas, X_val, t_val)):
            return _("these are the validation errors of section 5's table; the question is what regularization "
                     "costs on the *training* points: evaluate the fits on X_train, t_train.")
        if _close(answer, np.sqrt(truth)):
            return _("these are root mean squared errors; the MSE is the mean of the squared errors, without the "
                     "root.")
        if _close(answer, n * truth):
            return _("these are sums of squared errors over the {n} points; the MSE is their mean.").format(n=n)
        if _close(answer[::-1], truth):
            return _("your values are in reverse order: give them in the order of WEIGHT_DECAYS, from 0 up to 10.")
        return _("these are not the training MSEs of the closed-form fits: for each row theta of `thetas`, take the "
                 "mean of (X_train @ theta - t_train)^2.")
    steps = np.diff(truth)
    outcome = "up" if (steps > 0).all() else "down" if (steps < 0).all() else "neither"
    guess = prediction.strip().lower()
    if guess != outcome:
        went = _(TRAINING_MSE_WENT[outcome]).format(guess=guess, first=truth[0], last=truth[-1])
        return Remark(went + " " + _("The penalty pulls the curve away from the points towards small weights, so "
                                     "the training error can only grow as weight_decay grows: that is the price of "
                                     "the better validation error."))
    return None


# --- 04.2: more noise, more regularization? ----------------------------------------------------------------------

def chosen_values(choose, seeds, weight_decays, noise: float) -> list[float]:
    """The weight_decay chosen on validation on each draw, at this noise."""
    return [float(weight_decays[choose(seed, noise=noise)[0]]) for seed in seeds]


def upper_median(values) -> float:
    """The median as the notebook takes it for an even count: the upper of the two middle values."""
    return sorted(values)[len(values) // 2]


@exercise("04.2", answer=N_("the median weight_decay chosen on validation at noise 0.4, over the same 20 draws"),
          hint=N_("choose_on_validation(seed, noise=0.4)[0] is the index of the value chosen on one draw. Do it for "
                  "the seeds SEED + 10 + 3k, k = 0 to 19, as section 6 does, turn each index into its value with "
                  "WEIGHT_DECAYS[i], and take the median, e.g. sorted(values)[DRAWS // 2]."))
def check_noisier(median_noisy, prediction=NOT_ANSWERED, *, choose, seeds, weight_decays, picks):
    """04.2: the median chosen weight_decay at noise 0.4, and the prediction of how it moves from noise 0.2."""
    problem = unrecorded(prediction, MEDIAN_MOVES, before=N_("compute anything"))
    if problem:
        return problem
    value = number(median_noisy)
    if value is None:
        return _("median_noisy should be one number, a weight_decay; got {value!r:.80}.").format(value=median_noisy)
    noisy = sorted(chosen_values(choose, seeds, weight_decays, noise=0.4))
    clean = [float(weight_decays[i]) for i in picks]
    middle = noisy[len(noisy) // 2 - 1: len(noisy) // 2 + 1] if len(noisy) % 2 == 0 else [upper_median(noisy)]
    if not min(middle) / 1.01 <= value <= max(middle) * 1.01:  # either middle value, or anything between them
        if abs(value - upper_median(clean)) <= 0.01 * upper_median(clean):
            return _("that is the median at noise 0.2, section 6's choices; call choose_on_validation(seed, "
                     "noise=0.4) to draw the noisier points.")
        if abs(value - np.mean(noisy)) <= 0.01 * np.mean(noisy):
            return _("that is the mean of the 20 choices; a few large choices pull a mean up. The question asks "
                     "for the median, the middle value.")
        indices = sorted(choose(seed, noise=0.4)[0] for seed in seeds)
        if value == int(value) and int(value) in indices[len(indices) // 2 - 1: len(indices) // 2 + 1]:
            return _("that is a position in WEIGHT_DECAYS, not a weight_decay: take WEIGHT_DECAYS[i].")
        return _("{value:.3g} is not the median of the 20 choices at noise 0.4: use the same draws as section 6, "
                 "the seeds SEED + 10 + 3k for k = 0 to 19, each with noise=0.4.").format(value=value)
    before, after = upper_median(clean), upper_median(noisy)
    outcome = "up" if after > before else "down" if after < before else "same"
    guess = prediction.strip().lower()
    if guess != outcome:
        moved = _(MEDIAN_MOVED[outcome]).format(guess=guess, before=before, after=after)
        return Remark(moved + " " + _("Noisier points give the curve more noise to chase; the validation set then "
                                      "prefers a stronger pull towards small weights."))
    return None


# --- 04.3: early stopping with patience ---------------------------------------------------------------------------

def stop_with_patience(val, patience: int) -> tuple[int, int]:
    """Where a run watching `val` (val[e - 1] after epoch e) stops with this patience, and the epoch it keeps:
    it stops once `patience` epochs in a row bring no new lowest value (or at the last epoch) and keeps the
    epoch of the lowest value so far."""
    best, kept, waited = math.inf, 0, 0
    values = np.asarray(val, dtype=float).reshape(-1)
    for epoch, value in enumerate(values, 1):
        if value < best:
            best, kept, waited = value, epoch, 0
        else:
            waited += 1
            if waited >= patience:
                return epoch, kept
    return len(values), kept


@exercise("04.3", answer=N_("the epoch at which training stops and the epoch whose weights it keeps, as a pair "
                            "(stopped_at, kept)"),
          hint=N_("Walk through path_val epoch by epoch (epoch e is path_val[e - 1]), remembering the lowest value "
                  "so far, its epoch, and how many epochs have passed without a new lowest value. Stop when that "
                  "count reaches PATIENCE."))
def check_patience(early, *, val, patience):
    """04.3: the stopping epoch and the kept epoch of early stopping with this patience."""
    pair = [number(v) for v in early] if isinstance(early, tuple | list) and len(early) == 2 else None
    if pair is None or any(v is None or v != int(v) for v in pair):
        return _("early should be a pair of two whole epochs, (stopped_at, kept); got {value!r:.80}.").format(
            value=early)
    stopped_at, kept = (int(v) for v in pair)
    truth_stop, truth_kept = stop_with_patience(val, patience)
    lowest = int(np.argmin(np.asarray(val, dtype=float))) + 1
    if kept == truth_kept and abs(stopped_at - truth_stop) <= 1:
        return None   # stopping when the count exceeds the patience, rather than reaches it, is fine too
    if kept == truth_kept - 1 and abs(stopped_at - (truth_stop - 1)) <= 1:
        return Remark(_("you counted epochs from 0; the notebook counts them from 1 (path_val[e - 1] is epoch e), "
                        "so the run stops at epoch {stop} and keeps epoch {kept}.").format(stop=truth_stop,
                                                                                          kept=truth_kept))
    if abs(stopped_at - truth_stop) <= 1 and kept == stopped_at:
        return _("the run stops at epoch {stop}, right, but early stopping then restores the weights of "
                 "the epoch with the lowest validation error so far, not the last ones.").format(stop=truth_stop)
    if stopped_at == kept == truth_kept:
        return _("at epoch {kept} the run cannot know that no lower value will come: it stops only after "
                 "{patience} epochs in a row without a new lowest value.").format(kept=truth_kept, patience=patience)
    if stopped_at == len(np.asarray(val).reshape(-1)) and truth_stop < stopped_at:
        return _("the patience ran out long before the last epoch: count the epochs since the last new lowest "
                 "value, and stop when {patience} have passed.").format(patience=patience)
    if kept == lowest and truth_kept != lowest:
        return _("epoch {lowest} has the lowest validation error of the whole run, but a run with patience "
                 "{patience} has stopped before it gets there: early stopping only sees the epochs so "
                 "far.").format(lowest=lowest, patience=patience)
    return _("({stopped_at}, {kept}) is not what the rule gives with patience {patience}: after each epoch, either "
             "the validation error is a new lowest (remember it, reset the count) or not (count one more); "
             "stop when the count reaches the patience.").format(stopped_at=stopped_at, kept=kept, patience=patience)


# --- 04.quiz: check your understanding ---------------------------------------------------------------------------

Q3_LR, Q3_DECAY = 0.5, 0.1   # q3: one SGD step on a weight whose loss gradient is 0
CORRECT = {"q1": "b", "q2": "b", "q4": "c", "q5": "b"}
WHY_NOT = {  # what each wrong choice gets wrong
    "q1": {"a": N_("zero training error came from chasing the noise: between the points the interpolant swings far "
                   "outside the data, and its validation error was enormous (section 6)."),
           "c": N_("it is the solution of twelve linear equations, X theta = y: section 3 solves them directly.")},
    "q2": {"a": N_("the roughness is not what the penalty measures; it fell overall but rose at a step on some draws "
                   "(section 5). The weight norm falls at every step, guaranteed."),
           "c": N_("the validation error has a sweet spot: it falls, then rises again as weight_decay flattens the "
                   "curve (section 6).")},
    "q4": {"a": N_("in SGD, weight_decay adds lambda * theta to the gradient: exactly the gradient of the L2 penalty "
                   "(section 9)."),
           "b": N_("in Adam too, weight_decay adds lambda * theta to the gradient before the step: the gradient of "
                   "an L2 penalty, which Adam then rescales with the rest (section 9).")},
    "q5": {"a": N_("the run has weight_decay = 0: nothing pulls it towards small weights; its weight norm grows at "
                   "every epoch (section 7)."),
           "c": N_("early stopping adds nothing to the loss: it only ends the run at the epoch with the lowest "
                   "validation error.")},
}


@exercise("04.quiz", answer=N_("your answers as a dict {\"q1\": letter, \"q2\": letter, \"q3\": number, ...}"),
          hint=N_("q1: sections 3 and 6. q2: the check of section 5. q3: the step is lr * (gradient + weight_decay * "
                  "weight). q4: section 9. q5: section 7."))
def check_quiz(answers):
    """04.quiz: one line per wrong or missing answer."""
    if not isinstance(answers, dict):
        return _('answers should be a dict like {{"q1": "a", "q3": 0.5, ...}}; got {value!r:.80}.').format(
            value=answers)
    lines = [choice_problem(q, answers.get(q), CORRECT, WHY_NOT) for q in ("q1", "q2")]
    q3 = number(answers.get("q3"))
    factor = 1 - Q3_LR * Q3_DECAY
    if q3 is None:
        lines.append(_("q3: missing; give a number."))
    elif abs(q3 - (1 - Q3_DECAY)) <= 1e-3:
        lines.append(_("q3: the step is the learning rate times (gradient + weight_decay * weight): multiply "
                       "weight_decay by the learning rate too."))
    elif abs(q3 - Q3_LR * Q3_DECAY) <= 1e-3:
        lines.append(_("q3: that is how much of the weight the step removes; the question asks for the factor the "
                       "weight is multiplied by."))
    elif abs(q3 - (1 + Q3_LR * Q3_DECAY)) <= 1e-3:
        lines.append(_("q3: the step is subtracted: weight decay shrinks the weight, it does not grow it."))
    elif abs(q3 - factor) > 1e-3:
        lines.append(_("q3: write the SGD step for a weight w with loss gradient 0: w - lr * (0 + weight_decay * "
                       "w)."))
    lines += [choice_problem(q, answers.get(q), CORRECT, WHY_NOT) for q in ("q4", "q5")]
    return "\n".join(line for line in lines if line) or None
