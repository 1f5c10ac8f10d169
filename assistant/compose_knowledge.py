"""Knowledge replies: only sentences quoted from the material, each with a numbered citation."""

from __future__ import annotations

import re

from assistant.engines import NOTHING_IN_MATERIAL, Hit, SearchResponse, enumerates, split_sentences
from assistant.legal_path import legal_path, short_title
from koploper.regions import in_sentence

SUMMARY_PARTS = 4
"""A summary quotes the opening sentence of at most this many sections of the best-matching document."""

LEAD_SENTENCES = 2
"""A summary opens with this many sentences of the section that matches the question best: a section's
opening sentences say what it is about (a card defines, then details)."""

SUGGESTIONS = (
    "Vraag bijvoorbeeld naar de aanpak van een van de zes koploperregio's (\"Hoe verdeelt Parkstad de "
    "opgave?\"), naar verdeelsleutels (\"Welke verdeelsleutels gebruiken de regio's?\") of naar het programma "
    "Een thuis voor iedereen. Hebt u eigen stukken (PDF, Word, Markdown)? Voeg die toe met "
    "`koploper index MAP`; daarna kan ik ze doorzoeken."
)


def suggestions(region: str | None) -> str:
    """What to ask instead. Within a region filter: that region's profile (members, figures and what the
    material says about its approach), which the filter never blocks, or clearing the filter."""
    if not region:
        return SUGGESTIONS
    return (
        f"Vraag bijvoorbeeld \"Vertel me over {in_sentence(region)}\" voor wat het materiaal over de aanpak "
        "van de regio zegt, of typ `/regio` zonder naam om weer in al het materiaal te zoeken."
    )


def source_line(number: int, hit: Hit, quoted: list[str] | None = None, before: str = "") -> str:
    """'[1] Titel — sectie, p. 3 — https://… — peildatum 2024-05-01'; for an article of a law the member
    and part of the quoted sentences ('[1] Huisvestingswet 2014 — artikel 14, lid 2 — …'). `before`: the text
    of the article's passages cited right before this one, where the member of its items is numbered."""
    where = legal_path(hit.section, hit.text, quoted or [], before) or hit.section or ""
    if hit.page is not None:
        where = f"{where}, p. {hit.page}" if where else f"p. {hit.page}"
    parts = [f"[{number}] {short_title(hit.title) if hit.title else hit.source}"]
    if where:
        parts.append(where)
    parts.append(hit.source_url or hit.source)
    if hit.reference_date:
        parts.append(f"peildatum {hit.reference_date}")
    return " — ".join(parts)


def cited(response: SearchResponse) -> list[Hit]:
    """The hits the answer quotes, numbered in order of first citation."""
    return response.cited_hits()


def compose_knowledge(response: SearchResponse, region: str | None, read_as: str | None = None) -> tuple[str, list[Hit]]:
    """The Markdown answer and the cited hits; when nothing answers the question, say so and suggest."""
    parts: list[str] = []
    if read_as:
        parts.append(f"_{read_as}_")
    hits = cited(response)
    if not response.answer or not response.answer_sentences or not hits:
        where = f" over {in_sentence(region)}" if region else ""
        parts.append(response.note or f"{NOTHING_IN_MATERIAL}{where} dat ik heb.")
        if response.results:
            titles = []
            for hit in response.results[:3]:
                if hit.title and hit.title not in titles:
                    titles.append(hit.title)
            note = response.note or ""
            related = bool(note) and not note.startswith(NOTHING_IN_MATERIAL)
            lead = "Verwant, maar geen antwoord op deze vraag" if related else "Het dichtst in de buurt komen"
            parts.append(f"{lead}: " + "; ".join(titles) + ".")
        parts.append(suggestions(region))
        return "\n\n".join(parts), []
    number = {hit.id: i + 1 for i, hit in enumerate(hits)}
    sentences = [f"{s.text.strip()} [{number[s.hit_id]}]" for s in response.answer_sentences if s.hit_id in number]
    parts.append(" ".join(sentences))
    if response.note:
        parts.append(f"_{response.note}_")
    quoted = {hit.id: [s.text for s in response.answer_sentences if s.hit_id == hit.id] for hit in hits}
    before = _same_article_before(hits)
    parts.append("**Bronnen**\n\n" + "\n".join(f"- {source_line(i + 1, hit, quoted[hit.id], before[i])}" for i, hit in enumerate(hits)))
    return "\n\n".join(parts), hits


def _leads(hit: Hit, count: int) -> list[str]:
    """The first `count` sentences of a passage that say something (not a '(Bron: …)' note or a fragment)."""
    said = [s for s in split_sentences(hit.text) if len(re.findall(r"\w+", s)) >= 6 and not re.match(r"^\(?\s*bron", s, re.IGNORECASE)]
    return said[:count]


def _same_article_before(hits: list[Hit]) -> list[str]:
    """Per cited hit, the text of the hits of the same section of the same document cited right before it: a
    list's items quoted from the passage after their lead ('a. het bedrag …') are cited under the lead's member."""
    before: list[str] = []
    for index, hit in enumerate(hits):
        previous = hits[index - 1] if index else None
        same = previous is not None and bool(hit.section) and (previous.source, previous.section) == (hit.source, hit.section)
        before.append(f"{before[-1]}\n\n{previous.text}".strip() if same and previous is not None else "")
    return before


def _lead(hit: Hit) -> str | None:
    """The first sentence of a passage that says something."""
    said = _leads(hit, 1)
    return said[0] if said else None


def summarised_document(response: SearchResponse) -> Hit | None:
    """The best-ranked passage of the document most of the found passages come from: what a summary is of
    (a stray passage of another document that shares a word, 'wethouder', is not)."""
    if not response.results:
        return None
    count: dict[str, int] = {}
    for hit in response.results:
        count[hit.source] = count.get(hit.source, 0) + 1
    most = max(count.values())
    return next(hit for hit in response.results if count[hit.source] == most)


def compose_summary(
    response: SearchResponse, region: str | None, read_as: str | None = None, outline: list[Hit] | None = None
) -> tuple[str, list[Hit]]:
    """A summary from the material's own words. It leads with the core of the summarised document: the
    first sentences of the section whose heading matches the question best (`outline[0]`, see
    KnowledgeBase.outline) and, when the next section numbers the document's main points, its first sentences too,
    then the quoted answer's sentences from that document, then the opening
    sentence of the other sections the search found, in the document's order. Nothing is rephrased."""
    if not response.answer or not response.results:
        return compose_knowledge(response, region, read_as)
    document = summarised_document(response)
    source = document.source if document is not None else response.results[0].source
    opening = {hit.section: hit for hit in (outline or []) if hit.source == source}
    lead_hit = outline[0] if outline and outline[0].source == source else None
    quotes: list[tuple[Hit, str]] = []
    if lead_hit is not None:
        quotes += [(lead_hit, sentence) for sentence in _leads(lead_hit, LEAD_SENTENCES)]
        points = outline[1] if outline and len(outline) > 1 and outline[1].source == source else None
        if points is not None and enumerates(points.text):
            # the document's own numbered main points ('drie pijlers: (1) …'), put second by KnowledgeBase.outline
            quotes += [(points, sentence) for sentence in _leads(points, LEAD_SENTENCES)]
    by_id = {hit.id: hit for hit in response.results}
    for sentence in response.answer_sentences:
        hit = by_id.get(sentence.hit_id)
        if hit is not None and hit.source == source and all(sentence.text.strip() != q.strip() for _, q in quotes):
            quotes.append((hit, sentence.text))
    if not quotes:
        return compose_knowledge(response, region, read_as)
    sections = {hit.section for hit, _ in quotes}
    order = list(opening)
    found = [hit for hit in response.results if hit.source == source and hit.section not in sections]
    found = sorted({hit.section: hit for hit in reversed(found)}.values(), key=lambda h: order.index(h.section) if h.section in order else len(order))
    extra: list[tuple[Hit, str]] = []
    for hit in found:
        if len(extra) >= SUMMARY_PARTS - 1:
            break
        first = opening.get(hit.section, hit)
        lead = _lead(first)
        if lead and all(lead.strip() != q.strip() for _, q in quotes):
            extra.append((first, lead))
    everyone: list[Hit] = []
    for hit, _ in quotes + extra:
        if hit.id not in {h.id for h in everyone}:
            everyone.append(hit)
    number = {hit.id: i + 1 for i, hit in enumerate(everyone)}
    parts = [f"_{read_as}_"] if read_as else []
    parts.append(" ".join(f"{text.strip()} [{number[hit.id]}]" for hit, text in quotes))
    if response.note:
        parts.append(f"_{response.note}_")
    if extra:
        more = "\n".join(f"- **{hit.section}** — {lead} [{number[hit.id]}]" for hit, lead in extra)
        parts.append(f"Verder in hetzelfde stuk:\n\n{more}")
    quoted = {hit.id: [t for h, t in quotes + extra if h.id == hit.id] for hit in everyone}
    parts.append("**Bronnen**\n\n" + "\n".join(f"- {source_line(i + 1, hit, quoted[hit.id])}" for i, hit in enumerate(everyone)))
    return "\n\n".join(parts), everyone
