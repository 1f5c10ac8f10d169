"""The fair-share engine's entry points: `allocate` and `compare_methods`.

The work is split along its seams: `groups` (who shares the task), `quota` (the exact maths and the
rounding through the `rounding` registry) and `trace` (the Dutch explanation and the rows).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from allocation.data import Dataset, load_dataset
from allocation.groups import resolve_focus, resolve_group
from allocation.models import AllocationRequest, AllocationResult, KeyComparison, MethodComparison
from allocation.quota import plan
from allocation.rounding import TIE_RULE
from allocation.trace import write_up
from allocation.userdata import merge_user_data, read_user_data
from koploper.methods import METHODS, Method

__all__ = ["TIE_RULE", "allocate", "compare_keys", "compare_methods", "key_label", "prepare_dataset"]


def prepare_dataset(request: AllocationRequest, dataset: Dataset | None = None) -> Dataset:
    """The shipped data, plus the user's file when the request names one."""
    ds = dataset or load_dataset()
    if request.data_path:
        user = read_user_data(request.data_path, ds, request.data_source, request.data_reference_date)
        ds = merge_user_data(ds, user)
    return ds


def allocate(request: AllocationRequest, dataset: Dataset | None = None) -> AllocationResult:
    """Divide `request.total` over the group; raise AllocationError (Dutch) on anything wrong."""
    ds = prepare_dataset(request, dataset)
    return _allocate(request, ds, request.method)


def compare_methods(request: AllocationRequest, dataset: Dataset | None = None) -> MethodComparison:
    """The same request under every registered method, with the rows where they differ."""
    ds = prepare_dataset(request, dataset)
    results: dict[str, AllocationResult] = {method: _allocate(request, ds, method) for method in METHODS}
    base = results[METHODS[0]]
    differing = [
        row.cbs_code
        for row in base.rows
        if len({other.allocated for result in results.values() if (other := result.row(row.cbs_code)) is not None}) > 1
    ]
    return MethodComparison(results=results, differing=differing)


def key_label(key: dict[str, float]) -> str:
    """'inwoners', or '70% inwoners + 30% huishoudens' for a mix."""
    positive = {k: w for k, w in key.items() if w > 0}
    if len(positive) == 1:
        return next(iter(positive))
    total = sum(positive.values())
    return " + ".join(f"{w / total * 100:.0f}% {k}" for k, w in positive.items())


def compare_keys(request: AllocationRequest, keys: Sequence[Mapping[str, Any]], dataset: Dataset | None = None) -> KeyComparison:
    """The same request under each key (everything else equal), for a side-by-side table."""
    ds = prepare_dataset(request, dataset)
    results = [_allocate(request.model_copy(update={"key": AllocationRequest.parse(total=1, key=dict(key)).key}), ds, request.method) for key in keys]
    return KeyComparison(labels=[key_label(r.key) for r in results], results=results)


def _allocate(request: AllocationRequest, ds: Dataset, method: Method) -> AllocationResult:
    group = resolve_group(request, ds)
    focus = resolve_focus(request, ds, group)
    return write_up(request, ds, group, focus, plan(request, ds, group, method), method)
