"""Digits that name something instead of counting it: phone numbers, postcodes, dates, house numbers
and the numbers of articles, pages, annexes and files ('06-41238877', '7511 AB', '12-03-2025',
'Stationsstraat 12', 'artikel 28', 'kenmerk 2025/1234').

Such digits are read by their shape (how the digits are grouped and what stands right before them),
not by their value: they are context of the message, never an amount, a limit or a year to spread
over, and a message with only such digits after a request does not change it.
"""

from __future__ import annotations

import re

_PHONE_CANDIDATE = re.compile(r"(?<![\w.,])(?:\+31|0031|\(0\d{1,3}\)|0)[\d\s()\-/.]{6,18}\d(?![\d])")
"""A run of digits, spaces, hyphens and brackets that starts like a Dutch phone number (0…, +31…)."""
_POSTCODE = re.compile(r"(?<![\w.,])[1-9]\d{3}\s?[A-Z]{2}(?![A-Za-z])(?:\s+(?:[A-Z]['\w-]*|de|den|aan|op|in)(?:\s+[A-Z][\w'-]*)*)?")
"""'7511 AB', '6412 CN Heerlen', '2511 BT Den Haag': four digits (no leading zero) and two capitals, with the
town of the address after it (a place in an address is no place of the request); in lower case only after
'postcode'."""
_POSTCODE_AFTER_WORD = re.compile(r"(?i)\bpostcode\s*:?\s*[1-9]\d{3}\s?[a-z]{2}\b")
_NOT_POSTCODE_LETTERS = frozenset(["SA", "SD", "SS"])
"""Letter pairs Dutch postcodes never use: '1500 SS' is something else."""
_DATE = re.compile(r"(?<![\d.,/-])(\d{1,2})[-/.](\d{1,2})[-/.]((?:19|20)\d{2})(?![\d.,/-]?\d)|(?<![\d.,/-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d])")
"""'12-03-2025', '1/3/2025', '12.03.2025', '2025-03-12': a day, a month and a year of four digits (so that
weights such as '20/10/70' stay weights)."""
_LABELS = (
    r"artikel|artikelen|art|lid|leden|bijlage|bijlagen|hoofdstuk|paragraaf|par|pagina|paginas|pag|blz|bladzijde|p|pp|"
    r"nummer|nr|nrs|no|kenmerk|zaaknummer|dossiernummer|referentie|ref|registratienummer|"
    r"versie|huisnummer|postbus|kvk|kvk-nummer|telefoonnummer|mobiel|fax|agendapunt|motie|amendement|"
    r"kamerstuk|kamerstukken|besluitnummer|stuknummer|volgnummer|factuurnummer|ticket|formulier|kamer|fase|stap|ronde|tranche|week|§"
)
_LABELLED = re.compile(
    r"(?i)(?<![\w])(?:" + _LABELS + r")\.?\s*:?\s*(?:[a-z]{1,5}[/-])?(?:\d+[a-z]?)(?:[./-]\d+[a-z]?)*(?:\s*t/m\s*\d+[a-z]?(?:[./-]\d+[a-z]?)*)?(?![\d%]|,\d|\s*(?:%|procent))"
)
"""'artikel 28', 'art. 5.3', 'lid 2', 'bijlage 3', 'kenmerk 2025/123456', 'nr. 12', 'pagina 4 t/m 6'."""
_EACH = frozenset(["elk", "elke", "ieder", "iedere", "per", "welk", "welke", "een", "het", "de", "dat", "dit"])
"""'per kamer 2 personen', 'elk lid 20': after these the label word is a thing counted, not a label."""
_LABEL_COMPOUND = re.compile(
    r"(?i)\b[a-z]{2,}(?:nummer|besluit|kenmerk|stuk|brief|motie|artikel)\.?\s*:?\s*\d+[a-z]?(?:[./-]\d+[a-z]?)*(?![\d%]|,\d)"
)
"""'raadsbesluit 2025/118', 'zaaknummer 4471', 'collegebrief 12': a compound whose head is a label word."""
_DAY_MONTH = re.compile(
    r"(?i)\b(?:op|voor|per|tot|vanaf|na|uiterlijk|deadline|datum|dd|d\.d\.)\s*:?\s*(\d{1,2})[-/](\d{1,2})(?![\d.,/-]?\d)"
)
"""'voor 15-01', 'uiterlijk 1/7': a day and a month after a word of time (without the word '20/10' may be weights)."""
_WEB = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\bhttps?://\S+|\bwww\.\S+")
"""An e-mail or web address: its digits name nothing that is counted."""
_ADDRESS = re.compile(r"(?i)\b(?:adres|bezoekadres|postadres|afleveradres)\s*:?\s*[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?\s+\d{1,4}[a-z]?(?![\d%])")
"""'bezoekadres Spui 70': a street (any name) and its number after a word for an address."""
_STREET_FIRST = re.compile(
    r"\b(?:Laan|Plein|Kade|Weg|Straat|Dijk|Singel|Gracht|Markt|Hof|Burgwal|Dreef)\s+(?:(?:van|der|de|den|het|op|ten|ter)\s+)*[A-Z][\w'-]*\s+\d{1,4}[a-zA-Z]?(?![\d%])"
)
"""'Laan van NOI 4', 'Kade Noord 12': a street whose name starts with its street noun, and its number."""
_STREET = re.compile(
    r"\b[A-Z][\w'-]*(?:straat|weg|laan|plein|singel|gracht|kade|dijk|hof|park|markt|steeg|dreef|pad|boulevard|allee|plantsoen)"
    r"\s+(\d{1,4}[a-zA-Z]?)(?![\d%])"
)
"""'Stationsstraat 12', 'Spoorlaan 3a': a house number after a street name (capitalised, a street noun at its end)."""


def _phones(text: str) -> list[tuple[int, int]]:
    """Phone numbers: a Dutch start (0…, +31…) and, all groups together, 10 digits (11 with 31 in front)."""
    spans: list[tuple[int, int]] = []
    for m in _PHONE_CANDIDATE.finditer(text):
        chunk = m.group(0)
        digits = re.sub(r"\D", "", chunk)
        national = digits[2:] if digits.startswith("31") else digits[4:] if digits.startswith("0031") else digits
        if len(national) in (9, 10) and (not chunk.startswith("0") or len(national) == 10):
            spans.append((m.start(), m.end()))
    return spans


def _dates(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for m in _DATE.finditer(text):
        if m.group(1) is not None:
            day, month = int(m.group(1)), int(m.group(2))
        else:
            day, month = int(m.group(6)), int(m.group(5))
        if 1 <= day <= 31 and 1 <= month <= 12:
            spans.append((m.start(), m.end()))
    return spans


def _postcodes(text: str) -> list[tuple[int, int]]:
    """'7511 AB' unless the message shouts ('VERDEEL 1500 IN 3 JAAR': capitals all over are no postcode letters)."""
    shouting = sum(1 for w in re.findall(r"[A-Za-z]{2,}", text) if w.isupper()) >= 3
    spans = [] if shouting else [(m.start(), m.end()) for m in _POSTCODE.finditer(text) if m.group(0)[-2:] not in _NOT_POSTCODE_LETTERS]
    return spans + [(m.start(), m.end()) for m in _POSTCODE_AFTER_WORD.finditer(text)]


_PERIOD_LABEL_YEAR = re.compile(r"(?i)^(?:fase|stap|ronde|tranche|week)\s*:?\s*(?:19|20)\d{2}$")


def _a_period_of_a_year(label: str) -> bool:
    """'de ronde 2022', 'tranche 2026': the round of a year names that year (read as a year), no label number."""
    return _PERIOD_LABEL_YEAR.match(label) is not None


_PART_OF_A_YEAR = re.compile(
    r"(?i)\b(?:[hq][1-4]\s*[-/]?\s*(?:19|20)\d{2}|(?:19|20)\d{2}\s*[-/]?\s*[hq][1-4]"
    r"|(?:eerste|tweede|derde|vierde|[1-4]e|[1-4]ste)\s+(?:helft|halfjaar|kwartaal)\s+(?:van\s+)?(?:19|20)\d{2})(?![\w])"
)
"""'h1 2022', '2023-H2', 'Q3 2024', 'tweede helft van 2022': a half-year or quarter with its year is a date, not
a count of the thing named after it ('in h1 2022 wel hun statushouders')."""


def _counted_thing(text: str, at: int) -> bool:
    before = re.findall(r"[A-Za-z]+", text[max(0, at - 12) : at])
    return bool(before) and before[-1].lower() in _EACH


def identifier_spans(text: str) -> list[tuple[str, int, int]]:
    """Where the message names something with digits: (what it is, start, end) in the text as typed."""
    found: list[tuple[str, int, int]] = [("telefoonnummer", a, b) for a, b in _phones(text)]
    found += [("datum", a, b) for a, b in _dates(text)]
    found += [("datum", m.start(), m.end()) for m in _PART_OF_A_YEAR.finditer(text)]
    found += [("postcode", a, b) for a, b in _postcodes(text)]
    found += [
        ("verwijzing", m.start(), m.end()) for m in _LABELLED.finditer(text) if not _counted_thing(text, m.start()) and not _a_period_of_a_year(m.group(0))
    ]
    found += [("verwijzing", m.start(), m.end()) for m in _LABEL_COMPOUND.finditer(text)]
    found += [("datum", m.start(), m.end()) for m in _DAY_MONTH.finditer(text) if 1 <= int(m.group(1)) <= 31 and 1 <= int(m.group(2)) <= 12]
    found += [("adres", m.start(), m.end()) for m in _WEB.finditer(text)]
    found += [("adres", m.start(), m.end()) for m in _ADDRESS.finditer(text)]
    found += [("adres", m.start(), m.end()) for m in _STREET.finditer(text)]
    found += [("adres", m.start(), m.end()) for m in _STREET_FIRST.finditer(text)]
    return found
