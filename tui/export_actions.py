"""Exports: the conversation to Markdown, the last allocation to CSV or XLSX.

One of the classes `KoploperApp` is built from. Both go through the assistant's API, which writes them atomically (the
allocation with the engine's full result: every exact figure); the app only picks the path.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from koploper.atomic import os_error_text
from tui.base import AppState
from tui.screens.choice import ChoiceScreen
from tui.screens.path_prompt import PathPrompt


class ExportActions(AppState):
    """Export actions (a base of KoploperApp)."""

    def action_export(self) -> None:
        choices = [
            ("export_markdown", "Gesprek naar Markdown (.md)"),
            ("export_csv", "Laatste verdeling naar CSV (.csv)"),
            ("export_xlsx", "Laatste verdeling naar Excel (.xlsx)"),
        ]

        def chosen(action: str | None) -> None:
            if action:
                self.call_later(self.run_action, action)

        self.push_screen(ChoiceScreen("Exporteren", choices), chosen)

    def action_export_markdown(self) -> None:
        if self._require_conversation() is None:
            return
        self._ask_export_path("Gesprek exporteren naar Markdown", "gesprek", ".md", self.export_markdown)

    def action_export_csv(self) -> None:
        self._export_allocation(".csv")

    def action_export_xlsx(self) -> None:
        self._export_allocation(".xlsx")

    def _export_allocation(self, suffix: str) -> None:
        if self.last_allocation is None:
            self.notify("Er is nog geen verdeling om te exporteren. Vraag eerst een verdeling.", severity="warning")
            return
        title = f"Laatste verdeling exporteren naar {suffix[1:].upper()}"
        self._ask_export_path(title, "verdeling", suffix, self.export_allocation)

    def _ask_export_path(
        self, title: str, stem: str, suffix: str, write: Callable[[Path], Path | None]
    ) -> None:
        """Suggest a dated file in the exports folder; the user may change it before writing."""
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        folder = Path(self.settings.exports_dir)
        try:
            folder.mkdir(parents=True, exist_ok=True)  # the suggested place must exist
        except OSError as exc:
            self.notify(f"De exportmap {folder} kon niet worden gemaakt ({os_error_text(exc)}).", severity="error")
        default = folder / f"{stem}-{stamp}{suffix}"

        def done(value: str | None) -> None:
            if not value:
                return
            target = Path(value).expanduser()
            if target.suffix.lower() != suffix:
                target = target.with_suffix(suffix)
            if self.settings.outside_personal_dir(target):
                self.notify(f"{target} ligt buiten uw eigen map; kies een bestand in {self.settings.personal_dir}. "
                            "Er is niets geschreven.", severity="error")
                return
            if write(target) is None:
                return
            self.notify(f"Geschreven: {target}")
            if self.is_web:  # in the browser (`koploper web`) the file also goes to the colleague's downloads
                self.deliver_binary(target)

        self.push_screen(PathPrompt(title, "Waar moet het bestand komen?", default=str(default),
                                    confirm="Exporteren"), done)

    def export_markdown(self, target: Path) -> Path | None:
        """Write the conversation as Markdown; None (and a notification) when it fails."""
        from assistant.api import export_markdown

        assert self.conversation is not None
        conversation = self.conversation
        return self._export(lambda: export_markdown(conversation, target), target)

    def export_allocation(self, target: Path) -> Path | None:
        """Write the last allocation as CSV or XLSX; the assistant hands it to the engine's exporter."""
        from assistant.api import export_allocation

        assert self.last_allocation is not None
        allocation = self.last_allocation
        return self._export(lambda: export_allocation(allocation, target), target)

    def _export(self, write: Callable[[], object], target: Path) -> Path | None:
        """Run one export; a failure is a Dutch notification (the writes are atomic: nothing half-written stays)."""
        try:
            write()
        except OSError as exc:
            self.notify(f"Exporteren mislukt: {target} kon niet worden geschreven ({os_error_text(exc)}); "
                        "er is niets opgeslagen.", severity="error")
            return None
        except Exception as exc:  # noqa: BLE001 - the engine's errors are Dutch already
            self.notify(f"Exporteren mislukt: {exc}", severity="error")
            return None
        return target
