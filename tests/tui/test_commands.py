"""Keys, palette, start screen and errors: everything reachable, in Dutch, never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.command import CommandList, CommandPalette
from textual.widgets import Input, OptionList

from tests.tui.conftest import SIZE, ask, replies, wait_until
from tui.app import KoploperApp
from tui.commands import APP_COMMANDS
from tui.conversation_actions import DARK_THEME, LIGHT_THEME
from tui.screens.help import HelpScreen
from tui.screens.path_prompt import PathPrompt
from tui.widgets.allocation_view import AllocationView
from tui.widgets.welcome import Welcome


async def test_palette_lists_dutch_commands_and_runs_them(make_app: Callable[[], KoploperApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.conversation is not None)
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
        palette = app.screen
        assert palette.query_one(Input).placeholder == "Zoek een opdracht…"
        def shown() -> list[str]:
            options = palette.query_one(CommandList)
            return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]

        await pilot.press(*"xyzzy")
        await wait_until(pilot, lambda: any("Geen opdracht gevonden" in line for line in shown()), timeout=10)
        assert any("Geen opdracht gevonden" in line for line in shown()), shown()
        for _ in "xyzzy":
            await pilot.press("backspace")
        await pilot.press(*"hulp")
        await wait_until(pilot, lambda: bool(shown()) and "hulp" in shown()[0].lower(), timeout=10)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, HelpScreen))


def test_every_required_action_has_a_key_and_a_palette_entry() -> None:
    actions = {c.action for c in APP_COMMANDS}
    required = {"new_conversation", "export_markdown", "export_csv", "export_xlsx", "compare_methods",
                "filter_region", "load_data", "help", "quit"}
    assert required <= actions
    for command in APP_COMMANDS:
        assert command.key and command.title and command.help
    keys = [c.key for c in APP_COMMANDS]
    assert len(keys) == len(set(keys))


async def test_start_screen_example_is_asked(make_app: Callable[[], KoploperApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.conversation is not None)
        examples = app.query_one("#examples", OptionList)
        first_question = next(
            examples.get_option_at_index(i) for i in range(examples.option_count)
            if not examples.get_option_at_index(i).disabled
        )
        examples.focus()
        assert first_question.id is not None
        examples.highlighted = examples.get_option_index(first_question.id)
        await pilot.press("enter")
        await wait_until(pilot, lambda: len(replies(app)) == 1 and not app.busy)
        assert replies(app)[0].reply.question == str(first_question.prompt).strip()
        assert not app.query(Welcome)


async def test_compare_methods_and_new_conversation(make_app: Callable[[], KoploperApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ask(pilot, "Verdeel 120 woningen over Parkstad naar inwonertal")
        await pilot.press("f5")
        await wait_until(pilot, lambda: len(replies(app)) == 2 and not app.busy)
        message = replies(app)[-1]
        assert message.reply.comparison is not None and len(message.reply.comparison.methods) == 3
        tables = list(message.query("MarkdownTable"))
        assert tables and all(t.display for t in tables), "the comparison table of the answer is shown"
        assert not message.query(AllocationView)
        first = app.conversation
        await pilot.press("f2")
        await pilot.pause()
        assert app.conversation is not first and not replies(app) and app.query(Welcome)


async def test_errors_are_dutch_notifications(make_app: Callable[[], KoploperApp], tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.conversation is not None)
        await pilot.press("f5")  # nothing to compare yet
        await pilot.press("f6")
        await wait_until(pilot, lambda: isinstance(app.screen, PathPrompt) and app.screen.ready)
        app.screen.query_one("#path-input", Input).value = str(tmp_path / "bestaat-niet.csv")
        await pilot.press("enter")
        bad = tmp_path / "kapot.csv"
        bad.write_text("dit is geen tabel\n\x00\x01", encoding="utf-8")
        await pilot.press("f6")
        await wait_until(pilot, lambda: isinstance(app.screen, PathPrompt) and app.screen.ready)
        app.screen.query_one("#path-input", Input).value = str(bad)
        await pilot.press("enter")
        await wait_until(pilot, lambda: not app.busy)
        await wait_until(pilot, lambda: len(app._notifications) >= 2, timeout=10)
        notes = [(n.message, n.severity) for n in app._notifications]
        assert any("nog geen verdeling" in m for m, _ in notes)
        assert any("Bestand niet gevonden" in m and s == "error" for m, s in notes)
        assert app.is_running


async def test_small_terminal_and_light_theme(make_app: Callable[[], KoploperApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.conversation is not None)
        question = app.query_one("#question", Input)
        await wait_until(pilot, lambda: question.region.height >= 1 and app.query_one("#examples").region.height >= 3, timeout=10)
        assert question.region.bottom <= 23 and question.region.height >= 1
        assert app.query_one("#examples").region.height >= 3
        assert app.theme == DARK_THEME
        await pilot.press("f12")
        assert app.theme == LIGHT_THEME
        message = await ask(pilot, "Verdeel 120 woningen over Parkstad naar inwonertal")
        assert message.region.width <= 80


async def test_own_data_file_is_loaded_and_used(make_app: Callable[[], KoploperApp], tmp_path: Path) -> None:
    data = tmp_path / "vrijkomend.csv"
    data.write_text(
        "gemeente;vrijkomende_woningen\nBeekdaelen;100\nBrunssum;100\nHeerlen;100\nKerkrade;100\n"
        "Landgraaf;100\nSimpelveld;100\nVoerendaal;100\n",
        encoding="utf-8",
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.conversation is not None)
        await pilot.press("f6")
        await wait_until(pilot, lambda: isinstance(app.screen, PathPrompt) and app.screen.ready)
        app.screen.query_one("#path-input", Input).value = str(data)
        await pilot.press("enter")
        await wait_until(pilot, lambda: len(replies(app)) == 1 and not app.busy)
        assert "vrijkomende_woningen" in replies(app)[0].reply.answer
        message = await ask(pilot, "Verdeel 70 woningen over Parkstad naar vrijkomende woningen")
        allocation = message.reply.allocation
        assert allocation is not None and allocation["key"] == {"vrijkomende_woningen": 1.0}
        assert [row["allocated"] for row in allocation["rows"]] == [10] * 7


async def test_question_history_with_up_and_down(make_app: Callable[[], KoploperApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ask(pilot, "Verdeel 120 woningen over Parkstad naar inwonertal")
        await ask(pilot, "En als het er 300 zijn?")
        field = app.query_one("#question", Input)
        assert field.value == ""
        await pilot.press(*"con")
        await pilot.press("up")
        assert field.value == "En als het er 300 zijn?"
        await pilot.press("up")
        assert field.value == "Verdeel 120 woningen over Parkstad naar inwonertal"
        await pilot.press("up")
        assert field.value == "Verdeel 120 woningen over Parkstad naar inwonertal"
        await pilot.press("down")
        assert field.value == "En als het er 300 zijn?"
        await pilot.press("down")
        assert field.value == "con", "the draft comes back"


async def test_the_app_shows_the_examples_the_assistant_tests_run(make_app: Callable[[], KoploperApp]) -> None:
    """The welcome list and the help are the examples tests/assistant/test_examples.py asks one by one;
    the example in the empty question line is asked here, through the app."""
    from assistant.api import EXAMPLES

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.conversation is not None)
        shown = app.query_one(Welcome).questions
        assert shown == [q for questions in EXAMPLES.values() for q in questions]
        question = app.query_one("#question", Input)
        example = question.placeholder.split("bijvoorbeeld: ", 1)[1]
        message = await ask(pilot, example)
        assert message.reply.intent == "allocation" and message.reply.result is not None, message.reply.answer
