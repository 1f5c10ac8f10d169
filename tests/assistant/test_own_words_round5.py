"""Issue 22, fifth round of own words: 272 conversations in everyday Dutch across the twelve families
(plain, own group, numbers, caps, floors, existing effort, years, what-ifs, comparisons, mixed
messages, dead ends, follow-ups), written for this file and deliberately unlike the evaluation sets'
templates; and the families behind the misses of the fourth blind round (a key inside a formal
infinitive phrase, existing effort listed after one verb), former municipalities that must not be read
as another one, and a number a copula ties to the task. Real Conversation, real engine, no mocks.

Every turn is checked on what it says (intent, group, total, unit, key, compared keys, every limit,
existing effort, years, focus, the words it must name back) and the allocated rows on the limits.
"""

from __future__ import annotations

import math
from typing import Any

import pytest

from allocation.data import load_dataset
from allocation.names import resolve_municipality
from assistant.models import Reply
from assistant.parsing.message import parse_message
from assistant.parsing.places import default_index, edits
from tests.assistant.helpers import ENSCHEDE, GMR, GRONINGEN, HAAGLANDEN, MRA, PARKSTAD, offline_conversation


def _name(text: str) -> str:
    found = resolve_municipality(text, load_dataset())
    return found.name if found is not None else text


def _close(a: float | None, b: float | None) -> bool:
    return a is b if a is None or b is None else math.isclose(float(a), float(b), rel_tol=1e-6)


def _limit_ok(expect: dict[str, float] | None, absolute: int | None, share: float | None) -> bool:
    if not expect:
        return absolute is None and share is None
    if "amount" in expect:
        return _close(absolute, expect["amount"]) and share is None
    return share is not None and _close(share, expect["share"]) and absolute is None


def _wrong(reply: Reply, expect: dict[str, Any]) -> list[str]:
    """What is wrong with one reply against what the turn says (empty: right)."""
    intent = "comparison" if reply.key_comparison is not None else reply.intent
    wrong = [] if intent == expect["intent"] else [f"intent {intent}"]
    wrong += [f"does not name {w!r}" for w in expect.get("must_mention", []) if w.lower() not in reply.answer.lower()]
    request = reply.request
    if expect["intent"] in ("knowledge", "help"):
        return wrong
    if request is None:
        return [*wrong, "no request"]
    asking = expect["intent"] == "clarify"
    checks: list[tuple[str, bool]] = [
        ("region", "region" not in expect or request.region == expect["region"]),
        ("municipalities", "municipalities" not in expect or {_name(m) for m in request.municipalities or []} == {_name(m) for m in expect["municipalities"]}),
        ("total", "total" not in expect or _close(request.total, expect["total"])),
        ("unit", "unit" not in expect or expect["unit"] in (request.unit, request.unit_kind)),
        ("focus", "focus" not in expect or _name(request.focus or "") == _name(expect["focus"])),
        ("compared keys", (asking and "compare_keys" not in expect) or [k for key in request.compare_keys for k in key] == expect.get("compare_keys", [])),
        ("cap", (asking and "cap" not in expect) or _limit_ok(expect.get("cap"), request.cap_absolute, request.cap_share)),
        ("floor", (asking and "floor" not in expect) or _limit_ok(expect.get("floor"), request.floor_absolute, request.floor_share)),
        ("years", (asking and "years" not in expect) or request.years == expect.get("years", 1)),
        ("existing", (asking and "existing" not in expect)
         or {_name(k): float(v) for k, v in request.existing_amounts.items()} == {_name(k): float(v) for k, v in expect.get("existing", {}).items()}),
    ]
    if "key" in expect and not request.compare_keys:
        total = sum(request.key.values()) or 1.0
        checks.append(("key", {k: round(w / total, 3) for k, w in request.key.items() if w > 0} == {k: round(float(w), 3) for k, w in expect["key"].items()}))
    wrong += [f"{name} wrong" for name, ok in checks if not ok]
    result = reply.result
    if result is not None and expect["intent"] != "clarify":
        given = [row.allocated / (100 if result.cents else 1) for row in result.rows]
        cap, floor = request.max_per_municipality(), request.min_per_municipality()
        wrong += ["a row above the cap"] * (cap is not None and max(given) > cap)
        wrong += ["a row below the floor"] * (floor is not None and min(given) < floor)
        wrong += ["rows do not add up"] * (request.total is not None and not _close(sum(given), float(request.total)))
    return wrong


CONVERSATIONS = [
    pytest.param([('Kun je 210 sociale huurwoningen over regio Twente verdelen op basis van het aantal huishoudens?', dict(intent='allocation', region=ENSCHEDE, total=210, key={'huishoudens': 1}))], id='plain-o000'),
    pytest.param([('Ik zoek de verdeling van 95 flexwoningen binnen Parkstad, naar rato van het inwonertal.', dict(intent='allocation', region=PARKSTAD, total=95, unit='flexwoningen', key={'inwoners': 1}))], id='plain-o001'),
    pytest.param([('Hoe worden 1.250 woningen over de Metropoolregio Amsterdam verdeeld als we de woningvoorraad als sleutel pakken?', dict(intent='allocation', region=MRA, total=1250, key={'woningen': 1}))], id='plain-o002'),
    pytest.param([('Graag voor de provincie Groningen: 66 plekken, sleutel huishoudens.', dict(intent='allocation', region=GRONINGEN, total=66, unit='plekken', key={'huishoudens': 1}))], id='plain-o003'),
    pytest.param([('Wij (Borne, Hengelo en Almelo) moeten samen 75 woningen bouwen. Hoe verdelen we dat naar inwoners?', dict(intent='allocation', municipalities=['Borne', 'Hengelo', 'Almelo'], total=75, key={'inwoners': 1}))], id='own_group-o004'),
    pytest.param([('Maak een verdeling van 48 plekken voor Lochem, Zutphen, Brummen en Voorst op basis van het inwonertal', dict(intent='allocation', municipalities=['Lochem', 'Zutphen', 'Brummen', 'Voorst'], total=48, key={'inwoners': 1}))], id='own_group-o005'),
    pytest.param([('Verdeel 120 woningen tussen Leiden, Leiderdorp en Oegstgeest naar inwoners', dict(intent='allocation', municipalities=['Leiden', 'Leiderdorp', 'Oegstgeest'], total=120, key={'inwoners': 1}))], id='own_group-o006'),
    pytest.param([('Delft, Rijswijk en Westland: 90 statushouders, graag naar woningvoorraad', dict(intent='allocation', municipalities=['Delft', 'Rijswijk', 'Westland'], total=90, key={'woningen': 1}))], id='own_group-o007'),
    pytest.param([('verdeel tweehonderdvijftig woningen over haaglanden naar inwoners', dict(intent='allocation', region=HAAGLANDEN, total=250, key={'inwoners': 1}))], id='numbers-o008'),
    pytest.param([('verdeel € 3,5 mln over de GMR naar inwoners', dict(intent='allocation', region=GMR, total=3500000, unit='euro', key={'inwoners': 1}))], id='numbers-o009'),
    pytest.param([('verdeel een half miljoen euro over twente naar huishoudens', dict(intent='allocation', region=ENSCHEDE, total=500000, unit='euro', key={'huishoudens': 1}))], id='numbers-o010'),
    pytest.param([('In 2025 zijn er 300 woningen te verdelen in parkstad, naar inwoners', dict(intent='allocation', region=PARKSTAD, total=300, key={'inwoners': 1}))], id='numbers-o011'),
    pytest.param([('verdeel 400 woningen over de MRA naar inwoners, waarbij geen gemeente boven de 100 uitkomt', dict(intent='allocation', region=MRA, total=400, cap={'amount': 100}))], id='caps-o012'),
    pytest.param([('verdeel 400 woningen over de MRA naar inwoners', dict(intent='allocation', region=MRA, total=400)), ('en als één gemeente nooit meer dan een kwart mag krijgen?', dict(intent='allocation', region=MRA, total=400, cap={'share': 0.25}))], id='caps-o013'),
    pytest.param([('verdeel 2 miljoen euro over Parkstad naar inwoners, per gemeente hoogstens 500.000 euro', dict(intent='allocation', region=PARKSTAD, total=2000000, cap={'amount': 500000}))], id='caps-o014'),
    pytest.param([('Verdeel 300 woningen over Haaglanden naar inwoners; geen enkele gemeente krijgt er meer dan 120', dict(intent='allocation', region=HAAGLANDEN, total=300, cap={'amount': 120}))], id='caps-o015'),
    pytest.param([('Verdeel 160 plekken over Twente naar inwoners, elke gemeente krijgt er op zijn minst 8', dict(intent='allocation', region=ENSCHEDE, total=160, floor={'amount': 8}))], id='floors-o016'),
    pytest.param([('Verdeel 1 miljoen euro over provincie Groningen naar inwoners met een minimum van 25.000 euro voor iedere gemeente', dict(intent='allocation', region=GRONINGEN, total=1000000, floor={'amount': 25000}))], id='floors-o017'),
    pytest.param([('verdeel 90 woningen over parkstad naar inwoners', dict(intent='allocation', region=PARKSTAD, total=90)), ('zorg dat elke gemeente er minimaal 5 krijgt', dict(intent='allocation', region=PARKSTAD, total=90, floor={'amount': 5}))], id='floors-o018'),
    pytest.param([('200 woningen over haaglanden naar huishoudens, geen gemeente minder dan 10', dict(intent='allocation', region=HAAGLANDEN, total=200, floor={'amount': 10}))], id='floors-o019'),
    pytest.param([('Verdeel 300 plekken over de GMR naar inwoners. Nijmegen heeft er al 45 gerealiseerd.', dict(intent='allocation', region=GMR, total=300, existing={'Nijmegen': 45}))], id='existing-o020'),
    pytest.param([('Verdeel 150 statushouders over Haaglanden naar inwoners; Zoetermeer huisvestte er al 20, Westland 10', dict(intent='allocation', region=HAAGLANDEN, total=150, existing={'Zoetermeer': 20, 'Westland': 10}))], id='existing-o021'),
    pytest.param([('verdeel 80 woningen over parkstad naar inwoners', dict(intent='allocation', region=PARKSTAD, total=80)), ('Kerkrade heeft er trouwens al 12 opgeleverd', dict(intent='allocation', region=PARKSTAD, total=80, existing={'Kerkrade': 12}))], id='existing-o022'),
    pytest.param([('verdeel 120 plekken over twente naar inwoners, waarvan Enschede er al 25 heeft opgevangen', dict(intent='allocation', region=ENSCHEDE, total=120, existing={'Enschede': 25}))], id='existing-o023'),
    pytest.param([('Verdeel 600 woningen over de MRA naar inwoners, te realiseren in vier jaar', dict(intent='allocation', region=MRA, total=600, years=4))], id='years-o024'),
    pytest.param([('verdeel 240 plekken over twente naar inwoners', dict(intent='allocation', region=ENSCHEDE, total=240)), ('kun je dat over drie jaar spreiden?', dict(intent='allocation', region=ENSCHEDE, total=240, years=3))], id='years-o025'),
    pytest.param([('Verdeel 500 woningen over de GMR naar inwoners voor de periode 2026-2030', dict(intent='allocation', region=GMR, total=500, years=5))], id='years-o026'),
    pytest.param([('verdeel 300 woningen over parkstad naar inwoners, verspreid over 2 jaar', dict(intent='allocation', region=PARKSTAD, total=300, years=2))], id='years-o027'),
    pytest.param([('verdeel 300 woningen over haaglanden naar inwoners', dict(intent='allocation', region=HAAGLANDEN, total=300)), ('stel dat het er 360 worden?', dict(intent='allocation', region=HAAGLANDEN, total=360))], id='whatif-o028'),
    pytest.param([('verdeel 300 woningen over haaglanden naar inwoners', dict(intent='allocation', region=HAAGLANDEN, total=300)), ('en als we huishoudens als sleutel nemen?', dict(intent='allocation', region=HAAGLANDEN, total=300, key={'huishoudens': 1}))], id='whatif-o029'),
    pytest.param([('verdeel 300 woningen over haaglanden naar inwoners', dict(intent='allocation', region=HAAGLANDEN, total=300)), ('hoe pakt het uit als Westland niet meedoet?', dict(intent='allocation', total=300, municipalities=["'s-Gravenhage", 'Voorschoten', 'Wassenaar', 'Zoetermeer', 'Midden-Delfland', 'Leidschendam-Voorburg', 'Pijnacker-Nootdorp']))], id='whatif-o030'),
    pytest.param([('verdeel 2 miljoen euro over parkstad naar inwoners', dict(intent='allocation', region=PARKSTAD, total=2000000)), ('wat als het bedrag 2,5 miljoen is?', dict(intent='allocation', region=PARKSTAD, total=2500000))], id='whatif-o031'),
    pytest.param([('verdeel 400 woningen over twente naar inwoners', dict(intent='allocation', region=ENSCHEDE, total=400)), ('zet huishoudens er eens naast', dict(intent='comparison', region=ENSCHEDE, total=400, compare_keys=['inwoners', 'huishoudens']))], id='comparison-o032'),
    pytest.param([('Hoeveel krijgt Hengelo van 400 woningen in Twente bij inwoners tegenover woningvoorraad?', dict(intent='comparison', region=ENSCHEDE, total=400, compare_keys=['inwoners', 'woningen'], focus='Hengelo'))], id='comparison-o033'),
    pytest.param([('Wat is voor Heerlen het verschil tussen verdelen naar inwoners en naar huishoudens, bij 150 woningen in Parkstad?', dict(intent='comparison', region=PARKSTAD, total=150, compare_keys=['inwoners', 'huishoudens'], focus='Heerlen'))], id='comparison-o034'),
    pytest.param([('Wat is een statushouder precies, en kun je er 140 over Parkstad verdelen naar inwoners?', dict(intent='allocation', region=PARKSTAD, total=140))], id='mixed-o035'),
    pytest.param([('Ik werk bij de gemeente Hengelo. Verdeel 100 woningen over Twente naar huishoudens.', dict(intent='allocation', region=ENSCHEDE, total=100, key={'huishoudens': 1}))], id='mixed-o036'),
    pytest.param([('Verdeel 250 woningen over de MRA naar inwoners (overleg is om 14:00 uur)', dict(intent='allocation', region=MRA, total=250))], id='mixed-o037'),
    pytest.param([('Hoeveel moet Rijswijk leveren als Haaglanden 400 woningen verdeelt naar inwoners?', dict(intent='clarify', region=HAAGLANDEN, total=400, must_mention=['Rijswijk']))], id='deadend-o038'),
    pytest.param([('verdeel 200 woningen over Parkstad en Twente', dict(intent='clarify', total=200))], id='deadend-o039'),
    pytest.param([('verdeel 100 woningen over Bussum, Laren en Blaricum', dict(intent='clarify', total=100, must_mention=['Bussum']))], id='deadend-o040'),
    pytest.param([('verdeel 100 woningen over regio zuid-kennemerland naar inwoners', dict(intent='clarify', total=100, must_mention=['kennemerland']))], id='deadend-o041'),
    pytest.param([('verdeel 300 woningen over de GMR naar inwoners', dict(intent='allocation', region=GMR, total=300)), ('en wat krijgt Arnhem dan?', dict(intent='allocation', region=GMR, total=300, focus='Arnhem'))], id='followup-o042'),
    pytest.param([('verdeel 300 woningen over de GMR naar inwoners', dict(intent='allocation', region=GMR, total=300)), ("doe maar met D'Hondt", dict(intent='allocation', region=GMR, total=300))], id='followup-o043'),
    pytest.param([('regio haaglanden 480 statushouders naar inwoners', dict(intent='allocation', region=HAAGLANDEN, total=480)), ('de opgave bedraagt toch 520', dict(intent='allocation', region=HAAGLANDEN, total=520))], id='followup-o044'),
    pytest.param([('verdeel 480 statushouders over haaglanden naar inwoners', dict(intent='allocation', region=HAAGLANDEN, total=480)), ('Den Haag heeft er al 60 gehuisvest, Zoetermeer 15', dict(intent='allocation', region=HAAGLANDEN, total=480, existing={"'s-Gravenhage": 60, 'Zoetermeer': 15}))], id='followup-o045'),
    pytest.param([('Zou u voor mij willen uitrekenen hoe 330 woningen over de Groene Metropoolregio neerslaan, gewogen naar huishoudens?', dict(intent='allocation', region=GMR, total=330, key={'huishoudens': 1}))], id='plain-p000'),
    pytest.param([('parkstad limburg - 75 wooneenheden - inwoners', dict(intent='allocation', region=PARKSTAD, total=75, key={'inwoners': 1}))], id='plain-p001'),
    pytest.param([('Welk deel van 500 flexwoningen valt op Groningen-stad als we de provincie Groningen naar inwoners verdelen?', dict(intent='allocation', region=GRONINGEN, total=500, key={'inwoners': 1}, focus='Groningen'))], id='plain-p002'),
    pytest.param([('Voor de 18 gemeenten van de GMR hebben we 900 woningen; naar inwonertal graag.', dict(intent='allocation', region=GMR, total=900, key={'inwoners': 1}))], id='plain-p003'),
    pytest.param([('De gemeenten Kerkrade, Landgraaf en Simpelveld willen 42 plekken onderling verdelen naar inwoners', dict(intent='allocation', municipalities=['Kerkrade', 'Landgraaf', 'Simpelveld'], total=42, key={'inwoners': 1}))], id='own_group-p004'),
    pytest.param([('Reken voor Enschede en Hengelo samen uit hoe 60 woningen verdeeld worden op basis van woningvoorraad', dict(intent='allocation', municipalities=['Enschede', 'Hengelo'], total=60, key={'woningen': 1}))], id='own_group-p005'),
    pytest.param([('verdeel 1.5k woningen over de MRA naar inwoners', dict(intent='allocation', region=MRA, total=1500))], id='numbers-p006'),
    pytest.param([('Er is 750 duizend euro te verdelen over Haaglanden, naar inwoners', dict(intent='allocation', region=HAAGLANDEN, total=750000, unit='euro'))], id='numbers-p007'),
    pytest.param([('twente: vijfenzeventig plekken, verdeel naar huishoudens', dict(intent='allocation', region=ENSCHEDE, total=75, key={'huishoudens': 1}))], id='numbers-p008'),
    pytest.param([('verdeel 500 woningen over de GMR naar inwoners en laat niemand over de 150 gaan', dict(intent='allocation', region=GMR, total=500, cap={'amount': 150}))], id='caps-p009'),
    pytest.param([('verdeel 500 woningen over de GMR naar inwoners', dict(intent='allocation', region=GMR, total=500)), ('kunnen we het aftoppen op 100 per gemeente?', dict(intent='allocation', region=GMR, total=500, cap={'amount': 100}))], id='caps-p010'),
    pytest.param([('Verdeel 1,5 miljoen euro over Twente naar inwoners met een maximum van 40 procent per gemeente', dict(intent='allocation', region=ENSCHEDE, total=1500000, cap={'share': 0.4}))], id='caps-p011'),
    pytest.param([('verdeel 300 woningen over de MRA naar inwoners; ondergrens 3 per gemeente', dict(intent='allocation', region=MRA, total=300, floor={'amount': 3}))], id='floors-p012'),
    pytest.param([('verdeel 300 woningen over de MRA naar inwoners', dict(intent='allocation', region=MRA, total=300)), ('en dan iedere gemeente tenminste 4?', dict(intent='allocation', region=MRA, total=300, floor={'amount': 4}))], id='floors-p013'),
    pytest.param([('Verdeel 80.000 euro over Parkstad naar inwoners, niemand krijgt minder dan 5.000 euro', dict(intent='allocation', region=PARKSTAD, total=80000, floor={'amount': 5000}))], id='floors-p014'),
    pytest.param([('Verdeel 200 plekken over Parkstad naar inwoners. Heerlen heeft al 30 plekken ingevuld en Brunssum 5.', dict(intent='allocation', region=PARKSTAD, total=200, existing={'Heerlen': 30, 'Brunssum': 5}))], id='existing-p015'),
    pytest.param([('200 statushouders in Haaglanden naar inwoners. Er zijn in Wassenaar al 12 gehuisvest.', dict(intent='allocation', region=HAAGLANDEN, total=200, existing={'Wassenaar': 12}))], id='existing-p016'),
    pytest.param([('verdeel 100 woningen over twente naar inwoners, met Hengelo dat er al 10 heeft', dict(intent='allocation', region=ENSCHEDE, total=100, existing={'Hengelo': 10}))], id='existing-p017'),
    pytest.param([('Verdeel 360 woningen over Haaglanden naar inwoners, looptijd 3 jaar', dict(intent='allocation', region=HAAGLANDEN, total=360, years=3))], id='years-p018'),
    pytest.param([('verdeel 360 woningen over haaglanden naar inwoners', dict(intent='allocation', region=HAAGLANDEN, total=360)), ('en nu per jaar, het loopt van 2026 tot en met 2029', dict(intent='allocation', region=HAAGLANDEN, total=360, years=4))], id='years-p019'),
    pytest.param([('Verdeel 120 plekken per jaar over Parkstad naar inwoners, drie jaar lang', dict(intent='allocation', region=PARKSTAD, total=360, years=3))], id='years-p020'),
    pytest.param([('verdeel 250 woningen over Twente naar inwoners', dict(intent='allocation', region=ENSCHEDE, total=250)), ('stel dat er 50 bij komen', dict(intent='allocation', region=ENSCHEDE, total=300))], id='whatif-p021'),
    pytest.param([('verdeel 250 woningen over Twente naar inwoners', dict(intent='allocation', region=ENSCHEDE, total=250)), ('en als we de helft naar huishoudens doen?', dict(intent='allocation', region=ENSCHEDE, total=250, key={'inwoners': 0.5, 'huishoudens': 0.5}))], id='whatif-p022'),
    pytest.param([('Wat maakt het uit voor Oldenzaal of we 90 plekken in Twente naar inwoners of naar woningvoorraad verdelen?', dict(intent='comparison', region=ENSCHEDE, total=90, compare_keys=['inwoners', 'woningen'], focus='Oldenzaal'))], id='comparison-p023'),
    pytest.param([('verdeel 600 woningen over de MRA naar inwoners', dict(intent='allocation', region=MRA, total=600)), ('laat ook eens zien wat huishoudens oplevert, naast elkaar', dict(intent='comparison', region=MRA, total=600, compare_keys=['inwoners', 'huishoudens']))], id='comparison-p024'),
    pytest.param([('Hoi! Ik ben net begonnen bij de regio. Als we 130 woningen in Parkstad naar inwoners verdelen, wat krijgt Voerendaal?', dict(intent='allocation', region=PARKSTAD, total=130, focus='Voerendaal'))], id='mixed-p025'),
    pytest.param([('Volgens de nota van 12 maart moeten we 210 woningen over Haaglanden verdelen naar inwoners', dict(intent='allocation', region=HAAGLANDEN, total=210))], id='mixed-p026'),
    pytest.param([('verdeel 200 woningen over regio Eindhoven naar inwoners', dict(intent='clarify', total=200, must_mention=['Eindhoven']))], id='deadend-p027'),
    pytest.param([('Hoeveel krijgt Zwolle als we 200 woningen over de MRA verdelen?', dict(intent='clarify', region=MRA, total=200, must_mention=['Zwolle']))], id='deadend-p028'),
    pytest.param([('verdeel woningen over parkstad naar inwoners', dict(intent='clarify', region=PARKSTAD))], id='deadend-p029'),
    pytest.param([('verdeel 300 woningen over Parkstad naar inwoners', dict(intent='allocation', region=PARKSTAD, total=300)), ('hetzelfde maar dan voor Twente', dict(intent='allocation', region=ENSCHEDE, total=300))], id='followup-p030'),
    pytest.param([('verdeel 300 woningen over Parkstad naar inwoners', dict(intent='allocation', region=PARKSTAD, total=300)), ('en Landgraaf?', dict(intent='allocation', region=PARKSTAD, total=300, focus='Landgraaf'))], id='followup-p031'),
    pytest.param([('verdeel 300 woningen over Parkstad naar inwoners', dict(intent='allocation', region=PARKSTAD, total=300)), ('maak er 330 van', dict(intent='allocation', region=PARKSTAD, total=330))], id='followup-p032'),
    pytest.param([('Beste Koploper, namens het portefeuillehoudersoverleg vragen wij u een verdeling te maken van 420 woningen over de regio Haaglanden, waarbij het inwonertal als verdeelgrondslag geldt. Met dank!', dict(intent='allocation', region=HAAGLANDEN, total=420, key={'inwoners': 1}))], id='plain-q000'),
    pytest.param([('Stel, de provincie Groningen krijgt 180 tijdelijke woningen. Wat is de verdeling naar het aantal huishoudens?', dict(intent='allocation', region=GRONINGEN, total=180, key={'huishoudens': 1}))], id='plain-q001'),
    pytest.param([('hoeveel van de 96 plekken gaan naar Rheden als je de GMR naar inwoners verdeelt', dict(intent='allocation', region=GMR, total=96, focus='Rheden', key={'inwoners': 1}))], id='plain-q002'),
    pytest.param([('Ridderkerk, Barendrecht en Albrandswaard delen 36 woningen. Naar inwoners graag.', dict(intent='allocation', municipalities=['Ridderkerk', 'Barendrecht', 'Albrandswaard'], total=36, key={'inwoners': 1}))], id='own_group-q003'),
    pytest.param([('We doen dit met vier: Epe, Heerde, Hattem en Oldebroek. Te verdelen 64 plekken op basis van inwoners.', dict(intent='allocation', municipalities=['Epe', 'Heerde', 'Hattem', 'Oldebroek'], total=64, key={'inwoners': 1}))], id='own_group-q004'),
    pytest.param([('verdeel 0,8 miljoen euro over parkstad naar inwoners', dict(intent='allocation', region=PARKSTAD, total=800000, unit='euro'))], id='numbers-q005'),
    pytest.param([('verdeel 12.000 euro over Twente naar inwoners', dict(intent='allocation', region=ENSCHEDE, total=12000, unit='euro'))], id='numbers-q006'),
    pytest.param([('Haaglanden: zeshonderd statushouders, verdeling naar inwoners a.u.b.', dict(intent='allocation', region=HAAGLANDEN, total=600, key={'inwoners': 1}))], id='numbers-q007'),
    pytest.param([('verdeel 200 woningen over haaglanden naar inwoners', dict(intent='allocation', region=HAAGLANDEN, total=200)), ('Den Haag krijgt nu heel veel. Kan er een plafond op van 40 procent?', dict(intent='allocation', region=HAAGLANDEN, total=200, cap={'share': 0.4}))], id='caps-q008'),
    pytest.param([('Verdeel 300 woningen over de MRA naar inwoners, met als bovengrens 90 woningen per gemeente', dict(intent='allocation', region=MRA, total=300, cap={'amount': 90}))], id='caps-q009'),
    pytest.param([('verdeel 120 woningen over parkstad naar inwoners; per gemeente mag het niet boven de 30 uitkomen', dict(intent='allocation', region=PARKSTAD, total=120, cap={'amount': 30}))], id='caps-q010'),
    pytest.param([('Verdeel 250.000 euro over de GMR naar inwoners. Elke gemeente moet minimaal 5.000 euro ontvangen.', dict(intent='allocation', region=GMR, total=250000, floor={'amount': 5000}))], id='floors-q011'),
    pytest.param([('verdeel 50 plekken over twente naar inwoners', dict(intent='allocation', region=ENSCHEDE, total=50)), ('kleine gemeenten krijgen nu bijna niks, geef iedereen er minimaal 3', dict(intent='allocation', region=ENSCHEDE, total=50, floor={'amount': 3}))], id='floors-q012'),
    pytest.param([('Verdeel 400 woningen over de MRA naar inwoners. Amsterdam heeft al 100 opgeleverd, Almere 30 en Haarlem 20.', dict(intent='allocation', region=MRA, total=400, existing={'Amsterdam': 100, 'Almere': 30, 'Haarlem': 20}))], id='existing-q013'),
    pytest.param([('Verdeel 90 plekken over Parkstad naar inwoners. Wat Heerlen al heeft gedaan (15 plekken) telt mee.', dict(intent='allocation', region=PARKSTAD, total=90, existing={'Heerlen': 15}))], id='existing-q014'),
    pytest.param([('verdeel 60 statushouders over parkstad naar inwoners', dict(intent='allocation', region=PARKSTAD, total=60)), ('vergeet niet dat Landgraaf er al 8 heeft gehuisvest', dict(intent='allocation', region=PARKSTAD, total=60, existing={'Landgraaf': 8}))], id='existing-q015'),
    pytest.param([('Verdeel 450 woningen over de GMR naar inwoners, gelijk verdeeld over drie jaar', dict(intent='allocation', region=GMR, total=450, years=3))], id='years-q016'),
    pytest.param([('verdeel 450 woningen over de GMR naar inwoners', dict(intent='allocation', region=GMR, total=450)), ('we hebben er tot en met 2028 de tijd voor, vanaf 2026', dict(intent='allocation', region=GMR, total=450, years=3))], id='years-q017'),
    pytest.param([('Verdeel 200 plekken over Haaglanden naar inwoners, in 5 jaar tijd', dict(intent='allocation', region=HAAGLANDEN, total=200, years=5))], id='years-q018'),
    pytest.param([('verdeel 200 plekken over haaglanden naar inwoners', dict(intent='allocation', region=HAAGLANDEN, total=200)), ('en wat als het er maar 150 zijn?', dict(intent='allocation', region=HAAGLANDEN, total=150))], id='whatif-q019'),
    pytest.param([('verdeel 200 plekken over haaglanden naar inwoners', dict(intent='allocation', region=HAAGLANDEN, total=200)), ('Wat als we het 50/50 doen tussen inwoners en woningvoorraad?', dict(intent='allocation', region=HAAGLANDEN, total=200, key={'inwoners': 0.5, 'woningen': 0.5}))], id='whatif-q020'),
    pytest.param([('verdeel 1 miljoen euro over parkstad naar inwoners', dict(intent='allocation', region=PARKSTAD, total=1000000)), ('stel dat er een ton bij komt', dict(intent='allocation', region=PARKSTAD, total=1100000))], id='whatif-q021'),
    pytest.param([('Verdeel 300 woningen over Parkstad en laat inwoners en huishoudens naast elkaar zien', dict(intent='comparison', region=PARKSTAD, total=300, compare_keys=['inwoners', 'huishoudens']))], id='comparison-q022'),
    pytest.param([('verdeel 300 woningen over parkstad naar inwoners', dict(intent='allocation', region=PARKSTAD, total=300)), ('scheelt het veel voor Kerkrade als we woningvoorraad nemen?', dict(intent='comparison', region=PARKSTAD, total=300, compare_keys=['inwoners', 'woningen'], focus='Kerkrade'))], id='comparison-q023'),
    pytest.param([('Hoeveel statushouders moet Nederland dit jaar huisvesten? En verdeel er alvast 120 over Twente naar inwoners.', dict(intent='allocation', region=ENSCHEDE, total=120))], id='mixed-q024'),
    pytest.param([("Tel 's-Gravenhage mee als Den Haag. Verdeel 500 woningen over Haaglanden naar inwoners.", dict(intent='allocation', region=HAAGLANDEN, total=500))], id='mixed-q025'),
    pytest.param([('verdeel 100 woningen over Weesp en Diemen', dict(intent='clarify', total=100, must_mention=['Weesp']))], id='deadend-q026'),
    pytest.param([('Wat krijgt Arnhem van 300 woningen in Parkstad?', dict(intent='clarify', total=300, must_mention=['Arnhem']))], id='deadend-q027'),
    pytest.param([('verdeel 300 woningen over de regio', dict(intent='clarify', total=300))], id='deadend-q028'),
    pytest.param([('verdeel 300 woningen over haaglanden naar inwoners', dict(intent='allocation', region=HAAGLANDEN, total=300)), ('en met Sainte-Laguë?', dict(intent='allocation', region=HAAGLANDEN, total=300))], id='followup-q029'),
    pytest.param([('verdeel 300 woningen over haaglanden naar inwoners', dict(intent='allocation', region=HAAGLANDEN, total=300)), ('zelfde, maar Wassenaar er niet bij', dict(intent='allocation', total=300, municipalities=["'s-Gravenhage", 'Voorschoten', 'Zoetermeer', 'Westland', 'Midden-Delfland', 'Leidschendam-Voorburg', 'Pijnacker-Nootdorp']))], id='followup-q030'),
    pytest.param([('verdeel 300 woningen over haaglanden naar inwoners, max 100 per gemeente', dict(intent='allocation', region=HAAGLANDEN, total=300, cap={'amount': 100})), ('en het totaal naar 350', dict(intent='allocation', region=HAAGLANDEN, total=350, cap={'amount': 100}))], id='followup-q031'),
    pytest.param([('Hoe zou een eerlijke verdeling van 150 woningen over Haaglanden eruitzien als we naar huishoudens kijken?', dict(intent='allocation', region=HAAGLANDEN, total=150, key={'huishoudens': 1}))], id='plain-r000'),
    pytest.param([('verdeel anderhalf miljoen euro over parkstad naar inwoners', dict(intent='allocation', region=PARKSTAD, total=1500000, unit='euro'))], id='numbers-r001'),
    pytest.param([('verdeel 2,5 ton over twente naar inwoners', dict(intent='allocation', region=ENSCHEDE, total=250000, unit='euro'))], id='numbers-r002'),
    pytest.param([('verdeel ruim 300 woningen over de MRA naar inwoners', dict(intent='allocation', region=MRA, total=300))], id='numbers-r003'),
    pytest.param([("verdeel zo'n 120 plekken over parkstad naar inwoners", dict(intent='allocation', region=PARKSTAD, total=120))], id='numbers-r004'),
    pytest.param([('verdeel 1 200 woningen over de MRA naar inwoners', dict(intent='allocation', region=MRA, total=1200))], id='numbers-r005'),
    pytest.param([('verdeel 300 woningen over haaglanden naar inwoners; niemand mag meer dan een derde krijgen', dict(intent='allocation', region=HAAGLANDEN, total=300, cap={'share': 0.3333333333333333}))], id='caps-r006'),
    pytest.param([('verdeel 300 woningen over haaglanden naar inwoners met een plafond van 25% van het totaal', dict(intent='allocation', region=HAAGLANDEN, total=300, cap={'share': 0.25}))], id='caps-r007'),
    pytest.param([('verdeel 300 woningen over haaglanden naar inwoners', dict(intent='allocation', region=HAAGLANDEN, total=300)), ('mag elke gemeente hooguit 90 krijgen?', dict(intent='allocation', region=HAAGLANDEN, total=300, cap={'amount': 90}))], id='caps-r008'),
    pytest.param([('verdeel 300 woningen over de MRA naar inwoners, elke gemeente krijgt in ieder geval 2', dict(intent='allocation', region=MRA, total=300, floor={'amount': 2}))], id='floors-r009'),
    pytest.param([('verdeel 300 woningen over de MRA naar inwoners met een bodem van 4 per gemeente', dict(intent='allocation', region=MRA, total=300, floor={'amount': 4}))], id='floors-r010'),
    pytest.param([('verdeel 60 plekken over de GMR naar inwoners, iedere gemeente er minstens één', dict(intent='allocation', region=GMR, total=60, floor={'amount': 1}))], id='floors-r011'),
    pytest.param([('verdeel 300 woningen over haaglanden naar inwoners. Zoetermeer heeft er al 20 staan.', dict(intent='allocation', region=HAAGLANDEN, total=300, existing={'Zoetermeer': 20}))], id='existing-r012'),
    pytest.param([('verdeel 300 woningen over haaglanden naar inwoners; in Westland staan er al 25', dict(intent='allocation', region=HAAGLANDEN, total=300, existing={'Westland': 25}))], id='existing-r013'),
    pytest.param([('verdeel 300 woningen over haaglanden naar inwoners. Al gerealiseerd: Wassenaar 10, Voorschoten 5.', dict(intent='allocation', region=HAAGLANDEN, total=300, existing={'Wassenaar': 10, 'Voorschoten': 5}))], id='existing-r014'),
    pytest.param([('verdeel 300 woningen over haaglanden naar inwoners', dict(intent='allocation', region=HAAGLANDEN, total=300)), ('houd er rekening mee dat Zoetermeer er al 40 heeft toegewezen', dict(intent='allocation', region=HAAGLANDEN, total=300, existing={'Zoetermeer': 40}))], id='existing-r015'),
    pytest.param([('verdeel 300 woningen over haaglanden naar inwoners in de komende 3 jaar', dict(intent='allocation', region=HAAGLANDEN, total=300, years=3))], id='years-r016'),
    pytest.param([('verdeel 300 woningen over haaglanden naar inwoners, verspreid over 2026 en 2027', dict(intent='allocation', region=HAAGLANDEN, total=300, years=2))], id='years-r017'),
    pytest.param([('verdeel 300 woningen over haaglanden naar inwoners', dict(intent='allocation', region=HAAGLANDEN, total=300)), ('en als we dat over een periode van vier jaar uitsmeren?', dict(intent='allocation', region=HAAGLANDEN, total=300, years=4))], id='years-r018'),
    pytest.param([('verdeel 300 woningen over haaglanden naar inwoners', dict(intent='allocation', region=HAAGLANDEN, total=300)), ('en wat als het aantal verdubbelt?', dict(intent='allocation', region=HAAGLANDEN, total=600))], id='whatif-r019'),
    pytest.param([('verdeel 300 woningen over haaglanden naar inwoners', dict(intent='allocation', region=HAAGLANDEN, total=300)), ('en als het de helft wordt?', dict(intent='allocation', region=HAAGLANDEN, total=150))], id='whatif-r020'),
    pytest.param([('verdeel 300 woningen over haaglanden naar inwoners', dict(intent='allocation', region=HAAGLANDEN, total=300)), ('wat als er 20 minder komen?', dict(intent='allocation', region=HAAGLANDEN, total=280))], id='whatif-r021'),
    pytest.param([('verdeel 300 woningen over haaglanden naar inwoners', dict(intent='allocation', region=HAAGLANDEN, total=300)), ('en als Voorschoten er niet meer bij hoort?', dict(intent='allocation', total=300, municipalities=["'s-Gravenhage", 'Wassenaar', 'Zoetermeer', 'Westland', 'Midden-Delfland', 'Leidschendam-Voorburg', 'Pijnacker-Nootdorp']))], id='whatif-r022'),
    pytest.param([('inwoners vs huishoudens voor Westland bij 300 woningen in haaglanden', dict(intent='comparison', region=HAAGLANDEN, total=300, compare_keys=['inwoners', 'huishoudens'], focus='Westland'))], id='comparison-r023'),
    pytest.param([('verdeel 300 woningen over haaglanden naar inwoners', dict(intent='allocation', region=HAAGLANDEN, total=300)), ('hoe verhoudt dat zich tot een verdeling naar woningvoorraad?', dict(intent='comparison', region=HAAGLANDEN, total=300, compare_keys=['inwoners', 'woningen']))], id='comparison-r024'),
    pytest.param([('Wat zijn flexwoningen? Ik moet er namelijk 80 over Parkstad verdelen naar inwoners.', dict(intent='allocation', region=PARKSTAD, total=80))], id='mixed-r025'),
    pytest.param([('Verdeel 300 woningen over haaglanden naar inwoners en leg kort uit wat Hamilton doet', dict(intent='allocation', region=HAAGLANDEN, total=300))], id='mixed-r026'),
    pytest.param([('verdeel 300 woningen over Haaglanden plus Delft naar inwoners', dict(intent='allocation', total=300, municipalities=["'s-Gravenhage", 'Voorschoten', 'Wassenaar', 'Zoetermeer', 'Westland', 'Midden-Delfland', 'Leidschendam-Voorburg', 'Pijnacker-Nootdorp', 'Delft']))], id='deadend-r027'),
    pytest.param([('verdeel 300 woningen over Utrecht en omstreken', dict(intent='clarify', total=300))], id='deadend-r028'),
    pytest.param([('verdeel 300 woningen over haaglanden naar inwoners', dict(intent='allocation', region=HAAGLANDEN, total=300)), ('en voor Pijnacker?', dict(intent='allocation', region=HAAGLANDEN, total=300, focus='Pijnacker-Nootdorp'))], id='followup-r029'),
    pytest.param([('verdeel 300 woningen over haaglanden naar inwoners', dict(intent='allocation', region=HAAGLANDEN, total=300)), ('doe maar 10% minder', dict(intent='allocation', region=HAAGLANDEN, total=270))], id='followup-r030'),
    pytest.param([('verdeel 300 woningen over haaglanden naar inwoners', dict(intent='allocation', region=HAAGLANDEN, total=300)), ('kun je de tabel ook per jaar geven, over 3 jaar?', dict(intent='allocation', region=HAAGLANDEN, total=300, years=3))], id='followup-r031'),
    pytest.param([('kan je 140 statushouders verdelen over de gemeenten in parkstad? naar inwonersaantal', dict(intent='allocation', region=PARKSTAD, total=140, key={'inwoners': 1}))], id='plain-s000'),
    pytest.param([('Opdracht: 260 woningen, gebied: Haaglanden, sleutel: huishoudens.', dict(intent='allocation', region=HAAGLANDEN, total=260, key={'huishoudens': 1}))], id='plain-s001'),
    pytest.param([('graag de verdeling van de 88 plekken voor de regio arnhem nijmegen op basis van het aantal inwoners', dict(intent='allocation', region=GMR, total=88, key={'inwoners': 1}))], id='plain-s002'),
    pytest.param([('verdeel 4 miljoen over de MRA naar inwoners', dict(intent='allocation', region=MRA, total=4000000, unit='euro'))], id='numbers-s003'),
    pytest.param([('verdeel €750k over twente naar inwoners', dict(intent='allocation', region=ENSCHEDE, total=750000, unit='euro'))], id='numbers-s004'),
    pytest.param([('verdeel honderdtwintig plekken over parkstad naar woningvoorraad', dict(intent='allocation', region=PARKSTAD, total=120, key={'woningen': 1}))], id='numbers-s005'),
    pytest.param([('verdeel 400 woningen over de GMR naar inwoners, geen enkele gemeente boven 20 procent', dict(intent='allocation', region=GMR, total=400, cap={'share': 0.2}))], id='caps-s006'),
    pytest.param([('verdeel 400 woningen over de GMR naar inwoners', dict(intent='allocation', region=GMR, total=400)), ('Nijmegen en Arnhem krijgen te veel; zet een max van 80 per gemeente', dict(intent='allocation', region=GMR, total=400, cap={'amount': 80}))], id='caps-s007'),
    pytest.param([('Verdeel 200 woningen over Parkstad naar inwoners. Bovengrens per gemeente: 50.', dict(intent='allocation', region=PARKSTAD, total=200, cap={'amount': 50}))], id='caps-s008'),
    pytest.param([('Verdeel 200 woningen over Parkstad naar inwoners. Ondergrens per gemeente: 10.', dict(intent='allocation', region=PARKSTAD, total=200, floor={'amount': 10}))], id='floors-s009'),
    pytest.param([('verdeel 400 woningen over de GMR naar inwoners', dict(intent='allocation', region=GMR, total=400)), ('en met een minimum van 5 voor de kleine gemeenten?', dict(intent='allocation', region=GMR, total=400, floor={'amount': 5}))], id='floors-s010'),
    pytest.param([('Verdeel 400 woningen over de GMR naar inwoners en trek af wat Arnhem al gebouwd heeft: 50', dict(intent='allocation', region=GMR, total=400, existing={'Arnhem': 50}))], id='existing-s011'),
    pytest.param([('verdeel 400 woningen over de GMR naar inwoners', dict(intent='allocation', region=GMR, total=400)), ('Nijmegen 30 en Arnhem 25 zijn al klaar', dict(intent='allocation', region=GMR, total=400, existing={'Nijmegen': 30, 'Arnhem': 25}))], id='existing-s012'),
    pytest.param([('verdeel 400 woningen over de GMR naar inwoners', dict(intent='allocation', region=GMR, total=400)), ('reken zonder wat al gedaan is', dict(intent='allocation', region=GMR, total=400))], id='existing-s013'),
    pytest.param([('verdeel 400 woningen over de GMR naar inwoners, we doen er 4 jaar over', dict(intent='allocation', region=GMR, total=400, years=4))], id='years-s014'),
    pytest.param([('verdeel 100 woningen per jaar over de GMR naar inwoners, voor 3 jaar', dict(intent='allocation', region=GMR, total=300, years=3))], id='years-s015'),
    pytest.param([('verdeel 400 woningen over de GMR naar inwoners', dict(intent='allocation', region=GMR, total=400)), ('per jaar graag, looptijd 2025 t/m 2028', dict(intent='allocation', region=GMR, total=400, years=4))], id='years-s016'),
    pytest.param([('verdeel 400 woningen over de GMR naar inwoners', dict(intent='allocation', region=GMR, total=400)), ('en als Renkum en Rozendaal niet meedoen?', dict(intent='allocation', total=400))], id='whatif-s017'),
    pytest.param([('verdeel 400 woningen over de GMR naar inwoners', dict(intent='allocation', region=GMR, total=400)), ('wat als we naar woningvoorraad kijken in plaats van inwoners?', dict(intent='allocation', region=GMR, total=400, key={'woningen': 1}))], id='whatif-s018'),
    pytest.param([('verdeel 400 woningen over de GMR naar inwoners', dict(intent='allocation', region=GMR, total=400)), ('stel het worden er 500, wat krijgt Wijchen dan?', dict(intent='allocation', region=GMR, total=500, focus='Wijchen'))], id='whatif-s019'),
    pytest.param([('verdeel 400 woningen over de GMR naar inwoners', dict(intent='allocation', region=GMR, total=400)), ('vergelijk dat eens met een verdeling naar huishoudens', dict(intent='comparison', region=GMR, total=400, compare_keys=['inwoners', 'huishoudens']))], id='comparison-s020'),
    pytest.param([('Wat levert Overbetuwe op bij inwoners en wat bij woningvoorraad, als de GMR 400 woningen verdeelt?', dict(intent='comparison', region=GMR, total=400, compare_keys=['inwoners', 'woningen'], focus='Overbetuwe'))], id='comparison-s021'),
    pytest.param([('Goedemorgen, ik ben beleidsmedewerker wonen in Kerkrade (3 dagen per week). Verdeel 150 woningen over Parkstad naar inwoners.', dict(intent='allocation', region=PARKSTAD, total=150))], id='mixed-s022'),
    pytest.param([('Hoe lang duurt een taakstelling? En verdeel 90 statushouders over Twente naar inwoners.', dict(intent='allocation', region=ENSCHEDE, total=90))], id='mixed-s023'),
    pytest.param([('verdeel 300 woningen over de Achterhoek naar inwoners', dict(intent='clarify', total=300, must_mention=['Achterhoek']))], id='deadend-s024'),
    pytest.param([('verdeel 400 woningen over de GMR naar inwoners', dict(intent='allocation', region=GMR, total=400)), ('wat krijgt Ede?', dict(intent='clarify', must_mention=['Ede']))], id='deadend-s025'),
    pytest.param([('verdeel 400 woningen over de GMR naar inwoners', dict(intent='allocation', region=GMR, total=400)), ('zelfde verdeling maar met 20 procent minder woningen', dict(intent='allocation', region=GMR, total=320))], id='followup-s026'),
    pytest.param([('verdeel 400 woningen over de GMR naar inwoners', dict(intent='allocation', region=GMR, total=400)), ('en Beuningen?', dict(intent='allocation', region=GMR, total=400, focus='Beuningen'))], id='followup-s027'),
    pytest.param([('verdeel 400 woningen over de GMR naar inwoners', dict(intent='allocation', region=GMR, total=400)), ('hoeveel is dat per jaar als het over 2 jaar gaat?', dict(intent='allocation', region=GMR, total=400, years=2))], id='followup-s028'),
    pytest.param([('groningen prov 210 woningen huishoudens', dict(intent='allocation', region=GRONINGEN, total=210, key={'huishoudens': 1}))], id='plain-u000'),
    pytest.param([('twente 64 plekken beschermd wonen, verdeel op inwoners', dict(intent='allocation', region=ENSCHEDE, total=64, key={'inwoners': 1}))], id='plain-u001'),
    pytest.param([('alleen Heerlen en Kerkrade: 50 woningen naar inwoners', dict(intent='allocation', municipalities=['Heerlen', 'Kerkrade'], total=50, key={'inwoners': 1}))], id='own_group-u002'),
    pytest.param([('Zaanstad, Purmerend en Edam-Volendam, 75 statushouders', dict(intent='allocation', municipalities=['Zaanstad', 'Purmerend', 'Edam-Volendam'], total=75))], id='own_group-u003'),
    pytest.param([('mra 2k woningen naar inwoners', dict(intent='allocation', region=MRA, total=2000))], id='numbers-u004'),
    pytest.param([('haaglanden 1,2 mln euro naar huishoudens', dict(intent='allocation', region=HAAGLANDEN, total=1200000, unit='euro', key={'huishoudens': 1}))], id='numbers-u005'),
    pytest.param([('parkstad 100 statushouders, niemand meer dan 30', dict(intent='allocation', region=PARKSTAD, total=100, cap={'amount': 30}))], id='caps-u006'),
    pytest.param([('twente 150 woningen naar inwoners', dict(intent='allocation', region=ENSCHEDE, total=150)), ('cap op 50', dict(intent='allocation', region=ENSCHEDE, total=150, cap={'amount': 50})), ('toch maar zonder cap', dict(intent='allocation', region=ENSCHEDE, total=150))], id='caps-u007'),
    pytest.param([('gmr 90 plekken, ieder minimaal 2', dict(intent='allocation', region=GMR, total=90, floor={'amount': 2}))], id='floors-u008'),
    pytest.param([('haaglanden 80 flexwoningen naar inwoners', dict(intent='allocation', region=HAAGLANDEN, total=80)), ('min 5 p/gem', dict(intent='allocation', region=HAAGLANDEN, total=80, floor={'amount': 5}))], id='floors-u009'),
    pytest.param([('haaglanden 300 statushouders, zoetermeer zit al op 40 en westland op 20', dict(intent='allocation', region=HAAGLANDEN, total=300, existing={'Zoetermeer': 40, 'Westland': 20}))], id='existing-u010'),
    pytest.param([('mra 600 woningen naar inwoners', dict(intent='allocation', region=MRA, total=600)), ('almere heeft er al 80', dict(intent='allocation', region=MRA, total=600, existing={'Almere': 80})), ('en haarlem 30', dict(intent='allocation', region=MRA, total=600, existing={'Almere': 80, 'Haarlem': 30}))], id='existing-u011'),
    pytest.param([('parkstad 240 woningen naar inwoners over 4 jr', dict(intent='allocation', region=PARKSTAD, total=240, years=4))], id='years-u012'),
    pytest.param([('twente 150 woningen naar inwoners', dict(intent='allocation', region=ENSCHEDE, total=150)), ('verspreid over 2025-2027', dict(intent='allocation', region=ENSCHEDE, total=150, years=3))], id='years-u013'),
    pytest.param([('gmr 300 woningen naar inwoners', dict(intent='allocation', region=GMR, total=300)), ('en als het er 250 zijn', dict(intent='allocation', region=GMR, total=250)), ('en dan naar huishoudens', dict(intent='allocation', region=GMR, total=250, key={'huishoudens': 1}))], id='whatif-u014'),
    pytest.param([('haaglanden 200 woningen', dict(intent='allocation', region=HAAGLANDEN, total=200)), ('zelfde maar dan over de mra', dict(intent='allocation', region=MRA, total=200))], id='whatif-u015'),
    pytest.param([('parkstad 120 woningen inwoners of huishoudens, wat is beter voor brunssum', dict(intent='comparison', region=PARKSTAD, total=120, compare_keys=['inwoners', 'huishoudens'], focus='Brunssum'))], id='comparison-u016'),
    pytest.param([('haaglanden 400 woningen, inwoners tov woningvoorraad', dict(intent='comparison', region=HAAGLANDEN, total=400, compare_keys=['inwoners', 'woningen']))], id='comparison-u017'),
    pytest.param([('mra 500 woningen naar inwoners. hoe actueel zijn de cbs cijfers eigenlijk?', dict(intent='allocation', region=MRA, total=500))], id='mixed-u018'),
    pytest.param([('voor de stuurgroep van 3 april: twente 120 plekken naar huishoudens, ik heb 10 minuten', dict(intent='allocation', region=ENSCHEDE, total=120, key={'huishoudens': 1}))], id='mixed-u019'),
    pytest.param([('verdeel 60 woningen over Heerlen, Kerkrade en Amsterdam-Noord', dict(intent='clarify', total=60, must_mention=['Amsterdam-Noord']))], id='deadend-u020'),
    pytest.param([('groningen 100 woningen, wat krijgt assen', dict(intent='clarify', total=100, must_mention=['Assen']))], id='deadend-u021'),
    pytest.param([('gmr 200 statushouders naar inwoners', dict(intent='allocation', region=GMR, total=200)), ('en nijmegen?', dict(intent='allocation', region=GMR, total=200, focus='Nijmegen')), ('en arnhem', dict(intent='allocation', region=GMR, total=200, focus='Arnhem'))], id='followup-u022'),
    pytest.param([('twente 100 woningen', dict(intent='allocation', region=ENSCHEDE, total=100)), ("met d'hondt graag", dict(intent='allocation', region=ENSCHEDE, total=100)), ('en nu 120', dict(intent='allocation', region=ENSCHEDE, total=120))], id='followup-u023'),
    pytest.param([('Hoeveel zou Oldenzaal krijgen bij 200 plekken in de regio?', dict(intent='allocation', region=ENSCHEDE, total=200, focus='Oldenzaal'))], id='plain-v000'),
    pytest.param([('Mijn wethouder wil weten: als Haaglanden 350 woningen naar rato van inwoners verdeelt, wat is dan het deel van Wassenaar?', dict(intent='allocation', region=HAAGLANDEN, total=350, focus='Wassenaar', key={'inwoners': 1}))], id='plain-v001'),
    pytest.param([('verdeel 50 woningen per jaar over parkstad naar inwoners, drie jaar lang', dict(intent='allocation', region=PARKSTAD, total=150, years=3))], id='numbers-v002'),
    pytest.param([('Verdeel EUR 600.000,- over de provincie Groningen naar inwoners', dict(intent='allocation', region=GRONINGEN, total=600000, unit='euro'))], id='numbers-v003'),
    pytest.param([('Verdeel 900.000 euro over Haaglanden naar inwoners; per gemeente maximaal €300k', dict(intent='allocation', region=HAAGLANDEN, total=900000, cap={'amount': 300000}))], id='caps-v004'),
    pytest.param([('verdeel 400 woningen over de MRA naar inwoners', dict(intent='allocation', region=MRA, total=400)), ('Amsterdam krijgt te veel, kan het maximum op 100 per gemeente?', dict(intent='allocation', region=MRA, total=400, cap={'amount': 100}))], id='caps-v005'),
    pytest.param([('Verdeel 900.000 euro over Haaglanden naar inwoners; per gemeente minimaal €20k', dict(intent='allocation', region=HAAGLANDEN, total=900000, floor={'amount': 20000}))], id='floors-v006'),
    pytest.param([('verdeel 45 plekken over twente naar inwoners, zodat elke gemeente er minstens 3 krijgt', dict(intent='allocation', region=ENSCHEDE, total=45, floor={'amount': 3}))], id='floors-v007'),
    pytest.param([('In de MRA verdelen we 500 woningen naar inwoners. Let op: Zaanstad heeft al 40 woningen geleverd en Haarlemmermeer 25.', dict(intent='allocation', region=MRA, total=500, existing={'Zaanstad': 40, 'Haarlemmermeer': 25}))], id='existing-v008'),
    pytest.param([('verdeel 100 plekken over parkstad naar inwoners, waarbij de 12 die Heerlen al heeft gerealiseerd meetellen', dict(intent='allocation', region=PARKSTAD, total=100, existing={'Heerlen': 12}))], id='existing-v009'),
    pytest.param([('verdeel 600 woningen over de MRA naar inwoners tussen 2026 en 2030', dict(intent='allocation', region=MRA, total=600, years=5))], id='years-v010'),
    pytest.param([('verdeel 600 woningen over de MRA naar inwoners', dict(intent='allocation', region=MRA, total=600)), ('en wat is dat per jaar bij een looptijd van 3 jaar?', dict(intent='allocation', region=MRA, total=600, years=3))], id='years-v011'),
    pytest.param([('verdeel 600 woningen over de MRA naar inwoners', dict(intent='allocation', region=MRA, total=600)), ('en als Almere en Lelystad niet meetellen?', dict(intent='allocation', total=600))], id='whatif-v012'),
    pytest.param([('verdeel 100 woningen over parkstad naar inwoners, Heerlen heeft al 20', dict(intent='allocation', region=PARKSTAD, total=100, existing={'Heerlen': 20})), ('en als Heerlen er al 30 heeft?', dict(intent='allocation', region=PARKSTAD, total=100, existing={'Heerlen': 30}))], id='whatif-v013'),
    pytest.param([('Zet de verdeling van 240 woningen over Twente naar inwoners eens naast die naar huishoudens', dict(intent='comparison', region=ENSCHEDE, total=240, compare_keys=['inwoners', 'huishoudens']))], id='comparison-v014'),
    pytest.param([('verdeel 240 woningen over twente naar inwoners', dict(intent='allocation', region=ENSCHEDE, total=240)), ('Maakt het voor Losser uit als we huishoudens nemen?', dict(intent='comparison', region=ENSCHEDE, total=240, compare_keys=['inwoners', 'huishoudens'], focus='Losser'))], id='comparison-v015'),
    pytest.param([('Verdeel 200 woningen over Parkstad naar inwoners en vertel wat de Huisvestingswet over urgentie zegt', dict(intent='allocation', region=PARKSTAD, total=200))], id='mixed-v016'),
    pytest.param([('Onze gemeente (Brunssum, 27.000 inwoners) wil weten wat ze krijgt als Parkstad 180 woningen verdeelt', dict(intent='allocation', region=PARKSTAD, total=180, focus='Brunssum'))], id='mixed-v017'),
    pytest.param([('verdeel 200 woningen over Parkstad, maar zonder Maastricht', dict(intent='allocation', region=PARKSTAD, total=200))], id='deadend-v018'),
    pytest.param([('verdeel 100 woningen over regio Rivierenland naar inwoners', dict(intent='clarify', total=100, must_mention=['Rivierenland']))], id='deadend-v019'),
    pytest.param([('verdeel 200 woningen over parkstad naar inwoners', dict(intent='allocation', region=PARKSTAD, total=200)), ('en met een plafond van 30%?', dict(intent='allocation', region=PARKSTAD, total=200, cap={'share': 0.3})), ('en dan ook nog minimaal 10 per gemeente', dict(intent='allocation', region=PARKSTAD, total=200, cap={'share': 0.3}, floor={'amount': 10}))], id='followup-v020'),
    pytest.param([('verdeel 200 woningen over parkstad naar inwoners', dict(intent='allocation', region=PARKSTAD, total=200)), ('kan ik ook de exacte quota zien voor Simpelveld?', dict(intent='allocation', region=PARKSTAD, total=200, focus='Simpelveld'))], id='followup-v021'),
    pytest.param([('Wie moet hoeveel doen als we 300 woningen over Twente verdelen naar huishoudens?', dict(intent='allocation', region=ENSCHEDE, total=300, key={'huishoudens': 1}))], id='plain-w000'),
    pytest.param([('Ik heb 75 plekken voor Parkstad. Hoe verdeel ik die eerlijk naar inwoners?', dict(intent='allocation', region=PARKSTAD, total=75, key={'inwoners': 1}))], id='plain-w001'),
    pytest.param([('Voor Tiel, Culemborg en Buren: 40 woningen naar inwoners', dict(intent='allocation', municipalities=['Tiel', 'Culemborg', 'Buren'], total=40))], id='own_group-w002'),
    pytest.param([('de drie gemeenten Renkum, Wageningen en Ede willen 54 plekken verdelen naar inwoners', dict(intent='allocation', municipalities=['Renkum', 'Wageningen', 'Ede'], total=54))], id='own_group-w003'),
    pytest.param([('verdeel twee miljoen euro over de GMR naar inwoners', dict(intent='allocation', region=GMR, total=2000000, unit='euro'))], id='numbers-w004'),
    pytest.param([('verdeel € 2.000.000,00 over haaglanden naar inwoners', dict(intent='allocation', region=HAAGLANDEN, total=2000000, unit='euro'))], id='numbers-w005'),
    pytest.param([('verdeel 1,75 miljoen euro over twente naar inwoners', dict(intent='allocation', region=ENSCHEDE, total=1750000, unit='euro'))], id='numbers-w006'),
    pytest.param([('verdeel 500 woningen over de MRA naar inwoners, maximaal een vijfde per gemeente', dict(intent='allocation', region=MRA, total=500, cap={'share': 0.2}))], id='caps-w007'),
    pytest.param([('verdeel 500 woningen over de MRA naar inwoners, niet meer dan 15% van het totaal voor één gemeente', dict(intent='allocation', region=MRA, total=500, cap={'share': 0.15}))], id='caps-w008'),
    pytest.param([('verdeel 2 miljoen euro over de GMR naar inwoners, ten minste 10.000 euro per gemeente', dict(intent='allocation', region=GMR, total=2000000, floor={'amount': 10000}))], id='floors-w009'),
    pytest.param([('verdeel 200 statushouders over de GMR naar inwoners. Arnhem heeft in 2025 al 15 statushouders gehuisvest.', dict(intent='allocation', region=GMR, total=200, existing={'Arnhem': 15}))], id='existing-w010'),
    pytest.param([('verdeel 200 statushouders over de GMR naar inwoners. Nijmegen: 20 (al gehuisvest).', dict(intent='allocation', region=GMR, total=200, existing={'Nijmegen': 20}))], id='existing-w011'),
    pytest.param([('verdeel 200 woningen over parkstad naar inwoners over twee begrotingsjaren', dict(intent='allocation', region=PARKSTAD, total=200, years=2))], id='years-w012'),
    pytest.param([('verdeel 200 woningen over parkstad naar inwoners', dict(intent='allocation', region=PARKSTAD, total=200)), ('en als we het anders doen: huishoudens?', dict(intent='allocation', region=PARKSTAD, total=200, key={'huishoudens': 1}))], id='whatif-w013'),
    pytest.param([('verdeel 200 woningen over parkstad naar inwoners', dict(intent='allocation', region=PARKSTAD, total=200)), ('wat als Voerendaal er al 15 heeft gebouwd?', dict(intent='allocation', region=PARKSTAD, total=200, existing={'Voerendaal': 15}))], id='whatif-w014'),
    pytest.param([('verdeel 200 woningen over twente naar inwoners', dict(intent='allocation', region=ENSCHEDE, total=200)), ('inwoners óf huishoudens: wat scheelt dat voor Losser?', dict(intent='comparison', region=ENSCHEDE, total=200, compare_keys=['inwoners', 'huishoudens'], focus='Losser'))], id='comparison-w015'),
    pytest.param([('verdeel 200 woningen over twente naar inwoners', dict(intent='allocation', region=ENSCHEDE, total=200)), ('dank! en voor Haaglanden hetzelfde?', dict(intent='allocation', region=HAAGLANDEN, total=200))], id='mixed-w016'),
    pytest.param([('verdeel 300 woningen over de provincie Utrecht naar inwoners', dict(intent='clarify', total=300, must_mention=['Utrecht']))], id='deadend-w017'),
    pytest.param([('verdeel 300 woningen over Twente en Delft', dict(intent='clarify', total=300, must_mention=['Delft']))], id='deadend-w018'),
    pytest.param([('verdeel 200 woningen over twente naar inwoners', dict(intent='allocation', region=ENSCHEDE, total=200)), ("rond af met D'Hondt", dict(intent='allocation', region=ENSCHEDE, total=200))], id='followup-w019'),
    pytest.param([('verdeel 480 statushouders over haaglanden naar inwoners, Den Haag heeft er al 40 gehuisvest', dict(intent='allocation', region=HAAGLANDEN, total=480, existing={"'s-Gravenhage": 40})), ('en zonder die 40 van Den Haag?', dict(intent='allocation', region=HAAGLANDEN, total=480))], id='existing-x000'),
    pytest.param([('verdeel 480 statushouders over haaglanden naar inwoners, Den Haag heeft er al 40 gehuisvest', dict(intent='allocation', region=HAAGLANDEN, total=480, existing={"'s-Gravenhage": 40})), ('Den Haag zit inmiddels op 55', dict(intent='allocation', region=HAAGLANDEN, total=480, existing={"'s-Gravenhage": 55}))], id='existing-x001'),
    pytest.param([('verdeel 480 statushouders over haaglanden naar inwoners, Den Haag heeft er al 40 gehuisvest', dict(intent='allocation', region=HAAGLANDEN, total=480, existing={"'s-Gravenhage": 40})), ('en als Zoetermeer er ook al 20 heeft?', dict(intent='allocation', region=HAAGLANDEN, total=480, existing={"'s-Gravenhage": 40, 'Zoetermeer': 20}))], id='whatif-x002'),
    pytest.param([('verdeel 480 statushouders over haaglanden naar inwoners, Den Haag heeft er al 40 gehuisvest', dict(intent='allocation', region=HAAGLANDEN, total=480, existing={"'s-Gravenhage": 40})), ('wat als we de bestaande inzet vergeten?', dict(intent='allocation', region=HAAGLANDEN, total=480))], id='whatif-x003'),
    pytest.param([('verdeel 480 statushouders over haaglanden naar inwoners, Den Haag heeft er al 40 gehuisvest', dict(intent='allocation', region=HAAGLANDEN, total=480, existing={"'s-Gravenhage": 40})), ('en maximaal 150 per gemeente', dict(intent='allocation', region=HAAGLANDEN, total=480, existing={"'s-Gravenhage": 40}, cap={'amount': 150}))], id='followup-x004'),
    pytest.param([('verdeel 480 statushouders over haaglanden naar inwoners, Den Haag heeft er al 40 gehuisvest', dict(intent='allocation', region=HAAGLANDEN, total=480, existing={"'s-Gravenhage": 40})), ('verspreid over 2 jaar', dict(intent='allocation', region=HAAGLANDEN, total=480, existing={"'s-Gravenhage": 40}, years=2))], id='followup-x005'),
    pytest.param([('verdeel 100 plekken over parkstad, 60% inwoners en 40% huishoudens', dict(intent='allocation', region=PARKSTAD, total=100, key={'inwoners': 0.6, 'huishoudens': 0.4})), ('en 50/50?', dict(intent='allocation', region=PARKSTAD, total=100, key={'inwoners': 0.5, 'huishoudens': 0.5}))], id='followup-x006'),
    pytest.param([('verdeel 100 plekken over parkstad', dict(intent='allocation', region=PARKSTAD, total=100)), ('nee, 120', dict(intent='allocation', region=PARKSTAD, total=120))], id='numbers-x007'),
    pytest.param([('verdeel 100 plekken over parkstad', dict(intent='allocation', region=PARKSTAD, total=100)), ('sorry, ik bedoelde 110 plekken', dict(intent='allocation', region=PARKSTAD, total=110))], id='numbers-x008'),
    pytest.param([('Eerlijke verdeling gevraagd: 330 woningen, Groene Metropoolregio Arnhem-Nijmegen, naar huishoudens.', dict(intent='allocation', region=GMR, total=330, key={'huishoudens': 1}))], id='plain-x009'),
    pytest.param([('Wat houdt de Wet versterking regie volkshuisvesting in voor gemeenten?', dict(intent='knowledge'))], id='mixed-y000'),
    pytest.param([('Hoeveel statushouders heeft Parkstad vorig jaar gehuisvest?', dict(intent='knowledge'))], id='mixed-y001'),
    pytest.param([('verdeel 200 woningen over parkstad naar inwoners', dict(intent='allocation', region=PARKSTAD, total=200)), ('welke peildatum hebben die inwonertallen?', dict(intent='knowledge'))], id='mixed-y002'),
    pytest.param([('verdeel 200 woningen over parkstad naar inwoners', dict(intent='allocation', region=PARKSTAD, total=200)), ('waarom krijgt Heerlen er zoveel?', dict(intent='knowledge'))], id='mixed-y003'),
    pytest.param([('verdeel 200 woningen', dict(intent='clarify', total=200))], id='deadend-y004'),
    pytest.param([('verdeel over parkstad', dict(intent='clarify', region=PARKSTAD))], id='deadend-y005'),
    pytest.param([('Twente en Parkstad samen 300 woningen', dict(intent='clarify', total=300))], id='deadend-y006'),
    pytest.param([('verdeel 200 woningen over parkstad naar inwoners', dict(intent='allocation', region=PARKSTAD, total=200)), ('ok, en nu hetzelfde voor 2027 met 180 woningen', dict(intent='allocation', region=PARKSTAD, total=180))], id='followup-y007'),
    pytest.param([('verdeel 200 woningen over parkstad naar inwoners', dict(intent='allocation', region=PARKSTAD, total=200)), ('klopt het dat Simpelveld maar 8 krijgt?', dict(intent='knowledge'))], id='followup-y008'),
    pytest.param([('Per gemeente graag: 120 statushouders binnen de provincie Groningen, naar inwonertal.', dict(intent='allocation', region=GRONINGEN, total=120, key={'inwoners': 1}))], id='plain-y009'),
    pytest.param([('Hoe ziet de verdeling eruit van 60 woonwagenstandplaatsen over Haaglanden op basis van inwoners?', dict(intent='allocation', region=HAAGLANDEN, total=60, key={'inwoners': 1}))], id='plain-z000'),
    pytest.param([('Wat is het eerlijke aandeel van Leidschendam-Voorburg als we 500 woningen over Haaglanden verdelen?', dict(intent='allocation', region=HAAGLANDEN, total=500, focus='Leidschendam-Voorburg'))], id='plain-z001'),
    pytest.param([('We zijn met Lelystad, Almere en Zeewolde en hebben 90 plekken. Naar inwoners graag.', dict(intent='allocation', municipalities=['Lelystad', 'Almere', 'Zeewolde'], total=90))], id='own_group-z002'),
    pytest.param([('Verdeel 1.234 woningen over de MRA naar inwoners', dict(intent='allocation', region=MRA, total=1234))], id='numbers-z003'),
    pytest.param([('Verdeel ca. 400 woningen over Twente naar inwoners', dict(intent='allocation', region=ENSCHEDE, total=400))], id='numbers-z004'),
    pytest.param([('Verdeel 400 woningen over Twente naar inwoners. Geen enkele gemeente mag meer dan 40% van de woningen krijgen.', dict(intent='allocation', region=ENSCHEDE, total=400, cap={'share': 0.4}))], id='caps-z005'),
    pytest.param([('Verdeel 400 woningen over Twente naar inwoners, met per gemeente een minimum van 10 woningen', dict(intent='allocation', region=ENSCHEDE, total=400, floor={'amount': 10}))], id='floors-z006'),
    pytest.param([('Verdeel 400 woningen over Twente naar inwoners. Enschede heeft hier al 60 van opgeleverd.', dict(intent='allocation', region=ENSCHEDE, total=400, existing={'Enschede': 60}))], id='existing-z007'),
    pytest.param([('Verdeel 400 woningen over Twente naar inwoners, met aftrek van wat Hengelo al deed: 35.', dict(intent='allocation', region=ENSCHEDE, total=400, existing={'Hengelo': 35}))], id='existing-z008'),
    pytest.param([('Verdeel 400 woningen over Twente naar inwoners voor de jaren 2026, 2027 en 2028', dict(intent='allocation', region=ENSCHEDE, total=400, years=3))], id='years-z009'),
    pytest.param([('Verdeel 400 woningen over Twente naar inwoners', dict(intent='allocation', region=ENSCHEDE, total=400)), ('Stel dat Losser afhaakt, wat dan?', dict(intent='allocation', total=400))], id='whatif-z010'),
    pytest.param([('Verdeel 400 woningen over Twente naar inwoners', dict(intent='allocation', region=ENSCHEDE, total=400)), ('Geef ook de verdeling naar huishoudens, naast elkaar', dict(intent='comparison', region=ENSCHEDE, total=400, compare_keys=['inwoners', 'huishoudens']))], id='comparison-z011'),
    pytest.param([('Hoeveel woningen krijgt Zeist als we 400 woningen in Twente verdelen?', dict(intent='clarify', total=400, must_mention=['Zeist']))], id='deadend-z012'),
    pytest.param([('Verdeel 400 woningen over Twente naar inwoners', dict(intent='allocation', region=ENSCHEDE, total=400)), ('En wat betekent dat voor Borne?', dict(intent='allocation', region=ENSCHEDE, total=400, focus='Borne'))], id='followup-z013'),
]


@pytest.mark.parametrize("turns", CONVERSATIONS)
def test_own_words_conversation(turns: list[tuple[str, dict[str, Any]]]) -> None:
    conv = offline_conversation()
    for say, expect in turns:
        reply = conv.ask(say)
        assert not _wrong(reply, expect), (say, _wrong(reply, expect), reply.answer[:600])


# --- the rules behind them, on the parser -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Wij verzoeken u bij het verdelen van 2 miljoen euro over Parkstad uit te gaan van het aantal huishoudens.", "huishoudens"),
        ("Bij de verdeling van 400.000 euro over Twente wordt uitgegaan van de woningvoorraad.", "woningen"),
        ("Het college stelt voor 1 miljoen euro over de GMR te verdelen met het inwonertal als grondslag.", "inwoners"),
        ("Verdeel 3 ton over Haaglanden. Maatstaf: huishoudens.", "huishoudens"),
        ("Graag 900.000 euro over de MRA verdelen; het inwonertal is leidend.", "inwoners"),
    ],
)
def test_a_key_in_a_formal_phrase_is_read_without_a_count_total(text: str, key: str) -> None:
    msg = parse_message(text)
    assert msg.unit == "euro" and msg.key.weights == {key: 1.0}


@pytest.mark.parametrize(
    ("text", "existing"),
    [
        ("Verdeel 60 plekken over Twente. Hengelo biedt er al 9 aan, Borne 4.", {"Hengelo": 9, "Borne": 4}),
        ("Verdeel 60 plekken over Parkstad. Heerlen vangt er al 10 op, Kerkrade 5 en Landgraaf 2.", {"Heerlen": 10, "Kerkrade": 5, "Landgraaf": 2}),
        ("Verdeel 60 plekken over Parkstad; Heerlen heeft al 10 gerealiseerd, Kerkrade 5", {"Heerlen": 10, "Kerkrade": 5}),
    ],
)
def test_existing_effort_listed_after_one_verb(text: str, existing: dict[str, int]) -> None:
    msg = parse_message(text)
    assert msg.existing == existing and msg.total == 60 and not msg.unaccounted


def test_a_later_number_that_only_has_a_limit_word_is_not_existing_effort() -> None:
    msg = parse_message("Verdeel 60 plekken over Parkstad; Heerlen heeft al 10 gerealiseerd, Kerkrade hooguit 5")
    assert msg.existing == {"Heerlen": 10}


@pytest.mark.parametrize(("typed", "known"), [("Bussum", "Brunssum"), ("Naarden", "Baarn")])
def test_a_name_two_slips_from_a_short_municipality_is_asked_about_not_read_as_it(typed: str, known: str) -> None:
    assert edits(typed.lower(), known.lower()) >= 2
    msg = parse_message(f"verdeel 100 woningen over {typed}, Hilversum en Huizen")
    assert known not in msg.municipalities and typed in msg.unknown_places
    reply = offline_conversation().ask(f"verdeel 100 woningen over {typed}, Hilversum en Huizen")
    assert reply.intent == "clarify" and typed in reply.answer and reply.result is None


@pytest.mark.parametrize(("typed", "meant"), [("Zoetermer", "Zoetermeer"), ("Hengleo", "Hengelo"), ("Kerkrde", "Kerkrade")])
def test_one_slip_in_a_name_is_still_that_municipality(typed: str, meant: str) -> None:
    mentions = [m for m in default_index().find(parse_message(f"verdeel 10 woningen over {typed} en Delft").tokens) if m.municipality]
    assert mentions[0].municipality is not None and mentions[0].municipality.name == meant


@pytest.mark.parametrize(
    ("text", "total"),
    [
        ("Regio Haaglanden. De taakstelling van statushouders is 130. Verdeel naar inwoners.", 130),
        ("Parkstad: de opgave bedraagt 240, verdeel naar inwoners", 240),
        ("In Twente ligt de opgave op 75, naar huishoudens graag", 75),
        ("het aantal te verdelen plekken is 44 in de GMR", 44),
    ],
)
def test_a_number_a_copula_ties_to_the_task_is_the_total(text: str, total: int) -> None:
    msg = parse_message(text)
    assert msg.total == total and not msg.unaccounted


def test_a_count_of_inhabitants_with_a_copula_is_no_task() -> None:
    assert parse_message("het aantal inwoners van Heerlen is 86000").total is None


def test_a_copula_total_as_a_follow_up_changes_the_total_and_says_so() -> None:
    conv = offline_conversation()
    conv.ask("verdeel 200 statushouders over Haaglanden naar inwoners")
    reply = conv.ask("de taakstelling is inmiddels 230")
    assert reply.intent == "allocation" and reply.request is not None and reply.request.total == 230
    assert "230" in reply.answer and "200" in reply.answer


@pytest.mark.parametrize(
    ("text", "weights"),
    [
        ("verdeel 100 woningen over Parkstad, 60 inwoners en 40 woningvoorraad", {"inwoners": 0.6, "woningen": 0.4}),
        ("verdeel 100 woningen over Parkstad, 25 woningvoorraad en 75 inwoners", {"woningen": 0.25, "inwoners": 0.75}),
    ],
)
def test_small_numbers_before_uncounted_indicators_are_weights(text: str, weights: dict[str, float]) -> None:
    msg = parse_message(text)
    assert msg.key.weights == weights and msg.total == 100 and not msg.unaccounted


def test_a_dash_between_spaces_is_no_minus_sign_but_a_glued_one_is() -> None:
    assert parse_message("haaglanden - 40 plekken - huishoudens").total == 40
    assert parse_message("verdeel -40 plekken over haaglanden").total_problem is not None


@pytest.mark.parametrize(
    ("follow_up", "total"),
    [("en als het totaal verdubbelt?", 400), ("wat als het aantal gehalveerd wordt?", 100), ("doe eens 5% meer", 210), ("en met 25% minder?", 150)],
)
def test_a_factor_on_the_last_total_changes_it_and_says_so(follow_up: str, total: int) -> None:
    conv = offline_conversation()
    conv.ask("verdeel 200 woningen over Parkstad naar inwoners")
    reply = conv.ask(follow_up)
    assert reply.intent == "allocation" and reply.request is not None and reply.request.total == total
    assert reply.request.cap_share is None and reply.request.floor_share is None and "200" in reply.answer


def test_a_factor_that_leaves_a_fraction_of_a_home_is_asked_about() -> None:
    conv = offline_conversation()
    conv.ask("verdeel 75 woningen over Parkstad naar inwoners")
    reply = conv.ask("en als het gehalveerd wordt?")
    assert reply.intent == "clarify" and "37,5" in reply.answer and reply.result is None


def test_half_of_a_named_municipality_is_no_factor_on_the_total() -> None:
    assert parse_message("en als Kerkrade de helft is?").total_factor is None


@pytest.mark.parametrize(("typed", "meant"), [("Voorburg", "Leidschendam-Voorburg"), ("Sittard", "Sittard-Geleen"), ("Geldrop", "Geldrop-Mierlo")])
def test_one_half_of_a_double_name_is_that_municipality(typed: str, meant: str) -> None:
    msg = parse_message(f"wat krijgt {typed} van 100 woningen")
    assert msg.focus == meant


def test_a_half_that_qualifies_or_starts_another_name_is_not_read_as_a_municipality() -> None:
    names = {m.municipality.name for m in default_index().find(parse_message("Midden en Alphen en Ouder").tokens) if m.municipality}
    assert not names & {"Midden-Delfland", "Alphen-Chaam", "Ouder-Amstel"}


def test_existing_effort_under_a_heading() -> None:
    msg = parse_message("Verdeel 70 plekken over Twente. Reeds opgevangen: Losser 6, Borne 4 en Oldenzaal 2. Naar inwoners.")
    assert msg.existing == {"Losser": 6, "Borne": 4, "Oldenzaal": 2} and msg.total == 70 and not msg.unaccounted


def test_a_name_forgiven_as_a_slip_is_said_in_the_reply() -> None:
    reply = offline_conversation().ask("verdeel 90 woningen over Heerlen, Kerkrade en Vaalss")
    assert reply.intent == "allocation" and "'Vaalss' lees ik als Vaals" in reply.answer


def test_members_named_as_the_subject_of_a_verb_keep_the_group() -> None:
    conv = offline_conversation()
    conv.ask("verdeel 300 woningen over Twente naar inwoners")
    reply = conv.ask("Enschede en Hengelo krijgen erg veel; zet er een maximum van 70 per gemeente op")
    assert reply.request is not None and reply.request.region == ENSCHEDE and reply.request.cap_absolute == 70


def test_a_new_list_after_over_is_a_new_group() -> None:
    conv = offline_conversation()
    conv.ask("verdeel 300 woningen over Twente naar inwoners")
    reply = conv.ask("en over Enschede en Hengelo alleen?")
    assert reply.request is not None and set(reply.request.municipalities or []) == {"Enschede", "Hengelo"}


def test_the_number_before_a_relative_clause_about_a_place_is_its_existing_effort() -> None:
    msg = parse_message("verdeel 80 plekken over Haaglanden; de 9 die Westland al heeft opgevangen tellen mee")
    assert msg.existing == {"Westland": 9} and msg.total == 80 and not msg.unaccounted


@pytest.mark.parametrize(
    "question",
    [
        "Kun je me vertellen hoe gemeenten woningen verdelen?",
        "Kunnen gemeenten zelf bepalen hoe ze statushouders verdelen?",
        "Mag een regio zelf woningen verdelen?",
        "Wil je weten waarom we naar inwoners verdelen?",
    ],
)
def test_a_question_about_sharing_out_is_no_polite_order(question: str) -> None:
    assert not parse_message(question).imperative


@pytest.mark.parametrize("text", ["de verdeling is de helft naar inwoners", "het wordt de helft naar huishoudens"])
def test_half_as_a_weight_is_no_factor_on_the_total(text: str) -> None:
    msg = parse_message(text)
    assert msg.total_factor is None and msg.key.weights is not None


def test_a_bare_ratio_without_keys_to_apply_it_to_is_asked_about() -> None:
    conv = offline_conversation()
    conv.ask("verdeel 100 plekken over Parkstad naar inwoners")
    reply = conv.ask("en 70/30?")
    assert reply.intent == "clarify" and "70/30" in reply.answer and reply.request is not None and reply.request.total == 100


@pytest.mark.parametrize(
    ("text", "weights"),
    [
        ("verdeel 300 woningen over Twente, huishoudens en inwoners 50-50", {"huishoudens": 0.5, "inwoners": 0.5}),
        ("verdeel 300 woningen over Twente, 75-25 inwoners/woningvoorraad", {"inwoners": 0.75, "woningen": 0.25}),
    ],
)
def test_a_dashed_ratio_that_adds_up_to_100_is_a_key(text: str, weights: dict[str, float]) -> None:
    msg = parse_message(text)
    assert msg.key.weights == weights and msg.total == 300 and not msg.unaccounted


def test_a_dashed_range_of_homes_is_still_asked_about() -> None:
    assert parse_message("verdeel 40 - 60 woningen over Twente").total_problem is not None


@pytest.mark.parametrize(
    "text",
    [
        "Ik woon in een buurtschap van 80 inwoners; verdeel 300 woningen over Parkstad naar huishoudens",
        "verdeel 300 woningen over Parkstad naar huishoudens. Er wonen daar 45 inwoners per hectare.",
    ],
)
def test_a_small_count_that_describes_is_no_weight(text: str) -> None:
    msg = parse_message(text)
    assert msg.key.weights == {"huishoudens": 1.0} and msg.total == 300 and not msg.unaccounted


@pytest.mark.parametrize("follow_up", ["en Bussum?", "wat krijgt Bussum?"])
def test_a_former_municipality_asked_about_in_a_follow_up_is_named_back(follow_up: str) -> None:
    conv = offline_conversation()
    conv.ask("verdeel 300 woningen over de MRA naar inwoners")
    reply = conv.ask(follow_up)
    assert reply.intent == "clarify" and "'Bussum'" in reply.answer and reply.result is None


def test_a_former_municipality_as_the_focus_of_a_request_is_named_back() -> None:
    reply = offline_conversation().ask("Hoeveel van de 300 woningen in de MRA moet Bussum leveren?")
    assert reply.intent == "clarify" and "'Bussum'" in reply.answer and reply.result is None
