"""Exercises with instant feedback: `check()`, `hint()` and `solution()`, in plain Python.

No grading server and no widget: a check prints a sentence, so it works on Colab, Binder, JupyterHub
and under `jupyter nbconvert --execute` alike. Each notebook's exercises live in a module of this
package (`helpers.exercises.threshold` for notebook 01, and so on), each one a function that looks at
the student's answer and the notebook's own objects and returns None when the answer is right (or a
`Remark` to go with it), or a sentence saying what is wrong and pointing the way. The reference
solutions live only in the teacher edition of the notebooks (`notebooks/`); the student edition
(`notebooks/student/`, written by `scripts/make_student_edition.py`) has an empty answer cell there.
"""
import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass

from helpers.language import _

NOT_ANSWERED = ...  # what an answer cell of the student edition holds: `threshold = ...`
MODULES = {"01": "threshold", "02": "bce", "03": "optimizers", "04": "weight_decay", "05": "l1", "06": "dropout"}


@dataclass(frozen=True)
class Exercise:
    """One exercise: its id ("01.2"), what the answer is, a hint, and the function that checks it."""

    id: str
    answer: str          # what the student's answer variable must hold, in a few words (English, marked N_)
    hint: str            # English, marked N_; `_()` translates both where they are shown
    check: Callable[..., str | None]


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer: correct or not, and the sentence the student reads."""

    id: str
    correct: bool | None  # None: not answered yet
    message: str

    def __str__(self) -> str:
        mark = {True: _("Correct."), False: _("Not yet."), None: _("Not answered yet.")}[self.correct]
        return _("Exercise {id}: {mark} {message}").format(id=self.id, mark=mark, message=self.message).strip()


class Remark(str):
    """What a check returns for a right answer that still deserves a word (say, a prediction that missed)."""


_REGISTRY: dict[str, Exercise] = {}


def exercise(id: str, *, answer: str, hint: str):
    """Register the decorated function as the check of exercise `id`."""
    def register(check: Callable[..., str | None]) -> Callable[..., str | None]:
        if id in _REGISTRY:
            raise ValueError(f"exercise {id!r} is defined twice.")
        _REGISTRY[id] = Exercise(id, answer, hint, check)
        return check
    return register


def get(id: str) -> Exercise:
    """The exercise with this id, loading its notebook's module on first use."""
    module = f"{__name__}.{MODULES.get(str(id).split('.')[0], '')}"
    if module != f"{__name__}." and importlib.util.find_spec(module) is not None:
        importlib.import_module(module)
    if id not in _REGISTRY:
        known = ", ".join(sorted(_REGISTRY)) or "none loaded"  # English only: a programmer's error
        raise ValueError(f"there is no exercise {id!r}; known exercises: {known}.")
    return _REGISTRY[id]


def evaluate(id: str, answer, **context) -> Feedback:
    """The feedback on `answer`, without printing it (what `check` prints; tests use it)."""
    item = get(id)
    if answer is NOT_ANSWERED or answer is None:
        return Feedback(id, None, _('Put {answer} in the answer cell above and run this cell again; hint("{id}") '
                                    'helps.').format(answer=_(item.answer), id=id))
    problem = item.check(answer, **context)
    if problem is None or isinstance(problem, Remark):
        return Feedback(id, True, problem or "")
    return Feedback(id, False, problem)


def check(id: str, answer, **context) -> None:
    """Print whether `answer` solves exercise `id`, and if not, what to look at."""
    print(evaluate(id, answer, **context))


def hint(id: str) -> None:
    """Print the hint of exercise `id`."""
    print(_("Hint for exercise {id}: {hint}").format(id=id, hint=_(get(id).hint)))


def solution(id: str) -> None:
    """Say where the reference solution is: in the teacher edition, not in the package."""
    get(id)
    print(_('The reference solution of exercise {id} is in the teacher edition of this notebook, in notebooks/ of '
            'the course repository. Try the hint first: hint("{id}").').format(id=id))
