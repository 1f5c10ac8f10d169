"""The kennisbank's one public face: the only module `assistant/` may import (import-linter keeps it so).

Everything named here is light (pydantic models, errors, sentence splitting, argparse); the knowledge
base itself (torch, ChromaDB) is imported only when `open_knowledge_base` runs, so the app's first
screen and `koploper --help` load no model libraries.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kennisbank.answer.lists import enumerates
from kennisbank.answer.question_kinds import NOTHING_IN_MATERIAL
from kennisbank.cli import add_parsers
from kennisbank.errors import KennisbankError, StoreError, StoreUnavailable
from kennisbank.ingest.sentences import split_sentences
from kennisbank.models import HIT_JSON_KEYS, Hit, SearchResponse, Side

if TYPE_CHECKING:
    from kennisbank.service import KnowledgeBase as KnowledgeBase  # for type hints of the layers above
    from koploper.settings import Settings

__all__ = [
    "HIT_JSON_KEYS",
    "NOTHING_IN_MATERIAL",
    "Hit",
    "KennisbankError",
    "SearchResponse",
    "Side",
    "StoreError",
    "StoreUnavailable",
    "add_parsers",
    "enumerates",
    "open_knowledge_base",
    "split_sentences",
]


def open_knowledge_base(settings: Settings) -> KnowledgeBase:
    """Open the knowledge base (slow: imports torch and ChromaDB, loads the model and the index)."""
    from kennisbank.service import KnowledgeBase

    return KnowledgeBase.open(settings)
