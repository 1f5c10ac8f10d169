"""Region profiles (`/regio NAAM`, "Vertel me over Parkstad"): members with figures, sources, approach."""

from __future__ import annotations

import re

from assistant.compose_knowledge import source_line
from assistant.engines import Hit, SearchResponse, load_dataset, split_sentences
from assistant.models import ProfileFigureSource, ProfileMember, RegionProfile
from koploper.numbers import fmt_int

FIGURES = ("inwoners", "woningen", "huishoudens", "corporatiewoningen")
APPROACH_QUESTION = "Hoe pakt {region} de huisvesting en verdeling van aandachtsgroepen aan?"
RECENT_QUESTION = "Wat is er sinds 2022 gebeurd in {region}: woondeal, woonzorgvisie, monitor, afspraken?"
PARTNERS_QUESTION = "Welke gemeenten en partijen werken samen in {region}?"
COORDINATION_QUESTION = "Wie trekt of coördineert de aanpak in {region}: projectleider, kwartiermaker, aanjager?"
"""Who takes part and who coordinates: what someone new to a region needs first (issue 21), and the first
rows when regions are compared without an aspect."""
MAX_RECENT = 4
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
         "november", "december"),
        start=1,
    )
}
_SINCE = re.compile(r"^Sinds (?:(?:begin|eind|medio)\s+)?(?:(\w+)\s+)?(\d{4})\b", re.IGNORECASE)


def _since(section: str) -> tuple[int, int] | None:
    """(year, month) of a dated section heading such as 'Sinds juni 2023: …'; None for undated ones."""
    match = _SINCE.match(section)
    if not match:
        return None
    month = _MONTHS.get((match.group(1) or "").lower(), 0)
    return int(match.group(2)), month


def recent_lines(recent: SearchResponse | None, first_number: int) -> tuple[list[str], list[Hit]]:
    """The dated developments the material has on a region, newest first: each its heading and the
    first sentence of its passage, quoted verbatim with a citation number."""
    if recent is None:
        return [], []
    dated: dict[str, tuple[tuple[int, int], Hit]] = {}
    for hit in recent.results:
        when = _since(hit.section)
        if when is not None and hit.section not in dated:
            dated[hit.section] = (when, hit)
    newest = sorted(dated.values(), key=lambda item: item[0], reverse=True)[:MAX_RECENT]
    lines, hits = [], []
    for number, (_, hit) in enumerate(newest, start=first_number):
        sentences = split_sentences(hit.text)
        if sentences:
            lines.append(f"- **{hit.section}** — {sentences[0]} [{number}]")
            hits.append(hit)
    return lines, hits


def build_profile(region: str) -> RegionProfile:
    """Members and their shipped figures (exact where CBS publishes them; corporatiewoningen derived)."""
    ds = load_dataset()
    info = ds.regions[region]
    members: list[ProfileMember] = []
    totals: dict[str, float | None] = {name: 0.0 for name in FIGURES}
    for code in sorted(ds.members[region], key=lambda c: ds.municipalities[c].name.lower().removeprefix("'s-")):
        figures: dict[str, float | None] = {}
        for name in FIGURES:
            value = ds.values.get(name, {}).get(code)
            figures[name] = float(value) if value is not None else None
            if value is None or totals[name] is None:
                totals[name] = None
            else:
                totals[name] = (totals[name] or 0.0) + float(value)
        members.append(ProfileMember(municipality=ds.municipalities[code].name, cbs_code=code, figures=figures))
    sources = [
        ProfileFigureSource(
            indicator=name,
            label=ds.indicators[name].label,
            source=ds.indicators[name].source,
            reference_date=ds.indicators[name].reference_date_label,
            derived=ds.indicators[name].derived,
            precision=ds.indicators[name].precision,
        )
        for name in FIGURES
        if name in ds.indicators
    ]
    return RegionProfile(
        region=region,
        aliases=list(info.aliases),
        basis=info.basis,
        note=info.note,
        members=members,
        totals=totals,
        figure_sources=sources,
    )


def _cell(value: float | None, derived: bool) -> str:
    if value is None:
        return "–"
    return ("≈" if derived else "") + fmt_int(round(value))


def compose_profile(
    profile: RegionProfile,
    response: SearchResponse | None,
    knowledge_error: str | None,
    recent: SearchResponse | None = None,
    partners: list[SearchResponse] | None = None,
) -> tuple[str, list[Hit]]:
    """Dutch Markdown of the profile; who takes part and coordinates, and the approach, are quoted from the
    material with citations."""
    derived = {s.indicator: s.derived for s in profile.figure_sources}
    labels = {s.indicator: s.label for s in profile.figure_sources}
    parts = [f"## {profile.region}", f"{len(profile.members)} gemeenten; samenstelling volgens {profile.basis}."]
    if profile.note:
        parts.append(f"Let op: {profile.note}")
    header = "| Gemeente | " + " | ".join(labels.get(n, n) for n in FIGURES) + " |"
    lines = [header, "|---|" + "---:|" * len(FIGURES)]
    for m in profile.members:
        lines.append(f"| {m.municipality} | " + " | ".join(_cell(m.figures.get(n), derived.get(n, False)) for n in FIGURES) + " |")
    lines.append("| **Totaal** | " + " | ".join(_cell(profile.totals.get(n), derived.get(n, False)) for n in FIGURES) + " |")
    parts.append("\n".join(lines))
    parts.append(
        "**Bronnen van de cijfers**\n\n"
        + "\n".join(
            f"- {s.label}: {s.source}; peildatum {s.reference_date}"
            for s in profile.figure_sources
        )
    )
    hits: list[Hit] = []
    if knowledge_error:
        parts.append(f"**Aanpak volgens het materiaal**\n\nHet materiaal kon niet worden doorzocht: {knowledge_error}")
    elif response is not None:
        who, hits = _quoted(partners or [], [])
        if who:
            profile.partners = who
            parts.append("**Wie doen mee en wie coördineert**\n\n" + " ".join(who))
        quoted, hits = _quoted([response], hits, {q.rsplit(" [", 1)[0] for q in who})
        if quoted:
            profile.approach = quoted
            parts.append("**Aanpak volgens het materiaal**\n\n" + " ".join(quoted))
        elif not (response.answer and who):  # an approach already quoted above is not said twice
            parts.append(f"**Aanpak volgens het materiaal**\n\nIn het materiaal staat niets over de aanpak van {profile.region}.")
        lines, dated = recent_lines(recent, len(hits) + 1)
        if lines:
            parts.append("**Sinds 2022, nieuwste eerst**\n\n" + "\n".join(lines))
            hits = hits + dated
        if hits:
            parts.append("**Bronnen**\n\n" + "\n".join(f"- {source_line(i + 1, h)}" for i, h in enumerate(hits)))
    return "\n\n".join(parts), hits


def _quoted(responses: list[SearchResponse], hits: list[Hit], said: set[str] | None = None) -> tuple[list[str], list[Hit]]:
    """The answers' sentences with [n] citations, numbered after `hits` (a passage already cited keeps its
    number; a sentence already quoted, or in `said`, is not repeated); and `hits` with the newly cited ones."""
    hits = list(hits)
    quoted: list[str] = []
    seen: set[str] = set(said or ())
    for response in responses:
        if not response.answer:
            continue
        by_id = {hit.id: hit for hit in response.results}
        for sentence in response.answer_sentences:
            hit = by_id.get(sentence.hit_id)
            if hit is None or sentence.text.strip() in seen:
                continue
            if hit.id not in {h.id for h in hits}:
                hits.append(hit)
            number = next(i + 1 for i, h in enumerate(hits) if h.id == hit.id)
            seen.add(sentence.text.strip())
            quoted.append(f"{sentence.text.strip()} [{number}]")
    return quoted, hits
