"""`koploper web` with a converted model: one shared model process for every tab, restarted when it died.

The tabs' app processes get KOPLOPER_ENCODER_SOCKET (read from their /proc environment), the model
process is one, a killed one is started again for the next tab, and stopping the server ends it and
removes its private folder. That a session on the shared model answers as with its own model is shown in
tests/kennisbank/test_shared_model.py.
"""

from __future__ import annotations

import asyncio
import os
import signal
import time
from pathlib import Path

import aiohttp

from tests.web.conftest import WebServer, start_web, stop_web

MODEL_MODULE = "kennisbank.model.shared_server"


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def environment(pid: int) -> dict[str, str]:
    try:
        raw = Path(f"/proc/{pid}/environ").read_bytes()
    except OSError:
        return {}
    return dict(item.split("=", 1) for item in raw.decode(errors="replace").split("\0") if "=" in item)


def finished(pid: int) -> bool:
    """Gone or a zombie: only then can the server's poll() see that it died.

    A killed process's command line is empty while the kernel is still freeing its memory (about 1.2 GB
    here), and in that window it is neither running nor yet waitable."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return True
    return any(line.startswith("State:") and "Z" in line.split()[1] for line in status.splitlines())


def model_processes(server: WebServer) -> list[int]:
    return [pid for pid in server.app_processes() if MODEL_MODULE in command_line(pid)]


def tab_processes(server: WebServer) -> list[int]:
    return [pid for pid in server.app_processes() if "tui.launcher" in command_line(pid)]


async def open_tab(server: WebServer, name: str, known: set[int]) -> tuple[aiohttp.ClientSession, aiohttp.ClientWebSocketResponse, int]:
    session = aiohttp.ClientSession(cookies={"koploper_toegang": server.tokens[name]})
    websocket = await session.ws_connect(f"ws://127.0.0.1:{server.port}/ws?width=100&height=30")
    deadline = time.monotonic() + 60
    own_dir = str(server.user_dir(name))
    # A process the server forks (the model process before its exec) has the server's command line for a
    # moment; only the tab's own process carries the colleague's folder in its environment.
    while not (new := [pid for pid in tab_processes(server) if pid not in known and environment(pid).get("KOPLOPER_USER_DIR") == own_dir]):
        assert time.monotonic() < deadline, "no app process for an open tab"
        await asyncio.sleep(0.1)
    return session, websocket, new[0]


async def test_every_tab_embeds_with_one_shared_model_that_is_restarted_when_it_died(model_dir: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "models").mkdir(parents=True)
    (home / "models" / model_dir.name).symlink_to(model_dir)
    server = start_web(home, ["anna", "bert"])
    clients: list[aiohttp.ClientSession] = []
    try:
        [model] = model_processes(server)
        session, _, anna = await open_tab(server, "anna", set())
        clients.append(session)
        sock = Path(environment(anna)["KOPLOPER_ENCODER_SOCKET"])
        assert sock.parent.stat().st_mode & 0o077 == 0, "the socket's folder is the server user's alone"
        assert environment(anna)["KOPLOPER_USER_DIR"] == str(server.user_dir("anna"))

        os.kill(model, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while not finished(model):
            assert time.monotonic() < deadline
            await asyncio.sleep(0.1)
        other_session, _, bert = await open_tab(server, "bert", {anna})
        clients.append(other_session)
        restarted = model_processes(server)
        assert len(restarted) == 1 and restarted[0] != model, "a new model process before the next tab"
        assert environment(bert)["KOPLOPER_ENCODER_SOCKET"] == str(sock)
    finally:
        for client in clients:
            await client.close()
        stop_web(server)
    deadline = time.monotonic() + 30
    while not finished(restarted[0]):
        assert time.monotonic() < deadline, "the model process outlived the server"
        time.sleep(0.1)
    assert not sock.parent.exists(), "the private socket folder is removed when the server stops"
