"""What every benchmark does before it imports the project: offline and quiet libraries, the worktree
importable, and temporary homes with the shipped cards indexed.

Import it first (`from _setup import ROOT`: a script run as `python bench/x.py` has bench/ on its
path). It sets only what changes no figure: no network, no telemetry, no progress bars or warnings
in the output. Anything that changes speed (such as TOKENIZERS_PARALLELISM) stays in the benchmark
that wants it, so that one benchmark's choice does not quietly alter another's measurement.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

for _key, _value in (
    ("HF_HUB_OFFLINE", "1"),
    ("TRANSFORMERS_OFFLINE", "1"),
    ("ANONYMIZED_TELEMETRY", "False"),
    ("HF_HUB_DISABLE_PROGRESS_BARS", "1"),
    ("TRANSFORMERS_VERBOSITY", "error"),
):
    os.environ.setdefault(_key, _value)

ROOT = Path(__file__).resolve().parents[1]
"""The worktree the benchmarks measure (put first on sys.path, before any installed copy)."""
sys.path.insert(0, str(ROOT))
EVAL = ROOT.parent / "shared" / "eval"
"""The development question sets."""

if TYPE_CHECKING:
    from kennisbank.model.embedding import Embedder
    from koploper.settings import Settings


def cards_home(home: Path, model: Path, embedder: Embedder | None = None) -> Settings:
    """A home at `home` whose index holds the shipped cards, embedded with `model`."""
    from kennisbank.ingest.indexer import build_index
    from koploper.settings import Settings

    settings = Settings(home=home, embedding_model=model)
    build_index(settings, embedder=embedder)
    return settings


def copy_home(source: Settings, home: Path) -> Settings:
    """A home at `home` that starts with a copy of `source`'s index, so only what is added is embedded."""
    from koploper.settings import Settings

    shutil.copytree(source.index_dir, home / "index")
    return Settings(home=home, embedding_model=source.model_path)
