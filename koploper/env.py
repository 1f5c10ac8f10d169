"""The KOPLOPER_* environment variables by name, readable without importing pydantic-settings.

`koploper.settings.Settings` is the documented, validated view of the same variables; importing it
costs about 0,1 s (pydantic-settings), which `koploper verdeel` cannot spare for the one variable it
needs (KOPLOPER_DATA_DIR). Both read the prefix from here, so they cannot disagree on the names.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_PREFIX = "KOPLOPER_"


def env_path(field: str) -> Path | None:
    """The folder in KOPLOPER_<FIELD> (for example field 'data_dir'), or None when unset or empty."""
    value = os.environ.get(ENV_PREFIX + field.upper(), "").strip()
    return Path(value).expanduser() if value else None
