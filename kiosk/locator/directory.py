"""A read-only clinic directory (SQLite) and the search over it.

Threads: one ``Directory`` may be shared by the UI thread and a worker thread.
It holds a single read-only connection opened with ``check_same_thread=False``
and serialises every query with a lock (searches take milliseconds, so the
lock is never held long). Call ``close()`` once, when no search is running.

A row whose stored values are not what the schema declares (someone edited the
file by hand) is skipped and logged, never a crash mid-search; ``check()`` lists
such rows, and opening refuses a file whose header or index is damaged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import math
import re
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

from kiosk import paths
from kiosk.locator import geo, spatial
from kiosk.locator.importer import FORMATS, SCHEMA_VERSION, SourceFormat, import_csv
from kiosk.locator.model import (
    CONDITION_BITS,
    CONDITIONS,
    KINDS,
    LANGUAGE_BIT0,
    LOCATED_KINDS,
    PAYMENT_BITS,
    PAYMENTS,
    TELEHEALTH_BIT,
    VETERANS_BIT,
    DirectoryError,
    ImportProblem,
    Origin,
    QueryError,
    SearchQuery,
    SearchResult,
)
from kiosk.locator.schema import (
    COLUMN_NAMES,
    SELECT_COLUMNS,
    Clinic,
    bad_values,
    create_table_sql,
    from_sql,
    normalize_kind,
)
from kiosk.textfile import StaffFileError, open_staff_file

log = logging.getLogger(__name__)

CACHE_NAME = "clinics.sqlite"
SQLITE_MAGIC = b"SQLite format 3\x00"
LANG_RE = re.compile(r"[a-z]{2,3}")
_SECTION = {"outpatient": "visit", "at_home": "at_home", "therapy": "therapy"}
# The table as the importer creates it (whitespace-normalised), compared at open: STRICT
# types and CHECK constraints are what lets a search trust the stored values.
_TABLE_SQL = " ".join(create_table_sql().strip().rstrip(";").split())


class _Want:
    """A validated query: where, how far, which bits a match must have, how many."""

    def __init__(self, zip5: str | None, state: str | None, radius: float, mask: int,
                 impossible: bool, kinds: tuple[str, ...], limit: int | None) -> None:
        self.zip5, self.state, self.radius, self.mask = zip5, state, radius, mask
        self.impossible, self.kinds, self.limit = impossible, kinds, limit


def _check_query(query: SearchQuery, language_bits: dict[str, int]) -> _Want:
    """Validate a query; QueryError (one line) if a value is unusable."""
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
    for p in query.payment:
        key = p.strip().lower() if isinstance(p, str) else p
        if key not in PAYMENT_BITS:
            raise QueryError(f"unknown payment {p!r}; choose from {', '.join(PAYMENTS)}")
        mask |= PAYMENT_BITS[key]
    impossible = False
    for lang in query.languages:
        key = lang.strip().lower() if isinstance(lang, str) else lang
        if not isinstance(key, str) or not LANG_RE.fullmatch(key):
            raise QueryError(f"a language is a code like es, got {lang!r}")
        if key in language_bits:
            mask |= language_bits[key]
        else:
            impossible = True  # no listing in this directory speaks it
    if query.telehealth:
        mask |= TELEHEALTH_BIT
    if query.veterans:
        mask |= VETERANS_BIT
    kind = normalize_kind(query.kind) if isinstance(query.kind, str) else query.kind
    if kind is not None and kind not in KINDS:
        raise QueryError(f"unknown kind {query.kind!r}; choose from {', '.join(KINDS)}")
    limit = query.limit
    if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool)
                              or limit < 1):
        raise QueryError(f"the limit must be a whole number of at least 1, got {limit!r}")
    if limit is not None:
        limit = min(limit, 2**62)  # SQLite's LIMIT is 64-bit; more is the same as no limit
    return _Want(zip5, state, radius, mask, impossible, KINDS if kind is None else (kind,),
                 limit)


class Directory:
    """An open clinic directory; build one with ``Directory.open(path)``."""

    def __init__(self, db: sqlite3.Connection, path: Path | None, meta: dict[str, str]) -> None:
        self._db = db
        self._lock = threading.Lock()
        self._inner: dict[int, spatial.Inner] = {}
        self.path = path
        self.meta = meta
        self.is_demo = meta.get("is_demo") == "1"
        self.count_outpatient = int(meta.get("count_outpatient", "0"))
        self.count_at_home = int(meta.get("count_at_home", "0"))
        self.count_therapy = int(meta.get("count_therapy", "0"))
        self.version = meta.get("version", "")
        self.source = meta.get("source", "")
        self.format = meta.get("format", "kiosk")
        self.bad_rows: set[int] = set()
        codes = [c for c in meta.get("language_bits", "").split(";") if c]
        self.language_bits = {c: 1 << (LANGUAGE_BIT0 + i) for i, c in enumerate(codes)}
        self.roots = {k: int(meta[f"spatial_root_{k}"]) for k in LOCATED_KINDS
                      if meta.get(f"spatial_root_{k}", "").isdigit()}
        stamp = meta.get("imported_at", "")
        self.imported_at: dt.datetime | None = (
            dt.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
            if stamp else None)

    @property
    def languages(self) -> tuple[str, ...]:
        """Language codes a search can filter by (those the listings carry)."""
        return tuple(self.language_bits)

    @classmethod
    def open(cls, path: Path) -> Directory:
        """Open a directory file read-only; DirectoryError (one line) if missing or damaged."""
        path = Path(path)
        try:
            magic = _magic(path)
        except StaffFileError as exc:  # missing, a folder, a FIFO or device: one line
            raise DirectoryError(str(exc)) from None
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
            table = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND "
                               "name = 'clinics'").fetchone()
            if table is None or " ".join(table[0].split()) != _TABLE_SQL:
                raise DirectoryError(f"{path}: damaged (its clinics table is not the one this "
                                     "kiosk writes); import the CSV again")
            meta = {str(k): str(v) for k, v in db.execute("SELECT key, value FROM meta")}
            counts = dict(db.execute("SELECT kind, count(*) FROM clinics GROUP BY kind")
                          .fetchall())
            total = sum(counts.values())
            wrong = [k for k in KINDS if str(counts.get(k, 0)) != meta.get(f"count_{k}", "0")]
            if str(total) != meta.get("row_count") or wrong:
                raise DirectoryError(f"{path}: damaged (holds {total} clinics, its header "
                                     f"says {meta.get('row_count')}); import the CSV again")
            directory = cls(db, path, meta)
            for kind in LOCATED_KINDS:
                if counts.get(kind) and kind not in directory.roots:
                    raise DirectoryError(f"{path}: damaged (no {kind} index); import the "
                                         "CSV again")
            for root in directory.roots.values():
                directory._load_node(root)
        except sqlite3.Error as exc:
            if db is not None:
                db.close()
            raise DirectoryError(f"{path}: damaged clinic directory ({exc})") from None
        except DirectoryError:
            if db is not None:
                db.close()
            raise
        return directory

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> Directory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return (f"<Directory {self.path} {self.count_outpatient} outpatient, "
                f"{self.count_at_home} at-home, {self.count_therapy} therapy"
                f"{' (demo)' if self.is_demo else ''}>")

    # --- reading ----------------------------------------------------------------------

    def _fetch(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        try:
            with self._lock:
                return self._db.execute(sql, params).fetchall()
        except sqlite3.ProgrammingError as exc:  # closed
            raise DirectoryError(f"{self.path}: {exc}") from None
        except sqlite3.Error as exc:
            raise DirectoryError(f"{self.path}: damaged clinic directory ({exc})") from None

    def _load_node(self, node: int) -> spatial.Leaf | spatial.Inner:
        cached = self._inner.get(node)
        if cached is not None:
            return cached
        rows = self._fetch("SELECT data FROM spatial WHERE node = ?", (node,))
        try:
            if not rows:
                raise ValueError(f"node {node} is missing")
            decoded = spatial.decode_node(rows[0][0])
        except ValueError as exc:
            raise DirectoryError(f"{self.path}: damaged clinic directory (spatial index: "
                                 f"{exc}); import the CSV again") from None
        if isinstance(decoded, spatial.Inner):
            self._inner[node] = decoded
        return decoded

    def _clinics(self, rows: list[tuple], distances: dict[int, float] | None = None
                 ) -> list[Clinic]:
        """Rows (n first) -> Clinics; a row with bad stored values is skipped and logged."""
        out = []
        for row in rows:
            try:
                out.append(from_sql(row[1:], None if distances is None else distances[row[0]]))
            except (TypeError, ValueError, KeyError) as exc:
                if row[0] not in self.bad_rows:
                    self.bad_rows.add(row[0])
                    log.warning("%s: row %s has a bad stored value (%s); skipped", self.path,
                                row[0], exc)
        return out

    def get(self, clinic_id: str) -> Clinic | None:
        """The clinic with this id, or None."""
        found = self._clinics(self._fetch(f"SELECT n, {SELECT_COLUMNS} FROM clinics "
                                          "WHERE id = ?", (clinic_id,)))
        return found[0] if found else None

    def all_clinics(self) -> list[Clinic]:
        """Every clinic in file order (for staff screens and exports)."""
        return self._clinics(self._fetch(f"SELECT n, {SELECT_COLUMNS} FROM clinics "
                                         "ORDER BY line"))

    def check(self) -> list[str]:
        """Every row with a stored value the schema does not allow, as one line each."""
        problems = []
        for row in self._fetch(f"SELECT n, line, {SELECT_COLUMNS} FROM clinics ORDER BY n"):
            for column, message in bad_values(row[2:]):
                problems.append(f"{self.path}: row from CSV line {row[1]}: {column}: bad "
                                f"stored value ({message}); import the CSV again")
        return problems

    # --- searching --------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResult:
        """Run a search; QueryError for unusable input, DirectoryError if the file is damaged."""
        want = _check_query(query, self.language_bits)
        origin: Origin | None = None
        state = want.state
        if want.zip5 is not None:
            origin = geo.lookup_zip(want.zip5)
            state = origin.state
        lists: dict[str, list[Clinic]] = {"outpatient": [], "at_home": [], "therapy": []}
        complete = {"visit", "at_home", "therapy"}
        if not want.impossible:
            for kind in want.kinds:
                if kind == "at_home":
                    found, full = self._at_home(state or "", want.mask, want.limit)
                elif origin is not None:
                    found, full = self._nearby(kind, origin, want.radius, want.mask, want.limit)
                else:
                    found, full = self._in_state(kind, state or "", want.mask, want.limit)
                lists[kind] = found
                if not full:
                    complete.discard(_SECTION[kind])
        return SearchResult(origin, lists["outpatient"], lists["at_home"], state,
                            lists["therapy"], frozenset(complete))

    def _nearby(self, kind: str, origin: Origin, radius: float, mask: int, limit: int | None
                ) -> tuple[list[Clinic], bool]:
        root = self.roots.get(kind)
        if root is None:
            return [], True
        with_more = None if limit is None else limit + 1
        near = spatial.nearest(self._load_node, root, origin.lat, origin.lon, radius, mask,
                               with_more)
        distances = dict((n, d) for d, n in near)
        rows = self._rows_by_n(sorted(distances))
        clinics = self._clinics(rows, distances)
        # Ties on distance (same ZIP centroid) fall back to name, then id, for a stable list.
        clinics.sort(key=lambda c: (c.distance_miles, c.name.casefold(), c.id))
        if limit is None or len(clinics) <= limit:
            return clinics, True
        return clinics[:limit], False

    def _rows_by_n(self, ns: list[int]) -> list[tuple]:
        if not ns:
            return []
        # The n are integers we produced, so a literal IN list is safe and lets SQLite
        # walk the primary key in order; no host-parameter limit applies.
        return self._fetch(f"SELECT n, {SELECT_COLUMNS} FROM clinics WHERE n IN "
                           f"({','.join(map(str, ns))})")

    def _in_state(self, kind: str, state: str, mask: int, limit: int | None
                  ) -> tuple[list[Clinic], bool]:
        rows = self._fetch(
            f"SELECT n, {SELECT_COLUMNS} FROM clinics WHERE kind = ? AND state = ? "
            "AND (mask & ?) = ? ORDER BY city COLLATE NOCASE, name COLLATE NOCASE, id "
            "LIMIT ?", (kind, state, mask, mask, -1 if limit is None else limit + 1))
        return self._cut(self._clinics(rows), limit)

    def _at_home(self, state: str, mask: int, limit: int | None) -> tuple[list[Clinic], bool]:
        # Providers naming the state come before nationwide (ALL) ones: more local first.
        columns = ", ".join(f"c.{c}" for c in ("n", *COLUMN_NAMES))
        rows = self._fetch(
            f"SELECT {columns} FROM served s JOIN clinics c ON c.n = s.n "
            "WHERE s.state IN (?, 'ALL') AND (c.mask & ?) = ? "
            "ORDER BY s.state = 'ALL', c.name COLLATE NOCASE, c.id LIMIT ?",
            (state, mask, mask, -1 if limit is None else limit + 1))
        return self._cut(self._clinics(rows), limit)

    @staticmethod
    def _cut(clinics: list[Clinic], limit: int | None) -> tuple[list[Clinic], bool]:
        if limit is None or len(clinics) <= limit:
            return clinics, True
        return clinics[:limit], False

    def count_stale(self, days: int, today: dt.date | None = None) -> int:
        """Listings whose last_verified (else source_date) is more than ``days`` days old,
        or that carry neither date (for ``[locator] stale_after_days`` on the staff screen)."""
        cutoff = ((today or dt.date.today()) - dt.timedelta(days=days)).isoformat()
        rows = self._fetch("SELECT count(*) FROM clinics WHERE coalesce(last_verified, "
                           "source_date, '') < ?", (cutoff,))
        return int(rows[0][0])

    def has_data(self, field: str) -> bool:
        """Whether any listing carries ``payment``, ``languages``, ``telehealth`` or
        ``veterans`` data (the screen shows a filter only then)."""
        if field == "languages":
            return bool(self.language_bits)
        bits = {"payment": sum(PAYMENT_BITS.values()), "telehealth": TELEHEALTH_BIT,
                "veterans": VETERANS_BIT}.get(field)
        if bits is None:
            raise ValueError(f"unknown field {field!r}")
        return bool(self._fetch("SELECT 1 FROM clinics WHERE (mask & ?) != 0 LIMIT 1",
                                (bits,)))


# --- the configured directory -----------------------------------------------------------


def default_cache_path(cache_dir: Path | None = None) -> Path:
    """Where the kiosk keeps the directory it imported from a CSV setting."""
    return (cache_dir if cache_dir is not None else paths.cache_dir()) / CACHE_NAME


def is_sqlite_file(path: Path) -> bool:
    """Whether ``path`` is a regular file that starts like SQLite (never blocks on a FIFO)."""
    try:
        return _magic(path) == SQLITE_MAGIC
    except StaffFileError:
        return False


def _magic(path: Path) -> bytes:
    """The first bytes of a directory file, read through kiosk.textfile's refusal rules."""
    with open_staff_file(path, len(SQLITE_MAGIC), "directory file") as stream:
        return stream.read(len(SQLITE_MAGIC))


def _empty_directory() -> Directory:
    """An in-memory directory with no clinics: the last resort if even the demo is gone."""
    from kiosk.locator.importer import INDEXES, SCHEMA

    db = sqlite3.connect(":memory:", check_same_thread=False)
    db.executescript(SCHEMA + INDEXES)
    meta = {"is_demo": "0", "source": "(none)", "row_count": "0", "count_outpatient": "0",
            "count_at_home": "0", "count_therapy": "0", "version": "", "imported_at": ""}
    return Directory(db, None, meta)


def _cache_is_current(meta: dict[str, str], src: Path, fmt: str) -> bool:
    if meta.get("format", "kiosk") != fmt:
        return False
    st = src.stat()
    if (meta.get("source") == str(src.resolve()) and meta.get("source_size") == str(st.st_size)
            and meta.get("source_mtime_ns") == str(st.st_mtime_ns)):
        return True
    if meta.get("source_size") != str(st.st_size):
        return False
    with open(src, "rb") as fh:
        digest = hashlib.file_digest(fh, "sha256").hexdigest()
    return meta.get("source_sha256") == digest


def _fallback(problems: list[ImportProblem | str]) -> Directory:
    try:
        return Directory.open(paths.builtin_clinics_path())
    except (DirectoryError, FileNotFoundError) as exc:
        problems.append(f"built-in demo directory unusable: {exc}; no clinics to show")
        return _empty_directory()


def open_configured_directory(clinics_path: Path | None, cache_dir: Path,
                              format: SourceFormat | str = "kiosk"
                              ) -> tuple[Directory, list[ImportProblem | str]]:
    """Open what ``[locator] clinics`` names (CSV, SQLite or None for the demo). Never raises
    for bad data: problems come back as a list and an older cache or the demo serves.

    ``format``: what a CSV is, "kiosk" (the staff format) or "samhsa" (FindTreatment.gov)."""
    problems: list[ImportProblem | str] = []
    if clinics_path is None:
        return _fallback(problems), problems
    src = Path(clinics_path)
    if format not in FORMATS:
        problems.append(f"[locator] format {format!r}: expected kiosk or samhsa; showing the "
                        "built-in demo directory instead")
        return _fallback(problems), problems
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
                _cache_is_current(previous.meta, src, format):
            return previous, problems
    except OSError as exc:
        problems.append(f"{src}: cannot read: {exc.strerror or exc}")
        if previous is not None:
            problems.append(f"still using the directory imported at "
                            f"{previous.meta.get('imported_at')}")
            return previous, problems
        problems.append("showing the built-in demo directory instead")
        return _fallback(problems), problems

    report = import_csv(src, cache, format="samhsa" if format == "samhsa" else "kiosk")
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


def check_directory_source(path: Path, format: SourceFormat = "kiosk") -> list[str]:
    """An import dry run: each problem as ``FILE:LINE: column: message`` (empty: fine).

    A directory file (SQLite) is opened and checked instead."""
    path = Path(path)
    if is_sqlite_file(path):
        try:
            with Directory.open(path) as d:
                return d.check()
        except DirectoryError as exc:
            return [str(exc)]
    report = import_csv(path, path, format=format, dry_run=True)
    return [str(p) for p in report.problems]
