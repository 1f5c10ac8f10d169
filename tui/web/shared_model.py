"""The one model process of a `koploper web`: every tab embeds its questions there.

Without it, each tab's app loads torch and the weights itself: about 1.2 GB and 15–20 s before its first
knowledge answer. With it, a tab only connects to a Unix socket in a private folder (mode 0700) that the
web server made. The process is started before the first tab and is started again before the next tab
when it died. It ends with the server: on a normal stop, and on SIGKILL because its stdin closes.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

STOP_GRACE = 10.0
"""Seconds the model process gets to finish a request and go, before it is killed."""


class SharedModel:
    """Starts, restarts and stops `python -m kennisbank.model.shared_server` for one web server."""

    def __init__(self, model_dir: Path) -> None:
        self.model_dir = model_dir
        self.folder = Path(tempfile.mkdtemp(prefix="koploper-model-"))
        self.socket = self.folder / "model.sock"
        """What the tabs get as KOPLOPER_ENCODER_SOCKET."""
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0
        """How many times the process was started (1 unless it died)."""

    def ensure_running(self) -> None:
        """Start the process when it is not running; a tab that comes before the model is loaded waits for it."""
        if self.process is not None and self.process.poll() is None:
            return
        command = [sys.executable, "-m", "kennisbank.model.shared_server", "--socket", str(self.socket), "--model", str(self.model_dir)]
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE)
        self.starts += 1

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is not None:
            if process.stdin is not None:
                process.stdin.close()  # the process's signal to go
            try:
                process.wait(STOP_GRACE)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)
