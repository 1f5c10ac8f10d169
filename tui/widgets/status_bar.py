"""The line under the title: is the knowledge base ready, which region filter, what is waiting."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from koploper.inert import screen_text

LOADING = "Kennisbank laden…"
READY = "Kennisbank klaar"
FAILED = "Kennisbank niet beschikbaar"


def region_label(region: str | None) -> str:
    """'Regio Enschede' after 'Regio: ' reads 'Regio: Regio Enschede'; the leading word goes."""
    if not region:
        return "alle regio's"
    return screen_text(region[len("Regio "):] if region.lower().startswith("regio ") else region)


class StatusBar(Static):
    """Shows the state of the background load as text (no spinner), so screenshots stay stable."""

    knowledge = reactive(LOADING)
    region_filter: reactive[str | None] = reactive(None)
    waiting = reactive(0)
    busy = reactive(False)

    def render(self) -> Content:
        if self.knowledge == READY:
            state = ("● " + READY, "bold $success")
        elif self.knowledge == LOADING:
            state = ("○ " + LOADING, "bold $warning")
        else:
            state = ("✕ " + self.knowledge, "bold $error")
        parts: list[str | tuple[str, str]] = [state, "   Regio: ", (region_label(self.region_filter), "bold")]
        if self.busy:
            parts.append(("   Bezig met antwoorden…", "italic"))
        if self.waiting:
            parts.append((f"   wachtrij: {self.waiting}", "italic"))
        return Content.assemble(*parts)
