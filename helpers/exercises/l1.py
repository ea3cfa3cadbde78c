"""Checks of notebook 05 (L1 regularization): the strength at which L1 switches every weight off, what L1 does
with two identical columns, choosing the strength by a "simplest model within 5%" rule, and the closing quiz.

Each check works the truth out for itself from the notebook's own data and path (in float64 where it solves a
problem), so it holds on any seed and any CPU, and accepts every correct method.
"""

import numpy as np
import torch

from helpers.exercises import NOT_ANSWERED, Remark, exercise
from helpers.exercises.answers import choice_problem, number, unrecorded
from helpers.language import N_, _

TWIN_OUTCOMES = ("same", "half", "double")
REL = 0.01       # 05.1: a strength within 1% of lambda_max is right
TWIN_TOL = 0.02  # 05.2: the twins' total within 0.02 of the one column's weight at the L1 minimum
MARGIN = 0.05    # 05.3: the rule accepts validation MSEs up to 5% above the lowest


def _array(value) -> np.ndarray:
    """A tensor or array as a float64 NumPy array."""
    if isinstance(value, torch.Tensor):
        value = value.detach().cpu().double().numpy()
    return np.asarray(value, dtype=np.float64)


# --- 05.1: the strength at which every weight is zero -----------------------------------------------------------

def gradient_at_zero(X, y) -> np.ndarray:
    """|d MSE / d w_j| at w = 0 with the bias at its best value there, the mean of y: 2/n |X'(y - mean(y))|."""
    X, y = _array(X), _array(y)
    return np.abs(2 / len(y) * X.T @ (y - y.mean()))


def _grid_neighbours(path_l1, strengths) -> tuple[float, float] | None:
    """The strongest grid strength that keeps a weight, and the next one (which keeps none), if both exist."""
    on = np.flatnonzero((_array(path_l1) != 0).any(1))
    if len(on) == 0 or on[-1] + 1 >= len(strengths):
        return None
    return float(strengths[on[-1]]), float(strengths[on[-1] + 1])


@exercise("05.1", answer=N_("the strength at which L1 switches off every weight and the last feature to go, as a "
                            "dict {\"strength\": ..., \"feature\": ...}"),
          hint=N_("Start from w = 0. The bias is not penalized, so with every weight at zero it settles at the mean "
                  "of y. The soft threshold keeps weight j at zero as long as the size of the data gradient "
                  "|d MSE / d w_j| = |2/n X_j'(y - mean(y))| is at most the strength: so the strength that switches "
                  "off every weight is the largest of these sizes, and the feature that has it goes last."))
def check_switch_off(switch_off, *, X, y, path_l1, strengths, true_coef):
    """05.1: lambda_max = max_j |2/n X_j'(y - mean y)| and the feature where that maximum is reached."""
    if (not isinstance(switch_off, dict) or set(switch_off) != {"strength", "feature"}
            or number(switch_off["strength"]) is None or number(switch_off["feature"]) is None
            or number(switch_off["feature"]) != int(number(switch_off["feature"]))):
        return _('switch_off should be a dict {{"strength": a number, "feature": a column index (0 to 19)}}; '
                 "got {switch_off!r}.").format(switch_off=switch_off)
    strength, feature = number(switch_off["strength"]), int(number(switch_off["feature"]))
    gradient = gradient_at_zero(X, y)
    lam_max, n = float(gradient.max()), len(_array(y))
    if abs(strength - lam_max) > REL * lam_max:
        uncentred = float(np.abs(2 / n * _array(X).T @ _array(y)).max())
        grid = _grid_neighbours(path_l1, strengths)
        if abs(strength - lam_max / 2) <= REL * lam_max / 2:
            return _("that is half the answer: the gradient of the mean squared error (1/n) sum (w'x + b - y)^2 "
                     "carries the factor 2 of the square.")
        if any(abs(strength - k * lam_max) <= REL * k * lam_max for k in (n, n / 2)):
            return _("that is {n} times too large (or half of that): the loss is the *mean* squared error, so its "
                     "gradient is divided by the number of rows, n = {n}.").format(n=n)
        if abs(uncentred - lam_max) > REL * lam_max and abs(strength - uncentred) <= REL * uncentred:
            return _("at w = 0 the bias is not 0: it is not penalized, so it settles at the mean of y before any "
                     "weight moves. Take the gradient at that point: 2/n X'(y - mean(y)), not 2/n X'y.")
        if grid and any(abs(strength - s) <= 1e-6 * s for s in grid):
            return _("that is a point of the grid: the last weight disappears between λ = {low:.3f} and "
                     "{high:.3f}, and the exercise asks where exactly. Compute it from the data gradient at "
                     "w = 0.").format(low=grid[0], high=grid[1])
        if strength < lam_max:
            return _("at λ = {strength:.3f} some weight is still not zero: its data gradient at w = 0 is larger "
                     "than λ, so the soft threshold cannot hold it at zero. The answer is larger.").format(
                         strength=strength)
        return _("at λ = {strength:.3f} every weight is zero, but they all were already at a smaller strength: "
                 "the answer is the smallest λ at which the data gradient of every weight at w = 0 is at most "
                 "λ.").format(strength=strength)
    if not 0 <= feature < len(gradient):
        return _("features are numbered 0 to {last}, as columns of X; got {feature}.").format(
            last=len(gradient) - 1, feature=feature)
    if gradient[feature] < (1 - 1e-3) * lam_max:
        biggest = int(np.argmax(np.abs(_array(true_coef))))
        if feature == biggest:
            return _("your strength is right, and feature {feature} has the largest true weight; but L1 sees only "
                     "these 50 rows: the last feature to go is the one whose data gradient at w = 0 is largest "
                     "here, the column that covaries most with the target in this sample.").format(feature=feature)
        return _("your strength is right, but feature {feature} has a data gradient at w = 0 of {gradient:.3f}, less "
                 "than the strength: its weight is zero before the last one goes. The last feature is the one whose "
                 "gradient equals the strength.").format(feature=feature, gradient=gradient[feature])
    return None


# --- 05.2: two identical columns --------------------------------------------------------------------------------

def lasso(X, y, strength: float, l2: bool = False, iters: int = 3000) -> np.ndarray:
    """The weights minimizing MSE + strength * ||w||_1 (or, with l2, + strength/2 * ||w||^2), bias unpenalized;
    proximal gradient descent in float64 with step 1/L, run to convergence."""
    X, y = _array(X), _array(y)
    n = len(y)
    X1 = np.hstack([X, np.ones((n, 1))])
    lr = 1 / (2 * np.linalg.eigvalsh(X1.T @ X1 / n)[-1])
    w, b = np.zeros(X.shape[1]), 0.0
    for _step in range(iters):
        residual = X @ w + b - y
        b -= lr * 2 * residual.mean()
        w = w - lr * 2 / n * X.T @ residual
        w = w / (1 + lr * strength) if l2 else np.sign(w) * np.maximum(np.abs(w) - lr * strength, 0)
    return w


def _twin_total(X, column: int, y, strength: float, l2: bool = False) -> float:
    """The two twin columns' total weight at the minimum, with X's column `column` duplicated."""
    X = _array(X)
    return float(lasso(np.hstack([X, X[:, [column]]]), y, strength, l2=l2)[[column, -1]].sum())


WHY_TWINS = {
    "half": N_("the fit needs the same total push from that column as before, and L1 does not charge for sharing it: "
             "with both weights of one sign |a| + |b| = |a + b|. So the twins share the old weight, each holding "
             "part, rather than halving the total"),
    "double": N_("each twin could hold the old weight, but then the pair would push twice as hard as the one column "
               "did and the fit would overshoot; the twins share the old weight instead"),
}


@exercise("05.2", answer=N_("the two twins' weights as a pair (weight of the original column, weight of its "
                            "copy)"),
          hint=N_("X_twin = torch.cat([X, X[:, [informative[0]]]], 1) has 21 columns, the copy last. Train it "
                  "with train_proximal(X_twin, y, L1_STRENGTH); the twins are entries informative[0] and 20 of the "
                  "last row. Compare their sum with w_proximal[informative[0]], the weight the column had alone."))
def check_twins(pair, prediction=NOT_ANSWERED, *, X, y, column, strength):
    """05.2: any split of the one column's L1 weight, with no opposite signs, and the prediction of the total."""
    problem = unrecorded(prediction, TWIN_OUTCOMES)
    if problem:
        return problem
    if not isinstance(pair, tuple | list | torch.Tensor | np.ndarray) or len(pair) != 2 \
            or any(number(v) is None for v in pair):
        return _("pair should hold two numbers, (weight of the original column, weight of its copy); got "
                 "{pair!r}.").format(pair=pair)
    a, b = (number(v) for v in pair)
    alone = float(lasso(X, y, strength)[column])
    total = a + b
    if abs(total - alone) > TWIN_TOL:
        if abs(total - 2 * alone) <= 2 * TWIN_TOL:
            return _("together your twins hold {total:.3f}, twice the {alone:.3f} the column held alone: then the "
                     "pair would push twice as hard as the column did. Train on X_twin and read both weights of one "
                     "run.").format(total=total, alone=alone)
        if abs(total - _twin_total(X, column, y, strength, l2=True)) <= TWIN_TOL and abs(a - b) <= TWIN_TOL:
            return _("this even split, with a smaller total, is what L2 (weight_decay, the ridge solution) does "
                     "with twins: its a² + b² is smallest for equal weights. The exercise is about L1: use "
                     "train_proximal.")
        if abs(total - _twin_total(X, column, y, 0.0)) <= TWIN_TOL:
            return _("a total of {total:.3f} is the unpenalized fit's: it looks like you trained without the L1 "
                     "penalty. Use train_proximal with L1_STRENGTH.").format(total=total)
        if abs(total) <= TWIN_TOL:
            return _("your twins hold no weight at all: duplicate the informative column informative[0] "
                     "(X[:, [informative[0]]]), not one that L1 drops.")
        return _("together your twins hold {total:.3f}, but the L1 minimum gives them {alone:.3f} between them, "
                 "the weight the column had alone. Check that the copy is of column informative[0], that you read "
                 "entries informative[0] and 20 of the last row, and that the run uses train_proximal with "
                 "L1_STRENGTH.").format(total=total, alone=alone)
    if a * b < 0 and min(abs(a), abs(b)) > TWIN_TOL:
        return _("your weights have opposite signs ({a:.3f} and {b:.3f}): then |a| + |b| is larger than |a + b|, "
                 "and moving both towards zero by the same amount keeps the fit and lowers the penalty. That is not a "
                 "minimum: train with train_proximal until the weights settle.").format(a=a, b=b)
    guess = prediction.strip().lower()
    if guess != "same":
        return Remark(_('you predicted the total would be "{guess}", and it stayed the same: {total:.3f} against '
                        "{alone:.3f} for the column alone. Why: {why}.").format(guess=guess, total=total, alone=alone,
                                                                                 why=_(WHY_TWINS[guess])))
    return None


# --- 05.3: the simplest strength within 5% of the best ----------------------------------------------------------

@exercise("05.3", answer=N_("the L1 strength the rule chooses (the fewest features among the strengths whose "
                            "validation MSE is at most 5% above the lowest)"),
          hint=N_("val_mse holds one validation MSE per strength. Keep the strengths with val_mse <= 1.05 * "
                  "val_mse.min(); among them take the one whose row of path_l1 has the fewest non-zero weights, as "
                  "simplest_good does in section 7 (there with accuracy and one point)."))
def check_rule(chosen_strength, *, val_mse, path_l1, strengths):
    """05.3: any strength within 5% of the lowest validation MSE that keeps the fewest features among those."""
    s = number(chosen_strength)
    if s is None:
        return _("chosen_strength should be one number, a strength from `strengths`; got {chosen_strength!r}."
                 ).format(chosen_strength=chosen_strength)
    strengths, mse = np.asarray(strengths, dtype=np.float64), _array(val_mse)
    kept = (_array(path_l1) != 0).sum(1)
    on_grid = np.flatnonzero(np.abs(strengths - s) <= 1e-4 * strengths)
    if len(on_grid) == 0:
        return _("the rule picks one of the strengths on the grid (an entry of `strengths`), the ones whose "
                 "validation MSE you know.")
    k = int(on_grid[0])
    good = mse <= (1 + MARGIN) * mse.min()
    fewest = kept[good].min()
    if good[k] and kept[k] == fewest:
        return None
    best = int(mse.argmin())
    if k == best:
        return _("that is section 5's choice, the lowest validation MSE, keeping {kept} features. The rule gives "
                 "up to 5% of validation error in exchange for a simpler model: look for fewer features within that "
                 "margin.").format(kept=kept[k])
    if good[k]:
        return _("λ = {strength:.3f} is within 5% of the lowest validation MSE, but it keeps {kept} features, and "
                 "another strength within the margin keeps fewer: the rule takes the fewest.").format(strength=s,
                                                                                                        kept=kept[k])
    above = mse[k] / mse.min() - 1
    if mse[k] <= mse.min() + MARGIN:
        return _("at λ = {strength:.3f} the validation MSE is {above:.0%} above the lowest: 5% of the lowest MSE "
                 "means at most 1.05 × val_mse.min(), not val_mse.min() + 0.05.").format(strength=s, above=above)
    if mse[k] <= (1 + MARGIN) * mse[0]:
        return _("at λ = {strength:.3f} the validation MSE is within 5% of the *weakest* strength's, but "
                 "{above:.0%} above the lowest: the margin is measured from the lowest validation MSE.").format(
                     strength=s, above=above)
    return _("at λ = {strength:.3f} the validation MSE is {above:.0%} above the lowest, more than the rule's 5%: "
             "too strong a penalty also shrinks and drops the features the target needs.").format(strength=s,
                                                                                                    above=above)


# --- 05.quiz: check your understanding --------------------------------------------------------------------------

Q3_WEIGHTS, Q3_STEP = (0.30, -0.04, -0.50), 0.1        # q3: weights after a gradient step, and eta * lambda
Q5_EIGENVALUE = 4.0                                    # q5: the largest eigenvalue of X1'X1/n
CORRECT = {"q1": "b", "q2": "b", "q4": "b"}
WHY_NOT = {  # what each wrong choice gets wrong
    "q1": {"a": N_("the L2 path shortens the vector at every step, but some uninformative weights grew for a while, "
                   "and none became exactly zero at any strength (section 4)."),
           "c": N_("L2 divides every weight by the same factor 1 + ηλ; the uninformative weights changed too, and "
                   "some of them grew (section 4).")},
    "q2": {"a": N_("the plain (sub)gradient loop of section 2 left no weight exactly zero after 300 steps: a weight "
                   "near zero is pushed across it by ηλ and back again; more epochs do not change that."),
           "c": N_("the penalty's push is balanced by the data gradient for the informative weights: they stay far "
                   "from zero, and the others hover around it without reaching it (section 2).")},
    "q4": {"a": N_("on its own it classifies about as well as the best single measurement, so it does carry the "
                   "signal; it was dropped because a near-copy that L1 kept carries the same signal (section 7)."),
           "c": N_("the models of section 7 were checked converged (the optimality conditions hold to 0.0001); which "
                   "of the near-copies L1 keeps changes with the split, not with the number of epochs.")},
}


def _q3_problem(given) -> str | None:
    """None when `given` is the soft threshold of Q3_WEIGHTS by Q3_STEP, else what went wrong."""
    try:
        values = _array(given).ravel()
    except (TypeError, ValueError):
        values = None
    if values is None or len(values) != 3 or not np.isfinite(values).all():
        return _("q3: give the three weights after the soft threshold, as a list of three numbers.")
    w = np.array(Q3_WEIGHTS)

    def near(x):
        return bool(np.allclose(values, x, atol=0.005))

    if near(np.sign(w) * np.maximum(np.abs(w) - Q3_STEP, 0)):
        return None
    if near(w - Q3_STEP):
        return _("q3: subtracting ηλ from every weight moves the negative ones away from zero; the soft threshold "
                "moves each weight towards zero: it adds ηλ to a negative weight.")
    if near(w - np.sign(w) * Q3_STEP):
        return _("q3: -0.04 crossed zero; the soft threshold stops a weight at zero instead of letting it cross.")
    if near(w / (1 + Q3_STEP)):
        return _("q3: dividing by 1 + ηλ is L2's proximal step; L1's soft threshold subtracts ηλ from each size.")
    if near(np.where(np.abs(w) > Q3_STEP, w, 0)):
        return _("q3: that is a hard threshold; the soft threshold also moves the weights it keeps towards zero, "
                "by ηλ.")
    if near(np.where(np.abs(w) > Q3_STEP, w - np.sign(w) * Q3_STEP, w)):
        return _("q3: -0.04 is smaller than ηλ = 0.1 in size, so the soft threshold sets it to exactly 0.")
    return _("q3: move each weight towards zero by ηλ = 0.1, and stop at zero: sign(w) max(|w| - ηλ, 0).")


def _q5_problem(given) -> str | None:
    """None when `given` is 1/L for the MSE with the largest eigenvalue Q5_EIGENVALUE, else what went wrong."""
    value = number(given)
    lipschitz = 2 * Q5_EIGENVALUE
    if value is None:
        return _("q5: missing; give a number.")
    if abs(value - 1 / lipschitz) <= 0.002:
        return None
    if abs(value - 1 / Q5_EIGENVALUE) <= 0.002:
        return _("q5: the gradient of the squared error carries a factor 2, so L is twice the eigenvalue.")
    if abs(value - lipschitz) <= 0.01:
        return _("q5: that is L itself; the safe step is 1/L.")
    if abs(value - 4 / Q5_EIGENVALUE) <= 0.002:
        return _("q5: that is the step for the mean BCE, where the sigmoid's slope (at most 1/4) makes L a quarter of "
                "the eigenvalue; for the mean squared error L = 2 × the eigenvalue.")
    return _("q5: for the mean squared error L = 2 × the largest eigenvalue of X1'X1/n; the safe step is 1/L.")


@exercise("05.quiz", answer=N_("your answers as a dict {\"q1\": letter, \"q2\": letter, \"q3\": [three numbers], "
                               "...}"),
          hint=N_("q1: section 4's paths and their check. q2: section 2. q3: section 3's soft threshold, "
                  "sign(w) max(|w| - ηλ, 0). q4: the end of section 7. q5: section 2, the step that never overshoots."))
def check_quiz(answers):
    """05.quiz: one line per wrong or missing answer."""
    if not isinstance(answers, dict):
        return _('answers should be a dict like {{"q1": "a", "q3": [0.1, 0.2, 0.3], ...}}; got {answers!r}.'
                 ).format(answers=answers)
    lines = [choice_problem(q, answers.get(q), CORRECT, WHY_NOT) for q in ("q1", "q2")]
    lines.append(_q3_problem(answers.get("q3")) if "q3" in answers else _("q3: missing; give a list of three numbers."))
    lines += [choice_problem("q4", answers.get("q4"), CORRECT, WHY_NOT), _q5_problem(answers.get("q5"))]
    return "\n".join(line for line in lines if line) or None
