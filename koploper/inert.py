"""Text from documents and users made inert before it reaches a screen.

A document may hold terminal escapes (ESC]0; sets the window title, ESC[2J clears the screen,
ESC]52; writes the clipboard) and bidi overrides that reorder what the reader sees. Every place
where such text leaves for a terminal (the CLI's prints, the app's widgets) passes it through
`screen_text`, so what is shown is what the file holds, with the controls visible instead of acting.
Markup is not this function's job: callers print with markup off (rich) or as plain Content (Textual).
`--json` output does not pass through here: it keeps the text exact.
"""

from __future__ import annotations

import re

ESCAPE_SHOWN = "␛"
CONTROL_SHOWN = "�"
"""C1 controls (0x80–0x9F) have no picture of their own; the replacement character marks them."""

_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Embeddings, overrides and isolates: they reorder the text around them on screen (Trojan Source)."""
_LINE_BREAKS = re.compile("\r\n|[\r\n\u0085\u2028\u2029\x0b\x0c]")


def _shown(code: int) -> str:
    if code == 0x1B:
        return ESCAPE_SHOWN
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode control pictures: BEL → ␇
    if code == 0x7F:
        return "␡"
    return CONTROL_SHOWN


_TABLE: dict[int, str] = {code: _shown(code) for code in [*range(0x00, 0x20), *range(0x7F, 0xA0)] if code not in (0x09, 0x0A)}
_TABLE.update({ord(char): "" for char in _BIDI})  # dropped: the letters stay in the order they were written


def screen_text(text: str, newlines: bool = False) -> str:
    """`text` safe to print: no control or escape character can act on the terminal.

    ESC shows as ␛ and the other C0 controls as their Unicode pictures (␇), C1 controls as �, bidi
    overrides are dropped. Line breaks of any kind become "\\n" when `newlines` is true and a space
    otherwise (a file name with a newline cannot break a report line); tabs stay only with newlines.
    """
    text = _LINE_BREAKS.sub("\n" if newlines else " ", text)
    if not newlines:
        text = text.replace("\t", " ")
    return text.translate(_TABLE)
