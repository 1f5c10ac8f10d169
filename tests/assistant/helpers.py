"""Shared helpers for the assistant tests: routing without the model, a conversation without the model."""

from __future__ import annotations

from assistant.conversation import Conversation
from assistant.parsing import parse_message
from assistant.parsing.places import default_index
from assistant.router import ConversationState, Route, route
from assistant.session import Assistant

PARKSTAD = "Stadsregio Parkstad Limburg"
MRA = "Metropoolregio Amsterdam"
ENSCHEDE = "Regio Enschede"
GRONINGEN = "Provincie Groningen"
HAAGLANDEN = "Regio Haaglanden"
GMR = "Groene Metropoolregio Arnhem-Nijmegen"


def decide(text: str, state: ConversationState | None = None) -> Route:
    """What the router makes of one message on its own (never loads the model)."""
    return route(parse_message(text), state or ConversationState(), default_index())


class NoKnowledgeAssistant(Assistant):
    """An assistant whose knowledge base may not be opened: proves a path never needs the model."""

    def load_knowledge(self, retry: bool = False) -> None:
        raise AssertionError("this path must not load the knowledge base")


def offline_conversation() -> Conversation:
    return NoKnowledgeAssistant().new_conversation()
