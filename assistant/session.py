"""The assistant process: settings, the knowledge base (loaded once, on demand) and new conversations.

Constructing an Assistant is cheap and imports no torch, chromadb or sentence-transformers (see
assistant.knowledge, which holds the loading itself).
"""

from __future__ import annotations

from assistant.conversation import Conversation
from assistant.knowledge import KnowledgeAccess
from assistant.models import Reply
from koploper.settings import Settings, load_settings

__all__ = ["Assistant", "Conversation", "Reply", "Settings", "load_settings"]


class Assistant(KnowledgeAccess):
    """Shared by all conversations of one process; the knowledge base is opened at most once."""

    def new_conversation(self) -> Conversation:
        """A fresh conversation over this process's knowledge base."""
        return Conversation(self)
