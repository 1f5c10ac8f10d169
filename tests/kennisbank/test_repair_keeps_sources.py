"""Repair keeps the user's sources: after damage, `index --opnieuw` reads the user's own folder again.

The list of what was indexed lived only in the database, so a damaged database took it along: the
rebuild brought back the shipped cards and silently dropped the user's files. Now the list is kept
beside the store too (written atomically), the damage message names what the rebuild brings back and
where the damaged index is set aside, and `bronnen` lists the user's files after the rebuild.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.cli import main
from kennisbank.store.embedded import EmbeddedStore
from kennisbank.store.records import META, STATE_ID
from koploper.settings import Settings


def _truncate(settings: Settings) -> None:
    path = settings.index_dir / "store" / "chroma.sqlite3"
    with open(path, "r+b") as handle:
        handle.truncate(path.stat().st_size // 3)


def _delete_store(settings: Settings) -> None:
    shutil.rmtree(settings.index_dir / "store")


def _garble_state(settings: Settings) -> None:
    store = EmbeddedStore(settings.index_dir)
    store.write_raw(META, STATE_ID, "{kapot", kind="state")
    store.close()


@pytest.mark.parametrize("damage", [_truncate, _garble_state, _delete_store])
def test_index_opnieuw_after_damage_reads_the_users_folder_again(
    damage: Callable[[Settings], None],
    cli_home: Settings,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tmp_path / "eigen map"
    folder.mkdir()
    (folder / "nachtopvang.md").write_text(
        "# Nachtopvang\n\nDe nachtopvang in Koploperstad heeft veertig bedden voor dak- en thuislozen.\n",
        encoding="utf-8",
    )
    (folder / "skaeve.txt").write_text(
        "Skaeve huse zijn woningen voor mensen die niet in een gewone wijk kunnen wonen.\n", encoding="utf-8"
    )
    assert main(["index", str(folder)]) == 0
    capsys.readouterr()

    damage(cli_home)

    if damage is not _delete_store:
        assert main(["zoek", "Wat is een woonzorgvisie?"]) == 1
        message = capsys.readouterr().err
        assert "koploper index --opnieuw" in message
        assert str(folder / "nachtopvang.md") in message and str(folder / "skaeve.txt") in message, message
        assert str(cli_home.index_dir / "beschadigd") in message, message

    assert main(["index", "--opnieuw"]) == 0
    capsys.readouterr()
    assert main(["bronnen", "--json"]) == 0
    sources = {Path(item["source"]).name: item for item in json.loads(capsys.readouterr().out)}
    assert {"nachtopvang.md", "skaeve.txt"} <= set(sources), sorted(sources)
    assert all(sources[name]["chunks"] > 0 for name in ("nachtopvang.md", "skaeve.txt"))
    if damage is not _delete_store:
        assert (cli_home.index_dir / "beschadigd").is_dir()
