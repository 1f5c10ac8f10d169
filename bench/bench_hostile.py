"""What each hostile input costs before it is refused or made harmless (issue 23).

Run from the project root:  .venv/bin/python bench/bench_hostile.py

Every case runs in a fresh interpreter, so its time and memory are its own: the seconds from the
call until it was refused (or shown inert, or exported as text; modules and shipped figures are loaded
before the clock starts), the peak of Python's own allocations during the call (tracemalloc) and the
process's peak resident size (imports included). The target is
none over 30 s or 500 MB; exits 1 when a case is over, or did not end the way it should.
The knowledge base's cases (a .docx zip bomb, a PDF of 1000 pages sharing one content stream, a PDF
page too slow to read, a file swapped for a FIFO or a link to /etc/passwd) each run
`build_index` on a copy of a home with the cards indexed (built once, before the cases): the time is the
whole run that skips the file, the memory includes the reading worker (RUSAGE_CHILDREN).
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

os.environ["KOPLOPER_VECTOR_CACHE_MB"] = "0"  # timed index runs embed every passage, whatever an earlier run cached

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
    with (
        zipfile.ZipFile(folder / "bom.xlsx", "w", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet,
    ):
        block = b"<row><c><v>0</v></c></row>" * 40_000
        for _ in range(1_000_000_000 // len(block)):
            sheet.write(block)
    lines = ["gemeente;=2+5;+cmd|' /C calc'!A0;@SUM(A1:A9)"]
    lines += [f"{name};{i + 1};{i + 2};{i + 3}" for i, name in enumerate(PARKSTAD)]
    (folder / "formules.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    saved = {"version": 2, "id": "20260101-000000-abcdef", "title": "x", "state": {"last_request": 5},
             "turns": [{"question": 1, "reply": {"answer": [1, 2]}}]}
    (folder / "gesprek.json").write_text(json.dumps(saved), encoding="utf-8")


def make_kennisbank_files(folder: Path) -> None:
    """The knowledge base's hostile files, and a home with the cards indexed that each case copies."""
    from tests.kennisbank.hostile_files import shared_stream_pdf, zip_bomb_docx

    for name in ("bom", "paginas", "traag", "pijp", "koppeling"):
        (folder / "kb" / name).mkdir(parents=True)
    zip_bomb_docx(folder / "kb" / "bom" / "bom.docx", unpacked_mb=190)  # as in the issue: ~260 kB → 189 MB
    shared_stream_pdf(folder / "kb" / "paginas" / "paginas.pdf", pages=1000, stream_mb=5)  # ~170 kB
    shared_stream_pdf(folder / "kb" / "traag" / "traag.pdf", pages=1, stream_mb=5)  # within every size limit
    for name in ("pijp", "koppeling"):
        (folder / "kb" / name / "notulen.md").write_text("# Notulen\n\nTekst over de woonzorgvisie.\n", encoding="utf-8")
    # in a child: this process's peak memory (the model) would be inherited by every case it starts
    subprocess.run([sys.executable, __file__, "--cards", str(folder)], check=True, cwd=ROOT)


def make_cards_home(folder: Path) -> None:
    """In a child: the cards home, and the homes whose file is swapped after a first run (the model that
    run loads is not what the swapped file costs)."""
    from _setup import cards_home, copy_home

    from kennisbank.ingest.indexer import build_index
    from koploper.settings import load_settings

    base = cards_home(folder / "kb" / "basis", load_settings().model_path)
    for name, swap in (("pijp", _swap_fifo), ("koppeling", _swap_link)):
        home = copy_home(base, folder / "kb" / f"home-{name}")
        build_index(home, [folder / "kb" / name])
        swap(folder / "kb" / name)


def _index(folder: Path, name: str) -> str:
    """Index the case's folder in a copy of the cards home (or in the home prepared for it); a run on
    another copy first, so that what is measured is the file, not opening the store for the first time."""
    from _setup import copy_home

    from kennisbank.ingest.indexer import build_index
    from koploper.settings import Settings, load_settings

    model = load_settings().model_path
    base = Settings(home=folder / "kb" / "basis", embedding_model=model)
    prepared = folder / "kb" / f"home-{name}"
    home = Settings(home=prepared, embedding_model=model) if prepared.exists() else copy_home(base, prepared)
    build_index(copy_home(base, folder / "kb" / f"warm-{name}"), [])
    target = folder / "kb" / name
    tracemalloc.reset_peak()
    _CLOCK.append(time.perf_counter())  # the run that meets the hostile file is what is measured
    report = build_index(home, [target])
    skipped = "; ".join(f"{Path(s.source).name}: {s.reason}" for s in report.skipped)
    return skipped[:110] if skipped else f"{len(report.added)} toegevoegd, {len(report.removed)} verwijderd"


_CLOCK: list[float] = []
"""When a case sets it: the moment its measured part started (after its preparation)."""


def _swap_fifo(target: Path) -> None:
    (target / "notulen.md").unlink()
    os.mkfifo(target / "notulen.md")


def _swap_link(target: Path) -> None:
    (target / "notulen.md").unlink()
    (target / "notulen.md").symlink_to("/etc/passwd")


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
    from openpyxl import load_workbook

    from allocation.engine import allocate
    from allocation.export import export_result
    from allocation.models import AllocationRequest

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
    "index: .docx-zipbom (189 MB uitgepakt)": lambda folder: _index(folder, "bom"),
    "index: PDF 1000 pagina's, één stroom": lambda folder: _index(folder, "paginas"),
    "index: PDF-pagina te traag (tijdslimiet)": lambda folder: _index(folder, "traag"),
    "index: bestand vervangen door FIFO": lambda folder: _index(folder, "pijp"),
    "index: bestand vervangen door koppeling": lambda folder: _index(folder, "koppeling"),
}


def _warm_up() -> None:
    """The modules and shipped figures every case may use, loaded before the clock starts: the figures
    are the cost of the hostile input itself, not of starting Koploper."""
    import openpyxl  # noqa: F401

    import allocation.engine
    import allocation.export  # noqa: F401
    import assistant.api  # noqa: F401
    import kennisbank.ingest.indexer  # noqa: F401
    import koploper.inert_console
    import koploper.settings  # noqa: F401
    from allocation.data import load_dataset

    load_dataset()


def run_case(name: str, folder: Path) -> None:
    """In the child: run one case and print its figures as JSON."""
    _warm_up()
    tracemalloc.start()
    started = time.perf_counter()
    outcome = CASES[name](folder)
    seconds = time.perf_counter() - (_CLOCK[-1] if _CLOCK else started)
    _, peak = tracemalloc.get_traced_memory()
    rss_mb = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024
    print(json.dumps({"seconds": seconds, "python_mb": peak / 1e6, "rss_mb": rss_mb, "outcome": outcome}))


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--cards":
        make_cards_home(Path(sys.argv[2]))
        return 0
    if len(sys.argv) == 4 and sys.argv[1] == "--case":
        run_case(sys.argv[2], Path(sys.argv[3]))
        return 0
    failed = 0
    with tempfile.TemporaryDirectory(prefix="koploper-bench-hostile-") as temp:
        folder = Path(temp)
        make_files(folder)
        make_kennisbank_files(folder)
        print(f"{'geval':42} {'tijd':>8} {'python':>9} {'proces':>9}  uitkomst")
        for name in CASES:
            try:
                done = subprocess.run([sys.executable, __file__, "--case", name, str(folder)], capture_output=True,
                                      text=True, timeout=MAX_SECONDS * 20, cwd=ROOT)
                figures = json.loads(done.stdout.strip().splitlines()[-1])
            except (subprocess.TimeoutExpired, json.JSONDecodeError, IndexError):
                print(f"{name:42} MISLUKT (geen uitkomst binnen {MAX_SECONDS * 20:.0f} s)")
                failed += 1
                continue
            over = figures["seconds"] > MAX_SECONDS or figures["rss_mb"] > MAX_MB
            failed += over
            print(f"{name:42} {figures['seconds']:7.3f}s {figures['python_mb']:7.1f}MB {figures['rss_mb']:7.0f}MB  "
                  f"{figures['outcome']}{'  << BOVEN DOEL' if over else ''}")
    print(f"Doel: geen geval boven {MAX_SECONDS:.0f} s of {MAX_MB:.0f} MB; {failed} erboven of mislukt.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
