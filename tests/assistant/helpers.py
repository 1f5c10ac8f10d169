"""Shared helpers for the assistant tests: routing without the model, a conversation without the model."""

from __future__ import annotations

import tempfile
from pathlib import Path

from assistant.conversation import Conversation
from assistant.parsing import parse_message
from assistant.parsing.places import default_index
from assistant.router import ConversationState, Route, route
from assistant.session import Assistant
from koploper.settings import Settings

PARKSTAD = "Stadsregio Parkstad Limburg"
MRA = "Metropoolregio Amsterdam"
ENSCHEDE = "Regio Enschede"
GRONINGEN = "Provincie Groningen"
HAAGLANDEN = "Regio Haaglanden"
GMR = "Groene Metropoolregio Arnhem-Nijmegen"


def decide(text: str, state: ConversationState | None = None) -> Route:
    """What the router makes of one message on its own (never loads the model)."""
    return route(parse_message(text), state or ConversationState(), default_index())


def offline_assistant() -> Assistant:
    """A real assistant whose home has no model and no index: knowledge questions get the Dutch
    'not available' message, and `knowledge_error` stays None as long as nothing tried to load it."""
    return Assistant(Settings(home=Path(tempfile.mkdtemp(prefix="koploper-leeg-"))))


def offline_conversation() -> Conversation:
    return offline_assistant().new_conversation()


def never_loaded(conv: Conversation) -> bool:
    """True when nothing in this conversation tried to open the knowledge base."""
    return conv.assistant.knowledge_error is None and not conv.assistant.knowledge_ready
