"""Questions the material answers in pieces: a comparison, a summary, a newcomer's "Waar begin ik?".

These are shapes of a question, recognised by the words that ask for the shape (vergelijk, verschil,
samenvatting, waar begin ik), never by what the question is about; what it is about is searched.
"""

from __future__ import annotations

import re

_COMPARE = re.compile(
    r"\b(?:vergelijk\w*|vergeleken|verschil\w*|anders dan|andere aanpak dan|versus|vs\.?|tegenover elkaar|naast elkaar|"
    r"compare|difference)\b",
    re.IGNORECASE,
)
_COMPARE_FILLER = re.compile(
    r"\b(?:vergelijk(?:ing)?(?: van)?|vergeleken met elkaar|vergeleken|met elkaar|ten opzichte van elkaar|"
    r"wat (?:zijn|is) (?:de |het )?verschil(?:len)? tussen|(?:de |het )?verschil(?:len)? tussen|verschil(?:len|t)?|"
    r"anders dan|versus|vs\.?|qua)\b",
    re.IGNORECASE,
)
_BETWEEN = re.compile(
    r"\btussen\s+(?:de |het )?(?P<a>[^,?]+?)\s+en\s+(?:de |het )?(?P<b>[^,?]+?)(?=\s+(?:als|qua|bij|in|voor|op|wat)\b|[?,.:]|$)",
    re.IGNORECASE,
)
_NEWCOMER = re.compile(
    r"\b(?:waar begin ik|waar moet ik beginnen|nieuw als|net begonnen|ik begin (?:volgende|binnenkort|deze|per)|"
    r"wat moet ik (?:als eerste|eerst) weten|hoe staat (?:het|dat) ervoor|ik ben (?:net |pas )?(?:gestart|begonnen))\b",
    re.IGNORECASE,
)
_SUMMARY = re.compile(
    r"\b(?:samenvatting\w*|samenvatten|samengevat|vat\b.*\bsamen\b|in het kort|in (?:het )?kort bestek|overzicht(?:je)? van|"
    r"(?:kort|beknopt)(?:e|weg)? (?:overzicht\w*|uitleg\w*|vertellen|toelichten|toelichting)|(?:kort|beknopt) overzicht\w*|"
    r"overzichtje|in (?:een paar|enkele|twee|drie|een of twee|een paar korte|(?:een )?paar) zinnen|in (?:grote |hoofd)lijnen|kort graag|"
    r"tl;?dr|in een notendop|de hoofdlijnen|op hoofdlijnen)\b",
    re.IGNORECASE,
)


def asks_comparison(text: str) -> bool:
    return _COMPARE.search(text) is not None


def asks_newcomer(text: str) -> bool:
    return _NEWCOMER.search(text) is not None


def asks_summary(text: str) -> bool:
    return _SUMMARY.search(text) is not None


def between(text: str) -> tuple[str, str] | None:
    """The two things compared in '… verschil tussen Hamilton en D'Hondt als afrondingsmethode?'."""
    match = _BETWEEN.search(text)
    if not match:
        return None
    return match.group("a").strip(), match.group("b").strip()


def without_comparison(text: str) -> str:
    """The question with the words that ask for a comparison taken out: what is compared stays."""
    stripped = _COMPARE_FILLER.sub(" ", text)
    stripped = re.sub(r"\s+([,.:;?!])", r"\1", stripped)
    return re.sub(r"\s{2,}", " ", stripped).strip(" ,:;")


_REQUEST_FILLER = re.compile(
    r"\b(?:kun je|kunt u|kan je|wil je|wilt u|zou je|graag|even|eens|voor me|voor mij|nou|"
    r"(?:een )?korte?|beknopte?|(?:een )?(?:paar|enkele) zinnen|uitleggen|vertellen)\b",
    re.IGNORECASE,
)


def without_summary(text: str) -> str:
    """The question with the words that ask for a summary taken out ('Vat … even samen', 'in grote lijnen',
    'kun je kort …'): what is to be summarised stays, and is what gets searched. A request word the
    material never uses ('tldr', 'Vat') would otherwise read as a missing name or an unknown word."""
    vat = re.search(r"\bvat\b", text, re.IGNORECASE)  # 'Vat … samen': both halves of the split verb go
    stripped = re.sub(r"\b(?:vat|samen)\b", " ", text, flags=re.IGNORECASE) if vat else text
    stripped = _SUMMARY.sub(" ", stripped)
    stripped = _REQUEST_FILLER.sub(" ", stripped)
    stripped = re.sub(r"\s+([,.:;?!])", r"\1", stripped)
    stripped = re.sub(r"[,:;]+([?!.])", r"\1", stripped)
    stripped = re.sub(r"\s{2,}", " ", stripped).strip(" ,:;")
    stripped = re.sub(r"^(?:[,.:;?!\s]|geef\b|van\b)+", "", stripped, flags=re.IGNORECASE)
    return stripped if len(re.findall(r"\w+", stripped)) >= 2 else text
