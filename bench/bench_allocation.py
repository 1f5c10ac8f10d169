"""Benchmark of the allocation engine: time per allocation over all 342 municipalities, per method,
and the wall time of `koploper verdeel` as a fresh process.

Prints plain figures (milliseconds). Target: well under 5 ms per allocation, well under 0.5 s for
the command; exits 1 when the command's best wall time passes COMMAND_TARGET_MS.
Run: .venv/bin/python bench/bench_allocation.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable

from _setup import ROOT

from allocation import AllocationRequest, allocate
from allocation.data import load_dataset
from allocation.groups import resolve_group
from allocation.quota import plan

REPEAT = 200
COMMAND_TARGET_MS = 1500
"""Bound on the best wall time of `koploper verdeel` as a fresh process, generous for a loaded machine
(tests/allocation/test_cli.py checks what keeps it quick: no model, vector store or app imported)."""


def _timed(func: Callable[[], object], repeat: int = REPEAT) -> tuple[float, float, float]:
    """Median wall time, best wall time and median CPU time of this process, in milliseconds.

    On a busy machine the wall time includes waiting for a CPU; the CPU time does not.
    """
    func()
    walls, cpus = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        func()
        cpus.append((time.process_time() - start_cpu) * 1000)
        walls.append((time.perf_counter() - start) * 1000)
    return statistics.median(walls), min(walls), statistics.median(cpus)


def main() -> int:
    dataset = load_dataset()
    codes = sorted(dataset.municipalities)
    print(f"allocation over all {len(codes)} municipalities, total 10000, key inwoners; {REPEAT} runs each")
    print("method         engine_median_ms  engine_best_ms  engine_cpu_ms  full_median_ms  full_best_ms  full_cpu_ms")
    for method in ("hamilton", "sainte-lague", "dhondt"):
        request = AllocationRequest(municipalities=codes, total=10_000, method=method)
        group = resolve_group(request, dataset)
        core = _timed(lambda: plan(request, dataset, group, method))  # noqa: B023
        full = _timed(lambda: allocate(request, dataset))  # noqa: B023
        print(f"{method:<14} {core[0]:>16.2f} {core[1]:>15.2f} {core[2]:>14.2f} {full[0]:>15.2f} {full[1]:>13.2f} {full[2]:>12.2f}")
    blend = AllocationRequest(municipalities=codes, total=10_000, key={"inwoners": 0.5, "woningen": 0.5}, method="sainte-lague", years=5)
    print(f"blend inwoners+woningen, sainte-lague, 5 years: full_median_ms {_timed(lambda: allocate(blend, dataset), 50)[0]:.2f}")
    for cents in (False, True):
        money = AllocationRequest(municipalities=codes, total=1_000_000_000, unit="euro", cents=cents)
        label = "euro € 1.000.000.000" + (" in cents" if cents else "")
        wall, best, cpu = _timed(lambda: allocate(money, dataset), 50)  # noqa: B023
        print(f"{label}, hamilton: full_median_ms {wall:.2f} full_best_ms {best:.2f} full_cpu_ms {cpu:.2f} (same work as 10000 homes)")
    print("engine = key shares, exact quotas, rounding (allocation.quota.plan);")
    print("full = allocate(): also resolving the 342 names, the rows and the complete Dutch trace")
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")

    koploper = ROOT / ".venv" / "bin" / "koploper"
    command = [str(koploper), "verdeel", "--regio", "MRA", "--totaal", "250"]
    within = True
    for label, argv in (("koploper verdeel --regio MRA --totaal 250", command), ("koploper verdeel ... --json", [*command, "--json"])):
        walls, cpus = [], []
        for _ in range(10):
            before = os.times()
            start = time.perf_counter()
            subprocess.run(argv, capture_output=True, check=True)
            walls.append((time.perf_counter() - start) * 1000)
            after = os.times()
            cpus.append((after.children_user + after.children_system - before.children_user - before.children_system) * 1000)
        print(f"{label}: wall_median_ms {statistics.median(walls):.0f} wall_best_ms {min(walls):.0f} cpu_median_ms {statistics.median(cpus):.0f} (10 runs)")
        within = within and min(walls) < COMMAND_TARGET_MS
    print(f"best wall time of the command {'within' if within else 'OVER'} the target of {COMMAND_TARGET_MS} ms")
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
