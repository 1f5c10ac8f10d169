"""A knowledge question gets a cited answer; a citation opens the passage in the sources panel."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Button, Markdown, OptionList
from textual.widgets.markdown import MarkdownBlock

from tests.tui.conftest import SIZE, ask, conversation, wait_until
from tui.app import KoploperApp
from tui.screens.sources import SourcesScreen
from tui.widgets.citations import CitationBar


async def test_cited_answer_opens_passage_in_sources_panel(make_app: Callable[[], KoploperApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        message = await ask(pilot, "Hoeveel gemeenten doen mee in Parkstad?")
        reply = message.reply
        assert reply.intent == "knowledge"
        assert reply.sources, "the real knowledge base should find Parkstad material"
        assert "[1]" in reply.answer
        shown = message.query_one(".answer", Markdown).source
        assert "(#bron-1)" in shown, "citation marks in the text are links to the sources panel"

        buttons = list(message.query_one(CitationBar).query(Button))
        assert len(buttons) == len(reply.sources)
        assert str(buttons[0].label).startswith("[1] ")

        await pilot.click(buttons[0])
        await wait_until(pilot, lambda: isinstance(app.screen, SourcesScreen))
        panel = app.screen
        assert isinstance(panel, SourcesScreen)
        passage = panel.query_one("#passage", Markdown).source
        hit = reply.sources[0]
        assert hit.text.strip().splitlines()[0][:40] in passage
        assert hit.title in passage
        assert f"**Sectie:** {hit.section}" in passage
        if hit.page is not None:
            assert f"**Pagina:** {hit.page}" in passage
        if hit.reference_date:
            assert f"**Peildatum:** {hit.reference_date}" in passage

        if len(reply.sources) > 1:
            await pilot.press("down")
            await wait_until(pilot, lambda: panel.shown_index == 1)
            second = panel.query_one("#passage", Markdown).source
            assert reply.sources[1].title in second

        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, SourcesScreen))

        # The [1] in the running text is a link too; following it opens the same passage.
        paragraph = message.query_one(".answer", Markdown).query("MarkdownParagraph").first(MarkdownBlock)
        await paragraph.action_link("#bron-1")
        await wait_until(pilot, lambda: isinstance(app.screen, SourcesScreen))
        assert isinstance(app.screen, SourcesScreen) and app.screen.shown_index == 0
        await pilot.press("escape")


async def test_region_filter_is_set_on_the_conversation(make_app: Callable[[], KoploperApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.conversation is not None)
        await pilot.press("f4")
        await wait_until(pilot, lambda: bool(app.screen.query("#choices")))
        options = app.screen.query_one("#choices", OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert labels[0] == "Alle regio's"
        target = next(i for i, label in enumerate(labels) if "Parkstad" in label)
        options.highlighted = target
        await pilot.press("enter")
        await wait_until(pilot, lambda: conversation(app).region_filter is not None)
        assert "Parkstad" in (conversation(app).region_filter or "")
        assert "Parkstad" in str(app.query_one("#status").render())


async def test_region_profile_is_a_panel_and_sets_the_filter(make_app: Callable[[], KoploperApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        message = await ask(pilot, "/regio Parkstad")
        profile = message.reply.region_profile
        assert profile is not None and profile.region == "Stadsregio Parkstad Limburg"
        assert message.has_class("region-profile")
        assert message.border_title == "Regioprofiel Stadsregio Parkstad Limburg"
        tables = list(message.query("MarkdownTable"))
        assert tables and all(t.display for t in tables), "the members table of the profile is shown"
        assert conversation(app).region_filter == profile.region
        assert profile.region in str(app.query_one("#status").render())


async def test_status_bar_names_the_region_once(make_app: Callable[[], KoploperApp]) -> None:
    """'/regio Twente' sets Regio Enschede; the bar reads 'Regio: Enschede', not 'Regio: Regio Enschede'."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ask(pilot, "/regio Twente")
        assert conversation(app).region_filter == "Regio Enschede"
        status = str(app.query_one("#status").render())
        assert "Regio: Enschede" in status
        assert "Regio Enschede" not in status
