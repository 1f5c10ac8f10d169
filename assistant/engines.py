"""The one place the assistant touches the two engines, so a rename in either breaks one file.

import-linter keeps it so: only this module (and the command-line assembler, assistant.cli) may
import `allocation` or `kennisbank`. The knowledge base itself (torch, ChromaDB) is imported only
when `open_knowledge_base` runs; everything else here is light.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from allocation.data import Dataset, IndicatorInfo, load_dataset, read_indicators
from allocation.engine import allocate, compare_keys, compare_methods
from allocation.errors import AllocationError
from allocation.models import AllocationRequest, AllocationResult, KeyComparison, MethodComparison
from allocation.names import municipality_names, resolve_municipality, suggest_municipalities, suggest_regions
from allocation.render import key_comparison_rows, table_rows
from allocation.userdata import SHAPE_HINT, merge_user_data, read_user_data
from kennisbank.api import (
    HIT_JSON_KEYS,
    NOTHING_IN_MATERIAL,
    Hit,
    KennisbankError,
    SearchResponse,
    Side,
    StoreError,
    StoreUnavailable,
    enumerates,
    open_knowledge_base,
    split_sentences,
)
from koploper.regions import region_names

if TYPE_CHECKING:
    from kennisbank.api import KnowledgeBase as KnowledgeBase  # re-exported for type hints only

__all__ = [
    "HIT_JSON_KEYS",
    "NOTHING_IN_MATERIAL",
    "SHAPE_HINT",
    "AllocationError",
    "AllocationRequest",
    "AllocationResult",
    "Dataset",
    "Hit",
    "IndicatorInfo",
    "KennisbankError",
    "KeyComparison",
    "MethodComparison",
    "SearchResponse",
    "Side",
    "StoreError",
    "StoreUnavailable",
    "allocate",
    "compare_keys",
    "compare_methods",
    "enumerates",
    "export_allocation",
    "key_comparison_rows",
    "known_regions",
    "load_dataset",
    "merge_user_data",
    "municipality_names",
    "open_knowledge_base",
    "read_indicators",
    "read_user_data",
    "resolve_municipality",
    "split_sentences",
    "suggest_municipalities",
    "suggest_places",
    "table_rows",
]


def export_allocation(result: AllocationResult | MethodComparison | KeyComparison, path: Path) -> Path:
    """Write an allocation (or a method comparison) to .csv, .xlsx or .md with the engine's own exporter.

    The reply carries the engine's full result, so the file has every exact figure, bound and year.
    """
    from allocation.export import export_result

    export_result(result, path)
    return path


def known_regions() -> list[str]:
    """The six koploper regions by their canonical names, for pickers in the app."""
    return region_names()


def suggest_places(name: str, n: int = 3) -> tuple[list[str], list[str]]:
    """Close municipalities (all 342) and koploper regions (with their aliases) for an unknown name.

    Short names need a closer match: 'Sneek' is not 'Beek' (one letter of five), 'Enchede' is 'Enschede'.
    """
    import difflib

    from koploper.text import plain_words

    folded = plain_words(name).lower()
    cutoff = 0.8 if len(folded) <= 5 else 0.6

    def close(candidate: str) -> bool:
        return difflib.SequenceMatcher(None, folded, plain_words(candidate).lower()).ratio() >= cutoff

    municipalities = [m for m in suggest_municipalities(name, n) if close(m)]
    regions = suggest_regions(name, n) if len(folded) > 5 else []
    return municipalities, regions
