"""Saving and loading conversations as JSON files (atomic writes through koploper.atomic: a crash
never leaves half a file). Files of older versions are upgraded on load (assistant.saved)."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from assistant.conversation import Conversation
from assistant.knowledge import KnowledgeAccess
from koploper import atomic


class ConversationInfo(BaseModel):
    """One saved conversation, for a list to choose from."""

    path: Path
    id: str
    title: str
    created_at: str
    turns: int


def write_text_atomically(target: Path, text: str) -> Path:
    """Write a text file atomically (koploper.atomic), creating its folder when needed."""
    return atomic.write_text(Path(target), text)


def save_conversation(conv: Conversation, folder: Path) -> Path:
    """Write `folder/<id>.json` atomically; returns the path."""
    data = json.dumps(conv.to_json(), ensure_ascii=False, indent=1)
    return write_text_atomically(Path(folder) / f"{conv.id}.json", data)


def export_markdown(conv: Conversation, target: Path) -> Path:
    """Write the conversation as a Markdown transcript, atomically."""
    return write_text_atomically(target, conv.to_markdown())


def list_conversations(folder: Path) -> list[ConversationInfo]:
    """Saved conversations, newest first; unreadable files are skipped."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    found: list[ConversationInfo] = []
    for path in folder.glob("*.json"):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            found.append(
                ConversationInfo(
                    path=path,
                    id=str(data["id"]),
                    title=str(data.get("title") or "Gesprek"),
                    created_at=str(data.get("created_at") or ""),
                    turns=len(data.get("turns") or []),
                )
            )
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return sorted(found, key=lambda info: (info.created_at, info.id), reverse=True)


def load_conversation(path: Path, assistant: KnowledgeAccess | None = None) -> Conversation:
    """The conversation saved in `path`, ready to continue."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return Conversation.from_json(data, assistant)
