"""Anonymous usage counts: counting, flushing, failure handling. No Qt needed."""

from __future__ import annotations

import datetime as dt
import functools
import logging
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk import stats as stats_mod
from kiosk.stats import EVENTS, ONCE_PER_SESSION, Stats, check_key, radius_bucket


class Clock:
    """A settable 'today' for Stats."""

    def __init__(self, day: dt.date) -> None:
        self.day = day

    def __call__(self) -> dt.date:
        return self.day


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / ".kiosk-data"))


@pytest.fixture
def clock() -> Clock:
    return Clock(dt.date(2025, 3, 10))


def rows_in(path: Path) -> list[tuple[str, str, str, int]]:
    conn = sqlite3.connect(path)
    try:
        return sorted(conn.execute("SELECT day, event, key, count FROM counts"))
    finally:
        conn.close()


def test_core_module_does_not_import_qt() -> None:
    code = ("import sys, kiosk.stats, kiosk.stats_cli, kiosk.sdnotify; "
            "bad = [m for m in sys.modules if m.startswith('PySide6')]; "
            "sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=Path(__file__).resolve().parents[1])
    assert result.returncode == 0, result.stderr


def test_count_flush_and_read_back(tmp_path: Path, clock: Clock) -> None:
    path = tmp_path / "stats.sqlite"
    s = Stats.open(path, True, today=clock)
    assert s.enabled
    s.count("page_view", "what-is-ptsd")
    s.count("page_view", "what-is-ptsd")  # the same session: counted once
    s.count("search", radius_bucket(50))
    s.count("idle_reset")  # a new session
    s.count("page_view", "what-is-ptsd")
    assert s.pending() == 4
    assert rows_in(path) == []  # nothing on disk before flush
    assert s.flush() is True
    assert s.pending() == 0
    assert rows_in(path) == [
        ("2025-03-10", "idle_reset", "", 1),
        ("2025-03-10", "page_view", "what-is-ptsd", 2),
        ("2025-03-10", "search", "radius_le50", 1),
    ]
    # A second flush adds to the stored counts instead of replacing them.
    s.end_session()
    s.count("page_view", "what-is-ptsd")
    assert s.flush()
    assert ("2025-03-10", "page_view", "what-is-ptsd", 3) in rows_in(path)
    s.close()


def test_flush_with_nothing_pending_is_true(tmp_path: Path) -> None:
    s = Stats.open(tmp_path / "stats.sqlite", True)
    assert s.pending() == 0
    assert s.flush() is True
    s.close()


def test_database_uses_wal(tmp_path: Path) -> None:
    path = tmp_path / "stats.sqlite"
    s = Stats.open(path, True)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    s.close()


def test_default_path_is_in_data_dir(tmp_path: Path) -> None:
    s = Stats.open(None, True)
    s.count("language", "es")
    s.close()
    assert (tmp_path / ".kiosk-data" / "stats.sqlite").is_file()
    assert rows_in(tmp_path / ".kiosk-data" / "stats.sqlite")[0][1:] == ("language", "es", 1)


def test_close_flushes_and_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "stats.sqlite"
    with Stats.open(path, True) as s:
        s.count("read_aloud", "what-is-ptsd")
    s.close()
    assert [r[1:] for r in rows_in(path)] == [("read_aloud", "what-is-ptsd", 1)]


def test_last_days_and_summary_span_days(tmp_path: Path, clock: Clock) -> None:
    s = Stats.open(tmp_path / "stats.sqlite", True, today=clock)
    for offset in range(10):
        clock.day = dt.date(2025, 3, 1) + dt.timedelta(days=offset)
        s.count("page_view", "home")
        if offset % 2 == 0:
            s.count("search")
        s.flush()
    # Today is 2025-03-10; pending (unflushed) counts are included too.
    s.count("error", "ValueError")
    rows = s.last_days(3)
    assert rows == [
        ("2025-03-08", "page_view", "home", 1),
        ("2025-03-09", "page_view", "home", 1),
        ("2025-03-09", "search", "", 1),
        ("2025-03-10", "error", "ValueError", 1),
        ("2025-03-10", "page_view", "home", 1),
    ]
    assert len({r[0] for r in s.last_days()}) == 7
    summary = s.totals(3)
    assert list(summary) == ["2025-03-10", "2025-03-09", "2025-03-08"]
    assert summary["2025-03-10"]["error"] == 1
    assert summary["2025-03-09"]["search"] == 1
    assert summary["2025-03-08"]["search"] == 0
    assert set(summary["2025-03-08"]) == EVENTS
    shown = s.summary(3)  # as staff see it: 1 is "fewer than 5", 0 stays 0
    assert shown["2025-03-10"]["error"] == "fewer than 5"
    assert shown["2025-03-08"]["search"] == 0
    assert s.last_days(0) == []
    s.close()


def test_counts_follow_the_clock_across_midnight(tmp_path: Path, clock: Clock) -> None:
    path = tmp_path / "stats.sqlite"
    s = Stats.open(path, True, today=clock)
    s.count("idle_reset")
    clock.day += dt.timedelta(days=1)
    s.count("idle_reset")
    s.close()
    assert rows_in(path) == [("2025-03-10", "idle_reset", "", 1),
                             ("2025-03-11", "idle_reset", "", 1)]


def test_disabled_is_a_silent_no_op(tmp_path: Path) -> None:
    s = Stats.open(tmp_path / "stats.sqlite", False)
    assert not s.enabled
    s.count("page_view", "home")
    assert s.pending() == 0
    assert s.flush() is True
    assert s.last_days() == []
    assert all(sum(v.values()) == 0 for v in s.summary().values())
    s.close()
    assert not (tmp_path / "stats.sqlite").exists()
    assert not (tmp_path / ".kiosk-data").exists()


def test_disabled_still_rejects_programming_errors() -> None:
    s = Stats.open(None, False)
    with pytest.raises(ValueError):
        s.count("page_veiw")
    with pytest.raises(ValueError):
        s.count("search", "90210")


@pytest.mark.parametrize("event", ["", "PAGE_VIEW", "zip", "search "])
def test_unknown_event_raises(tmp_path: Path, event: str) -> None:
    s = Stats.open(tmp_path / "stats.sqlite", True)
    with pytest.raises(ValueError, match="unknown stats event"):
        s.count(event)
    s.close()


@pytest.mark.parametrize("key", ["90210", "902", "0", "zip:90210", "90210-1234", "CA 90210",
                                 "12345678", "=cmd()", "-1", " home", "a b", "x" * 81,
                                 "home\n", "page;drop"])
def test_bad_keys_are_refused(tmp_path: Path, key: str) -> None:
    s = Stats.open(tmp_path / "stats.sqlite", True)
    with pytest.raises(ValueError):
        s.count("search", key)
    assert s.pending() == 0
    s.close()


@pytest.mark.parametrize("key", ["", "en", "es", "what-is-ptsd", "ketamine/risks",
                                 "radius_le100", "ValueError", "01-intro", "clinic:near_home",
                                 "qué-es"])
def test_good_keys_are_accepted(key: str) -> None:
    check_key(key)


@given(st.text(alphabet="0123456789", min_size=5, max_size=10),
       st.text(max_size=5), st.text(max_size=5))
def test_any_key_holding_a_zip_is_refused(digits: str, before: str, after: str) -> None:
    with pytest.raises(ValueError):
        check_key(before + digits + after)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(sorted(EVENTS)),
                          st.sampled_from(["", "en", "home", "radius_le25"])), max_size=40),
       st.integers(min_value=1, max_value=5))
def test_flushed_totals_equal_counted(tmp_path_factory: pytest.TempPathFactory,
                                      calls: list[tuple[str, str]], flushes: int) -> None:
    path = tmp_path_factory.mktemp("prop") / "stats.sqlite"
    s = Stats.open(path, True, today=lambda: dt.date(2025, 1, 1))
    expected: dict[tuple[str, str], int] = {}
    session: set[tuple[str, str]] = set()
    for i, (event, key) in enumerate(calls):
        s.count(event, key)
        if event == "idle_reset":
            session.clear()
        elif event in ONCE_PER_SESSION:
            if (event, key) in session:
                continue
            session.add((event, key))
        expected[(event, key)] = expected.get((event, key), 0) + 1
        if i % flushes == 0:
            assert s.flush()
    s.close()
    assert {(e, k): c for _d, e, k, c in rows_in(path)} == expected


def test_radius_buckets() -> None:
    assert radius_bucket(5) == "radius_le10"
    assert radius_bucket(25) == "radius_le25"
    assert radius_bucket(26) == "radius_le50"
    assert radius_bucket(500) == "radius_le500"
    assert radius_bucket(501) == "radius_gt500"
    for miles in range(0, 700, 7):
        check_key(radius_bucket(miles))


# --- damaged and unwritable storage ------------------------------------------------------

def test_corrupt_database_is_moved_aside_and_recreated(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "stats.sqlite"
    path.write_bytes(b"this is not a database\n" * 200)
    with caplog.at_level(logging.WARNING, logger="kiosk.stats"):
        s = Stats.open(path, True)
    assert s.enabled
    aside = list(tmp_path.glob("stats.sqlite.corrupt-*"))
    assert len(aside) == 1
    assert aside[0].read_bytes().startswith(b"this is not a database")
    assert "corrupt" in caplog.text
    s.count("page_view", "home")
    assert s.flush()
    s.close()
    assert [r[1:] for r in rows_in(path)] == [("page_view", "home", 1)]


def test_damaged_pages_are_detected(tmp_path: Path) -> None:
    path = tmp_path / "stats.sqlite"
    s = Stats.open(path, True)
    for i in range(3000):
        s.count("page_view", f"page-{i}")
    s.close()
    data = bytearray(path.read_bytes())
    assert len(data) > 12000
    data[8192:12288] = b"\xa5" * 4096  # scribble over pages in the middle of the b-tree
    path.write_bytes(bytes(data))
    s = Stats.open(path, True)
    assert s.enabled
    assert list(tmp_path.glob("stats.sqlite.corrupt-*"))
    assert s.last_days() == []
    s.close()


def test_foreign_table_layout_is_treated_as_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "stats.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE counts (a, b)")
    conn.commit()
    conn.close()
    s = Stats.open(path, True)
    assert s.enabled
    assert list(tmp_path.glob("stats.sqlite.corrupt-*"))
    s.close()


def test_corruption_found_while_flushing_recreates(tmp_path: Path, clock: Clock) -> None:
    path = tmp_path / "stats.sqlite"
    s = Stats.open(path, True, today=clock)
    s.count("search")
    real = s._write
    calls = {"n": 0}

    def write_once_corrupt(rows: list[tuple[str, str, str, int]]) -> None:
        calls["n"] += 1
        if calls["n"] == 1:
            raise sqlite3.DatabaseError("database disk image is malformed")
        real(rows)

    s._write = write_once_corrupt  # type: ignore[method-assign]
    assert s.flush() is True
    assert list(tmp_path.glob("stats.sqlite.corrupt-*"))
    s.close()
    assert rows_in(path) == [("2025-03-10", "search", "", 1)]


def test_unwritable_location_disables_and_logs(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    with caplog.at_level(logging.WARNING, logger="kiosk.stats"):
        s = Stats.open(blocker / "stats.sqlite", True)
    assert not s.enabled
    assert "usage counts disabled" in caplog.text
    s.count("page_view", "home")  # accepted, ignored
    assert s.flush() is True
    s.close()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root can write to read-only folders")
def test_read_only_folder_disables_and_logs(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with caplog.at_level(logging.WARNING, logger="kiosk.stats"):
            s = Stats.open(folder / "stats.sqlite", True)
        assert not s.enabled
        assert "usage counts disabled" in caplog.text
        s.close()
    finally:
        folder.chmod(0o700)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root can write to read-only files")
def test_read_only_database_file_disables(tmp_path: Path) -> None:
    path = tmp_path / "stats.sqlite"
    Stats.open(path, True).close()
    path.chmod(0o400)
    try:
        s = Stats.open(path, True)
        assert not s.enabled
        assert not list(tmp_path.glob("*.corrupt-*"))
    finally:
        path.chmod(0o600)


def test_unopenable_database_disables_and_logs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    # What a read-only folder looks like to SQLite, also when the tests run as root.
    def refuse(*args: object, **kwargs: object) -> sqlite3.Connection:
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(stats_mod.sqlite3, "connect", refuse)
    with caplog.at_level(logging.WARNING, logger="kiosk.stats"):
        s = Stats.open(tmp_path / "stats.sqlite", True)
    assert not s.enabled
    assert "unable to open database file" in caplog.text
    assert not list(tmp_path.glob("*.corrupt-*"))  # unwritable is not corrupt


def test_database_path_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "stats.sqlite").mkdir()
    s = Stats.open(tmp_path / "stats.sqlite", True)
    assert not s.enabled
    assert (tmp_path / "stats.sqlite").is_dir()


class FullDisk(sqlite3.Connection):
    """A connection whose writes fail like a full disk while ``full`` is set."""

    full = False

    def execute(self, sql: str, *args: object) -> sqlite3.Cursor:  # type: ignore[override]
        if FullDisk.full and sql.lstrip().upper().startswith(("INSERT", "BEGIN", "COMMIT")):
            raise sqlite3.OperationalError("database or disk is full")
        return super().execute(sql, *args)  # type: ignore[arg-type]

    def executemany(self, sql: str, *args: object) -> sqlite3.Cursor:  # type: ignore[override]
        if FullDisk.full:
            raise sqlite3.OperationalError("database or disk is full")
        return super().executemany(sql, *args)  # type: ignore[arg-type]


def test_full_disk_keeps_counts_for_the_next_try(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: Clock,
        caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(stats_mod.sqlite3, "connect",
                        functools.partial(sqlite3.connect, factory=FullDisk))
    monkeypatch.setattr(FullDisk, "full", False)
    path = tmp_path / "stats.sqlite"
    s = Stats.open(path, True, today=clock)
    assert s.enabled
    s.count("page_view", "home")
    s.count("search")
    FullDisk.full = True
    with caplog.at_level(logging.WARNING, logger="kiosk.stats"):
        assert s.flush() is False
        assert s.flush() is False
    assert s.pending() == 2
    assert caplog.text.count("database or disk is full") == 1  # logged once per streak
    assert not list(tmp_path.glob("*.corrupt-*"))  # a full disk is not corruption
    s.count("search")
    assert s.last_days(1) == [("2025-03-10", "page_view", "home", 1),
                              ("2025-03-10", "search", "", 2)]
    FullDisk.full = False
    assert s.flush() is True
    assert s.pending() == 0
    s.close()
    monkeypatch.undo()
    assert rows_in(path) == [("2025-03-10", "page_view", "home", 1),
                             ("2025-03-10", "search", "", 2)]


def test_pending_memory_is_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  clock: Clock, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(stats_mod, "MAX_PENDING_ROWS", 5)
    s = Stats.open(tmp_path / "stats.sqlite", True, today=clock)
    with caplog.at_level(logging.WARNING, logger="kiosk.stats"):
        for i in range(20):
            s.count("page_view", f"page-{i}")
        s.count("idle_reset")  # a new row: dropped
        s.count("page_view", "page-0")  # rows already held still count up
    assert len(s._pending) == 5
    assert s.pending() == 6
    assert "dropping new ones" in caplog.text
    assert s.flush()
    s.close()


# --- counts that cannot identify a person ---------------------------------------------


def test_a_page_counts_once_per_session(tmp_path: Path, clock: Clock) -> None:
    s = Stats.open(tmp_path / "stats.sqlite", True, today=clock)
    for _ in range(3):  # one patient going back and forth
        s.count("page_view", "what-is-ptsd")
        s.count("language", "es")
        s.count("read_aloud", "es")
        s.count("search", "zip-both")  # every search counts
    s.end_session()
    s.count("page_view", "what-is-ptsd")
    s.count("idle_reset")  # the idle reset ends a session too
    s.count("page_view", "what-is-ptsd")
    totals = {(e, k): c for _d, e, k, c in s.last_days(1)}
    assert totals == {("page_view", "what-is-ptsd"): 3, ("language", "es"): 1,
                      ("read_aloud", "es"): 1, ("search", "zip-both"): 3,
                      ("idle_reset", ""): 1}
    s.close()


@pytest.mark.parametrize(("count", "min_count", "expected"), [
    (0, 5, 0), (1, 5, "fewer than 5"), (4, 5, "fewer than 5"), (5, 5, 5), (9, 10, "fewer than 10"),
    (1, 1, 1)])
def test_counts_below_the_threshold_are_shown_as_fewer_than(count, min_count, expected) -> None:
    from kiosk.stats import shown

    assert shown(count, min_count) == expected


def test_the_summary_staff_see_hides_small_counts(tmp_path: Path, clock: Clock) -> None:
    s = Stats.open(tmp_path / "stats.sqlite", True, today=clock, min_count=3)
    for _ in range(4):
        s.count("page_view", "a")
        s.count("idle_reset")
    s.count("error", "ValueError")
    today = s.summary(1)["2025-03-10"]
    assert (today["page_view"], today["idle_reset"], today["error"], today["search"]) == \
        (4, 4, "fewer than 3", 0)
    s.close()


def test_stats_and_the_ui_counter_follow_the_typed_protocol() -> None:
    from kiosk.stats import UsageStats

    def takes(stats: UsageStats) -> dict[str, dict[str, int | str]]:
        stats.count("page_view", "a")
        return stats.summary(1)

    with Stats.open(None, False) as s:
        assert list(takes(s).values())[0]["page_view"] == 0
