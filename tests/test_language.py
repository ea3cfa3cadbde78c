"""The Russian catalog keeps up with the English texts of `helpers`, and no reader-facing text escapes it.

English texts are written in the code inside `_()` (or `N_()` where defined ahead of use); this test reads
them from the source, so a new or changed text without its translation fails here, not in a classroom.
"""
import ast
import re
import string
from pathlib import Path

import pytest

from helpers.language import _, current_language, set_language, using_language
from helpers.locales.ru import MESSAGES

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "helpers").rglob("*.py")) + [ROOT / "scripts" / "make_student_edition.py"]
SOURCES = [path for path in SOURCES if "locales" not in path.parts]
PROSE = re.compile(r"[A-Za-z]{2,}[,:;]? [A-Za-z]{2,}")  # two English words in a row: text a reader sees
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
NUMBER = re.compile(r"(?<![\w.{])\d+(?:\.\d+)?")
# what a Russian text writes as the English does: placeholders, `code`, identifiers, and "dropout", which the
# book's Russian edition leaves untranslated
KEPT_IN_ENGLISH = r"\{[^}]*\}|`[^`]*`|\w*_\w*|\bdropout\b"
CODE_KEYWORDS = {"loc", "xycoords", "textcoords", "ha", "va", "help"}  # placement words; a script's --help
TEXT_KEYWORDS = {"label", "xlabel", "ylabel", "title", "description", "tooltip"}  # always text, even one word
TEXT_METHODS = {"set_title", "set_text", "set_xlabel", "set_ylabel", "suptitle", "annotate", "text"}


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _marked(node: ast.AST, parents: dict) -> bool:
    """Inside `_()` / `N_()`, a docstring, an exception raised for a programmer, or a `# code value` line."""
    while node in parents:
        parent = parents[node]
        if isinstance(parent, ast.Call) and isinstance(parent.func, ast.Name) and parent.func.id in ("_", "N_"):
            return True
        if isinstance(parent, ast.Raise | ast.Assert):
            return True
        if isinstance(parent, ast.keyword) and parent.arg in CODE_KEYWORDS:
            return True
        if isinstance(parent, ast.Expr) and isinstance(parent.value, ast.Constant):
            return True  # a docstring or a bare string
        node = parent
    return False


def _shown(node: ast.AST, parents: dict) -> bool:
    """A string given straight to a label, a title or a text artist: a reader sees it, one word or many."""
    parent = parents.get(node)
    if isinstance(parent, ast.JoinedStr):
        node, parent = parent, parents.get(parent)
    if isinstance(parent, ast.keyword):
        return parent.arg in TEXT_KEYWORDS
    return (isinstance(parent, ast.Call) and isinstance(parent.func, ast.Attribute)
            and parent.func.attr in TEXT_METHODS and node in parent.args)


def _texts() -> dict[str, list[str]]:
    """Every English text marked for translation, with where it is."""
    found: dict[str, list[str]] = {}
    for path in SOURCES:
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "N_")
                    and node.args and isinstance(node.args[0], ast.Constant)):
                found.setdefault(node.args[0].value, []).append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def _fields(text: str) -> list[tuple[str, str, str]]:
    """The named placeholders of a template; braces around anything else (a dict written out for the reader,
    {"q1": letter, ...}) are text, free to translate."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return []
    return sorted((name, spec or "", conversion or "") for _, name, spec, conversion in parsed
                  if name is not None and name.isidentifier())


def test_every_text_has_its_russian_translation():
    missing = {text: where for text, where in _texts().items() if text not in MESSAGES}
    assert not missing, "texts without a Russian translation in helpers/locales/ru/:\n" + "\n".join(
        f"  {where[0]}: {text!r}" for text, where in missing.items())


def test_the_catalog_holds_no_stale_text():
    stale = sorted(set(MESSAGES) - set(_texts()))
    assert not stale, "Russian translations of texts no longer in the code:\n" + "\n".join(map(repr, stale))


@pytest.mark.parametrize("english", sorted(MESSAGES))
def test_a_translation_keeps_the_placeholders_numbers_and_is_russian(english):
    russian = MESSAGES[english]
    assert _fields(russian) == _fields(english), f"{english!r} -> {russian!r}: the placeholders differ"
    assert sorted(NUMBER.findall(russian)) == sorted(NUMBER.findall(english)), \
        f"{english!r} -> {russian!r}: write the same numbers, in digits"
    if re.search(r"[a-z]{3,}", re.sub(KEPT_IN_ENGLISH, "", english)):
        assert CYRILLIC.search(russian), f"{english!r} -> {russian!r} is not Russian"


def test_no_reader_facing_english_outside_the_catalog():
    """A string of English words in helpers/ must be marked for translation (or be a docstring, an exception's
    message for a programmer, a line marked `# code value`: a value the code compares, or `# English only`: a
    console message for a developer)."""
    loose = []
    for path in SOURCES:
        source = path.read_text()
        lines = source.splitlines()
        tree = ast.parse(source)
        parents = _parents(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and (PROSE.search(node.value) or (
                    _shown(node, parents) and re.search("[a-z]{2,}", re.sub(KEPT_IN_ENGLISH, "", node.value)))):
                if isinstance(parents.get(node), ast.JoinedStr):
                    node = parents[node]
                line = lines[node.lineno - 1]
                if not _marked(node, parents) and "# code value" not in line and "# English only" not in line:
                    loose.append(f"  {path.relative_to(ROOT)}:{node.lineno}: {lines[node.lineno - 1].strip()[:100]}")
    assert not loose, "English text not marked for translation with _():\n" + "\n".join(sorted(set(loose)))


def test_set_language_switches_and_refuses_unknown_codes():
    english = next(iter(MESSAGES), "")
    assert current_language() == "en" and _(english) == english
    with using_language("ru"):
        assert current_language() == "ru" and _(english) == MESSAGES.get(english, english)
    assert current_language() == "en"
    with pytest.raises(ValueError, match="language should be one of en, ru"):
        set_language("de")


def test_every_russian_text_has_its_glyphs_in_the_figures_font():
    """Figures draw in matplotlib's default font, DejaVu Sans, which ships inside matplotlib (so Colab and Binder
    have it too) and has Cyrillic; a glyph missing from it would warn, and warnings are errors in these tests."""
    import matplotlib
    from matplotlib import font_manager
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    font = Path(font_manager.findfont(font_manager.FontProperties(family=matplotlib.rcParams["font.family"])))
    assert font.name == "DejaVuSans.ttf" and Path(matplotlib.get_data_path()) in font.parents, font
    fig = Figure()
    fig.text(0, 0, "\n".join(MESSAGES.values()) + "\nёЁ«»—№")
    FigureCanvasAgg(fig).draw()
