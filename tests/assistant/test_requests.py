"""Own test requests (varied phrasing, typos, lower case, numbers in words), none from dev_verzoeken.

Allocation and clarify cases run through a real Conversation with the real allocation engine; knowledge
cases are checked at the router (the knowledge base itself is exercised in test_conversations).
"""

from __future__ import annotations

import pytest

from tests.assistant.helpers import ENSCHEDE, GMR, GRONINGEN, HAAGLANDEN, MRA, PARKSTAD, decide, never_loaded, offline_conversation

INW = {"inwoners": 1.0}

# (question, region, municipalities, total, focus, key, method, group)
ALLOCATIONS: list[tuple[str, str | None, list[str] | None, int, str | None, dict[str, float], str, str | None]] = [
    ("verdeel 240 woningen over parkstad", PARKSTAD, None, 240, None, INW, "hamilton", None),
    ("Verdeel 1.200 plekken over de MRA naar rato van de woningvoorraad", MRA, None, 1200, None, {"woningen": 1.0}, "hamilton", None),
    ("verdeel twaalfhonderd woningen over haaglanden", HAAGLANDEN, None, 1200, None, INW, "hamilton", None),
    ("Verdeel drieduizend vijfhonderd woningen over de Metropoolregio Amsterdam naar huishoudens", MRA, None, 3500, None, {"huishoudens": 1.0}, "hamilton", None),
    ("hoeveel moet westland doen als haaglanden 300 statushouders moet huisvesten", HAAGLANDEN, None, 300, "Westland", INW, "hamilton", "statushouders"),
    ("Wat is het aandeel van Hengelo bij 200 plekken in Twente?", ENSCHEDE, None, 200, "Hengelo", INW, "hamilton", None),
    ("verdeel 90 woningen over de groninger gemeenten op basis van sociale huurvoorraad", GRONINGEN, None, 90, None, {"corporatiewoningen": 1.0}, "hamilton", None),
    ("Verdeel 400 woningen over Arnhem-Nijmegen, voor de helft naar inwoners en voor de helft naar de woningvoorraad", GMR, None, 400, None, {"inwoners": 0.5, "woningen": 0.5}, "hamilton", None),
    ("Verdeel 500 plekken over de MRA: 70% inwoners en 30% woningen", MRA, None, 500, None, {"inwoners": 0.7, "woningen": 0.3}, "hamilton", None),
    ("Verdeel 150 woningen over Parkstad met D'Hondt", PARKSTAD, None, 150, None, INW, "dhondt", None),
    ("Verdeel 150 woningen over Parkstad met Sainte-Laguë", PARKSTAD, None, 150, None, INW, "sainte-lague", None),
    ("verdeel 150 woningen over parkstad volgens de methode van het grootste overschot", PARKSTAD, None, 150, None, INW, "hamilton", None),
    ("Verdeel 60 woningen over Heerlen, Kerkrade en Landgraaf", None, ["Heerlen", "Kerkrade", "Landgraaf"], 60, None, INW, "hamilton", None),
    ("Verdeel 100 woningen over parksatd", PARKSTAD, None, 100, None, INW, "hamilton", None),
    ("hoeveel moet zoetermer doen als haaglanden 600 woningen moet leveren", HAAGLANDEN, None, 600, "Zoetermeer", INW, "hamilton", None),
    ("Verdeel 80 woningen over de regio Enschede naar inwonertal met d hondt", ENSCHEDE, None, 80, None, INW, "dhondt", None),
    ("Bereken het eerlijk aandeel van Kerkrade in 300 woningen", PARKSTAD, None, 300, "Kerkrade", INW, "hamilton", None),
    ("verdeel tweehonderdvijftig woningen voor dak- en thuislozen over haaglanden", HAAGLANDEN, None, 250, None, INW, "hamilton", "dak- en thuislozen"),
    ("Verdeel 75 plekken voor uitstromers uit de ggz over Twente naar huishoudens", ENSCHEDE, None, 75, None, {"huishoudens": 1.0}, "hamilton", "uitstromers uit ggz, beschermd wonen en maatschappelijke opvang"),
    ("Verdeel 40 woningen voor arbeidsmigranten over de GMR", GMR, None, 40, None, INW, "hamilton", "arbeidsmigranten"),
    ("Verdeel 120 studentenkamers over Groningen", GRONINGEN, None, 120, None, INW, "hamilton", "studenten"),
    ("Verdeel 30 woonwagenstandplaatsen over Haaglanden", HAAGLANDEN, None, 30, None, INW, "hamilton", "woonwagenbewoners"),
    ("Verdeel 200 woningen voor ouderen over Parkstad naar huishoudens", PARKSTAD, None, 200, None, {"huishoudens": 1.0}, "hamilton", "ouderen"),
    ("Verdeel 100 woningen voor urgenten over de MRA, half inwoners half woningen", MRA, None, 100, None, {"inwoners": 0.5, "woningen": 0.5}, "hamilton", "urgenten"),
    ("Verdeel 600 woningen over Haaglanden, twee derde naar inwoners en een derde naar woningen", HAAGLANDEN, None, 600, None, {"inwoners": 0.666667, "woningen": 0.333333}, "hamilton", None),
    ("Hoeveel krijgt Nijmegen als de Groene Metropoolregio 350 woningen verdeelt?", GMR, None, 350, "Nijmegen", INW, "hamilton", None),
    ("Wat moet Voerendaal doen van 140 woningen in Parkstad?", PARKSTAD, None, 140, "Voerendaal", INW, "hamilton", None),
    ("VERDEEL 500 WONINGEN OVER DE MRA", MRA, None, 500, None, INW, "hamilton", None),
    ("verdeel 90 statushouders over groningen naar corporatiebezit", GRONINGEN, None, 90, None, {"corporatiewoningen": 1.0}, "hamilton", "statushouders"),
    ("Verdeel 240 woningen over Haaglanden naar rato van het aantal inwoners", HAAGLANDEN, None, 240, None, INW, "hamilton", None),
    ("verdeel 240 woningen over haaglanden op basis van sociale huurwoningen", HAAGLANDEN, None, 240, None, {"corporatiewoningen": 1.0}, "hamilton", None),
    ("Verdeel 300 woningen over Parkstad, 60 procent naar inwoners en 40 procent naar corporatiewoningen", PARKSTAD, None, 300, None, {"inwoners": 0.6, "corporatiewoningen": 0.4}, "hamilton", None),
    ("reken uit: 180 plekken over de regio Twente", ENSCHEDE, None, 180, None, INW, "hamilton", None),
    ("Hoeveel moet Den Haag doen als Haaglanden 600 woningen moet vinden?", HAAGLANDEN, None, 600, "'s-Gravenhage", INW, "hamilton", None),
    ("verdeel 100 woningen over heerlen, kerkrade en landgraaf met sainte lague", None, ["Heerlen", "Kerkrade", "Landgraaf"], 100, None, INW, "sainte-lague", None),
    ("Verdeel 250 woningen over de provincie Groningen; wat is het aandeel van Veendam?", GRONINGEN, None, 250, "Veendam", INW, "hamilton", None),
    ("Verdeel vijftig woningen over Parkstad", PARKSTAD, None, 50, None, INW, "hamilton", None),
    ("Kun je 300 woningen over de MRA verdelen naar inwoners?", MRA, None, 300, None, INW, "hamilton", None),
    ("maak een verdeling van 450 woningen over haaglanden", HAAGLANDEN, None, 450, None, INW, "hamilton", None),
    ("Verdeel 2000 woningen over de MRA", MRA, None, 2000, None, INW, "hamilton", None),
    ("Verdeel 80 woningen over Hengelo, Enschede en Borne", None, ["Hengelo", "Enschede", "Borne"], 80, None, INW, "hamilton", None),
    ("Hoeveel moet Groningen doen als de provincie Groningen 90 woningen verdeelt?", GRONINGEN, None, 90, "Groningen", INW, "hamilton", None),
    ("verdeel honderdtwintig plekken over de gemeenten in parkstad naar woningvoorraad", PARKSTAD, None, 120, None, {"woningen": 1.0}, "hamilton", None),
    ("Verdeel 360 woningen over Arnhem Nijmegen volgens webster", GMR, None, 360, None, INW, "sainte-lague", None),
    ("geef de verdeling van 800 woningen over de metropoolregio amsterdam, 50% naar huishoudens en 50% naar sociale huur", MRA, None, 800, None, {"huishoudens": 0.5, "corporatiewoningen": 0.5}, "hamilton", None),
    ("Verdeel 120 woningen over Parkstad; hoeveel krijgt Brunssum?", PARKSTAD, None, 120, "Brunssum", INW, "hamilton", None),
    ("verdeel 70 plekken ovr haaglanden", HAAGLANDEN, None, 70, None, INW, "hamilton", None),
    ("Verdeel 100 woningen over de Groene Metroplooregio", GMR, None, 100, None, INW, "hamilton", None),
]

KNOWLEDGE = [
    "Hoeveel gemeenten werken samen in Parkstad?",
    "Wat gebeurde er in 2021?",
    "Welke verdeelsleutel gebruikt Haaglanden?",
    "Hoe werkt de verdeling van statushouders in de MRA?",
    "Hoeveel woningen zijn er in 2023 gebouwd voor aandachtsgroepen?",
    "Hoeveel geld kregen 66 gemeenten in 2023 uit de RHA?",
    "Hoe verdeel je woningen eerlijk over gemeenten?",
    "Heeft Parkstad 300 woningen gebouwd?",
    "Wat zegt de wet over 30% sociale huur?",
    "wat is een woonzorgvisie",
    "Wie is de trainer van Ajax?",
    "Welke gemeenten horen bij de regio Enschede?",
    "Wat betekent fair share?",
    "Hoeveel woningen moet Heerlen bouwen?",
]


def _close(a: dict[str, float], b: dict[str, float]) -> bool:
    return a.keys() == b.keys() and all(abs(a[k] - b[k]) < 1e-3 for k in a)


@pytest.mark.parametrize(("question", "region", "municipalities", "total", "focus", "key", "method", "group"), ALLOCATIONS)
def test_allocation_requests_are_parsed_and_computed(
    question: str, region: str | None, municipalities: list[str] | None, total: int, focus: str | None,
    key: dict[str, float], method: str, group: str | None,
) -> None:
    conv = offline_conversation()
    reply = conv.ask(question)
    assert reply.intent == "allocation", reply.answer
    assert never_loaded(conv)
    request = reply.request
    assert request is not None
    assert (request.region, request.municipalities, request.total, request.focus) == (region, municipalities, total, focus)
    assert _close(request.key, key), request.key
    assert (request.method, request.group) == (method, group)
    assert reply.allocation is not None
    assert sum(row["allocated"] for row in reply.allocation["rows"]) == total
    assert reply.answer.count("| **Totaal** |") == 1


@pytest.mark.parametrize("question", KNOWLEDGE)
def test_questions_that_merely_contain_a_number_or_a_place_are_knowledge(question: str) -> None:
    assert decide(question).kind == "knowledge"


@pytest.mark.parametrize(
    ("question", "missing_total", "missing_region", "must_say"),
    [
        ("Verdeel woningen over Parkstad", True, False, "Hoeveel woningen"),
        ("Verdeel 300 woningen", False, True, "Over welke regio"),
        ("Hoeveel moet Kerkrade doen?", True, False, "Hoeveel woningen"),
        ("verdeel 100 woningen over utrecht", False, True, "hoort bij geen van de zes"),
        ("Verdeel 50 woningen over Utrecht, Zeist en Houten naar huishoudens", False, False, "ontbreken voor 3 gemeenten"),
        ("verdeel 100 woningen over parkstad rekening houdend met wat gemeenten al doen", False, False, "kolom 'bestaand'"),
        ("Verdeel 100 woningen over Haaglanden; hoeveel moet Heerlen doen?", False, False, "hoort niet bij"),
    ],
)
def test_incomplete_requests_get_a_clarifying_question(question: str, missing_total: bool, missing_region: bool, must_say: str) -> None:
    reply = offline_conversation().ask(question)
    assert reply.intent == "clarify", reply.answer
    assert reply.request is not None
    assert (reply.request.total is None) == missing_total
    assert (reply.request.region is None and reply.request.municipalities is None) == missing_region
    assert must_say in reply.answer
    assert reply.allocation is None


def test_missing_households_names_what_is_available_and_how_to_add() -> None:
    reply = offline_conversation().ask("Verdeel 50 woningen over Utrecht, Zeist en Houten naar huishoudens")
    assert "inwoners" in reply.answer and "woningvoorraad" in reply.answer
    assert "/data" in reply.answer and "gemeente" in reply.answer
    assert reply.request is not None and reply.request.key == {"huishoudens": 1.0}


@pytest.mark.parametrize("question", ["help", "Help", "?", "/help", "Wat kan ik vragen?", "hoe werkt dit"])
def test_help(question: str) -> None:
    reply = offline_conversation().ask(question)
    assert reply.intent == "help"
    for region in (PARKSTAD, MRA, ENSCHEDE, GRONINGEN, HAAGLANDEN, GMR):
        assert region in reply.answer


def test_request_json_has_exactly_the_issue_keys() -> None:
    data = offline_conversation().ask("Verdeel 120 woningen over Parkstad; hoeveel krijgt Brunssum?").to_json()
    assert set(data) == {"question", "intent", "answer", "request", "sources", "allocation"}
    assert set(data["request"]) == {
        "region", "municipalities", "total", "focus", "key", "method", "group",
        "max_per_municipality", "min_per_municipality", "years", "unit",  # issues 12 and 13
        "existing", "compare_keys",  # issue 22
    }
    assert data["request"]["existing"] == {} and data["request"]["compare_keys"] is None
    assert data["allocation"]["total"] == 120 and data["sources"] == []


def test_focus_number_comes_first_in_the_summary() -> None:
    reply = offline_conversation().ask("Hoeveel moet Zoetermeer doen als Haaglanden 600 woningen moet leveren?")
    assert reply.allocation is not None
    row = next(r for r in reply.allocation["rows"] if r["municipality"] == "Zoetermeer")
    first = reply.answer.split("\n\n")[1]
    assert first.startswith(f"**Zoetermeer** krijgt **{row['allocated']}**")
    assert "Hoe is dit berekend?" in reply.answer


def test_an_unknown_key_is_never_replaced_by_inhabitants() -> None:
    reply = offline_conversation().ask("Verdeel 300 woningen over Parkstad naar inkomen")
    assert reply.intent == "clarify" and reply.allocation is None
    assert "geen cijfers voor 'inkomen'" in reply.answer and "/data" in reply.answer
    assert reply.request is not None and reply.request.key == {"inkomen": 1.0}
    assert reply.read_as is not None and "naar inkomen" in reply.read_as


def test_two_regions_at_once_get_a_question() -> None:
    reply = offline_conversation().ask("Verdeel 300 woningen over Parkstad en Haaglanden")
    assert reply.intent == "clarify" and "meer dan één regio" in reply.answer


def test_a_municipality_can_be_left_out_or_added() -> None:
    reply = offline_conversation().ask("Verdeel 240 woningen over Haaglanden zonder Voorschoten")
    assert reply.intent == "allocation" and reply.request is not None and reply.request.region is None
    assert reply.request.municipalities is not None and len(reply.request.municipalities) == 7
    assert "Voorschoten" not in reply.request.municipalities and reply.request.focus is None
    reply = offline_conversation().ask("Verdeel 240 woningen over Haaglanden plus Delft en Rijswijk, exclusief Voorschoten")
    assert reply.request is not None and reply.request.municipalities is not None
    assert {"Delft", "Rijswijk"} <= set(reply.request.municipalities) and "Voorschoten" not in reply.request.municipalities
    assert reply.allocation is not None and len(reply.allocation["rows"]) == 9


def test_spread_over_years() -> None:
    reply = offline_conversation().ask("Verdeel 150 woningen over parkstad in drie jaar")
    assert reply.intent == "allocation" and reply.request is not None and reply.request.years == 3
    assert reply.allocation is not None and sum(reply.allocation["year_totals"]) == 150
    assert "gespreid over 3 jaar" in reply.answer


@pytest.mark.parametrize(
    ("question", "focus", "total"),
    [
        ("Wat krijgt Landgraaf bij een opgave van 200 woningen?", "Landgraaf", 200),
        ("welke gemeente krijgt het meest bij 300 woningen in parkstad?", None, 300),
        ("Stel dat Parkstad 500 woningen moet verdelen, hoeveel krijgt Heerlen?", "Heerlen", 500),
        ("Ik wil 100 woningen verdelen over Haaglanden", None, 100),
        ("Hoeveel woningen krijgt Heerlen van 300?", "Heerlen", 300),
        ("Hoeveel plekken moet Enschede leveren als Twente er 150 moet vinden?", "Enschede", 150),
        ("Hengelo, Borne en Enschede delen 90 plekken: wie krijgt wat?", None, 90),
        ("Parkstad moet 300 woningen realiseren, wat betekent dat per gemeente?", None, 300),
        ("Hoe verdelen we 300 woningen over Parkstad?", None, 300),
        ("250 woningen over Haaglanden", None, 250),
        ("Wat is het eerlijk aandeel van Almere bij 500 woningen?", "Almere", 500),
    ],
)
def test_loose_phrasings(question: str, focus: str | None, total: int) -> None:
    reply = offline_conversation().ask(question)
    assert reply.intent == "allocation" and reply.request is not None
    assert (reply.request.focus, reply.request.total) == (focus, total)


def test_an_unknown_name_in_a_list_is_not_dropped() -> None:
    reply = offline_conversation().ask("Verdeel 100 woningen over Heerlen, Kerkrade en Smurfendorp")
    assert reply.intent == "clarify" and "'Smurfendorp'" in reply.answer and reply.allocation is None
    reply = offline_conversation().ask("Verdeel 100 woningen over Heerlen, Kerkrade en Vaalss")
    assert reply.intent == "allocation" and reply.request is not None
    assert reply.request.municipalities == ["Heerlen", "Kerkrade", "Vaals"]
    assert "100 woningen over Heerlen, Kerkrade en Vaals (3 gemeenten)" in reply.answer
