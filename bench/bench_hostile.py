"""What each hostile input costs before it is refused or made harmless (issue 23).

Run from the project root:  .venv/bin/python bench/bench_hostile.py

Every case runs in a fresh interpreter, so its time and memory are its own: the seconds from the
call until it was refused (or shown inert, or exported as text; modules and shipped figures are loaded
before the clock starts), the peak of Python's own allocations during the call (tracemalloc) and the
process's peak resident size (imports included). The target is
none over 30 s or 500 MB; exits 1 when a case is over, or did not end the way it should.
The hostile files of the knowledge base (zip bomb, repeated-stream PDF, link swap) join this list
with the kennisbank part of the issue.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

from _setup import ROOT

MAX_SECONDS = 30.0
MAX_MB = 500.0
PARKSTAD = ["Beekdaelen", "Brunssum", "Heerlen", "Kerkrade", "Landgraaf", "Simpelveld", "Voerendaal"]
ESCAPES = "\x1b]0;gekaapt\x07\x1b[2J\x1b]52;c;ZWNobyBwd25lZA==\x07 Rapport [/bold] 2024 [concept] :x: "


def make_files(folder: Path) -> None:
    """The hostile inputs, generated: a FIFO, a link to /dev/zero, a sparse 300 MB file, an .xlsx that
    unpacks to 1 GB, a data file with formula headers, a saved conversation with wrong field types."""
    os.mkfifo(folder / "fifo.csv")
    (folder / "nullen.csv").symlink_to("/dev/zero")
    with (folder / "groot.csv").open("wb") as out:
        out.truncate(300_000_000)
    with zipfile.ZipFile(folder / "bom.xlsx", "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            block = b"<row><c><v>0</v></c></row>" * 40_000
            for _ in range(1_000_000_000 // len(block)):
                sheet.write(block)
    lines = ["gemeente;=2+5;+cmd|' /C calc'!A0;@SUM(A1:A9)"]
    lines += [f"{name};{i + 1};{i + 2};{i + 3}" for i, name in enumerate(PARKSTAD)]
    (folder / "formules.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    saved = {"version": 2, "id": "20260101-000000-abcdef", "title": "x", "state": {"last_request": 5},
             "turns": [{"question": 1, "reply": {"answer": [1, 2]}}]}
    (folder / "gesprek.json").write_text(json.dumps(saved), encoding="utf-8")


def _refused(call: Callable[[], object], *expected: type[BaseException]) -> str:
    try:
        call()
    except expected as exc:
        return str(getattr(exc, "message", exc)).split(". ")[0][:70]
    raise AssertionError("not refused")


def _data(path: Path) -> str:
    from allocation.errors import AllocationError
    from allocation.userdata import read_user_data

    return _refused(lambda: read_user_data(path), AllocationError)


def _escapes_inert(_: Path) -> str:
    from koploper.inert import screen_text

    shown = screen_text(ESCAPES * 200_000, newlines=True)  # 13 MB of escapes and markup in one document
    assert "\x1b" not in shown
    return f"{len(shown) / 1e6:.0f} miljoen tekens zonder ESC"


def _console_inert(_: Path) -> str:
    from koploper.inert_console import InertConsole

    with open(os.devnull, "w", encoding="utf-8") as sink:
        InertConsole(file=sink, force_terminal=True, width=100).print(ESCAPES * 20_000)
    return "1,3 miljoen tekens geprint, ESC zichtbaar"


def _formula_export(folder: Path) -> str:
    from allocation.engine import allocate
    from allocation.export import export_result
    from allocation.models import AllocationRequest
    from openpyxl import load_workbook

    request = AllocationRequest.parse(region="Parkstad", total=10, key={"+cmd|'_/c_calc'!a0": 1},
                                      data_path=str(folder / "formules.csv"), data_source='=HYPERLINK("x")',
                                      data_reference_date="=cmd|' /C calc'!A0")
    target = export_result(allocate(request), folder / "verdeling.xlsx")
    formulas = [c for sheet in load_workbook(target) for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert not formulas
    return "xlsx zonder formulecellen"


def _setting(_: Path) -> str:
    from koploper.env import SettingsError
    from koploper.settings import Settings

    os.environ["KOPLOPER_MAX_FILE_MB"] = "1e400"
    return _refused(Settings, SettingsError)


def _saved(folder: Path) -> str:
    from assistant.api import load_conversation

    return _refused(lambda: load_conversation(folder / "gesprek.json"), ValueError)


def _export_name(folder: Path) -> str:
    from allocation.errors import AllocationError
    from allocation.export import check_export_path

    return _refused(lambda: check_export_path(folder / ("a" * 300 + ".xlsx")), AllocationError)


def _huge_total(_: Path) -> str:
    from allocation.errors import AllocationError
    from allocation.models import AllocationRequest

    return _refused(lambda: AllocationRequest.parse(region="Parkstad", total="9" * 23), AllocationError)


CASES: dict[str, Callable[[Path], str]] = {
    "--data FIFO": lambda folder: _data(folder / "fifo.csv"),
    "--data koppeling naar /dev/zero": lambda folder: _data(folder / "nullen.csv"),
    "--data 300 MB (ijl bestand)": lambda folder: _data(folder / "groot.csv"),
    "--data xlsx die uitpakt tot 1 GB": lambda folder: _data(folder / "bom.xlsx"),
    "escapes in 13 MB tekst (screen_text)": _escapes_inert,
    "escapes geprint (InertConsole)": _console_inert,
    "formules in export (xlsx)": _formula_export,
    "KOPLOPER_MAX_FILE_MB=1e400": _setting,
    "bewaard gesprek, verkeerde typen": _saved,
    "--export naam van 300 tekens": _export_name,
    "totaal 99999999999999999999999": _huge_total,
}


def _warm_up() -> None:
    """The modules and shipped figures every case may use, loaded before the clock starts: the figures
    are the cost of the hostile input itself, not of starting Koploper."""
    import openpyxl  # noqa: F401

    import allocation.engine  # noqa: F401
    import allocation.export  # noqa: F401
    import assistant.api  # noqa: F401
    import koploper.inert_console  # noqa: F401
    import koploper.settings  # noqa: F401
    from allocation.data import load_dataset

    load_dataset()


def run_case(name: str, folder: Path) -> None:
    """In the child: run one case and print its figures as JSON."""
    _warm_up()
    tracemalloc.start()
    started = time.perf_counter()
    outcome = CASES[name](folder)
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "python_mb": peak / 1e6, "rss_mb": rss_mb, "outcome": outcome}))


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--case":
        run_case(sys.argv[2], Path(sys.argv[3]))
        return 0
    failed = 0
    with tempfile.TemporaryDirectory(prefix="koploper-bench-hostile-") as temp:
        folder = Path(temp)
        make_files(folder)
        print(f"{'geval':38} {'tijd':>8} {'python':>9} {'proces':>9}  uitkomst")
        for name in CASES:
            try:
                done = subprocess.run([sys.executable, __file__, "--case", name, str(folder)], capture_output=True,
                                      text=True, timeout=MAX_SECONDS * 4, cwd=ROOT)
                figures = json.loads(done.stdout.strip().splitlines()[-1])
            except (subprocess.TimeoutExpired, json.JSONDecodeError, IndexError):
                print(f"{name:38} MISLUKT (geen uitkomst binnen {MAX_SECONDS * 4:.0f} s)")
                failed += 1
                continue
            over = figures["seconds"] > MAX_SECONDS or figures["rss_mb"] > MAX_MB
            failed += over
            print(f"{name:38} {figures['seconds']:7.3f}s {figures['python_mb']:7.1f}MB {figures['rss_mb']:7.0f}MB  "
                  f"{figures['outcome']}{'  << BOVEN DOEL' if over else ''}")
    print(f"Doel: geen geval boven {MAX_SECONDS:.0f} s of {MAX_MB:.0f} MB; {failed} erboven of mislukt.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
