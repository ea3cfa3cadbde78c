"""Reading what a student typed: a number in any of its usual forms, a recorded prediction, a quiz letter."""
import math

import numpy as np
import torch

from helpers.exercises import NOT_ANSWERED
from helpers.language import N_, _


def number(value) -> float | None:
    """`value` as a float, or None if it is not a real number (a tensor or array of one element counts)."""
    if (isinstance(value, torch.Tensor) and value.numel() == 1) or (isinstance(value, np.ndarray) and value.size == 1):
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, int | float | np.floating | np.integer):
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def unrecorded(prediction, choices, before: str = N_("run anything")) -> str | None:
    """What to say when the prediction is missing or not one of `choices` (None when it is recorded)."""
    options = _("{first} or {last}").format(first=", ".join(f'"{c}"' for c in choices[:-1]), last=f'"{choices[-1]}"')
    if prediction is NOT_ANSWERED or prediction is None:
        return _("first record your prediction in the prediction cell above, before you {before}: {options}. "
                 "Then run your code and this check.").format(before=_(before), options=options)
    if not isinstance(prediction, str) or prediction.strip().lower() not in choices:
        return _("your prediction should be one of {options}; got {prediction!r}.").format(options=options,
                                                                                            prediction=prediction)
    return None


def choice_problem(q: str, given, correct: dict, why_not: dict) -> str | None:
    """None when `given`, the letter answered to quiz question `q`, is `correct[q]`; else what is wrong with it
    (`why_not[q][letter]`, a text marked N_)."""
    letter = given.strip().lower() if isinstance(given, str) else None
    if letter not in ("a", "b", "c"):
        return _("{q}: missing; give one letter: a, b or c.").format(q=q)
    if letter == correct[q]:
        return None
    return _("{q}: not {letter}: {why}").format(q=q, letter=letter, why=_(why_not[q][letter]))
