"""Knowledge replies on the real model and index: quoted sentences, numbered citations, follow-ups."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.models import Reply
from assistant.session import Assistant
from koploper.regions import GENERAL
from tests.assistant.helpers import GRONINGEN, PARKSTAD

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def _quoted_only(reply: Reply) -> None:
    """Every sentence of the answer is verbatim in the cited source it points to: nothing invented."""
    body = reply.answer.split("**Bronnen**")[0]
    if reply.read_as:
        body = body.replace(f"_{reply.read_as}_", "")
    pieces = re.findall(r"(.+?) \[(\d+)\]", body.strip().replace("\n", " "))
    assert pieces, reply.answer
    for sentence, number in pieces:
        hit = reply.sources[int(number) - 1]
        assert sentence.strip() in hit.text, (sentence, hit.text)


def test_knowledge_answer_is_quoted_with_numbered_sources(knowledge_assistant: Assistant) -> None:
    reply = knowledge_assistant.new_conversation().ask("Hoeveel gemeenten doen mee in Parkstad?")
    assert reply.intent == "knowledge" and reply.request is None and reply.allocation is None
    assert reply.sources and "[1]" in reply.answer and "**Bronnen**" in reply.answer
    _quoted_only(reply)
    for i, hit in enumerate(reply.sources, start=1):
        assert f"[{i}] {hit.title}" in reply.answer
    data = reply.to_json()
    assert data["sources"][0]["id"] == reply.sources[0].id and set(data["sources"][0]) >= {"title", "text", "score"}


def test_knowledge_follow_up_asks_the_same_question_for_another_region(knowledge_assistant: Assistant) -> None:
    conv = knowledge_assistant.new_conversation()
    first = conv.ask("Welke gemeenten werken samen in Parkstad?")
    assert first.intent == "knowledge"
    reply = conv.ask("En in Groningen?")
    assert reply.intent == "knowledge" and reply.read_as is not None
    assert "Welke gemeenten werken samen in Groningen?" in reply.read_as and GRONINGEN in reply.read_as
    assert reply.sources and all(hit.region == GRONINGEN for hit in reply.sources)
    _quoted_only(reply)


def test_nothing_in_the_material_says_so_and_suggests(knowledge_assistant: Assistant) -> None:
    reply = knowledge_assistant.new_conversation().ask("Wat is het recept voor erwtensoep?")
    assert reply.intent == "knowledge" and reply.sources == []
    assert "Daarover staat niets in het materiaal" in reply.answer and "koploper index" in reply.answer
    assert "erwtensoep" in reply.answer and "Verwant" not in reply.answer  # the nearest cards are not related
    later = knowledge_assistant.new_conversation().ask("Wat is het budget van het programma voor 2031?")
    assert "2031" in later.answer and "Verwant, maar geen antwoord" in later.answer  # related, without the year


def test_region_profile_and_filter(knowledge_assistant: Assistant) -> None:
    conv = knowledge_assistant.new_conversation()
    reply = conv.ask("/regio Parkstad")
    profile = reply.region_profile
    assert profile is not None and profile.region == PARKSTAD and len(profile.members) == 7
    heerlen = next(m for m in profile.members if m.municipality == "Heerlen")
    assert heerlen.figures["inwoners"] and heerlen.figures["huishoudens"]
    assert {s.indicator for s in profile.figure_sources} >= {"inwoners", "woningen"}
    assert all(s.reference_date for s in profile.figure_sources)
    assert "| Heerlen |" in reply.answer and "peildatum" in reply.answer
    chosen = conv.region_filter  # a local: mypy would keep the narrowed attribute past `ask`
    assert chosen == PARKSTAD
    after = conv.ask("Wat is het doel van de samenwerking?")
    # the filter narrows the regional material; general material (glossary, programme) stays in (issue 21)
    assert all(hit.region in (PARKSTAD, GENERAL, None) for hit in after.sources)
    conv.ask("/regio")
    assert conv.region_filter is None
    told = knowledge_assistant.new_conversation().ask("Vertel me over Parkstad")
    assert told.region_profile is not None and told.region_profile.region == PARKSTAD


def test_mixed_conversation(knowledge_assistant: Assistant) -> None:
    conv = knowledge_assistant.new_conversation()
    assert conv.ask("Hoeveel gemeenten doen mee in Parkstad?").intent == "knowledge"
    r = conv.ask("Verdeel 120 woningen over Parkstad")
    assert r.intent == "allocation" and r.request is not None and r.request.total == 120
    r = conv.ask("En voor Kerkrade?")
    assert r.intent == "allocation" and r.request is not None and r.request.focus == "Kerkrade"
    r = conv.ask("Wat betekent eerlijk aandeel?")
    assert r.intent == "knowledge"
    r = conv.ask("En als het er 300 zijn?")
    assert r.intent == "allocation" and r.request is not None and (r.request.total, r.request.focus) == (300, "Kerkrade")


def test_load_knowledge_is_idempotent(knowledge_assistant: Assistant) -> None:
    kb = knowledge_assistant.knowledge
    knowledge_assistant.load_knowledge()
    assert knowledge_assistant.knowledge is kb


def test_vraag_stdin_mixes_knowledge_and_allocation(cli_env: dict[str, str]) -> None:
    lines = ["Wat betekent eerlijk aandeel?", "Verdeel 120 woningen over Parkstad", "Wat is het recept voor erwtensoep?"]
    code = "import sys\nfrom assistant.cli import main\nsys.exit(main(sys.argv[1:]))"
    result = subprocess.run(
        [sys.executable, "-c", code, "vraag", "-", "--json"], input="\n".join(lines) + "\n", capture_output=True,
        text=True, cwd=ROOT, env=cli_env, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    replies = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["intent"] for r in replies] == ["knowledge", "allocation", "knowledge"]
    assert replies[0]["sources"] and replies[2]["sources"] == []


def test_a_fresh_assistant_loads_the_knowledge_base_on_demand(kb_home: Path, model_dir: Path) -> None:
    from koploper.settings import Settings

    assistant = Assistant(Settings(home=kb_home, embedding_model=model_dir))
    ready_before = assistant.knowledge_ready  # a local: mypy would keep the narrowed attribute past `ask`
    assert not ready_before
    reply = assistant.new_conversation().ask("Wat is het doel van het programma Een thuis voor iedereen?")
    assert assistant.knowledge_ready and assistant.knowledge_error is None
    assert reply.intent == "knowledge" and reply.sources


def test_a_conversation_with_sources_saves_and_loads(knowledge_assistant: Assistant, tmp_path: Path) -> None:
    from assistant.store import load_conversation, save_conversation

    conv = knowledge_assistant.new_conversation()
    conv.ask("/regio Haaglanden")
    conv.ask("Hoe werken de gemeenten samen?")
    again = load_conversation(save_conversation(conv, tmp_path), knowledge_assistant)
    assert [t.reply for t in again.turns] == [t.reply for t in conv.turns]
    assert again.region_filter == "Regio Haaglanden"
    assert again.turns[0].reply.region_profile is not None
    assert "## 2. Hoe werken de gemeenten samen?" in again.to_markdown()
