"""Every change to what an index holds, in one versioned registry, and the one-time move from the old layout.

An index records per part the version it was made with (IndexState.layout, .chunking, .sentence_vectors);
an index run compares them with the current ones here and does what the newer version asks for, once.
To change how passages are read or embedded, add an Upgrade here: the constants below follow from it.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Part = Literal["layout", "chunking", "sentence_vectors"]


@dataclass(frozen=True)
class Upgrade:
    """One version of one part of an index: what changed, and what the next run does with an older index."""

    part: Part
    version: int
    change: str
    next_run: str


UPGRADES: tuple[Upgrade, ...] = (
    Upgrade("layout", 1, "generations (gen-*, CURRENT, manifest.json) in HOME/index", "-"),
    Upgrade(
        "layout", 2, "one store: passages, sentences, files and meta collections in Chroma",
        "moves an index of the old layout once (old_layout_files, remove_old_layout)",
    ),
    Upgrade("chunking", 1, "the first reading and chunking rules", "-"),
    Upgrade(
        "chunking", 2, "card aliases in what the model and the word index read",
        "re-reads every file; ids and vectors of unchanged text are kept",
    ),
    Upgrade(
        "chunking", 3,
        "PDF: sections from the document's bookmarks, a law's members and parts as paragraphs, runs of spaces as "
        "one; Word: the first heading names a document without a title",
        "re-reads every file; ids and vectors of unchanged text are kept",
    ),
    Upgrade("sentence_vectors", 1, "a model pass per sentence", "-"),
    Upgrade(
        "sentence_vectors", 2, "late chunking: sentence vectors pooled from the passage pass",
        "embeds every passage again once (REEMBED_MESSAGE)",
    ),
)


def current(part: Part) -> int:
    """The newest version of one part of an index."""
    return max(upgrade.version for upgrade in UPGRADES if upgrade.part == part)


LAYOUT = current("layout")
CHUNKING = current("chunking")
"""Version of the reading and chunking rules (IndexState.chunking): raise (add an Upgrade) when what a file
becomes changes, so `voorbereiden` re-reads files whose bytes did not change."""
LATE_CHUNKING = True
"""Sentence vectors pooled from the passage pass (late chunking) instead of a second model pass over every
sentence: ingest costs one model pass per passage. Their cosines sit a little lower for answerable questions
and were no worse at telling them from near-topic questions the material cannot answer once a question
word the material never uses rules an answer out (KnowledgeBase.unknown_words; bench/bench_answer_gate.py)."""
SENTENCE_VECTORS = current("sentence_vectors") if LATE_CHUNKING else 1
"""How the stored sentence vectors were made (1: a model pass per sentence, 2: late chunking). An index
with another value has every passage embedded again once: unchanged text otherwise keeps its vectors."""

# The old layout (before the store interface): kept only to move it once.
OLD_CURRENT = "CURRENT"
OLD_MANIFEST = "manifest.json"


def old_layout_files(index_dir: Path) -> dict[str, str] | None:
    """Files (key → path) of an index in the old generations layout, or None when there is none.

    Reads the newest generation with a readable manifest; a broken one gives an empty list (the cards
    are indexed anyway).
    """
    generations = sorted(index_dir.glob("gen-*"), key=lambda p: p.name, reverse=True)
    if not generations and not (index_dir / OLD_CURRENT).exists():
        return None
    for generation in generations:
        try:
            data = json.loads((generation / OLD_MANIFEST).read_text(encoding="utf-8"))
            return {str(key): str(entry.get("path", key)) for key, entry in dict(data.get("files", {})).items()}
        except (OSError, ValueError, AttributeError):
            continue
    return {}


def remove_old_layout(index_dir: Path) -> None:
    """After a successful migration: the old generations and their pointer go."""
    for generation in index_dir.glob("gen-*"):
        shutil.rmtree(generation, ignore_errors=True)
    (index_dir / OLD_CURRENT).unlink(missing_ok=True)
