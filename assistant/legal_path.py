"""Where in a law a quoted sentence stands: 'Huisvestingswet 2014, artikel 14, lid 2, onderdeel a'.

Laws, decrees and circulars number their parts: an article's members ('lid') open with '1.', '2.', …,
and the parts of a member ('onderdeel') with 'a.', 'b.', … The passage is chunked per article (its
heading is the section); the member and part of a quoted sentence are read from the lines above it in
the passage itself, so the citation points at the sentence that carries the fact.
"""

from __future__ import annotations

import re

_ARTICLE = re.compile(r"^\s*(?:artikel|art\.)\s+(\S+)", re.IGNORECASE)
_MEMBER = re.compile(r"(?m)^[ \t]*(\d{1,2}[a-z]?)\.[ \t]+\S")
_PART = re.compile(r"(?m)^[ \t]*(?:[-–][ \t]*)?([a-z]{1,2}|\d{1,2}°)[.)][ \t]+\S")
_SHORT_TITLE = re.compile(r"\(([^()]{3,60})\)\s*$")
LONG_TITLE = 80
"""A title longer than this is cited by the short name it ends with in brackets, if it has one:
'Wet van 4 juni 2014, houdende nieuwe regels … (Huisvestingswet 2014)' → 'Huisvestingswet 2014'."""


def short_title(title: str) -> str:
    match = _SHORT_TITLE.search(title)
    if len(title) > LONG_TITLE and match:
        return match.group(1)
    return title


def member_and_part(passage: str, sentence: str, before: str = "") -> str | None:
    """'lid 2, onderdeel a' for a sentence of an article's passage; None when the passage has no members.

    `before`: the passage of the same article that the list of this one's items opens in ('2. De op te leggen
    boete bedraagt ten hoogste:' before 'a. het bedrag …'), read when this passage opens with an item."""
    at = passage.find(sentence)
    if at < 0:
        return None
    if before and _PART.match(passage):
        passage, at = f"{before}\n\n{passage}", at + len(before) + 2
    head = passage[: at + 6]  # the sentence may open with its own number ('2. In de …')
    members = list(_MEMBER.finditer(head))
    if not members:
        return None
    member = members[-1]
    where = f"lid {member.group(1)}"
    parts = list(_PART.finditer(head, member.end()))
    if parts:
        where += f", onderdeel {parts[-1].group(1)}"
    return where


def legal_path(section: str, passage: str, sentences: list[str], before: str = "") -> str | None:
    """'artikel 14, lid 2' (members of all quoted sentences, in order) when `section` is an article; `before` as
    for `member_and_part`."""
    article = _ARTICLE.match(section or "")
    if not article:
        return None
    places = list(dict.fromkeys(p for p in (member_and_part(passage, s, before) for s in sentences) if p))
    path = f"artikel {article.group(1).rstrip('.')}"
    return f"{path}, {'; '.join(places)}" if places else path
