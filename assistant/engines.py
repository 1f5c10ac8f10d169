"""The one place the assistant touches the two engines, so a rename in either breaks one file.

import-linter keeps it so: only this module (and the command-line assembler, assistant.cli) may
import `allocation` or `kennisbank`. The knowledge base itself (torch, ChromaDB) is imported only
when `open_knowledge_base` runs; everything else here is light.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from allocation.data import Dataset, IndicatorInfo, load_dataset, read_indicators
from allocation.engine import allocate, compare_methods
from allocation.errors import AllocationError
from allocation.models import AllocationRequest, AllocationResult, MethodComparison
from allocation.render import table_rows
from allocation.names import municipality_names, resolve_municipality, suggest_municipalities
from allocation.userdata import SHAPE_HINT, merge_user_data, read_user_data
from kennisbank.errors import KennisbankError
from kennisbank.models import HIT_JSON_KEYS, Hit, SearchResponse
from koploper.regions import region_names
from koploper.settings import Settings

if TYPE_CHECKING:
    from kennisbank.service import KnowledgeBase

__all__ = [
    "HIT_JSON_KEYS",
    "SHAPE_HINT",
    "AllocationError",
    "AllocationRequest",
    "AllocationResult",
    "Dataset",
    "Hit",
    "IndicatorInfo",
    "KennisbankError",
    "KnowledgeBase",
    "MethodComparison",
    "SearchResponse",
    "allocate",
    "compare_methods",
    "export_allocation",
    "known_regions",
    "load_dataset",
    "merge_user_data",
    "municipality_names",
    "open_knowledge_base",
    "read_indicators",
    "read_user_data",
    "resolve_municipality",
    "suggest_municipalities",
    "table_rows",
]


def open_knowledge_base(settings: Settings) -> KnowledgeBase:
    """Open the knowledge base (slow: imports torch and ChromaDB, loads the model and the index)."""
    from kennisbank.service import KnowledgeBase

    return KnowledgeBase.open(settings)


def export_allocation(result: AllocationResult | MethodComparison, path: Path) -> Path:
    """Write an allocation (or a method comparison) to .csv, .xlsx or .md with the engine's own exporter.

    The reply carries the engine's full result, so the file has every exact figure, bound and year.
    """
    from allocation.export import export_result

    export_result(result, path)
    return path


def known_regions() -> list[str]:
    """The six koploper regions by their canonical names, for pickers in the app."""
    return region_names()
