"""Allocation: each municipality's eerlijk aandeel of a regional task, exact and explained.

The public names are imported lazily so that `import allocation.names` (used by the assistant's
parser) stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from allocation.engine import allocate, compare_methods
    from allocation.errors import AllocationError
    from allocation.models import AllocationRequest, AllocationResult, AllocationRow, MethodComparison

__all__ = [
    "AllocationError",
    "AllocationRequest",
    "AllocationResult",
    "AllocationRow",
    "MethodComparison",
    "allocate",
    "compare_methods",
]

_HOMES = {
    "allocate": "allocation.engine",
    "compare_methods": "allocation.engine",
    "AllocationError": "allocation.errors",
    "AllocationRequest": "allocation.models",
    "AllocationResult": "allocation.models",
    "AllocationRow": "allocation.models",
    "MethodComparison": "allocation.models",
}


def __getattr__(name: str) -> Any:
    """Import a public name on first use."""
    if name in _HOMES:
        import importlib

        value = getattr(importlib.import_module(_HOMES[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'allocation' has no attribute {name!r}")
