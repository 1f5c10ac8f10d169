"""argparse in Dutch: usage, help and error messages of every `koploper` command (also `koploper web`).

In the shared package because the command line of the assistant and the web server of the app both
use it, and the web server may not import the assistant.
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator

_DUTCH = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "expected one argument": "verwacht één waarde",
    "expected at least one argument": "verwacht minstens één waarde",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "not allowed with argument %s": "niet toegestaan samen met %s",
    "one of the arguments %s is required": "een van deze argumenten is verplicht: %s",
    "ambiguous option: %(option)s could match %(matches)s": "dubbelzinnige optie: %(option)s kan %(matches)s zijn",
}


def _translate(message: str) -> str:
    return _DUTCH.get(message, message)


@contextlib.contextmanager
def dutch_argparse() -> Iterator[None]:
    """argparse in Dutch while a parser is built and used, and only then: argparse looks its messages up
    through its module's `_`, which the rest of the process (the app, libraries) keeps."""
    # typeshed does not declare argparse's module-level `_` (its gettext), hence the ignores
    saved = argparse._  # type: ignore[attr-defined]
    argparse._ = _translate  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = saved  # type: ignore[attr-defined]
