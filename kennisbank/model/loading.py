"""Which encoder a search uses: the shared model process when one is set, else the model in this process."""

from __future__ import annotations

from kennisbank.model.encoder import QueryEncoder
from koploper.settings import Settings


def load_query_encoder(settings: Settings) -> QueryEncoder:
    """The shared model (KOPLOPER_ENCODER_SOCKET) or the local one; KennisbankError when the shared one is unreachable.

    No silent fallback to a local copy: on a team server that would quietly cost 1.2 GB per tab."""
    if settings.encoder_socket is not None:
        from kennisbank.model.shared_client import RemoteEncoder

        return RemoteEncoder(settings.encoder_socket)
    from kennisbank.model.embedding import Embedder

    return Embedder(settings.model_path)
