"""What a search needs of the embedding model, wherever the model runs.

A terminal session loads the model itself (`Embedder`); the sessions of `koploper web` share one model
process instead (`RemoteEncoder`), so a browser tab costs no copy of torch and the weights. Both give the
same vectors for the same text: the index was made with the model, a question is compared with it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np


class QueryEncoder(ABC):
    """Encodes questions and (at question time, a few) sentences with the index's model."""

    fingerprint: str
    """The model's fingerprint: an index made with another model is refused, not searched."""

    @property
    @abstractmethod
    def dimension(self) -> int:
        """The length of every vector."""

    @abstractmethod
    def encode_queries(self, texts: list[str]) -> np.ndarray:
        """One normalised float32 row per question (e5's 'query: ' prompt).

        Raises KennisbankError (Dutch) when a shared model process cannot be reached."""

    @abstractmethod
    def encode_passages(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        """One normalised float32 row per passage or sentence (e5's 'passage: ' prompt).

        Raises KennisbankError (Dutch) when a shared model process cannot be reached."""
