"""Fuzz: any settings file gives one-line problems with file and line, never an exception.

Inputs are arbitrary bytes, arbitrary text and TOML built from strategies (real,
near-miss and random sections and keys; values of every TOML type, huge numbers,
inf/nan, datetimes, deep nesting). Set HYPOTHESIS_PROFILE=thorough for 20x examples.
"""

from __future__ import annotations

import ast
import json
import math
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from kiosk.cli import main
from kiosk.languages import SUPPORTED as SUPPORTED_LANGUAGES
from kiosk.pin import check_pin_hash
from kiosk.settings import (
    KEY_ACTIONS,
    LOG_LEVELS,
    PIN_HASH_RE,
    SCHEMA,
    THEMES,
    Settings,
    SettingsFileError,
    kiosk_name,
    load_settings,
    parse_settings,
    read_settings_text,
)
from tests.fuzzing import NO_SURROGATES, fuzz

SOURCE = "fuzz.toml"

# --- strategies ---------------------------------------------------------------------

REAL_KEYS = sorted({key for keys in SCHEMA.values() for key in keys})


def _typos(word: str) -> st.SearchStrategy[str]:
    """Near misses of a real name: a letter dropped, doubled, swapped or re-cased."""
    i = st.integers(0, max(0, len(word) - 1))
    return st.one_of(
        i.map(lambda k: word[:k] + word[k + 1:]),
        i.map(lambda k: word[:k] + word[k] + word[k:]),
        i.map(lambda k: word[:k] + word[k + 1:k + 2] + word[k:k + 1] + word[k + 2:]),
        st.just(word.upper()),
        st.just(word.replace("_", "-")),
        st.just(word + "s"),
    ).filter(bool)


BARE = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCZ0123456789_-", min_size=1, max_size=12)


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


KEY_NAMES = st.one_of(
    st.sampled_from(REAL_KEYS),
    st.sampled_from(REAL_KEYS).flatmap(_typos),
    BARE,
    st.text(NO_SURROGATES, max_size=10).map(_quoted),
    st.sampled_from(["'literal key'", '""', "a.b", "kiosk.idle_timeout_seconds",
                     '"idle_timeout_seconds"', "\"a\\u0041\""]),
)
SECTION_NAMES = st.one_of(
    st.sampled_from(list(SCHEMA)),
    st.sampled_from(list(SCHEMA)).flatmap(_typos),
    BARE,
    st.sampled_from(['"kiosk"', "kiosk.sub", "'staff'", "a b", ""]),
)


def _float_text(x: float) -> str:
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return repr(x)


INTERESTING_STRINGS = st.sampled_from([
    "", " ", "en", "es", "fr", "EN", "default", "high-contrast", "dark", "DEBUG", "debug",
    "LOUD", "12345", "1234", "123456", "\u0661\u0662\u0663\u0664\u0665", "~", "~/x", "/",
    "/root/secret/x", "/etc/passwd", "/dev/null", "a" * 300, "a/" * 3000, "~nouser/x",
    "~a\x00b", "x\x00y", "con", "..", "scrypt$16384$8$1$" + "0" * 32 + "$" + "0" * 64,
    "scrypt$1$1$1$zz", "\u202eevil", "line\nbreak",
])
SCALARS = st.one_of(
    st.sampled_from(["true", "false", "True", "yes"]),
    st.integers().map(str),
    st.integers(-(10**30), 10**30).map(str),
    st.sampled_from(["0", "-0", "+30", "90", "3600", "3601", "29", "1_000", "0o777", "0b101",
                     "0x1F", "9223372036854775808", "-9223372036854775809"]),
    st.sampled_from([1, 16, 17, 33, 200, 4000]).map(lambda n: "0x" + "f" * n),
    st.sampled_from([19, 20, 4300, 4301]).map(lambda n: "9" * n),
    st.floats().map(_float_text),
    st.sampled_from(["nan", "+nan", "-nan", "inf", "-inf", "1e400", "0.8", "2.0", "0.79999",
                     "1.5", "1e-400"]),
    st.text(NO_SURROGATES, max_size=20).map(_quoted),
    INTERESTING_STRINGS.map(_quoted),
    st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="'"),
            max_size=10).map(lambda s: f"'{s}'"),
    st.datetimes().map(lambda d: d.isoformat()),
    st.datetimes().map(lambda d: d.isoformat() + "Z"),
    st.dates().map(lambda d: d.isoformat()),
    st.times().map(lambda t: t.isoformat()),
)


def _nested(n: int, open_: str, close: str) -> str:
    return open_ * n + close * n


VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4).map(lambda xs: "[" + ", ".join(xs) + "]"),
        st.lists(st.tuples(KEY_NAMES, inner), max_size=3).map(
            lambda kvs: "{" + ", ".join(f"{k} = {v}" for k, v in kvs) + "}"),
    ),
    max_leaves=8,
) | st.one_of(
    st.sampled_from([2, 20, 200, 3000]).map(lambda n: _nested(n, "[", "]")),
    st.sampled_from([2, 20, 200, 1500]).map(lambda n: "{a = " * n + "1" + "}" * n),
    st.sampled_from(['["en", "es"]', '["es"]', '["en"]', '[]', '["en", "en"]', '["en", 1]',
                     '["fr"]', '[["en"]]', '"""multi\nline"""', "'''raw\n[kiosk]\n'''"]),
)

JUNK_LINES = st.one_of(
    st.sampled_from(["", "# a comment", "#\u2028comment", "  ", "[", "]", "=", "key =", "= 1",
                     "[[kiosk]]", "[kiosk.sub]", "kiosk = 3", "\t[kiosk]", "[ kiosk ]",
                     "a = 1 # trailing", "[kiosk]]", "\x0c", "\r", "\ufeff[kiosk]"]),
    st.text(NO_SURROGATES, max_size=30).map(lambda s: s.replace("\n", " ")),
)


@st.composite
def toml_documents(draw: st.DrawFn) -> str:
    """A TOML-ish document: mostly valid, with near misses and junk lines mixed in."""
    lines: list[str] = []
    for _ in range(draw(st.integers(0, 5))):
        if draw(st.booleans()):
            lines.append(f"[{draw(SECTION_NAMES)}]")
        for _ in range(draw(st.integers(0, 5))):
            if draw(st.integers(0, 9)) == 0:
                lines.append(draw(JUNK_LINES))
            else:
                lines.append(f"{draw(KEY_NAMES)} = {draw(VALUES)}")
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = newline.join(lines) + draw(st.sampled_from(["", newline]))
    return draw(st.sampled_from(["", "\ufeff"])) + text if draw(st.booleans()) else text


@st.composite
def valid_documents(draw: st.DrawFn) -> str:
    """Only real sections and keys, each value of some type; many are in range."""
    lines: list[str] = []
    for section, keys in SCHEMA.items():
        if not draw(st.booleans()):
            continue
        lines.append(f"[{section}]")
        for key in draw(st.lists(st.sampled_from(sorted(keys)), unique=True)):
            lines.append(f"{key} = {draw(VALUES)}")
    return "\n".join(lines) + "\n"


# --- checks -------------------------------------------------------------------------


def line_count(text: str) -> int:
    """Lines as TOML counts them (only LF ends a line); an empty file has one."""
    return text.count("\n") + 1


def check_problems(result: Settings, text: str, source: str = SOURCE) -> None:
    lines = text.split("\n")
    for problem in result.problems:
        assert problem.file == source
        assert problem.message.strip(), problem
        assert len(str(problem).splitlines()) == 1, f"not one line: {problem!r}"
        assert len(problem.message) < 500, f"message too long: {problem.message[:100]!r}..."
        if problem.line is not None:
            assert 1 <= problem.line <= line_count(text), (problem, line_count(text))
            # A key's line must be the line that names it.
            if problem.key.startswith("["):
                name = problem.key[1:-1]
            else:
                name = problem.key.split(".", 1)[-1]
            if name.startswith(("'", '"')):  # shown as repr() because it is unprintable
                name = ast.literal_eval(name)
            if name:
                assert name in lines[problem.line - 1], (problem, lines[problem.line - 1])


def check_bounds(result: Settings) -> None:
    k = result.kiosk
    for lang in SUPPORTED_LANGUAGES:
        name = kiosk_name(k, lang)
        assert isinstance(name, str) and name.strip()
    assert isinstance(k.fullscreen, bool)
    assert isinstance(k.idle_timeout_seconds, int) and 30 <= k.idle_timeout_seconds <= 3600
    assert isinstance(k.idle_warning_seconds, int) and 10 <= k.idle_warning_seconds <= 120
    assert k.idle_warning_seconds < k.idle_timeout_seconds
    assert k.languages and set(k.languages) <= set(SUPPORTED_LANGUAGES)
    assert len(set(k.languages)) == len(k.languages)
    assert k.default_language in k.languages
    assert isinstance(k.text_scale, float) and 0.8 <= k.text_scale <= 2.0
    assert k.theme in THEMES
    s = result.staff
    assert s.pin_hash == "" or PIN_HASH_RE.match(s.pin_hash)
    assert isinstance(s.exit_gesture_seconds, int) and 2 <= s.exit_gesture_seconds <= 30
    loc = result.locator
    assert loc.home_zip == "" or re.fullmatch(r"[0-9]{5}", loc.home_zip)
    assert isinstance(loc.default_radius_miles, int) and 5 <= loc.default_radius_miles <= 500
    assert loc.clinics is None or isinstance(loc.clinics, Path)
    assert result.content.dir is None or isinstance(result.content.dir, Path)
    assert result.logging.level in LOG_LEVELS
    assert isinstance(result.stats.enabled, bool)
    assert s.pin_hash == "" or check_pin_hash(s.pin_hash) is None  # never an absurd cost
    assert s.language in SUPPORTED_LANGUAGES
    assert result.content.show in ("all", "reviewed")
    assert loc.format in ("kiosk", "samhsa")
    assert isinstance(loc.stale_after_days, int) and 1 <= loc.stale_after_days <= 3650
    assert isinstance(result.stats.min_count, int) and 1 <= result.stats.min_count <= 1000
    seen: set[str] = set()
    for action, names in result.keys.overrides().items():
        assert action in KEY_ACTIONS and names
        assert all(isinstance(n, str) and n.strip() and n.isprintable() for n in names)
        folded = {n.casefold() for n in names}
        assert not folded & seen, "a key bound to two actions"
        seen |= folded
    speech = result.speech.idle_timeout_seconds
    assert speech == 0 or k.idle_timeout_seconds <= speech <= 7200


def parse_and_check(text: str, base: Path | None = None) -> Settings:
    result = parse_settings(text, SOURCE, base=base)
    check_problems(result, text)
    check_bounds(result)
    return result


# --- tests --------------------------------------------------------------------------


HUGE_HEX = "0x" + "f" * 4000


@fuzz(200)
@given(toml_documents())
@example("[kiosk]\nidle_timeout_seconds = " + HUGE_HEX + "\n")  # repr() of the int raised
@example("[kiosk]\nidle_timeout_seconds = " + "9" * 4400 + "\n")  # tomllib's int() raised
@example("a = " + "[" * 3000 + "]" * 3000 + "\n")  # RecursionError inside tomllib
@example("a = " + "{a = " * 1500 + "1" + "}" * 1500 + "\n")
@example("# note\u2028\n[kiosk]\nidle_timout_seconds = 5\n")  # splitlines() line numbers
@example("[kiosk]\nname = '''\u2028\u2028\u2028")  # end-of-document line past the end
@example("[kiosk]\nlanguages = [1, 2]\nname = ''\n")
def test_generated_toml_never_raises(text):
    parse_and_check(text)


@fuzz(80)
@given(valid_documents())
def test_real_keys_with_any_value_stay_in_bounds(text):
    parse_and_check(text, base=Path(tempfile.gettempdir()))


@fuzz(200)
@given(st.text(NO_SURROGATES, max_size=400))
def test_arbitrary_text_never_raises(text):
    parse_and_check(text)


@pytest.mark.parametrize("value", [
    '"' + "a" * 300 + '"',  # ENAMETOOLONG from is_file()
    '"' + "a/" * 3000 + '"',
    '"~a\\u0000b"',  # expanduser() raised ValueError on the NUL
    '"x\\u0000y"',
    '"/root/secret/x"',
])
@pytest.mark.parametrize("key", ["[content]\ndir", "[locator]\nclinics", "[logging]\ndir"])
def test_unusable_paths_are_problems_not_exceptions(tmp_path, key, value):
    text = f"{key} = {value}\n"
    result = parse_and_check(text, base=tmp_path)
    assert all(p.line == 2 for p in result.problems)


def _write_bytes(data: bytes) -> tuple[tempfile.TemporaryDirectory[str], Path]:
    folder = tempfile.TemporaryDirectory()
    path = Path(folder.name) / "kiosk.toml"
    path.write_bytes(data)
    return folder, path


def check_file(data: bytes) -> None:
    folder, path = _write_bytes(data)
    with folder:
        try:
            text = read_settings_text(path)
        except SettingsFileError as exc:
            assert exc.message and len(str(exc).splitlines()) == 1
            assert exc.line is None or 1 <= exc.line <= data.count(b"\n") + 1
            assert load_settings(path).problems[0].message == exc.message
            return
        result = parse_settings(text, str(path), base=path.parent)
        for problem in result.problems:
            assert problem.file == str(path)
        check_problems(result, text, str(path))
        check_bounds(result)
        assert load_settings(path).problems == result.problems


@fuzz(200)
@given(st.binary(max_size=300))
@example(b"\xef\xbb\xbf[kiosk]\r\nname = 'x'\r\n")
@example(b"[kiosk]\nname = '\xff'\n")
@example(b"\x00")
def test_arbitrary_bytes_never_raise(data):
    check_file(data)


@fuzz(60)
@given(toml_documents(), st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1"]))
def test_encoded_documents_never_raise(text, encoding):
    check_file(text.encode(encoding, errors="replace"))


@fuzz(40)
@given(st.one_of(toml_documents(), valid_documents()))
@example("[kiosk]\nidle_timeout_seconds = " + HUGE_HEX + "\n")
def test_check_config_exits_0_or_1_without_traceback(capsys, text):
    folder, path = _write_bytes(text.encode("utf-8", errors="replace"))
    with folder:
        capsys.readouterr()
        code = main(["check-config", str(path)])
        out, err = capsys.readouterr()
    assert code in (0, 1)
    assert "Traceback" not in out + err
    assert "unexpected error" not in err
    if code == 0:
        assert ": OK" in out.strip().splitlines()[-1]
