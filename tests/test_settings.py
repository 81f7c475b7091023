"""Settings: defaults, every kind of bad input, and `kiosk check-config`."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk import paths
from kiosk.cli import main
from kiosk.settings import Settings, find_settings_path, load_settings, parse_settings


def write(tmp_path: Path, text: str | bytes, name: str = "kiosk.toml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def problems(text: str, tmp_path: Path) -> list[str]:
    return [str(p) for p in load_settings(write(tmp_path, text)).problems]


def test_empty_file_is_all_defaults(tmp_path):
    settings = load_settings(write(tmp_path, ""))
    assert settings.problems == ()
    assert settings.kiosk == Settings().kiosk
    assert settings.kiosk.idle_timeout_seconds == 90
    assert settings.kiosk.languages == ("en", "es")
    assert settings.staff.exit_gesture_seconds == 5


def test_example_settings_file_is_valid_and_documents_every_key():
    example = paths.example_settings_path()
    settings = load_settings(example)
    assert settings.problems == ()
    text = example.read_text(encoding="utf-8")
    from kiosk.settings import SCHEMA

    lines = text.splitlines()
    for section, keys in SCHEMA.items():
        assert f"[{section}]" in text
        for key in keys:
            if section == "keys":  # the actions are listed in one comment, not 16 lines
                assert f" {key}," in text or f" {key}." in text, key
                continue
            index = next(i for i, line in enumerate(lines) if line.startswith(f"{key} ="))
            assert lines[index - 1].startswith("#"), f"{section}.{key} has no comment above it"


def test_typo_is_reported_by_name_with_line_and_suggestion(tmp_path):
    found = problems("[kiosk]\nname = 'x'\nidle_timout_seconds = 60\n", tmp_path)
    assert len(found) == 1
    assert "kiosk.toml:3: kiosk.idle_timout_seconds: unknown key" in found[0]
    assert "idle_timeout_seconds" in found[0]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("[kiosk]\nfullscreen = 'yes'\n", "kiosk.fullscreen: expected true or false"),
        ("[kiosk]\nidle_timeout_seconds = 5\n", "expected a number from 30 to 3600"),
        ("[kiosk]\nidle_timeout_seconds = 90.5\n", "expected a whole number"),
        ("[kiosk]\nidle_warning_seconds = 500\n", "from 10 to 120"),
        ("[kiosk]\nlanguages = ['en', 'fr']\n", "unsupported language 'fr'"),
        ("[kiosk]\ndefault_language = 'de'\n", "expected one of 'en', 'es'"),
        ("[kiosk]\nlanguages = ['es']\ndefault_language = 'en'\n", "is not in kiosk.languages"),
        ("[kiosk]\ntext_scale = 3\n", "from 0.8 to 2"),
        ("[kiosk]\ntheme = 'dark'\n", "expected one of 'default', 'high-contrast'"),
        ("[staff]\npin_hash = '1234'\n", "kiosk hash-pin"),
        ("[staff]\nexit_gesture_seconds = 1\n", "from 2 to 30"),
        ("[content]\ndir = 'no/such/folder'\n", "no such folder"),
        ("[locator]\nclinics = 'missing.csv'\n", "no such file"),
        ("[locator]\nhome_zip = '1234'\n", "expected 5 digits"),
        ("[locator]\ndefault_radius_miles = 1000\n", "from 5 to 500"),
        ("[logging]\nlevel = 'LOUD'\n", "expected one of"),
        ("[stats]\nenabled = 1\n", "expected true or false"),
        ("[kisok]\nname = 'x'\n", "[kisok]: unknown section; did you mean 'kiosk'?"),
        ("kiosk = 3\n", "expected a [kiosk] table"),
    ],
)
def test_bad_values_are_reported_with_file_line_and_key(tmp_path, text, fragment):
    found = problems(text, tmp_path)
    assert found, "expected a problem"
    assert any(fragment in p for p in found), found
    assert all(p.startswith(str(tmp_path / "kiosk.toml")) for p in found)


def test_bad_keys_fall_back_to_defaults_and_good_keys_stay(tmp_path):
    settings = load_settings(write(tmp_path, "[kiosk]\nname = 'Clinic A'\nidle_timeout_seconds = 1\n"))
    assert settings.kiosk.name == "Clinic A"
    assert settings.kiosk.idle_timeout_seconds == 90
    assert len(settings.problems) == 1


def test_relative_paths_resolve_against_the_settings_file(tmp_path):
    (tmp_path / "pack").mkdir()
    settings = load_settings(write(tmp_path, "[content]\ndir = 'pack'\n"))
    assert settings.problems == ()
    assert settings.content.dir == tmp_path / "pack"


def test_syntax_error_names_the_line(tmp_path):
    found = problems("[kiosk]\nname = 'unclosed\n", tmp_path)
    assert len(found) == 1
    assert "kiosk.toml:2: TOML syntax error" in found[0]


def test_settings_lookup_order(tmp_path, monkeypatch):
    explicit = write(tmp_path, "", "a.toml")
    env = write(tmp_path, "", "b.toml")
    monkeypatch.setenv("KIOSK_CONFIG", str(env))
    assert find_settings_path(str(explicit)) == explicit
    assert find_settings_path(None) == env
    monkeypatch.delenv("KIOSK_CONFIG")
    assert find_settings_path(None) is None
    platform_file = paths.default_settings_path()
    platform_file.parent.mkdir(parents=True)
    platform_file.write_text("")
    assert find_settings_path(None) == platform_file


def test_parse_never_raises_on_odd_values():
    settings = parse_settings("[kiosk]\nlanguages = [1, 2]\nname = ''\n", "x.toml")
    assert len(settings.problems) == 2


# --- kiosk check-config ---------------------------------------------------------


def run_check(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["check-config", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_check_config_valid_file(tmp_path, capsys):
    code, out, _ = run_check(capsys, str(write(tmp_path, "[kiosk]\nname = 'A'\n")))
    assert code == 0
    assert "OK" in out


def test_check_config_lists_problems_and_exits_1(tmp_path, capsys):
    code, out, err = run_check(capsys, str(write(tmp_path, "[kiosk]\nidle_timout_seconds = 9\n")))
    assert code == 1
    assert "kiosk.toml:2: kiosk.idle_timout_seconds: unknown key" in out
    assert "Traceback" not in out + err


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        (lambda d: d / "missing.toml", "no such file"),
        (lambda d: d, "is a folder"),
        (lambda d: write(d, b"\x00\x01\x02binary\xff"), "binary data"),
        (lambda d: write(d, "[kiosk]\nname = 'caf\xe9'\n".encode("latin-1")), "not UTF-8"),
        (lambda d: write(d, "[kiosk\n"), "TOML syntax error"),
        (lambda d: write(d, "# x\n" * 600_000), "may be at most"),
    ],
    ids=["missing", "folder", "binary", "latin1", "syntax", "huge"],
)
def test_check_config_bad_files_get_one_line_and_exit_1(tmp_path, capsys, make, fragment):
    code, out, err = run_check(capsys, str(make(tmp_path)))
    assert code == 1
    text = (out + err).strip()
    assert fragment in text
    assert "Traceback" not in text
    assert len([line for line in err.splitlines() if line.startswith("error")]) <= 1


# --- the kiosk's name, in each language -------------------------------------------


def test_name_defaults_to_the_built_in_title_in_each_language():
    from kiosk.settings import DEFAULT_NAMES, kiosk_name

    kiosk = parse_settings("", "x.toml").kiosk
    assert kiosk_name(kiosk, "en") == DEFAULT_NAMES["en"]
    assert kiosk_name(kiosk, "es") == DEFAULT_NAMES["es"] != DEFAULT_NAMES["en"]


def test_one_name_for_every_language_or_a_table_by_language():
    from kiosk.settings import kiosk_name

    one = parse_settings("[kiosk]\nname = 'Riverside Clinic'\n", "x.toml")
    assert not one.problems
    assert kiosk_name(one.kiosk, "en") == kiosk_name(one.kiosk, "es") == "Riverside Clinic"
    table = parse_settings("[kiosk]\nname = { en = 'Riverside', es = 'Ribera' }\n", "x.toml")
    assert not table.problems
    assert (kiosk_name(table.kiosk, "en"), kiosk_name(table.kiosk, "es")) == ("Riverside", "Ribera")
    english_only = parse_settings("[kiosk]\nname = { en = 'Riverside' }\n", "x.toml")
    assert kiosk_name(english_only.kiosk, "es") == "Riverside"
    # The English fall-back is reported, never silent.
    assert [str(p) for p in english_only.problems] == [
        "x.toml:2: kiosk.name: no name for 'es' (in kiosk.languages); the 'en' name is shown "
        "instead"]


@pytest.mark.parametrize(("text", "expected"), [
    ("name = ''", "kiosk.name: expected a non-empty name"),
    ("name = { fr = 'Rive' }", "unsupported language 'fr' in the name table"),
    ("name = { en = '' }", "expected a non-empty name for 'en'"),
    ("name = { en = 3 }", "expected a non-empty name for 'en', got a whole number (3)"),
    ("name = {}", "expected a name, or a table of names by language"),
    ("name = 7", "expected a name, or a table of names by language"),
])
def test_bad_names_are_reported_with_line_and_key(text, expected):
    from kiosk.settings import DEFAULT_NAMES, kiosk_name

    settings = parse_settings(f"[kiosk]\n{text}\n", "x.toml")
    assert len(settings.problems) == 1
    problem = str(settings.problems[0])
    assert problem.startswith("x.toml:2: kiosk.name: ") and expected in problem
    assert kiosk_name(settings.kiosk, "es") == DEFAULT_NAMES["es"]


# --- keys other screens read ----------------------------------------------------


def test_new_keys_have_their_defaults():
    from kiosk.settings import speech_idle_timeout

    s = Settings()
    assert (s.content.show, s.staff.language, s.locator.format) == ("all", "en", "kiosk")
    assert (s.locator.stale_after_days, s.stats.min_count) == (365, 5)
    assert s.keys.overrides() == {} and s.speech.idle_timeout_seconds == 0
    assert speech_idle_timeout(s) == 180


def test_new_keys_are_read():
    from kiosk.settings import speech_idle_timeout

    s = parse_settings(
        "[content]\nshow = 'reviewed'\n[staff]\nlanguage = 'es'\n"
        "[locator]\nformat = 'samhsa'\nstale_after_days = 30\n[stats]\nmin_count = 10\n"
        "[keys]\nselect = ['Return', 'Space']\nback = ['Escape']\n"
        "[speech]\nidle_timeout_seconds = 600\n", "x.toml")
    assert s.problems == ()
    assert (s.content.show, s.staff.language, s.locator.format) == ("reviewed", "es", "samhsa")
    assert (s.locator.stale_after_days, s.stats.min_count) == (30, 10)
    assert s.keys.overrides() == {"select": ("Return", "Space"), "back": ("Escape",)}
    assert speech_idle_timeout(s) == 600


@pytest.mark.parametrize(("text", "fragment"), [
    ("[content]\nshow = 'some'\n", "content.show: expected one of 'all', 'reviewed'"),
    ("[staff]\nlanguage = 'fr'\n", "staff.language: expected one of 'en', 'es'"),
    ("[locator]\nformat = 'csv'\n", "locator.format: expected one of 'kiosk', 'samhsa'"),
    ("[locator]\nstale_after_days = 0\n", "from 1 to 3650"),
    ("[stats]\nmin_count = 0\n", "stats.min_count: expected a number from 1 to 1000"),
    ("[keys]\nselct = ['Return']\n", "keys.selct: unknown key; did you mean 'select'?"),
    ("[keys]\nselect = 'Return'\n", "keys.select: expected a list of strings"),
    ("[keys]\nselect = ['']\n", "got an empty one"),
    ("[keys]\nselect = ['A', 'A']\n", "a key is listed twice"),
    ("[keys]\nselect = ['Space']\nback = ['Space']\n", "also a key for keys.select"),
    ("[speech]\nidle_timeout_seconds = 10\n", "expected 0 (twice kiosk.idle_timeout_seconds)"),
    ("[speech]\nidle_timeout_seconds = 60\n", "must be at least kiosk.idle_timeout_seconds (90)"),
])
def test_new_keys_bad_values(text, fragment):
    s = parse_settings(text, "x.toml")
    assert any(fragment in str(p) for p in s.problems), s.problems
    assert s.keys.overrides() == {} and s.speech.idle_timeout_seconds == 0


# --- the last good copy -----------------------------------------------------------

GOOD = ('[kiosk]\ndefault_language = "es"\n[staff]\npin_hash = "{pin}"\n'
        '[locator]\nhome_zip = "10001"\n')


def good_text() -> str:
    from kiosk.pin import hash_pin

    return GOOD.format(pin=hash_pin("2468"))


def test_a_syntax_error_runs_on_the_last_good_copy_and_says_so(tmp_path):
    from kiosk.settings import last_good_path

    path = write(tmp_path, good_text())
    copy = last_good_path()
    first = load_settings(path, copy)
    assert first.problems == () and first.fallback == "" and copy.is_file()
    assert copy.stat().st_mode & 0o077 == 0  # it holds the PIN hash: owner only
    write(tmp_path, good_text().replace('"es"', '"es'))  # an unclosed quote
    broken = load_settings(path, copy)
    assert broken.kiosk.default_language == "es"  # not the default "en"
    assert broken.staff.pin_hash == first.staff.pin_hash
    assert broken.locator.home_zip == "10001"
    assert "the kiosk runs on the last settings that loaded from it" in broken.fallback
    assert str(copy) in broken.fallback
    texts = [str(p) for p in broken.problems]
    assert texts[0].startswith(f"{path}:2: TOML syntax error")
    assert "a quote is opened but not closed" in texts[0]
    assert "running on the last good copy saved" in texts[1]
    # The broken file never replaces the copy: a second start still runs on it.
    assert load_settings(path, copy).kiosk.default_language == "es"


def test_without_a_copy_a_syntax_error_still_means_defaults(tmp_path):
    from kiosk.settings import last_good_path

    path = write(tmp_path, "[kiosk\n")
    settings = load_settings(path, last_good_path())
    assert settings.fallback == "" and settings.kiosk == Settings().kiosk
    assert len(settings.problems) == 1


def test_a_copy_of_another_settings_file_is_never_used(tmp_path):
    from kiosk.settings import last_good_path

    copy = last_good_path()
    load_settings(write(tmp_path, good_text(), "a.toml"), copy)
    settings = load_settings(write(tmp_path, "[kiosk\n", "b.toml"), copy)
    assert settings.fallback == "" and settings.kiosk.default_language == "en"


def test_the_copy_is_rewritten_only_when_the_file_changed(tmp_path):
    import os

    from kiosk.settings import last_good_path

    path = write(tmp_path, good_text())
    copy = last_good_path()
    load_settings(path, copy)
    os.utime(copy, (1_000_000, 1_000_000))
    load_settings(path, copy)
    assert copy.stat().st_mtime == 1_000_000
    write(tmp_path, good_text() + "[stats]\nenabled = true\n")
    load_settings(path, copy)
    assert copy.stat().st_mtime != 1_000_000
    assert not [p for p in copy.parent.iterdir() if p.name.endswith(".tmp")]


def test_an_unwritable_cache_folder_never_stops_the_load(tmp_path, caplog):
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    settings = load_settings(write(tmp_path, good_text()), blocker / "copy.toml")
    assert settings.problems == ()
    assert "cannot keep a copy of the settings" in caplog.text


def test_check_config_says_the_kiosk_would_run_on_the_last_good_copy(tmp_path, capsys):
    from kiosk.settings import last_good_path

    path = write(tmp_path, good_text())
    load_settings(path, last_good_path())
    write(tmp_path, good_text().replace('"es"', 'es'))  # text without quotes
    code, out, err = run_check(capsys, str(path))
    assert code == 1
    assert 'text must be in quotes: default_language = "es"' in out
    assert "error: " in out and "the kiosk runs on the last settings that loaded" in out
    assert "Traceback" not in out + err


def test_check_config_never_writes_the_copy(tmp_path, capsys):
    from kiosk.settings import last_good_path

    run_check(capsys, str(write(tmp_path, good_text())))
    assert not last_good_path().exists()


# --- check-config looks at what the settings point at ----------------------------------


CSV_HEADER = ("id,name,kind,address,city,state,zip,phone,website,conditions,states_served,"
              "routes,lat,lon,last_verified,languages\n")


def clinics_csv(tmp_path: Path, rows: str) -> Path:
    path = tmp_path / "clinics.csv"
    path.write_text(CSV_HEADER + rows, encoding="utf-8")
    return path


ROW_NYC = ("c1,Chelsea Clinic,outpatient,1 W 28th St,New York,NY,10001,(212) 555-0100,,"
           "ptsd,,iv,,,2025-01-01,en\n")
ROW_BOSTON = ("c2,Boston Clinic,outpatient,1 Main St,Boston,MA,02108,(617) 555-0100,,"
              "ptsd,,iv,,,2025-01-01,en\n")


def test_check_config_reports_a_bad_clinic_file_by_line(tmp_path, capsys):
    clinics_csv(tmp_path, ROW_NYC + ROW_NYC.replace("c1,", "c3,").replace("NY,10001", "ZZ,10001"))
    code, out, err = run_check(capsys, str(write(tmp_path, "[locator]\nclinics = 'clinics.csv'\n")))
    assert code == 1
    assert "error: " in out and "clinics.csv:3: state" in out
    assert "Traceback" not in out + err


def test_check_config_warns_when_the_host_clinic_is_far_from_home_zip(tmp_path, capsys):
    clinics_csv(tmp_path, ROW_NYC + ROW_BOSTON)
    text = "[locator]\nclinics = 'clinics.csv'\nhome_zip = '10001'\nhost_clinic_id = '{}'\n"
    code, out, _ = run_check(capsys, str(write(tmp_path, text.format("c2"))))
    assert code == 0  # a warning, not an error
    assert "warning: locator.host_clinic_id: clinic 'c2' (Boston Clinic, ZIP 02108) lies" in out
    assert "miles from locator.home_zip 10001" in out
    code, out, _ = run_check(capsys, str(write(tmp_path, text.format("c1"))))
    assert code == 0 and "host_clinic_id" not in out
    code, out, _ = run_check(capsys, str(write(tmp_path, text.format("nope"))))
    assert "no clinic with id 'nope'" in out


def test_check_config_runs_the_content_check_on_the_configured_pack(tmp_path, capsys):
    (tmp_path / "pack" / "en").mkdir(parents=True)
    (tmp_path / "pack" / "en" / "bad.md").write_text("+++\ntitle = \n+++\nBody\n")
    code, out, _ = run_check(capsys, str(write(tmp_path, "[content]\ndir = 'pack'\n")))
    assert code == 1
    assert "bad.md" in out and "(details: kiosk content check)" in out


def test_check_config_checks_the_pin_hash(tmp_path, capsys):
    from kiosk.pin import hash_pin

    code, out, _ = run_check(capsys, str(write(tmp_path, f"[staff]\npin_hash = '{hash_pin('2468')}'\n")))
    assert code == 0 and "PIN hash: OK" in out
    absurd = f"scrypt${2**30}$8$1${'0' * 32}${'0' * 64}"
    code, out, _ = run_check(capsys, str(write(tmp_path, f"[staff]\npin_hash = '{absurd}'\n")))
    assert code == 1 and "staff.pin_hash: scrypt cost n=1073741824 is outside the safe range" in out
    assert "pin_hash is not set (or not usable)" in out


def test_check_config_reads_the_clinic_file_in_its_format(tmp_path, capsys):
    clinics_csv(tmp_path, ROW_NYC)  # kiosk columns, read as a SAMHSA download
    text = "[locator]\nclinics = 'clinics.csv'\nformat = 'samhsa'\n"
    code, out, err = run_check(capsys, str(write(tmp_path, text)))
    assert code == 1 and "clinics.csv" in out and "Traceback" not in out + err


def test_check_config_checks_a_directory_file(tmp_path, capsys):
    from kiosk.locator import import_csv

    db = tmp_path / "clinics.sqlite"
    assert import_csv(clinics_csv(tmp_path, ROW_NYC + ROW_BOSTON), db).written
    text = "[locator]\nclinics = 'clinics.sqlite'\nhome_zip = '10001'\nhost_clinic_id = 'c2'\n"
    code, out, _ = run_check(capsys, str(write(tmp_path, text)))
    assert code == 0 and "clinics.sqlite: 0 problem(s)" in out and "lies" in out
    db.write_bytes(db.read_bytes()[:4096])  # a damaged directory file
    code, out, _ = run_check(capsys, str(write(tmp_path, text)))
    assert code == 1 and "error: " in out


def test_check_config_warns_about_listings_older_than_stale_after_days(tmp_path, capsys):
    import datetime as dt

    recent = (dt.date.today() - dt.timedelta(days=30)).isoformat()
    clinics_csv(tmp_path, ROW_NYC.replace("2025-01-01", recent)
                + ROW_BOSTON.replace("2025-01-01", "2019-01-01"))
    text = "[locator]\nclinics = 'clinics.csv'\nstale_after_days = {}\n"
    code, out, _ = run_check(capsys, str(write(tmp_path, text.format(3650))))
    assert code == 0 and "last verified" not in out
    code, out, _ = run_check(capsys, str(write(tmp_path, text.format(365))))
    assert code == 0  # a warning: the listings still serve
    assert "warning: 1 of 2 clinic listing(s) were last verified more than 365 days ago" in out


def test_a_damaged_last_good_copy_is_no_copy(tmp_path):
    from kiosk.settings import last_good_path

    path = write(tmp_path, good_text())
    copy = last_good_path()
    load_settings(path, copy)
    header = copy.read_text(encoding="utf-8").split("\n", 1)[0]
    copy.write_text(header + "\n[kiosk\n", encoding="utf-8")
    write(tmp_path, "[kiosk\n")
    settings = load_settings(path, copy)
    assert settings.fallback == "" and settings.kiosk == Settings().kiosk
    assert len(settings.problems) == 1
