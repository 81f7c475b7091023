"""Validate a staff clinic CSV and write it atomically as a SQLite directory.

Every rejected row becomes an :class:`ImportProblem` naming the physical line
where the record starts (right even after quoted fields that span lines) and
the column. By default one bad row refuses the whole import, so a half-fixed
file never replaces a good directory.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import gc
import hashlib
import io
import math
import os
import re
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from kiosk.locator import geo
from kiosk.locator.model import (
    CONDITION_BITS,
    CONDITIONS,
    KINDS,
    ROUTES,
    US_STATES,
    ImportProblem,
    ImportReport,
)

SCHEMA_VERSION = 1
MAX_CSV_BYTES = 200 * 1024 * 1024
# How far explicit coordinates may sit from their ZIP's centroid before we call
# them a mistake (swapped lat/lon, a sign dropped). Big rural ZIPs are ~60 miles across.
MAX_MILES_FROM_ZIP = 150.0

REQUIRED_COLUMNS = ("id", "name", "kind", "address", "city", "state", "zip", "phone",
                    "website", "conditions")
OPTIONAL_COLUMNS = ("states_served", "routes", "lat", "lon", "last_verified", "languages")
ALL_COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
MAX_LENGTH = {"id": 64, "name": 120, "address": 160, "city": 80, "website": 300}

ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
LANG_RE = re.compile(r"[a-z]{2,3}")
# ASCII: \d would also take Arabic-Indic and other Unicode digits into a phone or port.
PHONE_RE = re.compile(r"\+?1?[\s.-]*\(?(\d{3})\)?[\s.-]*(\d{3})[\s.-]*(\d{4})"
                      r"(?:\s*(?:x|ext\.?|extension)\s*(\d{1,6}))?", re.IGNORECASE | re.ASCII)
URL_RE = re.compile(r"(?:https?://)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?::\d+)?(?:[/?#]\S*)?",
                    re.IGNORECASE | re.ASCII)
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # not tab, LF, CR

SCHEMA = f"""
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE clinics(
    n INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('outpatient', 'at_home')),
    address TEXT NOT NULL,
    city TEXT NOT NULL,
    state TEXT NOT NULL,
    zip TEXT NOT NULL,
    phone TEXT NOT NULL,
    website TEXT NOT NULL,
    conditions TEXT NOT NULL,
    states_served TEXT NOT NULL,
    routes TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    last_verified TEXT,
    languages TEXT NOT NULL,
    cond_mask INTEGER NOT NULL,
    line INTEGER NOT NULL
);
-- Outpatient clinics only, as points. (Auxiliary columns for the exact
-- coordinates and condition mask were tried: reading them made a dense
-- search three times slower, so search reads the float32 box here and the
-- exact lat/lon from clinics.)
CREATE VIRTUAL TABLE clinic_geo USING rtree(n, min_lat, max_lat, min_lon, max_lon);
-- Condition masks of every clinic, one byte per n (index 0 unused), loaded
-- once when the directory opens so a search filters without extra reads.
CREATE TABLE masks(data BLOB NOT NULL);
-- At-home providers by state served ('ALL' for nationwide).
CREATE TABLE served(state TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (state, n))
    WITHOUT ROWID;
PRAGMA user_version = {SCHEMA_VERSION};
"""
# Built after the rows are in: one sorted build is much faster than 100k inserts.
INDEXES = """
CREATE UNIQUE INDEX clinics_id ON clinics(id);
CREATE INDEX clinics_kind_state ON clinics(kind, state);
"""


class _Row(NamedTuple):
    # A tuple, not a dataclass: 100,000 of these are built per import.
    id: str
    name: str
    kind: str
    address: str
    city: str
    state: str
    zip: str
    phone: str
    website: str
    conditions: tuple[str, ...]
    states_served: tuple[str, ...]
    routes: tuple[str, ...]
    lat: float
    lon: float
    last_verified: str | None
    languages: tuple[str, ...]
    line: int


class _FileProblem(Exception):
    def __init__(self, line: int | None, column: str, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


# --- reading the file -------------------------------------------------------------------


def decode_csv_bytes(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Excel's cp1252; _FileProblem for anything else."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _FileProblem(None, "", "UTF-16 text (Excel 'Unicode Text'); save as "
                                     "'CSV UTF-8 (Comma delimited)'")
    if b"\x00" in data:
        raise _FileProblem(data[: data.index(0)].count(b"\n") + 1, "",
                           "binary data (NUL byte); expected a CSV text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise _FileProblem(data[: exc.start].count(b"\n") + 1, "",
                           f"neither UTF-8 nor Windows-1252 text (byte 0x{data[exc.start]:02x}); "
                           "save as 'CSV UTF-8'") from None


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """Yield (first physical line, fields) for each non-blank CSV record."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
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


# --- validating one row -----------------------------------------------------------------


Errors = list[tuple[str, str]]  # (column, message)


def _memo(parse: Callable[[str], tuple[Any, Errors]]) -> Callable[[str], tuple[Any, Errors]]:
    """Cache a field parser: real directories repeat the same few condition lists,
    state lists and ZIPs thousands of times, and this keeps a 100k-row import fast."""
    cache: dict[str, tuple[Any, Errors]] = {}

    def cached(text: str) -> tuple[Any, Errors]:
        hit = cache.get(text)
        if hit is None:
            hit = cache[text] = parse(text)
        return hit

    return cached


def _parse_kind(text: str) -> tuple[str, Errors]:
    kind = text.lower().replace("-", "_").replace(" ", "_")
    if kind in KINDS:
        return kind, []
    return kind, [("kind", f"{text!r}: expected outpatient or at_home{_hint(kind, KINDS)}"
                   if text else "is empty; expected outpatient or at_home")]


def _parse_state(text: str) -> tuple[str, Errors]:
    state = text.upper()
    if state in US_STATES:
        return state, []
    return state, [("state", f"{text!r} is not a U.S. state or territory code (like NY)"
                    if text else "is empty")]


def _parse_phone(text: str) -> tuple[str, Errors]:
    m = PHONE_RE.fullmatch(text)
    if not text:
        return "", [("phone", "is empty")]
    if not m:
        return "", [("phone", f"{text!r}: expected a 10-digit U.S. number like (212) 555-0142")]
    phone = f"({m.group(1)}) {m.group(2)}-{m.group(3)}"
    return (phone + f" ext. {m.group(4)}" if m.group(4) else phone), []


def _parse_website(text: str) -> tuple[str, Errors]:
    if not text:
        return "", []
    if not URL_RE.fullmatch(text):
        return "", [("website", f"{text!r}: expected a web address like https://example.org")]
    return (text if text.lower().startswith(("http://", "https://")) else "https://" + text), []


def _code_list(column: str, allowed: tuple[str, ...]) -> Callable[[str], tuple[Any, Errors]]:
    def parse(text: str) -> tuple[tuple[str, ...], Errors]:
        items = {x.strip().lower() for x in re.split(r"[;,]", text) if x.strip()}
        for item in sorted(items):
            if item not in allowed:
                return (), [(column, f"unknown value {item!r}; expected {', '.join(allowed)}"
                                     f"{_hint(item, allowed)}")]
        # Canonical order, so the UI and the condition bit mask always agree.
        return tuple(a for a in allowed if a in items), []

    return parse


def _parse_conditions(text: str) -> tuple[tuple[str, ...], Errors]:
    if not text:
        return (), [("conditions", f"is empty; list at least one of {'; '.join(CONDITIONS)}")]
    return _code_list("conditions", CONDITIONS)(text)


def _parse_languages(text: str) -> tuple[tuple[str, ...], Errors]:
    langs = [x.strip().lower() for x in re.split(r"[;,/]", text) if x.strip()]
    wrong = [x for x in langs if not LANG_RE.fullmatch(x)]
    if wrong:
        return (), [("languages", f"{wrong[0]!r}: expected language codes like en;es")]
    return tuple(dict.fromkeys(langs)), []


def _parse_served(text: str) -> tuple[tuple[str, ...], Errors]:
    codes = [x.strip() for x in re.split(r"[;,\s]+", text.upper()) if x.strip()]
    if not codes:
        return (), [("states_served", "is empty; an at_home provider lists the states it "
                                      "serves (like NY;NJ) or ALL")]
    if "ALL" in codes:
        if len(codes) > 1:
            return (), [("states_served", "ALL cannot be combined with state codes")]
        return ("ALL",), []
    unknown = [c for c in codes if c not in US_STATES]
    if unknown:
        return (), [("states_served", f"{unknown[0]!r} is not a U.S. state code")]
    return tuple(sorted(set(codes))), []


def _parse_date(text: str) -> tuple[str | None, Errors]:
    if not text:
        return None, []
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError
        day = dt.date.fromisoformat(text)
    except ValueError:
        return None, [("last_verified", f"{text!r}: expected a date like 2024-05-31")]
    if day > dt.date.today() + dt.timedelta(days=1):
        return None, [("last_verified", f"{text} is in the future")]
    return text, []


class _RowChecker:
    def __init__(self, file: str, zips: dict[str, tuple[float, float, str, str]],
                 columns: list[str], control_chars: bool) -> None:
        self.file = file
        self.zips = zips
        self.columns = [c for c in ALL_COLUMNS if c in columns]
        self.control_chars = control_chars
        self.kind = _memo(_parse_kind)
        self.state = _memo(_parse_state)
        self.zip = _memo(self._parse_zip)
        self.phone = _memo(_parse_phone)
        self.website = _memo(_parse_website)
        self.conditions = _memo(_parse_conditions)
        self.routes = _memo(_code_list("routes", ROUTES))
        self.languages = _memo(_parse_languages)
        self.served = _memo(_parse_served)
        self.date = _memo(_parse_date)

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

    def check(self, line: int, raw: dict[str, str]) -> tuple[_Row | None, list[ImportProblem]]:
        errors: Errors = []
        v = dict.fromkeys(ALL_COLUMNS, "")
        for key in self.columns:
            value = raw[key]
            if key == "address":
                value = value.replace("\n", ", ")
            value = " ".join(value.split())
            if self.control_chars and CONTROL_RE.search(value):
                errors.append((key, "contains control characters"))
            limit = MAX_LENGTH.get(key)
            if limit and len(value) > limit:
                errors.append((key, f"is {len(value)} characters long; at most {limit}"))
            v[key] = value

        if not v["id"]:
            errors.append(("id", "is empty; every row needs a unique id"))
        elif not ID_RE.fullmatch(v["id"]):
            errors.append(("id", f"{v['id']!r}: use letters, digits, '.', '_' and '-' only"))
        if not v["name"]:
            errors.append(("name", "is empty"))
        kind, e = self.kind(v["kind"])
        errors += e
        if kind == "outpatient" and not v["address"]:
            errors.append(("address", "is empty; an outpatient clinic needs a street address"))
        if not v["city"]:
            errors.append(("city", "is empty"))
        state, e = self.state(v["state"])
        errors += e
        (zip5, zip_text, geo_row), e = self.zip(v["zip"])
        errors += e

        lat = lon = math.nan
        lat_text, lon_text = v["lat"], v["lon"]
        if lat_text or lon_text:
            if not (lat_text and lon_text):
                errors.append(("lat" if not lat_text else "lon",
                               "give both lat and lon, or neither"))
            else:
                lat = _number(lat_text, "lat", -90, 90, errors)
                lon = _number(lon_text, "lon", -180, 180, errors)
                if geo_row and not (math.isnan(lat) or math.isnan(lon)):
                    miles = geo.haversine_miles(lat, lon, geo_row[0], geo_row[1])
                    if miles > MAX_MILES_FROM_ZIP:
                        errors.append(("lat", f"({lat:g}, {lon:g}) is {miles:,.0f} miles from "
                                              f"ZIP {zip5}; are lat and lon swapped or "
                                              "missing a minus sign?"))
        elif geo_row:
            lat, lon = geo_row[0], geo_row[1]
            if state in US_STATES and geo_row[2] != state:
                errors.append(("zip", f"ZIP {zip5} is in {geo_row[2]}, not {state}; fix the "
                                      "ZIP or state, or give lat and lon"))

        phone, e = self.phone(v["phone"])
        errors += e
        website, e = self.website(v["website"])
        errors += e
        conditions, e = self.conditions(v["conditions"])
        errors += e
        routes, e = self.routes(v["routes"])
        errors += e
        languages, e = self.languages(v["languages"])
        errors += e
        served: tuple[str, ...] = ()
        if kind == "at_home":
            served, e = self.served(v["states_served"])
            errors += e
        elif v["states_served"] and kind == "outpatient":
            errors.append(("states_served", "is only for at_home providers; leave it empty"))
        last_verified, e = self.date(v["last_verified"])
        errors += e

        if errors:
            return None, [ImportProblem(self.file, line, c, m) for c, m in errors]
        return _Row(v["id"], v["name"], kind, v["address"], v["city"], state, zip_text, phone,
                    website, conditions, served, routes, lat, lon, last_verified, languages,
                    line), []


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


def _hint(word: str, choices: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


# --- the whole file ---------------------------------------------------------------------


def validate_csv(src: Path, label: str | None = None
                 ) -> tuple[list[_Row], list[ImportProblem], tuple[str, ...], bytes]:
    """Read and check every row; return (good rows, problems, ignored columns, raw bytes)."""
    file = label or str(src)
    try:
        size = src.stat().st_size
        if src.is_dir():
            return [], [ImportProblem(file, None, "", "is a folder, expected a CSV file")], (), b""
        if size > MAX_CSV_BYTES:
            return [], [ImportProblem(file, None, "", f"file is {size:,} bytes; at most "
                                                      f"{MAX_CSV_BYTES:,}")], (), b""
        data = src.read_bytes()
    except FileNotFoundError:
        return [], [ImportProblem(file, None, "", "no such file")], (), b""
    except OSError as exc:
        return [], [ImportProblem(file, None, "", f"cannot read: {exc.strerror or exc}")], (), b""

    try:
        text = decode_csv_bytes(data)
        records = _records(text)
        first = next(records, None)
        if first is None:
            raise _FileProblem(1, "", "file is empty; expected a header row: "
                                      + ",".join(ALL_COLUMNS))
        header_line, header = first
        keys = [_header_key(h) for h in header]
        if len(keys) == 1 and ";" in header[0]:
            raise _FileProblem(header_line, "", "columns are separated by ';'; save the file "
                                                "as CSV with commas")
        problems: list[ImportProblem] = []
        seen_cols: set[str] = set()
        ignored: list[str] = []
        for key, original in zip(keys, header, strict=True):
            if key in seen_cols:
                problems.append(ImportProblem(file, header_line, key, "column appears twice"))
            seen_cols.add(key)
            if key not in ALL_COLUMNS:
                close = difflib.get_close_matches(key, ALL_COLUMNS, n=1, cutoff=0.75)
                if close and close[0] not in keys:
                    problems.append(ImportProblem(file, header_line, original.strip(),
                                                  f"unknown column; did you mean {close[0]!r}?"))
                else:
                    ignored.append(original.strip())
        missing = [c for c in REQUIRED_COLUMNS if c not in seen_cols]
        for column in missing:
            problems.append(ImportProblem(file, header_line, column, "column is missing"))
        if problems:
            return [], problems, tuple(ignored), data

        zips = geo.zip_table().all()
        checker = _RowChecker(file, zips, keys, CONTROL_RE.search(text) is not None)
        rows: list[_Row] = []
        first_line: dict[str, int] = {}
        width = len(keys)
        for line, fields in records:
            if len(fields) != width:
                problems.append(ImportProblem(
                    file, line, "", f"has {len(fields)} fields, the header has {width}; "
                                    "quote fields that contain commas"))
                continue
            row, row_problems = checker.check(line, dict(zip(keys, fields, strict=True)))
            if row is not None:
                if row.id in first_line:
                    row_problems = [ImportProblem(file, line, "id",
                                                  f"duplicate id {row.id!r} (first on line "
                                                  f"{first_line[row.id]})")]
                else:
                    first_line[row.id] = line
                    rows.append(row)
            problems.extend(row_problems)
        if not rows and not problems:
            raise _FileProblem(header_line, "", "no clinics: the file has a header but no rows")
    except _FileProblem as exc:
        return [], [ImportProblem(file, exc.line, exc.column, exc.message)], (), data
    except FileNotFoundError as exc:  # the ZIP resource is missing: a broken install
        return [], [ImportProblem(file, None, "", str(exc))], (), data
    return rows, problems, tuple(ignored), data


def import_csv(src: Path, into: Path, skip_invalid: bool = False, is_demo: bool = False, *,
               imported_at: dt.datetime | None = None, source_label: str | None = None
               ) -> ImportReport:
    """Validate ``src`` and atomically replace ``into`` with it; see ImportReport."""
    src = Path(src)
    into = Path(into)
    # The import allocates ~100 objects per row and keeps them all; with the cyclic
    # GC on, its full collections re-scan that growing heap and double the time.
    # Nothing here makes reference cycles, so pause it for the bulk work.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _import(src, into, skip_invalid, is_demo, imported_at, source_label)
    finally:
        if gc_was_enabled:
            gc.enable()


def _import(src: Path, into: Path, skip_invalid: bool, is_demo: bool,
            imported_at: dt.datetime | None, source_label: str | None) -> ImportReport:
    rows, problems, ignored, data = validate_csv(src, source_label)
    n_out = sum(1 for r in rows if r.kind == "outpatient")
    n_home = len(rows) - n_out
    if not rows or (problems and not skip_invalid):
        return ImportReport(0, problems, False, 0, 0, ignored)
    try:
        st = src.stat()
        stamp = {
            "schema_version": str(SCHEMA_VERSION),
            "is_demo": "1" if is_demo else "0",
            "source": source_label or str(src.resolve()),
            "source_size": str(st.st_size),
            "source_mtime_ns": str(st.st_mtime_ns),
            "source_sha256": hashlib.sha256(data).hexdigest(),
            "version": hashlib.sha256(data).hexdigest()[:12],
            "imported_at": (imported_at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
            .strftime("%Y-%m-%dT%H:%M:%SZ"),
            "row_count": str(len(rows)),
            "count_outpatient": str(n_out),
            "count_at_home": str(n_home),
            "skipped_rows": str(len({p.line for p in problems})),
            "zip_data": geo.zip_table().source,
        }
        write_directory(into, rows, stamp)
    except OSError as exc:
        problems = [*problems, ImportProblem(str(into), None, "",
                                             f"cannot write: {exc.strerror or exc}")]
        return ImportReport(0, problems, False, 0, 0, ignored)
    return ImportReport(len(rows), problems, True, n_out, n_home, ignored)


def write_directory(into: Path, rows: list[_Row], meta: dict[str, str]) -> None:
    """Build the database in a temp file beside ``into``, then os.replace it into place."""
    into.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{into.name}.", suffix=".tmp", dir=into.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        # Outpatient rows are numbered in spatial order (0.5-degree latitude bands,
        # then longitude) so the rows one search returns sit on neighbouring pages.
        ordered = sorted((r for r in rows if r.kind == "outpatient"),
                         key=lambda r: (math.floor(r.lat * 2), r.lon, r.line))
        ordered += [r for r in rows if r.kind != "outpatient"]
        masks = bytes([0] + [_mask(r.conditions) for r in ordered])
        db = sqlite3.connect(tmp)
        try:
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")  # we fsync the finished file ourselves
            db.execute("PRAGMA cache_size = -131072")
            db.executescript(SCHEMA)
            with db:
                db.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
                db.executemany(
                    "INSERT INTO clinics VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    ((n, r.id, r.name, r.kind, r.address, r.city, r.state, r.zip, r.phone,
                      r.website, ";".join(r.conditions), ";".join(r.states_served),
                      ";".join(r.routes), r.lat, r.lon, r.last_verified, ";".join(r.languages),
                      masks[n], r.line)
                     for n, r in enumerate(ordered, start=1)))
                db.executemany(
                    "INSERT INTO clinic_geo VALUES (?, ?, ?, ?, ?)",
                    ((n, r.lat, r.lat, r.lon, r.lon)
                     for n, r in enumerate(ordered, start=1) if r.kind == "outpatient"))
                db.executemany(
                    "INSERT INTO served VALUES (?, ?)",
                    ((s, n) for n, r in enumerate(ordered, start=1) if r.kind == "at_home"
                     for s in r.states_served))
                db.execute("INSERT INTO masks VALUES (?)", (masks,))
            db.executescript(INDEXES)
        finally:
            db.close()
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        # mkstemp makes the file private (0600); a directory is not secret, and the
        # kiosk may run as another user than the one importing.
        try:
            mode = into.stat().st_mode & 0o777
        except FileNotFoundError:
            mode = 0o644
        os.chmod(tmp, mode)
        os.replace(tmp, into)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _mask(conditions: tuple[str, ...]) -> int:
    mask = 0
    for c in conditions:
        mask |= CONDITION_BITS[c]
    return mask
