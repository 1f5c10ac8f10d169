"""Reading one municipality's figure from an allocation result in a test."""

from __future__ import annotations

from allocation.models import AllocationResult


def allocated(result: AllocationResult, name_or_code: str) -> int:
    """What `name_or_code` (official name or CBS code) gets in `result`; fails the test when it has no row."""
    row = result.row(name_or_code)
    assert row is not None, f"{name_or_code} has no row in the result"
    return row.allocated
