"""Fixtures for `koploper web`: the real server in a subprocess, on a free port, in a temporary KOPLOPER_HOME.

The home has no model: the app's knowledge base then says it is unavailable, and allocation questions
(which need no model) are answered at once. That keeps the browser tests fast and independent of the
index; the knowledge path in the browser is the same app process as in the terminal.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

LAUNCH = "import sys; from tui.launcher import main; main()"
"""`koploper` itself (tui.launcher) with this interpreter and the checkout on PYTHONPATH."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (read from /proc): the app processes of a running server."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found: list[int] = []
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


@dataclass
class WebServer:
    """A running `koploper web`: its process, address, home and the tokens it printed."""

    process: subprocess.Popen[str]
    port: int
    home: Path
    team_dir: Path
    tokens: dict[str, str] = field(default_factory=dict)
    output: str = ""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def link(self, name: str) -> str:
        return f"{self.url}?token={self.tokens[name]}"

    def user_dir(self, name: str) -> Path:
        return self.team_dir / name

    def app_processes(self) -> list[int]:
        return descendants(self.process.pid)


def web_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(KOPLOPER_HOME=str(home), PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    env.pop("KOPLOPER_USER_DIR", None)
    env.pop("KOPLOPER_EMBEDDING_MODEL", None)
    return env


def start_web(home: Path, names: list[str], access: Path | None = None, timeout: float = 60.0) -> WebServer:
    """Start `koploper web --collega …` and wait until it answers; tokens parsed from what it printed.

    `access` is the access file (--toegang); the colleagues' folders are beside it (default HOME/team)."""
    port = free_port()
    args = [sys.executable, "-c", LAUNCH, "web", "--port", str(port)]
    if access is not None:
        args += ["--toegang", str(access)]
    for name in names:
        args += ["--collega", name]
    process = subprocess.Popen(args, env=web_env(home), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    server = WebServer(process, port, home, (access or home / "team" / "toegang.json").parent)
    assert process.stdout is not None
    deadline = time.monotonic() + timeout
    for line in process.stdout:
        server.output += line
        if match := re.match(r"\s+([a-z0-9._-]+): http://\S+\?token=(\S+)$", line):
            server.tokens[match.group(1)] = match.group(2)
        if line.startswith("Koploper in de browser"):
            break
        if time.monotonic() > deadline:
            break
    threading.Thread(target=drain, args=(server,), daemon=True).start()
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.1)
    stop_web(server)
    raise AssertionError(f"koploper web did not start:\n{server.output}")


def drain(server: WebServer) -> None:
    """Keep reading what the server prints (app errors, warnings), so a full pipe never blocks it."""
    assert server.process.stdout is not None
    for line in server.process.stdout:
        server.output += line


def stop_web(server: WebServer) -> None:
    if server.process.poll() is None:
        server.process.terminate()
        try:
            server.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()


@pytest.fixture
def web_server(tmp_path: Path) -> Iterator[WebServer]:
    """`koploper web` with two colleagues, anna and bert, in a fresh home."""
    server = start_web(tmp_path / "home", ["anna", "bert"])
    yield server
    stop_web(server)
