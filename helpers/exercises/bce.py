"""Checks of notebook 02 (binary cross-entropy): where `sigmoid` + `BCELoss` goes wrong, BCE against squared
error under Adam, where the squared error pushes hardest, and the closing quiz.

Each check works the truth out for itself (float32 arithmetic of the torch that runs it, the notebook's own
data, model and loop), so it holds on any seed and any CPU.
"""
import math
from argparse import Namespace
from functools import cache

import numpy as np
import torch
from torch import nn

from helpers.exercises import NOT_ANSWERED, exercise
from helpers.exercises.answers import choice_problem, number, unrecorded
from helpers.language import N_, _

GRADIENT_OUTCOMES = ("exact", "zero", "too small")  # code value
GAP_OUTCOMES = ("smaller", "larger")
OFF = 0.01  # a gradient is wrong when it is off by more than 1% of the exact one


# --- 02.1: where the two-step route sigmoid + BCELoss goes wrong ------------------------------------------------

def two_step_gradient(z: torch.Tensor, label: float) -> torch.Tensor:
    """Per-example gradient of `BCELoss(sigmoid(z), label)` with respect to float32 logits `z`."""
    z = z.detach().float().clone().requires_grad_()
    nn.BCELoss(reduction="sum")(torch.sigmoid(z), torch.full_like(z, label)).backward()
    return z.grad


def relative_error(z, label: int) -> np.ndarray:
    """How far the two-step gradient is from the exact sigma(z) - y, as a share of the exact one."""
    z = torch.as_tensor(np.atleast_1d(np.asarray(z, dtype=np.float32)))
    exact = torch.sigmoid(z.double()) - label
    return ((two_step_gradient(z, float(label)).double() - exact).abs() / exact.abs()).numpy()


@cache
def gradient_edges() -> dict[int, dict]:
    """For each label, the logits where the two-step gradient is first off by 0.1%, 1% and 10%, and where the
    float32 sigmoid reaches exactly 0 or 1; searched in steps of 0.001, in the torch that runs this."""
    steps = np.arange(0, 100_001) / 1000                           # 0.000, 0.001, ..., 100.000
    near = steps[steps <= 40]                                      # the gradient goes wrong well within 40
    out = {}
    for label, side in ((1, -1.0), (0, 1.0)):                      # y = 1 goes wrong at negative z, y = 0 at positive
        error = relative_error(side * near, label)
        first = {share: float(side * near[np.argmax(error > share)]) for share in (0.001, OFF, 0.1)}
        p = torch.sigmoid(torch.as_tensor(side * steps, dtype=torch.float32))
        rounded = (p == 0) if label == 1 else (p == 1)
        out[label] = dict(first, rounded=float(side * steps[np.argmax(rounded.numpy())]))
    return out


def gradient_at_minus_30() -> tuple[float, float]:
    """The two-step and the exact gradient of a positive example at z = -30."""
    z = torch.tensor([-30.0])
    return two_step_gradient(z, 1.0).item(), (torch.sigmoid(z.double()) - 1).item()


def gradient_outcome() -> str:
    """What happens to the two-step gradient at y = 1, z = -30: one of GRADIENT_OUTCOMES (or "too large")."""
    two_step, exact = gradient_at_minus_30()
    if two_step == 0:
        return "zero"
    if abs(two_step - exact) <= OFF * abs(exact):
        return "exact"
    return "too small" if abs(two_step) < abs(exact) else "too large"  # code value


def _edge_problem(z: float, label: int) -> str | None:
    """None when `z` is the edge of `label` to within 0.1, else what is wrong with it."""
    edges = gradient_edges()[label]
    if label == 1 and z > 0:
        return _("an example with y = {label} is confidently wrong at large negative logits, where p is near "
                 "{p_near}: the edge is negative.").format(label=label, p_near=0)
    if label == 0 and z < 0:
        return _("an example with y = {label} is confidently wrong at large positive logits, where p is near "
                 "{p_near}: the edge is positive.").format(label=label, p_near=1)
    low, high = sorted((edges[0.1], edges[0.001]))
    if low - 0.1 <= z <= high + 0.1:
        return None
    exact = (torch.sigmoid(torch.tensor(z, dtype=torch.float64)) - label).item()
    two_step = two_step_gradient(torch.tensor([z]), float(label)).item()
    values = dict(z=z, two_step=two_step, exact=exact)
    if relative_error(z, label)[0] <= OFF:
        if label == 1:
            return _("at z = {z:.2f} the two-step gradient ({two_step:.3f}) still agrees with the exact one "
                     "({exact:.3f}) to within 1%: the edge lies at a more negative logit.").format(**values)
        return _("at z = {z:.2f} the two-step gradient ({two_step:.3f}) still agrees with the exact one "
                 "({exact:.3f}) to within 1%: the edge lies at a larger logit.").format(**values)
    if label == 1 and z <= edges["rounded"] + 2:
        return _("z = {z:.1f} is where the float32 sigmoid underflows to 0, but the gradient went wrong long "
                 "before: BCELoss's backward divides by p(1 - p) and floors that at 1e-12. Search where the "
                 "two-step gradient first differs from the exact one.").format(z=z)
    if label == 0 and abs(z - 20) < 0.05:
        return _("20 is the first row of section 4's table that fails, but the table jumps from 5 to 20: search "
                 "between them, in steps of 0.1 or finer.")
    if label == 1:
        return _("at z = {z:.2f} the two-step gradient is already wrong ({two_step:.3g} against the exact "
                 "{exact:.3f}): the edge lies at a less negative logit; search in steps of 0.1 or "
                 "finer.").format(**values)
    return _("at z = {z:.2f} the two-step gradient is already wrong ({two_step:.3g} against the exact "
             "{exact:.3f}): the edge lies at a smaller logit; search in steps of 0.1 or finer.").format(**values)


WHY_PREDICTION_1 = {
    "exact": N_("p = 1e-13 is stored fine, but BCELoss's backward divides by p(1 - p) and floors that at 1e-12; "
              "below the floor the division no longer cancels the sigmoid's slope p(1 - p), and the gradient "
              "shrinks with p"),
    "zero": N_("it is not zero: p = 1e-13 has not rounded to 0 (float32 goes down to about 1e-38), so the slope "
             "p(1 - p) is not 0 as it was for y = 0; but BCELoss's backward floors p(1 - p) at 1e-12, and "
             "below that floor the gradient shrinks with p"),
}


@exercise("02.1", answer=N_("the logits from which on the sigmoid + BCELoss gradient is wrong, to within 0.1, as a "
                            "dict {1: z for y = 1, 0: z for y = 0}"),
          hint=N_("Compute the gradient of sigmoid + BCELoss for many logits at once, as section 4 does (one loss "
               "per example, summed, then .backward(): each logit gets its own gradient), on a grid in steps of "
               "0.1; compare it with the exact sigmoid(z) - y. A positive example (y = 1) is confidently wrong "
                  "at negative z, a negative one (y = 0) at positive z."))
def check_gradient_edges(edges, prediction=NOT_ANSWERED):
    """02.1: the two edges, and the prediction of what the two-step gradient does at y = 1, z = -30."""
    problem = unrecorded(prediction, GRADIENT_OUTCOMES)
    if problem:
        return problem
    if not isinstance(edges, dict) or set(edges) != {0, 1} or any(number(v) is None for v in edges.values()):
        return _("edges should be a dict with the keys 1 and 0 (the labels), each holding one logit, "
                 "e.g. {{1: -12.3, 0: 4.5}}; got {edges!r}.").format(edges=edges)
    z1, z0 = number(edges[1]), number(edges[0])
    if z1 > 0 and z0 < 0 and _edge_problem(z0, 1) is None and _edge_problem(z1, 0) is None:
        return _("your two edges are swapped: edges[1] is for a positive example (y = 1), edges[0] for a negative "
                 "one.")
    for z, label in ((z1, 1), (z0, 0)):
        problem = _edge_problem(z, label)
        if problem:
            return f"edges[{label}]: {problem}"
    outcome, guess = gradient_outcome(), prediction.strip().lower()
    if guess != outcome:
        two_step, exact = gradient_at_minus_30()
        why = _(WHY_PREDICTION_1[guess]) if guess in WHY_PREDICTION_1 else _("see the hint")
        return _("your edges are right, but your prediction \"{guess}\" is not what happened: at y = 1, z = -30 the "
                 "two-step gradient is {two_step:.3f} where the exact one is {exact:.3f}. Why: {why}. Once you can "
                 "say it in a sentence, set `prediction` to what happened and run this check "
                 "again.").format(guess=guess, two_step=two_step, exact=exact, why=why)
    return None


# --- 02.2: BCE against squared error with Adam ------------------------------------------------------------------

def epochs_with_adam(train, make_model, losses: dict, args: Namespace, goal: float,
                     learning_rate: float = 0.1) -> dict:
    """Epochs each loss needs with Adam, from `make_model()`, until validation accuracy `goal` (None: not reached)."""
    adam = Namespace(**{**vars(args), "optimizer": torch.optim.Adam, "learning_rate": learning_rate})
    out = {}
    for name, loss in losses.items():
        accuracies = train(make_model(), loss, adam, stop_at=goal).val_accuracy
        out[name] = len(accuracies) if accuracies and accuracies[-1] >= goal else None
    return out


def _same_counts(answer: dict, truth: dict) -> bool:
    """Counts equal to within one epoch (counting from 0 or from 1 are both fine)."""
    return all((answer[k] is None) == (truth[k] is None) and (truth[k] is None or abs(answer[k] - truth[k]) <= 1)
               for k in truth)


@exercise("02.2", answer=N_("the epochs each loss needs to reach the goal with Adam at 0.1, as a dict "
                            "{\"BCE\": n, \"MSE on p\": n}"),
          hint=N_("Copy args with another optimizer and rate: Namespace(**{**vars(args), \"optimizer\": "
               "torch.optim.Adam, \"learning_rate\": 0.1}). Then, for each loss in LOSSES, train a fresh "
                  "confidently_wrong_model() with stop_at=GOAL and count its epochs with epochs_to_reach."))
def check_adam(adam_reach, prediction=NOT_ANSWERED, *, train, make_model, losses, args, goal, sgd_reach):
    """02.2: epochs to the goal with Adam, and the prediction of whether MSE's lag behind BCE shrinks or grows."""
    problem = unrecorded(prediction, GAP_OUTCOMES)
    if problem:
        return problem
    names = list(losses)
    if (not isinstance(adam_reach, dict) or set(adam_reach) != set(names)
            or any(v is not None and (number(v) is None or v < 0) for v in adam_reach.values())):
        return _("adam_reach should be a dict with the keys {names}, each holding a number of epochs (None if the "
                 "goal was not reached); got {adam_reach!r}.").format(names=names, adam_reach=adam_reach)
    truth = epochs_with_adam(train, make_model, losses, args, goal)
    if not _same_counts(adam_reach, truth):
        if _same_counts(adam_reach, sgd_reach):
            return _("these are gradient descent's counts from section 6: train with torch.optim.Adam at learning "
                     "rate 0.1 instead.")
        if _same_counts({names[0]: adam_reach[names[1]], names[1]: adam_reach[names[0]]}, truth):
            return _("your counts are swapped: each loss's count belongs under its own name ({names}).").format(
                names=names)
        if any(v is None for v in adam_reach.values()):
            return _("None means a run never reached the goal, but with Adam at 0.1 both do. Adam moves each weight "
                     "by about the learning rate per epoch: at its default 0.001 it cannot carry the weights from -3 "
                     "across 0 in 150 epochs. Use learning rate 0.1.")
        return _("these are not the counts the notebook's loop gives with Adam at 0.1 from the confidently wrong "
                 "start. Train each loss from a fresh confidently_wrong_model(), stop at GOAL = {goal}, and count "
                 "epochs as epochs_to_reach does.").format(goal=goal)
    adam_ratio = truth[names[1]] / truth[names[0]]
    sgd_ratio = sgd_reach[names[1]] / sgd_reach[names[0]]
    outcome, guess = ("smaller" if adam_ratio < sgd_ratio else "larger"), prediction.strip().lower()
    if guess != outcome:
        return _("your counts are right, but you predicted the gap would be \"{guess}\": with Adam {name} needs "
                 "{adam_ratio:.1f} times BCE's epochs, with gradient descent {sgd_ratio:.1f} times. Adam divides "
                 "each step by a running size of the gradient, so the squared error's small gradients still give "
                 "steps of about the learning rate. Once you can say why, set `prediction` to what "
                 "happened.").format(guess=guess, name=names[1], adam_ratio=adam_ratio, sgd_ratio=sgd_ratio)
    return None


# --- 02.3: where the squared error pushes hardest ---------------------------------------------------------------

def strongest_mse_push(y: int = 1) -> tuple[float, float]:
    """The logit where |d (p - y)^2 / dz| is largest for label y, and its value there (on a grid of step 1e-4)."""
    z = np.linspace(-10, 10, 200_001)
    p = 1 / (1 + np.exp(-z))
    push = np.abs(2 * (p - y) * p * (1 - p))
    best = int(np.argmax(push))
    return float(z[best]), float(push[best])


def mse_push(z: float, y: int = 1) -> float:
    p = 1 / (1 + math.exp(-z))
    return abs(2 * (p - y) * p * (1 - p))


@exercise("02.3", answer=N_("the logit where the squared error pushes a positive example hardest and the size "
                            "of that push, as a pair (z, push)"),
          hint=N_("With p = sigmoid(z) the push is |2(p - 1)p(1 - p)| = 2p(1 - p)^2. Set its derivative in p to 0, "
               "then turn p into a logit with z = log(p / (1 - p)). bce_and_mse(z_grid, y=1).mse_grad gives the "
                  "gradient on a grid to check."))
def check_strongest_push(strongest):
    """02.3: the logit of the squared error's strongest push on a positive example, and its size."""
    if (not isinstance(strongest, tuple | list) or len(strongest) != 2
            or any(number(v) is None for v in strongest)):
        return _("strongest should be a pair (z, push) of two numbers; got {strongest!r}.").format(
            strongest=strongest)
    z, push = (number(v) for v in strongest)
    z_best, push_best = strongest_mse_push()
    if abs(z - z_best) > 0.02:
        if z > 0:
            return _("for a positive example the push is strongest on the wrong side, where p < 1/2, that is at a "
                     "negative logit.")
        if abs(z) <= 0.02:
            return _("at z = 0 (p = 1/2) the push is 2 * (1/2) * (1/2)^2 = 0.25, but it grows a little to the left: "
                     "2p(1 - p)^2 is largest where its derivative in p, 2(1 - p)(1 - 3p), is 0.")
        return _("at z = {z:.3f} the push is {push:.3f}, and elsewhere it is larger: find where the derivative "
                 "of 2p(1 - p)^2 in p is 0, then turn that p into a logit.").format(z=z, push=mse_push(z))
    push = abs(push)
    if abs(push - push_best) <= 0.002:
        return None
    p = 1 / (1 + math.exp(-z_best))
    if abs(push - (1 - p)) <= 0.01:
        return _("your z is right, but {push:.3f} is BCE's push there, 1 - p; the squared error's is "
                 "2p(1 - p)^2.").format(push=push)
    if abs(push - push_best / 2) <= 0.002:
        return _("your z is right, but the push is twice that: the derivative of (p - 1)^2 brings a factor 2.")
    return _("your z is right; the push there is |2(p - 1)p(1 - p)| with p = sigmoid(z), not {push:.3f}.").format(
        push=push)


# --- 02.quiz: check your understanding --------------------------------------------------------------------------

P_Q1 = 0.01                  # q1: a positive example given this probability
P_Q4 = (0.9, 0.5, 0.8)       # q4: probabilities given to the true labels of three examples
CORRECT = {"q2": "b", "q3": "c", "q5": "a"}
WHY_NOT = {  # what each wrong choice gets wrong
    "q2": {"a": N_("the loss is the same function of the logit either way, with the same minimum and the same "
                   "decision line; the difference is only in how float32 computes it (section 4)."),
           "c": N_("BCELoss raises no error: it clamps the log at -100 and silently reports a loss of 100 and a "
                   "gradient of 0 (section 4).")},
    "q3": {"a": N_("that happened from the confidently wrong start only; from small random weights both losses "
                   "reached the goal within a few epochs (section 6's control runs)."),
           "b": N_("from small random weights the squared error reached the goal within a few epochs too (section "
                   "6's control runs).")},
    "q5": {"b": N_("the factor between the two pushes is 1 / (2p(1 - p)): it grows the more wrong the model is, so "
                   "the rates that made the two equally fast from w = (-3, -3) left the squared error behind from "
                   "w = (-5, -5)."),
           "c": N_("over section 6's grid of rates the squared error did reach the goal, at rates high enough.")},
}


@exercise("02.quiz", answer=N_("your answers as a dict {\"q1\": number, \"q2\": letter, ...}"),
          hint=N_("q1: BCE's gradient is p - y and MSE's is 2(p - y)p(1 - p). q2: section 4. q3: section 6's control "
               "runs. q4: BCE is the mean of -ln of the probability given to the true label. q5: the end of "
                  "section 6."))
def check_quiz(answers):
    """02.quiz: one line per wrong or missing answer."""
    if not isinstance(answers, dict):
        return _('answers should be a dict like {{"q1": 12.3, "q2": "a", ...}}; got {answers!r}.').format(
            answers=answers)
    lines = []
    q1 = number(answers.get("q1"))
    ratio = 1 / (2 * P_Q1 * (1 - P_Q1))
    if q1 is None:
        lines.append(_("q1: missing; give a number."))
    elif abs(q1 - 2 * ratio) <= 2:
        lines.append(_("q1: the squared error's derivative 2(p - y)p(1 - p) has a factor 2; did you drop it?"))
    elif abs(q1 - 1 / ratio) <= 0.002:
        lines.append(_("q1: that is how many times harder the squared error pushes; the question asks about BCE."))
    elif abs(q1 - ratio) > 1.5:
        lines.append(_("q1: divide BCE's gradient p - y by the squared error's 2(p - y)p(1 - p) at p = 0.01."))
    lines += [choice_problem(q, answers.get(q), CORRECT, WHY_NOT) for q in ("q2", "q3")]
    q4 = number(answers.get("q4"))
    mean_bce = -float(np.mean(np.log(P_Q4)))
    if q4 is None:
        lines.append(_("q4: missing; give a number."))
    elif q4 < 0:
        lines.append(_("q4: BCE is minus the log of the probability, so it is never negative."))
    elif abs(q4 + float(np.mean(np.log10(P_Q4)))) <= 0.003:
        lines.append(_("q4: use the natural logarithm, as PyTorch's BCE does, not log10."))
    elif abs(q4 + math.log(np.mean(P_Q4))) <= 0.003:
        lines.append(_("q4: average the logs of the three probabilities, not the probabilities before the log."))
    elif abs(q4 - mean_bce) > 0.003:
        lines.append(_("q4: take -ln of each probability given to the true label, then the mean of the three."))
    lines.append(choice_problem("q5", answers.get("q5"), CORRECT, WHY_NOT))
    return "\n".join(line for line in lines if line) or None
