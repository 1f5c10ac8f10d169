"""A share that goes offline keeps its entries; only really gone files or `--verwijder` leave the index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.cli import main
from kennisbank.ingest.discovery import Presence, presence, selected_for_removal, shipped_cards, source_key
from kennisbank.ingest.indexer import build_index
from kennisbank.models import IndexReport
from kennisbank.store.opening import open_store
from kennisbank.store.records import list_sources
from koploper.settings import Settings


def _write_share(folder: Path) -> list[Path]:
    from docx import Document

    folder.mkdir(parents=True)
    (folder / "Beleid").mkdir()
    first = folder / "woonvisie.md"
    first.write_text("# Woonvisie\n\nDe gemeente Kerkrade bouwt twintig woningen voor statushouders.\n", encoding="utf-8")
    second = folder / "Beleid" / "notitie.txt"
    second.write_text("Notitie\n\nHeerlen reserveert tien woningen voor uitstromers uit de opvang.\n", encoding="utf-8")
    third = folder / "Beleid" / "verslag.docx"
    word = Document()
    word.add_paragraph("Landgraaf opent in het najaar een pand met begeleid wonen voor jongeren.")
    word.save(str(third))
    return [first, second, third]


def _user_keys(settings: Settings) -> set[str]:
    manifest = open_store(settings).manifest()
    return {key for key in manifest.files if not key.startswith("bronnen/")}


def test_offline_share_keeps_its_entries_through_index_and_voorbereiden(cli_home: Settings, tmp_path: Path) -> None:
    share = tmp_path / "netwerkschijf"
    files = _write_share(share)
    keys = {source_key(path) for path in files}
    assert set(build_index(cli_home, [share]).added) == keys

    offline = tmp_path / "netwerkschijf-offline"
    share.rename(offline)  # the share disappears as a whole, as when the network drive is disconnected
    report = build_index(cli_home, [])
    assert not report.removed and set(report.unreachable) == keys
    assert _user_keys(cli_home) == keys
    marked = {info.source for info in list_sources(open_store(cli_home).files()) if info.unreachable}
    assert marked == keys  # `bronnen` says "niet bereikbaar bij de laatste run"
    assert main(["voorbereiden"]) == 0
    assert main(["index"]) == 0
    assert main(["index", str(share)]) == 0  # the folder named again while it is away
    assert _user_keys(cli_home) == keys

    offline.rename(share)  # back online: nothing to embed again
    back = build_index(cli_home, [])
    assert set(back.unchanged) >= keys and back.chunks_embedded == 0 and not back.unreachable
    assert not any(info.unreachable for info in list_sources(open_store(cli_home).files()))


def test_really_gone_files_leave_with_index_not_with_voorbereiden(cli_home: Settings, tmp_path: Path) -> None:
    share = tmp_path / "map"
    first, second, third = _write_share(share)
    build_index(cli_home, [share])
    second.unlink()  # the folder is reachable and the file is not in it
    assert main(["voorbereiden"]) == 0
    assert source_key(second) in _user_keys(cli_home)
    report = build_index(cli_home, [])
    assert report.removed == [source_key(second)]
    assert _user_keys(cli_home) == {source_key(first), source_key(third)}


def test_verwijder_removes_a_folder_even_while_it_is_unreachable(
    cli_home: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    share = tmp_path / "schijf"
    first, second, third = _write_share(share)
    build_index(cli_home, [share])
    share.rename(tmp_path / "weg")
    assert main(["index", "--verwijder", str(share / "Beleid"), "--verwijder", str(tmp_path / "nooit"), "--json"]) == 0
    out = capsys.readouterr().out
    assert sorted(json.loads(out)["removed"]) == sorted([source_key(second), source_key(third)])
    assert _user_keys(cli_home) == {source_key(first)}
    assert "staat niet in de index" in out


def test_presence_tells_gone_from_unreachable(tmp_path: Path) -> None:
    folder = tmp_path / "map"
    folder.mkdir()
    here = folder / "hier.md"
    here.write_text("x", encoding="utf-8")
    assert presence(str(here)) is Presence.PRESENT
    assert presence(str(folder / "weg.md")) is Presence.GONE
    assert presence(str(tmp_path / "offline" / "a.md")) is Presence.UNREACHABLE
    assert presence(str(here / "onder-een-bestand.md")) is Presence.UNREACHABLE


def test_cards_cannot_be_removed_and_unknown_paths_are_reported() -> None:
    card = shipped_cards()[0]
    keys = [source_key(card), "/data/schijf/a.md", "/data/schijf/b/c.md", "/data/schijfje/d.md"]
    report = IndexReport()
    assert selected_for_removal(keys, [Path("/data/schijf")], report) == {"/data/schijf/a.md", "/data/schijf/b/c.md"}
    assert selected_for_removal(keys, [card, Path("/elders")], report) == set()
    assert [s.reason for s in report.skipped] == [
        "meegeleverde kaarten blijven altijd in de index",
        "staat niet in de index; niets verwijderd",
    ]


def test_index_opnieuw_keeps_an_offline_share_with_its_passages(
    cli_home: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kennisbank.service import KnowledgeBase

    share = tmp_path / "netwerkschijf"
    files = _write_share(share)
    offline_keys = {source_key(path) for path in files}
    local = tmp_path / "lokaal" / "notitie.md"
    local.parent.mkdir()
    local.write_text("# Notitie\n\nSimpelveld zoekt drie woningen voor jongeren die de jeugdzorg verlaten.\n", encoding="utf-8")
    build_index(cli_home, [share, local])
    before = open_store(cli_home).files()

    share.rename(tmp_path / "netwerkschijf-offline")
    assert main(["index", "--opnieuw", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report["unreachable"]) == offline_keys and not report["removed"]
    assert source_key(local) in report["added"]  # reachable files are read and embedded again
    after = open_store(cli_home).files()
    assert _user_keys(cli_home) == offline_keys | {source_key(local)}
    for key in offline_keys:  # the offline files keep their passages, marked unreachable
        assert after[key].unreachable and after[key].chunk_ids == before[key].chunk_ids and after[key].hash
    assert open_store(cli_home).count() == len({cid for entry in after.values() for cid in entry.chunk_ids})
    response = KnowledgeBase.open(cli_home).search("Hoeveel woningen bouwt Kerkrade voor statushouders?", k=3)
    assert response.results[0].source == source_key(files[0])  # its passage still answers
    assert response.answer is not None and "twintig woningen" in response.answer

    (tmp_path / "netwerkschijf-offline").rename(share)  # back: nothing to embed again
    back = build_index(cli_home, [])
    assert back.chunks_embedded == 0 and not back.unreachable and set(back.unchanged) >= offline_keys


def test_index_opnieuw_after_damage_keeps_offline_files_listed_until_they_are_back(
    cli_home: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kennisbank.store.embedded import EmbeddedStore

    share = tmp_path / "netwerkschijf"
    files = _write_share(share)
    keys = {source_key(path) for path in files}
    build_index(cli_home, [share])
    store = EmbeddedStore(cli_home.index_dir)
    store.forget_state()  # the index as a whole is unknown: its vectors cannot be trusted
    store.close()
    share.rename(tmp_path / "weg")

    assert main(["index", "--opnieuw"]) == 0
    captured = capsys.readouterr()
    assert "niet bereikbaar" in captured.out + captured.err and "Traceback" not in captured.err
    listed = {info.source: info for info in list_sources(open_store(cli_home).files())}
    assert keys <= set(listed) and all(listed[key].unreachable and listed[key].chunks == 0 for key in keys)
    assert main(["voorbereiden"]) == 0, capsys.readouterr().err

    (tmp_path / "weg").rename(share)
    back = build_index(cli_home, [])
    assert set(back.added) | set(back.changed) >= keys and back.chunks_embedded >= len(keys)
    assert all(entry.chunk_ids and entry.hash for key, entry in open_store(cli_home).files().items() if key in keys)
