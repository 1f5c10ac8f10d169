"""A FIFO or a link to /dev/zero as the user's data file never holds the app: `/data` answers in Dutch,
and a saved conversation whose data file became a FIFO opens, with a notification, while the app
goes on answering."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets import Input

from assistant.api import Assistant, save_conversation
from koploper.settings import Settings
from tests.tui.conftest import SIZE, ask, wait_until
from tui.app import KoploperApp
from tui.screens.choice import ChoiceScreen
from tui.screens.path_prompt import PathPrompt
from tui.widgets.messages import AssistantMessage
from tui.widgets.status_bar import FAILED, StatusBar

PARKSTAD = ["Beekdaelen", "Brunssum", "Heerlen", "Kerkrade", "Landgraaf", "Simpelveld", "Voerendaal"]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KOPLOPER_HOME", str(tmp_path))
    monkeypatch.setenv("KOPLOPER_EMBEDDING_MODEL", str(tmp_path / "geen-model"))
    return tmp_path


async def test_data_command_with_a_fifo_and_dev_zero(home: Path) -> None:
    fifo = home / "cijfers.csv"
    os.mkfifo(fifo)
    zero = home / "nullen.csv"
    zero.symlink_to("/dev/zero")
    app = KoploperApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.query_one(StatusBar).knowledge == FAILED)
        for path in (fifo, zero):
            reply = await ask(pilot, f"/data {path}", timeout=30)
            assert "geen gewoon bestand" in reply.reply.answer
        after = await ask(pilot, "Verdeel 10 woningen over Parkstad")
        assert after.reply.allocation is not None


async def test_saved_conversation_whose_data_file_became_a_fifo(home: Path) -> None:
    data = home / "eigen.csv"
    data.write_text("gemeente;plekken\n" + "".join(f"{name};{i + 1}\n" for i, name in enumerate(PARKSTAD)), encoding="utf-8")
    assistant = Assistant(Settings(home=home))
    conversation = assistant.new_conversation()
    conversation.load_user_data(data)
    conversation.ask("Verdeel 10 woningen over Parkstad naar plekken")
    save_conversation(conversation, home / "gesprekken")
    data.unlink()
    os.mkfifo(data)

    app = KoploperApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.query_one(StatusBar).knowledge == FAILED)
        await pilot.press("f3")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        await pilot.press("enter")
        await wait_until(pilot, lambda: any("niet opnieuw geladen" in n.message for n in app._notifications), timeout=30)
        note = next(n for n in app._notifications if "niet opnieuw geladen" in n.message)
        assert note.severity == "error" and "FIFO" in note.message
        assert app.conversation is not None and app.conversation.user_data is None
        follow = await ask(pilot, "Verdeel 20 woningen over Parkstad")
        assert follow.reply.allocation is not None and follow.reply.allocation["total"] == 20


async def test_f6_with_a_fifo_and_a_missing_file(home: Path) -> None:
    fifo = home / "pijp.csv"
    os.mkfifo(fifo)
    app = KoploperApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.query_one(StatusBar).knowledge == FAILED)
        for path in (fifo, home / "bestaat-niet.csv"):
            await pilot.press("f6")
            await wait_until(pilot, lambda: isinstance(app.screen, PathPrompt))
            app.screen.query_one("#path-input", Input).value = str(path)
            await pilot.press("enter")
            await wait_until(pilot, lambda: not app.busy, timeout=30)
        await pilot.pause(0.2)
        answers = [reply.reply.answer for reply in app.query(AssistantMessage)]
        assert any("FIFO" in answer for answer in answers), answers
        assert any("Bestand niet gevonden" in n.message and n.severity == "error" for n in app._notifications)
        after = await ask(pilot, "Verdeel 10 woningen over Parkstad")
        assert after.reply.allocation is not None
