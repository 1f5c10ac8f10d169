"""While the knowledge base loads: allocations are answered at once, knowledge questions wait visibly
and are answered once it is ready.

Runs in a fresh interpreter: in the test process the model is already loaded by other tests, and a
warm load is too quick to type anything during it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import asyncio, json, time
from textual.widgets import Input
from tui.app import KoploperApp
from tui.widgets.messages import AssistantMessage, UserMessage
from tui.widgets.status_bar import StatusBar

seen = {}

async def until(pilot, condition, timeout=120):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timeout"
        await pilot.pause(0.02)

async def main():
    app = KoploperApp()  # builds and loads its own assistant, exactly as `koploper` does
    async with app.run_test(size=(100, 32)) as pilot:
        status = app.query_one(StatusBar)
        replies = lambda: list(app.query(AssistantMessage))
        seen["status_at_start"] = status.knowledge
        question = app.query_one("#question", Input)

        question.value = "Verdeel 120 woningen over Parkstad naar inwonertal"
        await pilot.press("enter")
        await until(pilot, lambda: len(replies()) == 1)
        seen["allocation_intent"] = replies()[0].reply.intent
        seen["ready_at_allocation"] = app.knowledge_ready
        seen["status_at_allocation"] = status.knowledge

        question.value = "Hoeveel gemeenten doen mee in Parkstad?"
        await pilot.press("enter")
        waiting = app.query(UserMessage).last()
        await until(pilot, lambda: waiting.waiting or app.knowledge_ready)
        seen["waiting_shown"] = waiting.waiting
        seen["waiting_text"] = str(waiting.render())
        seen["replies_while_waiting"] = len(replies())

        await until(pilot, lambda: len(replies()) == 2 and not app.busy)
        await until(pilot, lambda: status.knowledge == "Kennisbank klaar")
        seen["ready_at_end"] = app.knowledge_ready
        seen["waiting_at_end"] = waiting.waiting
        reply = replies()[1].reply
        seen["knowledge_question"] = reply.question
        seen["knowledge_intent"] = reply.intent
        seen["knowledge_sources"] = len(reply.sources)
    print("SEEN " + json.dumps(seen))

asyncio.run(main())
"""


def test_questions_typed_while_loading(kb_home: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=300, check=True
    ).stdout
    seen = json.loads(next(line for line in out.splitlines() if line.startswith("SEEN "))[5:])
    assert seen["status_at_start"] == "Kennisbank laden…"
    assert seen["allocation_intent"] == "allocation"
    assert not seen["ready_at_allocation"], "the allocation did not wait for the knowledge base"
    assert seen["status_at_allocation"] == "Kennisbank laden…"
    assert seen["waiting_shown"], "the knowledge question shows that it waits"
    assert "wacht op de kennisbank" in seen["waiting_text"]
    assert seen["replies_while_waiting"] == 1
    assert seen["ready_at_end"] and not seen["waiting_at_end"]
    assert seen["knowledge_question"] == "Hoeveel gemeenten doen mee in Parkstad?"
    assert seen["knowledge_intent"] == "knowledge" and seen["knowledge_sources"] > 0
