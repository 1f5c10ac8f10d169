"""One turn of the conversation on screen: the question as typed, the reply as the assistant gave it.

The assistant's answer is Markdown that is complete on its own (the command line prints it too). Where
the app shows a part of it as a richer widget — the allocation table as a DataTable, the trace in a
collapsible, the source list as citation buttons — that part of the Markdown is left out when it is
parsed (the text itself is not rewritten): a hidden block that was mounted anyway cost some hundred
widgets per allocation reply, and every one of them made each later layout of the transcript slower.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import MutableMapping
from typing import TYPE_CHECKING, Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Markdown, Static
from textual.widgets.markdown import MarkdownBlock

from koploper.inert import screen_text
from tui.widgets.citations import CitationBar

if TYPE_CHECKING:
    from assistant.api import Hit, Reply

WAITING_NOTE = "wacht op de kennisbank…"
SOURCES_HEADING = "**Bronnen**"
TRACE_HEADING = "**Hoe is dit berekend?**"
CITATION = re.compile(r"(?<![\\\]])\[(\d{1,2})\](?!\()")
"""A citation mark as the assistant writes it: [1], not already escaped or part of a link."""
CITATION_HREF = "#bron-"


class UserMessage(Static):
    """The user's question; while it waits in the queue it says so."""

    def __init__(self, text: str, waiting: bool = False) -> None:
        super().__init__(classes="user-message")
        self.text = text
        self.waiting = waiting

    def on_mount(self) -> None:
        self.border_title = "U"
        self._refresh_text()

    def set_waiting(self, waiting: bool) -> None:
        """Each update lays out the whole transcript again: only when the note comes or goes."""
        if waiting != self.waiting:
            self.waiting = waiting
            self._refresh_text()

    def _refresh_text(self) -> None:
        content = Content(screen_text(self.text, newlines=True))
        if self.waiting:
            content = Content.assemble(content, ("  (" + WAITING_NOTE + ")", "italic $text-muted"))
        self.update(content)


def link_citations(markdown: str, count: int) -> str:
    """Make the assistant's citation marks [1]…[count] clickable links to its sources (display only)."""

    def link(match: re.Match[str]) -> str:
        number = int(match[1])
        return f"[\\[{number}\\]]({CITATION_HREF}{number})" if 1 <= number <= count else match[0]

    return CITATION.sub(link, markdown)


def top_level_blocks(tokens: list[Token]) -> list[list[Token]]:
    """The tokens of a parsed document grouped per top-level block (a paragraph, a list, a table…)."""
    blocks: list[list[Token]] = []
    for token in tokens:
        if token.level == 0 and token.nesting >= 0:
            blocks.append([token])
        elif blocks:
            blocks[-1].append(token)
    return blocks


def drop_replaced(tokens: list[Token], source: str, hide_sections: tuple[str, ...], hide_tables: bool) -> list[Token]:
    """The tokens without the blocks that widgets show better: a hidden section is its bold heading
    paragraph and the block after it (the list); with `hide_tables`, every top-level table."""
    lines = source.splitlines(keepends=True)
    kept: list[Token] = []
    hide_next = False
    for block in top_level_blocks(tokens):
        first = block[0]
        text = "".join(lines[first.map[0]:first.map[1]]).strip() if first.map else ""
        if hide_next or text in hide_sections or (hide_tables and first.type == "table_open"):
            hide_next = text in hide_sections
        else:
            hide_next = False
            kept += block
    return kept


class ReplyParser(MarkdownIt):
    """Textual's own "gfm-like" parser that leaves out the replaced blocks before any widget exists."""

    def __init__(self, hide_sections: tuple[str, ...], hide_tables: bool) -> None:
        super().__init__("gfm-like")
        self.hide_sections = hide_sections
        self.hide_tables = hide_tables

    def parse(self, src: str, env: MutableMapping[str, Any] | None = None) -> list[Token]:
        return drop_replaced(super().parse(src, env), src, self.hide_sections, self.hide_tables)


class ReplyMarkdown(Markdown):
    """The answer's Markdown, minus the sections (and tables) that widgets below show better.

    Citation marks in the text are links: clicking [2] opens the sources panel on the second source.
    """

    def __init__(
        self,
        markdown: str,
        sources: list[Hit] | None = None,
        hide_sections: tuple[str, ...] = (),
        hide_tables: bool = False,
    ) -> None:
        self.sources = list(sources or [])
        self.hide_sections = hide_sections
        self.hide_tables = hide_tables
        self.blocks_mounted = asyncio.Event()
        """Set once the blocks are mounted: the transcript awaits it before it lets a new reply be drawn."""
        super().__init__(link_citations(screen_text(markdown, newlines=True), len(self.sources)), classes="answer", open_links=False,
                         parser_factory=lambda: ReplyParser(hide_sections, hide_tables))

    @on(Markdown.LinkClicked)
    def _link(self, event: Markdown.LinkClicked) -> None:
        event.stop()
        if event.href.startswith(CITATION_HREF):
            index = int(event.href.removeprefix(CITATION_HREF)) - 1
            self.post_message(CitationBar.Selected(self.sources, index))
        else:
            self.app.open_url(event.href)

    @on(Markdown.TableOfContentsUpdated)
    def _blocks_mounted(self) -> None:
        """The blocks are there (Textual posts this after every update): trim the last one's margin."""
        blocks = list(self.query_children(MarkdownBlock))
        if blocks:
            # An inline style, not a `:last-child` rule: order rules make Textual restyle every earlier
            # turn on each new reply (a 30-turn conversation took minutes to reopen).
            top, right, _, left = blocks[-1].styles.margin
            blocks[-1].styles.margin = (top, right, 0, left)
        self.blocks_mounted.set()

    @property
    def rendered(self) -> bool:
        """The blocks are mounted (the benchmark and the tests wait for this)."""
        return self.blocks_mounted.is_set()


class AssistantMessage(Vertical):
    """A reply: the Markdown answer, citation buttons, and the allocation view when there is one."""

    def __init__(self, reply: Reply) -> None:
        super().__init__(classes="assistant-message")
        self.reply = reply
        if reply.region_profile is not None:
            self.add_class("region-profile")

    @property
    def shows_allocation(self) -> bool:
        """A method comparison carries the base allocation too, but its answer table is the point."""
        return self.reply.result is not None and self.reply.comparison is None

    def compose(self) -> ComposeResult:
        reply = self.reply
        hidden: tuple[str, ...] = ()
        if reply.sources:
            hidden += (SOURCES_HEADING,)
        if self.shows_allocation:
            hidden += (TRACE_HEADING,)
        yield ReplyMarkdown(reply.answer, reply.sources, hide_sections=hidden, hide_tables=self.shows_allocation)
        if reply.sources:
            yield CitationBar(reply.sources)
        if self.shows_allocation:
            # Imported here: the table and the plotext chart are not needed for the first screen.
            from tui.widgets.allocation_view import AllocationView

            assert reply.result is not None
            yield AllocationView(reply.result)

    def on_mount(self) -> None:
        if self.reply.region_profile is not None:
            self.border_title = Content(f"Regioprofiel {screen_text(self.reply.region_profile.region)}")
        else:
            self.border_title = "Koploper"
