"""A read-only clinic directory (SQLite + R*Tree) and the search over it.

Threads: one ``Directory`` may be shared by the UI thread and a worker thread.
It holds a single read-only connection opened with ``check_same_thread=False``
and serialises every query with a lock (searches take milliseconds, so the
lock is never held long). Call ``close()`` once, when no search is running.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import logging
import math
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

from kiosk import paths
from kiosk.locator import geo
from kiosk.locator.importer import SCHEMA_VERSION, import_csv
from kiosk.locator.model import (
    CONDITION_BITS,
    CONDITIONS,
    KINDS,
    Clinic,
    DirectoryError,
    ImportProblem,
    Origin,
    QueryError,
    SearchQuery,
    SearchResult,
)

log = logging.getLogger(__name__)

CACHE_NAME = "clinics.sqlite"
APPROX_MARGIN_MILES = 0.01
SQLITE_MAGIC = b"SQLite format 3\x00"

_COLUMNS = ("n, id, name, kind, address, city, state, zip, phone, website, conditions, "
            "states_served, routes, lat, lon, last_verified, languages")


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split(";")) if text else ()


_FIELDS = tuple(f.name for f in dataclasses.fields(Clinic))


def _clinic(row: Sequence, distance: float | None = None) -> Clinic:
    # Fast path around the frozen dataclass __init__ (17 object.__setattr__ calls):
    # a dense search builds thousands of these. Same fields, same immutability.
    c = object.__new__(Clinic)
    c.__dict__.update(zip(_FIELDS, (
        row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8], row[9],
        _split(row[10]), _split(row[11]), _split(row[12]), row[13], row[14],
        _date(row[15]) if row[15] else None, _split(row[16]), distance), strict=True))
    return c


_date = functools.lru_cache(maxsize=4096)(dt.date.fromisoformat)


def _check_query(query: SearchQuery) -> tuple[str | None, str | None, float, int, int | None]:
    """Validate a query; return (zip5, state, radius, condition mask, limit) or QueryError."""
    if query.zip is not None and query.state is not None:
        raise QueryError("search by ZIP code or by state, not both")
    if query.zip is None and query.state is None:
        raise QueryError("give a ZIP code or a state to search")
    zip5 = geo.normalize_zip(query.zip) if query.zip is not None else None
    state = geo.normalize_state(query.state) if query.state is not None else None
    try:
        radius = float(query.radius_miles)
    except (TypeError, ValueError):
        raise QueryError(f"the radius must be a number of miles, got {query.radius_miles!r}"
                         ) from None
    except OverflowError:  # an int beyond any float (its repr() may raise too)
        radius = math.inf if query.radius_miles > 0 else -math.inf
    if not (0 < radius <= geo.MAX_RADIUS_MILES):  # also rejects nan
        raise QueryError(f"the radius must be more than 0 and at most "
                         f"{geo.MAX_RADIUS_MILES:,.0f} miles, got {radius:g}")
    mask = 0
    for c in query.conditions:
        key = c.strip().lower() if isinstance(c, str) else c
        if key not in CONDITION_BITS:
            raise QueryError(f"unknown condition {c!r}; choose from {', '.join(CONDITIONS)}")
        mask |= CONDITION_BITS[key]
    if query.kind is not None and query.kind not in KINDS:
        raise QueryError(f"unknown kind {query.kind!r}; choose outpatient or at_home")
    limit = query.limit
    if limit is not None and (not isinstance(limit, int) or limit < 1):
        raise QueryError(f"the limit must be a whole number of at least 1, got {limit!r}")
    if limit is not None:
        limit = min(limit, 2**63 - 1)  # SQLite's LIMIT is 64-bit; more is the same as no limit
    return zip5, state, radius, mask, limit


class Directory:
    """An open clinic directory; build one with ``Directory.open(path)``."""

    def __init__(self, db: sqlite3.Connection, path: Path | None, meta: dict[str, str],
                 masks: bytes = b"\x00") -> None:
        self._db = db
        self._masks = masks
        self._lock = threading.Lock()
        self.path = path
        self.meta = meta
        self.is_demo = meta.get("is_demo") == "1"
        self.count_outpatient = int(meta.get("count_outpatient", "0"))
        self.count_at_home = int(meta.get("count_at_home", "0"))
        self.version = meta.get("version", "")
        self.source = meta.get("source", "")
        stamp = meta.get("imported_at", "")
        self.imported_at: dt.datetime | None = (
            dt.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
            if stamp else None)

    @classmethod
    def open(cls, path: Path) -> Directory:
        """Open a directory file read-only; DirectoryError (one line) if missing or damaged."""
        path = Path(path)
        try:
            with open(path, "rb") as fh:
                magic = fh.read(16)
        except FileNotFoundError:
            raise DirectoryError(f"{path}: no such file") from None
        except OSError as exc:
            raise DirectoryError(f"{path}: cannot read: {exc.strerror or exc}") from None
        if magic != SQLITE_MAGIC:
            raise DirectoryError(f"{path}: not a clinic directory (not a SQLite file)")
        db = None
        try:
            db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                                 check_same_thread=False)
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version != SCHEMA_VERSION:
                raise DirectoryError(f"{path}: directory format {version}, this kiosk reads "
                                     f"format {SCHEMA_VERSION}; import the CSV again")
            meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
            count = db.execute("SELECT count(*) FROM clinics").fetchone()[0]
            geo_count = db.execute("SELECT count(*) FROM clinic_geo").fetchone()[0]
            blob = db.execute("SELECT data FROM masks").fetchone()
            masks = bytes(blob[0]) if blob else b""
            if str(count) != meta.get("row_count") or len(masks) != count + 1 or \
                    str(geo_count) != meta.get("count_outpatient"):
                raise DirectoryError(f"{path}: damaged (holds {count} clinics, its header "
                                     f"says {meta.get('row_count')}); import the CSV again")
        except sqlite3.Error as exc:
            if db is not None:
                db.close()
            raise DirectoryError(f"{path}: damaged clinic directory ({exc})") from None
        except DirectoryError:
            if db is not None:
                db.close()
            raise
        return cls(db, path, meta, masks)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> Directory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return (f"<Directory {self.path} {self.count_outpatient} outpatient, "
                f"{self.count_at_home} at-home{' (demo)' if self.is_demo else ''}>")

    # --- queries ----------------------------------------------------------------------

    def _fetch(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        try:
            with self._lock:
                return self._db.execute(sql, params).fetchall()
        except sqlite3.ProgrammingError as exc:  # closed
            raise DirectoryError(f"{self.path}: {exc}") from None
        except sqlite3.Error as exc:
            raise DirectoryError(f"{self.path}: damaged clinic directory ({exc})") from None

    def get(self, clinic_id: str) -> Clinic | None:
        """The clinic with this id, or None."""
        rows = self._fetch(f"SELECT {_COLUMNS} FROM clinics WHERE id = ?", (clinic_id,))
        return _clinic(rows[0]) if rows else None

    def search(self, query: SearchQuery) -> SearchResult:
        """Run a search; QueryError for unusable input, DirectoryError if the file is damaged."""
        zip5, state, radius, mask, limit = _check_query(query)
        want_out = query.kind in (None, "outpatient")
        want_home = query.kind in (None, "at_home")
        origin: Origin | None = None
        if zip5 is not None:
            origin = geo.lookup_zip(zip5)
            state = origin.state
            outpatient = self._nearby(origin, radius, mask, limit) if want_out else []
        else:
            outpatient = self._in_state(state or "", mask, limit) if want_out else []
        at_home = self._at_home(state or "", mask, limit) if want_home else []
        return SearchResult(origin, outpatient, at_home, state)

    def _nearby(self, origin: Origin, radius: float, mask: int, limit: int | None
                ) -> list[Clinic]:
        # 1. R*Tree bounding box(es) -> candidate n with float32 coordinates.
        # 2. Condition mask (in memory) and approximate great-circle distance with a
        #    small margin for the float32 rounding (under 2 metres).
        # 3. Full rows only for what may be returned; the exact distance from the
        #    row's double-precision lat/lon decides inclusion and order.
        candidates: list[tuple] = []
        for lo_lat, hi_lat, lo_lon, hi_lon in geo.bounding_boxes(origin.lat, origin.lon, radius):
            candidates += self._fetch(
                "SELECT n, min_lat, min_lon FROM clinic_geo WHERE max_lat >= ? "
                "AND min_lat <= ? AND max_lon >= ? AND min_lon <= ?",
                (lo_lat, hi_lat, lo_lon, hi_lon))
        masks = self._masks
        rad = math.radians
        sin, cos, asin, sqrt = math.sin, math.cos, math.asin, math.sqrt
        lat0, lon0 = rad(origin.lat), rad(origin.lon)
        cos0 = cos(lat0)
        two_r = 2 * geo.EARTH_RADIUS_MILES
        reach = radius + APPROX_MARGIN_MILES
        near: list[tuple[float, int]] = []
        for n, lat, lon in candidates:
            if masks[n] & mask != mask:
                continue
            p = rad(lat)
            a = sin((p - lat0) / 2) ** 2 + cos0 * cos(p) * sin((rad(lon) - lon0) / 2) ** 2
            d = two_r * asin(min(1.0, sqrt(a)))
            if d <= reach:
                near.append((d, n))
        if limit is not None and len(near) > limit:
            near.sort()
            cutoff = near[limit - 1][0] + 2 * APPROX_MARGIN_MILES
            near = [x for x in near if x[0] <= cutoff]
        rows = self._rows_by_n(sorted(n for _, n in near))
        clinics = []
        for row in rows:
            d = geo.haversine_miles(origin.lat, origin.lon, row[13], row[14])
            if d <= radius:
                clinics.append(_clinic(row, d))
        # Ties on distance (same ZIP centroid) fall back to name, then id, for a stable list.
        clinics.sort(key=lambda c: (c.distance_miles, c.name.casefold(), c.id))
        return clinics if limit is None else clinics[:limit]

    def _rows_by_n(self, ns: list[int]) -> list[tuple]:
        if not ns:
            return []
        # The n are integers we produced, so a literal IN list is safe and lets SQLite
        # walk the primary key in order; no host-parameter limit applies.
        return self._fetch(f"SELECT {_COLUMNS} FROM clinics WHERE n IN "
                           f"({','.join(map(str, ns))})")

    def _in_state(self, state: str, mask: int, limit: int | None) -> list[Clinic]:
        rows = self._fetch(
            f"SELECT {_COLUMNS} FROM clinics WHERE kind = 'outpatient' AND state = ? "
            "AND (cond_mask & ?) = ? ORDER BY city COLLATE NOCASE, name COLLATE NOCASE, id "
            "LIMIT ?", (state, mask, mask, -1 if limit is None else limit))
        return [_clinic(r) for r in rows]

    def _at_home(self, state: str, mask: int, limit: int | None) -> list[Clinic]:
        # Providers naming the state come before nationwide (ALL) ones: more local first.
        rows = self._fetch(
            f"SELECT {', '.join('c.' + c.strip() for c in _COLUMNS.split(','))} "
            "FROM served s JOIN clinics c ON c.n = s.n "
            "WHERE s.state IN (?, 'ALL') AND (c.cond_mask & ?) = ? "
            "ORDER BY s.state = 'ALL', c.name COLLATE NOCASE, c.id LIMIT ?",
            (state, mask, mask, -1 if limit is None else limit))
        return [_clinic(r) for r in rows]

    def all_clinics(self) -> list[Clinic]:
        """Every clinic in file order (for staff screens and exports)."""
        return [_clinic(r) for r in self._fetch(f"SELECT {_COLUMNS} FROM clinics ORDER BY line")]


# --- the configured directory -----------------------------------------------------------


def default_cache_path(cache_dir: Path | None = None) -> Path:
    """Where the kiosk keeps the directory it imported from a CSV setting."""
    return (cache_dir if cache_dir is not None else paths.cache_dir()) / CACHE_NAME


def is_sqlite_file(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == SQLITE_MAGIC
    except OSError:
        return False


def _empty_directory() -> Directory:
    """An in-memory directory with no clinics: the last resort if even the demo is gone."""
    from kiosk.locator.importer import INDEXES, SCHEMA

    db = sqlite3.connect(":memory:", check_same_thread=False)
    db.executescript(SCHEMA + INDEXES)
    db.execute("INSERT INTO masks VALUES (x'00')")
    meta = {"is_demo": "0", "source": "(none)", "row_count": "0", "count_outpatient": "0",
            "count_at_home": "0", "version": "", "imported_at": ""}
    return Directory(db, None, meta)


def _cache_is_current(meta: dict[str, str], src: Path) -> bool:
    st = src.stat()
    if (meta.get("source") == str(src.resolve()) and meta.get("source_size") == str(st.st_size)
            and meta.get("source_mtime_ns") == str(st.st_mtime_ns)):
        return True
    if meta.get("source_size") != str(st.st_size):
        return False
    return meta.get("source_sha256") == hashlib.sha256(src.read_bytes()).hexdigest()


def _fallback(problems: list[ImportProblem | str]) -> Directory:
    try:
        return Directory.open(paths.builtin_clinics_path())
    except (DirectoryError, FileNotFoundError) as exc:
        problems.append(f"built-in demo directory unusable: {exc}; no clinics to show")
        return _empty_directory()


def open_configured_directory(clinics_path: Path | None, cache_dir: Path
                              ) -> tuple[Directory, list[ImportProblem | str]]:
    """Open what ``[locator] clinics`` names (CSV, SQLite or None for the demo). Never raises
    for bad data: problems come back as a list and an older cache or the demo serves."""
    problems: list[ImportProblem | str] = []
    if clinics_path is None:
        return _fallback(problems), problems
    src = Path(clinics_path)
    if is_sqlite_file(src):
        try:
            return Directory.open(src), problems
        except DirectoryError as exc:
            problems.append(f"{exc}; showing the built-in demo directory instead")
            return _fallback(problems), problems

    cache = default_cache_path(cache_dir)
    previous: Directory | None = None
    try:
        previous = Directory.open(cache)
    except DirectoryError as exc:
        if cache.exists():
            log.warning("clinic cache unusable, rebuilding it: %s", exc)
    try:
        if previous is not None and previous.is_demo is False and \
                _cache_is_current(previous.meta, src):
            return previous, problems
    except OSError as exc:
        problems.append(f"{src}: cannot read: {exc.strerror or exc}")
        if previous is not None:
            problems.append(f"still using the directory imported at "
                            f"{previous.meta.get('imported_at')}")
            return previous, problems
        problems.append("showing the built-in demo directory instead")
        return _fallback(problems), problems

    report = import_csv(src, cache)
    if report.written:
        if previous is not None:
            previous.close()
        try:
            return Directory.open(cache), problems
        except DirectoryError as exc:
            problems.append(str(exc))
            return _fallback(problems), problems
    problems.extend(report.problems)
    if previous is not None:
        problems.append(f"{src}: not imported; still using the directory imported from "
                        f"{previous.source} at {previous.meta.get('imported_at')}")
        return previous, problems
    problems.append(f"{src}: not imported; showing the built-in demo directory instead")
    return _fallback(problems), problems
