"""The one place the assistant touches the allocation engine's modules, so a rename breaks one file."""

from __future__ import annotations

from pathlib import Path

from allocation.data import Dataset, IndicatorInfo, load_dataset
from allocation.engine import allocate, compare_methods
from allocation.errors import AllocationError
from allocation.models import METHOD_LABELS, AllocationRequest, AllocationResult
from allocation.userdata import SHAPE_HINT, merge_user_data, read_user_data

__all__ = [
    "METHOD_LABELS",
    "SHAPE_HINT",
    "AllocationError",
    "AllocationRequest",
    "AllocationResult",
    "Dataset",
    "IndicatorInfo",
    "allocate",
    "compare_methods",
    "load_dataset",
    "merge_user_data",
    "read_user_data",
]


def export_allocation(allocation: dict[str, object], path: Path) -> Path:
    """Write an allocation reply (the engine's JSON, as kept in a Reply) to .csv, .xlsx or .md.

    Goes through the engine's own exporter, so the app never needs to know the engine's classes.
    """
    from allocation.export import export_result

    export_result(AllocationResult.model_validate(allocation), path)
    return path


def known_regions() -> list[str]:
    """The six koploper regions by their canonical names, for pickers in the app."""
    from assistant.parsing.places import default_index

    return default_index().regions()
