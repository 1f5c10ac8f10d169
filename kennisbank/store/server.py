"""The server store: `chromadb.HttpClient` to a shared `chroma run`; writers take turns through a lease record."""

from __future__ import annotations

import contextlib
import os
import socket
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlparse

from kennisbank.errors import KennisbankError, StoreUnavailable
from kennisbank.store.chroma import ChromaStore, chroma_settings
from kennisbank.store.records import LEASE_ID, LEASE_SECONDS, META, PLACEHOLDER


def _is_connection_problem(error: BaseException) -> bool:
    import httpx

    if isinstance(error, (httpx.TransportError, ConnectionError, socket.error)):
        return True
    text = f"{type(error).__name__} {error}".lower()
    return any(
        word in text for word in ("connect", "could not reach", "connection refused", "timed out", "unavailable")
    )



def _is_access_refused(error: BaseException) -> bool:
    """The server (or the token-checking proxy in front of it) refused the request: 401 or 403.

    Chroma's client raises ChromaAuthError/AuthorizationError when the refusal comes in Chroma's own
    error shape (Chroma's token authentication, and the team recipe's nginx); another proxy's plain
    401/403 page only survives as the text of the error.
    """
    from chromadb.errors import AuthorizationError, ChromaAuthError

    if isinstance(error, (ChromaAuthError, AuthorizationError)):
        return True
    text = str(error)
    return any(mark in text for mark in ("401 Authorization Required", "401 Unauthorized", "403 Forbidden"))


class ServerStore(ChromaStore):
    """`chromadb.HttpClient` to a shared `chroma run`; writers take turns through a lease record.

    With a token (KOPLOPER_CHROMA_TOKEN) every request carries `Authorization: Bearer <token>`: the
    header of Chroma's token authentication, and what the README's nginx in front of `chroma run`
    checks (chromadb 1.5's own server checks no token).
    """

    kind = "server"

    def __init__(self, url: str, token: str | None = None) -> None:
        super().__init__()
        self.token = token or None
        try:
            parsed = urlparse(url if "://" in url else f"http://{url}")
            port = parsed.port
        except ValueError:  # a port outside 1-65535, an IPv6 address without its closing ]
            parsed, port = urlparse(""), None
        if not parsed.hostname:
            raise KennisbankError(f"KOPLOPER_CHROMA_URL '{url}' is geen geldig adres; gebruik bijv. http://127.0.0.1:8000.")
        # an IPv6 address keeps its brackets: the client joins host and port into a URL
        self.host = f"[{parsed.hostname}]" if ":" in parsed.hostname else parsed.hostname
        self.port = port or (443 if parsed.scheme == "https" else 8000)
        self.ssl = parsed.scheme == "https"
        self.location = f"de Chroma-server {parsed.scheme}://{self.host}:{self.port}"
        self.owner = f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:8]}"

    def _connect(self) -> Any:
        import chromadb

        headers = {"Authorization": f"Bearer {self.token}"} if self.token else None  # a fresh dict: chromadb adds to it
        return chromadb.HttpClient(host=self.host, port=self.port, ssl=self.ssl, headers=headers, settings=chroma_settings())

    def _translate(self, error: BaseException) -> KennisbankError:
        if _is_access_refused(error):
            return StoreUnavailable(self._refused())
        if _is_connection_problem(error):
            return StoreUnavailable(
                f"De kennisbank op {self.location} is niet bereikbaar. Controleer of de server draait "
                "(`chroma run …`) en of KOPLOPER_CHROMA_URL klopt; de volgende vraag probeert het opnieuw."
            )
        return self.damaged(error)

    def _refused(self) -> str:
        where = self.location[0].upper() + self.location[1:]
        if self.token is None:
            return (
                f"{where} vraagt een toegangscode, en Koploper heeft er geen. Zet KOPLOPER_CHROMA_TOKEN op de "
                "toegangscode van het team (de beheerder van de server heeft hem) en probeer het opnieuw."
            )
        return (
            f"{where} weigert de toegangscode in KOPLOPER_CHROMA_TOKEN. Vraag de beheerder van de server "
            "om de juiste code, zet die in KOPLOPER_CHROMA_TOKEN en probeer het opnieuw."
        )

    def _lease(self) -> tuple[str, float] | None:
        with self._guard():
            found = self._collection(META).get(ids=[LEASE_ID], include=["metadatas"])
        if not found["ids"]:
            return None
        meta = found["metadatas"][0] or {}
        return str(meta.get("owner", "")), float(meta.get("expires", 0.0))

    def _take(self) -> None:
        with self._guard():
            self._collection(META).upsert(
                ids=[LEASE_ID],
                embeddings=[PLACEHOLDER],
                metadatas=[{"owner": self.owner, "expires": time.time() + LEASE_SECONDS}],
            )

    def renew(self) -> None:
        self._take()

    @contextlib.contextmanager
    def writer(self, waiting: Callable[[str], None]) -> Iterator[None]:
        told = False
        while True:
            lease = self._lease()
            if lease is None or lease[1] < time.time() or lease[0] == self.owner:
                self._take()
                time.sleep(0.3)  # a rival who took it at the same moment has written by now
                lease = self._lease()
                if lease is not None and lease[0] == self.owner:
                    break
            if not told:
                waiting("Wacht op een andere indexrun die deze kennisindex bijwerkt…")
                told = True
            time.sleep(1.0)
        try:
            yield
        finally:
            with contextlib.suppress(KennisbankError):
                lease = self._lease()
                if lease is not None and lease[0] == self.owner:
                    with self._guard():
                        self._collection(META).delete(ids=[LEASE_ID])
