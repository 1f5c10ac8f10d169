"""Fixtures for driving the real Koploper app with the real assistant and knowledge base.

The knowledge base comes from the session fixtures of tests/conftest.py: `kb_home` (a temporary
KOPLOPER_HOME with the shipped cards indexed; the environment points at it) and `knowledge_base`
(opened on it). One assistant over that knowledge base is shared by the tests that do not test the
loading itself; the loading is tested in a fresh interpreter (test_queue.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from assistant.session import Assistant
from tui.app import KoploperApp
from tui.widgets.messages import AssistantMessage

if TYPE_CHECKING:
    from assistant.conversation import Conversation
    from kennisbank.service import KnowledgeBase

SIZE = (100, 32)
"""Terminal size of the interaction tests (the 80×24 minimum has its own test)."""


@pytest.fixture(scope="session")
def loaded_assistant(knowledge_base: KnowledgeBase) -> Assistant:
    """The real assistant over the session's opened knowledge base (the model is loaded once)."""
    assistant = Assistant(knowledge=knowledge_base)
    assert assistant.knowledge_ready
    return assistant


@pytest.fixture
def make_app(loaded_assistant: Assistant) -> Callable[[], KoploperApp]:
    """A fresh app (fresh conversation) over the shared loaded assistant."""

    def make() -> KoploperApp:
        return KoploperApp(assistant=loaded_assistant)

    return make


async def wait_until(pilot: Pilot[Any], condition: Callable[[], bool], timeout: float = 60.0) -> None:
    """Let the app run until `condition()` holds; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for the app")
        await pilot.pause(0.05)


def replies(app: KoploperApp) -> list[AssistantMessage]:
    return list(app.query(AssistantMessage))


async def ask(pilot: Pilot[Any], text: str, timeout: float = 60.0) -> AssistantMessage:
    """Type a question in the question line like a user, press Enter and wait for the reply."""
    app = pilot.app
    assert isinstance(app, KoploperApp)
    before = len(replies(app))
    await wait_until(pilot, lambda: app.conversation is not None, timeout)
    question = app.query_one("#question", Input)
    question.focus()
    question.value = text
    await pilot.press("enter")
    await wait_until(pilot, lambda: len(replies(app)) > before and not app.busy, timeout)
    await pilot.pause()
    return replies(app)[-1]


def allocation_json(message: AssistantMessage) -> dict[str, Any]:
    """The engine's JSON of an allocation reply; fails the test when the reply has none."""
    allocation = message.reply.allocation
    assert allocation is not None, f"no allocation in the reply ({message.reply.intent})"
    return allocation


def conversation(app: KoploperApp) -> Conversation:
    """The app's open conversation; fails the test when there is none yet."""
    assert app.conversation is not None, "the app has no conversation yet"
    return app.conversation
