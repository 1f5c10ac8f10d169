"""The assistant's public API: the one module the app (tui/) imports.

Everything the app needs, by name, so that the modules behind it can be split and renamed freely
(import-linter forbids the app any other assistant module, and the engines altogether). Names are
imported on first use: the app imports this module before its first paint, when the allocation
engine and pandas must not be loaded yet.

    from assistant.api import Assistant
    conversation = Assistant().new_conversation()
    reply = conversation.ask("Verdeel 120 woningen over Parkstad")   # Reply: answer, result, sources
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.compose_help import EXAMPLES, compose_help

if TYPE_CHECKING:
    from assistant.compose_table import AllocationTable
    from assistant.conversation import Conversation
    from assistant.engines import AllocationResult, Hit, KeyComparison, MethodComparison
    from assistant.knowledge import KnowledgeAccess
    from assistant.models import Reply, Turn
    from assistant.session import Assistant
    from assistant.store import ConversationInfo, ConversationList
    from koploper.settings import Settings, load_settings

__all__ = [
    "EXAMPLES",
    "AllocationResult",
    "AllocationTable",
    "Assistant",
    "Conversation",
    "ConversationInfo",
    "ConversationList",
    "Hit",
    "KeyComparison",
    "KnowledgeAccess",
    "MethodComparison",
    "Reply",
    "Settings",
    "Turn",
    "allocation_table",
    "compose_help",
    "export_allocation",
    "export_markdown",
    "known_regions",
    "list_conversations",
    "load_conversation",
    "load_settings",
    "run_cli",
    "save_conversation",
    "scan_conversations",
]

_HOMES = {
    "Assistant": "assistant.session",
    "Conversation": "assistant.conversation",
    "ConversationInfo": "assistant.store",
    "ConversationList": "assistant.store",
    "KnowledgeAccess": "assistant.knowledge",
    "Reply": "assistant.models",
    "Turn": "assistant.models",
    "Hit": "assistant.engines",
    "AllocationResult": "assistant.engines",
    "MethodComparison": "assistant.engines",
    "KeyComparison": "assistant.engines",
    "Settings": "koploper.settings",
    "load_settings": "koploper.settings",
}


def __getattr__(name: str) -> Any:
    """Import a public name on first use (keeps the app's first paint and `koploper verdeel` light:
    even pydantic-settings costs 0,1 s)."""
    if name in _HOMES:
        value = getattr(importlib.import_module(_HOMES[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'assistant.api' has no attribute {name!r}")


def allocation_table(result: AllocationResult) -> AllocationTable:
    """The allocation as the CLI prints and exports it (same columns), plus what the columns mean."""
    from assistant.compose_table import allocation_table as table

    return table(result)


def known_regions() -> list[str]:
    """The six koploper regions by their canonical names, for pickers."""
    from koploper.regions import region_names

    return region_names()


def save_conversation(conversation: Conversation, folder: Path) -> Path:
    """Write the conversation atomically as `folder/<id>.json`; returns the path."""
    from assistant import store

    return store.save_conversation(conversation, folder)


def list_conversations(folder: Path) -> list[ConversationInfo]:
    """Saved conversations, newest first."""
    from assistant import store

    return store.list_conversations(folder)


def scan_conversations(folder: Path) -> ConversationList:
    """Saved conversations, newest first, and the names of the files that had to be skipped."""
    from assistant import store

    return store.scan_conversations(folder)


def load_conversation(path: Path, assistant: KnowledgeAccess | None = None, restore_data: bool = True) -> Conversation:
    """A saved conversation (older formats upgraded), ready to continue; with `restore_data=False` its
    data file waits in `pending_user_data` for `Conversation.restore_user_data` (run it in a worker)."""
    from assistant import store

    return store.load_conversation(path, assistant, restore_data)


def export_markdown(conversation: Conversation, target: Path) -> Path:
    """The transcript as Markdown, written atomically."""
    from assistant import store

    return store.export_markdown(conversation, target)


def export_allocation(result: AllocationResult | MethodComparison | KeyComparison, target: Path) -> Path:
    """An allocation reply's full result to .csv, .xlsx or .md (through the engine's exporter)."""
    from assistant.engines import export_allocation as export

    return export(result, target)


def run_cli(argv: list[str]) -> int:
    """The `koploper` command line with arguments (no Textual involved)."""
    from assistant.cli import main

    return main(argv)
