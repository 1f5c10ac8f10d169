"""Start screen of a new conversation: what Koploper does, and example questions per region to try."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Markdown, OptionList
from textual.widgets.option_list import Option

INTRO = """\
## Welkom bij Koploper

Vraag naar de aanpak van de zes koploperregio's (met bronnen), of laat het **eerlijk aandeel** van
elke gemeente uitrekenen (met de berekening erbij). Kies een voorbeeld of typ een eigen vraag.
"""


class Welcome(Vertical):
    """Intro plus an option list of example questions grouped by region."""

    class ExampleChosen(Message):
        """The user picked an example question: ask it."""

        def __init__(self, question: str) -> None:
            super().__init__()
            self.question = question

    def __init__(self, examples: dict[str, list[str]]) -> None:
        super().__init__(id="welcome")
        self.examples = examples

    def compose(self) -> ComposeResult:
        yield Markdown(INTRO, id="welcome-intro")
        options: list[Option | None] = []
        self.questions: list[str] = []
        for region, questions in self.examples.items():
            options.append(Option(Content.styled(region, "bold $secondary"), disabled=True))
            for question in questions:
                # Ids by position: the same example may appear under two regions.
                options.append(Option(Content("  " + question), id=f"voorbeeld-{len(self.questions)}"))
                self.questions.append(question)
        yield OptionList(*options, id="examples")

    def question_of(self, option_id: str) -> str:
        """The example question behind an option id."""
        return self.questions[int(option_id.removeprefix("voorbeeld-"))]

    @on(OptionList.OptionSelected, "#examples")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.ExampleChosen(self.question_of(event.option.id)))
