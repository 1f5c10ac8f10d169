"""Checks on the knowledge cards in kennisbank/bronnen/.

- every card parses (YAML front matter with titel, regio, bron, peildatum);
- every source URL in the shared FACTS.md is cited in at least one card;
- originality: no seed sentence (>= 8 words) and no 12-word run of the seed or FACTS.md is copied;
- every member municipality of regio_leden.csv is named in the card of its region.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

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


def _splits(tekst: str) -> tuple[dict, str]:
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


def test_map_bevat_alleen_kaarten():
    assert BRONNEN.is_dir(), f"{BRONNEN} ontbreekt"
    vreemd = [p.name for p in BRONNEN.iterdir() if p.suffix != ".md"]
    assert not vreemd, f"alleen .md-kaarten toegestaan in kennisbank/bronnen: {vreemd}"
    assert len(_kaarten()) >= 11, "te weinig kaarten"


@pytest.mark.parametrize("kaart", _kaarten(), ids=lambda p: p.name)
def test_kaart_parseert(kaart: Path):
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


def test_elke_bron_uit_facts_wordt_geciteerd():
    _vereis_shared()
    nodig = _urls(FACTS.read_text(encoding="utf-8"))
    assert nodig, "geen URL's gevonden in FACTS.md"
    aanwezig: set[str] = set()
    for kaart in _kaarten():
        aanwezig |= _urls(kaart.read_text(encoding="utf-8"))
    ontbreekt = sorted(nodig - aanwezig)
    assert not ontbreekt, f"deze bronnen uit FACTS.md staan in geen enkele kaart: {ontbreekt}"


def test_elke_gemeente_in_haar_regiokaart():
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


def test_geen_seedzin_letterlijk_overgenomen():
    _vereis_shared()
    zinnen = _seed_zinnen()
    assert zinnen
    treffers = []
    for kaart in _kaarten():
        tekst = _norm(kaart.read_text(encoding="utf-8"))
        treffers += [f"{kaart.name}: {z}" for z in zinnen if z in tekst]
    assert not treffers, "letterlijk overgenomen zinnen:\n" + "\n".join(treffers)


@pytest.mark.parametrize("bron", ["seed", "facts"])
def test_geen_lange_woordreeks_overgenomen(bron: str):
    _vereis_shared()
    pad = SEED if bron == "seed" else FACTS
    verboden = _runs(_woorden(pad.read_text(encoding="utf-8")), RUN_LENGTE)
    treffers = []
    for kaart in _kaarten():
        for run in sorted(_runs(_woorden(kaart.read_text(encoding="utf-8")), RUN_LENGTE) & verboden):
            treffers.append(f"{kaart.name}: {' '.join(run)}")
    assert not treffers, f"reeksen van {RUN_LENGTE} woorden uit {pad.name}:\n" + "\n".join(treffers)
