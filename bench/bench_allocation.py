"""Benchmark of the allocation engine: time per allocation over all 342 municipalities, per method,
and the wall time of `koploper verdeel` as a fresh process.

Prints plain figures (milliseconds). Target: well under 5 ms per allocation, well under 0.5 s for
the command. Run: .venv/bin/python bench/bench_allocation.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from allocation import AllocationRequest, allocate  # noqa: E402
from allocation.data import load_dataset  # noqa: E402
from allocation.engine import _plan, _resolve_group  # noqa: E402

REPEAT = 200


def _timed(func: Callable[[], object], repeat: int = REPEAT) -> tuple[float, float]:
    """Median and best time in milliseconds."""
    func()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times)


def main() -> int:
    dataset = load_dataset()
    codes = sorted(dataset.municipalities)
    print(f"allocation over all {len(codes)} municipalities, total 10000, key inwoners; {REPEAT} runs each")
    print("method         engine_median_ms  engine_best_ms  full_median_ms  full_best_ms")
    for method in ("hamilton", "sainte-lague", "dhondt"):
        request = AllocationRequest(municipalities=codes, total=10_000, method=method)
        group = _resolve_group(request, dataset)
        core = _timed(lambda: _plan(request, dataset, group, method))  # noqa: B023
        full = _timed(lambda: allocate(request, dataset))  # noqa: B023
        print(f"{method:<14} {core[0]:>16.2f} {core[1]:>15.2f} {full[0]:>15.2f} {full[1]:>13.2f}")
    blend = AllocationRequest(municipalities=codes, total=10_000, key={"inwoners": 0.5, "woningen": 0.5}, method="sainte-lague", years=5)
    print(f"blend inwoners+woningen, sainte-lague, 5 years: full_median_ms {_timed(lambda: allocate(blend, dataset), 50)[0]:.2f}")
    print("engine = key shares, exact quotas, rounding (allocation.engine._plan);")
    print("full = allocate(): also resolving the 342 names, the rows and the complete Dutch trace")

    koploper = ROOT / ".venv" / "bin" / "koploper"
    command = [str(koploper), "verdeel", "--regio", "MRA", "--totaal", "250"]
    walls = []
    for _ in range(10):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        walls.append((time.perf_counter() - start) * 1000)
    print(f"koploper verdeel --regio MRA --totaal 250: wall_median_ms {statistics.median(walls):.0f} wall_best_ms {min(walls):.0f} (10 runs)")
    command_json = [*command, "--json"]
    walls = []
    for _ in range(10):
        start = time.perf_counter()
        subprocess.run(command_json, capture_output=True, check=True)
        walls.append((time.perf_counter() - start) * 1000)
    print(f"koploper verdeel ... --json: wall_median_ms {statistics.median(walls):.0f} wall_best_ms {min(walls):.0f} (10 runs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
