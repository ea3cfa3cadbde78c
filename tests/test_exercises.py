"""The exercise framework: checks that say what is wrong, hints, and the student edition built from
the teacher edition with nothing of the solutions left in it."""
import importlib.util
import json
from pathlib import Path

import nbformat
import pytest

from helpers import exercises
from helpers.exercises import Feedback, Remark, check, evaluate, exercise, hint, solution

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("make_student_edition", ROOT / "scripts" / "make_student_edition.py")
make_student_edition = importlib.util.module_from_spec(spec)
spec.loader.exec_module(make_student_edition)


@pytest.fixture(scope="module", autouse=True)
def toy_exercise():
    @exercise("99.1", answer="the threshold for equal costs", hint="Equal costs: pick the more likely class.")
    def _(answer, costs_equal=True):
        if not 0 <= answer <= 1:
            return "a threshold is a probability: it lies between 0 and 1."
        if answer > 0.6:
            return "your threshold is above 0.5: with equal costs, should it be there?"
        if answer == 0.5 and not costs_equal:
            return Remark("right, though you said the costs differ.")
        return None if abs(answer - 0.5) < 0.1 else "close to 0.5 is right when both errors cost the same."

    yield
    exercises._REGISTRY.pop("99.1")


def test_a_right_answer_is_correct_and_wrong_ones_say_why(capsys):
    assert evaluate("99.1", 0.52) == Feedback("99.1", True, "")
    too_high = evaluate("99.1", 0.9)
    assert too_high.correct is False and "above 0.5" in too_high.message
    assert "between 0 and 1" in evaluate("99.1", 3.0).message
    check("99.1", 0.9)
    assert capsys.readouterr().out.startswith("Exercise 99.1: Not yet. your threshold is above 0.5")


def test_a_right_answer_can_carry_a_remark():
    feedback = evaluate("99.1", 0.5, costs_equal=False)
    assert feedback.correct is True
    assert str(feedback) == "Exercise 99.1: Correct. right, though you said the costs differ."


def test_an_empty_answer_cell_is_not_answered_yet_and_never_fails(capsys):
    for empty in (..., None):
        feedback = evaluate("99.1", empty)
        assert feedback.correct is None and "the threshold for equal costs" in feedback.message
    check("99.1", ...)
    assert "Not answered yet" in capsys.readouterr().out


def test_hint_and_solution_point_the_way(capsys):
    hint("99.1")
    solution("99.1")
    out = capsys.readouterr().out
    assert "Equal costs: pick the more likely class." in out and "teacher edition" in out


def test_unknown_and_duplicate_exercises_are_refused():
    with pytest.raises(ValueError, match="there is no exercise '99.9'"):
        evaluate("99.9", 1)
    with pytest.raises(ValueError, match="defined twice"):
        exercise("99.1", answer="x", hint="y")(lambda answer: None)


def teacher_notebook() -> nbformat.NotebookNode:
    cells = [nbformat.v4.new_markdown_cell("# 99 · A toy lesson"),
             nbformat.v4.new_code_cell("from helpers.exercises import check"),
             nbformat.v4.new_markdown_cell("**Exercise 1.** Tune the threshold for equal costs."),
             nbformat.v4.new_code_cell("t_equal = 0.25 + 0.25  # the secret reference solution"),
             nbformat.v4.new_code_cell('check("99.1", t_equal)')]
    cells[3].metadata = {"tags": ["solution"], "exercise": {"id": "99.1", "answer": "t_equal"},
                         "jupyter": {"source_hidden": True}}
    cells[3].outputs = [nbformat.v4.new_output("stream", text="0.5 is the secret\n")]
    return nbformat.v4.new_notebook(cells=cells)


def test_the_student_edition_replaces_each_solution_by_an_answer_cell():
    student = make_student_edition.student_cells(teacher_notebook(), "99_toy.ipynb")
    text = json.dumps(student)
    assert "secret" not in text and "0.25" not in text and "source_hidden" not in text
    [answer] = [c for c in student.cells if "answer" in c.metadata.get("tags", [])]
    assert answer.source.endswith("t_equal = ...") and "the threshold for equal costs" in answer.source
    assert not [c for c in student.cells if "solution" in c.metadata.get("tags", [])]
    assert student.cells[1].source.startswith("**Student edition.**") and "../99_toy.ipynb" in student.cells[1].source
    assert [c.source for c in student.cells if c.cell_type == "code"][-1] == 'check("99.1", t_equal)'


def test_a_solution_cell_must_say_which_exercise_it_solves():
    notebook = teacher_notebook()
    del notebook.cells[3].metadata["exercise"]
    with pytest.raises(ValueError, match="needs metadata exercise"):
        make_student_edition.student_cells(notebook, "99_toy.ipynb")
