"""Staff settings: one TOML file, typed, validated, never fatal.

``load_settings`` always returns usable settings. Every problem found in the
file is kept as a :class:`Problem` (file, line, key, what was expected) and
the bad key falls back to its default, so a typo never stops the kiosk and is
never silently ignored either. A file that cannot be read or parsed at all runs on
the copy of the last one that parsed (``load_settings(path, last_good_path())``).
Files are read through :mod:`kiosk.textfile`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from kiosk import paths
from kiosk.keynames import ACTIONS, key_problem
from kiosk.languages import LANGUAGES, SOURCE_LANGUAGE
from kiosk.languages import SUPPORTED as SUPPORTED_LANGUAGES
from kiosk.textfile import StaffFileError, did_you_mean

MAX_SETTINGS_BYTES = 1024 * 1024
THEMES = ("default", "high-contrast")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
CONTENT_SHOW = ("all", "reviewed")
LOCATOR_FORMATS = ("kiosk", "samhsa")
# The actions a [keys] table may rebind, and the key names it accepts (kiosk/keynames.py).
KEY_ACTIONS = ACTIONS
PIN_HASH_RE = re.compile(r"^scrypt\$\d+\$\d+\$\d+\$[0-9a-f]{32}\$[0-9a-f]{64}$")


# Settings are immutable records: NamedTuples, the one kind of record in kiosk/
# (tests/test_architecture.py).


class Problem(NamedTuple):
    """One thing wrong in a settings file."""

    file: str
    line: int | None
    key: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"
        # One problem, one line: a file name or value with a line break is escaped.
        return text if text.isprintable() else "".join(
            c if c.isprintable() else repr(c)[1:-1] for c in text)


# The settings file cannot be read as text, or is not TOML: path, line, message.
SettingsFileError = StaffFileError


# The home screen's title when the settings name none, in each language offered.
DEFAULT_NAMES = {code: language.title for code, language in LANGUAGES.items()}

# A name set as text is shown in every language; as a table, one per language.
KioskName = str | tuple[tuple[str, str], ...] | None


class KioskSection(NamedTuple):
    name: KioskName = None  # None: DEFAULT_NAMES
    fullscreen: bool = True
    idle_timeout_seconds: int = 90
    idle_warning_seconds: int = 20
    fresh_start_hours: int = 24  # 0: never (see kiosk/ui/session.py FreshStart)
    languages: tuple[str, ...] = SUPPORTED_LANGUAGES
    default_language: str = SOURCE_LANGUAGE
    text_scale: float = 1.0
    theme: str = "default"


class StaffSection(NamedTuple):
    pin_hash: str = ""
    exit_gesture_seconds: int = 5
    language: str = SOURCE_LANGUAGE  # the staff screen's language, whatever the patient chose


class ContentSection(NamedTuple):
    dir: Path | None = None
    show: str = "all"  # "reviewed": only pages whose clinical review is recorded


class LocatorSection(NamedTuple):
    clinics: Path | None = None
    home_zip: str = ""
    default_radius_miles: int = 50
    host_clinic_id: str = ""
    format: str = "kiosk"  # the clinics CSV's columns: "kiosk" or "samhsa"
    stale_after_days: int = 365  # a directory older than this is flagged as out of date


class LoggingSection(NamedTuple):
    dir: Path | None = None
    level: str = "INFO"


class StatsSection(NamedTuple):
    enabled: bool = False
    min_count: int = 5  # a count below this is shown and exported as "fewer than N"


class KeysSection(NamedTuple):
    """Key names per action; an empty tuple keeps the built-in keys for that action."""

    move_up: tuple[str, ...] = ()
    move_down: tuple[str, ...] = ()
    move_left: tuple[str, ...] = ()
    move_right: tuple[str, ...] = ()
    next: tuple[str, ...] = ()
    previous: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    back: tuple[str, ...] = ()
    home: tuple[str, ...] = ()
    help: tuple[str, ...] = ()
    repeat: tuple[str, ...] = ()
    speech: tuple[str, ...] = ()
    volume_up: tuple[str, ...] = ()
    volume_down: tuple[str, ...] = ()
    privacy: tuple[str, ...] = ()
    more_time: tuple[str, ...] = ()

    def overrides(self) -> dict[str, tuple[str, ...]]:
        """The actions the settings rebind, action name to key names."""
        return {action: keys for action, keys in zip(self._fields, self, strict=True) if keys}


class SpeechSection(NamedTuple):
    # 0: twice [kiosk] idle_timeout_seconds. Read it through speech_idle_timeout().
    idle_timeout_seconds: int = 0


class Settings(NamedTuple):
    """Validated settings; ``problems`` lists what was wrong and fell back to defaults."""

    kiosk: KioskSection = KioskSection()
    staff: StaffSection = StaffSection()
    content: ContentSection = ContentSection()
    locator: LocatorSection = LocatorSection()
    logging: LoggingSection = LoggingSection()
    stats: StatsSection = StatsSection()
    keys: KeysSection = KeysSection()
    speech: SpeechSection = SpeechSection()
    source: Path | None = None
    problems: tuple[Problem, ...] = ()
    # Not empty: the file could not be used and these are the last settings that
    # loaded from it (see load_settings); the words say so for the log and staff screen.
    fallback: str = ""


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
    if v == "":
        return None
    from kiosk.pin import check_pin_hash

    error = check_pin_hash(v)
    # A bad hash falls back to the default (""): no PIN, as the README documents.
    return f"{error}; until then no PIN is set" if error else None


def _key_names(v: list[str]) -> str | None:
    for name in v:
        if not name.strip():
            return "expected key names such as \"Up\" or \"KP_5\", got an empty one"
        if not name.isprintable():
            return f"expected key names such as \"Up\" or \"KP_5\", got {_repr(name)}"
        problem = key_problem(name)
        if problem:
            return problem
    if len(set(v)) != len(v):
        return "a key is listed twice"
    return None


def _speech_idle(v: int) -> str | None:
    if v == 0 or 30 <= v <= 7200:
        return None
    return f"expected 0 (twice kiosk.idle_timeout_seconds) or 30 to 7200, got {_repr(v)}"


def _log_level(v: str) -> str | None:
    return _one_of(LOG_LEVELS)(v.upper())


SCHEMA: dict[str, dict[str, Spec]] = {
    "kiosk": {
        "name": Spec("text"),
        "fullscreen": Spec("bool"),
        "idle_timeout_seconds": Spec("int", _between(30, 3600)),
        "idle_warning_seconds": Spec("int", _between(10, 120)),
        "fresh_start_hours": Spec("int", _between(0, 720)),
        "languages": Spec("list", _languages),
        "default_language": Spec("str", _one_of(SUPPORTED_LANGUAGES)),
        "text_scale": Spec("float", _between(0.8, 2.0)),
        "theme": Spec("str", _one_of(THEMES)),
    },
    "staff": {
        "pin_hash": Spec("str", _pin_hash),
        "exit_gesture_seconds": Spec("int", _between(2, 30)),
        "language": Spec("str", _one_of(SUPPORTED_LANGUAGES)),
    },
    "content": {"dir": Spec("dir"), "show": Spec("str", _one_of(CONTENT_SHOW))},
    "locator": {
        "clinics": Spec("path"),
        "home_zip": Spec("str", _zip),
        "default_radius_miles": Spec("int", _between(5, 500)),
        "host_clinic_id": Spec("str"),
        "format": Spec("str", _one_of(LOCATOR_FORMATS)),
        "stale_after_days": Spec("int", _between(1, 3650)),
    },
    "logging": {"dir": Spec("logdir"), "level": Spec("str", _log_level)},
    "stats": {"enabled": Spec("bool"), "min_count": Spec("int", _between(1, 1000))},
    "keys": {action: Spec("list", _key_names) for action in KEY_ACTIONS},
    "speech": {"idle_timeout_seconds": Spec("int", _speech_idle)},
}

_SECTION_TYPES: dict[str, Any] = {
    "kiosk": KioskSection,
    "staff": StaffSection,
    "content": ContentSection,
    "locator": LocatorSection,
    "logging": LoggingSection,
    "stats": StatsSection,
    "keys": KeysSection,
    "speech": SpeechSection,
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
    from kiosk import textfile

    return textfile.read_text(path, MAX_SETTINGS_BYTES, "settings file")


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
                if p.exists():  # a folder, a FIFO, a device such as /dev/zero
                    return None, f"not a regular file: {_path_text(p)}"
                return None, f"no such file: {_path_text(p)}"
            if kind == "dir" and not p.is_dir():
                if p.exists():
                    return None, f"not a folder: {_path_text(p)}"
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
    """The title for ``lang``: the table's entry (else its English one, else its first;
    loading reports a language the table lacks), the one text set, or the built-in name."""
    name = kiosk.name
    if isinstance(name, str):
        return name
    table = dict(name) if name else DEFAULT_NAMES
    return table.get(lang) or table.get(SOURCE_LANGUAGE) or next(iter(table.values()))


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
    from kiosk.textfile import parse_toml

    try:
        data = parse_toml(text, source)
    except StaffFileError as exc:
        return Settings(problems=(Problem(source, exc.line, "", exc.message),))
    return _validate(data, text, source, base)


def _validate(data: dict[str, Any], text: str, source: str, base: Path | None) -> Settings:
    """Settings from parsed TOML; bad keys keep their defaults and are listed in ``problems``."""
    problems: list[Problem] = []
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
    if isinstance(kiosk.name, tuple):
        named = dict(kiosk.name)
        missing = [code for code in kiosk.languages if code not in named]
        if missing:
            shown = SOURCE_LANGUAGE if SOURCE_LANGUAGE in named else next(iter(named))
            problems.append(Problem(source, lines.get(("kiosk", "name")), "kiosk.name",
                                    f"no name for {', '.join(map(repr, missing))} (in "
                                    f"kiosk.languages); the {shown!r} name is shown instead"))
    if kiosk.idle_warning_seconds >= kiosk.idle_timeout_seconds:
        problems.append(Problem(source, lines.get(("kiosk", "idle_warning_seconds")),
                                "kiosk.idle_warning_seconds",
                                "must be shorter than kiosk.idle_timeout_seconds; using 20"))
        kiosk = kiosk._replace(idle_warning_seconds=min(20, kiosk.idle_timeout_seconds // 2))
    speech = settings.speech
    if 0 < speech.idle_timeout_seconds < kiosk.idle_timeout_seconds:
        problems.append(Problem(source, lines.get(("speech", "idle_timeout_seconds")),
                                "speech.idle_timeout_seconds",
                                f"must be at least kiosk.idle_timeout_seconds "
                                f"({kiosk.idle_timeout_seconds}); using twice that"))
        speech = speech._replace(idle_timeout_seconds=0)
    keys = settings.keys
    seen: dict[str, str] = {}
    for action, names in zip(keys._fields, keys, strict=True):
        for name in names:
            other = seen.setdefault(name.casefold(), action)
            if other != action:
                problems.append(Problem(source, lines.get(("keys", action)), f"keys.{action}",
                                        f"{_repr(name)} is also a key for keys.{other}; "
                                        "using the built-in keys for both"))
                keys = keys._replace(**{action: (), other: ()})
    return settings._replace(kiosk=kiosk, speech=speech, keys=keys, problems=tuple(problems))


def speech_idle_timeout(settings: Settings) -> int:
    """Seconds without a touch before the kiosk resets while speech output is on."""
    seconds = settings.speech.idle_timeout_seconds
    return seconds or 2 * settings.kiosk.idle_timeout_seconds


def _suggest(word: str, known: dict[str, Any]) -> str:
    return did_you_mean(word, known)


LAST_GOOD_NAME = "settings.last-good.toml"
_LAST_GOOD_HEADER = "# kiosk: the last settings that loaded from "


def last_good_path() -> Path:
    """Where the copy of the last settings that loaded is kept: beside the cache."""
    return paths.cache_dir() / LAST_GOOD_NAME


def load_settings(path: Path | None, last_good: Path | None = None,
                  save_last_good: bool = True) -> Settings:
    """Load settings from ``path`` (None: built-in defaults). Never raises.

    With ``last_good``: a file that reads and parses as TOML is copied there
    (atomically, only when it changed); a file that cannot be read or parsed (a
    syntax error, not UTF-8, missing) is replaced by that copy, if it was taken from
    the same path, and ``fallback`` and a problem say so. Key-level problems never
    need the copy: each bad key falls back to its default.
    """
    if path is None:
        return Settings()
    from kiosk.textfile import parse_toml

    source = str(path)
    try:
        text = read_settings_text(path)
        data = parse_toml(text, source)
    except StaffFileError as exc:
        failed = Problem(source, exc.line, "", exc.message)
        copy = _read_last_good(last_good, path) if last_good is not None else None
        if copy is None:
            return Settings(problems=(failed,))
        copy_text, saved = copy
        label = f"{source} (last good copy)"
        try:
            copy_data = parse_toml(copy_text, label)
        except StaffFileError:  # a damaged copy is no copy
            return Settings(problems=(failed,))
        settings = _validate(copy_data, copy_text, label, _folder_of(path))
        fallback = (f"{source} cannot be used ({exc.message}); the kiosk runs on the last "
                    f"settings that loaded from it, saved {saved} in {last_good}. Fix the "
                    "file, check it with `kiosk check-config`, then restart the kiosk.")
        note = Problem(source, None, "", f"running on the last good copy saved {saved}, "
                                         "not on this file")
        return settings._replace(source=path, fallback=fallback,
                                 problems=(failed, note, *settings.problems))
    settings = _validate(data, text, source, _folder_of(path))
    if last_good is not None and save_last_good:
        _save_last_good(last_good, path, text)
    return settings


def _folder_of(path: Path) -> Path:
    try:
        return path.resolve().parent
    except (OSError, RuntimeError):  # a symlink loop; the file was read, so rarely
        return path.absolute().parent


def _copy_header(path: Path) -> str:
    # repr(): one line whatever the path holds, and the same path gives the same line.
    return _LAST_GOOD_HEADER + repr(str(_folder_of(path) / path.name)) + "\n"


def _read_last_good(copy: Path, path: Path) -> tuple[str, str] | None:
    """(text, when saved) of the last good copy of ``path``, or None."""
    import datetime as dt

    from kiosk.textfile import read_text

    try:
        text = read_text(copy, MAX_SETTINGS_BYTES + 4096, "settings copy")
        saved = dt.datetime.fromtimestamp(copy.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    except (StaffFileError, OSError, ValueError, OverflowError):
        return None
    header, _, body = text.partition("\n")
    if header + "\n" != _copy_header(path):
        return None  # a copy of another settings file
    return body, saved


def _save_last_good(copy: Path, path: Path, text: str) -> None:
    """Keep ``text`` as the last good copy; a failure is logged, never raised."""
    import logging

    content = _copy_header(path) + text
    try:
        from kiosk.textfile import read_text

        if read_text(copy, MAX_SETTINGS_BYTES + 4096, "settings copy") == content:
            return
    except StaffFileError:
        pass
    from kiosk.atomic import remove_stale_temps, write_text

    try:
        copy.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temps(copy.parent, copy.name, older_than_seconds=60)
        write_text(copy, content, mode=0o600)  # it may hold the PIN hash
    except OSError as exc:
        logging.getLogger("kiosk.settings").warning(
            "cannot keep a copy of the settings in %s: %s", copy, exc.strerror or exc)


def find_settings_path(explicit: str | os.PathLike[str] | None) -> Path | None:
    """--config, else $KIOSK_CONFIG, else kiosk.toml in the platform config folder, else None."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("KIOSK_CONFIG")
    if env:
        return Path(env)
    default = paths.default_settings_path()
    return default if default.is_file() else None
