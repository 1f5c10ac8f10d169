"""Checks on the knowledge cards in kennisbank/bronnen/.

- every card parses (YAML front matter with titel, regio, bron, peildatum);
- every source URL in the shared FACTS.md is cited in at least one card;
- originality: no seed sentence (>= 8 words) and no 12-word run of the seed or FACTS.md is copied;
- every member municipality of regio_leden.csv is named in the card of its region;
- hygiene: no internal file names, every paragraph ends in a source note, `peildatum` is the newest
  source date, naming notes live in the `aliassen` front matter, open points say "niet openbaar bekend";
- the Groningen association is findable as VGG, VVG and by its full name;
- facts of medium or low confidence say whose claim they are ("Volgens NRC …").
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).parents[2]
BRONNEN = REPO / "kennisbank" / "bronnen"
SHARED = Path(__file__).parents[2].parent / "shared"
FACTS = SHARED / "domain" / "FACTS.md"
SEED = SHARED / "seed" / "000_ba4afd8e53d7c11d.txt"
LEDEN = SHARED / "data" / "regio_leden.csv"

REGIO_TOEGESTAAN = {
    "Metropoolregio Amsterdam",
    "Regio Enschede",
    "Provincie Groningen",
    "Regio Haaglanden",
    "Stadsregio Parkstad Limburg",
    "Groene Metropoolregio Arnhem-Nijmegen",
    "algemeen",
}
VERPLICHTE_VELDEN = ("titel", "regio", "bron", "peildatum")
MIN_ZINSWOORDEN = 8
RUN_LENGTE = 12

URL_RE = re.compile(r"https?://[^\s)\]>\"'`*]+")
WOORD_RE = re.compile(r"[\w'’]+(?:[-/.,][\w'’]+)*")


def _kaarten() -> list[Path]:
    return sorted(BRONNEN.glob("*.md"))


def _splits(tekst: str) -> tuple[dict[str, Any], str]:
    """Return (front matter, body) of a card; raise AssertionError if malformed."""
    assert tekst.startswith("---\n"), "kaart begint niet met '---'"
    einde = tekst.find("\n---\n", 4)
    assert einde != -1, "front matter wordt niet afgesloten met '---'"
    meta = yaml.safe_load(tekst[4:einde])
    assert isinstance(meta, dict), "front matter is geen mapping"
    return meta, tekst[einde + 5 :]


def _norm(tekst: str) -> str:
    tekst = tekst.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", tekst).strip().lower()


def _woorden(tekst: str) -> list[str]:
    """Lower-cased words of a text, with URLs removed and punctuation ignored."""
    tekst = URL_RE.sub(" ", _norm(tekst))
    return [w.strip(".,") for w in WOORD_RE.findall(tekst)]


def _runs(woorden: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(woorden[i : i + n]) for i in range(len(woorden) - n + 1)}


def _urls(tekst: str) -> set[str]:
    return {u.rstrip(".,;:") for u in URL_RE.findall(tekst)}


def _vereis_shared() -> None:
    if not SHARED.is_dir():
        pytest.skip(f"gedeelde bronnenmap ontbreekt ({SHARED}); originaliteit en dekking niet te toetsen")


# --------------------------------------------------------------------------- structure


def test_map_bevat_alleen_kaarten() -> None:
    assert BRONNEN.is_dir(), f"{BRONNEN} ontbreekt"
    vreemd = [p.name for p in BRONNEN.iterdir() if p.suffix != ".md"]
    assert not vreemd, f"alleen .md-kaarten toegestaan in kennisbank/bronnen: {vreemd}"
    assert len(_kaarten()) >= 11, "te weinig kaarten"


@pytest.mark.parametrize("kaart", _kaarten(), ids=lambda p: p.name)
def test_kaart_parseert(kaart: Path) -> None:
    meta, body = _splits(kaart.read_text(encoding="utf-8"))
    for veld in VERPLICHTE_VELDEN:
        assert meta.get(veld), f"{kaart.name}: veld '{veld}' ontbreekt of is leeg"
    assert isinstance(meta["titel"], str)
    assert meta["regio"] in REGIO_TOEGESTAAN, f"{kaart.name}: onbekende regio {meta['regio']!r}"
    peil = meta["peildatum"]
    if not isinstance(peil, dt.date):
        peil = dt.date.fromisoformat(str(peil))  # raises ValueError if invalid
    assert dt.date(2000, 1, 1) <= peil <= dt.date(2100, 1, 1)
    assert re.search(r"^## \S", body, re.M), f"{kaart.name}: geen '## '-kopjes"


# --------------------------------------------------------------------------- coverage


def test_elke_bron_uit_facts_wordt_geciteerd() -> None:
    _vereis_shared()
    nodig = _urls(FACTS.read_text(encoding="utf-8"))
    assert nodig, "geen URL's gevonden in FACTS.md"
    aanwezig: set[str] = set()
    for kaart in _kaarten():
        aanwezig |= _urls(kaart.read_text(encoding="utf-8"))
    ontbreekt = sorted(nodig - aanwezig)
    assert not ontbreekt, f"deze bronnen uit FACTS.md staan in geen enkele kaart: {ontbreekt}"


def test_elke_gemeente_in_haar_regiokaart() -> None:
    _vereis_shared()
    per_regio: dict[str, str] = {}
    for kaart in _kaarten():
        meta, body = _splits(kaart.read_text(encoding="utf-8"))
        per_regio[meta["regio"]] = per_regio.get(meta["regio"], "") + "\n" + body
    with LEDEN.open(encoding="utf-8", newline="") as fh:
        rijen = list(csv.DictReader(fh))
    assert rijen
    missend = []
    for rij in rijen:
        tekst = per_regio.get(rij["regio"])
        assert tekst is not None, f"geen kaart voor regio {rij['regio']}"
        if _norm(rij["gemeente"]) not in _norm(tekst):
            missend.append(f"{rij['regio']}: {rij['gemeente']}")
    assert not missend, f"gemeenten niet genoemd in hun regiokaart: {missend}"


# --------------------------------------------------------------------------- originality


def _seed_zinnen() -> list[str]:
    tekst = SEED.read_text(encoding="utf-8")
    delen = re.split(r"(?<=[.!?])\s+|\n+", tekst)
    zinnen = []
    for deel in delen:
        zin = _norm(deel).strip(" \"'")
        if len(zin.split()) >= MIN_ZINSWOORDEN:
            zinnen.append(zin)
    return zinnen


def test_geen_seedzin_letterlijk_overgenomen() -> None:
    _vereis_shared()
    zinnen = _seed_zinnen()
    assert zinnen
    treffers = []
    for kaart in _kaarten():
        tekst = _norm(kaart.read_text(encoding="utf-8"))
        treffers += [f"{kaart.name}: {z}" for z in zinnen if z in tekst]
    assert not treffers, "letterlijk overgenomen zinnen:\n" + "\n".join(treffers)


@pytest.mark.parametrize("bron", ["seed", "facts"])
def test_geen_lange_woordreeks_overgenomen(bron: str) -> None:
    _vereis_shared()
    pad = SEED if bron == "seed" else FACTS
    verboden = _runs(_woorden(pad.read_text(encoding="utf-8")), RUN_LENGTE)
    treffers = []
    for kaart in _kaarten():
        for run in sorted(_runs(_woorden(kaart.read_text(encoding="utf-8")), RUN_LENGTE) & verboden):
            treffers.append(f"{kaart.name}: {' '.join(run)}")
    assert not treffers, f"reeksen van {RUN_LENGTE} woorden uit {pad.name}:\n" + "\n".join(treffers)


# --------------------------------------------------------------------------- hygiene (issue 11)

INTERN = re.compile(
    r"FACTS\.md|SOURCES\.md|regio_leden|domain/|data/|\bfeit \d+|\bfeiten \d+|open punten"
    r"|bronnen van Koploper|deze kennisbank|ledenlijst|lopende tekst",
    re.IGNORECASE,
)
"""Words that point at our own files or notes, which a user cannot open."""
ZELFBESCHRIJVING = {"verdeelmethoden.md"}
"""Cards that document Koploper's own calculator: their paragraphs describe the software, not a source."""
NOTITIE = re.compile(r"\((?:Bron|Bronnen):[^()]*(?:\([^()]*\)[^()]*)*\)\s*$", re.S)
MAANDEN = {
    m: i
    for i, m in enumerate(
        ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"], start=1
    )
}
DATUM_DMY = re.compile(r"(?<![\d/-])(\d{1,2})-(\d{1,2})-(\d{4})(?![\d/-])")
DATUM_MAAND = re.compile(r"\b(" + "|".join(MAANDEN) + r") (\d{4})\b", re.IGNORECASE)


def _alineas(body: str) -> list[str]:
    """Paragraphs of a card body that are not headings."""
    return [a.strip() for a in re.split(r"\n\s*\n", body) if a.strip() and not a.strip().startswith("#")]


def _notities(tekst: str) -> list[str]:
    """The '(Bron: …)' notes of a card plus its front-matter `bron` field."""
    meta, body = _splits(tekst)
    notes = [m.group(0) for a in _alineas(body) if (m := NOTITIE.search(a))]
    return [str(meta.get("bron", "")), *notes]


def _data(tekst: str) -> list[dt.date]:
    """Dates in source notes: d-m-yyyy exactly, 'maand yyyy' as the first of that month."""
    found = [dt.date(int(y), int(m), int(d)) for d, m, y in DATUM_DMY.findall(tekst)]
    found += [dt.date(int(y), MAANDEN[m.lower()], 1) for m, y in DATUM_MAAND.findall(tekst)]
    return found


@pytest.mark.parametrize("kaart", _kaarten(), ids=lambda p: p.name)
def test_geen_interne_bestandsnamen(kaart: Path) -> None:
    treffers = sorted({m.group(0) for m in INTERN.finditer(kaart.read_text(encoding="utf-8"))})
    assert not treffers, f"{kaart.name} verwijst naar interne bestanden of notities: {treffers}"


@pytest.mark.parametrize("kaart", [k for k in _kaarten() if k.name not in ZELFBESCHRIJVING], ids=lambda p: p.name)
def test_elke_alinea_eindigt_met_een_openbare_bron(kaart: Path) -> None:
    _, body = _splits(kaart.read_text(encoding="utf-8"))
    zonder = []
    for alinea in _alineas(body):
        match = NOTITIE.search(alinea)
        if not match:
            zonder.append(alinea[:80])
            continue
        notitie = match.group(0)
        # a public source: a web address, the CBS table, or a named publication with its date
        if not ("http" in notitie or "CBS" in notitie or _data(notitie)):
            zonder.append(f"{alinea[:60]} … {notitie}")
    assert not zonder, f"{kaart.name}: alinea's zonder openbare bronnotitie:\n" + "\n".join(zonder)


@pytest.mark.parametrize("kaart", _kaarten(), ids=lambda p: p.name)
def test_peildatum_is_de_nieuwste_brondatum(kaart: Path) -> None:
    tekst = kaart.read_text(encoding="utf-8")
    meta, _ = _splits(tekst)
    peil = meta["peildatum"] if isinstance(meta["peildatum"], dt.date) else dt.date.fromisoformat(str(meta["peildatum"]))
    data = [d for notitie in _notities(tekst) for d in _data(notitie)]
    assert data, f"{kaart.name}: geen enkele brondatum gevonden"
    assert peil == max(data), f"{kaart.name}: peildatum {peil} maar nieuwste brondatum {max(data)}"


@pytest.mark.parametrize("kaart", _kaarten(), ids=lambda p: p.name)
def test_naamnotities_staan_in_aliassen(kaart: Path) -> None:
    meta, body = _splits(kaart.read_text(encoding="utf-8"))
    aliassen = meta.get("aliassen", [])
    assert isinstance(aliassen, list) and all(isinstance(a, str) and a.strip() for a in aliassen)
    notities = re.findall(r"[^.]*(?:Gebruikers noemen|heet de koploper ook|noemen deze regio ook)[^.]*\.", body)
    assert not notities, f"{kaart.name}: naamnotities horen in 'aliassen': {notities}"


def test_open_punten_heten_niet_openbaar_bekend() -> None:
    """Gaps are stated as gaps about the subject, never as 'not found in our sources'."""
    for kaart in _kaarten():
        tekst = kaart.read_text(encoding="utf-8")
        assert not re.search(r"niet (?:terug)?gevonden", tekst), f"{kaart.name}: 'niet gevonden' verwijst naar ons zoekwerk"
    wet = (BRONNEN / "wet-versterking-regie-volkshuisvesting.md").read_text(encoding="utf-8")
    assert re.search(r"Eerste Kamer[^.]*niet openbaar bekend", wet)


# --------------------------------------------------------------------------- names and attribution (issue 15)


def test_groninger_vereniging_onder_alle_namen() -> None:
    meta, body = _splits((BRONNEN / "regio-groningen.md").read_text(encoding="utf-8"))
    for naam in ("VGG", "VVG", "Vereniging van Groninger Gemeenten"):
        assert naam in meta["aliassen"], f"alias {naam} ontbreekt"
        assert naam in body, f"{naam} staat niet in de kaarttekst"
    zinnen = re.split(r"(?<=[.!?])\s+", body)
    assert any("VGG" in z and "VVG" in z and "Vereniging van Groninger Gemeenten" in z for z in zinnen), (
        "geen zin die beide afkortingen met de volledige naam noemt"
    )


TOEGESCHREVEN = [
    # (card, a figure or phrase of a fact with medium/low confidence, whose claim it is)
    ("taakstelling-statushouders.md", "21.200", "NRC"),
    ("taakstelling-statushouders.md", "17.700", "gemeente.nu"),
    ("taakstelling-statushouders.md", "ruim 15.000", "Nul20"),
    ("regio-enschede.md", "meer dan 120", "RTV Oost"),
    ("regio-enschede.md", "70%", "Deeps Nieuws"),
    ("regio-enschede.md", "1.540", "Tubantia"),
    ("regio-metropoolregio-amsterdam.md", "niet ondertekend", "Omroep Almere"),
    ("regio-metropoolregio-amsterdam.md", "1.360", "Nul20"),
    ("regio-groningen.md", "Menzis", "Westerwolde Actueel"),
    ("regio-haaglanden.md", "Woonvisie 2040 ter inzage", "Duurzaam Gebouwd"),
    ("regio-arnhem-nijmegen.md", "197 woningen", "De Stentor"),
    ("regio-parkstad-limburg.md", "BAT2", "Heerlen Actueel"),
    ("wet-versterking-regie-volkshuisvesting.md", "geen meerderheid", "NL Today"),
    ("wet-versterking-regie-volkshuisvesting.md", "juli 2024 een eerste versie", "VL-nieuws"),
]


@pytest.mark.parametrize(("naam", "fragment", "bron"), TOEGESCHREVEN, ids=lambda v: str(v)[:20])
def test_onzekere_feiten_zeggen_van_wie_ze_komen(naam: str, fragment: str, bron: str) -> None:
    _, body = _splits((BRONNEN / naam).read_text(encoding="utf-8"))
    zinnen = [z for z in re.split(r"(?<=[.!?])\s+", body) if fragment in z]
    assert zinnen, f"{naam}: '{fragment}' niet gevonden"
    for zin in zinnen:
        assert f"olgens {bron}" in zin or f"olgens een bericht van {bron}" in zin, (
            f"{naam}: zin met '{fragment}' zegt niet dat het de bewering van {bron} is: {zin}"
        )


SINDS = re.compile(r"^## Sinds (?:(" + "|".join(MAANDEN) + r") )?(\d{4}): \S", re.M | re.IGNORECASE)


@pytest.mark.parametrize("kaart", sorted(BRONNEN.glob("regio-*.md")), ids=lambda p: p.name)
def test_regiokaart_heeft_gedateerde_sinds_secties(kaart: Path) -> None:
    """What a region did since 2022 sits under headings 'Sinds [maand] jaar: …' that carry their date."""
    _, body = _splits(kaart.read_text(encoding="utf-8"))
    jaren = [int(jaar) for _, jaar in SINDS.findall(body)]
    assert jaren, f"{kaart.name}: geen '## Sinds <jaar>: …'-secties"
    assert all(2021 <= jaar <= dt.date.today().year for jaar in jaren)
