"""The user's own figures (CSV or XLSX, one row per municipality) as extra indicator columns.

A column from the user's file replaces a shipped indicator of the same name completely (mixing
two sources within one key would not be defensible), and carries the source and reference date
the user gave, or "eigen gegevens".
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from allocation.data import Dataset, IndicatorInfo, load_dataset
from allocation.errors import AllocationError
from allocation.models import normalise_column
from allocation.names import resolve_municipality, suggest_municipalities
from koploper.user_file import MAX_USER_FILE_MB, UserFileError, read_user_file

NAME_COLUMNS = {"gemeente", "gemeentenaam", "naam", "municipality"}
CODE_COLUMNS = {"gemeentecode", "cbs_code", "cbscode", "code", "gemeente_code", "gm_code"}
OWN_DATA = "eigen gegevens"
SHAPE_HINT = (
    "Gebruik een CSV- of XLSX-bestand met één rij per gemeente: een kolom 'gemeente' (naam) of "
    "'gemeentecode' (CBS-code, zoals GM0503) en daarnaast een kolom per indicator met gehele of "
    "decimale getallen, bijvoorbeeld:\n\n    gemeente;corporatiewoningen\n    Delft;20512\n    Rijswijk;9120"
)
_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")
_MAX_CELLS = 200_000
_MAX_EXPONENT = 12
"""Values of 10^13 and more are no municipality figure (all Dutch homes are about 8 * 10^6)."""
_DOT_DECIMAL = re.compile(r"^-?\d+\.\d+$")


class UserData(BaseModel):
    """Validated user columns: column → CBS code → exact value, plus a description per column."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    path: str
    columns: dict[str, dict[str, Fraction]]
    infos: dict[str, IndicatorInfo]


def _fail(path: Path, text: str) -> AllocationError:
    return AllocationError(f"Probleem met {path.name}: {text}")


def _read_csv(path: Path, raw: bytes) -> tuple[list[list[Any]], bool]:
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Excel's "Unicode-tekst" and many Windows tools write UTF-16 with a byte-order mark
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            raise _fail(path, "het bestand begint als UTF-16-tekst maar is beschadigd. Sla het opnieuw op als CSV (UTF-8).") from None
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise _fail(path, "dit lijkt geen tekstbestand (CSV). " + SHAPE_HINT)
    if not text.strip():
        raise _fail(path, "het bestand is leeg. " + SHAPE_HINT)
    header = text.strip().splitlines()[0]
    delimiter = max([";", ",", "\t"], key=header.count)
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    return rows, delimiter != ","


def _read_xlsx(path: Path, raw: bytes) -> list[list[Any]]:
    import zipfile

    from openpyxl import load_workbook  # only here: openpyxl is slow to import

    try:
        _check_expansion(path, raw)
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise _fail(path, f"het Excel-bestand is niet te lezen ({type(exc).__name__}). Sla het op als .xlsx of als CSV.") from None
    try:
        sheet = workbook.worksheets[0]
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    _check_formulas(path, raw, rows)
    return rows


def _check_expansion(path: Path, raw: bytes) -> None:
    """An .xlsx is a zip: a small file can unpack to gigabytes (a zip bomb). Its table of contents says
    how large the parts become, before anything is unpacked."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > MAX_USER_FILE_MB * 1_000_000:
        raise _fail(path, f"het Excel-bestand pakt uit tot meer dan {MAX_USER_FILE_MB} MB; dat is geen tabel met gemeentecijfers.")


def _check_formulas(path: Path, raw: bytes, values: list[list[Any]]) -> None:
    """Formula cells whose result was never saved read as empty: say so instead of losing the column.

    Files written by scripts (not opened in Excel) keep the formula but no cached value.
    """
    if not any(cell is None for row in values for cell in row):
        return
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    try:
        formulas = [
            f"{get_column_letter(col + 1)}{number}"
            for number, row in enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1)
            for col, cell in enumerate(row)
            if isinstance(cell, str) and cell.startswith("=")
            and number <= len(values) and col < len(values[number - 1]) and values[number - 1][col] is None
        ]
    finally:
        workbook.close()
    if formulas:
        cells = ", ".join(formulas[:8]) + (" …" if len(formulas) > 8 else "")
        raise _fail(
            path,
            f"cellen {cells} bevatten een formule zonder opgeslagen uitkomst. Open het bestand in Excel of "
            "LibreOffice en sla het op (dan worden de uitkomsten bewaard), of zet de getallen er zelf in.",
        )


def _parse_number(value: Any, dutch: bool) -> Fraction | str | None:
    """A cell as an exact number; None when empty; the original text when it is not a number."""
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return str(value)
        if abs(value) >= 10.0 ** (_MAX_EXPONENT + 1):
            return "te groot:" + repr(value)
        return Fraction(Decimal(repr(value)))
    text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        return None
    if dutch:
        text = text.replace(".", "").replace(",", ".") if "," in text or _THOUSANDS.match(text) else text
    elif _THOUSANDS.match(text):
        return "dubbelzinnig:" + text
    try:
        number = Decimal(text)
    except InvalidOperation:
        return text
    if not number.is_finite():
        return text
    if number != 0 and number.adjusted() > _MAX_EXPONENT:
        return "te groot:" + text  # Fraction(Decimal('1e999999999')) would take forever
    return Fraction(number)


def _read_rows(file: Path) -> tuple[list[list[Any]], bool]:
    """The non-empty rows of the file and whether numbers are written the Dutch way."""
    try:  # only a regular file, within a size limit and a timeout (a FIFO, /dev/zero, a hung share)
        raw = read_user_file(file)
    except UserFileError as error:
        raise AllocationError(error.message + (" " + SHAPE_HINT if error.kind == "directory" else "")) from None
    suffix = file.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        rows, dutch = _read_xlsx(file, raw), True
    elif suffix in (".csv", ".txt", ".tsv"):
        rows, dutch = _read_csv(file, raw)
    else:
        raise AllocationError(f"{file.name}: gebruik een .csv- of .xlsx-bestand. " + SHAPE_HINT)
    rows = [row for row in rows if any(cell is not None and str(cell).strip() for cell in row)]
    if not rows:
        raise _fail(file, "het bestand bevat geen gegevens. " + SHAPE_HINT)
    if sum(len(row) for row in rows) > _MAX_CELLS:
        raise _fail(file, "het bestand is te groot voor gemeentecijfers (meer dan 200.000 cellen).")
    return rows, dutch


def _row_codes(file: Path, data_rows: list[list[Any]], id_col: int, ds: Dataset) -> list[str]:
    """The CBS code of every row, or a Dutch error naming the unknown and the doubled municipalities."""
    codes: list[str] = []
    unknown: list[str] = []
    seen: dict[str, int] = {}
    duplicates: list[str] = []
    for number, row in enumerate(data_rows, start=2):
        cell = row[id_col] if id_col < len(row) else None
        label = str(cell).strip() if cell is not None else ""
        municipality = resolve_municipality(label, ds) if label else None
        if municipality is None:
            hint = suggest_municipalities(label, 3, ds) if label else []
            extra = f" (bedoelt u {' of '.join(hint)}?)" if hint else ""
            unknown.append(f"rij {number}: {label or '(leeg)'}{extra}")
            codes.append("")
            continue
        if municipality.code in seen:
            duplicates.append(f"{municipality.name} (rij {seen[municipality.code]} en {number})")
        seen.setdefault(municipality.code, number)
        codes.append(municipality.code)
    if unknown:
        raise _fail(file, "onbekende gemeenten: " + "; ".join(unknown[:10]) + (" …" if len(unknown) > 10 else "") + ". Gebruik de officiële naam of de CBS-code.")
    if duplicates:
        raise _fail(file, "deze gemeenten staan er meer dan één keer in: " + "; ".join(duplicates) + ". Houd één rij per gemeente.")
    return codes


def _mixed_separators(cells: list[tuple[int, Any, str]], dutch: bool) -> str | None:
    """In one column '1.250' (thousands) beside '2.5' (decimal point) cannot both be right: ask.

    Only in Dutch files (';' separated, XLSX text cells), where the dot is read as a thousands
    separator; comma-separated files already refuse '1.250'.
    """
    if not dutch:
        return None
    texts = [(number, str(cell).strip()) for number, cell, _ in cells if isinstance(cell, str)]
    thousands = [f"rij {n} ({t})" for n, t in texts if _THOUSANDS.match(t)]
    decimals = [f"rij {n} ({t})" for n, t in texts if _DOT_DECIMAL.match(t) and not _THOUSANDS.match(t)]
    if not (thousands and decimals):
        return None
    return (
        "gebruikt de punt op twee manieren: als duizendtalscheiding in " + ", ".join(thousands[:3])
        + " en als decimaalteken in " + ", ".join(decimals[:3])
        + ". Schrijf decimalen met een komma (2,5) of laat de punten in duizendtallen weg"
    )


def _column_values(
    data_rows: list[list[Any]], codes: list[str], col: int, original: str, dutch: bool, ds: Dataset
) -> tuple[dict[str, Fraction], list[str], list[str]]:
    """One column's exact values per CBS code, its text cells and its problems (negative numbers)."""
    values: dict[str, Fraction] = {}
    texts: list[str] = []
    problems: list[str] = []
    cells = [(number, row[col] if col < len(row) else None, code) for number, (row, code) in enumerate(zip(data_rows, codes, strict=True), start=2)]
    mixed = _mixed_separators(cells, dutch)
    if mixed:
        return values, texts, [f"kolom {original!r} " + mixed]
    for number, cell, code in cells:
        parsed = _parse_number(cell, dutch)
        if parsed is None:
            continue
        if isinstance(parsed, str) and parsed.startswith("te groot:"):
            problems.append(f"kolom {original!r}, rij {number} ({ds.municipalities[code].name}): {parsed.removeprefix('te groot:')!r} is veel te groot voor een gemeentecijfer")
            continue
        if isinstance(parsed, str):
            texts.append(f"rij {number} ({ds.municipalities[code].name}): {parsed.removeprefix('dubbelzinnig:')!r}" + (" is dubbelzinnig, schrijf het getal zonder punt" if parsed.startswith("dubbelzinnig:") else ""))
            continue
        if parsed < 0:
            problems.append(f"kolom {original!r}, rij {number} ({ds.municipalities[code].name}): negatief getal {parsed}")
            continue
        values[code] = parsed
    return values, texts, problems


def read_user_data(
    path: str | Path,
    dataset: Dataset | None = None,
    source: str | None = None,
    reference_date: str | None = None,
) -> UserData:
    """Read and validate a user file; any problem is an AllocationError that says how to fix it."""
    ds = dataset or load_dataset()
    file = Path(path)
    rows, dutch = _read_rows(file)
    header = [normalise_column(str(cell)) if cell is not None else "" for cell in rows[0]]
    originals = [str(cell).strip() if cell is not None else "" for cell in rows[0]]
    code_col = next((i for i, name in enumerate(header) if name in CODE_COLUMNS), None)
    name_col = next((i for i, name in enumerate(header) if name in NAME_COLUMNS), None)
    id_col = code_col if code_col is not None else name_col
    if id_col is None:
        raise _fail(file, "er is geen kolom 'gemeente' of 'gemeentecode'. " + SHAPE_HINT)
    data_rows = rows[1:]
    if not data_rows:
        raise _fail(file, "er staan alleen kolomkoppen in, geen gemeenten. " + SHAPE_HINT)
    codes = _row_codes(file, data_rows, id_col, ds)

    columns: dict[str, dict[str, Fraction]] = {}
    infos: dict[str, IndicatorInfo] = {}
    problems: list[str] = []
    ignored = {i for i, name in enumerate(header) if name in NAME_COLUMNS | CODE_COLUMNS or name in {"provincie", ""}}
    for col, name in enumerate(header):
        if col in ignored:
            continue
        if name in columns:
            raise _fail(file, f"de kolom {originals[col]!r} komt twee keer voor.")
        values, texts, negative = _column_values(data_rows, codes, col, originals[col], dutch, ds)
        problems += negative
        if not values and not any("dubbelzinnig" in text for text in texts):
            continue  # a text column such as a remark: not an indicator
        if texts:
            problems.append(f"kolom {originals[col]!r} bevat tekst waar een getal hoort: " + "; ".join(texts[:5]))
            continue
        columns[name] = values
        infos[name] = IndicatorInfo(
            name=name,
            label=originals[col] or name,
            unit="eigen eenheid",
            reference_date=reference_date or OWN_DATA,
            reference_date_label=reference_date or OWN_DATA,
            source=f"{source or OWN_DATA} (bestand {file.name})",
            file=file.name,
            column=originals[col],
            coverage=f"{len(values)} gemeenten uit {file.name}",
            user_supplied=True,
        )
    if problems:
        raise _fail(file, "; ".join(problems) + ". Verbeter het bestand en probeer het opnieuw.")
    if not columns:
        raise _fail(file, "er staat geen kolom met getallen in. " + SHAPE_HINT)
    return UserData(path=str(file), columns=columns, infos=infos)


def merge_user_data(dataset: Dataset, user: UserData) -> Dataset:
    """A new dataset in which the user's columns add to or replace the shipped indicators."""
    values = dict(dataset.values)
    indicators = dict(dataset.indicators)
    uncertainty = dict(dataset.uncertainty)
    for name, column in user.columns.items():
        values[name] = dict(column)
        indicators[name] = user.infos[name]
        uncertainty.pop(name, None)
    return Dataset(
        municipalities=dataset.municipalities,
        values=values,
        indicators=indicators,
        regions=dataset.regions,
        members=dataset.members,
        municipality_aliases=dataset.municipality_aliases,
        uncertainty=uncertainty,
        user_file=user.path,
    )
