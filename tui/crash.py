"""The last net for a bug in the app itself: a Dutch message and a log file instead of a traceback."""

from __future__ import annotations

import traceback
from pathlib import Path


def crash_log(error: BaseException) -> Path:
    """Append the traceback of an unexpected error to HOME/koploper-fout.log (a colleague's own folder in `koploper web`); returns the file."""
    try:
        from assistant.api import load_settings

        folder = load_settings().personal_dir
    except Exception:  # noqa: BLE001 - settings themselves may be the problem
        folder = Path.cwd()
    path = folder / "koploper-fout.log"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as log:
            log.write("".join(traceback.format_exception(error)) + "\n")
    except OSError:
        pass
    return path


def crash_message(error: BaseException, log: Path) -> str:
    """What the user reads after the app stopped: what happened, where the details are, what is kept."""
    return (
        f"Koploper stopte door een onverwachte fout ({type(error).__name__}: {error}). "
        f"De details staan in {log}. Het gesprek is tot het laatste antwoord bewaard; "
        "open het opnieuw met F3."
    )
