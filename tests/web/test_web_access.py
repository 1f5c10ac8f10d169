"""`koploper web` without a browser: who gets in, what the page loads, the access file, a taken port.

The real server runs in a subprocess (tests/web/conftest.py); requests go over real HTTP.
"""

from __future__ import annotations

import argparse
import gettext
import re
import socket
import stat
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import aiohttp
import pytest

from tests.web.conftest import LAUNCH, WebServer, free_port, web_env


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def fetch(url: str, cookie: str | None = None) -> tuple[int, dict[str, str], str]:
    """Status, headers and body of one GET, redirects not followed."""
    request = urllib.request.Request(url, headers={"Cookie": f"koploper_toegang={cookie}"} if cookie else {})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=20) as response:
            return response.status, dict(response.headers), response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode("utf-8", "replace")


async def websocket_status(server: WebServer, cookie: str | None) -> int:
    """The status of a websocket handshake on /ws (101 = an app process would start)."""
    cookies = {"koploper_toegang": cookie} if cookie else {}
    async with aiohttp.ClientSession(cookies=cookies) as session:
        try:
            async with session.ws_connect(f"ws://127.0.0.1:{server.port}/ws") as ws:
                await ws.close()
                return 101
        except aiohttp.WSServerHandshakeError as error:
            return error.status


async def test_without_or_with_a_wrong_token_a_dutch_page_and_no_process(web_server: WebServer) -> None:
    status, headers, body = fetch(web_server.url)
    assert status == 401
    assert "Geen toegang" in body and "toegangscode" in body and 'lang="nl"' in body
    assert "koploper_toegang" not in headers.get("Set-Cookie", "")
    status, _, body = fetch(web_server.url + "?token=" + "x" * 32)
    assert status == 403 and "klopt niet" in body
    status, _, body = fetch(web_server.url, cookie="x" * 32)
    assert status == 403 and "Geen toegang" in body
    for path in ("static/js/textual.js", "download/abc"):
        assert fetch(web_server.url + path)[0] == 401
    assert await websocket_status(web_server, None) == 401
    assert await websocket_status(web_server, "x" * 32) == 403
    assert web_server.app_processes() == []


def test_the_token_becomes_an_httponly_cookie_and_leaves_the_address(web_server: WebServer) -> None:
    status, headers, _ = fetch(web_server.link("anna") + "&fontsize=18")
    assert status == 303
    assert headers["Location"] == "/?fontsize=18"
    cookie = headers["Set-Cookie"]
    assert f"koploper_toegang={web_server.tokens['anna']}" in cookie
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie


def test_the_page_loads_nothing_from_outside(web_server: WebServer) -> None:
    status, _, html = fetch(web_server.url, cookie=web_server.tokens["anna"])
    assert status == 200
    own = f"127.0.0.1:{web_server.port}"
    urls = re.findall(r"(?:https?|wss?)://[^\s\"'<>)]+", html)
    assert urls, "the page names its websocket address"
    assert {urlsplit(u).netloc for u in urls} == {own}
    referenced = re.findall(r"(?:src|href)=\"([^\"]+)\"|url\(\"([^\"]+)\"\)", html)
    paths = [a or b for a, b in referenced]
    assert any(p.endswith("textual.js") for p in paths) and any(p.endswith(".ttf") for p in paths)
    for path in paths:
        target = urljoin(web_server.url, path)
        assert urlsplit(target).netloc == own
        status, _, body = fetch(target, cookie=web_server.tokens["anna"])
        assert status == 200, path
        if path.endswith(".css"):  # what a stylesheet can load: url(...) and @import (comments may name sites)
            assert not re.search(r"(?:url\(|@import)\s*[\"']?(?:https?:)?//", body)


def test_the_access_file_is_private_its_tokens_shown_once_and_a_taken_port_is_explained(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        args = [sys.executable, "-c", LAUNCH, "web", "--port", str(port), "--collega", "anna"]
        first = subprocess.run(args, env=web_env(home), capture_output=True, text=True, timeout=60)
        again = subprocess.run(args, env=web_env(home), capture_output=True, text=True, timeout=60)
    access = home / "team" / "toegang.json"
    token = re.search(r"anna: \S+\?token=(\S+)", first.stdout)
    assert token and token.group(1) in access.read_text()
    assert stat.S_IMODE(access.stat().st_mode) == 0o600
    assert "token=" not in again.stdout and "anna" in again.stdout
    for run in (first, again):
        assert run.returncode == 1
        assert f"Poort {port} is al in gebruik" in run.stderr and f"--port {port + 1}" in run.stderr
        assert "Traceback" not in run.stderr


def test_a_bad_colleague_name_is_refused_in_dutch(tmp_path: Path) -> None:
    args = [sys.executable, "-c", LAUNCH, "web", "--port", str(free_port()), "--collega", "../anna"]
    run = subprocess.run(args, env=web_env(tmp_path), capture_output=True, text=True, timeout=60)
    assert run.returncode == 1 and "kan geen naam van een collega zijn" in run.stderr
    assert not (tmp_path / "team" / "toegang.json").exists()


def test_koploper_web_speaks_dutch_only_inside_its_own_parser(capsys: pytest.CaptureFixture[str]) -> None:
    from tui.web import cli

    with pytest.raises(SystemExit) as stopped:
        cli.main(["--poort", "80"])
    assert stopped.value.code == 2 and "fout: onbekende argumenten: --poort" in capsys.readouterr().err
    # typeshed does not declare argparse's module-level `_` (its gettext)
    assert argparse._ is gettext.gettext  # type: ignore[attr-defined]
    assert "usage:" in argparse.ArgumentParser(prog="ander").format_usage()


def test_the_web_server_loads_no_engine_model_or_textual(tmp_path: Path) -> None:
    code = ("import sys, tui.web.cli, tui.web.server; heavy = ('torch', 'chromadb', 'sentence_transformers', "
            "'textual', 'assistant', 'kennisbank', 'allocation'); print([m for m in heavy if m in sys.modules])")
    run = subprocess.run([sys.executable, "-c", code], env=web_env(tmp_path), capture_output=True, text=True, timeout=60)
    assert run.stdout.strip() == "[]", run.stderr


@pytest.mark.parametrize("kind", ["data", "symlink"])
def test_a_colleague_reads_no_file_outside_their_own_folder(tmp_path: Path, kind: str) -> None:
    from assistant.api import Conversation, KnowledgeAccess, Settings

    shipped = Path(__file__).resolve().parents[2] / "allocation" / "data" / "regio_leden.csv"
    anna = tmp_path / "team" / "anna"
    bert = tmp_path / "team" / "bert"
    for folder in (anna, bert):
        folder.mkdir(parents=True)
    (anna / "cijfers.csv").write_bytes(shipped.read_bytes())
    target = anna / "cijfers.csv"
    if kind == "symlink":
        (bert / "cijfers.csv").symlink_to(target)
        target = bert / "cijfers.csv"
    settings = Settings(home=tmp_path, user_dir=bert)
    conversation = Conversation(KnowledgeAccess(settings))
    reply = conversation.load_user_data(target)
    assert "buiten uw eigen map" in reply.answer
    assert conversation.user_data is None
    assert settings.conversations_dir == bert / "gesprekken"
    assert not Settings(home=tmp_path, user_dir=anna).outside_personal_dir(anna / "cijfers.csv")
    assert not Settings(home=tmp_path).outside_personal_dir(target)


async def test_stopping_the_server_ends_every_open_session(web_server: WebServer) -> None:
    import asyncio
    import os
    import time

    async with (
        aiohttp.ClientSession(cookies={"koploper_toegang": web_server.tokens["anna"]}) as session,
        session.ws_connect(f"ws://127.0.0.1:{web_server.port}/ws?width=100&height=30"),
    ):
        deadline = time.monotonic() + 60
        while not (apps := web_server.app_processes()):
            assert time.monotonic() < deadline, "no app process for an open session"
            await asyncio.sleep(0.1)
        web_server.process.terminate()
        await asyncio.to_thread(web_server.process.wait, 30)
    assert web_server.process.returncode == 0
    for pid in apps:
        assert not os.path.exists(f"/proc/{pid}") or "zombie" in Path(f"/proc/{pid}/status").read_text()


def test_without_names_the_first_run_gives_whoever_starts_it_a_token(tmp_path: Path) -> None:
    import getpass

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        args = [sys.executable, "-c", LAUNCH, "web", "--port", str(taken.getsockname()[1]), "--toegang", str(tmp_path / "t.json")]
        run = subprocess.run(args, env=web_env(tmp_path), capture_output=True, text=True, timeout=60)
    name = re.sub(r"[^a-z0-9._-]", "", getpass.getuser().lower()) or "beheerder"
    assert re.search(rf"^  {re.escape(name)}: http://127\.0\.0\.1:\d+/\?token=\S{{20,}}$", run.stdout, re.MULTILINE), run.stdout
