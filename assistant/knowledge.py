"""Access to the knowledge base for one process: settings, and the knowledge base opened once, on demand.

Constructing it is cheap and imports no torch, chromadb or sentence-transformers: the app's first
screen appears before the model is loaded; `load_knowledge()` runs in a worker thread. Conversations
hold one of these (not the `Assistant` that creates them), so conversation and session modules do
not import each other.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from koploper.env import SettingsError
from koploper.settings import Settings, load_settings

if TYPE_CHECKING:
    from assistant.engines import KnowledgeBase


class KnowledgeAccess:
    """Shared by all conversations of one process; the knowledge base is opened at most once."""

    def __init__(self, settings: Settings | None = None, knowledge: KnowledgeBase | None = None) -> None:
        """`knowledge` lets a caller that already opened the knowledge base share it (tests, benchmarks)."""
        self._settings = settings
        self._lock = threading.Lock()
        self._knowledge: KnowledgeBase | None = knowledge
        self.knowledge_error: str | None = None
        """Dutch message when loading failed (no index, other model, …); None otherwise."""
        self._transient = False
        """The failure was an unreachable server: the next question tries again."""

    @property
    def settings(self) -> Settings:
        """The settings given, or those of the environment at first use."""
        if self._settings is None:
            self._settings = load_settings()
        return self._settings

    @property
    def knowledge_ready(self) -> bool:
        """The knowledge base is open: knowledge questions answer without loading."""
        return self._knowledge is not None

    @property
    def knowledge(self) -> KnowledgeBase | None:
        """The opened knowledge base, or None when it is not (yet) loaded."""
        return self._knowledge

    def load_knowledge(self, retry: bool = False) -> None:
        """Open the knowledge base (slow: model and index). Idempotent and thread-safe.

        After a failure the Dutch reason is in `knowledge_error` and later calls return at once,
        unless `retry` is set (for example after the user built the index).
        """
        with self._lock:
            if self._knowledge is not None or (self.knowledge_error is not None and not retry and not self._transient):
                return
            self._transient = False
            self.knowledge_error = None
            try:
                from assistant.engines import KennisbankError, StoreUnavailable, open_knowledge_base

                try:
                    self._knowledge = open_knowledge_base(self.settings)
                except StoreUnavailable as exc:  # a server that is down now may be up at the next question
                    self.knowledge_error = exc.message
                    self._transient = True
                except KennisbankError as exc:
                    self.knowledge_error = exc.message
            except SettingsError as exc:  # a KOPLOPER_* variable: the message names it and what to write
                self.knowledge_error = exc.message
            except Exception as exc:  # noqa: BLE001 - any failure becomes a Dutch message, the app keeps running
                self.knowledge_error = (
                    f"De kennisbank kon niet worden geladen ({type(exc).__name__}: {exc}). "
                    "Voer `koploper voorbereiden` uit en probeer het opnieuw."
                )
