"""The region profile (`/regio NAAM`): members with their figures, the sources, and the approach."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Markdown, Static

from tui import format as fmt

TOTAL_KEY = "totaal"


class RegionProfileView(Vertical):
    """A readable panel built from the assistant's structured `RegionProfile`."""

    def __init__(self, profile: Any) -> None:
        super().__init__(classes="region-profile-view")
        self.profile = profile

    def _labels(self) -> dict[str, str]:
        return {source.indicator: source.label for source in self.profile.figure_sources}

    def _indicators(self) -> list[str]:
        seen: list[str] = []
        for member in self.profile.members:
            for indicator in member.figures:
                if indicator not in seen:
                    seen.append(indicator)
        return seen

    def compose(self) -> ComposeResult:
        profile = self.profile
        if profile.aliases:
            yield Static(Content("Ook genoemd: " + ", ".join(profile.aliases)), classes="profile-meta")
        for line in (profile.basis, profile.note):
            if line:
                yield Static(Content(str(line)), classes="profile-meta")
        yield Static(Content(f"Gemeenten ({len(profile.members)})"), classes="figures-title")
        yield DataTable(cursor_type="row", zebra_stripes=True, classes="profile-table")
        if profile.figure_sources:
            yield Static(Content("Bronnen van de cijfers"), classes="figures-title")
            for source in profile.figure_sources:
                line = f"• {source.label}: {source.source} (peildatum {source.reference_date})"
                if source.derived:
                    line += " — afgeleid" + (f", {source.precision}" if source.precision else "")
                yield Static(Content(line), classes="figures-source")
        if profile.approach:
            yield Static(Content("Aanpak volgens het materiaal"), classes="figures-title")
            yield Markdown("\n".join(f"- {sentence}" for sentence in profile.approach), classes="answer")
        if profile.knowledge_error:
            yield Static(Content(str(profile.knowledge_error)), classes="read-as")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        labels = self._labels()
        indicators = self._indicators()
        table.add_column("Gemeente", key="gemeente")
        table.add_column("CBS-code", key="cbs")
        for indicator in indicators:
            table.add_column(labels.get(indicator, indicator), key=indicator)
        for member in self.profile.members:
            table.add_row(
                Text(member.municipality), Text(member.cbs_code),
                *(Text(_figure(member.figures.get(i)), justify="right") for i in indicators),
                key=member.cbs_code,
            )
        if self.profile.totals:
            table.add_row(
                Text("Totaal", style="bold"), Text(""),
                *(Text(_figure(self.profile.totals.get(i)), style="bold", justify="right") for i in indicators),
                key=TOTAL_KEY,
            )


def _figure(value: Any) -> str:
    return "—" if value is None else fmt.quantity(value)
