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

from kennisbank.errors import KennisbankError, StoreError, StoreUnavailable
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


def _tls_problem(error: BaseException) -> str | None:
    """Why a TLS handshake failed ('certificate' or 'protocol'), found anywhere in the error's chain; else None.

    httpx wraps the ssl module's error in a ConnectError, and chromadb may wrap that again, so the chain is
    walked; the text is the fallback for wrappers that keep only the message.
    """
    import ssl

    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ssl.SSLCertVerificationError):
            return "certificate"
        if isinstance(current, ssl.SSLError):
            return "protocol"
        current = current.__cause__ or current.__context__
    text = str(error)
    if "CERTIFICATE_VERIFY_FAILED" in text or "certificate verify failed" in text:
        return "certificate"
    if "WRONG_VERSION_NUMBER" in text or "wrong version number" in text or "[SSL" in text:
        return "protocol"
    return None



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
        self._renewed = 0.0

    def _connect(self) -> Any:
        import chromadb

        headers = {"Authorization": f"Bearer {self.token}"} if self.token else None  # a fresh dict: chromadb adds to it
        return chromadb.HttpClient(host=self.host, port=self.port, ssl=self.ssl, headers=headers, settings=chroma_settings())

    def _translate(self, error: BaseException) -> KennisbankError:
        if _is_access_refused(error):
            return StoreUnavailable(self._refused())
        tls = _tls_problem(error)
        if tls is not None:
            return StoreUnavailable(self._untrusted(tls))
        if _is_connection_problem(error):
            return StoreUnavailable(
                f"De kennisbank op {self.location} is niet bereikbaar. Controleer of de server draait "
                "(`chroma run …`) en of KOPLOPER_CHROMA_URL klopt; de volgende vraag probeert het opnieuw."
            )
        return self.damaged(error)

    def _untrusted(self, problem: str) -> str:
        where = self.location[0].upper() + self.location[1:]
        if problem == "certificate":
            return (
                f"{where} toont een certificaat dat Koploper niet vertrouwt (zelf ondertekend, verlopen of voor "
                "een andere naam). Vraag de beheerder om het CA-certificaat van de server (een .pem-bestand) en "
                "zet SSL_CERT_FILE op dat bestand, of gebruik in KOPLOPER_CHROMA_URL de naam waarvoor het "
                "certificaat geldt."
            )
        return (
            f"De beveiligde verbinding (https) met {self.location} lukt niet: op dat adres spreekt de server "
            "waarschijnlijk geen https. Controleer in KOPLOPER_CHROMA_URL of het http:// of https:// moet zijn, "
            "en de poort."
        )

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

    # The lease is a chain of records lease-<generation>; taking or renewing it adds the next generation.
    # Chroma's `add` leaves an existing id alone, so of two clients adding the same generation exactly one
    # succeeds: reading it back tells who (compare-and-set). A holder renews only the generation it holds;
    # when another run took over meanwhile, the renewal fails instead of overwriting that run's lease.

    def _newest(self) -> tuple[int, str, float]:
        """(generation, owner, expires) of the newest lease record; generation 0 when there is none."""
        with self._guard():
            found = self._collection(META).get(where={"k": "lease"}, include=["metadatas"])
        newest = (0, "", 0.0)
        for meta in found["metadatas"]:
            meta = meta or {}
            generation = int(meta.get("g", 0))
            if generation > newest[0]:
                newest = (generation, str(meta.get("owner", "")), float(meta.get("expires", 0.0)))
        return newest

    def _claim(self, after: int, expires: float) -> bool:
        """Add generation `after + 1` as ours; True when ours is the one that got in."""
        record_id = f"{LEASE_ID}-{after + 1}"
        with self._guard():
            meta = self._collection(META)
            meta.add(
                ids=[record_id],
                embeddings=[PLACEHOLDER],
                metadatas=[{"k": "lease", "g": after + 1, "owner": self.owner, "expires": expires}],
            )
            found = meta.get(ids=[record_id], include=["metadatas"])
        won = bool(found["ids"]) and str((found["metadatas"][0] or {}).get("owner", "")) == self.owner
        if won and after > 0:
            with contextlib.suppress(KennisbankError), self._guard():
                meta.delete(ids=[f"{LEASE_ID}-{g}" for g in range(max(1, after - 8), after + 1)])
        return won

    def try_take(self) -> bool:
        """Take the write lease when no other run holds an unexpired one; True when this store holds it now
        (`writer` waits with it until it does). Raises StoreError (StoreUnavailable when unreachable)."""
        generation, owner, expires = self._newest()
        if owner != self.owner and expires >= time.time():
            return False
        if self._claim(generation, time.time() + LEASE_SECONDS):
            self._renewed = time.monotonic()
            return True
        return False

    def lease_holder(self) -> str | None:
        """The owner (host-pid-random) of the unexpired write lease, or None when no run holds one.
        Raises StoreError (StoreUnavailable when the server cannot be reached)."""
        _, owner, expires = self._newest()
        return owner if owner and expires >= time.time() else None

    def renew(self) -> None:
        """Keep the lease (at most every quarter lease): only while this run still holds it."""
        if time.monotonic() - self._renewed < LEASE_SECONDS / 4:
            return
        generation, owner, _ = self._newest()
        if owner != self.owner or not self._claim(generation, time.time() + LEASE_SECONDS):
            raise StoreError(
                f"Een andere indexrun heeft het schrijven in {self.location} overgenomen, omdat deze run "
                f"langer dan {int(LEASE_SECONDS)} s niets van zich liet horen. Wat deze run al schreef, is "
                "veilig; voer `koploper index` opnieuw uit om af te maken wat er nog ontbreekt."
            )
        self._renewed = time.monotonic()

    @contextlib.contextmanager
    def writer(self, waiting: Callable[[str], None]) -> Iterator[None]:
        told = False
        while not self.try_take():
            if not told:
                waiting("Wacht op een andere indexrun die deze kennisindex bijwerkt…")
                told = True
            time.sleep(1.0)
        try:
            yield
        finally:
            with contextlib.suppress(KennisbankError):
                generation, owner, _ = self._newest()
                if owner == self.owner:
                    self._claim(generation, 0.0)  # released: the next run takes the next generation at once
