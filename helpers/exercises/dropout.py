"""Checks of notebook 06 (dropout, early stopping, a systematic search): the gap as a target, a patience too
short, more data instead of dropout, and the closing quiz.

Each check works the truth out from the notebook's own objects (its losses, its recorded validation curve,
its trained network), so it holds on any seed and any CPU.
"""
import math

from helpers.exercises import NOT_ANSWERED, Remark, exercise
from helpers.exercises.answers import choice_problem, number
from helpers.language import N_, _
from helpers.models import evaluate

LOSS_TOLERANCE = 5e-4  # a loss read off a printout to 3 decimals is still right


def _prediction_problem(prediction, choices) -> str | None:
    """What to say when the prediction is missing or not one of `choices`."""
    options = _("{first} or {last}").format(first=", ".join(f'"{c}"' for c in choices[:-1]), last=f'"{choices[-1]}"')
    if prediction is NOT_ANSWERED or prediction is None:
        return _("first record your prediction in the prediction cell above, before you compute anything: "
                 "{options}. Then compute your answer and run this check.").format(options=options)
    if not isinstance(prediction, str) or prediction.strip().lower() not in choices:
        return _("your prediction should be {options}; got {prediction!r}.").format(options=options,
                                                                                    prediction=prediction)
    return None


# --- 06.1: the smallest gap is not the best model ----------------------------------------------------------------

@exercise("06.1", answer=N_("the dropout probability p whose gap (validation minus training loss after 150 epochs) "
                            "is smallest"),
          hint=N_("gap and best_val are dicts from p to a loss: min(P_GRID, key=lambda p: gap[p]) is the p with the "
                  "smallest gap. For the prediction, picture a network with so much dropout that it cannot fit even "
                  "its training points: how far apart are its two losses, and how low is its validation loss?"))
def check_smallest_gap(smallest_gap_p, prediction=NOT_ANSWERED, *, gap, best_val):
    """06.1: the p with the smallest train/validation gap, and the prediction of whether it is also the best."""
    problem = _prediction_problem(prediction, ("yes", "no"))
    if problem:
        return problem
    ps = sorted(gap)
    truth, best_p = min(ps, key=gap.get), min(ps, key=best_val.get)
    value = number(smallest_gap_p)
    listed = ", ".join(f"{p:g}" for p in ps)
    if value is None:
        return _("smallest_gap_p should be one dropout probability, one of {listed}; got {answer!r}.").format(
            listed=listed, answer=smallest_gap_p)
    chosen = next((p for p in ps if abs(value - p) < 1e-9), None)
    if chosen is None:
        if any(abs(value - g) <= LOSS_TOLERANCE for g in gap.values()):
            return _("that is a gap, not a dropout probability: give the p whose gap is the smallest.")
        return _("smallest_gap_p should be one of the dropout probabilities of section 5 ({listed}); got "
                 "{value:g}.").format(listed=listed, value=value)
    if chosen != truth:
        if chosen == max(ps, key=gap.get):
            return _("p = {chosen:g} has the largest gap ({gap:.3f}), the network that overfits most; the question "
                     "asks for the smallest.").format(chosen=chosen, gap=gap[chosen])
        if chosen == best_p:
            return _("p = {chosen:g} has the lowest validation loss at its best epoch ({best:.3f}), but its gap "
                     "after 150 epochs is {gap:.3f}, and p = {truth:g}'s is smaller ({truth_gap:.3f}). The question "
                     "asks for the smallest gap.").format(chosen=chosen, best=best_val[chosen], gap=gap[chosen],
                                                          truth=truth, truth_gap=gap[truth])
        return _("the gap of p = {chosen:g} is {gap:.3f}, but another p has a smaller one.").format(
            chosen=chosen, gap=gap[chosen])
    outcome = "yes" if truth == best_p else "no"
    if prediction.strip().lower() != outcome:
        if outcome == "no":
            return Remark(_("You predicted that the smallest gap would also give the lowest validation loss, but it "
                            "does not: p = {truth:g} has the smallest gap and a best-epoch validation loss of "
                            "{truth_best:.3f}, while p = {best_p:g} reaches {best:.3f}. A small gap can mean that "
                            "both losses are high: the network underfits. Choose on the validation loss, not on the "
                            "gap.").format(truth=truth, truth_best=best_val[truth], best_p=best_p,
                                           best=best_val[best_p]))
        return Remark(_("On this split the smallest gap does go with the lowest validation loss (p = {truth:g}); "
                        "that is not a rule: too much dropout gives a small gap and a high validation loss. Choose "
                        "on the validation loss, which is what you care about.").format(truth=truth))
    return None


# --- 06.2: a patience too short ----------------------------------------------------------------------------------

def early_stop(val_loss, patience: int) -> tuple[int, int]:
    """(the epoch training stops at, the epoch whose weights it restores) for `fit`'s early stopping along a
    validation curve. A run with early stopping follows the same path as the full run (same seed, same
    arithmetic), so the full run's curve tells where it stops."""
    best, best_epoch = math.inf, None
    waited = 0
    for epoch, loss in enumerate(val_loss, start=1):
        if loss < best:
            best, best_epoch, waited = loss, epoch, 0
        else:
            waited += 1
            if waited >= patience:
                return epoch, best_epoch
    return len(val_loss), best_epoch


@exercise("06.2", answer=N_("the pair (the epoch at which training with patience=5 stopped, the validation loss of "
                            "the model it returned)"),
          hint=N_("train_mlp(p=0.5, patience=5) returns (model, history), and fit has already put back the weights "
                  "of the best epoch it saw. len(history.val_loss) is the epoch at which training stopped; "
                  "evaluate(model, X_val, y_val)[0] is the validation loss of the model it returned."))
def check_impatient(impatient_result, prediction=NOT_ANSWERED, *, full_history, patience=5):
    """06.2: where a patience of 5 stops the p = 0.5 run and what it keeps, and the prediction of whether the
    model it keeps scores lower, equal or higher than the full run at its best epoch."""
    problem = _prediction_problem(prediction, ("lower", "equal", "higher"))
    if problem:
        return problem
    if (not isinstance(impatient_result, tuple | list) or len(impatient_result) != 2
            or any(number(v) is None for v in impatient_result)):
        return _("impatient_result should be a pair of two numbers, (the epoch training stopped at, the validation "
                 "loss of the model it returned); got {answer!r}.").format(answer=impatient_result)
    epoch, loss = (number(v) for v in impatient_result)
    val = full_history.val_loss
    stopped_at, restored = early_stop(val, patience)
    full_best = full_history.best_epoch
    if epoch == full_best and abs(loss - val[full_best - 1]) <= LOSS_TOLERANCE and full_best != stopped_at:
        return _("these are the best epoch and validation loss of the full run (section 5); train again with "
                 "patience={patience} and report where that run stopped and what it kept.").format(patience=patience)
    if epoch != stopped_at:
        if epoch == restored:
            return _("epoch {epoch:g} is the one whose weights fit restored, the best it saw; training itself "
                     "stopped {patience} epochs later, when its patience ran out: len(history.val_loss).").format(
                epoch=epoch, patience=patience)
        if abs(epoch - stopped_at) == 1:
            return _("off by one: fit counts epochs from 1, and len(history.val_loss) is the epoch it stopped at.")
        for other in (50, 10):
            if other != patience and epoch == early_stop(val, other)[0]:
                return _("that is where a patience of {other} stops this run; the exercise asks for "
                         "patience={patience}.").format(other=other, patience=patience)
        return _("that is not where a patience of {patience} stops the p = 0.5 run: it stops {patience} epochs "
                 "after the last improvement of the validation loss. Train with train_mlp(p=0.5, "
                 "patience={patience}).").format(patience=patience)
    if abs(loss - val[restored - 1]) > LOSS_TOLERANCE:
        if abs(loss - val[stopped_at - 1]) <= LOSS_TOLERANCE:
            return _("your epoch is right, but {loss:.3f} is the validation loss at epoch {stopped_at}, where "
                     "training stopped; fit then restored the weights of its best epoch, {restored}: evaluate the "
                     "model it returned.").format(loss=loss, stopped_at=stopped_at, restored=restored)
        if abs(loss - val[full_best - 1]) <= LOSS_TOLERANCE:
            return _("your epoch is right, but {loss:.3f} is the full run's best validation loss, at epoch "
                     "{full_best}; this run stopped at epoch {stopped_at} and never reached those weights.").format(
                loss=loss, full_best=full_best, stopped_at=stopped_at)
        return _("your epoch is right; the loss should be the validation loss of the model train_mlp returned: "
                 "evaluate(model, X_val, y_val)[0].")
    outcome, guess = ("equal" if restored == full_best else "higher"), prediction.strip().lower()
    if guess != outcome:
        why = _("It can never be lower: the run with early stopping follows the full run's path (same seed, same "
                "arithmetic), so the weights it keeps are the full run's weights at some epoch, and the full run's "
                "best epoch has the lowest validation loss of them all. ") if guess == "lower" else ""
        if outcome == "higher":
            return Remark(_('You predicted "{guess}", but the loss it kept is higher. {why}Here it stopped at epoch '
                            '{stopped_at} and kept epoch {restored}, long before the full run\'s best ({full_best}): '
                            'a patience must outlast the small bumps of the validation curve.').format(
                guess=guess, why=why, stopped_at=stopped_at, restored=restored, full_best=full_best))
        return Remark(_('You predicted "{guess}", but the loss it kept is equal. {why}Here its patience outlasted '
                        'the bumps: it reached the full run\'s best epoch, {full_best}, and kept it.').format(
            guess=guess, why=why, full_best=full_best))
    return None


# --- 06.3: more data instead of dropout ------------------------------------------------------------------------

@exercise("06.3", answer=N_("the gap (validation minus training loss, eval mode) of the network trained on 400 "
                            "points"),
          hint=N_("evaluate(model, X, y) returns (loss, accuracy) in eval mode. The gap is the validation loss minus "
                  "the training loss, and the training loss of big_data is measured on the points it was trained "
                  "on: more."))
def check_more_data(gap_more, prediction=NOT_ANSWERED, *, model, train, val, gap_small, small_train):
    """06.3: the train/validation gap of the network without dropout trained on 400 points, and the prediction
    of whether it is smaller or larger than with 100 points."""
    problem = _prediction_problem(prediction, ("smaller", "larger"))
    if problem:
        return problem
    value = number(gap_more)
    if value is None:
        return _("gap_more should be one number, a loss minus a loss; got {answer!r}.").format(answer=gap_more)
    (train_loss, train_acc), (val_loss, val_acc) = evaluate(model, *train), evaluate(model, *val)
    truth = val_loss - train_loss
    if abs(value - truth) > 0.005:  # 0.005: the losses fit recorded (the training loss before the last step) pass
        if abs(value + truth) <= 0.005:
            return _("the gap is the validation loss minus the training loss, not the other way round.")
        if abs(value - gap_small) <= LOSS_TOLERANCE:
            return _("that is the gap with 100 training points (section 5); compute it for big_data.")
        if abs(value - (val_loss - evaluate(model, *small_train)[0])) <= 0.005:
            return _("you measured the training loss on the 100 points of section 1, but big_data was trained on "
                     "more: its training loss is evaluate(big_data, *more)[0].")
        if abs(value - (train_acc - val_acc)) <= 0.005 or abs(value - (val_acc - train_acc)) <= 0.005:
            return _("that is a difference of accuracies; the gap here is in loss: evaluate(...)[0].")
        return _("that is not big_data's gap: evaluate it on the validation set and on its own training points, "
                 "more, and subtract the training loss from the validation loss.")
    outcome = "smaller" if truth < gap_small else "larger"
    guess = prediction.strip().lower()
    if guess != outcome:
        if outcome == "smaller":
            return Remark(_('You predicted "{guess}", but the gap is smaller: {gap:.3f} with 400 training points '
                            'against {gap_small:.3f} with 100. The more points, the less room the network has to '
                            'learn each one by heart.').format(guess=guess, gap=truth, gap_small=gap_small))
        return Remark(_('You predicted "{guess}", but the gap is larger: {gap:.3f} with 400 training points against '
                        '{gap_small:.3f} with 100. The more points, the less room the network has to learn each one '
                        'by heart.').format(guess=guess, gap=truth, gap_small=gap_small))
    return None


# --- 06.quiz: check your understanding --------------------------------------------------------------------------

KEPT, P_Q1 = 3.0, 0.25   # q1: an activation kept by nn.Dropout(p=0.25) in train() mode
CORRECT = {"q2": "b", "q3": "b", "q4": "b", "q5": "b"}
WHY_NOT = {  # what each wrong choice gets wrong (English, marked N_; translated where shown)
    "q2": {"a": N_("dropout acts in the forward pass whenever the model is in train() mode (section 4); section 8's "
                   "50 evaluations of the same model all differed."),
           "c": N_("in section 8 the train-mode loss was higher than the real one on average: a thinned network "
                   "predicts worse, so the score is too pessimistic, not just noisy.")},
    "q3": {"a": N_("at each run's best epoch there was no island (section 6's check); islands came later, when the "
                   "training loss kept falling and the validation loss climbed."),
           "c": N_("section 6 played it: after its best epoch the network without dropout bends its line around "
                   "single training points (its check: it gets fewer of them wrong at the end), and on many seeds it "
                   "closes an island around one (on yours, see the printed lines).")},
    "q4": {"a": N_("section 5's check: at their best epochs, the best dropout model improves on early stopping alone "
                   "by less than a fifth of what early stopping itself gains."),
           "c": N_("after 150 epochs the network without dropout is scored long past its best epoch; compare each "
                   "model at its best epoch, where early stopping would keep it (section 5).")},
    "q5": {"a": N_("a winner on the edge may be beaten by a value beyond it: widen the grid in that direction and "
                   "search again (section 9)."),
           "c": N_("the test set is looked at once, for the winner chosen on validation data; choosing on it leaks "
                   "the test set into the choice (section 9).")},
}


@exercise("06.quiz", answer=N_("your answers as a dict {\"q1\": number, \"q2\": letter, ...}"),
          hint=N_("q1: section 4, inverted dropout. q2: section 8. q3: section 6, the player and its check. q4: "
                  "section 5's check. q5: section 9."))
def check_quiz(answers):
    """06.quiz: one line per wrong or missing answer."""
    if not isinstance(answers, dict):
        return _('answers should be a dict like {{"q1": 1.5, "q2": "a", ...}}; got {answers!r}.').format(
            answers=answers)
    lines = []
    q1, right = number(answers.get("q1")), KEPT / (1 - P_Q1)
    if q1 is None:
        lines.append(_("q1: missing; give a number."))
    elif abs(q1 - KEPT * (1 - P_Q1)) <= 1e-3:
        lines.append(_("q1: you multiplied by the keep probability 1 - p; inverted dropout divides by it, so that "
                       "the mean stays the same."))
    elif abs(q1 - KEPT) <= 1e-3:
        lines.append(_("q1: in train() mode a kept value is scaled (inverted dropout); it passes unchanged only in "
                       "eval() mode."))
    elif abs(q1 - KEPT * (1 + P_Q1)) <= 1e-3:
        lines.append(_("q1: the scale is 1 / (1 - p), not 1 + p."))
    elif abs(q1 - right) > 1e-3:
        lines.append(_("q1: a kept value is multiplied by 1 / (1 - p) in train() mode."))
    lines += [choice_problem(q, answers.get(q), CORRECT, WHY_NOT) for q in ("q2", "q3", "q4", "q5")]
    return "\n".join(line for line in lines if line) or None
