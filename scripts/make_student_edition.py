"""Write the student edition of every notebook: the same lesson, each solution replaced by an answer cell.

    python scripts/make_student_edition.py            # writes and executes notebooks/student/*.ipynb and
                                                      # notebooks/ru/student/*.ipynb
    python scripts/make_student_edition.py --check    # exit 1 if a student notebook is stale (tests run it)

The teacher edition in notebooks/ (in Russian: notebooks/ru/) is the one source of each student edition.
A code cell tagged `solution` holds a reference
solution; its metadata says which exercise it solves and which variable holds the answer:
`{"tags": ["solution"], "exercise": {"id": "01.2", "answer": "t_99"}}`. In the student edition that cell
becomes `t_99 = ...` under a comment saying what to compute; the check cell after it (the same in both
editions) then prints "not answered yet" until the student fills it in. A predict-first exercise's
prediction cell is tagged the same way, with a "prompt" in its metadata saying what to predict, so that
the student edition does not give the prediction away. Nothing of the solution is
kept: not the code, not its outputs, not a hidden cell. The student notebooks are executed, so that
GitHub shows their figures and nbval can run them.
"""
import argparse
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from helpers.language import _, using_language

ROOT = Path(__file__).resolve().parents[1]
EDITIONS = {ROOT / "notebooks": "en", ROOT / "notebooks" / "ru": "ru"}  # teacher edition -> its language


def student_path(teacher: Path) -> Path:
    return teacher.parent / "student" / teacher.name


def banner(name: str) -> str:
    return _("**Student edition.** Each exercise has an empty answer cell (`... `): write your code there, then run "
             'the check below it. `hint("ID")` gives a hint. The teacher edition, with the solutions, is '
             "[../{name}](../{name}).").format(name=name)


def answer_stub(cell: nbformat.NotebookNode) -> str:
    """The student's answer cell that replaces a solution cell."""
    from helpers.exercises import get

    meta = cell.metadata.get("exercise") or {}
    if "id" not in meta or "answer" not in meta:
        raise ValueError(f"a cell tagged 'solution' needs metadata exercise: {{id, answer}}; got {meta!r}:\n"
                         + cell.source[:200])
    item = get(meta["id"])
    what = meta.get("prompt", _(item.answer))  # a prediction cell says what to predict: `prompt` in its metadata
    return _("# Exercise {id}: your code here. Put {what} into `{variable}`.").format(
        id=item.id, what=what, variable=meta["answer"]) + f"\n{meta['answer']} = ..."


def student_cells(teacher: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """The student notebook's cells (not yet executed), built from the teacher notebook."""
    notebook = nbformat.from_dict(teacher)
    cells = []
    for cell in notebook.cells:
        if "solution" in cell.metadata.get("tags", []):
            stub = nbformat.v4.new_code_cell(answer_stub(cell))
            stub.id = cell.id
            stub.metadata = {"tags": ["answer"], "exercise": {"id": cell.metadata["exercise"]["id"]}}
            cells.append(stub)
        else:
            cells.append(cell)
    note = nbformat.v4.new_markdown_cell(banner(name))
    note.id = "student-edition-banner"
    title = next(i for i, c in enumerate(cells) if c.cell_type == "markdown")
    notebook.cells = cells[:title + 1] + [note] + cells[title + 1:]
    for cell in notebook.cells:
        cell.metadata.get("jupyter", {}).pop("source_hidden", None)
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return notebook


def sources(notebook: nbformat.NotebookNode) -> list[tuple[str, str]]:
    return [(c.cell_type, c.source) for c in notebook.cells]


def build(path: Path, execute: bool) -> nbformat.NotebookNode:
    with using_language(EDITIONS[path.parent]):
        notebook = student_cells(nbformat.read(path, as_version=4), path.name)
    if execute:
        NotebookClient(notebook, timeout=600, kernel_name="python3", store_widget_state=False,
                       resources={"metadata": {"path": str(student_path(path).parent)}}).execute()
    return notebook


def stale(paths: list[Path]) -> list[str]:
    """Student notebooks whose cells differ from what the teacher edition gives now (or that are missing)."""
    out = []
    for path in paths:
        target = student_path(path)
        if not target.exists() or sources(nbformat.read(target, as_version=4)) != sources(build(path, False)):
            out.append(str(target.relative_to(ROOT)))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="teacher notebooks (default: all)")
    parser.add_argument("--check", action="store_true", help="report stale student notebooks, write nothing")
    args = parser.parse_args()
    paths = [p.resolve() for p in args.notebooks] or sorted(p for d in EDITIONS for p in d.glob("[0-9]*.ipynb"))
    if args.check:
        found = stale(paths)
        print("\n".join(f"{p}: stale, run python scripts/make_student_edition.py" for p in found)  # English only
              or "the student edition is up to date")  # English only: a developer's console
        return 1 if found else 0
    for path in paths:
        student_path(path).parent.mkdir(exist_ok=True)
        nbformat.write(build(path, execute=True), student_path(path))
        print(f"wrote {student_path(path).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
