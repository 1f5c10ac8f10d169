"""Multi-turn conversations: follow-ups, clarifications, user files, saving, commands (no model needed)."""

from __future__ import annotations

from pathlib import Path

from assistant.conversation import Conversation
from assistant.store import list_conversations, load_conversation, save_conversation
from tests.assistant.helpers import (
    ENSCHEDE,
    GRONINGEN,
    HAAGLANDEN,
    MRA,
    PARKSTAD,
    decide,
    never_loaded,
    offline_assistant,
    offline_conversation,
)


def _allocated(conv: Conversation, name: str) -> int:
    reply = conv.turns[-1].reply
    assert reply.allocation is not None
    allocated: int = next(r["allocated"] for r in reply.allocation["rows"] if r["municipality"] == name)
    return allocated


def test_follow_ups_change_one_thing_at_a_time() -> None:
    conv = offline_conversation()
    first = conv.ask("Verdeel 120 woningen over Parkstad naar inwonertal")
    assert first.intent == "allocation"
    r = conv.ask("En als het er 300 zijn?")
    assert r.request is not None and (r.request.region, r.request.total) == (PARKSTAD, 300)
    assert r.read_as and "300 woningen" in r.read_as and "Parkstad" in r.read_as
    r = conv.ask("En voor Kerkrade?")
    assert r.request is not None and r.request.focus == "Kerkrade" and r.request.total == 300
    assert r.answer.split("\n\n")[1].startswith(f"**Kerkrade** krijgt **{_allocated(conv, 'Kerkrade')}**")
    r = conv.ask("En nu op basis van woningen")
    assert r.request is not None and r.request.key == {"woningen": 1.0} and r.request.focus == "Kerkrade"
    r = conv.ask("Doe hetzelfde voor Groningen")
    assert r.intent == "allocation" and r.request is not None
    assert (r.request.region, r.request.total, r.request.key, r.request.focus) == (GRONINGEN, 300, {"woningen": 1.0}, None)
    assert "Kerkrade hoort niet bij" in r.answer


def test_clarifying_question_is_completed_by_the_total() -> None:
    conv = offline_conversation()
    r = conv.ask("Verdeel woningen over Haaglanden")
    assert r.intent == "clarify" and r.request is not None and r.request.region == HAAGLANDEN
    r = conv.ask("het gaat om 250 woningen")
    assert r.intent == "allocation" and r.request is not None
    assert (r.request.region, r.request.total) == (HAAGLANDEN, 250)


def test_clarifying_question_is_completed_by_the_region_and_keeps_the_key() -> None:
    conv = offline_conversation()
    r = conv.ask("Verdeel 300 woningen naar huishoudens")
    assert r.intent == "clarify"
    r = conv.ask("over parkstad")
    assert r.intent == "allocation" and r.request is not None
    assert (r.request.region, r.request.total, r.request.key) == (PARKSTAD, 300, {"huishoudens": 1.0})


def test_focus_outside_the_region_moves_to_its_region() -> None:
    conv = offline_conversation()
    conv.ask("Hoeveel moet Zoetermeer doen als Haaglanden 600 woningen moet leveren?")
    r = conv.ask("En voor Kerkrade?")
    assert r.intent == "allocation" and r.request is not None
    assert (r.request.region, r.request.focus, r.request.total) == (PARKSTAD, "Kerkrade", 600)
    assert "Kerkrade hoort niet bij Regio Haaglanden" in r.answer


def test_method_follow_up_and_comparison() -> None:
    conv = offline_conversation()
    conv.ask("Geef het eerlijk aandeel van 1000 woningen over de MRA")
    r = conv.ask("En met D'Hondt?")
    assert r.request is not None and r.request.method == "dhondt" and r.request.region == MRA
    cmp = conv.ask("/vergelijk")
    assert cmp.comparison is not None and cmp.comparison.methods == ["hamilton", "sainte-lague", "dhondt"]
    for method in cmp.comparison.methods:
        assert sum(row[method] for row in cmp.comparison.rows) == 1000
    assert never_loaded(conv)
    again = conv.compare_methods()
    assert again.comparison == cmp.comparison


def test_group_and_number_words_follow_up() -> None:
    conv = offline_conversation()
    r = conv.ask("verdeel driehonderd plekken over twente")
    assert r.request is not None and (r.request.region, r.request.total) == (ENSCHEDE, 300)
    r = conv.ask("en voor statushouders?")
    assert r.request is not None and r.request.group == "statushouders" and r.request.total == 300
    r = conv.ask("wat als het er vierhonderd zijn")
    assert r.request is not None and r.request.total == 400 and r.request.group == "statushouders"


def test_missing_indicator_then_other_key() -> None:
    conv = offline_conversation()
    r = conv.ask("Verdeel 50 woningen over Utrecht, Zeist en Houten naar huishoudens")
    assert r.intent == "clarify" and "huishoudens" in r.answer
    r = conv.ask("en nu naar inwoners")
    assert r.intent == "allocation" and r.request is not None
    assert r.request.municipalities == ["Utrecht", "Zeist", "Houten"] and r.request.key == {"inwoners": 1.0}


def test_user_file_supplies_existing_effort_and_an_own_key(tmp_path: Path) -> None:
    data = tmp_path / "parkstad.csv"
    data.write_text(
        "gemeente;bestaand;vrijkomende_woningen\nBeekdaelen;3;100\nBrunssum;2;120\nHeerlen;20;400\n"
        "Kerkrade;6;200\nLandgraaf;1;150\nSimpelveld;0;40\nVoerendaal;1;50\n",
        encoding="utf-8",
    )
    conv = offline_conversation()
    r = conv.ask("verdeel 100 woningen over parkstad rekening houdend met wat gemeenten al doen")
    assert r.intent == "clarify" and "kolom 'bestaand'" in r.answer
    loaded = conv.load_user_data(data)
    assert "bestaand" in loaded.answer and conv.user_data == data
    r = conv.ask("verdeel 100 woningen over parkstad rekening houdend met wat gemeenten al doen")
    assert r.intent == "allocation", r.answer
    assert r.allocation is not None and any("existing" in row for row in r.allocation["rows"])
    r = conv.ask("verdeel 100 woningen over parkstad naar vrijkomende woningen")
    assert r.intent == "allocation" and r.request is not None and r.request.key == {"vrijkomende_woningen": 1.0}
    assert _allocated(conv, "Heerlen") == 38  # 400 of 1060 vrijkomende woningen: quota 37,7


def test_broken_user_file_is_explained(tmp_path: Path) -> None:
    bad = tmp_path / "leeg.csv"
    bad.write_text("", encoding="utf-8")
    conv = offline_conversation()
    r = conv.load_user_data(bad)
    assert "leeg" in r.answer and conv.user_data is None
    r = conv.ask(f"/data {tmp_path / 'bestaat-niet.csv'}")
    assert "bestaat niet" in r.answer
    r = conv.ask("/data " + "plekken " * 40 + ".csv")  # longer than the system allows a file name
    assert "de naam is te lang" in r.answer and "intern iets mis" not in r.answer and conv.user_data is None


def test_groningen_means_the_municipality_inside_the_province() -> None:
    conv = offline_conversation()
    r = conv.ask("Verdeel 90 woningen over Groningen")
    assert r.request is not None and r.request.region == GRONINGEN and r.request.focus is None
    r = conv.ask("En voor Groningen?")
    assert r.request is not None and (r.request.region, r.request.focus) == (GRONINGEN, "Groningen")


def test_help_in_between_keeps_the_last_request() -> None:
    conv = offline_conversation()
    conv.ask("Verdeel 120 woningen over Parkstad")
    assert conv.ask("help").intent == "help"
    r = conv.ask("En als het er 200 zijn?")
    assert r.intent == "allocation" and r.request is not None and (r.request.region, r.request.total) == (PARKSTAD, 200)


def test_a_new_full_request_does_not_inherit_the_old_key() -> None:
    conv = offline_conversation()
    conv.ask("Verdeel 120 woningen over Parkstad naar huishoudens met D'Hondt")
    r = conv.ask("Verdeel 80 woningen over Haaglanden")
    assert r.request is not None and (r.request.key, r.request.method) == ({"inwoners": 1.0}, "hamilton")


def test_knowledge_question_after_an_allocation_is_not_a_follow_up() -> None:
    conv = offline_conversation()
    conv.ask("Verdeel 120 woningen over Parkstad")
    assert decide("Hoeveel gemeenten doen mee in Parkstad?", conv.state).kind == "knowledge"
    assert decide("Welke afspraken heeft Haaglanden gemaakt?", conv.state).kind == "knowledge"
    assert decide("En voor Haaglanden?", conv.state).kind == "allocation"


def test_save_load_and_continue(tmp_path: Path) -> None:
    conv = offline_conversation()
    conv.ask("Verdeel 120 woningen over Parkstad")
    conv.ask("En voor Kerkrade?")
    path = save_conversation(conv, tmp_path)
    assert path.exists() and not list(tmp_path.glob("*.tmp"))
    infos = list_conversations(tmp_path)
    assert [i.id for i in infos] == [conv.id] and infos[0].turns == 2
    again = load_conversation(path, offline_assistant())
    assert [t.question for t in again.turns] == [t.question for t in conv.turns]
    assert again.turns[-1].reply == conv.turns[-1].reply
    r = again.ask("En als het er 500 zijn?")
    assert r.request is not None and (r.request.total, r.request.focus) == (500, "Kerkrade")
    assert never_loaded(conv) and never_loaded(again)
    markdown = again.to_markdown()
    assert "## 3. En als het er 500 zijn?" in markdown and "| **Totaal** |" in markdown


def test_compare_without_an_allocation_says_so() -> None:
    r = offline_conversation().compare_methods()
    assert r.intent == "clarify" and "nog geen verdeling" in r.answer


def test_corrections_and_list_edits() -> None:
    conv = offline_conversation()
    steps = [
        ("Verdeel 120 woningen over Parkstad voor Kerkrade", (PARKSTAD, None, 120, "Kerkrade", {"inwoners": 1.0})),
        ("Nee, ik bedoel 250", (PARKSTAD, None, 250, "Kerkrade", {"inwoners": 1.0})),
        ("nee, naar huishoudens", (PARKSTAD, None, 250, "Kerkrade", {"huishoudens": 1.0})),
        ("En wat krijgt Heerlen dan?", (PARKSTAD, None, 250, "Heerlen", {"huishoudens": 1.0})),
        ("Doe hetzelfde voor Kerkrade en Heerlen", (None, ["Kerkrade", "Heerlen"], 250, None, {"huishoudens": 1.0})),
        ("plus Simpelveld", (None, ["Kerkrade", "Heerlen", "Simpelveld"], 250, None, {"huishoudens": 1.0})),
    ]
    for text, expected in steps:
        r = conv.ask(text)
        assert r.intent == "allocation" and r.request is not None, (text, r.answer)
        q = r.request
        assert (q.region, q.municipalities, q.total, q.focus, q.key) == expected, text
    assert never_loaded(conv)
