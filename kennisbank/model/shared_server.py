"""One model process for many sessions: `python -m kennisbank.model.shared_server --socket S --model M`.

`koploper web` starts it once; every browser tab's app embeds its questions here instead of loading
torch and the weights itself (about 1.2 GB per tab). The model is loaded before the socket appears, so a
socket that exists answers. The socket is made under a temporary name, given mode 0600 and then renamed
into place. The process ends when its stdin closes (the web server stopped, even by SIGKILL), on
SIGTERM, or on Ctrl+C.
"""

from __future__ import annotations

import argparse
import os
import signal
import socketserver
import sys
import threading
from pathlib import Path
from typing import Any

from kennisbank.model.embedding import Embedder
from kennisbank.model.shared_wire import WireError, receive, send, vectors_message

MAX_TEXTS = 4096
"""The most texts in one request (a question's sentence check asks for a few dozen)."""


class _Handler(socketserver.BaseRequestHandler):
    """One session's connection: requests answered in order until it hangs up."""

    server: SharedModelServer

    def handle(self) -> None:
        while True:
            try:
                request, _ = receive(self.request)
            except (EOFError, WireError, OSError):
                return
            header, payload = self.server.answer(request)
            try:
                send(self.request, header, payload)
            except OSError:
                return


class SharedModelServer(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    """Answers info and encode requests; one encode at a time (torch already uses every core)."""

    daemon_threads = True

    def __init__(self, path: Path, embedder: Embedder) -> None:
        self.embedder = embedder
        self.lock = threading.Lock()
        super().__init__(str(path), _Handler)

    def answer(self, request: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
        operation = request.get("op")
        if operation == "info":
            return {"fingerprint": self.embedder.fingerprint, "dimension": self.embedder.dimension}, b""
        texts = request.get("texts")
        if operation not in ("queries", "passages"):
            return {"error": f"onbekende opdracht {operation!r}"}, b""
        if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts) or len(texts) > MAX_TEXTS:
            return {"error": f"'texts' moet een lijst van hoogstens {MAX_TEXTS} teksten zijn"}, b""
        with self.lock:
            vectors = self.embedder.encode_queries(texts) if operation == "queries" else self.embedder.encode_passages(texts)
        return vectors_message(vectors)


def serve(path: Path, model: Path) -> None:
    """Load the model, then listen on `path` until stdin closes or a signal arrives."""
    embedder = Embedder(model)
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_name(path.name + ".nieuw")
    staging.unlink(missing_ok=True)
    server = SharedModelServer(staging, embedder)
    os.chmod(staging, 0o600)
    os.replace(staging, path)
    stop = threading.Event()

    def watch_stdin() -> None:
        try:
            while sys.stdin.buffer.read(4096):
                pass
        except (OSError, ValueError):
            pass
        stop.set()

    threading.Thread(target=watch_stdin, daemon=True).start()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    worker = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
    worker.start()
    try:
        stop.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
        path.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kennisbank.model.shared_server", description=__doc__)
    parser.add_argument("--socket", type=Path, required=True, help="the Unix socket to listen on")
    parser.add_argument("--model", type=Path, required=True, help="the sentence-transformers folder")
    args = parser.parse_args(argv)
    serve(args.socket, args.model)
    return 0


if __name__ == "__main__":
    sys.exit(main())
