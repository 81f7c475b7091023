"""`kiosk stats export` through kiosk.cli.main, as a person would run it."""

from __future__ import annotations

import csv
import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.stats import Stats


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / ".kiosk-data"
    monkeypatch.setenv("KIOSK_DATA_DIR", str(folder))
    monkeypatch.delenv("KIOSK_CONFIG", raising=False)
    return folder


def fill(days_ago: list[int]) -> None:
    today = dt.date.today()
    for n in days_ago:
        s = Stats.open(None, True, today=lambda n=n: today - dt.timedelta(days=n))
        s.count("page_view", "what-is-ptsd")
        s.count("language", "es")
        s.close()


def read_csv(path: Path) -> list[list[str]]:
    """The CSV rows after the comment lines that explain them."""
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.reader(line for line in fh if not line.startswith("#")))


def test_export_all_days(data_dir: Path, tmp_path: Path,
                         capsys: pytest.CaptureFixture[str]) -> None:
    fill([0, 0, 3, 20])
    out = tmp_path / "usage.csv"
    assert main(["stats", "export", str(out)]) == 0
    rows = read_csv(out)
    assert rows[0] == ["day", "event", "key", "count"]
    assert len(rows) == 1 + 3 * 2
    today = dt.date.today().isoformat()
    assert [today, "page_view", "what-is-ptsd", "fewer than 5"] in rows
    assert [r[0] for r in rows[1:]] == sorted(r[0] for r in rows[1:])
    assert "wrote 6 row(s)" in capsys.readouterr().err


def test_export_last_days(data_dir: Path, tmp_path: Path) -> None:
    fill([0, 1, 7, 30])
    out = tmp_path / "usage.csv"
    assert main(["stats", "export", str(out), "--days", "7"]) == 0
    days = {r[0] for r in read_csv(out)[1:]}
    assert days == {(dt.date.today() - dt.timedelta(days=n)).isoformat() for n in (0, 1)}
    assert main(["stats", "export", str(out), "--days", "8"]) == 0
    assert len({r[0] for r in read_csv(out)[1:]}) == 3


def test_export_to_stdout(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fill([0])
    assert main(["stats", "export", "-"]) == 0
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if not line.startswith("# ")]
    assert lines[0] == "day,event,key,count"
    assert len(lines) == 3


def test_export_with_explicit_db(tmp_path: Path, data_dir: Path) -> None:
    db = tmp_path / "elsewhere.sqlite"
    s = Stats.open(db, True)
    s.count("idle_reset")
    s.close()
    out = tmp_path / "usage.csv"
    assert main(["stats", "export", str(out), "--db", str(db)]) == 0
    assert read_csv(out)[1][1:] == ["idle_reset", "", "fewer than 5"]


def test_missing_db_is_one_line_error(data_dir: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "export", str(tmp_path / "usage.csv")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: no usage counts at ")
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    assert not (tmp_path / "usage.csv").exists()
    assert not data_dir.exists()  # exporting never creates the database


def test_corrupt_db_is_one_line_error_and_left_alone(
        data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data_dir.mkdir()
    db = data_dir / "stats.sqlite"
    db.write_bytes(b"not sqlite at all" * 100)
    assert main(["stats", "export", str(tmp_path / "usage.csv")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "not a readable usage counts database" in err
    assert len(err.strip().splitlines()) == 1
    assert db.read_bytes().startswith(b"not sqlite at all")  # not "repaired" by an export
    assert not list(data_dir.glob("*.corrupt-*"))


def test_db_without_counts_table(data_dir: Path, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    data_dir.mkdir()
    conn = sqlite3.connect(data_dir / "stats.sqlite")
    conn.execute("CREATE TABLE other (x)")
    conn.commit()
    conn.close()
    assert main(["stats", "export", str(tmp_path / "usage.csv")]) == 1
    assert "no such table" in capsys.readouterr().err


def test_unwritable_out_is_one_line_error(data_dir: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    fill([0])
    for out in (tmp_path / "no-such-folder" / "usage.csv", tmp_path):
        assert main(["stats", "export", str(out)]) == 1
        err = capsys.readouterr().err
        assert err.startswith(f"error: cannot write {out}")
        assert len(err.strip().splitlines()) == 1
    assert not list(tmp_path.glob(".*.tmp-*"))


def test_bad_days_is_a_usage_error(data_dir: Path, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["stats", "export", str(tmp_path / "o.csv"), "--days", "0"])
    assert exc.value.code == 2
    assert "--days" in capsys.readouterr().err


def test_stats_without_subcommand_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats"]) == 2
    assert "export" in capsys.readouterr().err


def test_the_export_header_says_what_each_count_means(data_dir: Path, tmp_path: Path) -> None:
    from kiosk.stats import EVENTS

    fill([0])
    out = tmp_path / "usage.csv"
    assert main(["stats", "export", str(out)]) == 0
    comments = [line for line in out.read_text(encoding="utf-8").splitlines()
                if line.startswith("# ")]
    text = "\n".join(comments)
    assert 'written "fewer than 5"' in text and "once per patient session" in text
    for event in EVENTS:
        assert f"# {event}: " in text


def test_the_threshold_comes_from_the_settings_or_the_option(
        data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    today = dt.date.today().isoformat()
    for _ in range(3):
        with Stats.open(None, True) as s:  # three patients
            s.count("page_view", "what-is-ptsd")
    out = tmp_path / "usage.csv"
    assert main(["stats", "export", str(out)]) == 0
    assert read_csv(out)[1] == [today, "page_view", "what-is-ptsd", "fewer than 5"]
    settings = tmp_path / "kiosk.toml"
    settings.write_text("[stats]\nmin_count = 3\n", encoding="utf-8")
    monkeypatch.setenv("KIOSK_CONFIG", str(settings))
    assert main(["stats", "export", str(out)]) == 0
    assert read_csv(out)[1] == [today, "page_view", "what-is-ptsd", "3"]
    assert main(["stats", "export", str(out), "--min-count", "4"]) == 0
    assert read_csv(out)[1] == [today, "page_view", "what-is-ptsd", "fewer than 4"]


@pytest.mark.skipif(not hasattr(__import__("os"), "symlink"), reason="symlinks")
def test_export_never_follows_a_planted_symlink(data_dir: Path, tmp_path: Path) -> None:
    import os

    fill([0])
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    out = tmp_path / "usage.csv"
    # The names the old export used for its temp file: .usage.csv.tmp-<pid>.
    for pid in (os.getpid(), os.getpid() + 1):
        (tmp_path / f".usage.csv.tmp-{pid}").symlink_to(victim)
    assert main(["stats", "export", str(out)]) == 0
    assert victim.read_text(encoding="utf-8") == "precious"
    assert not out.is_symlink() and read_csv(out)[0] == ["day", "event", "key", "count"]
