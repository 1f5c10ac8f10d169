"""Who may use `koploper web`: a small file of colleagues' names and their access tokens.

The file (HOME/team/toegang.json, mode 0600) is the only secret the server keeps. Tokens come from
`secrets` and are printed once, when they are made; the server compares them in constant time and
derives the colleague's own folder from the name, never from anything the browser sends.
"""

from __future__ import annotations

import hmac
import json
import re
import secrets
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError, field_validator

from koploper.atomic import write_text

NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{0,39}$")
"""A colleague's name is also their folder name: lower-case letters, digits, '.', '_' and '-'."""

TOKEN_BYTES = 24


class AccessFileError(Exception):
    """The access file cannot be read or written; the message is Dutch and says what to do."""


class Colleague(BaseModel):
    name: str
    token: str = Field(min_length=20)

    @field_validator("name")
    @classmethod
    def _safe_name(cls, value: str) -> str:
        if not NAME_PATTERN.match(value):
            raise ValueError(f"'{value}' is geen geldige naam (kleine letters, cijfers, '.', '_' of '-'; hoogstens 40 tekens)")
        return value


class AccessList(BaseModel):
    """The colleagues who may use the web app, in the order they were added."""

    version: int = 1
    colleagues: list[Colleague] = []

    def names(self) -> list[str]:
        return [c.name for c in self.colleagues]

    def who(self, token: str | None) -> str | None:
        """The colleague whose token this is, or None; every entry is compared (no early exit)."""
        found: str | None = None
        if not token:
            return None
        for colleague in self.colleagues:
            if hmac.compare_digest(colleague.token.encode(), token.encode()):
                found = colleague.name
        return found


def valid_name(name: str) -> bool:
    return bool(NAME_PATTERN.match(name))


def read_access(path: Path) -> AccessList:
    """The access list in `path`; an empty list when the file does not exist yet."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return AccessList()
    except OSError as exc:
        raise AccessFileError(f"Het toegangsbestand {path} kon niet worden gelezen ({exc.strerror}).") from exc
    try:
        access = AccessList.model_validate(json.loads(text))
    except (ValueError, ValidationError) as exc:
        raise AccessFileError(
            f"Het toegangsbestand {path} is onleesbaar. Herstel het, of zet het opzij en start `koploper web` "
            "opnieuw met --collega NAAM: dan komen er nieuwe toegangscodes."
        ) from exc
    names = access.names()
    if len(set(names)) != len(names):
        raise AccessFileError(f"In het toegangsbestand {path} staat een naam twee keer; haal er één weg.")
    return access


def add_colleagues(path: Path, names: list[str]) -> tuple[AccessList, dict[str, str]]:
    """Add the names not yet in the file, each with a fresh token; returns the list and the new tokens.

    The file is written atomically with mode 0600 (only the server's user can read it).
    """
    access = read_access(path)
    new: dict[str, str] = {}
    for name in names:
        if name in access.names() or name in new:
            continue
        new[name] = secrets.token_urlsafe(TOKEN_BYTES)
    if not new:
        return access, {}
    access = AccessList(colleagues=access.colleagues + [Colleague(name=n, token=t) for n, t in new.items()])
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text(path, access.model_dump_json(indent=2) + "\n", mode=0o600)
    except OSError as exc:
        raise AccessFileError(f"Het toegangsbestand {path} kon niet worden geschreven ({exc.strerror}).") from exc
    return access, new
