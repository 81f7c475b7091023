"""Staff settings: one TOML file, typed, validated, never fatal.

``load_settings`` always returns usable settings. Every problem found in the
file is kept as a :class:`Problem` (file, line, key, what was expected) and
the bad key falls back to its default, so a typo never stops the kiosk and is
never silently ignored either.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from kiosk import paths

MAX_SETTINGS_BYTES = 1024 * 1024
SUPPORTED_LANGUAGES = ("en", "es")
THEMES = ("default", "high-contrast")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
PIN_HASH_RE = re.compile(r"^scrypt\$\d+\$\d+\$\d+\$[0-9a-f]{32}\$[0-9a-f]{64}$")


# Settings are immutable records. NamedTuple rather than frozen dataclasses: the
# same fields and defaults, and each class is ~10x cheaper to create, which the
# kiosk pays on every start-up (a frozen dataclass costs ~1.3 ms to define).


class Problem(NamedTuple):
    """One thing wrong in a settings file."""

    file: str
    line: int | None
    key: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


class SettingsFileError(Exception):
    """The settings file cannot be read as text at all."""

    def __init__(self, path: Path, reason: str, line: int | None = None) -> None:
        self.path, self.reason, self.line = path, reason, line
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {reason}")


# The home screen's title when the settings name none, in each language offered.
DEFAULT_NAMES = {
    "en": "Learning about PTSD and ketamine care",
    "es": "Información sobre el TEPT y la atención con ketamina",
}

# A name set as text is shown in every language; as a table, one per language.
KioskName = str | tuple[tuple[str, str], ...] | None


class KioskSection(NamedTuple):
    name: KioskName = None  # None: DEFAULT_NAMES
    fullscreen: bool = True
    idle_timeout_seconds: int = 90
    idle_warning_seconds: int = 20
    languages: tuple[str, ...] = ("en", "es")
    default_language: str = "en"
    text_scale: float = 1.0
    theme: str = "default"


class StaffSection(NamedTuple):
    pin_hash: str = ""
    exit_gesture_seconds: int = 5


class ContentSection(NamedTuple):
    dir: Path | None = None


class LocatorSection(NamedTuple):
    clinics: Path | None = None
    home_zip: str = ""
    default_radius_miles: int = 50
    host_clinic_id: str = ""


class LoggingSection(NamedTuple):
    dir: Path | None = None
    level: str = "INFO"


class StatsSection(NamedTuple):
    enabled: bool = False


class Settings(NamedTuple):
    """Validated settings; ``problems`` lists what was wrong and fell back to defaults."""

    kiosk: KioskSection = KioskSection()
    staff: StaffSection = StaffSection()
    content: ContentSection = ContentSection()
    locator: LocatorSection = LocatorSection()
    logging: LoggingSection = LoggingSection()
    stats: StatsSection = StatsSection()
    source: Path | None = None
    problems: tuple[Problem, ...] = ()


# --- the schema -------------------------------------------------------------

Check = Callable[[Any], str | None]


class Spec(NamedTuple):
    kind: str  # "str" | "bool" | "int" | "float" | "list" | "path" | "dir"
    check: Check | None = None


def _between(lo: float, hi: float) -> Check:
    return lambda v: (None if lo <= v <= hi
                      else f"expected a number from {lo:g} to {hi:g}, got {_repr(v)}")


def _one_of(choices: tuple[str, ...]) -> Check:
    def check(v: str) -> str | None:
        if v in choices:
            return None
        return f"expected one of {', '.join(repr(c) for c in choices)}, got {_repr(v)}"

    return check


def _languages(v: list[str]) -> str | None:
    if not v:
        return "expected at least one language"
    bad = [x for x in v if x not in SUPPORTED_LANGUAGES]
    if bad:
        return f"unsupported language {bad[0]!r}; expected codes from {', '.join(SUPPORTED_LANGUAGES)}"
    if len(set(v)) != len(v):
        return "a language is listed twice"
    return None


def _zip(v: str) -> str | None:
    return None if v == "" or re.fullmatch(r"\d{5}", v) else f"expected 5 digits or empty, got {_repr(v)}"


def _pin_hash(v: str) -> str | None:
    if v == "" or PIN_HASH_RE.match(v):
        return None
    return "not a PIN hash; make one with `kiosk hash-pin` and paste its output"


def _log_level(v: str) -> str | None:
    return _one_of(LOG_LEVELS)(v.upper())


SCHEMA: dict[str, dict[str, Spec]] = {
    "kiosk": {
        "name": Spec("text"),
        "fullscreen": Spec("bool"),
        "idle_timeout_seconds": Spec("int", _between(30, 3600)),
        "idle_warning_seconds": Spec("int", _between(10, 120)),
        "languages": Spec("list", _languages),
        "default_language": Spec("str", _one_of(SUPPORTED_LANGUAGES)),
        "text_scale": Spec("float", _between(0.8, 2.0)),
        "theme": Spec("str", _one_of(THEMES)),
    },
    "staff": {
        "pin_hash": Spec("str", _pin_hash),
        "exit_gesture_seconds": Spec("int", _between(2, 30)),
    },
    "content": {"dir": Spec("dir")},
    "locator": {
        "clinics": Spec("path"),
        "home_zip": Spec("str", _zip),
        "default_radius_miles": Spec("int", _between(5, 500)),
        "host_clinic_id": Spec("str"),
    },
    "logging": {"dir": Spec("logdir"), "level": Spec("str", _log_level)},
    "stats": {"enabled": Spec("bool")},
}

_SECTION_TYPES: dict[str, Any] = {
    "kiosk": KioskSection,
    "staff": StaffSection,
    "content": ContentSection,
    "locator": LocatorSection,
    "logging": LoggingSection,
    "stats": StatsSection,
}

_KIND_NAMES = {
    "str": "a string",
    "bool": "true or false",
    "int": "a whole number",
    "float": "a number",
    "list": "a list of strings",
    "text": 'a name, or a table of names by language such as { en = "...", es = "..." }',
    "path": "a file path string",
    "dir": "a folder path string",
    "logdir": "a folder path string",
}


# --- reading ----------------------------------------------------------------


def read_settings_text(path: Path) -> str:
    """Read a settings file as text, or raise SettingsFileError with a one-line reason."""
    try:
        if path.is_dir():
            raise SettingsFileError(path, "is a folder, expected a TOML settings file")
        size = path.stat().st_size
        if size > MAX_SETTINGS_BYTES:
            raise SettingsFileError(
                path, f"file is {size:,} bytes; a settings file may be at most "
                f"{MAX_SETTINGS_BYTES:,} bytes"
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise SettingsFileError(path, "no such file") from None
    except PermissionError:
        raise SettingsFileError(path, "permission denied") from None
    except OSError as exc:
        raise SettingsFileError(path, f"cannot read: {exc.strerror or exc}") from None
    if b"\x00" in data:
        raise SettingsFileError(
            path, f"binary data (NUL byte at offset {data.index(0)}), expected a TOML text file"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SettingsFileError(
            path,
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save the file as UTF-8",
            line,
        ) from None


def _key_lines(text: str) -> dict[tuple[str, str], int]:
    """Map (section, key) to the line where it is set; section headers map to (section, "")."""
    lines: dict[tuple[str, str], int] = {}
    section = ""
    header = re.compile(r"^\s*\[\s*([^\]\s]+)\s*\]")
    key = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_.-]+)\s*=""")
    # Only LF ends a line in TOML (and in tomllib's error lines); splitlines() would also
    # split at U+2028, U+0085 and friends, which TOML allows in comments and strings.
    for number, raw in enumerate(text.split("\n"), start=1):
        if m := header.match(raw):
            section = m.group(1).strip("\"'")
            lines.setdefault((section, ""), number)
        elif m := key.match(raw):
            lines.setdefault((section, m.group(1).strip("\"'")), number)
    return lines


def _coerce(spec: Spec, value: Any, base: Path | None) -> tuple[Any, str | None]:
    """Return (python value, error message or None) for one raw TOML value."""
    kind = spec.kind
    expected = _KIND_NAMES[kind]
    ok: bool
    if kind == "bool":
        ok = isinstance(value, bool)
    elif kind == "int":
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif kind == "float":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        value = float(value) if ok else value
    elif kind == "list":
        ok = isinstance(value, list) and all(isinstance(x, str) for x in value)
    elif kind == "text":
        return _coerce_text(value)
    else:
        ok = isinstance(value, str)
    if not ok:
        return None, f"expected {expected}, got {_describe(value)}"
    if spec.check is not None:
        error = spec.check(value)
        if error:
            return None, error
    if kind == "list":
        return tuple(value), None
    if kind == "str" and spec.check is _log_level:
        return value.upper(), None
    if kind in ("path", "dir", "logdir"):
        if value == "":
            return None, None
        try:
            p = Path(os.path.expanduser(value))
            if not p.is_absolute() and base is not None:
                p = base / p
            if kind == "path" and not p.is_file():
                return None, f"no such file: {_path_text(p)}"
            if kind == "dir" and not p.is_dir():
                return None, f"no such folder: {_path_text(p)}"
            if kind == "logdir" and p.exists() and not p.is_dir():
                return None, f"not a folder: {_path_text(p)}"
        # A name too long, a folder we may not enter (OSError) or a NUL byte (ValueError).
        except (OSError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            return None, f"cannot use the path {_repr(value)}: {reason}"
        return p, None
    return value, None


def _coerce_text(value: Any) -> tuple[Any, str | None]:
    """A non-empty string, or a table of non-empty strings keyed by supported language."""
    if isinstance(value, str):
        return (value, None) if value.strip() else (None, "expected a non-empty name")
    if not isinstance(value, dict) or not value:
        return None, f"expected {_KIND_NAMES['text']}, got {_describe(value)}"
    for lang, text in value.items():
        if lang not in SUPPORTED_LANGUAGES:
            return None, (f"unsupported language {_repr(lang)} in the name table; "
                          f"expected codes from {', '.join(SUPPORTED_LANGUAGES)}")
        if not isinstance(text, str) or not text.strip():
            return None, f"expected a non-empty name for {lang!r}, got {_describe(text)}"
    return tuple(sorted(value.items())), None


def kiosk_name(kiosk: KioskSection, lang: str) -> str:
    """The title for ``lang``: the table's entry (else its English one, else its first),
    the one text set, or the built-in name."""
    name = kiosk.name
    if isinstance(name, str):
        return name
    table = dict(name) if name else DEFAULT_NAMES
    return table.get(lang) or table.get("en") or next(iter(table.values()))


def _describe(value: Any) -> str:
    names = {bool: "a boolean", int: "a whole number", float: "a number", str: "a string",
             list: "a list", dict: "a table"}
    kind = names.get(type(value), type(value).__name__)
    return f"{kind} ({_repr(value)})"


def _name(key: str) -> str:
    """A key as written, or its repr() if a line break or control character would show."""
    return key if key.isprintable() else repr(key)


def _path_text(path: Path) -> str:
    """A path as typed, or its repr() if it holds a line break or another unprintable."""
    text = str(path)
    return text if text.isprintable() else repr(text)


def _repr(value: Any) -> str:
    """repr() cut to 40 characters; a huge int (whose repr() raises ValueError) by its size."""
    if isinstance(value, int) and value.bit_length() > 128:
        return f"a number of {value.bit_length()} bits"
    try:
        text = repr(value)
    except (ValueError, RecursionError):  # a huge int or very deep nesting inside a list
        return "too long to show"
    return text if len(text) <= 40 else text[:37] + "..."


def parse_settings(text: str, source: str = "<settings>", base: Path | None = None) -> Settings:
    """Validate settings text; bad keys keep their defaults and are listed in ``problems``."""
    import tomllib  # only when there is a settings file: the demo starts without

    problems: list[Problem] = []
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        line = int(m.group(1)) if m else None
        if line is None and "end of document" in str(exc):
            line = text.rstrip("\n").count("\n") + 1
        message = re.sub(r"\s*\((at line \d+, column \d+|at end of document)\)", "", str(exc))
        problems.append(Problem(source, line, "", f"TOML syntax error: {message}"))
        return Settings(problems=tuple(problems))
    except ValueError:  # tomllib's int() refuses more than sys.get_int_max_str_digits() digits
        m = re.search(r"[0-9_]{1000}", text)
        line = text.count("\n", 0, m.start()) + 1 if m else None
        problems.append(Problem(source, line, "",
                                "TOML syntax error: a number has too many digits"))
        return Settings(problems=tuple(problems))
    except RecursionError:
        problems.append(Problem(source, _deepest_line(text), "",
                                "TOML syntax error: lists or tables nested too deeply"))
        return Settings(problems=tuple(problems))

    lines = _key_lines(text)
    sections: dict[str, Any] = {}
    for section_name, raw in data.items():
        if section_name not in SCHEMA:
            hint = _suggest(section_name, SCHEMA)
            problems.append(Problem(source, lines.get((section_name, "")),
                                    f"[{_name(section_name)}]", f"unknown section{hint}"))
            continue
        if not isinstance(raw, dict):
            problems.append(Problem(source, lines.get(("", section_name)), section_name,
                                    f"expected a [{section_name}] table, got {_describe(raw)}"))
            continue
        values: dict[str, Any] = {}
        for key, value in raw.items():
            line = lines.get((section_name, key))
            spec = SCHEMA[section_name].get(key)
            label = f"{section_name}.{_name(key)}"
            if spec is None:
                hint = _suggest(key, SCHEMA[section_name])
                problems.append(Problem(source, line, label, f"unknown key{hint}"))
                continue
            coerced, error = _coerce(spec, value, base)
            if error:
                problems.append(Problem(source, line, label, error))
                continue
            values[key] = coerced
        sections[section_name] = _SECTION_TYPES[section_name](**values)

    settings = Settings(source=Path(source) if base is not None else None, **sections)
    kiosk = settings.kiosk
    if kiosk.default_language not in kiosk.languages:
        key_line = lines.get(("kiosk", "default_language"))
        problems.append(Problem(source, key_line, "kiosk.default_language",
                                f"{kiosk.default_language!r} is not in kiosk.languages "
                                f"({', '.join(kiosk.languages)}); using {kiosk.languages[0]!r}"))
        kiosk = kiosk._replace(default_language=kiosk.languages[0])
    if kiosk.idle_warning_seconds >= kiosk.idle_timeout_seconds:
        problems.append(Problem(source, lines.get(("kiosk", "idle_warning_seconds")),
                                "kiosk.idle_warning_seconds",
                                "must be shorter than kiosk.idle_timeout_seconds; using 20"))
        kiosk = kiosk._replace(idle_warning_seconds=min(20, kiosk.idle_timeout_seconds // 2))
    return settings._replace(kiosk=kiosk, problems=tuple(problems))


def _deepest_line(text: str) -> int:
    """The line where '[' and '{' first nest 100 deep (strings not excluded: a hint only)."""
    depth = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        for ch in raw:
            depth += 1 if ch in "[{" else -1 if ch in "]}" else 0
            if depth >= 100:
                return number
    return 1


def _suggest(word: str, known: dict[str, Any]) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    expected = ", ".join(known)
    return f"; did you mean {close[0]!r}?" if close else f"; expected one of: {expected}"


def load_settings(path: Path | None) -> Settings:
    """Load settings from ``path`` (None: built-in defaults). Never raises."""
    if path is None:
        return Settings()
    try:
        text = read_settings_text(path)
    except SettingsFileError as exc:
        return Settings(problems=(Problem(str(path), exc.line, "", exc.reason),))
    return parse_settings(text, str(path), base=path.resolve().parent)


def find_settings_path(explicit: str | os.PathLike[str] | None) -> Path | None:
    """--config, else $KIOSK_CONFIG, else kiosk.toml in the platform config folder, else None."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("KIOSK_CONFIG")
    if env:
        return Path(env)
    default = paths.default_settings_path()
    return default if default.is_file() else None


def section_names() -> list[str]:
    return list(SCHEMA)


def field_names(section: str) -> list[str]:
    return list(_SECTION_TYPES[section]._fields)
