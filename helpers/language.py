"""The language of the text `helpers` writes: plot labels, slider labels, status lines, exercise feedback.

English is the source: each text is written in English where it is used, inside `_()`, with named
placeholders filled by `.format()`. Each other language has one place, the package `helpers/locales/<code>/`,
whose `MESSAGES` map every English text to its translation (tests/test_language.py keeps it complete). A
notebook picks its language once, in its set-up cell: `set_language("ru")`. Text in the notebook's own code
cells is simply written in the notebook's language.
"""
import importlib
from collections.abc import Iterator
from contextlib import contextmanager

LANGUAGES = ("en", "ru")
_current = {"code": "en", "messages": {}}


def set_language(code: str) -> None:
    """Make every text `helpers` writes from now on come out in this language ("en" or "ru")."""
    if code not in LANGUAGES:
        raise ValueError(f"language should be one of {', '.join(LANGUAGES)}; got {code!r}.")
    messages = {} if code == "en" else importlib.import_module(f"helpers.locales.{code}").MESSAGES
    _current.update(code=code, messages=messages)


def current_language() -> str:
    """The code of the language in use ("en" unless a notebook chose another)."""
    return _current["code"]


@contextmanager
def using_language(code: str) -> Iterator[None]:
    """Use this language inside the `with` block, then the one before it (for tests and scripts)."""
    before = current_language()
    set_language(code)
    try:
        yield
    finally:
        set_language(before)


def _(text: str) -> str:
    """`text` (English, as written in the code) in the language in use."""
    return _current["messages"].get(text, text)


def N_(text: str) -> str:
    """Mark a text defined ahead of use (a registered hint) for translation; `_()` translates it where shown."""
    return text
