"""Hostile files and hostile text in the knowledge base (issue 23), through the real `koploper` commands.

Every hostile file is generated here in a temp folder: a link swapped in after indexing, a FIFO, a zip
bomb .docx, a PDF of many pages sharing one content stream, file names with non-UTF-8 bytes and newlines,
titles with markup and documents with terminal escapes. Each is skipped (or shown inert) with a Dutch
reason, and the run goes on. What each costs before it is skipped is measured in bench/bench_hostile.py.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from assistant.cli import main
from koploper.settings import Settings


def _index_json(capsys: pytest.CaptureFixture[str], *paths: Path) -> dict[str, list[Any]]:
    capsys.readouterr()
    assert main(["index", "--json", *map(str, paths)]) == 0
    report: dict[str, list[Any]] = json.loads(capsys.readouterr().out)
    return report


def _reasons(report: dict[str, list[Any]]) -> dict[str, str]:
    return {Path(item["source"]).name: item["reason"] for item in report["skipped"]}


def test_a_file_swapped_for_a_link_out_of_its_folder_leaves_the_index(
    cli_home: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "s"
    folder.mkdir()
    secret = tmp_path / "geheim.md"
    secret.write_text("# Geheim\n\nwachtwoord hunter2 staat hier.\n", encoding="utf-8")
    notes = folder / "notulen.md"
    notes.write_text("# Notulen\n\nTekst over de woonzorgvisie.\n", encoding="utf-8")
    first = _index_json(capsys, folder)
    assert [Path(key).name for key in first["added"]] == ["notulen.md"]

    notes.unlink()
    notes.symlink_to(secret)
    known = _index_json(capsys)  # a plain `koploper index` reads again what the index knows
    assert not known["changed"] and not known["added"]
    assert "koppeling" in _reasons(known)["notulen.md"]
    assert [Path(key).name for key in known["removed"]] == ["notulen.md"]
    again = _index_json(capsys, folder)  # the folder named again: the walk does not follow the link either
    assert not again["changed"] and not again["added"]
    assert "koppeling" in _reasons(again)["notulen.md"]
    assert main(["zoek", "hunter2 wachtwoord", "--json", "-k", "3"]) == 0
    assert not any("hunter2" in hit["text"] for hit in json.loads(capsys.readouterr().out)["results"])
    assert main(["bronnen", "--json"]) == 0
    assert not any(s["source"].endswith("notulen.md") for s in json.loads(capsys.readouterr().out))


def test_a_file_swapped_for_a_fifo_is_never_opened(
    cli_home: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "s"
    folder.mkdir()
    notes = folder / "notulen.md"
    notes.write_text("# Notulen\n\nTekst over de woonzorgvisie.\n", encoding="utf-8")
    _index_json(capsys, folder)
    notes.unlink()
    os.mkfifo(notes)  # nobody writes to it: opening it for reading would wait for ever
    report = _index_json(capsys, folder)
    assert "geen gewoon bestand" in _reasons(report)["notulen.md"]
    assert [Path(key).name for key in report["removed"]] == ["notulen.md"]


def test_the_safe_open_refuses_links_and_fifos_without_waiting(tmp_path: Path) -> None:
    import signal

    from kennisbank.ingest.discovery import file_hash
    from kennisbank.ingest.safe_open import Refused, check_in_place

    fifo, link, plain = tmp_path / "pijp.md", tmp_path / "koppeling.md", tmp_path / "gewoon.md"
    os.mkfifo(fifo)
    plain.write_text("# Gewoon\n", encoding="utf-8")
    link.symlink_to(plain)
    folder_link = tmp_path / "map"
    folder_link.symlink_to(tmp_path, target_is_directory=True)

    def waited(*_: object) -> None:
        raise AssertionError("opened a FIFO and waited for a writer")

    signal.signal(signal.SIGALRM, waited)
    signal.alarm(20)  # a safety net for the code before the fix, which waits for ever
    try:
        with pytest.raises(Refused, match="geen gewoon bestand"):
            file_hash(fifo)
        with pytest.raises(Refused, match="koppeling"):
            file_hash(link)
        with pytest.raises(Refused, match="koppeling"):
            check_in_place(link)
        with pytest.raises(Refused, match="koppeling"):
            check_in_place(folder_link / "gewoon.md")  # a folder above it became a link
        check_in_place(plain)
        assert len(file_hash(plain)) == 64
    finally:
        signal.alarm(0)


def test_every_file_has_a_budget_and_the_run_goes_on(
    cli_home: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.kennisbank.hostile_files import shared_stream_pdf, zip_bomb_docx

    folder = tmp_path / "map"
    folder.mkdir()
    zip_bomb_docx(folder / "bom.docx", unpacked_mb=3)  # the real one is 261 kB → 189 MB; small here, limits too
    shared_stream_pdf(folder / "paginas.pdf", pages=60, stream_mb=0.05)
    (folder / "lang.md").write_text("# Lang\n\n" + "".join(f"Alinea {n}: " + "woningen voor aandachtsgroepen worden eerlijk verdeeld. " * 4 + "\n\n" for n in range(8)), encoding="utf-8")
    (folder / "gewoon.md").write_text("# Gewoon\n\nDe verdeling van woningen in de regio.\n", encoding="utf-8")
    monkeypatch.setenv("KOPLOPER_MAX_UNPACKED_MB", "1")
    monkeypatch.setenv("KOPLOPER_MAX_PASSAGES", "3")
    report = _index_json(capsys, folder)
    reasons = _reasons(report)
    assert "KOPLOPER_MAX_UNPACKED_MB" in reasons["bom.docx"] and "Word" in reasons["bom.docx"]
    assert "KOPLOPER_MAX_UNPACKED_MB" in reasons["paginas.pdf"] and "PDF" in reasons["paginas.pdf"]
    assert "te veel stukken" in reasons["lang.md"] and "KOPLOPER_MAX_PASSAGES" in reasons["lang.md"]
    assert [Path(key).name for key in report["added"]] == ["gewoon.md"]

    monkeypatch.setenv("KOPLOPER_MAX_PDF_PAGES", "59")
    monkeypatch.setenv("KOPLOPER_MAX_UNPACKED_MB", "100")
    assert "KOPLOPER_MAX_PDF_PAGES" in _reasons(_index_json(capsys, folder))["paginas.pdf"]


def test_a_file_that_takes_too_long_is_stopped_and_the_lock_is_free(
    cli_home: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "map"
    folder.mkdir()
    (folder / "gewoon.md").write_text("# Gewoon\n\nDe verdeling van woningen in de regio.\n", encoding="utf-8")
    monkeypatch.setenv("KOPLOPER_MAX_FILE_SECONDS", "0.001")  # no worker starts and reads a file that fast
    report = _index_json(capsys, folder)
    assert "KOPLOPER_MAX_FILE_SECONDS" in _reasons(report)["gewoon.md"] and not report["added"]
    monkeypatch.delenv("KOPLOPER_MAX_FILE_SECONDS")
    assert [Path(key).name for key in _index_json(capsys, folder)["added"]] == ["gewoon.md"]  # the lock was let go


@pytest.mark.parametrize("name", ["max_unpacked_mb", "max_pdf_pages", "max_passages", "max_file_seconds"])
@pytest.mark.parametrize("value", ["0", "nan", "abc", "1e400"])
def test_budget_settings_are_validated_in_dutch(name: str, value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from koploper.env import SettingsError

    monkeypatch.setenv(f"KOPLOPER_{name.upper()}", value)
    with pytest.raises(SettingsError, match=f"KOPLOPER_{name.upper()}=.*Geef bijvoorbeeld KOPLOPER_{name.upper()}="):
        Settings()


def test_names_titles_and_text_from_files_reach_the_screen_inert(
    cli_home: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.kennisbank.hostile_files import ESCAPES, MARKUP_TITLES

    monkeypatch.setenv("COLUMNS", "400")  # one table row per line
    folder = tmp_path / "map"
    folder.mkdir()
    (folder / os.fsdecode(b"\xffrapport \xe9.md")).write_text("# Latijn\n\nEen naam in Latin-1 bytes.\n", encoding="utf-8")
    (folder / "regel\nbreuk.md").write_text("# Breuk\n\nEen naam met een regeleinde.\n", encoding="utf-8")
    for number, title in enumerate(MARKUP_TITLES):
        (folder / f"opmaak{number}.md").write_text(f"---\ntitel: \"{title}\"\n---\n\nTekst {number} over opmaak.\n", encoding="utf-8")
    body = "Het wachtwoord zwartemaan staat in het klembord :x: " + ESCAPES + " en verder gewone tekst. " * 12
    (folder / "escapes.md").write_text(f"# Escapes\n\n{body}\n", encoding="utf-8")

    assert main(["index", str(folder)]) == 0
    shown = capsys.readouterr().out
    assert "\x1b" not in shown and "Toegevoegd (5)" in shown
    assert "  " + str((folder / "regel breuk.md").resolve()) in shown.splitlines()
    assert "\ufffdrapport \ufffd.md" in shown

    assert main(["bronnen"]) == 0
    table = capsys.readouterr().out
    assert all(title in table for title in MARKUP_TITLES), table
    assert "\ufffdrapport" in table and "\x1b" not in table
    assert main(["bronnen", "--json"]) == 0
    titles = {s["title"] for s in json.loads(capsys.readouterr().out)}
    assert set(MARKUP_TITLES) <= titles

    assert main(["zoek", "zwartemaan klembord", "-k", "1"]) == 0
    answer = capsys.readouterr().out
    assert "\x1b" not in answer and "\x07" not in answer and "␛]0;gekaapt" in answer
    assert ":x:" in answer and "\u274c" not in answer
    assert main(["zoek", "zwartemaan klembord", "-k", "1", "--json"]) == 0
    assert ESCAPES in json.loads(capsys.readouterr().out)["results"][0]["text"]  # --json keeps the text exact
