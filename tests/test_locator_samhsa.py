"""Importing the SAMHSA FindTreatment.gov download (a fixture written from its documented
columns: no download at test time)."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.locator import Directory, SearchQuery, import_csv
from kiosk.locator.samhsa import BASE_COLUMNS, SOURCE, listing_id

FIXTURE = Path(__file__).parent / "fixtures" / "samhsa_findtreatment.csv"


def imported(tmp_path: Path, src: Path = FIXTURE, **kwargs) -> Directory:
    report = import_csv(src, tmp_path / "d.sqlite", format="samhsa", **kwargs)
    assert report.written, report.problems
    return Directory.open(tmp_path / "d.sqlite")


def test_mapping(tmp_path):
    report = import_csv(FIXTURE, tmp_path / "d.sqlite", format="samhsa",
                        source_date="2025-05-31")
    assert report.written and report.problems == []
    assert (report.count_outpatient, report.count_therapy, report.count_at_home) == (2, 2, 0)
    assert report.left_out == 1 and report.duplicates == 1
    with Directory.open(tmp_path / "d.sqlite") as d:
        assert d.format == "samhsa"
        by_name = {c.name: c for c in d.all_clinics()}
    k = by_name["Harborlight Fictional Health - Ketamine Service"]
    assert k.kind == "outpatient" and k.address == "100 Sample Street, Suite 4"
    assert k.zip == "10001-1234" and k.phone == "(212) 555-0101"
    assert (k.lat, k.lon) == (40.749, -73.995)
    assert k.conditions == ("ptsd",) and k.languages == ("es", "zh")
    assert k.payment == ("medicaid", "military") and k.telehealth and not k.veterans
    assert k.source == SOURCE and k.source_date.isoformat() == "2025-05-31"
    assert k.id == listing_id("Harborlight Fictional Health - Ketamine Service",
                              "100 Sample Street", "New York", "NY", "10001")
    t = by_name["Quillfern Fictional Counseling"]
    assert t.kind == "therapy" and t.phone == "(718) 555-0102"  # intake1 when phone is empty
    assert t.veterans and t.payment == ("sliding_fee",)  # ss; sf is cash, not a sliding fee
    assert t.website == "https://example.org/quillfern"
    r = by_name["Larkmoor Fictional Recovery"]
    assert r.kind == "therapy" and r.conditions == ("ptsd", "addiction")  # trma 1.0, co
    assert r.payment == ("medicare", "private")
    assert by_name["Oriel Fictional Infusions"].conditions == ()  # kit alone: no condition
    assert "Tessel Fictional Detox" not in by_name


def test_ids_are_stable_across_reimports_and_row_order(tmp_path):
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    shuffled = tmp_path / "shuffled.csv"
    shuffled.write_text("\n".join([lines[0], *reversed(lines[1:])]) + "\n", encoding="utf-8")
    with imported(tmp_path / "a", FIXTURE) as a, imported(tmp_path / "b", shuffled) as b:
        assert {c.id for c in a.all_clinics()} == {c.id for c in b.all_clinics()}


def test_search_sections(tmp_path):
    with imported(tmp_path) as d:
        result = d.search(SearchQuery(zip="10001", radius_miles=25))
        assert [c.kind for c in result.outpatient] == ["outpatient"]
        assert [c.name for c in result.therapy] == ["Quillfern Fictional Counseling"]
        assert result.counts == {"visit": 1, "at_home": 0, "therapy": 1}
        spanish = d.search(SearchQuery(zip="10001", radius_miles=25, languages=("es",)))
        assert len(spanish.outpatient) == 1 and spanish.therapy == []
        assert d.search(SearchQuery(zip="10001", languages=("fr",))).outpatient == []
        assert len(d.search(SearchQuery(zip="10001", veterans=True)).therapy) == 1
        assert d.has_data("payment") and d.has_data("languages") and d.has_data("veterans")


def test_source_date_defaults_to_the_files_date(tmp_path):
    src = tmp_path / "dl.csv"
    src.write_bytes(FIXTURE.read_bytes())
    os.utime(src, (1_700_000_000, 1_700_000_000))  # 2023-11-14
    with imported(tmp_path, src) as d:
        assert {c.source_date.isoformat() for c in d.all_clinics()} == {"2023-11-14"}


def write(tmp_path: Path, header: list[str], rows: list[list[str]]) -> Path:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    path = tmp_path / "bad.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def test_bad_code_value_names_line_and_column_and_nothing_is_imported(tmp_path):
    text = FIXTURE.read_text(encoding="utf-8").splitlines()
    header = text[0].split(",")
    rows = [line.split(",") for line in text[1:]]
    rows[2][header.index("trma")] = "yes"
    src = write(tmp_path, header, rows)
    report = import_csv(src, tmp_path / "d.sqlite", format="samhsa")
    assert not report.written and not (tmp_path / "d.sqlite").exists()
    assert [str(p) for p in report.problems] == [
        f"{src}:4: trma: 'yes': a service code holds 1, 1.0 or nothing"]
    report = import_csv(src, tmp_path / "d.sqlite", format="samhsa", skip_invalid=True)
    assert report.written and report.imported == 3


def test_missing_columns_and_bad_rows_use_the_downloads_column_names(tmp_path):
    header = [c for c in BASE_COLUMNS if c != "latitude"] + ["kit", "ptsd"]
    report = import_csv(write(tmp_path, header, []), tmp_path / "d.sqlite", format="samhsa")
    assert {(p.line, p.column, p.message) for p in report.problems} == {
        (1, "latitude", "column is missing"), (1, "trma", "column is missing")}
    header = [*BASE_COLUMNS, "kit", "ptsd", "trma"]
    row = dict.fromkeys(header, "")
    row.update(name1="X", street1="1 A St", city="New York", state="NY", zip="10001",
               phone="212-555-0100", latitude="north", longitude="-73.99", kit="1")
    report = import_csv(write(tmp_path, header, [list(row.values())]), tmp_path / "d.sqlite",
                        format="samhsa")
    assert [(p.line, p.column) for p in report.problems] == [(2, "latitude")]


def test_cli_import_samhsa(tmp_path, capsys):
    into = tmp_path / "d.sqlite"
    assert main(["clinics", "import", "--format", "samhsa", str(FIXTURE), "--into", str(into),
                 "--source-date", "2025-05-31"]) == 0
    out = capsys.readouterr().out
    assert "imported 4 listings (2 outpatient clinics, 0 at-home providers, 2 therapy " \
           "listings)" in out
    assert "left out 1 row offering neither ketamine nor PTSD care, and 1 repeated listing" in out
    assert main(["clinics", "import", "--format", "samhsa", str(FIXTURE), "--into", str(into),
                 "--source-date", "31/05/2025"]) == 1
    assert "--source-date '31/05/2025'" in capsys.readouterr().err
    assert main(["clinics", "import", "--format", "csv", str(FIXTURE)]) == 2


@pytest.mark.parametrize("fmt", ["kiosk", "samhsa"])
def test_check_directory_source(tmp_path, fmt):
    from kiosk.locator import check_directory_source

    before = sorted(FIXTURE.parent.iterdir())
    if fmt == "samhsa":
        assert check_directory_source(FIXTURE, "samhsa") == []
    # A SAMHSA file read as the kiosk format is a list of missing columns, one line each.
    problems = check_directory_source(FIXTURE, "kiosk")
    assert problems and all(p.startswith(f"{FIXTURE}:1: ") for p in problems)
    assert sorted(FIXTURE.parent.iterdir()) == before  # a dry run writes nothing


def test_configured_samhsa_directory_is_cached_per_format(tmp_path):
    from kiosk.locator import open_configured_directory

    src = tmp_path / "dl.csv"
    src.write_bytes(FIXTURE.read_bytes())
    cache = tmp_path / "cache"
    d, problems = open_configured_directory(src, cache, format="samhsa")
    assert problems == [] and (d.format, d.count_therapy) == ("samhsa", 2)
    d.close()
    d, problems = open_configured_directory(src, cache, format="samhsa")  # reused
    assert problems == [] and d.format == "samhsa"
    d.close()
    # The same file read as the staff format: refused, and the previous import serves.
    d, problems = open_configured_directory(src, cache, format="kiosk")
    assert d.format == "samhsa" and any("column is missing" in str(p) for p in problems)
    d.close()
    d, problems = open_configured_directory(src, cache, format="xml")
    assert d.is_demo and "expected kiosk or samhsa" in str(problems[0])
    d.close()


def test_fuzzed_downloads_import_or_name_line_and_column(tmp_path_factory):
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from kiosk.locator.samhsa import CODE_COLUMNS
    from tests.fuzzing import NO_SURROGATES

    header = [*BASE_COLUMNS, *CODE_COLUMNS[:8], "zz_unknown"]
    text_rows = [line.split(",") for line in FIXTURE.read_text(encoding="utf-8").splitlines()]
    base = dict(zip(text_rows[0], text_rows[1], strict=True))
    cell = st.one_of(st.sampled_from(["", "1", "1.0", "0", "yes", " 1 ", "1.00", "nan"]),
                     st.text(NO_SURROGATES, max_size=6))

    @settings(max_examples=60, deadline=None)
    @given(st.lists(st.dictionaries(st.sampled_from(header), cell, max_size=6), min_size=1,
                    max_size=4))
    def check(changes):
        folder = tmp_path_factory.mktemp("fuzz")
        rows = [[{**base, **change}.get(c, "") for c in header] for change in changes]
        src = write(folder, header, rows)
        report = import_csv(src, folder / "d.sqlite", format="samhsa")
        assert report.written or report.problems
        for p in report.problems:
            if p.line is None:  # the one file-level problem: nothing to keep
                assert "no ketamine clinics or PTSD care" in p.message
                continue
            # A row problem names its line; a column too, unless the row itself is broken
            # (a lone CR in a cell the writer left unquoted splits the record).
            assert p.line >= 2 and (p.column or "fields" in p.message or "CSV" in p.message
                                      or "NUL byte" in p.message), p
            assert "\n" not in str(p)
        if report.written:
            with Directory.open(folder / "d.sqlite") as d:
                assert len(d.all_clinics()) == report.imported

    check()
