"""Anonymous daily usage counts in SQLite. Qt-free.

Counts accumulate in memory and :meth:`Stats.flush` writes them in one
transaction, so a power cut loses at most what happened since the last flush
(the UI flushes every minute while something is pending, and at exit). The
database holds only ``(day, event, key, count)`` rows: which page was read,
how many searches, which language. Nothing typed by a patient is stored, and
a key that looks like a ZIP code is refused outright as defence in depth.

So that a quiet day cannot show what one person read, a page (and a language,
a read-aloud, a clinic opened) counts once per patient session: the idle reset
(counted as ``idle_reset``) or :meth:`Stats.end_session` starts a new one. Any
count below ``min_count`` (5 by default, ``[stats] min_count``) is shown on the
staff screen and exported as "fewer than 5", never as its number.

Nothing here ever raises at run time: a corrupt file is moved aside and
recreated, an unwritable folder disables counting with a logged warning, and
a failed write keeps the counts in memory for the next try. Programming
errors (an unknown event, a forbidden key) raise ``ValueError``.

A :class:`Stats` object is not thread-safe; use it from the UI thread.
"""

from __future__ import annotations

import datetime as _dt
import logging
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Protocol

log = logging.getLogger("kiosk.stats")

FILE_NAME = "stats.sqlite"
EVENTS = frozenset(
    {"page_view", "search", "language", "read_aloud", "idle_reset", "error", "locator_detail"}
)
# What each count means, for the export's header and the staff screen.
MEANINGS = {
    "page_view": "patient sessions that opened this page (key: page id)",
    "language": "patient sessions that switched to this language (key: language code)",
    "read_aloud": "patient sessions that had a page read aloud (key: language code)",
    "locator_detail": "patient sessions that opened a clinic's details (key: kind of clinic)",
    "search": "clinic searches (key: how the search was made)",
    "idle_reset": "returns to the start screen after no one touched the kiosk",
    "error": "errors the kiosk recovered from (key: kind of error)",
}
# Counted at most once per patient session: one person reading a page five times
# must not look like five people.
ONCE_PER_SESSION = frozenset({"page_view", "language", "read_aloud", "locator_detail"})
DEFAULT_MIN_COUNT = 5
MAX_KEY_LENGTH = 80
# Distinct (day, event, key) rows held in memory while the disk refuses writes.
# Counts for rows already held still go up; only new rows beyond the cap are dropped.
MAX_PENDING_ROWS = 5000

# A key starts with a word character (so a spreadsheet never reads it as a
# formula) and holds only word characters and . : / + -
_KEY_RE = re.compile(r"\w[\w.:/+-]*")
_ZIP_LIKE_RE = re.compile(r"\d{5}")
_ALL_DIGITS_RE = re.compile(r"\d+")
_RADIUS_BUCKETS = (10, 25, 50, 100, 250, 500)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS counts (
    day   TEXT    NOT NULL,
    event TEXT    NOT NULL,
    key   TEXT    NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (day, event, key)
) WITHOUT ROWID
"""
_UPSERT = (
    "INSERT INTO counts (day, event, key, count) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (day, event, key) DO UPDATE SET count = count + excluded.count"
)

Row = tuple[str, str, str, int]


def default_path() -> Path:
    """Return data_dir()/stats.sqlite (honours $KIOSK_DATA_DIR)."""
    from kiosk import paths

    return paths.data_dir() / FILE_NAME


def check_key(key: str) -> None:
    """Raise ValueError unless ``key`` is a safe, non-identifying label."""
    if not isinstance(key, str):
        raise ValueError(f"stats key must be a string, got {type(key).__name__}")
    if key == "":
        return
    if len(key) > MAX_KEY_LENGTH:
        raise ValueError(f"stats key longer than {MAX_KEY_LENGTH} characters")
    if _ALL_DIGITS_RE.fullmatch(key) or _ZIP_LIKE_RE.search(key):
        # Never store anything that could be a ZIP code (or part of an address).
        raise ValueError("stats key looks like a ZIP code or number; use a label instead")
    if not _KEY_RE.fullmatch(key):
        raise ValueError(
            "stats key must start with a letter or digit and hold only letters, digits "
            f"and . : / + - _ (got {key!r})"
        )


def shown(count: int, min_count: int = DEFAULT_MIN_COUNT) -> int | str:
    """A count as staff may see it: "fewer than N" when it is above 0 and below ``min_count``."""
    return f"fewer than {min_count}" if 0 < count < min_count else count


class UsageStats(Protocol):
    """What the UI needs of a usage counter (kiosk.stats.Stats, or the UI's wrapper)."""

    def count(self, event: str, key: str = "") -> None:
        """Count one event; never fails a patient's tap."""

    def summary(self, days: int = 7) -> dict[str, dict[str, int | str]]:
        """{day: {event: count as shown}} for the last ``days`` days, newest first."""


def radius_bucket(miles: float) -> str:
    """Return a coarse label for a search radius, e.g. ``radius_le50``, safe to count."""
    for limit in _RADIUS_BUCKETS:
        if miles <= limit:
            return f"radius_le{limit}"
    return f"radius_gt{_RADIUS_BUCKETS[-1]}"


def _is_corruption(exc: sqlite3.Error) -> bool:
    name = getattr(exc, "sqlite_errorname", "")
    if name in ("SQLITE_CORRUPT", "SQLITE_NOTADB"):
        return True
    text = str(exc).lower()
    return "not a database" in text or "malformed" in text


class Stats:
    """Anonymous per-day counters; see the module docstring."""

    def __init__(self, path: Path | None, conn: sqlite3.Connection | None,
                 today: Callable[[], _dt.date] = _dt.date.today,
                 min_count: int = DEFAULT_MIN_COUNT) -> None:
        # Use Stats.open(); this constructor trusts its arguments.
        self.path = path
        self.min_count = max(1, min_count)
        self._conn = conn
        self._today = today
        self._session: set[tuple[str, str, str]] = set()
        self._pending: dict[tuple[str, str, str], int] = {}
        self._dropped = 0
        self._failing = False

    # --- opening ------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | None, enabled: bool, *,
             today: Callable[[], _dt.date] = _dt.date.today,
             min_count: int = DEFAULT_MIN_COUNT) -> Stats:
        """Open (or create) the counts database; never raises. Disabled: a no-op Stats."""
        if not enabled:
            return cls(None, None, today, min_count)
        try:
            path = Path(path) if path is not None else default_path()
        except (OSError, RuntimeError) as exc:  # no home folder to put the data folder in
            log.warning("usage counts disabled: no data folder (%s)", exc)
            return cls(None, None, today, min_count)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            log.warning("usage counts disabled: cannot create folder %s (%s)",
                        path.parent, exc.strerror or exc)
            return cls(None, None, today, min_count)
        conn = _connect(path)
        if conn is None:
            return cls(None, None, today, min_count)
        return cls(path, conn, today, min_count)

    @property
    def enabled(self) -> bool:
        """True while counts are being kept (False when disabled or unwritable)."""
        return self._conn is not None

    # --- counting -----------------------------------------------------------

    def count(self, event: str, key: str = "") -> None:
        """Add one to today's ``event``/``key`` counter (in memory until flush).

        Events in ONCE_PER_SESSION count once per patient session; ``idle_reset``
        ends the session.
        """
        if event not in EVENTS:
            raise ValueError(f"unknown stats event {event!r}; expected one of {sorted(EVENTS)}")
        check_key(key)
        slot = (self._today().isoformat(), event, key)
        if event == "idle_reset":
            self.end_session()
        elif event in ONCE_PER_SESSION:
            if slot in self._session:
                return
            self._session.add(slot)
        if self._conn is None:
            return
        if slot in self._pending:
            self._pending[slot] += 1
        elif len(self._pending) < MAX_PENDING_ROWS:
            self._pending[slot] = 1
        else:
            if self._dropped == 0:
                log.warning("usage counts: %d rows waiting for the disk; dropping new ones",
                            MAX_PENDING_ROWS)
            self._dropped += 1

    def end_session(self) -> None:
        """A new patient session begins: each page may count once again."""
        self._session.clear()

    def pending(self) -> int:
        """Return how many counts are waiting to be written."""
        return sum(self._pending.values())

    def flush(self) -> bool:
        """Write pending counts in one transaction; False (counts kept) if the disk refused."""
        if self._conn is None or not self._pending:
            return True
        rows = [(day, event, key, n) for (day, event, key), n in self._pending.items()]
        try:
            self._write(rows)
        except sqlite3.Error as exc:
            if _is_corruption(exc) and self._recreate():
                try:
                    self._write(rows)
                except sqlite3.Error as exc2:
                    return self._flush_failed(exc2)
            else:
                return self._flush_failed(exc)
        self._pending.clear()
        if self._failing:
            log.info("usage counts: writing works again")
            self._failing = False
        if self._dropped:
            log.warning("usage counts: %d counts were dropped while the disk refused writes",
                        self._dropped)
            self._dropped = 0
        return True

    def _write(self, rows: list[Row]) -> None:
        assert self._conn is not None
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.executemany(_UPSERT, rows)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            raise

    def _flush_failed(self, exc: sqlite3.Error) -> bool:
        # Log the first failure of a streak only: a full disk must not also fill the log.
        if not self._failing:
            log.warning("usage counts not saved, will retry: %s", exc)
            self._failing = True
        return False

    def _recreate(self) -> bool:
        """Move a corrupt database aside and start a new one; False if that fails."""
        assert self.path is not None
        log.warning("usage counts database %s is corrupt; starting a new one", self.path)
        self._close_conn()
        self._conn = _connect(self.path, force_new=True)
        return self._conn is not None

    # --- reading ------------------------------------------------------------

    def last_days(self, n: int = 7) -> list[Row]:
        """Return (day, event, key, count) rows for the last ``n`` days, pending counts included."""
        if self._conn is None or n < 1:
            return []
        first = (self._today() - _dt.timedelta(days=n - 1)).isoformat()
        totals: dict[tuple[str, str, str], int] = {}
        try:
            for day, event, key, count in self._conn.execute(
                "SELECT day, event, key, count FROM counts WHERE day >= ?", (first,)
            ):
                totals[(day, event, key)] = int(count)
        except sqlite3.Error as exc:
            log.warning("usage counts could not be read: %s", exc)
        for slot, count in self._pending.items():
            if slot[0] >= first:
                totals[slot] = totals.get(slot, 0) + count
        return sorted((day, event, key, count) for (day, event, key), count in totals.items())

    def totals(self, n: int = 7) -> dict[str, dict[str, int]]:
        """{day: {event: total}} for the last ``n`` days, newest first, zeros included.

        The raw numbers, for code; people see :meth:`summary`.
        """
        today = self._today()
        days = [(today - _dt.timedelta(days=i)).isoformat() for i in range(max(n, 0))]
        result = {day: dict.fromkeys(sorted(EVENTS), 0) for day in days}
        for day, event, _key, count in self.last_days(n):
            if day in result:
                result[day][event] += count
        return result

    def summary(self, n: int = 7) -> dict[str, dict[str, int | str]]:
        """:meth:`totals` as the staff screen shows them: below ``min_count``, "fewer than N"."""
        return {day: {event: shown(count, self.min_count) for event, count in events.items()}
                for day, events in self.totals(n).items()}

    # --- closing ------------------------------------------------------------

    def close(self) -> None:
        """Flush and close; safe to call twice. Never raises."""
        if self._conn is None:
            return
        self.flush()
        self._close_conn()

    def _close_conn(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except sqlite3.Error as exc:
                log.warning("usage counts database did not close cleanly: %s", exc)
            self._conn = None

    def __enter__(self) -> Stats:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def _move_aside(path: Path) -> None:
    """Rename a corrupt database (and its WAL files) to <name>.corrupt-<timestamp>."""
    stamp = _dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    for suffix in ("", "-wal", "-shm"):
        src = path.with_name(path.name + suffix)
        if src.exists():
            src.replace(target.with_name(target.name + suffix))
    log.warning("moved the corrupt usage counts database to %s", target)


class _Corrupt(sqlite3.DatabaseError):
    """The file opened but is not a sound counts database."""


def _open_checked(path: Path) -> sqlite3.Connection:
    """Open, check and prepare the database; raise sqlite3.Error or OSError if unusable."""
    conn = sqlite3.connect(path, timeout=2.0, isolation_level=None)
    try:
        # WAL + NORMAL: a commit survives an application crash; a power cut can lose
        # at most the last commit, which is the minute we accept losing.
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        check = conn.execute("PRAGMA quick_check").fetchone()
        if check is None or check[0] != "ok":
            raise _Corrupt(f"integrity check failed: {check[0] if check else 'no answer'}")
        conn.execute(_SCHEMA)
        columns = [row[1] for row in conn.execute("PRAGMA table_info(counts)")]
        if columns != ["day", "event", "key", "count"]:
            raise _Corrupt(f"unexpected columns in the counts table: {columns}")
        # Prove we can write (a read-only file only fails on a real write), then undo it.
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("INSERT OR REPLACE INTO counts VALUES ('0000-00-00', 'probe', '', 0)")
        finally:
            conn.execute("ROLLBACK")
    except BaseException:
        conn.close()
        raise
    return conn


def _try_move_aside(path: Path) -> bool:
    try:
        _move_aside(path)
    except OSError as exc:
        log.warning("usage counts disabled: cannot move %s aside (%s)", path, exc)
        return False
    return True


def _connect(path: Path, force_new: bool = False) -> sqlite3.Connection | None:
    """Open the database, moving a corrupt one aside once; None (logged) if unusable."""
    if force_new and not _try_move_aside(path):
        return None
    for attempt in (1, 2):
        try:
            return _open_checked(path)
        except sqlite3.Error as exc:
            if attempt == 1 and (isinstance(exc, _Corrupt) or _is_corruption(exc)):
                log.warning("usage counts database %s is unreadable (%s); starting a new one",
                            path, exc)
                if not _try_move_aside(path):
                    return None
                continue
            log.warning("usage counts disabled: cannot use %s (%s)", path, exc)
            return None
        except OSError as exc:  # e.g. the path is a folder, or a bad file name
            log.warning("usage counts disabled: cannot use %s (%s)", path, exc)
            return None
    return None
