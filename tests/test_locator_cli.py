"""`kiosk clinics import|search` through kiosk.cli.main (no Qt)."""

from __future__ import annotations

import json

import pytest

from kiosk.cli import main
from kiosk.locator import Directory
from tests.test_locator_import import GOOD, HOME, write_csv


def test_import_then_search_json(tmp_path, capsys):
    src = write_csv(tmp_path / "c.csv", [GOOD, {**GOOD, "id": "c2", "zip": "07030",
                                                "state": "NJ"}, HOME])
    out = tmp_path / "d.sqlite"
    assert main(["clinics", "import", str(src), "--into", str(out)]) == 0
    assert "imported 3 listings (2 outpatient clinics, 1 at-home provider)" in capsys.readouterr().out
    code = main(["clinics", "search", "--zip", " 10001-1234 ", "--radius", "20", "--clinics",
                 str(out), "--json"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["origin"] == {"zip": "10001", "lat": 40.7484, "lon": -73.9967, "state": "NY",
                              "city": "New York"}
    results = data["results"]
    assert [r["id"] for r in results] == ["c1", "c2", "h1"]
    assert results[0]["distance_miles"] == 0.0 and results[1]["distance_miles"] > 0
    assert results[2]["distance_miles"] is None and results[2]["kind"] == "at_home"
    for key in ("id", "name", "kind", "lat", "lon", "city", "state", "phone"):
        assert key in results[0]
    assert results[0]["conditions"] == ["depression", "ptsd"]


def test_search_text_table_from_csv(tmp_path, capsys):
    src = write_csv(tmp_path / "c.csv", [GOOD, HOME])
    assert main(["clinics", "search", "--zip", "10001", "--clinics", str(src)]) == 0
    out = capsys.readouterr().out
    assert "Quillbrook Clinic" in out and "Fernvale Home Care" in out and "miles" in out
    assert not (tmp_path / ".kiosk-cache").exists()  # a --clinics CSV never touches the kiosk cache


def test_search_by_state_uses_configured_demo(capsys):
    assert main(["clinics", "search", "--state", "wy", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["origin"]["state"] == "WY" and data["origin"]["zip"] is None
    assert data["directory"]["is_demo"] is True
    assert all(r["state"] == "WY" for r in data["results"] if r["kind"] == "outpatient")


@pytest.mark.parametrize(("args", "needle"), [
    (["--zip", "abc"], "5 digits"),
    (["--zip", "00000"], "unknown ZIP code 00000"),
    (["--zip", "1234"], "5 digits"),
    (["--state", "ZZ"], "unknown state"),
    (["--zip", "10001", "--radius", "0"], "radius"),
    (["--zip", "10001", "--radius", "-3"], "radius"),
    (["--zip", "10001", "--radius", "far"], "--radius"),
    (["--zip", "10001", "--condition", "flu"], "unknown condition 'flu'"),
    (["--zip", "10001", "--kind", "spa"], "unknown kind"),
    (["--zip", "10001", "--limit", "x"], "--limit"),
    (["--zip", "10001", "--state", "NY"], "not both"),
    ([], "--zip"),
])
def test_bad_search_input_is_one_line_exit_2(capsys, args, needle):
    assert main(["clinics", "search", *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0], captured.err
    assert "Traceback" not in captured.err


def test_refused_import_exit_1_lists_lines(tmp_path, capsys):
    out = tmp_path / "d.sqlite"
    main(["clinics", "import", str(write_csv(tmp_path / "a.csv", [GOOD])), "--into", str(out)])
    capsys.readouterr()
    bad = write_csv(tmp_path / "b.csv", [GOOD, {**GOOD, "id": "c2", "conditions": "flu"},
                                         {**GOOD, "id": "c3", "state": "QQ"}])
    assert main(["clinics", "import", str(bad), "--into", str(out)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"{bad}:3: conditions: unknown value 'flu'")
    assert err[1].startswith(f"{bad}:4: state: 'QQ'")
    assert "nothing imported (2 problems in 2 places)" in err[-1] and "is unchanged" in err[-1]
    with Directory.open(out) as d:
        assert d.count_outpatient == 1
    assert main(["clinics", "import", str(bad), "--into", str(out), "--skip-invalid"]) == 0
    assert "skipped 2 invalid rows" in capsys.readouterr().out


def test_import_default_into_is_the_kiosk_cache(tmp_path, capsys):
    src = write_csv(tmp_path / "c.csv", [GOOD])
    assert main(["clinics", "import", str(src)]) == 0
    assert (tmp_path / ".kiosk-cache" / "clinics.sqlite").is_file()  # KIOSK_CACHE_DIR from conftest


def test_import_missing_file(tmp_path, capsys):
    assert main(["clinics", "import", str(tmp_path / "nope.csv")]) == 1
    assert "no such file" in capsys.readouterr().err


def test_search_uses_settings_csv_and_radius(tmp_path, capsys, monkeypatch):
    src = write_csv(tmp_path / "c.csv", [GOOD, {**GOOD, "id": "far", "zip": "06830",
                                                "state": "CT"}])
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[locator]\nclinics = "{src}"\ndefault_radius_miles = 5\n',
                      encoding="utf-8")
    assert main(["clinics", "search", "--config", str(config), "--zip", "10001",
                 "--kind", "outpatient", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in data["results"]] == ["c1"]  # Greenwich is > 5 miles away
