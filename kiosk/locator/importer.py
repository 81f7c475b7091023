"""Validate a clinic CSV (the kiosk's own format or SAMHSA's) and write a directory file.

Rows stream from the file to a SQLite staging table, so memory stays flat at
any size. Every rejected row becomes an :class:`ImportProblem` naming the
physical line where the record starts (right even after quoted fields that
span lines) and the column. By default one bad row refuses the whole import,
so a half-fixed file never replaces a good directory.
"""

from __future__ import annotations

import csv
import datetime as dt
import gc
import hashlib
import io
import math
import operator
import os
import re
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Literal, TypeVar

from kiosk import atomic, textfile
from kiosk.locator import geo, samhsa, spatial
from kiosk.locator.model import (
    CONDITION_BITS,
    LANGUAGE_BIT0,
    LOCATED_KINDS,
    MAX_LANGUAGE_BITS,
    PAYMENT_BITS,
    TELEHEALTH_BIT,
    US_STATES,
    VETERANS_BIT,
    ImportProblem,
    ImportReport,
)
from kiosk.locator.schema import (
    COLUMN_NAMES,
    COLUMNS,
    CSV_COLUMNS,
    DEFAULTS,
    ID_RE,
    MAX_LENGTH,
    REQUIRED_COLUMNS,
    Errors,
    create_table_sql,
    insert_sql,
    to_sql,
)
from kiosk.locator.schema import (
    OPTIONAL_COLUMNS as OPTIONAL_COLUMNS,
)

SourceFormat = Literal["kiosk", "samhsa"]
FORMATS: tuple[str, ...] = ("kiosk", "samhsa")
SCHEMA_VERSION = 2
MAX_CSV_BYTES = 400 * 1024 * 1024
READ_CHUNK = 1 << 20
# How far explicit coordinates may sit from their ZIP's centroid before we call
# them a mistake (swapped lat/lon, a sign dropped). Big rural ZIPs are ~60 miles across.
MAX_MILES_FROM_ZIP = 150.0
STALE_TEMP_SECONDS = 15 * 60

ALL_COLUMNS = CSV_COLUMNS
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # not tab, LF, CR
CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")

SCHEMA = f"""
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
{create_table_sql()}
-- The nearest-N index (kiosk/locator/spatial.py): one packed R-tree per located kind,
-- roots in meta spatial_root_<kind>.
CREATE TABLE spatial(node INTEGER PRIMARY KEY, data BLOB NOT NULL) STRICT;
-- At-home providers by state served ('ALL' for nationwide).
CREATE TABLE served(state TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (state, n))
    WITHOUT ROWID;
PRAGMA user_version = {SCHEMA_VERSION};
"""
# Built after the rows are in: one sorted build is much faster than a million inserts.
INDEXES = """
CREATE UNIQUE INDEX clinics_id ON clinics(id);
CREATE INDEX clinics_kind_state ON clinics(kind, state);
"""
_STAGING = ("CREATE TEMP TABLE staging(" + ", ".join(COLUMN_NAMES) + ", mask, line)")


class _FileProblem(Exception):
    def __init__(self, line: int | None, column: str, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


# --- reading the file -------------------------------------------------------------------


class _Reader(io.RawIOBase):
    """A staff file streamed through kiosk.textfile (regular files only, capped by bytes
    read), UTF-16 refused, NUL refused with its line (textfile's rule), hashed on the way."""

    def __init__(self, src: Path, cap: int) -> None:
        self._stream = textfile.open_staff_file(src, cap, "CSV file")
        self._lines = 0  # newlines before the current chunk (for a NUL's line)
        self.sha = hashlib.sha256()

    @property
    def size(self) -> int:
        return self._stream.size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        start = self._stream.size
        n = self._stream.readinto(buffer)
        if not n:
            return 0
        chunk = bytes(memoryview(buffer)[:n])
        if start == 0 and chunk.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise _FileProblem(None, "", "UTF-16 text (Excel 'Unicode Text'); save as "
                                         "'CSV UTF-8 (Comma delimited)'")
        textfile.nul_check(chunk, self._stream.path, self._lines, "CSV text file")
        self._lines += chunk.count(b"\n")
        self.sha.update(chunk)
        return n

    def close(self) -> None:
        self._stream.close()
        super().close()


def _records(text: io.TextIOBase) -> Iterator[tuple[int, list[str]]]:
    """Yield (first physical line, fields) for each non-blank CSV record."""
    reader = csv.reader(text, strict=True)
    end = 0
    while True:
        start = end + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise _FileProblem(reader.line_num or start, "", f"CSV syntax error: {exc}") from None
        end = reader.line_num
        if fields and any(f.strip() for f in fields):
            yield start, fields


def _header_key(name: str) -> str:
    return "_".join(name.strip().lower().replace("-", " ").split())


def _bad_cp1252_line(src: Path) -> tuple[int, int]:
    """(line, byte) of the first byte Windows-1252 does not define."""
    lines = 1
    with textfile.open_staff_file(src, MAX_CSV_BYTES, "CSV file") as fh:
        while chunk := fh.read(READ_CHUNK):
            for i, b in enumerate(chunk):
                if b in CP1252_UNDEFINED:
                    return lines + chunk[:i].count(b"\n"), b
            lines += chunk.count(b"\n")
    return lines, 0


# --- validating one row -----------------------------------------------------------------


_T = TypeVar("_T")


def _memo(parse: Callable[[str], _T]) -> Callable[[str], _T]:
    """Cache a field parser: real directories repeat the same few condition lists,
    state lists and ZIPs thousands of times, and this keeps a big import fast."""
    cache: dict[str, _T] = {}

    def cached(text: str) -> _T:
        hit = cache.get(text)
        if hit is None:
            if len(cache) > 100_000:
                cache.clear()
            hit = cache[text] = parse(text)
        return hit

    return cached


def _number(text: str, column: str, lo: float, hi: float, errors: Errors) -> float:
    try:
        value = float(text)
    except ValueError:
        errors.append((column, f"{text!r} is not a number"))
        return math.nan
    if not (lo <= value <= hi):  # also false for nan
        errors.append((column, f"{text} is out of range ({lo:g} to {hi:g})"))
        return math.nan
    return value


_values = operator.itemgetter(*COLUMN_NAMES)
_UNIQUE = frozenset({"id", "name", "address", "lat", "lon"})  # caching these would not pay


def _column(key: str, limit: int, parse: Callable[[str], tuple[Any, Errors]] | None,
            always: bool, cache: bool, default: Any) -> Callable[[str], tuple[str, Any, Errors]]:
    """The check of one column: whitespace folded, control characters and length
    refused, then the column's parser (also for empty text when ``always``)."""
    def run(raw: str) -> tuple[str, Any, Errors]:
        value = raw.replace("\n", ", ") if key == "address" else raw
        value = " ".join(value.split())
        errors: Errors = []
        if CONTROL_RE.search(value):
            errors.append((key, "contains control characters"))
        if limit and len(value) > limit:
            errors.append((key, f"is {len(value)} characters long; at most {limit}"))
        parsed: Any = value
        if parse is not None:
            if value or always:
                parsed, e = parse(value)
                errors += e
            else:
                parsed = default
        return value, parsed, errors

    return _memo(run) if cache else run


class _RowChecker:
    """Turns one row's text fields into stored values, or problems."""

    def __init__(self, file: str, zips: dict[str, tuple[float, float, str, str]],
                 columns: list[str] | tuple[str, ...], fmt: str) -> None:
        self.file = file
        self.zips = zips
        self.columns = [c for c in CSV_COLUMNS if c in columns]
        self.fmt = fmt
        parsers = {c.name: c.col.parse for c in COLUMNS if c.col.parse}
        # One function per column: raw text -> (clean text, value, problems). Columns that
        # repeat (kinds, states, phones, condition lists...) are cached by raw text.
        self.plan = [(key, _column(key, MAX_LENGTH.get(key, 0), parsers.get(key),
                                   key in ("kind", "state", "phone", "conditions"),
                                   cache=key not in _UNIQUE, default=DEFAULTS[key]))
                     for key in self.columns]
        self.zip = _memo(self._parse_zip)
        self.language_bits: dict[str, int] = {}

    def _parse_zip(self, text: str) -> tuple[tuple[str, str, Any], Errors]:
        # Excel drops the leading zeros of New England ZIPs (02134 -> 2134).
        if len(text) in (3, 4) and text.isascii() and text.isdigit():
            text = text.zfill(5)
        m = geo.ZIP_RE.fullmatch(text)
        if not m:
            return ("", "", None), [("zip", f"{text!r}: expected 5 digits like 10001 (or "
                                            "ZIP+4 10001-1234)" if text else "is empty")]
        zip5 = m.group(1)
        shown = zip5 + (f"-{m.group(2)}" if m.group(2) else "")
        geo_row = self.zips.get(zip5)
        if geo_row is None:
            return (zip5, shown, None), [("zip", f"unknown ZIP code {zip5}")]
        return (zip5, shown, geo_row), []

    def _mask(self, v: dict[str, Any]) -> int:
        mask = 0
        for c in v["conditions"]:
            mask |= CONDITION_BITS[c]
        for p in v["payment"]:
            mask |= PAYMENT_BITS[p]
        if v["telehealth"]:
            mask |= TELEHEALTH_BIT
        if v["veterans"]:
            mask |= VETERANS_BIT
        for lang in v["languages"]:
            bit = self.language_bits.get(lang)
            if bit is None and len(self.language_bits) < MAX_LANGUAGE_BITS:
                bit = self.language_bits[lang] = 1 << (LANGUAGE_BIT0 + len(self.language_bits))
            if bit is not None:
                mask |= bit
        return mask

    def check(self, line: int, raw: dict[str, str]) -> tuple[tuple | None, Errors]:
        """(stored values + mask + line, []) or (None, [(column, message), ...])."""
        errors: Errors = []
        text = dict.fromkeys(CSV_COLUMNS, "")
        v: dict[str, Any] = dict(DEFAULTS)
        for key, run in self.plan:
            text[key], v[key], e = run(raw.get(key, ""))
            if e:
                errors += e

        if self.fmt == "samhsa" and not text["conditions"]:
            errors = [e for e in errors if e[0] != "conditions"]  # the codes may give none
            v["conditions"] = ()
        if not v["id"]:
            errors.append(("id", "is empty; every row needs a unique id"))
        elif not ID_RE.fullmatch(v["id"]):
            errors.append(("id", f"{v['id']!r}: use letters, digits, '.', '_' and '-' only"))
        if not v["name"]:
            errors.append(("name", "is empty"))
        kind = v["kind"]
        at_home = kind == "at_home"
        what = "an outpatient clinic" if kind == "outpatient" else "a therapy listing"
        if not at_home and not v["address"]:
            errors.append(("address", f"is empty; {what} needs a street address"))
        if not at_home and not v["city"]:
            errors.append(("city", "is empty"))
        if at_home and not text["state"]:
            errors = [e for e in errors if e[0] != "state"]
            v["state"] = ""
            if not text["states_served"]:
                errors.append(("state", "is empty; give the provider's state or the states "
                                        "it serves"))

        zip5 = zip_text = ""
        geo_row = None
        if text["zip"] or not at_home:
            (zip5, zip_text, geo_row), e = self.zip(text["zip"])
            errors += e
        v["zip"] = zip_text

        lat = lon = math.nan
        lat_text, lon_text = text["lat"], text["lon"]
        if lat_text or lon_text:
            if not (lat_text and lon_text):
                errors.append(("lat" if not lat_text else "lon",
                               "give both lat and lon, or neither"))
            else:
                lat = _number(lat_text, "lat", -90, 90, errors)
                lon = _number(lon_text, "lon", -180, 180, errors)
                # Within 1.4 degrees both ways is always within 150 miles (a degree is at
                # most 69.2 miles: 137 miles corner to corner), so the haversine runs only
                # for the doubtful few.
                if geo_row and not (math.isnan(lat) or math.isnan(lon)) and not (
                        abs(lat - geo_row[0]) <= 1.4 and abs(lon - geo_row[1]) <= 1.4):
                    miles = geo.haversine_miles(lat, lon, geo_row[0], geo_row[1])
                    if miles > MAX_MILES_FROM_ZIP:
                        errors.append(("lat", f"({lat:g}, {lon:g}) is {miles:,.0f} miles from "
                                              f"ZIP {zip5}; are lat and lon swapped or "
                                              "missing a minus sign?"))
        elif geo_row:
            lat, lon = geo_row[0], geo_row[1]
            if v["state"] in US_STATES and geo_row[2] != v["state"]:
                errors.append(("zip", f"ZIP {zip5} is in {geo_row[2]}, not {v['state']}; fix "
                                      "the ZIP or state, or give lat and lon"))
        v["lat"], v["lon"] = lat, lon

        if at_home:
            if not v["states_served"] and not any(e[0] == "states_served" for e in errors):
                errors.append(("states_served", "is empty; an at_home provider lists the "
                                                "states it serves (like NY;NJ) or ALL"))
        elif text["states_served"]:
            errors.append(("states_served", "is only for at_home providers; leave it empty"))

        if errors:
            return None, errors
        return (*to_sql(_values(v)), self._mask(v), line), []


# --- the file formats -------------------------------------------------------------------


class _Kiosk:
    name = "kiosk"
    required: tuple[str, ...] = REQUIRED_COLUMNS
    known: frozenset[str] = frozenset(CSV_COLUMNS)
    suggest = True

    def __init__(self, source_date: str) -> None:
        self.source_date = source_date

    def fields(self, raw: dict[str, str]) -> tuple[dict[str, str] | None, Errors]:
        return raw, []

    def column(self, field: str) -> str:
        return field


class _Samhsa(_Kiosk):
    name = "samhsa"
    required = samhsa.REQUIRED
    known = samhsa.KNOWN_COLUMNS
    suggest = False

    def fields(self, raw: dict[str, str]) -> tuple[dict[str, str] | None, Errors]:
        return samhsa.map_row(raw, self.source_date)

    def column(self, field: str) -> str:
        return samhsa.FIELD_COLUMN.get(field, field)


# --- the whole file ---------------------------------------------------------------------


class _Result:
    def __init__(self) -> None:
        self.problems: list[ImportProblem] = []
        self.ignored: tuple[str, ...] = ()
        self.rows = 0
        self.left_out = 0
        self.duplicates = 0
        self.size = 0
        self.sha256 = ""
        self.language_bits: dict[str, int] = {}


def _stream(src: Path, file: str, fmt: _Kiosk, stage: sqlite3.Connection) -> _Result:
    """Check every row of ``src`` into the staging table; problems in the result."""
    result = _Result()
    try:
        raw = _Reader(src, MAX_CSV_BYTES)
    except textfile.StaffFileError as exc:
        result.problems.append(ImportProblem(file, exc.line, "", exc.message))
        return result
    try:
        try:
            _stream_text(raw, "utf-8-sig", file, fmt, stage, result)
        except UnicodeDecodeError:
            raw.close()
            stage.execute("DELETE FROM staging")
            result = _Result()
            raw = _Reader(src, MAX_CSV_BYTES)
            try:
                _stream_text(raw, "cp1252", file, fmt, stage, result)
            except UnicodeDecodeError:
                line, byte = _bad_cp1252_line(src)
                raise _FileProblem(line, "", f"neither UTF-8 nor Windows-1252 text (byte "
                                             f"0x{byte:02x}); save as 'CSV UTF-8'") from None
    except (_FileProblem, textfile.StaffFileError) as exc:
        column = exc.column if isinstance(exc, _FileProblem) else ""
        result.problems = [ImportProblem(file, exc.line, column, exc.message)]
        result.rows = 0
    except FileNotFoundError as exc:  # the ZIP resource is missing: a broken install
        result.problems = [ImportProblem(file, None, "", str(exc))]
        result.rows = 0
    except OSError as exc:
        result.problems = [ImportProblem(file, None, "", f"cannot read: {exc.strerror or exc}")]
        result.rows = 0
    finally:
        result.size = raw.size
        result.sha256 = raw.sha.hexdigest()
        raw.close()
    return result


def _stream_text(raw: _Reader, encoding: str, file: str, fmt: _Kiosk,
                 stage: sqlite3.Connection, result: _Result) -> None:
    buffered = io.BufferedReader(raw, READ_CHUNK)
    text = io.TextIOWrapper(buffered, encoding=encoding, errors="strict", newline="")
    # csv needs whole lines; the wrapper decodes chunk by chunk, so memory stays flat.
    records = _records(text)
    first = next(records, None)
    if first is None:
        raise _FileProblem(1, "", "file is empty; expected a header row: "
                                  + ",".join(fmt.required if fmt.name == "samhsa"
                                             else ALL_COLUMNS))
    header_line, header = first
    keys = [_header_key(h) for h in header]
    if len(keys) == 1 and ";" in header[0]:
        raise _FileProblem(header_line, "", "columns are separated by ';'; save the file "
                                            "as CSV with commas")
    problems = result.problems
    seen: set[str] = set()
    ignored: list[str] = []
    for key, original in zip(keys, header, strict=True):
        if key in seen:
            problems.append(ImportProblem(file, header_line, key, "column appears twice"))
        seen.add(key)
        if key not in fmt.known:
            close = textfile.closest(key, sorted(fmt.known), cutoff=0.75) if fmt.suggest else None
            if close is not None and close not in keys:
                problems.append(ImportProblem(file, header_line, original.strip(),
                                              f"unknown column; did you mean {close!r}?"))
            else:
                ignored.append(original.strip())
    for column in fmt.required:
        if column not in seen:
            problems.append(ImportProblem(file, header_line, column, "column is missing"))
    result.ignored = tuple(ignored)
    if problems:
        return

    zips = geo.zip_table().all()
    checker = _RowChecker(file, zips, CSV_COLUMNS if fmt.name == "samhsa" else keys, fmt.name)
    width = len(keys)
    insert = insert_sql("staging", with_n=False)

    def rows() -> Iterator[tuple]:
        for line, fields in records:
            if len(fields) != width:
                problems.append(ImportProblem(
                    file, line, "", f"has {len(fields)} fields, the header has {width}; "
                                    "quote fields that contain commas"))
                continue
            mapped, errors = fmt.fields(dict(zip(keys, fields, strict=True)))
            if mapped is None and not errors:
                result.left_out += 1
                continue
            row = None
            if mapped is not None:
                row, errors = checker.check(line, mapped)
            if errors:
                problems.extend(ImportProblem(file, line, fmt.column(c), m) for c, m in errors)
                continue
            assert row is not None
            result.rows += 1
            yield row

    stage.executemany(insert, rows())
    result.language_bits = checker.language_bits
    if not result.rows and not problems:
        if result.left_out:
            problems.append(ImportProblem(
                file, None, "", f"no ketamine clinics or PTSD care: all {result.left_out:,} "
                                "rows offer other services"))
            return
        raise _FileProblem(header_line, "", "no clinics: the file has a header but no rows")


def _duplicates(stage: sqlite3.Connection, file: str, fmt: _Kiosk, result: _Result) -> None:
    """Same id twice: a problem in the kiosk format, a repeated listing (left out) in SAMHSA's."""
    stage.execute("CREATE INDEX temp.staging_id ON staging(id, line)")
    dupes = stage.execute(
        "SELECT s.line, s.id, f.first FROM staging s JOIN (SELECT id, min(line) AS first "
        "FROM staging GROUP BY id HAVING count(*) > 1) f ON f.id = s.id "
        "WHERE s.line > f.first ORDER BY s.line").fetchall()
    if not dupes:
        return
    stage.executemany("DELETE FROM staging WHERE line = ?", ((d[0],) for d in dupes))
    result.rows -= len(dupes)
    if fmt.name == "samhsa":
        result.duplicates += len(dupes)
        return
    result.problems.extend(
        ImportProblem(file, line, "id", f"duplicate id {cid!r} (first on line {first})")
        for line, cid, first in dupes)


def _source_date(src: Path, given: str | None) -> str:
    if given:
        return given
    try:
        return dt.date.fromtimestamp(src.stat().st_mtime).isoformat()
    except OSError:
        return ""


def _check_source_date(given: str | None) -> str | None:
    if given is None:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", given):
            raise ValueError
        day = dt.date.fromisoformat(given)
    except ValueError:
        return f"--source-date {given!r}: expected a date like 2025-05-31"
    if day > dt.date.today() + dt.timedelta(days=1):
        return f"--source-date {given} is in the future"
    return None


def import_csv(src: Path, into: Path, skip_invalid: bool = False, is_demo: bool = False, *,
               imported_at: dt.datetime | None = None, source_label: str | None = None,
               format: SourceFormat = "kiosk", source_date: str | None = None,
               dry_run: bool = False) -> ImportReport:
    """Validate ``src`` and atomically replace ``into`` with it; see ImportReport.

    ``format``: "kiosk" (docs/locator.md) or "samhsa" (the FindTreatment.gov download).
    ``source_date``: the SAMHSA download date (default: the file's modification date).
    ``dry_run``: check everything, write nothing (``into`` may be None).
    """
    src, into = Path(src), Path(into)
    file = source_label or str(src)
    existed = into.exists()
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; expected kiosk or samhsa")
    bad_date = _check_source_date(source_date)
    if bad_date:
        return ImportReport(0, [ImportProblem(file, None, "", bad_date)], False,
                            into_existed=existed)
    fmt: _Kiosk = (_Samhsa if format == "samhsa" else _Kiosk)(_source_date(src, source_date))
    if not dry_run:
        remove_stale_temps(into)
    work = tempfile.TemporaryDirectory(prefix="kiosk-import-")
    try:
        if dry_run:
            tmp = Path(work.name) / "dry.sqlite"
        else:
            into.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = atomic.make_temp(into)
            os.close(fd)
        try:
            return _import(src, into, tmp, file, fmt, skip_invalid, is_demo, imported_at,
                           source_label, dry_run, existed, work.name)
        finally:
            tmp.unlink(missing_ok=True)
    except OSError as exc:
        where = str(into) if not dry_run else file
        return ImportReport(0, [ImportProblem(where, None, "",
                                              f"cannot write: {exc.strerror or exc}")],
                            False, into_existed=existed)
    finally:
        work.cleanup()


def _connect(path: Path, temp_dir: str) -> sqlite3.Connection:
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")  # we fsync the finished file ourselves
    db.execute("PRAGMA cache_size = -65536")  # 64 MB: bounded, whatever the file's size
    db.execute("PRAGMA temp_store = FILE")
    return db


def _import(src: Path, into: Path, tmp: Path, file: str, fmt: _Kiosk, skip_invalid: bool,
            is_demo: bool, imported_at: dt.datetime | None, source_label: str | None,
            dry_run: bool, existed: bool, temp_dir: str) -> ImportReport:
    db = _connect(tmp, temp_dir)
    # Each row allocates a few dozen short-lived objects and none form cycles; the cyclic
    # GC's frequent young-generation passes over them cost about a tenth of the import.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        db.execute(_STAGING)
        with db:
            result = _stream(src, file, fmt, db)
        if result.rows:
            with db:
                _duplicates(db, file, fmt, result)
        result.problems.sort(key=lambda p: (p.line or 0))
        counts = dict.fromkeys(("outpatient", "at_home", "therapy"), 0)
        counts.update(db.execute("SELECT kind, count(*) FROM staging GROUP BY kind").fetchall())
        report = ImportReport(
            result.rows, result.problems, False, counts["outpatient"], counts["at_home"],
            result.ignored, counts["therapy"], result.left_out, result.duplicates, existed)
        if not result.rows or (result.problems and not skip_invalid) or dry_run:
            return report._replace(imported=0 if not dry_run else result.rows)
        st = src.stat()
        meta = {
            "schema_version": str(SCHEMA_VERSION),
            "is_demo": "1" if is_demo else "0",
            "format": fmt.name,
            "source": source_label or str(src.resolve()),
            "source_size": str(result.size),
            "source_mtime_ns": str(st.st_mtime_ns),
            "source_sha256": result.sha256,
            "version": result.sha256[:12],
            "imported_at": (imported_at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
            .strftime("%Y-%m-%dT%H:%M:%SZ"),
            "row_count": str(result.rows),
            "count_outpatient": str(counts["outpatient"]),
            "count_at_home": str(counts["at_home"]),
            "count_therapy": str(counts["therapy"]),
            "skipped_rows": str(len({p.line for p in result.problems})),
            "left_out": str(result.left_out),
            "zip_data": geo.zip_table().source,
            "language_bits": ";".join(result.language_bits),
            "source_date": fmt.source_date if fmt.name == "samhsa" else "",
        }
        _build(db, meta)
        db.close()
        # mkstemp makes the file private (0600); a directory is not secret, and the
        # kiosk may run as another user than the one importing: keep the old file's mode.
        atomic.publish(tmp, into, keep_mode=True)
        return report._replace(written=True)
    finally:
        db.close()
        if gc_was_enabled:
            gc.enable()


def _build(db: sqlite3.Connection, meta: dict[str, str]) -> None:
    """Staging rows -> clinics (spatial order), the nearest-N trees, served, indexes."""
    db.executescript(SCHEMA)
    columns = ", ".join(COLUMN_NAMES)
    with db:
        for kind in LOCATED_KINDS:
            count = db.execute("SELECT count(*) FROM staging WHERE kind = ?", (kind,)).fetchone()[0]
            if not count:
                continue
            # Sort-Tile-Recursive order: latitude slices, longitude inside each slice.
            db.execute(
                f"INSERT INTO clinics ({columns}, mask, line) SELECT {columns}, mask, line FROM "
                f"(SELECT *, (ROW_NUMBER() OVER (ORDER BY lat, lon, line) - 1) / ? AS s "
                f"FROM staging WHERE kind = ?) ORDER BY s, lon, line",
                (spatial.str_slice_size(count), kind))
            builder = spatial.TreeBuilder(
                lambda blob: db.execute("INSERT INTO spatial (data) VALUES (?)",
                                        (blob,)).lastrowid or 0, count)
            for n, lat, lon, mask in db.execute(
                    "SELECT n, lat, lon, mask FROM clinics WHERE kind = ? ORDER BY n", (kind,)):
                builder.add(n, lat, lon, mask)
            root = builder.finish()
            if root is not None:
                meta[f"spatial_root_{kind}"] = str(root)
        db.execute(f"INSERT INTO clinics ({columns}, mask, line) SELECT {columns}, mask, line "
                   "FROM staging WHERE kind NOT IN (%s) ORDER BY line"
                   % ", ".join("?" * len(LOCATED_KINDS)), LOCATED_KINDS)
        db.execute("DROP TABLE staging")
        db.executemany("INSERT INTO served VALUES (?, ?)", (
            (s, n) for n, served in db.execute(
                "SELECT n, states_served FROM clinics WHERE kind = 'at_home'").fetchall()
            for s in served.split(";")))
        db.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
    db.executescript(INDEXES)


def remove_stale_temps(into: Path) -> list[Path]:
    """Delete temp files a killed import left beside ``into`` (older than 15 minutes: a
    younger one may be another import's, still running)."""
    return atomic.remove_stale_temps(into.parent, into.name,
                                     older_than_seconds=STALE_TEMP_SECONDS)
