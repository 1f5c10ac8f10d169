"""The shared index behind a token: `chroma run` checks none itself (chromadb 1.5.9, chroma-core/chroma#4965),
so the team recipe puts nginx in front of it (deploy/nginx/koploper-chroma.conf); Koploper sends
KOPLOPER_CHROMA_TOKEN as `Authorization: Bearer …`.

Real processes: `chroma run` in a temp folder and Debian's nginx with the shipped configuration.
Without the token (or with a wrong one) nothing is read or written, checked on the Chroma server
behind the proxy; a missing, a wrong token and an unreachable server each get their own Dutch message.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from kennisbank.errors import KennisbankError
from koploper.settings import Settings
from tests.conftest import ChromaServer

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
pytestmark = pytest.mark.skipif(
    NGINX is None, reason="nginx is missing (apt-get install -y nginx): the team recipe puts it in front of `chroma run`"
)
TOKEN = "teamcode-" + "k" * 32
COLLECTIONS = "/api/v2/tenants/default_tenant/databases/default_database/collections"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _nginx(folder: Path, chroma_port: int, tls: tuple[Path, Path] | None = None) -> tuple[subprocess.Popen[bytes], int]:
    """nginx with deploy/nginx/koploper-chroma.conf, filled in as the README says, in front of `chroma run`;
    with `tls` (certificate, key) it listens with https instead."""
    folder.mkdir()
    port = free_port()
    site = (ROOT / "deploy" / "nginx" / "koploper-chroma.conf").read_text()
    site = site.replace("@TOKEN@", TOKEN).replace("@CHROMA_PORT@", str(chroma_port))
    listen = f"127.0.0.1:{port}"
    if tls is not None:
        listen += f" ssl;\n    ssl_certificate {tls[0]};\n    ssl_certificate_key {tls[1]}"
    (folder / "koploper-chroma.conf").write_text(site.replace("@LISTEN@", listen))
    temp = "\n".join(f"    {kind}_temp_path {folder}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (folder / "nginx.conf").write_text(
        f"daemon off;\nmaster_process off;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log;\nevents {{}}\n"
        f"http {{\n    access_log off;\n{temp}\n    include {folder}/koploper-chroma.conf;\n}}\n"
    )
    assert NGINX is not None
    process = subprocess.Popen([NGINX, "-c", str(folder / "nginx.conf"), "-p", str(folder), "-e", str(folder / "error.log")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while socket.socket().connect_ex(("127.0.0.1", port)) != 0:
        assert process.poll() is None, (folder / "error.log").read_text(errors="replace")
        assert time.monotonic() < deadline, "nginx did not start"
        time.sleep(0.1)
    return process, port


@pytest.fixture
def proxy(chroma_server: ChromaServer, tmp_path: Path) -> Iterator[str]:
    """nginx in front of `chroma run`, over plain http."""
    process, port = _nginx(tmp_path / "nginx", chroma_server.port)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=15)


@pytest.fixture
def tls_proxy(chroma_server: ChromaServer, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """nginx in front of `chroma run` over https with a self-signed certificate (made by openssl): its URL
    and the certificate, which no system trusts until it is named in SSL_CERT_FILE."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is missing (apt-get install -y openssl): it makes the test's certificate")
    cert, key = tmp_path / "server.pem", tmp_path / "server.key"
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True, timeout=60)
    process, port = _nginx(tmp_path / "nginx-tls", chroma_server.port, (cert, key))
    yield f"https://127.0.0.1:{port}", cert
    process.terminate()
    process.wait(timeout=15)


def status(url: str, method: str = "GET", token: str | None = None, body: dict[str, object] | None = None) -> int:
    headers = {"Content-Type": "application/json"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data, method=method, headers=headers), timeout=30) as r:
            return int(r.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def backend_collections(server: ChromaServer) -> list[str]:
    """What the Chroma server behind the proxy holds, asked directly (not through nginx)."""
    with urllib.request.urlopen(server.url + COLLECTIONS, timeout=30) as response:
        return [c["name"] for c in json.loads(response.read())]


def store_error(home: Path, url: str, token: str | None) -> str:
    """The Dutch message when Koploper's server store tries to read and write through `url`."""
    from kennisbank.store.opening import open_store

    store = open_store(Settings(home=home, chroma_url=url, chroma_token=token))
    with pytest.raises(KennisbankError) as caught:
        store.state()
    with pytest.raises(KennisbankError):
        store.reset()
    return caught.value.message


def test_without_the_token_nothing_is_read_or_written(proxy: str, chroma_server: ChromaServer, tmp_path: Path) -> None:
    for token in (None, "fout-" + "x" * 32):
        assert status(proxy + "/api/v2/heartbeat", token=token) == 401
        assert status(proxy + COLLECTIONS, token=token) == 401
        assert status(proxy + COLLECTIONS, "POST", token, {"name": "inbreker"}) == 401
        store_error(tmp_path, proxy, token)
    assert backend_collections(chroma_server) == []
    assert status(proxy + "/api/v2/heartbeat", token=TOKEN) == 200

    from kennisbank.store.opening import open_store

    store = open_store(Settings(home=tmp_path, chroma_url=proxy, chroma_token=TOKEN))
    assert store.state() is None  # an empty index, read through the proxy
    assert backend_collections(chroma_server), "with the token the store's collections were written"


def test_a_missing_or_wrong_token_and_an_unreachable_server_each_get_their_own_dutch_message(
    proxy: str, tmp_path: Path
) -> None:
    missing = store_error(tmp_path, proxy, None)
    wrong = store_error(tmp_path, proxy, "fout-" + "x" * 32)
    unreachable = store_error(tmp_path, f"http://127.0.0.1:{free_port()}", TOKEN)
    assert len({missing, wrong, unreachable}) == 3
    for message in (missing, wrong):
        assert "KOPLOPER_CHROMA_TOKEN" in message and "beschadigd" not in message and "niet bereikbaar" not in message
    assert "niet bereikbaar" in unreachable


def test_an_untrusted_certificate_and_https_to_a_plain_server_are_tls_messages_with_what_to_do(
    proxy: str, tls_proxy: tuple[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url, certificate = tls_proxy
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    untrusted = store_error(tmp_path / "a", url, TOKEN)
    plain = store_error(tmp_path / "b", proxy.replace("http://", "https://"), TOKEN)
    others = {
        store_error(tmp_path / "c", url, None),  # (never reached: the handshake fails first)
        store_error(tmp_path / "d", proxy, None),
        store_error(tmp_path / "e", f"http://127.0.0.1:{free_port()}", TOKEN),
    }
    assert "certificaat" in untrusted and "SSL_CERT_FILE" in untrusted
    assert "https" in plain and "KOPLOPER_CHROMA_URL" in plain and plain != untrusted
    for message in (untrusted, plain):
        assert "beschadigd" not in message and "niet bereikbaar" not in message and "toegangscode" not in message
    assert others - {untrusted} == others - {untrusted, plain} and len(others) == 3

    # the advice works: with the server's certificate trusted, the index is read through https
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate))
    from kennisbank.store.opening import open_store

    store = open_store(Settings(home=tmp_path / "f", chroma_url=url, chroma_token=TOKEN))
    assert store.state() is None


def test_the_command_line_says_so_without_a_traceback(proxy: str, tmp_path: Path) -> None:
    env = dict(os.environ, KOPLOPER_HOME=str(tmp_path), KOPLOPER_CHROMA_URL=proxy, KOPLOPER_CHROMA_TOKEN="fout-" + "x" * 32)
    run = subprocess.run([sys.executable, "-c", "from tui.launcher import main; main()", "bronnen"],
                         env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode != 0
    assert "KOPLOPER_CHROMA_TOKEN" in run.stderr + run.stdout
    assert "Traceback" not in run.stderr and "beschadigd" not in run.stderr
