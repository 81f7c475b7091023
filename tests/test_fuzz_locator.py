"""Fuzz: any clinic CSV is imported valid or refused with SRC:LINE: column; search input
raises only QueryError; `kiosk clinics search` exits 0 or 2 without a traceback.

Set HYPOTHESIS_PROFILE=thorough for 20x examples.
"""

from __future__ import annotations

import csv
import functools
import io
import math
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import event, example, given
from hypothesis import strategies as st

from kiosk import paths
from kiosk.cli import main
from kiosk.locator import Directory, QueryError, SearchQuery, import_csv
from kiosk.locator.geo import MAX_RADIUS_MILES, normalize_state, normalize_zip
from kiosk.locator.importer import ALL_COLUMNS
from kiosk.locator.model import CONDITIONS, KINDS, PAYMENTS, ROUTES, US_STATES
from tests.fuzzing import NO_SURROGATES, fuzz

ARABIC_ZIP = "\u0661\u0660\u0660\u0660\u0661"  # 10001 in Arabic-Indic digits

# --- CSV strategies -----------------------------------------------------------------

ZIPS = [("10001", "NY"), ("02134", "MA"), ("90210", "CA"), ("60601", "IL"), ("99501", "AK"),
        ("00901", "PR"), ("96799", "AS"), ("20001", "DC")]

GOOD: dict[str, st.SearchStrategy[str]] = {
    "id": st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,8}", fullmatch=True),
    "name": st.sampled_from(["Quillbrook Clinic", "Clínica Ñandú", "A & B, \"Care\""]),
    "kind": st.sampled_from(["outpatient", "at_home", "At-Home", "OUTPATIENT"]),
    "address": st.sampled_from(["1 Main St", "2 Elm St\nSuite 3", ""]),
    "city": st.sampled_from(["New York", "San Juan"]),
    "phone": st.sampled_from(["(212) 555-0100", "212.555.0100", "+1 212 555 0100 ext. 12"]),
    "website": st.sampled_from(["", "example.org", "https://example.org/a?b=c"]),
    "conditions": st.lists(st.sampled_from(CONDITIONS), min_size=1, max_size=3).map(";".join),
    "states_served": st.sampled_from(["", "NY;NJ", "ALL", "ny, pr"]),
    "routes": st.lists(st.sampled_from(ROUTES), max_size=2).map(";".join),
    "lat": st.just(""), "lon": st.just(""),
    "last_verified": st.sampled_from(["", "2024-05-01"]),
    "languages": st.sampled_from(["", "en;es", "en"]),
    "payment": st.lists(st.sampled_from(PAYMENTS), max_size=3).map(";".join),
    "telehealth": st.sampled_from(["", "yes", "no", "1", "0", "TRUE"]),
    "veterans": st.sampled_from(["", "yes", "no", "Y", "n"]),
    "source": st.sampled_from(["", "Clinic survey", "SAMHSA FindTreatment.gov"]),
    "source_date": st.sampled_from(["", "2025-01-31"]),
}
BAD = st.one_of(
    st.sampled_from([
        "", " ", "nan", "inf", "-inf", "1e400", "-91", "181", "1_0", "0x10", "NaN", "١٢",
        "1234", "123", "12", "123456", "12345-", "1234a", ARABIC_ZIP, "99999", "00000", "XX",
        "ny", "New York", "pain;cancer", "PTSD ; ocd", "pain,,", ";", "all;NY", "2024-02-30",
        "2999-01-01", "24-05-01", "\u0662\u0660\u0662\u0664-01-01", "(212) 555-01", "555-0100",
        "(\u0662\u0661\u0662) \u0665\u0665\u0665-\u0660\u0661\u0660\u0660", "javascript:x",
        "http://", "exa mple.org", "example.org:\u0668\u0660", "\x01", "\x7f", "a\rb", "a\nb",
        "\ufeff", "é", "€", "x" * 200, "x" * 140000, "=cmd|' /C calc'!A0", "\"", "a,b",
    ]),
    st.text(NO_SURROGATES, max_size=12),
)
EXTRA_COLUMNS = st.sampled_from(["notes", "nmae", "zip_code", "Zip", " ID ", "state", "lat",
                                 "phone number", "", "conditons"])


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    """A clinic CSV: a shuffled, sometimes incomplete header and rows of good and bad values."""
    # Some files are clean, some have a few bad cells, some many: all three paths get runs.
    bad_one_in = draw(st.sampled_from([0, 0, 60, 8]))
    columns = [c for c in ALL_COLUMNS if not bad_one_in or draw(st.integers(0, 19)) != 0]
    columns += draw(st.lists(EXTRA_COLUMNS, max_size=2 if bad_one_in else 0))
    columns = draw(st.permutations(columns))
    rows = []
    for _ in range(draw(st.integers(0, 5))):
        zip5, state = draw(st.sampled_from(ZIPS))
        row: dict[str, str] = {}
        at_home = draw(st.booleans())
        for column in columns:
            if bad_one_in and draw(st.integers(1, bad_one_in)) == 1:
                row[column] = draw(BAD)
            elif column == "kind":
                row[column] = draw(st.sampled_from(["at_home", "At-Home"] if at_home
                                                   else ["outpatient", "OUTPATIENT"]))
            elif column == "states_served":
                row[column] = draw(st.sampled_from(["NY;NJ", "ALL", "ny, pr"])) if at_home else ""
            elif column == "address" and not at_home:
                row[column] = draw(st.sampled_from(["1 Main St", "2 Elm St\nSuite 3"]))
            elif column == "zip":
                row[column] = draw(st.sampled_from([zip5, zip5 + "-1234", zip5.lstrip("0")]))
            elif column == "state":
                row[column] = state
            elif column in GOOD:
                row[column] = draw(GOOD[column])
            else:
                row[column] = draw(st.text(NO_SURROGATES, max_size=5))
        cells = [row[c] for c in columns]
        if bad_one_in and draw(st.integers(0, 15)) == 0:
            cells = cells[: draw(st.integers(0, len(cells)))]  # a short row
        rows.append(cells)
    buf = io.StringIO(newline="")
    quoting = draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
    newline = draw(st.sampled_from(["\r\n", "\n", "\r"]))
    writer = csv.writer(buf, quoting=quoting, lineterminator=newline)
    writer.writerow(columns)
    for cells in rows:
        if draw(st.integers(0, 9)) == 0:
            buf.write(newline)  # a blank line
        writer.writerow(cells)
    text = buf.getvalue()
    if bad_one_in and draw(st.integers(0, 9)) == 0:  # hand-broken: a stray quote or comma
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(['"', ",", ";", "\n", '"x"y'])) + text[at:]
    encodings = ["utf-8", "utf-8-sig", "cp1252"] + (["utf-16"] if bad_one_in else [])
    data = text.encode(draw(st.sampled_from(encodings)), errors="replace")
    if bad_one_in and draw(st.integers(0, 9)) == 0:
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from([b"\x81", b"\xff", b"\x00", b"\xc3"])) + data[at:]
    return data


# --- import checks ------------------------------------------------------------------

GOOD_CSV = ",".join(ALL_COLUMNS[:16]) + "\n" + ",".join([
    "g1", "Good Clinic", "outpatient", "1 Main St", "New York", "NY", "10001",
    "(212) 555-0100", "example.org", "ptsd", "", "iv", "", "", "2024-05-01", "en"]) + "\n"


def physical_lines(data: bytes) -> int:
    """Lines as an editor counts them (LF, CRLF or a lone CR end one); an empty file has one."""
    return len(re.split(rb"\r\n|\r|\n", data))


@functools.cache
def good_directory() -> bytes:
    """A directory file imported from GOOD_CSV (built once: an import costs ~50 ms)."""
    with tempfile.TemporaryDirectory() as tmp:
        src, into = Path(tmp, "good.csv"), Path(tmp, "clinics.sqlite")
        src.write_text(GOOD_CSV, encoding="utf-8")
        assert import_csv(src, into).written
        return into.read_bytes()


def check_import(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src, into = Path(tmp, "in.csv"), Path(tmp, "clinics.sqlite")
        before = good_directory()
        into.write_bytes(before)
        src.write_bytes(data)
        report = import_csv(src, into)
        event("written" if report.written else "refused")
        if report.written:
            assert not report.problems
            with Directory.open(into) as directory:
                clinics = directory.all_clinics()
            assert len(clinics) == report.imported > 0
            for c in clinics:
                assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", c.id)
                assert c.name and c.city and c.kind in KINDS and c.state in US_STATES
                assert re.fullmatch(r"[0-9]{5}(-[0-9]{4})?", c.zip), c.zip
                assert re.fullmatch(r"\([0-9]{3}\) [0-9]{3}-[0-9]{4}( ext\. [0-9]+)?", c.phone), c.phone
                assert c.conditions and set(c.conditions) <= set(CONDITIONS)
                assert set(c.routes) <= set(ROUTES)
                assert math.isfinite(c.lat) and -90 <= c.lat <= 90
                assert math.isfinite(c.lon) and -180 <= c.lon <= 180
                if c.kind == "at_home":
                    assert c.states_served
                if c.website:
                    assert c.website.isascii() and c.website.startswith(("http://", "https://"))
                assert not any(ch in c.name + c.address + c.city for ch in "\x00\n\r\x01")
        else:
            assert report.problems
            assert report.imported == 0
            assert into.read_bytes() == before, "a refused import changed the directory file"
            for problem in report.problems:
                assert problem.file == str(src)
                assert problem.message.strip()
                assert len(str(problem).splitlines()) == 1, f"not one line: {str(problem)!r}"
                if problem.line is None:
                    assert problem.column == "", problem  # only whole-file problems lack a line
                else:
                    assert 1 <= problem.line <= physical_lines(data), (problem, physical_lines(data))
                    assert str(problem).startswith(f"{src}:{problem.line}: ")


@fuzz(40)
@given(csv_files())
@example(b"")
@example(b"\xef\xbb\xbf")
@example(b"\r\n\r\n")
@example(GOOD_CSV.replace("10001", ARABIC_ZIP).encode())  # \d took Arabic-Indic digits
@example(GOOD_CSV.replace("(212) 555-0100", "(\u0662\u0661\u0662) \u0665\u0665\u0665-"
                          "\u0660\u0661\u0660\u0660").encode())
@example(GOOD_CSV.replace("example.org", "example.org:\u0668\u0660").encode())
@example(GOOD_CSV.replace("Good Clinic", "x" * 140000).encode())
@example(b"\"s\nource_date\"\r\n")  # a line break inside a quoted header cell
def test_import_is_valid_or_refused_with_located_problems(data):
    check_import(data)


@fuzz(30)
@given(st.binary(max_size=400))
@example(b"id,name\n\x81\n")
def test_import_of_arbitrary_bytes(data):
    check_import(data)


# --- search input -------------------------------------------------------------------


def assert_one_line(exc: Exception) -> None:
    message = str(exc)
    assert message.strip() and len(message.splitlines()) == 1, repr(message)


@fuzz(150)
@given(st.one_of(st.text(NO_SURROGATES, max_size=15),
                 st.from_regex(r"\s*[0-9]{5}([- ]?[0-9]{4})?\s*", fullmatch=True)))
@example(ARABIC_ZIP)  # was returned as a "5-digit" ZIP
@example("1\u2028")
def test_normalize_zip(text):
    try:
        zip5 = normalize_zip(text)
    except QueryError as exc:
        assert_one_line(exc)
    else:
        assert re.fullmatch(r"[0-9]{5}", zip5), zip5


@fuzz(200)
@given(st.one_of(st.text(NO_SURROGATES, max_size=15), st.sampled_from(sorted(US_STATES)),
                 st.sampled_from(sorted(US_STATES.values()))))
def test_normalize_state(text):
    try:
        state = normalize_state(text)
    except QueryError as exc:
        assert_one_line(exc)
    else:
        assert state in US_STATES


RADII = st.one_of(
    st.floats(), st.integers(), st.sampled_from([0, -1, 0.0, -0.0, 1e-300, 5, 50, 3000, 3000.0001,
                                                 10**400, -(10**400), "50", "5000", "x", None,
                                                 True, math.nan, math.inf, -math.inf]),
)
CONDITION_LISTS = st.lists(st.one_of(st.sampled_from(CONDITIONS),
                                     st.sampled_from(CONDITIONS).map(lambda c: f" {c.upper()} "),
                                     st.text(NO_SURROGATES, max_size=6)), max_size=3).map(tuple)
QUERIES = st.builds(
    SearchQuery,
    zip=st.one_of(st.none(), st.sampled_from([z for z, _ in ZIPS] + ["99999", "00000",
                                                                       ARABIC_ZIP, ""]),
                  st.text(NO_SURROGATES, max_size=10)),
    state=st.one_of(st.none(), st.sampled_from(sorted(US_STATES)), st.text(NO_SURROGATES,
                                                                           max_size=6)),
    radius_miles=RADII,
    conditions=CONDITION_LISTS,
    kind=st.one_of(st.none(), st.sampled_from([*KINDS, "Outpatient", "home", ""])),
    limit=st.one_of(st.none(), st.integers(), st.sampled_from([0, -1, 1, 2**63, 10**30, True])),
)


@pytest.fixture(scope="module")
def demo_directory():
    with Directory.open(paths.builtin_clinics_path()) as directory:
        yield directory


@fuzz(300)
@given(QUERIES)
@example(SearchQuery(zip="10001", radius_miles="5000"))  # ':g' on a str raised ValueError
@example(SearchQuery(zip="10001", radius_miles=10**400))  # float() raised OverflowError
@example(SearchQuery(state="NY", limit=2**63))  # SQLite LIMIT raised OverflowError
@example(SearchQuery(zip="10001", limit=10**30))
def test_search_raises_only_query_error(demo_directory, query):
    try:
        result = demo_directory.search(query)
    except QueryError as exc:
        assert_one_line(exc)
        return
    radius = float(query.radius_miles)
    assert 0 < radius <= MAX_RADIUS_MILES
    for clinic in result.outpatient:
        if result.origin is not None:
            assert clinic.distance_miles is not None and clinic.distance_miles <= radius
    if query.limit is not None:
        assert len(result.outpatient) <= query.limit and len(result.at_home) <= query.limit
    wanted = {c.strip().lower() for c in query.conditions}
    for clinic in result.outpatient + result.at_home:
        assert wanted <= set(clinic.conditions)


OPTION_VALUES = {
    "--zip": st.one_of(st.sampled_from([z for z, _ in ZIPS] + ["99999", ARABIC_ZIP, "", "-1"]),
                       st.text(NO_SURROGATES, max_size=8)),
    "--state": st.one_of(st.sampled_from(["NY", "ny", "New York", "XX", ""]),
                         st.text(NO_SURROGATES, max_size=6)),
    "--radius": st.one_of(st.sampled_from(["0", "-5", "nan", "inf", "1e400", "50", "5000",
                                           "9" * 400, "1_0", " 5 ", "x", ""]),
                          st.floats().map(str), st.text(NO_SURROGATES, max_size=6)),
    "--condition": st.one_of(st.sampled_from([*CONDITIONS, "PTSD", "cancer", ""]),
                             st.text(NO_SURROGATES, max_size=6)),
    "--kind": st.one_of(st.sampled_from([*KINDS, "home", ""]), st.text(NO_SURROGATES, max_size=6)),
    "--limit": st.one_of(st.sampled_from(["0", "-1", "1", "3", str(2**63), "9" * 30, "1.5", "x",
                                          ""]),
                         st.text(NO_SURROGATES, max_size=6)),
}


@st.composite
def search_args(draw: st.DrawFn) -> list[str]:
    args: list[str] = []
    for option in draw(st.lists(st.sampled_from(sorted(OPTION_VALUES)), max_size=5)):
        value = draw(OPTION_VALUES[option])
        args += [f"{option}={value}"] if draw(st.booleans()) else [option, value]
    if draw(st.integers(0, 9)) == 0:
        args.append(draw(st.sampled_from(["--json", "--bogus", "extra", "--"])))
    elif draw(st.booleans()):
        args.append("--json")
    return args


@fuzz(100)
@given(search_args())
@example(["--zip", "10001", "--limit", "9" * 30])  # exit 1 "unexpected error: OverflowError"
@example(["--zip", "10001", "--radius", "9" * 400])
@example(["--state", "NY", "--limit", str(2**63), "--json"])
def test_cli_search_exits_0_or_2_without_traceback(capsys, args):
    capsys.readouterr()
    try:
        code = main(["clinics", "search", *args])
    except SystemExit as exc:  # argparse's own usage errors
        code = exc.code
    out, err = capsys.readouterr()
    assert code in (0, 2), (code, err)
    assert "Traceback" not in out + err
    assert "unexpected error" not in err
    if code == 2 and err.strip():
        assert "error" in err.strip().splitlines()[-1]
