"""Faults at start: corrupt or unwritable files are logged, recreated or skipped, and the kiosk runs."""

from __future__ import annotations

import logging
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import paths
from kiosk.stats import Stats
from kiosk.ui.services import UsageCounter
from tests.ui_helpers import settings_for, settle, tap

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def make(open_window):
    return lambda settings, stats=None: open_window(settings, stats=stats)


def test_corrupt_stats_database_is_recreated_and_counting_goes_on(qtbot, tmp_path, make):
    db = paths.data_dir() / "stats.sqlite"
    db.parent.mkdir(parents=True)
    db.write_bytes(b"this is not a database" * 100)
    counter = UsageCounter(Stats.open(None, True))
    window = make(settings_for(tmp_path), stats=counter)
    tap(qtbot, window, "Welcome")
    counter.flush()
    rows = sqlite3.connect(db).execute("SELECT event, key, count FROM counts").fetchall()
    assert ("page_view", "welcome", 1) in rows
    assert list(db.parent.glob("stats.sqlite.corrupt-*")), "the damaged file is kept aside"
    counter.close()


def test_unwritable_data_folder_disables_counts_and_the_kiosk_runs(qtbot, tmp_path, make,
                                                                   monkeypatch, caplog):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    monkeypatch.setenv("KIOSK_DATA_DIR", str(blocker / "data"))
    with caplog.at_level(logging.WARNING, logger="kiosk.stats"):
        counter = UsageCounter(Stats.open(None, True))
    assert not counter.stats.enabled
    assert caplog.records
    window = make(settings_for(tmp_path), stats=counter)
    tap(qtbot, window, "Welcome")
    assert window.reader.page.id == "welcome"
    counter.close()


def test_full_disk_while_writing_counts_keeps_them_for_later(qtbot, tmp_path, make, monkeypatch):
    counter = UsageCounter(Stats.open(None, True))
    window = make(settings_for(tmp_path), stats=counter)
    tap(qtbot, window, "Welcome")

    def full(_rows):
        raise sqlite3.OperationalError("database or disk is full")

    real_write = counter.stats._write
    monkeypatch.setattr(counter.stats, "_write", full)
    counter.flush()
    assert counter.stats.pending() > 0, "counts are kept while the disk is full"
    tap(qtbot, window, "Home")
    assert window.current_screen() is window.home
    monkeypatch.setattr(counter.stats, "_write", real_write)
    counter.flush()
    assert counter.stats.pending() == 0
    days = counter.stats.totals(1)
    assert sum(counts.get("page_view", 0) for counts in days.values()) == 1
    counter.close()


def test_corrupt_clinic_cache_is_rebuilt(qtbot, tmp_path, make):
    demo = paths.resource("clinics", "demo_clinics.csv").read_text(encoding="utf-8").splitlines()
    csv = tmp_path / "clinics.csv"
    csv.write_text("\n".join(demo[:30]) + "\n", encoding="utf-8")
    cache = paths.cache_dir() / "clinics.sqlite"
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    window = make(settings_for(tmp_path, f"[locator]\nclinics = '{csv}'\n", pack=False))
    window.open_locator()
    qtbot.waitUntil(window.locator.is_loaded, timeout=10_000)
    settle()
    assert window.locator.directory.count_outpatient + window.locator.directory.count_at_home == 29
    assert not window.locator.directory.is_demo


def test_kiosk_starts_with_a_broken_settings_file_and_broken_content(tmp_path):
    pack = tmp_path / "pack" / "en"
    pack.mkdir(parents=True)
    (pack / "bad.md").write_bytes(b"+++\nid = [\n\xff\xfe\n")
    config = tmp_path / "kiosk.toml"
    config.write_text(f"[kiosk]\nidle_timout_seconds = 5\ntheme = 'neon'\n"
                      f"[content]\ndir = '{tmp_path / 'pack'}'\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "main.py", "--config", str(config), "--exit-after-startup"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert "startup:" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
