"""Indexing a real office folder: 200 generated files of which 20 are broken (issue 10).

Run from the project root:  .venv/bin/python bench/bench_messy_folder.py

The broken files (damaged Word and PDF, an alias bomb, a 50 MB file, a scan, links outside the folder,
a pipe, …) must cost next to nothing: the run over the whole folder is compared with a run over a copy
holding only its good files. Both start from the same index of the shipped cards, so only the folder's
own chunks are embedded. Prints both times and their ratio; exits 1 when the broken files add more than
BOUND (a fraction of the good run's time) plus a second.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from _setup import cards_home, copy_home

os.environ["KOPLOPER_VECTOR_CACHE_MB"] = "0"  # timed index runs embed every passage, whatever an earlier run cached

from kennisbank.ingest.indexer import build_index
from kennisbank.model.embedding import Embedder
from koploper.settings import load_settings
from tests.kennisbank.messy import make_messy_folder

BOUND = 0.25
"""The whole folder may take at most 25 % (plus 1 s) longer than its good files alone."""


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="koploper-bench-map-"))
    try:
        model = load_settings().model_path
        embedder = Embedder(model)
        base = cards_home(work / "basis", model, embedder)
        started = time.perf_counter()
        messy = make_messy_folder(work / "gedeelde schijf", work / "elders")
        generated = time.perf_counter() - started
        clean = work / "alleen goed"
        for name in messy.good:
            target = clean / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2((messy.folder / name).resolve(), target)
        times = {}
        for label, folder in (("alleen de goede bestanden", clean), ("hele map (200, 20 kapot)", messy.folder)):
            home = copy_home(base, work / label.replace(" ", "-"))
            report = build_index(home, [folder], embedder=embedder)
            times[label] = report.seconds
            print(
                f"{label:28} {report.seconds:6.1f} s  {len(report.added):3} toegevoegd, "
                f"{len(report.skipped):2} overgeslagen, {report.chunks_embedded} stukken ingebed"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    good, whole = times.values()
    print(f"map genereren {generated:.1f} s; verhouding hele map / goede bestanden: {whole / good:.2f}")
    within = whole <= good * (1 + BOUND) + 1.0
    print("binnen de grens" if within else "GRENS OVERSCHREDEN")
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
