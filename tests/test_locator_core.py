"""The column declaration, the search rules, sections, and damaged or hostile directory
files (no Qt)."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.locator import Directory, DirectoryError, SearchQuery, import_csv, rules
from kiosk.locator.importer import SCHEMA, remove_stale_temps
from kiosk.locator.schema import (
    COLUMN_NAMES,
    CSV_COLUMNS,
    Clinic,
    create_table_sql,
    insert_sql,
)
from tests.test_locator_import import GOOD, HOME, write_csv

THERAPY = {**GOOD, "id": "t1", "name": "Larkfield Trauma Therapy", "kind": "therapy",
           "routes": "", "address": "5 Oak St", "zip": "10011"}


def directory(tmp_path: Path, rows: list[dict[str, str]], name: str = "d.sqlite") -> Directory:
    report = import_csv(write_csv(tmp_path / f"{name}.csv", rows), tmp_path / name)
    assert report.written, report.problems
    return Directory.open(tmp_path / name)


# --- one declaration -----------------------------------------------------------------


def test_table_insert_select_and_record_come_from_one_declaration():
    fields = Clinic._fields
    assert COLUMN_NAMES == fields[:-1] and fields[-1] == "distance_miles"
    assert CSV_COLUMNS == COLUMN_NAMES
    table = create_table_sql()
    for name in COLUMN_NAMES:
        assert f"\n    {name} " in table
    assert insert_sql().count("?") == len(COLUMN_NAMES) + 3  # n, mask, line
    db = sqlite3.connect(":memory:")
    db.executescript(SCHEMA)  # the derived SQL is valid
    assert [r[1] for r in db.execute("PRAGMA table_info(clinics)")] == \
        ["n", *COLUMN_NAMES, "mask", "line"]


def test_new_columns_round_trip(tmp_path):
    row = {**GOOD, "payment": "Medicaid; sliding-fee", "telehealth": "yes", "veterans": "0",
           "source": "Clinic survey", "source_date": "2025-02-03"}
    with directory(tmp_path, [row]) as d:
        c = d.get("c1")
    assert c is not None and c.payment == ("medicaid", "sliding_fee")
    assert c.telehealth is True and c.veterans is False
    assert c.source == "Clinic survey" and c.source_date is not None
    assert c.to_json()["source_date"] == "2025-02-03"
    assert c._replace(name="X").name == "X"  # a NamedTuple, built through its constructor


@pytest.mark.parametrize(("change", "column", "needle"), [
    ({"payment": "cash"}, "payment", "unknown value 'cash'"),
    ({"telehealth": "maybe"}, "telehealth", "yes or no"),
    ({"source_date": "2999-01-01"}, "source_date", "future"),
    ({"kind": "therapy", "address": ""}, "address", "a therapy listing needs"),
])
def test_new_columns_are_checked(tmp_path, change, column, needle):
    report = import_csv(write_csv(tmp_path / "c.csv", [{**GOOD, **change}]), tmp_path / "d")
    assert [(p.line, p.column) for p in report.problems] == [(2, column)]
    assert needle in report.problems[0].message


@pytest.mark.parametrize("spelling", ["at_home", "at-home", "At-Home", "at home"])
def test_kind_spellings(tmp_path, spelling):
    with directory(tmp_path, [{**HOME, "kind": spelling}]) as d:
        assert d.get("h1").kind == "at_home"


def test_at_home_provider_needs_no_street_city_or_zip(tmp_path):
    placeless = {**HOME, "id": "h2", "city": "", "zip": "", "state": "", "address": ""}
    with directory(tmp_path, [GOOD, placeless]) as d:
        h = d.get("h2")
        assert h is not None and h.zip == "" and h.state == "" and h.lat != h.lat  # NaN
        assert h.to_json()["lat"] is None
        result = d.search(SearchQuery(zip="07030"))  # Hoboken NJ: served
        assert [c.id for c in result.at_home] == ["h2"]
    report = import_csv(write_csv(tmp_path / "x.csv", [{**placeless, "states_served": ""}]),
                        tmp_path / "x")
    assert {p.column for p in report.problems} == {"state", "states_served"}


# --- sections and rules --------------------------------------------------------------


def test_three_sections_each_with_its_count(tmp_path):
    with directory(tmp_path, [GOOD, HOME, THERAPY]) as d:
        result = d.search(SearchQuery(zip="10001", radius_miles=10, limit=50))
        assert [s.key for s in result.sections] == ["visit", "at_home", "therapy"]
        assert result.counts == {"visit": 1, "at_home": 1, "therapy": 1}
        assert len(result) == 3 and all(s.complete for s in result.sections)
        only = d.search(SearchQuery(zip="10001", kind="therapy"))
        assert only.outpatient == [] and only.at_home == [] and [c.id for c in only.therapy] \
            == ["t1"]
        by_state = d.search(SearchQuery(state="NY"))
        assert [c.id for c in by_state.therapy] == ["t1"]


def test_limit_marks_a_section_incomplete(tmp_path):
    rows = [{**GOOD, "id": f"c{i}", "name": f"Clinic {i}"} for i in range(5)]
    with directory(tmp_path, rows) as d:
        result = d.search(SearchQuery(zip="10001", limit=3))
        assert len(result.outpatient) == 3 and not result.section("visit").complete
        assert d.search(SearchQuery(zip="10001", limit=5)).section("visit").complete


def test_filters_build_the_query():
    f = rules.Filters(25, ("ptsd",), "therapy", payment=("medicaid",), languages=("es",),
                      telehealth=True)
    q = rules.build_query(f, zip="10001")
    assert (q.zip, q.radius_miles, q.conditions, q.kind, q.limit) == \
        ("10001", 25, ("ptsd",), "therapy", rules.RESULT_LIMIT)
    assert q.payment == ("medicaid",) and q.languages == ("es",) and q.telehealth
    assert rules.build_query(rules.Filters(50), state="NY").kind is None
    assert [rules.nearest_radius(m) for m in (1, 30, 37.5, 75, 999)] == [10, 25, 50, 100, 250]


def test_wider_radius_offer(tmp_path):
    far = {**GOOD, "id": "far", "zip": "06830", "state": "CT"}  # Greenwich, ~28 miles
    with directory(tmp_path, [far, HOME]) as d:
        q = SearchQuery(zip="10001", radius_miles=10, limit=50)
        result = d.search(q)
        assert result.outpatient == [] and result.at_home  # care at home still found
        assert rules.wider_radius(d, q, result) == 50
        q25 = q._replace(radius_miles=25)
        assert rules.wider_radius(d, q25, d.search(q25)) == 50
        found = d.search(q._replace(radius_miles=50))
        assert rules.wider_radius(d, q._replace(radius_miles=50), found) is None
        state = SearchQuery(state="NY")
        assert rules.wider_radius(d, state, d.search(state)) is None
        nothing = SearchQuery(zip="99501", radius_miles=10)  # Anchorage: nothing within 250
        assert rules.wider_radius(d, nothing, d.search(nothing)) is None


def test_host_first_and_badge(tmp_path):
    rows = [GOOD, {**GOOD, "id": "host", "name": "Zed Clinic", "zip": "10011"}]
    with directory(tmp_path, rows) as d:
        result = d.search(SearchQuery(zip="10001"))
        assert [c.id for c in result.outpatient] == ["c1", "host"]
        shown = rules.sections(result, "host")
        assert [c.id for c in shown[0].clinics] == ["host", "c1"]
        host = d.get("host")
        from kiosk.locator import lookup_zip

        assert rules.host_badge(host, lookup_zip("10011"))
        assert not rules.host_badge(host, lookup_zip("10463"))  # the Bronx: ~10 miles off
        assert rules.host_problem(d, "host", "10011") is None
        assert "no clinic with id 'nope' in the directory" in rules.host_problem(d, "nope", "10011")
        warning = rules.host_problem(d, "host", "11021")
        assert warning and "miles from locator.home_zip 11021" in warning


# --- damaged and hostile files -------------------------------------------------------


def alter(db_path, *statements):
    """Run SQL on a directory file behind the directory's back, as damage would."""
    db = sqlite3.connect(db_path)
    for statement in statements:
        db.execute(statement)
    db.commit()
    db.close()


def test_a_bad_stored_value_skips_the_row_never_a_crash(tmp_path, capsys):
    rows = [GOOD, {**GOOD, "id": "c2", "name": "Second"}]
    directory(tmp_path, rows).close()
    alter(tmp_path / "d.sqlite", "PRAGMA ignore_check_constraints = ON",
          "UPDATE clinics SET last_verified = 'soon' WHERE id = 'c2'")
    with Directory.open(tmp_path / "d.sqlite") as d:
        assert [c.id for c in d.search(SearchQuery(zip="10001")).outpatient] == ["c1"]
        problems = d.check()
        assert len(problems) == 1 and ": last_verified: bad stored value" in problems[0]
    assert main(["clinics", "search", "--zip", "10001", "--clinics",
                 str(tmp_path / "d.sqlite")]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "1 row with a bad stored value left out" in err[0]


def test_strict_table_refuses_wrong_types_at_edit_time(tmp_path):
    directory(tmp_path, [GOOD]).close()
    db = sqlite3.connect(tmp_path / "d.sqlite")
    with pytest.raises(sqlite3.Error):
        db.execute("UPDATE clinics SET lat = 'north'")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE clinics SET kind = 'spa'")
    db.close()


def test_damaged_index_is_refused_at_open(tmp_path, capsys):
    directory(tmp_path, [GOOD]).close()
    alter(tmp_path / "d.sqlite", "UPDATE spatial SET data = x'4c0500000000'")
    with pytest.raises(DirectoryError, match="spatial index"):
        Directory.open(tmp_path / "d.sqlite")
    assert main(["clinics", "search", "--zip", "10001", "--clinics",
                 str(tmp_path / "d.sqlite")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "damaged" in err[0] and "Traceback" not in err[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_and_devices_are_refused_without_blocking(tmp_path):
    fifo = tmp_path / "clinics.csv"
    os.mkfifo(fifo)
    start = time.monotonic()
    report = import_csv(fifo, tmp_path / "d.sqlite")
    assert time.monotonic() - start < 5
    # The refusal wording is kiosk.textfile's, shared with settings and content pages.
    assert report.problems[0].message == "is a pipe (FIFO), expected a CSV file"
    assert import_csv(Path("/dev/zero"), tmp_path / "d").problems[0].message == \
        "is a device, expected a CSV file"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_given_as_a_directory_file_is_refused_without_blocking(tmp_path):
    from kiosk.locator.directory import check_directory_source, is_sqlite_file

    fifo = tmp_path / "clinics.sqlite"
    os.mkfifo(fifo)
    start = time.monotonic()
    assert not is_sqlite_file(fifo)  # it used to wait for a writer forever
    with pytest.raises(DirectoryError, match=r"is a pipe \(FIFO\), expected a directory file"):
        Directory.open(fifo)
    assert check_directory_source(fifo) == [f"{fifo}: is a pipe (FIFO), expected a CSV file"]
    assert time.monotonic() - start < 5


def test_a_nul_byte_and_utf16_are_refused_with_their_line(tmp_path):
    path = write_csv(tmp_path / "c.csv", [{**GOOD, "id": f"c{i}"} for i in range(3)])
    data = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join(data[:3]) + b"\x00" + b"".join(data[3:]))
    report = import_csv(path, tmp_path / "d.sqlite")
    assert [(p.line, p.message) for p in report.problems] == [
        (4, "binary data (a NUL byte), expected a CSV text file")]
    path.write_bytes("id,name\n".encode("utf-16"))
    assert "UTF-16 text" in import_csv(path, tmp_path / "d.sqlite").problems[0].message


def test_size_is_capped_by_bytes_read(tmp_path, monkeypatch):
    from kiosk.locator import importer

    monkeypatch.setattr(importer, "MAX_CSV_BYTES", 1000)
    rows = [{**GOOD, "id": f"c{i}"} for i in range(40)]
    report = import_csv(write_csv(tmp_path / "c.csv", rows), tmp_path / "d.sqlite")
    assert not report.written and "at most 1,000" in report.problems[0].message


def test_stale_temp_files_of_a_killed_import_are_removed(tmp_path):
    into = tmp_path / "clinics.sqlite"
    old = tmp_path / ".clinics.sqlite.abc123.tmp"  # the names kiosk.atomic gives
    fresh = tmp_path / ".clinics.sqlite.def456.tmp"
    other = tmp_path / ".other.sqlite.abc.tmp"
    for path in (old, fresh, other):
        path.write_bytes(b"x")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    os.utime(other, (time.time() - 3600, time.time() - 3600))
    remove_stale_temps(into)
    assert not old.exists() and fresh.exists() and other.exists()


def test_cli_never_calls_a_missing_file_unchanged(tmp_path, capsys):
    bad = write_csv(tmp_path / "b.csv", [{**GOOD, "zip": "x"}])
    into = tmp_path / "new.sqlite"
    assert main(["clinics", "import", str(bad), "--into", str(into)]) == 1
    err = capsys.readouterr().err
    assert "was not created" in err and "unchanged" not in err
    assert main(["clinics", "import", str(write_csv(tmp_path / "h.csv", [HOME])),
                 "--into", str(into)]) == 0
    assert "(0 outpatient clinics, 1 at-home provider)" in capsys.readouterr().out


def test_a_changed_table_is_refused_at_open(tmp_path):
    directory(tmp_path, [GOOD]).close()
    alter(tmp_path / "d.sqlite", "ALTER TABLE clinics ADD COLUMN notes TEXT")
    with pytest.raises(DirectoryError, match="clinics table is not the one"):
        Directory.open(tmp_path / "d.sqlite")


def test_count_stale(tmp_path):
    import datetime as dt

    rows = [GOOD, {**GOOD, "id": "c2", "last_verified": "", "source_date": "2025-03-01"},
            {**GOOD, "id": "c3", "last_verified": ""}]
    with directory(tmp_path, rows) as d:
        today = dt.date(2025, 6, 1)
        assert d.count_stale(400, today) == 1  # c3 has no date at all
        assert d.count_stale(365, today) == 2  # c1: 2024-05-01 is 396 days old
        assert d.count_stale(60, today) == 3   # c2: 2025-03-01 is 92 days old
