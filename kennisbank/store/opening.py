"""Which store the settings choose: a server when KOPLOPER_CHROMA_URL is set, else the embedded one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kennisbank.store.base import Store
from kennisbank.store.embedded import EmbeddedStore
from kennisbank.store.server import ServerStore

if TYPE_CHECKING:
    from koploper.settings import Settings


def open_store(settings: Settings) -> Store:
    """The store the settings choose: a server when KOPLOPER_CHROMA_URL is set, else embedded."""
    url = getattr(settings, "chroma_url", None)
    if url:
        token = getattr(settings, "chroma_token", None)
        return ServerStore(str(url), token.get_secret_value() if token is not None else None)
    return EmbeddedStore(settings.index_dir)
