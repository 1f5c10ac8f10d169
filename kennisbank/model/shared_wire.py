"""The few bytes between a session and the shared model process: a JSON header and raw float32 rows.

Every message is `length, JSON header, length, payload`; the payload of an answer is the vectors as
little-endian float32, row after row (`rows` × `dimension` in the header). Plain bytes rather than
pickle: the socket is private to one user, but nothing read from it can run code.
"""

from __future__ import annotations

import json
import socket
import struct
from typing import Any

import numpy as np

LENGTH = struct.Struct(">I")
MAX_HEADER = 16 * 1024 * 1024
"""The most a header may be (a question batch's texts travel in it)."""
MAX_PAYLOAD = 256 * 1024 * 1024
"""The most a payload may be: 256 MiB is about 170,000 vectors of 384 floats."""


class WireError(Exception):
    """The other side sent something that is not a message of this protocol, or hung up mid-message."""


def send(sock: socket.socket, header: dict[str, Any], payload: bytes = b"") -> None:
    """One message; raises OSError when the connection is gone."""
    head = json.dumps(header, ensure_ascii=False).encode("utf-8")
    sock.sendall(LENGTH.pack(len(head)) + head + LENGTH.pack(len(payload)) + payload)


def receive(sock: socket.socket) -> tuple[dict[str, Any], bytes]:
    """One message; raises EOFError when the peer closed between messages, WireError on garbage, OSError."""
    first = _exactly(sock, LENGTH.size, at_start=True)
    (size,) = LENGTH.unpack(first)
    if size > MAX_HEADER:
        raise WireError(f"kop van {size} bytes")
    try:
        header = json.loads(_exactly(sock, size).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise WireError(f"kop is geen JSON ({error})") from None
    if not isinstance(header, dict):
        raise WireError("kop is geen object")
    (size,) = LENGTH.unpack(_exactly(sock, LENGTH.size))
    if size > MAX_PAYLOAD:
        raise WireError(f"inhoud van {size} bytes")
    return header, _exactly(sock, size)


def vectors_message(vectors: np.ndarray) -> tuple[dict[str, Any], bytes]:
    """The header and payload that carry a matrix of vectors."""
    matrix = np.ascontiguousarray(vectors, dtype="<f4")
    return {"rows": int(matrix.shape[0]), "dimension": int(matrix.shape[1])}, matrix.tobytes()


def vectors_from(header: dict[str, Any], payload: bytes) -> np.ndarray:
    """The matrix a vectors message carries; WireError when the sizes do not agree."""
    rows, dimension = header.get("rows"), header.get("dimension")
    if not isinstance(rows, int) or not isinstance(dimension, int) or rows < 0 or dimension <= 0:
        raise WireError(f"onbekende vorm {rows}×{dimension}")
    if len(payload) != rows * dimension * 4:
        raise WireError(f"{len(payload)} bytes voor {rows}×{dimension} getallen")
    return np.frombuffer(payload, dtype="<f4").reshape(rows, dimension).astype(np.float32)


def _exactly(sock: socket.socket, size: int, at_start: bool = False) -> bytes:
    chunks: list[bytes] = []
    missing = size
    while missing:
        chunk = sock.recv(min(missing, 1 << 20))
        if not chunk:
            if at_start and missing == size:
                raise EOFError
            raise WireError("verbinding midden in een bericht gesloten")
        chunks.append(chunk)
        missing -= len(chunk)
    return b"".join(chunks)
