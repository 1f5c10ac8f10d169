"""Saved conversations are safe to open: a crafted id never makes the app write outside
KOPLOPER_HOME, a bad file is skipped with a Dutch notice and never hides the others, times are local."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from textual.widgets import OptionList

from assistant.api import load_conversation, save_conversation, scan_conversations
from assistant.session import Assistant
from koploper.settings import Settings
from tests.tui.conftest import SIZE, ask, replies, wait_until
from tui.app import KoploperApp
from tui.conversation_actions import local_time
from tui.screens.choice import ChoiceScreen

if TYPE_CHECKING:
    from kennisbank.service import KnowledgeBase


def _app(home: Path, knowledge_base: KnowledgeBase) -> KoploperApp:
    return KoploperApp(assistant=Assistant(Settings(home=home), knowledge=knowledge_base))


def _crafted(folder: Path, name: str, conversation_id: str) -> Path:
    """A saved conversation (one real allocation turn) whose id is `conversation_id`."""
    conversation = Assistant(Settings(home=folder.parent)).new_conversation()
    conversation.ask("Verdeel 120 woningen over Parkstad naar inwonertal")
    data = conversation.to_json()
    data["id"] = conversation_id
    path = folder / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("crafted_id", ["../../buiten", "/tmp/koploper-buiten", "a/../../b", "..", "x\\..\\y", ""])
def test_a_crafted_id_never_writes_outside_the_folder(tmp_path: Path, crafted_id: str) -> None:
    folder = tmp_path / "home" / "gesprekken"
    folder.mkdir(parents=True)
    path = _crafted(folder, "gesprek.json", crafted_id)
    conversation = load_conversation(path)
    assert conversation.id != crafted_id
    conversation.ask("En als het er 300 zijn?")
    written = save_conversation(conversation, folder)
    assert written.resolve().parent == folder.resolve()
    outside = [p for p in tmp_path.rglob("*.json") if not p.resolve().is_relative_to(folder.resolve())]
    assert outside == [] and not Path("/tmp/koploper-buiten.json").exists()


def test_bad_files_are_skipped_by_name(tmp_path: Path) -> None:
    folder = tmp_path / "gesprekken"
    folder.mkdir()
    good = _crafted(folder, "goed.json", "20261128-100000-abcdef")
    (folder / "diep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (folder / "binair.json").write_bytes(b"\xff\xfe\x00\x01garbage")
    (folder / "lijst.json").write_text("[1, 2]", encoding="utf-8")
    _crafted(folder, "pad.json", "../pad")
    scan = scan_conversations(folder)
    assert [info.path for info in scan.conversations] == [good]
    assert sorted(scan.skipped) == ["binair.json", "diep.json", "lijst.json", "pad.json"]
    with pytest.raises(ValueError, match="te diep genest"):
        load_conversation(folder / "diep.json")


def test_times_are_shown_in_local_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()
    try:
        assert local_time("2026-11-25T09:12:00+00:00") == "2026-11-25 10:12"
        assert local_time("2026-07-01T09:12:00+00:00") == "2026-07-01 11:12"
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


async def test_app_lists_the_good_conversation_and_names_the_bad_ones(
    tmp_path: Path, knowledge_base: KnowledgeBase
) -> None:
    home = tmp_path / "home"
    folder = home / "gesprekken"
    folder.mkdir(parents=True)
    good = _crafted(folder, "goed.json", "20261128-100000-abcdef")
    (folder / "diep.json").write_text("{\"a\":" * 50_000 + "1" + "}" * 50_000, encoding="utf-8")
    (folder / "onleesbaar.json").write_text("{}", encoding="utf-8")
    os.chmod(folder / "onleesbaar.json", 0)
    app = _app(home, knowledge_base)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.conversation is not None)
        await pilot.press("f3")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        warnings = [n.message for n in app._notifications if n.severity == "warning"]
        assert any("overgeslagen" in m and "diep.json" in m for m in warnings), warnings
        options = app.screen.query_one("#choices", OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert ids == [str(good)]
        options.highlighted = 0
        await pilot.press("enter")
        await wait_until(pilot, lambda: len(replies(app)) == 1)
        await ask(pilot, "En als het er 300 zijn?")
        assert app.saved_path is not None and app.saved_path.resolve().parent == folder.resolve()
    outside = [p for p in tmp_path.rglob("*.json") if not p.resolve().is_relative_to(folder.resolve())]
    assert outside == []
