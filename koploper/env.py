"""The KOPLOPER_* environment variables by name, readable without importing pydantic-settings.

`koploper.settings.Settings` is the documented, validated view of the same variables; importing it
costs about 0,1 s (pydantic-settings), which `koploper verdeel` cannot spare for the one variable it
needs (KOPLOPER_DATA_DIR). Both read the prefix from here, so they cannot disagree on the names.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

ENV_PREFIX = "KOPLOPER_"

EXAMPLES = {
    "home": "KOPLOPER_HOME=$HOME/koploper",
    "embedding_model": "KOPLOPER_EMBEDDING_MODEL=$HOME/modellen/multilingual-e5-small",
    "max_file_mb": "KOPLOPER_MAX_FILE_MB=50",
    "data_dir": "KOPLOPER_DATA_DIR=$HOME/koploper-cijfers (een map met gemeenten.csv en indicators.json)",
    "chroma_url": "KOPLOPER_CHROMA_URL=http://127.0.0.1:8000",
    "user_dir": "KOPLOPER_USER_DIR=$HOME/koploper/team/anna",
}
"""A valid value per setting, named in every message about it."""


class SettingsError(ValueError):
    """A KOPLOPER_* variable with a value Koploper cannot use; `message` names it, in Dutch."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _shown(value: Any) -> str:
    text = str(value)
    return repr(text if len(text) <= 60 else text[:59] + "…")


def setting_problem(field: str, value: Any, why: str) -> str:
    """'KOPLOPER_MAX_FILE_MB='nan' is ongeldig: …; bijvoorbeeld KOPLOPER_MAX_FILE_MB=50.'"""
    return f"{ENV_PREFIX}{field.upper()}={_shown(value)} is ongeldig: {why}. Geef bijvoorbeeld {EXAMPLES[field]}, of laat de variabele weg."


def env_folder(field: str) -> Path | None:
    """Like `env_path`, for a folder that must exist: a SettingsError naming the variable otherwise."""
    folder = env_path(field)
    if folder is not None and not folder.is_dir():
        why = "die map bestaat niet" if not folder.exists() else "dat is geen map"
        raise SettingsError(setting_problem(field, folder, why))
    return folder


def env_path(field: str) -> Path | None:
    """The folder in KOPLOPER_<FIELD> (for example field 'data_dir'), or None when unset or empty."""
    value = os.environ.get(ENV_PREFIX + field.upper(), "").strip()
    return Path(value).expanduser() if value else None
