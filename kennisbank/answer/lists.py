"""The lists of a text: where an item begins, which marker it has, and when a passage stops inside a list.

A law's member that introduces a list ('De op te leggen bestuurlijke boete bedraagt ten hoogste:') and its
items ('a. het bedrag …', 'b. …') often land in different passages: the lead is joined with the member before
it, a long item is a paragraph of its own. These rules read only the markers and the punctuation of the text
('a.', '1°.', '–', a closing ':' or ';'), so they hold for every document with numbered parts.
"""

from __future__ import annotations

import re

from kennisbank.models import Hit

LIST_ITEM = re.compile(r"^\s*(?:[-–*•]|\d+[.)]|[a-z]{1,2}[.)]|\d{1,2}°\.?)\s")
"""An item of a list: a bullet, a number, and the parts of a law's member ('a.', 'b.', '1°.', '– ')."""
_OPEN_END = re.compile(r"(?:[:;,]|\b(?:en|of))\s*$")
"""How a passage that stops inside a list ends: the lead of the list ('… bedraagt ten hoogste:') or an item that
the next one continues ('…, en', '… of;', '…;'). A passage that closes its sentence ('.') closes its list too."""


def item_kind(text: str) -> str | None:
    """What marks the list item `text` opens with: 'letter' ('a.'), 'degree' ('1°.'), 'number' ('2.') or
    'bullet' ('–'); None when it is no item."""
    match = LIST_ITEM.match(text)
    if match is None:
        return None
    marker = match.group(0).strip()
    if "°" in marker:
        return "degree"
    if marker[:1].isdigit():
        return "number"
    return "letter" if marker[:1].isalpha() else "bullet"


_NUMBERED_RUN = re.compile(r"\(1\)[^()]+\(2\)[^()]+\(3\)")
"""Three numbered items in running text: '(1) …; (2) …; en (3) …'."""
_NUMBERED_LINES = re.compile(r"^\s*1[.)]\s.+\n\s*2[.)]\s.+\n\s*3[.)]\s", re.MULTILINE)
"""Three numbered items on lines of their own: '1. …', '2. …', '3. …'."""


def enumerates(text: str) -> bool:
    """The text numbers three items or more, in running text or on lines of their own: a document that lists its
    own main points ('De drie pijlers … zijn: (1) …; (2) …; en (3) …')."""
    return bool(_NUMBERED_RUN.search(text) or _NUMBERED_LINES.search(text))


def stops_inside_list(text: str) -> bool:
    """The text ends with the lead of a list or with an item the next one continues."""
    return bool(_OPEN_END.search(text))


_LEAD = re.compile(r":\s*$|:[ \t]*\n", re.MULTILINE)


def opens_list(text: str) -> bool:
    """The text stops inside a list it opens itself: it has a lead ('…:') and ends with it or with an unfinished
    item. A passage of items only (the lead is in a passage before it) has nothing to carry on."""
    return bool(_LEAD.search(text)) and stops_inside_list(text)


def breaks_off(text: str) -> bool:
    """The text ends inside a sentence: without a mark that closes a clause."""
    end = text.rstrip()[-1:]
    return end.isalnum() or end == ","


def cut_off(text: str, next_text: str) -> bool:
    """`text` breaks off inside a sentence that `next_text` goes on with: it ends without a mark that closes a
    clause ('… en zorg en', '… noodzakelijk zijn voor de') and the next opens in lower case, with no item marker
    (a page of a PDF, or a paragraph longer than a passage, ends mid-sentence)."""
    return breaks_off(text) and next_text.lstrip()[:1].islower() and item_kind(next_text) is None


def continues_list(before: Hit, after: Hit) -> bool:
    """`after` goes on where `before` stops, in the same section (an article) of the same document: `before` ends
    in the lead of a list or an unfinished item and `after` opens with an item, or `before` breaks off inside a
    sentence that `after` finishes."""
    if not before.section or (before.source, before.section) != (after.source, after.section):
        return False
    return (stops_inside_list(before.text) and item_kind(after.text) is not None) or cut_off(before.text, after.text)
