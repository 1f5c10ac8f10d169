"""Saved conversations carry a format version; files of the first format are upgraded when opened."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from assistant.engines import AllocationRequest, AllocationResult, allocate
from assistant.saved import SAVE_VERSION
from assistant.store import list_conversations, load_conversation, save_conversation
from tests.assistant.helpers import PARKSTAD, offline_assistant, offline_conversation


def _version_1_file(folder: Path) -> Path:
    """A conversation as the previous release wrote it: no version, the engine's JSON under `allocation`,
    a comparison as a reduced table."""
    engine_json = allocate(AllocationRequest(region="Parkstad", total=120, focus="Kerkrade")).to_json()
    request = {"region": PARKSTAD, "municipalities": None, "total": 120, "focus": "Kerkrade", "key": {"inwoners": 1.0},
               "method": "hamilton", "group": None, "unit": "woningen", "existing": False, "years": 1}
    reply: dict[str, Any] = {"question": "Verdeel 120 woningen over Parkstad voor Kerkrade", "intent": "allocation", "answer": "**Kerkrade** krijgt …",
             "read_as": "Ik lees dit als: …", "request": request, "sources": [], "allocation": engine_json,
             "comparison": None, "region_profile": None}
    compare = {**reply, "question": "/vergelijk", "answer": "_Vergelijking voor: …_",
               "comparison": {"methods": ["hamilton", "sainte-lague", "dhondt"], "rows": [], "differences": []}}
    data = {
        "id": "20250101-120000-abcdef", "created_at": "2025-01-01T12:00:00+00:00", "title": reply["question"],
        "region_filter": None, "user_data": None,
        "state": {"last_request": request, "pending": False, "last_intent": "allocation",
                  "last_knowledge_question": None, "last_knowledge_region": None},
        "turns": [{"question": reply["question"], "reply": reply, "asked_at": "2025-01-01T12:00:00+00:00"},
                  {"question": "/vergelijk", "reply": compare, "asked_at": "2025-01-01T12:01:00+00:00"}],
    }
    path = folder / f"{data['id']}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_version_1_file_opens_with_the_full_result_and_continues(tmp_path: Path) -> None:
    path = _version_1_file(tmp_path)
    assert [info.turns for info in list_conversations(tmp_path)] == [2]
    conv = load_conversation(path, offline_assistant())
    first = conv.turns[0].reply
    assert isinstance(first.result, AllocationResult)
    assert first.allocation is not None and sum(row["allocated"] for row in first.allocation["rows"]) == 120
    assert first.result.row("Kerkrade") is not None
    assert conv.turns[1].reply.comparison is None, "an old comparison table cannot be rebuilt; its answer text stays"
    assert conv.turns[1].reply.answer.startswith("_Vergelijking")
    follow = conv.ask("En als het er 300 zijn?")
    assert follow.request is not None and (follow.request.total, follow.request.focus) == (300, "Kerkrade")
    saved = json.loads(save_conversation(conv, tmp_path).read_text(encoding="utf-8"))
    assert saved["version"] == SAVE_VERSION
    assert "allocation" not in saved["turns"][0]["reply"] and saved["turns"][0]["reply"]["result"]["total"] == 120


def test_the_current_format_keeps_exact_fractions(tmp_path: Path) -> None:
    conv = offline_conversation()
    reply = conv.ask("Verdeel 100 woningen over Parkstad naar woningen")
    again = load_conversation(save_conversation(conv, tmp_path), offline_assistant())
    assert reply.result is not None and again.turns[0].reply.result == reply.result
    assert again.turns[0].reply.result.rows[0].quota == reply.result.rows[0].quota  # a Fraction, not a float


def test_a_file_from_a_newer_version_is_refused_in_dutch(tmp_path: Path) -> None:
    path = tmp_path / "nieuw.json"
    path.write_text(json.dumps({"version": SAVE_VERSION + 1, "id": "x", "turns": []}), encoding="utf-8")
    with pytest.raises(ValueError, match="nieuwere versie van Koploper"):
        load_conversation(path, offline_assistant())
