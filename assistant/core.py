"""What a conversation remembers between messages, shared by the per-intent handlers.

The handlers (assistant.handle_*) work on this state; assistant.conversation adds asking, routing
and saving on top. Keeping the state here lets handlers and the conversation avoid importing each
other.
"""

from __future__ import annotations

import threading
from pathlib import Path

from assistant.engines import AllocationError, Dataset, load_dataset, merge_user_data, read_user_data
from assistant.knowledge import KnowledgeAccess
from assistant.router import ConversationState

EXISTING_COLUMN_HINTS = ("bestaand", "gehuisvest", "huidig", "al_", "inzet", "existing", "gerealiseerd", "geleverd")
"""Words in a user column's name that mark it as what municipalities already do."""


class ConversationCore:
    """The state of one conversation: router state, region filter, the user's own figures."""

    def __init__(self, assistant: KnowledgeAccess | None = None) -> None:
        self.assistant = assistant or KnowledgeAccess()
        self.state = ConversationState()
        self.region_filter: str | None = None
        """Region that knowledge searches are limited to (set by `/regio NAAM`, cleared by `/regio`)."""
        self.user_data: Path | None = None
        self.pending_user_data: Path | None = None
        """A saved conversation's data file, not read yet (see Conversation.restore_user_data)."""
        self._dataset: Dataset | None = None
        self._lock = threading.RLock()

    def dataset(self) -> Dataset:
        """The shipped figures, merged with the user's file once one is loaded."""
        return self._dataset or load_dataset()

    @property
    def has_user_data(self) -> bool:
        return self._dataset is not None

    def use_user_data(self, path: Path) -> list[str]:
        """Validate the user's CSV/XLSX through the engine and use it from now on; returns its columns."""
        settings = self.assistant.settings
        if settings.outside_personal_dir(path):
            folder = settings.personal_dir
            raise AllocationError(
                f"{path} ligt buiten uw eigen map; in de teamversie leest Koploper alleen bestanden uit {folder}.",
                f"`{path}` ligt buiten uw eigen map. In de teamversie leest Koploper alleen bestanden uit `{folder}`: "
                "zet het bestand daar en laad het opnieuw.",
            )
        base = load_dataset()
        user = read_user_data(path, base)
        self._dataset = merge_user_data(base, user)
        self.user_data = path
        return list(user.columns)

    def user_columns(self) -> list[str]:
        """Indicators the user's file adds (not the shipped ones)."""
        if self._dataset is None:
            return []
        shipped = set(load_dataset().indicators)
        return [name for name in self._dataset.indicators if name not in shipped]

    def existing_column(self) -> str | None:
        """The user's column that says what municipalities already do ('bestaand', 'gehuisvest', …)."""
        if self.user_data is None:
            return None
        return next((name for name in self.user_columns() if any(h in name for h in EXISTING_COLUMN_HINTS)), None)
