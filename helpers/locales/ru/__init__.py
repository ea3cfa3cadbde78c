"""Russian: the translation of every text `helpers` writes, with the terms of the book's Russian edition.

One module per part of the package; `MESSAGES` joins them. The same English text must read the same in
every module that uses it.
"""
import importlib

PARTS = ("common", "plots", "widgets", "exercises", "threshold", "bce", "optimizers", "weight_decay", "l1",
         "dropout")


def _join() -> dict[str, str]:
    messages: dict[str, str] = {}
    for part in PARTS:
        for english, russian in importlib.import_module(f"{__name__}.{part}").MESSAGES.items():
            if messages.setdefault(english, russian) != russian:
                raise ValueError(f"{english!r} has two Russian texts: {messages[english]!r} and {russian!r}.")
    return messages


MESSAGES = _join()
