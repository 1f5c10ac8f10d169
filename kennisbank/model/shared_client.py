"""A session's side of the shared model process (see shared_server): the same vectors, no torch here."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np

from kennisbank.errors import KennisbankError
from kennisbank.model.encoder import QueryEncoder
from kennisbank.model.shared_wire import WireError, receive, send, vectors_from

READY_WAIT = 120.0
"""Seconds a new session waits for the shared model to come up (loading it takes 5–30 s on a busy machine)."""
CALL_TIMEOUT = 120.0
"""Seconds one request may take: ten tabs asking at once wait for each other on two cores."""


class RemoteEncoder(QueryEncoder):
    """Questions and sentences embedded by the shared model process over its Unix socket.

    One connection per session, opened again once when it broke (the web server restarts a model
    process that died); a second failure is a KennisbankError in Dutch."""

    def __init__(self, path: Path, ready_wait: float = READY_WAIT) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._sock: socket.socket | None = None
        info, _ = self._call({"op": "info"}, wait=ready_wait)
        fingerprint, dimension = info.get("fingerprint"), info.get("dimension")
        if not isinstance(fingerprint, str) or not isinstance(dimension, int):
            raise KennisbankError(f"Het gedeelde taalmodel ({self.path}) gaf een onbekend antwoord. {RESTART}")
        self.fingerprint = fingerprint
        self._dimension = dimension

    @property
    def dimension(self) -> int:
        return self._dimension

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self._vectors("queries", texts)

    def encode_passages(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        return self._vectors("passages", texts)

    def close(self) -> None:
        with self._lock:
            self._drop()

    def _vectors(self, operation: str, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self._dimension), dtype=np.float32)
        header, payload = self._call({"op": operation, "texts": list(texts)}, wait=5.0)
        try:
            vectors = vectors_from(header, payload)
        except WireError as error:
            raise KennisbankError(f"Het gedeelde taalmodel ({self.path}) gaf een onleesbaar antwoord ({error}). {RESTART}") from None
        if vectors.shape != (len(texts), self._dimension):
            raise KennisbankError(f"Het gedeelde taalmodel ({self.path}) gaf {vectors.shape[0]} vectoren voor {len(texts)} teksten. {RESTART}")
        return vectors

    def _call(self, request: dict[str, Any], wait: float) -> tuple[dict[str, Any], bytes]:
        with self._lock:
            for attempt in (1, 2):
                try:
                    sock = self._connected(wait)
                    send(sock, request)
                    header, payload = receive(sock)
                    break
                except (OSError, EOFError, WireError) as error:
                    self._drop()
                    if attempt == 2:
                        raise KennisbankError(
                            f"Het gedeelde taalmodel van koploper web ({self.path}) reageert niet ({type(error).__name__}). {RESTART}"
                        ) from None
        if "error" in header:
            raise KennisbankError(f"Het gedeelde taalmodel weigerde het verzoek: {header['error']}")
        return header, payload

    def _connected(self, wait: float) -> socket.socket:
        if self._sock is not None:
            return self._sock
        deadline = time.monotonic() + wait
        while True:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                sock.connect(str(self.path))
            except OSError:
                sock.close()
                if time.monotonic() >= deadline:
                    raise
                time.sleep(0.2)
                continue
            sock.settimeout(CALL_TIMEOUT)
            self._sock = sock
            return sock

    def _drop(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None


RESTART = "Sluit dit tabblad en open Koploper opnieuw; helpt dat niet, laat de beheerder `koploper web` opnieuw starten."
