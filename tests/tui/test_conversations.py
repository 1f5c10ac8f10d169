"""Every reply is saved under KOPLOPER_HOME, and a saved conversation reopens with its turns."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import OptionList

from tests.tui.conftest import SIZE, allocation_json, ask, conversation, replies, wait_until
from tui.app import KoploperApp
from tui.screens.choice import ChoiceScreen
from tui.widgets.allocation_view import AllocationView
from tui.widgets.welcome import Welcome


async def test_saved_after_each_reply_and_reopened(make_app: Callable[[], KoploperApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ask(pilot, "Verdeel 120 woningen over Parkstad naar inwonertal")
        saved = app.saved_path
        assert saved is not None and saved.exists()
        assert saved.is_relative_to(app.settings.conversations_dir)
        first = saved.read_text(encoding="utf-8")
        await ask(pilot, "En als het er 300 zijn?")
        assert app.saved_path == saved
        assert len(saved.read_text(encoding="utf-8")) > len(first), "saved again after the second reply"

    other = make_app()
    async with other.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: other.conversation is not None)
        assert other.query(Welcome)
        await pilot.press("f3")
        await wait_until(pilot, lambda: isinstance(other.screen, ChoiceScreen))
        options = other.screen.query_one("#choices", OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert str(saved) in ids
        options.highlighted = ids.index(str(saved))
        await pilot.press("enter")
        await wait_until(pilot, lambda: len(replies(other)) == 2)
        views = other.query(AllocationView)
        assert [v.data["total"] for v in views] == [120, 300]
        assert not other.query(Welcome)
        assert len(conversation(other).turns) == 2
        follow = await ask(pilot, "En als het er 200 zijn?")
        assert allocation_json(follow)["total"] == 200, "the reopened conversation remembers its request"
