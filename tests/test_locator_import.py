"""CSV validation and atomic import of the clinic directory (no Qt)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from kiosk.locator import Directory, ImportProblem, SearchQuery, import_csv
from kiosk.locator.importer import ALL_COLUMNS

GOOD = {
    "id": "c1", "name": "Quillbrook Clinic", "kind": "outpatient", "address": "1 Main St",
    "city": "New York", "state": "NY", "zip": "10001", "phone": "(212) 555-0100",
    "website": "example.org", "conditions": "ptsd;depression", "states_served": "",
    "routes": "iv", "lat": "", "lon": "", "last_verified": "2024-05-01", "languages": "en;es",
}
HOME = {**GOOD, "id": "h1", "name": "Fernvale Home Care", "kind": "at_home", "address": "",
        "states_served": "NY;NJ"}


def write_csv(path: Path, rows: list[dict[str, str]], columns=ALL_COLUMNS,
              encoding: str = "utf-8", newline: str = "\n") -> Path:
    buf = io.StringIO(newline="")
    writer = csv.DictWriter(buf, fieldnames=list(columns), lineterminator=newline,
                            extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def rows(n: int = 3) -> list[dict[str, str]]:
    return [{**GOOD, "id": f"c{i}", "name": f"Clinic {i}"} for i in range(1, n + 1)]


def problems_for(tmp_path: Path, bad: dict[str, str], columns=ALL_COLUMNS
                 ) -> list[ImportProblem]:
    src = write_csv(tmp_path / "in.csv", [*rows(2), bad], columns)
    report = import_csv(src, tmp_path / "out.sqlite")
    assert not report.written
    assert not (tmp_path / "out.sqlite").exists()
    return report.problems


def test_good_file_imports_and_reads_back(tmp_path):
    src = write_csv(tmp_path / "in.csv", [*rows(3), HOME])
    report = import_csv(src, tmp_path / "out.sqlite")
    assert report.written and report.imported == 4 and report.problems == []
    assert (report.count_outpatient, report.count_at_home) == (3, 1)
    with Directory.open(tmp_path / "out.sqlite") as d:
        c = d.get("c1")
        assert c is not None
        assert c.conditions == ("depression", "ptsd")  # canonical order
        assert c.website == "https://example.org"
        assert (c.lat, c.lon) == (40.7484, -73.9967)  # ZIP centroid filled in
        assert c.languages == ("en", "es") and c.routes == ("iv",)
        assert str(c.last_verified) == "2024-05-01"
        h = d.get("h1")
        assert h is not None and h.states_served == ("NJ", "NY") and h.address == ""
        assert not d.is_demo and d.count_outpatient == 3 and d.count_at_home == 1
        assert d.source == str(src.resolve()) and len(d.version) == 12
        assert d.imported_at is not None
        assert d.get("nope") is None


@pytest.mark.parametrize(("change", "column", "needle"), [
    ({"zip": "1000x"}, "zip", "5 digits"),
    ({"zip": "00000"}, "zip", "unknown ZIP"),
    ({"state": "XX"}, "state", "not a U.S. state"),
    ({"zip": "10001", "state": "NJ"}, "zip", "is in NY, not NJ"),
    ({"conditions": "ptsd;gout"}, "conditions", "'gout'"),
    ({"conditions": "ptds"}, "conditions", "did you mean 'ptsd'"),
    ({"conditions": ""}, "conditions", "is empty"),
    ({"kind": "inpatient"}, "kind", "outpatient, at_home or therapy"),
    ({"lat": "91", "lon": "-73"}, "lat", "out of range"),
    ({"lat": "40.7", "lon": "-190"}, "lon", "out of range"),
    ({"lat": "-73.99", "lon": "40.75"}, "lat", "swapped"),
    ({"lat": "40.7", "lon": ""}, "lon", "both"),
    ({"lat": "north", "lon": "-73"}, "lat", "not a number"),
    ({"id": "c1"}, "id", "duplicate id 'c1' (first on line 2)"),
    ({"id": ""}, "id", "is empty"),
    ({"name": "  "}, "name", "is empty"),
    ({"kind": "at_home", "states_served": ""}, "states_served", "is empty"),
    ({"kind": "at_home", "states_served": "NY;ZZ"}, "states_served", "'ZZ'"),
    ({"kind": "at_home", "states_served": "ALL;NY"}, "states_served", "ALL cannot"),
    ({"states_served": "NY"}, "states_served", "only for at_home"),
    ({"routes": "iv;pill"}, "routes", "'pill'"),
    ({"phone": "555-0100"}, "phone", "10-digit"),
    ({"website": "not a url"}, "website", "web address"),
    ({"last_verified": "05/01/2024"}, "last_verified", "2024-05-31"),
    ({"last_verified": "2999-01-01"}, "last_verified", "future"),
    ({"address": ""}, "address", "street address"),
    ({"languages": "english"}, "languages", "codes"),
])
def test_bad_row_names_its_line_and_column(tmp_path, change, column, needle):
    problems = problems_for(tmp_path, {**GOOD, "id": "c9", **change})
    assert len(problems) == 1, problems
    p = problems[0]
    assert (p.line, p.column) == (4, column)
    assert needle in p.message
    assert str(p) == f"{tmp_path / 'in.csv'}:4: {column}: {p.message}"


def test_missing_column_is_reported_on_the_header(tmp_path):
    columns = [c for c in ALL_COLUMNS if c != "phone"]
    problems = problems_for(tmp_path, GOOD, columns)
    assert [(p.line, p.column, p.message) for p in problems] == [(1, "phone", "column is missing")]


def test_misspelt_column_gets_a_suggestion_and_extra_columns_are_ignored(tmp_path):
    src = tmp_path / "in.csv"
    text = ("id,name,kind,address,city,state,zip,phone,website,conditions,notes\n"
            "c1,A,outpatient,1 Main,NY,NY,10001,2125550100,,ptsd,call first\n")
    src.write_text(text, encoding="utf-8")
    report = import_csv(src, tmp_path / "out.sqlite")
    assert report.written and report.ignored_columns == ("notes",)
    src.write_text(text.replace("conditions", "condtions"), encoding="utf-8")
    report = import_csv(src, tmp_path / "out2.sqlite")
    messages = [str(p) for p in report.problems]
    assert f"{src}:1: condtions: unknown column; did you mean 'conditions'?" in messages


@pytest.mark.parametrize("content", [b"", b"\n\n", "\ufeff".encode()])
def test_empty_file(tmp_path, content):
    src = tmp_path / "in.csv"
    src.write_bytes(content)
    report = import_csv(src, tmp_path / "out.sqlite")
    assert not report.written
    assert len(report.problems) == 1 and "empty" in report.problems[0].message


def test_header_only_and_missing_file(tmp_path):
    src = write_csv(tmp_path / "in.csv", [])
    assert "no clinics" in import_csv(src, tmp_path / "o.sqlite").problems[0].message
    report = import_csv(tmp_path / "missing.csv", tmp_path / "o.sqlite")
    assert str(report.problems[0]) == f"{tmp_path / 'missing.csv'}: no such file"


def test_semicolon_separated_file_is_explained(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text(";".join(ALL_COLUMNS) + "\n", encoding="utf-8")
    assert "separated by ';'" in import_csv(src, tmp_path / "o.sqlite").problems[0].message


@pytest.mark.parametrize(("encoding", "newline"), [
    ("utf-8-sig", "\r\n"), ("utf-8", "\n"), ("cp1252", "\r\n"), ("utf-8-sig", "\n"),
])
def test_encodings_and_line_endings(tmp_path, encoding, newline):
    accented = {**GOOD, "name": "Clínica Señora Niño, Inc.", "address": "12 Peña Blvd, Suite 4"}
    src = write_csv(tmp_path / "in.csv", [accented, {**GOOD, "id": "c2"}], encoding=encoding,
                    newline=newline)
    report = import_csv(src, tmp_path / "out.sqlite")
    assert report.written, report.problems
    with Directory.open(tmp_path / "out.sqlite") as d:
        c = d.get("c1")
        assert c is not None
        assert c.name == "Clínica Señora Niño, Inc." and c.address == "12 Peña Blvd, Suite 4"


def test_multiline_quoted_field_keeps_physical_line_numbers(tmp_path):
    src = tmp_path / "in.csv"
    header = ",".join(ALL_COLUMNS)
    good = "c1,A,outpatient,\"1 Main St\nSuite 2\nBack door\",New York,NY,10001,2125550100,,ptsd"
    bad = "c2,B,outpatient,2 Main St,New York,NY,10001,2125550100,,gout"
    pad = "," * (len(ALL_COLUMNS) - 10)
    src.write_text(f"{header}\r\n{good}{pad}\r\n\r\n{bad}{pad}\r\n", encoding="utf-8")
    report = import_csv(src, tmp_path / "o.sqlite")
    assert [(p.line, p.column) for p in report.problems] == [(6, "conditions")]
    report = import_csv(src, tmp_path / "o.sqlite", skip_invalid=True)
    assert report.written and report.imported == 1
    with Directory.open(tmp_path / "o.sqlite") as d:
        c = d.get("c1")
        assert c is not None and c.address == "1 Main St, Suite 2, Back door"


def test_wrong_field_count_and_bad_quote(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text(",".join(ALL_COLUMNS) + "\nc1,A,outpatient\n", encoding="utf-8")
    p = import_csv(src, tmp_path / "o.sqlite").problems[0]
    assert p.line == 2 and "fields" in p.message


def test_excel_drops_leading_zero_of_zip(tmp_path):
    src = write_csv(tmp_path / "in.csv", [{**GOOD, "zip": "2134", "state": "MA"}])
    report = import_csv(src, tmp_path / "o.sqlite")
    assert report.written
    with Directory.open(tmp_path / "o.sqlite") as d:
        c = d.get("c1")
        assert c is not None and c.zip == "02134"


def test_phone_and_zip_plus_four_normalised(tmp_path):
    src = write_csv(tmp_path / "in.csv", [{**GOOD, "phone": "+1 212.555.0142 x12",
                                            "zip": "10001-1234"}])
    import_csv(src, tmp_path / "o.sqlite")
    with Directory.open(tmp_path / "o.sqlite") as d:
        c = d.get("c1")
        assert c is not None and c.phone == "(212) 555-0142 ext. 12" and c.zip == "10001-1234"


def test_refused_import_leaves_previous_directory_serving(tmp_path):
    out = tmp_path / "out.sqlite"
    assert import_csv(write_csv(tmp_path / "a.csv", rows(3)), out).written
    before = out.read_bytes()
    with Directory.open(out) as open_dir:
        report = import_csv(write_csv(tmp_path / "b.csv", [*rows(5), {**GOOD, "zip": "x"}]), out)
        assert not report.written and report.imported == 0
        # The open directory still answers, and the file is byte-for-byte the old one.
        assert len(open_dir.search(SearchQuery(zip="10001")).outpatient) == 3
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_skip_invalid_imports_the_rest(tmp_path):
    src = write_csv(tmp_path / "in.csv", [*rows(3), {**GOOD, "id": "bad", "zip": "x"}])
    report = import_csv(src, tmp_path / "o.sqlite", skip_invalid=True)
    assert report.written and report.imported == 3 and len(report.problems) == 1


def test_replacing_an_open_directory_is_atomic(tmp_path):
    out = tmp_path / "out.sqlite"
    import_csv(write_csv(tmp_path / "a.csv", rows(2)), out)
    old = Directory.open(out)
    import_csv(write_csv(tmp_path / "b.csv", rows(4)), out)
    new = Directory.open(out)
    try:
        assert old.count_outpatient == 2 and new.count_outpatient == 4
        assert len(old.search(SearchQuery(zip="10001")).outpatient) == 2
    finally:
        old.close()
        new.close()
