"""One model process for many sessions (`koploper web`): the same answers, no torch in the session.

Real model, real index, real processes: the shared model runs as `python -m kennisbank.model.shared_server`
and a session in another process opens the knowledge base with KOPLOPER_ENCODER_SOCKET set.
"""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest

from kennisbank.errors import KennisbankError
from kennisbank.model.shared_client import RemoteEncoder
from kennisbank.model.shared_wire import receive, send

if TYPE_CHECKING:
    from kennisbank.model.embedding import Embedder
    from kennisbank.service import KnowledgeBase

QUESTION = "Welke gemeenten doen mee in de Stadsregio Parkstad Limburg?"
SESSION = """
import json, sys
from kennisbank.service import KnowledgeBase
response = KnowledgeBase.open().search(sys.argv[1], k=5)
print(json.dumps({"ids": [hit.id for hit in response.results],
                  "answer": response.answer,
                  "torch": "torch" in sys.modules, "sentence_transformers": "sentence_transformers" in sys.modules}))
"""


def start_shared(model_dir: Path, sock: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "kennisbank.model.shared_server", "--socket", str(sock), "--model", str(model_dir)],
        stdin=subprocess.PIPE,
    )


@pytest.fixture(scope="module")
def shared(model_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[subprocess.Popen[bytes], Path]]:
    """One model process for the tests that only ask it (loading it takes 5–15 s)."""
    sock = tmp_path_factory.mktemp("gedeeld") / "model.sock"
    process = start_shared(model_dir, sock)
    try:
        yield process, sock
    finally:
        process.kill()
        process.wait()


def test_a_session_on_the_shared_model_answers_as_with_its_own_and_loads_no_torch(
    shared: tuple[subprocess.Popen[bytes], Path], kb_home: Path, model_dir: Path, knowledge_base: KnowledgeBase
) -> None:
    _, sock = shared
    env = dict(os.environ, KOPLOPER_HOME=str(kb_home), KOPLOPER_EMBEDDING_MODEL=str(model_dir), KOPLOPER_ENCODER_SOCKET=str(sock),
               PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    run = subprocess.run([sys.executable, "-c", SESSION, QUESTION], env=env, capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 0, run.stderr
    remote = json.loads(run.stdout.strip().splitlines()[-1])
    local = knowledge_base.search(QUESTION, k=5)
    assert remote["ids"] == [hit.id for hit in local.results]
    assert local.answer is not None and remote["answer"] == local.answer
    assert not remote["torch"] and not remote["sentence_transformers"]
    assert stat.S_IMODE(sock.stat().st_mode) == 0o600, "only the user who runs koploper web can connect"


def test_the_shared_model_gives_the_vectors_of_the_model_itself(shared: tuple[subprocess.Popen[bytes], Path], embedder: Embedder) -> None:
    _, sock = shared
    remote = RemoteEncoder(sock)
    texts = ["Wat is een woonzorgvisie?", "hoeveel statushouders moet Zoetermeer huisvesten", ""]
    assert remote.fingerprint == embedder.fingerprint and remote.dimension == embedder.dimension
    assert np.array_equal(remote.encode_queries(texts), embedder.encode_queries(texts))
    assert np.array_equal(remote.encode_passages(texts[:2]), embedder.encode_passages(texts[:2]))
    assert remote.encode_queries([]).shape == (0, embedder.dimension)


def test_garbage_on_the_socket_harms_no_one_and_the_process_ends_with_its_parent(
    model_dir: Path, tmp_path: Path, embedder: Embedder
) -> None:
    sock = tmp_path / "model.sock"
    process = start_shared(model_dir, sock)
    try:
        _garbage_then_parent_gone(process, sock, embedder)
    finally:
        process.kill()
        process.wait()


def _garbage_then_parent_gone(process: subprocess.Popen[bytes], sock: Path, embedder: Embedder) -> None:
    remote = RemoteEncoder(sock)
    with socket.socket(socket.AF_UNIX) as rude:
        rude.connect(str(sock))
        rude.sendall(b"\xff\xff\xff\xffGET / HTTP/1.1\r\n\r\n")
    with socket.socket(socket.AF_UNIX) as rude:
        rude.connect(str(sock))
        rude.sendall(b"\x00\x00\x00\x02{}\x00\x00\x00\x00")  # a well-formed request without an operation
        assert b"onbekende opdracht" in rude.recv(4096)
    with socket.socket(socket.AF_UNIX) as odd:
        odd.connect(str(sock))
        send(odd, {"op": "queries", "texts": [1, 2]})
        header, _ = receive(odd)
        assert "teksten" in header["error"]
    assert np.array_equal(remote.encode_queries(["nog steeds"]), embedder.encode_queries(["nog steeds"]))
    assert process.stdin is not None
    process.stdin.close()  # what happens when koploper web goes, even by SIGKILL
    process.wait(timeout=30)
    assert not sock.exists()
    with pytest.raises(KennisbankError, match="koploper web"):
        remote.encode_queries(["weg"])


def test_no_shared_model_at_the_socket_is_a_dutch_message(tmp_path: Path) -> None:
    started = time.monotonic()
    with pytest.raises(KennisbankError, match=r"reageert niet.*koploper web"):
        RemoteEncoder(tmp_path / "niemand.sock", ready_wait=0.5)
    assert time.monotonic() - started < 30
