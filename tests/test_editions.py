"""The Russian edition (notebooks/ru/) stays in step with the English one, cell for cell.

Only the text a reader sees may differ: markdown, string literals and comments. The code, the asserts, the
cells' order and tags, and the numbers each cell prints must be the same, so a change to an English notebook
that is not made to its Russian twin fails here.
"""
import ast
import importlib.util
import json
import re
from collections import Counter
from pathlib import Path

import nbformat
import pytest
from IPython.core.inputtransformer2 import TransformerManager

from helpers.language import _, using_language

ROOT = Path(__file__).resolve().parents[1]
ENGLISH = sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))
RUSSIAN = ROOT / "notebooks" / "ru"
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
NUMBER = re.compile(r"(?<![\w.])[-\u2212]?\d+(?:\.\d+)?(?:e[-+]?\d+)?")
IDS = [path.stem for path in ENGLISH]


class _Blank(ast.NodeTransformer):
    """Replace the text of string literals by "" and keep each f-string's expressions, in a stable order."""

    def __init__(self):
        self.literals: list[str] = []

    def visit_Constant(self, node):
        if isinstance(node.value, str):
            self.literals.append(node.value)
            return ast.copy_location(ast.Constant(""), node)
        return node

    def visit_JoinedStr(self, node):
        self.literals.append(_literal_text(node))
        # the expressions stay code, but a string inside one is text too: f"{'weight norm':>12}"
        expressions = sorted((self.visit(v) for v in node.values if isinstance(v, ast.FormattedValue)), key=ast.dump)
        return ast.copy_location(ast.JoinedStr(values=expressions), node)


def code_shape(source: str) -> tuple[str, list]:
    """The code with every string's text blanked out (and comments dropped), and the literals it held."""
    blank = _Blank()
    tree = blank.visit(ast.parse(TransformerManager().transform_cell(source)))
    return ast.dump(tree), blank.literals


def _literal_text(node: ast.JoinedStr) -> str:
    return "".join(v.value for v in node.values if isinstance(v, ast.Constant))


def numbers(text: str) -> Counter:
    return Counter(float(n.replace("\u2212", "-")) for n in NUMBER.findall(text))


def _output_text(output) -> str:
    if output.output_type == "stream":
        return output.text
    if output.output_type in ("execute_result", "display_data"):
        return output.get("data", {}).get("text/plain", "") if "image/png" not in output.get("data", {}) else ""
    return ""


def _outputs(cell) -> list:
    """A cell's outputs, consecutive prints to one stream joined (how the kernel splits them depends on timing)."""
    joined = []
    for output in cell.outputs:
        if output.output_type == "stream" and joined and joined[-1].output_type == "stream" \
                and joined[-1].name == output.name:
            joined[-1] = nbformat.from_dict({**joined[-1], "text": joined[-1].text + output.text})
        else:
            joined.append(output)
    return joined


def _output_kind(output) -> str:
    if output.output_type == "stream":
        return f"stream:{output.name}"
    return output.output_type + "".join(sorted(f":{key}" for key in output.get("data", {})))


def _pair(english: Path):
    russian = RUSSIAN / english.name
    if not russian.exists():
        pytest.fail(f"{english.name} has no Russian edition: notebooks/ru/{english.name} is missing")
    return nbformat.read(english, as_version=4), nbformat.read(russian, as_version=4)


def test_every_notebook_has_its_russian_twin_and_no_other():
    assert sorted(p.name for p in RUSSIAN.glob("*.ipynb")) == [p.name for p in ENGLISH]


@pytest.mark.parametrize("english", ENGLISH, ids=IDS)
def test_same_cells_in_the_same_order(english):
    en, ru = _pair(english)
    assert [(c.cell_type, c.id) for c in ru.cells] == [(c.cell_type, c.id) for c in en.cells], \
        f"{english.name}: the Russian edition's cells differ in kind, id or order"
    for e, r in zip(en.cells, ru.cells, strict=True):
        assert r.metadata.get("tags", []) == e.metadata.get("tags", []), f"cell {e.id}: other tags"
        exercise = {k: v for k, v in e.metadata.get("exercise", {}).items() if k != "prompt"}
        assert {k: v for k, v in r.metadata.get("exercise", {}).items() if k != "prompt"} == exercise, \
            f"cell {e.id}: other exercise metadata"
        assert ("prompt" in r.metadata.get("exercise", {})) == ("prompt" in e.metadata.get("exercise", {}))


@pytest.mark.parametrize("english", ENGLISH, ids=IDS)
def test_same_code_apart_from_the_text_a_reader_sees(english):
    en, ru = _pair(english)
    for e, r in zip(en.cells, ru.cells, strict=True):
        if e.cell_type != "code":
            continue
        (en_code, en_literals), (ru_code, ru_literals) = code_shape(e.source), code_shape(r.source)
        assert ru_code == en_code, (f"{english.name}, cell {e.id}: the code differs beyond strings and comments."
                                    f"\n--- English:\n{e.source}\n--- Russian:\n{r.source}")
        for en_literal, ru_literal in zip(en_literals, ru_literals, strict=True):
            en_text, ru_text = en_literal, ru_literal
            if en_text == "en" and ru_text == "ru":
                continue  # set_language
            assert ru_text == en_text or CYRILLIC.search(ru_text), (
                f"{english.name}, cell {e.id}: the string {en_text!r} became {ru_text!r}: a string is either "
                "kept as it is (a value the code uses) or translated into Russian")


@pytest.mark.parametrize("english", ENGLISH, ids=IDS)
def test_the_russian_edition_speaks_russian(english):
    _, ru = _pair(english)
    assert any('set_language("ru")' in c.source for c in ru.cells if c.cell_type == "code")
    for cell in ru.cells:
        if cell.cell_type == "markdown" and re.search(r"[A-Za-z]{4,}", re.sub(r"`[^`]*`|\$[^$]*\$|\(http[^)]*\)",
                                                                                "", cell.source)):
            assert CYRILLIC.search(cell.source), f"cell {cell.id} is not translated:\n{cell.source[:300]}"


@pytest.mark.parametrize("english", ENGLISH, ids=IDS)
def test_same_numbers_in_the_prose_and_in_every_output(english):
    en, ru = _pair(english)
    for e, r in zip(en.cells, ru.cells, strict=True):
        if e.cell_type == "markdown":
            assert numbers(r.source) == numbers(e.source), (
                f"{english.name}, cell {e.id}: the prose states other numbers (write numbers in digits, as the "
                f"English does):\n  English only: {numbers(e.source) - numbers(r.source)}\n"
                f"  Russian only: {numbers(r.source) - numbers(e.source)}")
        if e.cell_type != "code":
            continue
        assert [_output_kind(o) for o in _outputs(r)] == [_output_kind(o) for o in _outputs(e)], \
            f"{english.name}, cell {e.id}: other outputs"
        for eo, ro in zip(_outputs(e), _outputs(r), strict=True):
            en_numbers, ru_numbers = numbers(_output_text(eo)), numbers(_output_text(ro))
            assert ru_numbers == en_numbers, (
                f"{english.name}, cell {e.id}: the stored output shows other numbers\n  English only: "
                f"{en_numbers - ru_numbers}\n  Russian only: {ru_numbers - en_numbers}")


ENGLISH_PROSE = re.compile(r"\b[A-Za-z]{2,}(?: [a-z]{2,}){3,}\b")  # four English words in a row


@pytest.mark.parametrize("english", ENGLISH, ids=IDS)
def test_the_russian_outputs_carry_no_english_sentence(english):
    """What helpers print (check feedback, summaries, status) comes out in Russian in the Russian edition."""
    _, ru = _pair(english)
    for cell in ru.cells:
        for output in cell.get("outputs", []):
            found = ENGLISH_PROSE.findall(_output_text(output))
            assert not found, f"cell {cell.id} prints English: {found}"


@pytest.mark.parametrize("english", ENGLISH, ids=IDS)
def test_the_russian_student_edition_is_current_and_answers_in_russian(english):
    spec = importlib.util.spec_from_file_location("make_student_edition", ROOT / "scripts" / "make_student_edition.py")
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    assert not generator.stale([RUSSIAN / english.name]), "run python scripts/make_student_edition.py"
    en, ru = (json.dumps(notebook, ensure_ascii=False) for notebook in _pair(english))
    with using_language("ru"):
        correct, not_answered = _("Correct."), _("Not answered yet.")
    verdicts = ru.count(correct), en.count("Correct.")
    assert verdicts[0] == verdicts[1] > 0, f"{verdicts[0]} checks say {correct!r}, {verdicts[1]} in English"
    student, en_student = (json.dumps(nbformat.read(folder / "student" / english.name, as_version=4),
                                      ensure_ascii=False) for folder in (RUSSIAN, english.parent))
    waiting = student.count(not_answered), en_student.count("Not answered yet.")
    assert waiting[0] == waiting[1] > 0, f"{waiting[0]} checks wait for an answer, {waiting[1]} in English"
    assert correct not in student
