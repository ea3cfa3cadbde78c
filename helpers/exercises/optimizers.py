"""Checks of notebook 03 (optimizers and the learning rate): the winner of the race at every shared rate,
what centring the feature does to the narrow valley, how the noise of a minibatch gradient shrinks with the
batch size, and the closing quiz.

Each check works the truth out from the notebook's own objects (its sweeps, its data, its starting
weights), so it holds on any seed and any CPU.
"""
import math

import numpy as np
import torch

from helpers.exercises import NOT_ANSWERED, Remark, exercise
from helpers.exercises.answers import choice_problem
from helpers.language import N_, _
from helpers.sweep import initial_parameters, sweep

BATCH_SIZES = (25, 100)
FACTORS = (1, 2, 4)
SPREAD_TOLERANCE = 0.35  # six shuffles estimate an RMS distance to within about 25%; a right answer is within 35%


def _number(value) -> float | None:
    """`value` as a float (inf allowed), or None if it is not a real number (a tensor of one element counts)."""
    if (isinstance(value, torch.Tensor) and value.numel() == 1) or (isinstance(value, np.ndarray) and value.size == 1):
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, int | float | np.floating | np.integer):
        return None
    value = float(value)
    return None if math.isnan(value) else value


def settle_steps(losses, goal: float) -> np.ndarray:
    """Per row, the first epoch (1-based) from which the loss stays at or below `goal`; inf if it never does."""
    losses = np.atleast_2d(np.asarray(losses, dtype=float))
    above = ~(losses <= goal)
    epochs = losses.shape[1]
    last_above = np.where(above.any(1), epochs - 1 - np.argmax(above[:, ::-1], 1), -1)
    return np.where(last_above == epochs - 1, np.inf, last_above + 2.0)


# --- 03.1: the winner of the race at every shared rate ---------------------------------------------------------

def race_winners(speed: dict, lrs) -> dict[int, set]:
    """Grid index -> the optimizers that settle in the fewest epochs there (several on a tie), where one settles."""
    out = {}
    for i in range(len(lrs)):
        times = {name: float(s[i]) for name, s in speed.items()}
        best = min(times.values())
        if math.isfinite(best):
            out[i] = {name for name, t in times.items() if t == best}
    return out


def _grid_index(key, lrs) -> int | None:
    """The grid index of a rate given as a number or a string like "0.0316" (to within 2%), else None."""
    try:
        rate = float(key)
    except (TypeError, ValueError):
        return None
    if not rate > 0:
        return None
    gaps = np.abs(np.log(np.asarray(lrs, dtype=float)) - math.log(rate))
    return int(gaps.argmin()) if gaps.min() <= math.log(1.02) else None


@exercise("03.1", answer=N_("the winner at each shared rate where some optimizer settles, as a dict {rate: name}"),
          hint=N_("For each index i of LRS, compare speed[name][i] (epochs to settle; inf: never) across the three "
                  "optimizers: min(times, key=times.get) gives the winner. Skip the rates where all three are inf "
                  "(np.isfinite). Then count the different names with set(winners.values())."))
def check_winners(winners, prediction=NOT_ANSWERED, *, speed, lrs, finals=None):
    """03.1: the winner at every rate, and the prediction of how many different optimizers win somewhere."""
    if prediction is NOT_ANSWERED or prediction is None:
        return _("first record your prediction in the prediction cell above, before you run anything: how many "
                 "different optimizers win a race somewhere on the grid, 1, 2 or 3? Then run your code and this "
                 "check.")
    guess = _number(prediction)
    if guess not in (1.0, 2.0, 3.0):
        return _("your prediction should be a number of optimizers: 1, 2 or 3; got {prediction!r}.").format(
            prediction=prediction)
    names = list(speed)
    if not isinstance(winners, dict) or not winners:
        return _("winners should be a dict {{rate: name}}, e.g. {{0.01: \"Adam\", ...}}; got {winners!r}.").format(
            winners=winners)
    truth = race_winners(speed, lrs)
    given = {}
    for key, name in winners.items():
        i = _grid_index(key, lrs)
        if i is None:
            return _("the key {key!r} is not a rate of the grid LRS ({rates}).").format(
                key=key, rates=", ".join(f"{v:.3g}" for v in lrs))
        if name not in names:
            return _("at rate {rate:.3g} the winner should be one of {names}; got {name!r}.").format(
                rate=lrs[i], names=names, name=name)
        given[i] = name
    idle = sorted(set(given) - set(truth))
    if idle:
        return _("at rate {rate:.3g} no optimizer settles within the sweep's epochs (every speed there is "
                 "inf): nobody wins that race, so leave such rates out.").format(rate=lrs[idle[0]])
    missing = sorted(set(truth) - set(given))
    if missing:
        return _("you have {given} of the {total} rates where some optimizer settles; missing, for "
                 "example, {rate:.3g}.").format(given=len(given), total=len(truth), rate=lrs[missing[0]])
    for i in sorted(truth):
        if given[i] in truth[i]:
            continue
        times = {name: float(speed[name][i]) for name in names}
        if given[i] == max(times, key=times.get):
            return _("at rate {rate:.3g} you named the optimizer that needs the MOST epochs to settle; the race is "
                     "won by the fewest.").format(rate=lrs[i])
        if finals is not None:
            final = {name: float(np.median(finals[name][i])) for name in names}
            if given[i] == min(final, key=final.get):
                return _("at rate {rate:.3g}, {name} ends with the lowest final loss, but the race asks who gets "
                         "there first: the fewest epochs to settle, in speed.").format(rate=lrs[i], name=given[i])
        return _("at rate {rate:.3g} another optimizer settles in fewer epochs than {name}: compare speed "
                 "there.").format(rate=lrs[i], name=given[i])
    outcome = len(set(given.values()))
    if guess != outcome:
        low, high = given[min(given)], given[max(given)]
        return Remark(_("You predicted {guess:.0f} different winner(s); there are {outcome}. At one shared rate the "
                        "winner is whoever suits that number: {low} at the lowest rates where someone settles, {high} "
                        "at the highest. That is why optimizers are compared each at its own tuned rate.").format(
            guess=guess, outcome=outcome, low=low, high=high))
    return None


# --- 03.2: centring the feature widens the valley ---------------------------------------------------------------

def newton_minimum(x, y) -> tuple[float, float]:
    """The lowest mean training BCE of sigma(w x + b) (Newton's method, double precision) and the condition
    number of its Hessian there."""
    x, y = torch.as_tensor(x).double().cpu().flatten(), torch.as_tensor(y).double().cpu()
    A = torch.stack([x, torch.ones_like(x)], 1)
    theta = torch.zeros(2, dtype=torch.float64)
    for _step in range(30):
        p = torch.sigmoid(A @ theta)
        hessian = (A.T * (p * (1 - p))) @ A / len(A)
        theta -= torch.linalg.solve(hessian, A.T @ (p - y) / len(A))
    p = torch.sigmoid(A @ theta)
    curvatures = torch.linalg.eigvalsh((A.T * (p * (1 - p))) @ A / len(A))
    lowest = torch.nn.functional.binary_cross_entropy_with_logits(A @ theta, y).item()
    return lowest, (curvatures[1] / curvatures[0]).item()


def sgd_settle_steps(x, y, start, lrs, goal: float, epochs: int) -> np.ndarray:
    """Steps plain full-batch SGD needs to settle at each rate of `lrs`, from `start`, on the feature x."""
    x = torch.as_tensor(x).reshape(len(y), 1)
    result = sweep(x, y, val=(x, y), optimizer="sgd", lrs=lrs, seeds=(0,), epochs=epochs, start=start)
    return settle_steps(result.val_loss, goal)


def _same_steps(answer: float, truth: float) -> bool:
    """Equal to within one step (counting the loss before or after the step are both fine); inf equals inf."""
    return (math.isinf(answer) and math.isinf(truth)) or abs(answer - truth) <= 1


LOWEST_OUTCOMES = ("lower", "the same", "higher")  # code value


@exercise("03.2", answer=N_("the lowest loss, the condition number and SGD's fewest steps to settle for the centred "
                            "feature, as a dict {\"lowest\": ..., \"kappa\": ..., \"steps\": ...}"),
          hint=N_("x_c = x_1d - x_1d.mean(). newton_fit(x_c.cpu()[:, None], y_train) gives the exact minimum and the "
                  "Hessian there, as in section 3 (bce_at needs the new feature: compute the loss with "
                  "F.binary_cross_entropy_with_logits). For the steps, copy the `valley` cell with x_c, SGD only, and "
                  "take the minimum over the rates of epochs_to_settle(result.val_loss, lowest + TOLERANCE)."))
def check_centred(centred, prediction=NOT_ANSWERED, *, x, y, start, lrs, tolerance, epochs):
    """03.2: what centring the feature changes (the condition number, SGD's steps) and what it keeps (the
    lowest loss), with the prediction about the lowest loss."""
    if prediction is NOT_ANSWERED or prediction is None:
        return _('first record your prediction in the prediction cell above, before you run anything: "lower", '
                 '"the same" or "higher". Then run your code and this check.')
    guess = prediction.strip().lower() if isinstance(prediction, str) else None
    if guess == "same":
        guess = "the same"  # code value
    if guess not in LOWEST_OUTCOMES:
        return _('your prediction should be "lower", "the same" or "higher"; got {prediction!r}.').format(
            prediction=prediction)
    values = {k: _number(v) for k, v in centred.items()} if isinstance(centred, dict) else {}
    if set(values) != {"lowest", "kappa", "steps"} or any(v is None for v in values.values()):
        return _('centred should be a dict {{"lowest": loss, "kappa": condition number, "steps": steps}} of three '
                 "numbers (math.inf for steps that never settle); got {centred!r}.").format(centred=centred)
    x = torch.as_tensor(x).double().cpu().flatten()
    x_c = x - x.mean()
    lowest, kappa = newton_minimum(x_c, y)
    valley_lowest, valley_kappa = newton_minimum(x, y)
    if abs(values["lowest"] - lowest) > 1e-3:
        if values["lowest"] < lowest:
            return _("the lowest loss cannot be below {lowest:.3f}: compute it at the exact minimum (newton_fit), "
                     "on the centred feature.").format(lowest=lowest)
        return _("that loss is above the lowest possible: compute the exact minimum (newton_fit) of the centred "
                 "problem, not the loss after some steps.")
    if abs(values["kappa"] / kappa - 1) > 0.05:
        if abs(values["kappa"] / valley_kappa - 1) <= 0.05:
            return _("that is the condition number of section 3's valley: compute it for the centred feature.")
        if values["kappa"] < 1:
            return _("the condition number is the LARGEST curvature over the smallest: it is never below 1.")
        scaled = x_c / x_c.std()
        if abs(values["kappa"] / newton_minimum(scaled, y)[1] - 1) <= 0.05:
            return _("that is the condition number of the standardized feature (also divided by its standard "
                     "deviation); the exercise only subtracts the mean.")
        return _("not the condition number of the centred problem: the ratio of the Hessian's two eigenvalues at "
                 "its minimum (torch.linalg.eigvalsh).")
    goal = lowest + tolerance
    steps = sgd_settle_steps(x_c.float(), y, start, lrs, goal, epochs)
    equivalent = (float(start[0]), float(start[1]) + float(start[0]) * x.mean().item())  # the same model as `start`
    other = sgd_settle_steps(x_c.float(), y, equivalent, lrs, goal, epochs)
    if not (_same_steps(values["steps"], float(steps.min())) or _same_steps(values["steps"], float(other.min()))):
        shared = int(np.argmin(np.abs(np.log(np.asarray(lrs, dtype=float) / 0.1))))
        if _same_steps(values["steps"], float(steps[shared])):
            return _("these are SGD's steps at the shared rate {rate:.3g}: tune the rate, take the fewest steps "
                     "over all the rates of the grid.").format(rate=lrs[shared])
        if values["steps"] > 50:
            return _("that many steps is the narrow valley of section 3: train on the centred feature x_c (from the "
                     "same start).")
        return _("not the steps the sweep gives on the centred feature: epochs_to_settle(result.val_loss, lowest + "
                 "TOLERANCE), its minimum over the rates.")
    if guess != "the same":  # code value
        predicted = {"lower": _("You predicted that the lowest loss would be lower; it is the same, {lowest:.3f}."),
                     "higher": _("You predicted that the lowest loss would be higher; it is the same, {lowest:.3f}.")}
        return Remark(predicted[guess].format(lowest=lowest) + " " + _(
            "Centring only moves the bias: sigma(w (x - m) + b) is sigma(w x + (b - w m)), so both features "
            "describe exactly the same models, and the best of them is the same model. What changes is the shape "
            "of the valley: its condition number drops from {valley_kappa:.0f} to {kappa:.1f}.").format(
            valley_kappa=valley_kappa, kappa=kappa))
    return None


# --- 03.3: how the noise of a minibatch gradient shrinks with the batch size ------------------------------------

def expected_spread(X, y, seed: int, size: int) -> tuple[float, float]:
    """The RMS distance between the gradient of a random batch of `size` (drawn without replacement) and the full
    gradient, at the starting weights of `seed`; and the length of the full gradient."""
    X, y = torch.as_tensor(X).float().cpu(), torch.as_tensor(y).float().cpu()
    w, b = initial_parameters(X.shape[1], seed)
    p = torch.sigmoid(X @ w + b)
    per_example = ((p - y)[:, None] * torch.cat([X, torch.ones(len(X), 1)], 1)).double()
    full = per_example.mean(0)
    variance = (per_example - full).square().sum(1).mean().item()
    n = len(X)
    return math.sqrt(variance / size * (n - size) / (n - 1)), full.norm().item()


@exercise("03.3", answer=N_("the RMS distance between batch gradients and the full gradient, as a dict "
                            "{25: distance, 100: distance}"),
          hint=N_("At the starting weights (seed_everything(SEED); LogisticRegression(2)), the per-example gradients "
                  "of BCE are (p - y) * [x1, x2, 1]; a batch's gradient is the mean of its rows. Shuffle with "
                  "torch.randperm, reshape to (batches, size, 3), take the mean over the size, subtract "
                  "full_gradient, take the norm of each difference; then the square root of the mean of their "
                  "squares."))
def check_minibatch_noise(spread, prediction=NOT_ANSWERED, *, X, y, seed):
    """03.3: the RMS distance for batches of 25 and 100, and the predicted factor between them."""
    if prediction is NOT_ANSWERED or prediction is None:
        return _("first record your prediction in the prediction cell above, before you run anything: by about 1, 2 "
                 "or 4? Then run your code and this check.")
    guess = _number(prediction)
    if guess not in FACTORS:
        return _("your prediction should be a factor: 1, 2 or 4; got {prediction!r}.").format(prediction=prediction)
    values = {}
    if isinstance(spread, dict):
        for key, value in spread.items():
            size = _number(key)
            if size in BATCH_SIZES:
                values[int(size)] = _number(value)
    if set(values) != set(BATCH_SIZES) or any(v is None or not 0 < v < math.inf for v in values.values()):
        return _("spread should be a dict {{25: distance, 100: distance}} of two positive numbers; got {spread!r}."
                 ).format(spread=spread)
    expected = {size: expected_spread(X, y, seed, size) for size in BATCH_SIZES}
    close = {size: abs(values[size] / expected[size][0] - 1) <= SPREAD_TOLERANCE for size in BATCH_SIZES}
    if not all(close.values()):
        if all(abs(values[s] / expected[t][0] - 1) <= SPREAD_TOLERANCE for s, t in ((25, 100), (100, 25))):
            return _("your two values are swapped: the larger batch gives the smaller distance.")
        for size in BATCH_SIZES:
            if close[size]:
                continue
            rms, full = expected[size]
            if abs(values[size] / rms ** 2 - 1) <= SPREAD_TOLERANCE:
                return _("spread[{size}] looks like the mean of the SQUARED distances: take its square root "
                         "(root-mean-square).").format(size=size)
            if abs(values[size] * full / rms - 1) <= SPREAD_TOLERANCE:
                return _("spread[{size}] looks divided by the length of the full gradient: the question asks for the "
                         "distance itself.").format(size=size)
            if values[size] > 4 * rms:
                return _("spread[{size}] is far too large: a batch's gradient is the MEAN of its examples' gradients, "
                         "like the full gradient, not their sum; and both are taken at the starting weights.").format(
                    size=size)
            if values[size] > rms:
                return _("spread[{size}] is too large for batches of {size} at the starting weights of section 5: "
                         "compare each batch's mean gradient with full_gradient, there.").format(size=size)
            return _("spread[{size}] is too small for batches of {size} at the starting weights of section 5: "
                     "compare each batch's mean gradient with full_gradient, there.").format(size=size)
    outcome = min(FACTORS, key=lambda f: abs(math.log(f) - math.log(expected[25][0] / expected[100][0])))
    if guess != outcome:
        ratio = values[25] / values[100]
        why = {4: _("four times the batch size divides the VARIANCE (the mean of the squared distances) by about 4, "
                    "so the RMS distance, its square root, only by about 2"),
               1: _("the noise does shrink: a mean over more examples strays less from the full mean; the variance "
                    "by about 4, the RMS distance by about 2")}
        return Remark(_("You predicted a factor of {guess:.0f}; you measured {ratio:.2f}: {why} (a little more than 2 "
                        "here, because the batches are drawn without replacement from a finite set).").format(
            guess=guess, ratio=ratio, why=why[int(guess)]))
    return None


# --- 03.quiz: check your understanding --------------------------------------------------------------------------

CORRECT = {"q1": "c", "q3": "a", "q5": "b"}
WHY_NOT = {  # what each wrong choice gets wrong
    "q1": {"a": N_("at the shared rate 1 Adam came last (section 2): a race at one rate says which optimizer "
                   "suits that number, not which is best."),
           "b": N_("at their own tuned rates SGD and Adagrad settle within a few epochs (section 4); 0.01 is simply "
                   "too low a rate for them.")},
    "q3": {"b": N_("at a constant rate each minibatch step follows a noisy estimate of the gradient, so the loss keeps "
                   "jittering around the floor (section 5's right panel)."),
           "c": N_("the noise does not add up to divergence: the loss stays near the floor, jittering (section 5).")},
    "q5": {"a": N_("momentum's steps are LONGER than SGD's along the floor, at least twice (section 3's step lengths), "
                   "and it does overshoot at first."),
           "c": N_("that is Adam's (and Adagrad's) rule; momentum keeps a running sum of the gradients themselves.")},
}


@exercise("03.quiz", answer=N_("your answers as a dict {\"q1\": letter, \"q2\": number, ...}"),
          hint=N_("q1: section 2, both races. q2: section 1, the first step of Adagrad and Adam; the length of a "
                  "vector (a, b) is sqrt(a^2 + b^2). q3: section 5's right panel. q4: section 6. q5: section 3, the "
                  "momentum rule and its step lengths."))
def check_quiz(answers):
    """03.quiz: one line per wrong or missing answer."""
    if not isinstance(answers, dict):
        return _('answers should be a dict like {{"q1": "a", "q2": 0.5, ...}}; got {answers!r}.').format(
            answers=answers)
    lines = [choice_problem("q1", answers.get("q1"), CORRECT, WHY_NOT)]
    q2 = _number(answers.get("q2"))
    first = 0.05 * math.sqrt(2)
    if q2 is None:
        lines.append(_("q2: missing; give a number."))
    elif abs(q2 - 0.05 * math.hypot(4, 60)) <= 0.01:
        lines.append(_("q2: that is SGD's first step, 0.05 times the gradient; Adagrad's first step is 0.05 against "
                       "the SIGN of each component."))
    elif abs(q2 - 0.05) <= 1e-3:
        lines.append(_("q2: 0.05 is the step along each axis; the step is a vector with two such components: its "
                       "length is larger."))
    elif abs(q2 - first) > 1e-3:
        lines.append(_("q2: Adagrad's first step moves each weight by the learning rate against the sign of its "
                       "gradient; take the length of that vector."))
    lines.append(choice_problem("q3", answers.get("q3"), CORRECT, WHY_NOT))
    q4 = _number(answers.get("q4"))
    if q4 is None:
        lines.append(_("q4: missing; give a number."))
    elif abs(q4 - 0.25) <= 1e-3:
        lines.append(_("q4: 1/lambda_max = 0.25 is the rate that jumps straight to the bottom along the steepest "
                       "direction; the steps only start to grow beyond twice that."))
    elif abs(q4 - 8) <= 1e-3:
        lines.append(_("q4: the limit shrinks as the curvature grows: it is 2 divided by lambda_max."))
    elif abs(q4 - 0.5) > 1e-3:
        lines.append(_("q4: above which rate is |1 - rate * lambda_max| larger than 1?"))
    lines.append(choice_problem("q5", answers.get("q5"), CORRECT, WHY_NOT))
    return "\n".join(line for line in lines if line) or None
