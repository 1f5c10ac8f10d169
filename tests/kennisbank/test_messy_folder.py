"""Indexing a real office folder: 200 generated files, a tenth broken; links that lead outside it.

Every good file is indexed, every bad one is reported with its Dutch reason, the run completes, and
nothing outside the folder enters the index. Speed of this run is measured in bench/bench_messy_folder.py.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kennisbank.ingest.discovery import expand_paths
from kennisbank.ingest.indexer import build_index
from kennisbank.models import IndexReport
from kennisbank.service import KnowledgeBase
from kennisbank.store.opening import open_store
from koploper.settings import Settings
from tests.kennisbank.messy import make_messy_folder


def test_every_good_file_in_every_bad_file_reported_nothing_from_outside(home: Settings, tmp_path: Path) -> None:
    messy = make_messy_folder(tmp_path / "gedeelde schijf", tmp_path / "elders")
    assert len(messy.good) + len(messy.bad) == 200 and len(messy.bad) >= 20

    report = build_index(home, [messy.folder])

    root = messy.folder.resolve()
    added = {str(Path(key).relative_to(root)) for key in report.added}
    assert added == set(messy.good), "every good file indexed, nothing else added"
    reasons = {str(Path(s.source).relative_to(messy.folder)): s.reason for s in report.skipped}
    assert set(reasons) == set(messy.bad), "every bad file reported, and only those"
    for name, fragment in messy.bad.items():
        assert fragment in reasons[name], (name, reasons[name])
    assert not report.removed and not report.changed

    manifest = open_store(home).manifest()
    for key in manifest.files:
        assert key.startswith("bronnen/") or Path(key).is_relative_to(root), key
    assert not any(key.startswith(str(messy.outside.resolve())) for key in manifest.files)
    assert all(len(entry.title) <= 300 for entry in manifest.files.values())
    assert "/etc/passwd" not in manifest.files

    knowledge_base = KnowledgeBase.open(home)
    utf16 = next(name for name in messy.good if name.endswith(".txt") and "Windows" in _text(messy.folder / name))
    hit = knowledge_base.search(messy.good[utf16], k=1, mode="bm25").results[0]
    assert Path(hit.source) == (messy.folder / utf16).resolve()
    assert "geheim" not in " ".join(h.text for h in knowledge_base.search("geheime notitie wachtwoord hunter2", k=5).results)

    # a second run reads nothing again and still reports the bad files
    again = build_index(home, [messy.folder])
    assert not again.added and again.chunks_embedded == 0
    assert {str(Path(s.source).relative_to(messy.folder)) for s in again.skipped} == set(messy.bad)


def _text(path: Path) -> str:
    from kennisbank.ingest.readers import decode_text

    return decode_text(path.read_bytes())


def test_symlink_to_a_file_outside_the_folder_is_not_followed(tmp_path: Path) -> None:
    folder, outside = tmp_path / "map", tmp_path / "buiten"
    folder.mkdir()
    outside.mkdir()
    (outside / "geheim.md").write_text("# Geheim\n\nNiet voor de kennisbank.\n", encoding="utf-8")
    (folder / "gewoon.md").write_text("# Gewoon\n\nWel voor de kennisbank.\n", encoding="utf-8")
    (folder / "geheim.md").symlink_to(outside / "geheim.md")
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "binnen.md").symlink_to(folder / "gewoon.md")
    (folder / "lus").symlink_to(folder, target_is_directory=True)
    report = IndexReport()
    assert expand_paths([folder], report) == [(folder / "gewoon.md").resolve()]
    reasons = {Path(s.source).name: s.reason for s in report.skipped}
    assert "buiten de map" in reasons["geheim.md"] and "buiten de map" in reasons["passwd.txt"]
    assert "kring" in reasons["lus"]


def test_unreadable_file_gets_a_dutch_reason(tmp_path: Path) -> None:
    """Root reads every file, so the check runs as 'nobody' in a user namespace; skipped without one."""
    locked = tmp_path / "afgeschermd.txt"
    locked.write_text("Afgeschermd\n\nDe notitie over de wachtlijst.\n", encoding="utf-8")
    locked.chmod(0)
    tmp_path.chmod(0o755)
    script = (
        "import sys; from pathlib import Path; from kennisbank.ingest.readers import ReadError, read_document\n"
        "try:\n    read_document(Path(sys.argv[1]), 2**20)\nexcept ReadError as e:\n    print(e.reason)\n"
    )
    command = [sys.executable, "-c", script, str(locked)]
    if os.geteuid() == 0:
        if shutil.which("unshare") is None:
            pytest.skip("als root zonder unshare is een onleesbaar bestand niet na te bootsen")
        command = ["unshare", "--user", *command]
    done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])})
    if done.returncode != 0 and "unshare" in done.stderr:
        pytest.skip(f"geen user namespace: {done.stderr.strip()}")
    assert done.stdout.strip() == "geen leesrechten voor dit bestand", done.stderr
