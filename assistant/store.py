"""Saving and loading conversations as JSON files (atomic writes through koploper.atomic: a crash
never leaves half a file). Files of older versions are upgraded on load (assistant.saved)."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ValidationError

from assistant.conversation import Conversation
from assistant.knowledge import KnowledgeAccess
from assistant.saved import valid_id
from koploper import atomic
from koploper.numbers import plural


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


def conversation_path(folder: Path, conversation_id: str) -> Path:
    """`folder/<id>.json`, refused (Dutch ValueError) unless the id is valid and the path stays inside
    `folder`: a crafted saved file never makes the app write elsewhere."""
    if not valid_id(conversation_id):
        raise ValueError(f"Ongeldige gespreks-id {conversation_id!r}; het gesprek is niet bewaard.")
    root = Path(folder).resolve()
    path = (root / f"{conversation_id}.json").resolve()
    if path.parent != root:
        raise ValueError(f"Ongeldige gespreks-id {conversation_id!r}; het gesprek is niet bewaard.")
    return path


def save_conversation(conv: Conversation, folder: Path) -> Path:
    """Write `folder/<id>.json` atomically; returns the path."""
    target = conversation_path(Path(folder), conv.id)
    data = json.dumps(conv.to_json(), ensure_ascii=False, indent=1)
    return write_text_atomically(target, data)


def export_markdown(conv: Conversation, target: Path) -> Path:
    """Write the conversation as a Markdown transcript, atomically."""
    return write_text_atomically(target, conv.to_markdown())


class ConversationList(BaseModel):
    """The saved conversations that can be opened, and the files that were skipped (their names)."""

    conversations: list[ConversationInfo]
    skipped: list[str]


def _info(path: Path) -> ConversationInfo:
    """One file's entry in the list; raises (ValueError, RecursionError, …) when it is unusable."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not valid_id(data.get("id")):
        raise ValueError("geen bewaard gesprek")
    turns = data.get("turns") or []
    if not isinstance(turns, list):
        raise ValueError("geen bewaard gesprek")
    return ConversationInfo(
        path=path,
        id=str(data["id"]),
        title=str(data.get("title") or "Gesprek"),
        created_at=str(data.get("created_at") or ""),
        turns=len(turns),
    )


def scan_conversations(folder: Path) -> ConversationList:
    """Saved conversations, newest first; a bad file (unreadable, not JSON, too deeply nested, a
    wrong id) is skipped and named, never hiding the others."""
    folder = Path(folder)
    if not folder.is_dir():
        return ConversationList(conversations=[], skipped=[])
    found: list[ConversationInfo] = []
    skipped: list[str] = []
    for path in sorted(folder.glob("*.json")):
        try:
            found.append(_info(path))
        except Exception:  # noqa: BLE001 - any bad file (RecursionError included) is skipped, by name
            skipped.append(path.name)
    found.sort(key=lambda info: (info.created_at, info.id), reverse=True)
    return ConversationList(conversations=found, skipped=skipped)


def list_conversations(folder: Path) -> list[ConversationInfo]:
    """Saved conversations, newest first; unreadable files are skipped."""
    return scan_conversations(folder).conversations


def load_conversation(path: Path, assistant: KnowledgeAccess | None = None, restore_data: bool = True) -> Conversation:
    """The conversation saved in `path`, ready to continue; a file that is not a saved conversation
    gives a Dutch ValueError."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except RecursionError:
        raise ValueError(f"{Path(path).name} is te diep genest om een bewaard gesprek te zijn.") from None
    except UnicodeDecodeError:
        raise ValueError(f"{Path(path).name} is geen leesbaar tekstbestand.") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"{Path(path).name} is geen geldig JSON-bestand (regel {exc.lineno}).") from None
    if not isinstance(data, dict):
        raise ValueError(f"{Path(path).name} is geen bewaard gesprek.")
    try:
        return Conversation.from_json(data, assistant, restore_data)
    except ValidationError as exc:  # fields of the wrong type: where, in Dutch, not pydantic's English dump
        places = sorted({".".join(str(part) for part in error["loc"]) or "(het geheel)" for error in exc.errors()})
        shown = ", ".join(places[:3]) + (f" en nog {len(places) - 3}" if len(places) > 3 else "")
        raise ValueError(f"{Path(path).name} is geen geldig bewaard gesprek: {plural(len(places), 'het veld', 'de velden')} {shown} "
                         f"{plural(len(places), 'heeft', 'hebben')} een verkeerde waarde. Herstel het bestand of begin een nieuw gesprek.") from None
