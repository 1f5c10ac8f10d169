"""A comparison answered side by side: per aspect, each region's (or thing's) own quote with its citation.

The material answers "Vergelijk Haaglanden en Parkstad" in pieces: each region's card says what it does,
none compares. So each column is searched on its own (a region with its filter, a thing by name), and
each cell is the quoted answer or "staat niet in het materiaal". Nothing is summarised in our words.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.compose_knowledge import source_line
from assistant.compose_profile import COORDINATION_QUESTION, PARTNERS_QUESTION
from assistant.engines import Hit, SearchResponse, Side
from assistant.models import SideBySide, SideBySideCell, SideBySideQuote, SideBySideRow
from assistant.question_shapes import asked_sentences, for_one, has_content
from koploper.regions import in_sentence

NOT_IN_MATERIAL = "staat niet in het materiaal"
REGION_ASPECTS: tuple[tuple[str, str], ...] = (
    ("Wie doen mee", PARTNERS_QUESTION),
    ("Wie coördineert", COORDINATION_QUESTION),
    ("Aanpak", "Hoe pakt {region} de huisvesting van aandachtsgroepen aan?"),
    ("Woonzorgvisie", "Wat is de stand van de woonzorgvisie in {region}?"),
    ("Sinds 2022", "Wat is er sinds 2022 gebeurd in {region}?"),
    ("Cijfers", "Hoeveel woningen, plekken of mensen noemt het materiaal voor {region}?"),
)
"""What a newcomer compares between regions when the question names no aspect (issue 21)."""
_GENERIC = frozenset(
    ["aanpak", "manier", "werkwijze", "doet", "doen", "pakken", "pakt", "regio", "regio's", "koploper", "koplopers", "wat", "hoe", "welke", "elkaar", "zijn", "is", "het", "de", "een", "verschil", "verschillen", "anders", "verschilt", "geworden"]
)
"""Words that ask how regions differ without naming in what: then every aspect of REGION_ASPECTS is compared."""

Search = Callable[[str, str | None, Side | None], SearchResponse]
"""A cell's search: its question, its region filter (None for a thing), and a thing's side of the comparison."""


def _names_an_aspect(topic: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", topic.lower()) if len(w) > 3]
    return any(w not in _GENERIC for w in words)


THING_WORDS = 3
"""A method or model is named in a few words ('Hamilton', 'historisch verdeelmodel'); a longer side is a
description ('iemand die zonder vergunning een woning betrekt'), not a thing that 'works'."""
_QUESTION_WORD = re.compile(r"\b(?:wat|wie|hoe|hoeveel|welke?|waar\w*|wanneer|waarom|geldt|gelden|is|zijn|heeft|hebben)\b", re.IGNORECASE)


def _questions(
    topic: str,
    columns: list[str],
    regional: bool,
    parts: list[str] | None = None,
    places: list[str] | None = None,
    alone: list[str] | None = None,
) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """(aspect, [(question, region filter) per column]) for every row of the table.

    A region's column asks about the place the user named (Den Haag, not all of Haaglanden) within the
    region's material. When the question gives each region its own words ('de kwartiermaker in Haaglanden
    en de aanjager in Arnhem-Nijmegen'), each column asks with its own words. A thing's column without a
    question word ('Hamilton voor kleine gemeenten') asks how that thing works. When the question simply
    lists the regions, each column asks `alone`: the question as if it named that region only, so a cell
    quotes what a question about that one region would."""
    named = places if places and len(places) == len(columns) else columns
    own = parts if parts and len(parts) == len(columns) and any(parts) else None
    if regional and own is None and not _names_an_aspect(topic):
        return [(aspect, [(template.format(region=c), c) for c in columns]) for aspect, template in REGION_ASPECTS]
    label = asked_sentences(topic).rstrip("?").strip()
    if regional and own is None and alone and len(alone) == len(columns) and label:
        asks: list[tuple[str, str | None]] = [(for_one(q, ""), c) for q, c in zip(alone, columns, strict=True)]  # each names its own already
        return [(label[:1].upper() + label[1:], asks)]
    if own is not None:
        asked = label or " / ".join(p for p in own if p)
        questions: list[tuple[str, str | None]] = []
        for part, place, column in zip(own, named, columns, strict=True):
            if not part:
                questions.append((f"{label or 'Wat gebeurt er'} in {place}?", column))
            elif label and for_one(label, part) != for_one(label, ""):  # 'de opdracht van elk': of this one
                questions.append((f"{for_one(label, part)} in {place}?", column))
            else:
                questions.append((f"{label}: {part} in {place}?" if label else f"Wat doet {part} in {place}?", column))
        return [(asked[:1].upper() + asked[1:], questions)]
    if not regional and not has_content(label):
        label = ""  # 'Hoe verschilt A van B?' leaves 'Hoe': nothing to ask but what each is
    empty = not label
    label = label or "Vraag"
    asked = label[:1].upper() + label[1:]
    if regional:
        return [(asked, [(f"{label} in {p}?", c) for p, c in zip(named, columns, strict=True)])]
    if not empty and not _QUESTION_WORD.search(topic) and all(len(c.split()) <= THING_WORDS for c in columns):
        return [(asked, [(f"Hoe werkt {c} {label}?", None) for c in columns])]
    if empty:
        return [("Wat is het", [(f"Wat is {c}?", None) for c in columns])]
    return [(asked, [(for_one(label, c) + "?" if for_one(label, c) != for_one(label, "") else f"{c} {label}".strip() + "?", None) for c in columns])]


def side_by_side(
    search: Search,
    columns: list[str],
    topic: str,
    regional: bool,
    parts: list[str] | None = None,
    places: list[str] | None = None,
    alone: list[str] | None = None,
) -> tuple[SideBySide, list[Hit]]:
    """The table's data and the hits its cells quote, numbered in order of first citation."""
    cited: dict[str, Hit] = {}
    rows = []
    for aspect, asks in _questions(topic, columns, regional, parts, places, alone):
        cells = []
        for column, (question, region) in zip(columns, asks, strict=True):
            # a thing's cell quotes what names that thing; a region's cell is its own material already
            side = None if regional else Side(own=column, others=tuple(c for c in columns if c != column), named=True)
            response = search(question, region, side)
            if side is not None and not response.answer:
                response = search(question, region, None)  # what names neither side beats an empty cell
            hits = {hit.id: hit for hit in response.results}
            sentences = [s for s in response.answer_sentences if s.hit_id in hits] if response.answer else []
            for s in sentences:
                cited.setdefault(s.hit_id, hits[s.hit_id])
            quotes = [SideBySideQuote(text=s.text, source_id=s.hit_id) for s in sentences]
            cells.append(SideBySideCell(column=column, quotes=quotes))
        rows.append(SideBySideRow(aspect=aspect, cells=cells))
    return SideBySide(columns=columns, rows=rows), list(cited.values())


def _cell(text: str) -> str:
    """A quote inside a Markdown table cell: on one line, its bars escaped (the data keeps it verbatim)."""
    return re.sub(r"\s+", " ", text).replace("|", "\\|")


def compose_side_by_side(table: SideBySide, hits: list[Hit], regional: bool, read_as: str | None = None) -> str:
    """The Markdown answer: a table per aspect with [n] citations, and the sources below it."""
    number = {hit.id: i + 1 for i, hit in enumerate(hits)}
    names = [in_sentence(c) if regional else c for c in table.columns]
    lines = []
    if read_as:
        lines += [f"_{read_as}_", ""]
    lines += [f"Naast elkaar, per onderwerp letterlijk uit het materiaal: {', '.join(names[:-1])} en {names[-1]}.", ""]
    lines.append("| Onderwerp | " + " | ".join(_cell(n) for n in names) + " |")
    lines.append("|---" * (len(names) + 1) + "|")
    for row in table.rows:
        cells = []
        for cell in row.cells:
            if not cell.quotes:
                cells.append(f"_{NOT_IN_MATERIAL}_")
            else:
                cells.append(" ".join(f"{_cell(q.text)} [{number[q.source_id]}]" for q in cell.quotes))
        lines.append(f"| {_cell(row.aspect)} | " + " | ".join(cells) + " |")
    if hits:
        lines += ["", "**Bronnen**", ""] + [f"- {source_line(i + 1, hit)}" for i, hit in enumerate(hits)]
    return "\n".join(lines)
