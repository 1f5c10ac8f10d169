"""The one place the assistant touches the allocation engine's modules, so a rename breaks one file."""

from __future__ import annotations

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
