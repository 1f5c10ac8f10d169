"""The kennisbank's commands through the real `koploper` argument parser, on the session's index."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from assistant.cli import main
from koploper.settings import Settings
from tests.kennisbank.samples import make_all


def test_zoek_reads_questions_from_stdin_and_prints_json_lines(
    kb_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("Waar staat RHA voor?\n\nWie is de trainer van Ajax?\n"))
    assert main(["zoek", "-", "--json", "-k", "2"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["query"] for line in lines] == ["Waar staat RHA voor?", "Wie is de trainer van Ajax?"]
    assert "Regeling huisvesting aandachtsgroepen" in lines[0]["answer"]
    assert lines[1]["answer"] is None
    assert all(len(line["results"]) == 2 and set(line) == {"query", "answer", "note", "results"} for line in lines)


def test_zoek_prints_the_answer_with_numbered_citations(kb_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["zoek", "Wat is een woonzorgvisie volgens de MRA?", "--regio", "MRA", "-k", "2"]) == 0
    out = capsys.readouterr().out
    assert "Antwoord:" in out and "[1]" in out and "Citaten:" in out
    assert "peildatum" in out and "Beste passages:" in out


def test_zoek_without_index_explains_what_to_do(
    model_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KOPLOPER_HOME", str(tmp_path))
    monkeypatch.setenv("KOPLOPER_EMBEDDING_MODEL", str(model_dir))
    assert main(["zoek", "Wat is een woonzorgvisie?"]) == 1
    assert "koploper voorbereiden" in capsys.readouterr().err


def test_bronnen_lists_cards_with_chunks_and_dates(kb_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bronnen", "--json"]) == 0
    sources = json.loads(capsys.readouterr().out)
    assert any(s["source"] == "bronnen/begrippenlijst.md" and s["chunks"] > 0 for s in sources)
    assert main(["bronnen"]) == 0
    out = capsys.readouterr().out
    assert "Bronnen in de kennisbank" in out and "Peildatum" in out


def test_voorbereiden_is_a_no_op_when_ready(kb_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Nothing is converted or indexed again (its time is measured in bench/bench_bounds.py)."""
    assert main(["voorbereiden"]) == 0
    out = capsys.readouterr().out
    assert "aanwezig" in out and "bijgewerkt" not in out and "voorbereiden in" not in out


def test_index_reports_added_and_skipped_files(
    cli_home: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = make_all(tmp_path / "eigen")
    assert main(["index", str(files["docx"]), str(files["empty"]), str(tmp_path / "bestaat-niet.pdf")]) == 0
    out = capsys.readouterr().out
    assert "Toegevoegd (1):" in out and "uitstroom.docx" in out
    assert "Overgeslagen (2):" in out
    assert "leeg.txt: het bestand is leeg" in out
    assert "bestaat-niet.pdf: bestaat niet" in out


def test_help_is_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["zoek", "--help"])
    out = capsys.readouterr().out
    assert "één vraag per regel" in out and "aantal resultaten" in out


def test_index_json_gives_the_skipped_files_as_data(
    cli_home: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "eigen"
    files = make_all(folder)
    (folder / "foute datum.md").write_text("---\npeildatum: 2024-13-45\n---\n\nTekst.\n", encoding="utf-8")
    (folder / "elders.txt").symlink_to("/etc/passwd")
    assert main(["index", str(folder), "--json"]) == 0, "skips are reported, the run completed"
    report = json.loads(capsys.readouterr().out)
    assert sorted(Path(p).name for p in report["added"]) == sorted(
        files[name].name for name in ("pdf", "docx", "cp1252", "html")
    )
    reasons = {Path(item["source"]).name: item["reason"] for item in report["skipped"]}
    assert set(reasons) == {"kapot.pdf", "leeg.txt", "binair.txt", "beveiligd.pdf", "foute datum.md", "elders.txt"}
    assert "ongeldige datum" in reasons["foute datum.md"] and "buiten de map" in reasons["elders.txt"]
    assert all(not p.endswith("passwd") for p in report["added"])
