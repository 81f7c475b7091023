"""Loading a content pack: one folder per language, one Markdown page per file.

``load_pack`` never raises. A page it cannot use is skipped, logged and listed
in ``Pack.problems``; a configured pack with no usable page at all is replaced
by the built-in pack (``Pack.fell_back``), so the kiosk always has something to
show and staff can see why.
"""

from __future__ import annotations

import logging
import os
import re
import stat
import time
import zlib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from kiosk.content.model import ICONS, KINDS, Card, CardGroup, ContentProblem, Page, Term
from kiosk.languages import SOURCE_LANGUAGE
from kiosk.textfile import closest

if TYPE_CHECKING:
    from datetime import datetime

    from kiosk.content.render import Renderer

# The renderer (Markdown and its extensions) is imported where a page is rendered:
# a kiosk starting from the rendered-pack cache never needs it.

log = logging.getLogger("kiosk.content")

FENCE = "+++"
MAX_PAGE_BYTES = 256 * 1024
LANG_DIR_RE = re.compile(r"^[a-z]{2,3}(?:[_-][A-Za-z]{2,4})?$")
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

REQUIRED_KEYS = ("id", "title", "order", "kind", "summary", "icon", "sources",
                 "reviewed_by", "reviewed_on")
OPTIONAL_KEYS = ("content_warning", "reviewed_fingerprint")
MAX_SCAN_DEPTH = 16  # folders deeper than this inside a pack are not content
FINGERPRINT_RE = re.compile(r"^[0-9a-f]{12}$")
KNOWN_KEYS = REQUIRED_KEYS + OPTIONAL_KEYS

# "- **Name** - explanation" (also en/em dash or colon; the dash may sit inside the bold).
LIST_ITEM_RE = re.compile(r"^ {0,3}(?:[-*+]|\d{1,3}[.)])\s+(.*)$")
CARD_RE = re.compile(r"^\*\*(?P<name>.+?)\*\*\s*(?:[-\u2013\u2014:]\s*)?(?P<text>.*)$")
GROUP_HEADING_RE = re.compile(r"^ {0,3}##\s+(.+?)\s*#*\s*$")
HEADING_RE = re.compile(r"^ {0,3}#{1,6}(\s|$)")
CODE_FENCE_RE = re.compile(r"^ {0,3}(```|~~~)")


# --- reading one file ------------------------------------------------------------


class FileRefused(Exception):
    """A file the pack will not read (not a regular file, too big, unreadable)."""


def read_staff_bytes(path: Path, limit: int, what: str = "page") -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; FileRefused otherwise.

    The one place pages and glossaries are read, through kiosk.textfile (the reader of
    every staff file): opened without blocking on a FIFO, refused by fstat unless it is
    a regular file, capped by bytes actually read, never by st_size.
    """
    from kiosk.textfile import StaffFileError, read_bytes

    try:
        return read_bytes(path, limit, what)
    except StaffFileError as exc:
        message = exc.message
        try:  # a socket cannot even be opened (ENXIO): say what it is
            if stat.S_ISSOCK(os.stat(path).st_mode):
                message = f"is a socket, expected a {what}"
        except OSError:
            pass
        raise FileRefused(message) from None


def display_path(path: Path | str) -> str:
    """A path as one printable line: bytes that are not UTF-8 become U+FFFD, and line
    breaks or other control characters in a name are shown escaped (\\n)."""
    text = os.fspath(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def name_problem(path: Path) -> str | None:
    """Why a file's name cannot be used (not UTF-8), or None."""
    try:
        os.fspath(path).encode("utf-8")
    except UnicodeEncodeError:
        return "the file name is not valid UTF-8 (often from a ZIP made on Windows); rename it"
    return None


def outside_pack_problem(path: Path, pack_dir: Path) -> str | None:
    """Why ``path`` (a symbolic link, or inside one) leads outside the pack, or None."""
    try:
        root = pack_dir.resolve()
        target = path.resolve()
    except (OSError, RuntimeError, ValueError):
        return "cannot resolve the file's path (a symbolic link loop?)"
    if root not in target.parents:
        return "the file is a symbolic link leading outside the content pack; it is not read"
    return None


def decode_text(data: bytes, problem: Any) -> str | None:
    """UTF-8 text of ``data`` (BOM dropped, line endings made \\n); None after reporting
    a NUL byte or each line that is not UTF-8 through ``problem(line, message)``."""
    if b"\x00" in data:
        line = data[: data.index(0)].count(b"\n") + 1
        problem(line, "binary data (NUL byte), expected a UTF-8 text file")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        for number, raw in enumerate(data.split(b"\n"), start=1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                problem(number, f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); "
                                "save the file as UTF-8")
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


class SourceFile:
    """A page file read as text and split into front matter and body."""

    def __init__(self, path: Path, lang: str) -> None:
        self.path = path
        self.lang = lang
        self.text = ""
        self.meta: dict[str, Any] = {}
        self.key_lines: dict[str, int] = {}
        self.body = ""
        self.body_line = 1  # line number (1-based) of the body's first line
        self.problems: list[ContentProblem] = []
        self.readable = False  # text decoded and front matter parsed as TOML

    def problem(self, line: int | None, message: str, severity: str = "error") -> None:
        self.problems.append(ContentProblem(display_path(self.path), line, message,
                                            "warning" if severity == "warning" else "error"))


def read_source(path: Path, lang: str, pack_dir: Path | None = None) -> SourceFile:
    """Read and split one page file; every problem found is kept, nothing raises.

    With ``pack_dir``, a page that resolves outside it (a symbolic link) is refused.
    """
    src = SourceFile(path, lang)
    refusal = name_problem(path) or (outside_pack_problem(path, pack_dir) if pack_dir else None)
    if refusal:
        src.problem(None, refusal)
        return src
    try:
        data = read_staff_bytes(path, MAX_PAGE_BYTES)
    except FileRefused as exc:
        src.problem(None, str(exc))
        return src
    text = decode_text(data, src.problem)
    if text is None:
        return src
    src.text = text
    _split_front_matter(src)
    return src


def _split_front_matter(src: SourceFile) -> None:
    import tomllib

    lines = src.text.split("\n")
    if not lines or lines[0].strip() != FENCE:
        src.problem(1, f"no front matter: a page must start with a '{FENCE}' line, then TOML "
                       f"keys, then another '{FENCE}' line")
        return
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == FENCE)
    except StopIteration:
        src.problem(1, f"front matter is not closed: add a '{FENCE}' line after the keys")
        return
    toml_text = "\n".join(lines[1:end])
    try:
        src.meta = tomllib.loads(toml_text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        line = int(m.group(1)) + 1 if m else 1
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        src.problem(line, f"front matter TOML error: {message}")
        return
    except ValueError:  # tomllib's int() refuses more than sys.get_int_max_str_digits() digits
        src.problem(_first_line(lines, 1, end, re.compile(r"[0-9_]{1000}")),
                    "front matter TOML error: a number has too many digits")
        return
    except RecursionError:
        src.problem(_first_line(lines, 1, end, re.compile(r"[\[{]{100}")),
                    "front matter TOML error: lists or tables nested too deeply")
        return
    src.key_lines = _key_lines(lines[1:end], offset=2)
    src.body = "\n".join(lines[end + 1:])
    src.body_line = end + 2
    src.readable = True


def _first_line(lines: list[str], start: int, end: int, pattern: re.Pattern[str]) -> int:
    """1-based number of the first of lines[start:end] that ``pattern`` finds, else start + 1."""
    return next((i + 1 for i in range(start, end) if pattern.search(lines[i])), start + 1)


def _key_lines(lines: list[str], offset: int) -> dict[str, int]:
    key = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*=""")
    found: dict[str, int] = {}
    for number, raw in enumerate(lines, start=offset):
        if raw.lstrip().startswith("["):
            break  # a table header: later keys are not top-level
        if m := key.match(raw):
            found.setdefault(m.group(1).strip("\"'"), number)
    return found


def validate_meta(src: SourceFile) -> dict[str, Any] | None:
    """Check front matter keys and types; return clean values, or None if the page is unusable."""
    meta, lines = src.meta, src.key_lines
    clean: dict[str, Any] = {}
    ok = True

    def bad(key: str, message: str) -> None:
        nonlocal ok
        ok = False
        src.problem(lines.get(key, 1), f"{key}: {message}")

    for key in REQUIRED_KEYS:
        if key not in meta:
            ok = False
            src.problem(1, f"front matter is missing the required key '{key}'")
    for key in meta:
        if key not in KNOWN_KEYS:
            close = closest(key, KNOWN_KEYS)
            hint = f"; did you mean '{close}'?" if close is not None else ""
            src.problem(lines.get(key, 1), f"unknown front matter key {key!r}{hint}", "warning")

    for key in ("id", "title", "kind", "summary", "icon", "reviewed_by", "content_warning",
                "reviewed_fingerprint"):
        if key in meta and not isinstance(meta[key], str):
            bad(key, f"expected a string, got {_describe(meta[key])}")
        elif key in meta:
            clean[key] = meta[key].strip()
    if "id" in clean and not ID_RE.match(clean["id"]):
        bad("id", f"{clean['id']!r} is not a page id: use lower-case letters, digits and "
                  "single hyphens, e.g. 'what-is-ptsd'")
    if "title" in clean and not clean["title"]:
        bad("title", "must not be empty")
    if "summary" in clean:
        if not clean["summary"]:
            bad("summary", "must not be empty (it is the one line on the home tile)")
        elif "\n" in clean["summary"]:
            bad("summary", "must be one line (it is shown on the home tile)")
    if "kind" in clean and clean["kind"] not in KINDS:
        bad("kind", f"expected one of {', '.join(KINDS)}, got {clean['kind']!r}")
    if "icon" in clean and clean["icon"] not in ICONS:
        bad("icon", f"expected one of {', '.join(ICONS)}, got {clean['icon']!r}")
    if "order" in meta:
        value = meta["order"]
        if isinstance(value, bool) or not isinstance(value, int):
            bad("order", f"expected a whole number, got {_describe(value)}")
        elif not -(2**63) <= value < 2**63:  # TOML's own limit; str() of a huge one raises
            bad("order", "expected a whole number that fits in 64 bits, got a huge number")
        else:
            clean["order"] = value
    if "sources" in meta:
        value = meta["sources"]
        if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
            bad("sources", f"expected a list of strings, got {_describe(value)}")
        else:
            clean["sources"] = tuple(x.strip() for x in value if x.strip())
    if "reviewed_on" in meta:
        from datetime import date, datetime

        value = meta["reviewed_on"]
        if isinstance(value, date) and not isinstance(value, datetime):
            clean["reviewed_on"] = value.isoformat()
        elif not isinstance(value, str):
            bad("reviewed_on", f"expected a date string like \"2025-01-31\" or \"\", "
                               f"got {_describe(value)}")
        elif value.strip() and not _valid_date(value.strip()):
            bad("reviewed_on", f"expected a date like \"2025-01-31\" or \"\", got {value!r}")
        else:
            clean["reviewed_on"] = value.strip()
    if clean.get("reviewed_fingerprint") and not FINGERPRINT_RE.match(
            clean["reviewed_fingerprint"]):
        # Not a reason to hide the page: the review just no longer counts.
        src.problem(lines.get("reviewed_fingerprint", 1),
                    "reviewed_fingerprint: expected 12 hex digits written by 'kiosk content "
                    "approve'; the review counts as changed", "warning")
        clean["reviewed_fingerprint"] = ""
    clean.setdefault("content_warning", "")
    clean.setdefault("reviewed_fingerprint", "")
    return clean if ok else None


def _valid_date(text: str) -> bool:
    from datetime import date

    if not DATE_RE.match(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _describe(value: Any) -> str:
    names = {bool: "a boolean", int: "a whole number", float: "a number", str: "a string",
             list: "a list", dict: "a table"}
    kind = names.get(type(value), type(value).__name__)
    try:
        text = repr(value)
    except (ValueError, RecursionError):  # a huge int, or one inside a list
        return f"{kind} (too long to show)"
    return f"{kind} ({text if len(text) <= 40 else text[:37] + '...'})"


# --- list pages -----------------------------------------------------------------


class ListParse(NamedTuple):
    intro: str
    groups: list[tuple[str, list[tuple[str, str, int, str]]]]  # heading, [(name, text, line, raw)]
    stray: list[int]  # body line indexes (0-based) of text inside a group that is not a card
    odd_items: list[int]  # list items that are not "**Name** - text"


def parse_list_body(body: str) -> ListParse:
    """Split a list page's body into intro Markdown and ``##`` groups of card items."""
    from kiosk.content.render import strip_inline

    lines = body.split("\n")
    intro: list[str] = []
    groups: list[tuple[str, list[tuple[str, str, int, str]]]] = []
    stray: list[int] = []
    odd: list[int] = []
    in_code = False
    current_item: list[str] = []
    item_line = 0

    def flush() -> None:
        nonlocal current_item
        if current_item and groups:
            raw = " ".join(part.strip() for part in current_item)
            m = CARD_RE.match(raw)
            if m:
                name = strip_inline(m.group("name")).rstrip(" -:\u2013\u2014")
                groups[-1][1].append((name, strip_inline(m.group("text")), item_line,
                                      m.group("text")))
            else:
                odd.append(item_line)
                groups[-1][1].append((strip_inline(raw), "", item_line, ""))
        current_item = []

    for index, line in enumerate(lines):
        if CODE_FENCE_RE.match(line):
            in_code = not in_code
        heading = None if in_code else GROUP_HEADING_RE.match(line)
        if heading:
            flush()
            groups.append((strip_inline(heading.group(1)), []))
            continue
        if not groups:
            intro.append(line)
            continue
        item = None if in_code else LIST_ITEM_RE.match(line)
        if item:
            flush()
            current_item, item_line = [item.group(1)], index
        elif not line.strip():
            flush()
        elif current_item and (line.startswith((" ", "\t")) or not HEADING_RE.match(line)):
            current_item.append(line)  # a wrapped item line
        else:
            stray.append(index)
    flush()
    return ListParse("\n".join(intro).strip("\n"), groups, stray, odd)


# --- the pack --------------------------------------------------------------------


class Pack:
    """Pages by language, the problems met while loading, and where they came from."""

    def __init__(self, source_dir: Path, pages: dict[str, list[Page]],
                 problems: list[ContentProblem], *, is_builtin: bool, fell_back: bool = False,
                 version: str = "", loaded_time: float | None = None,
                 glossaries: Mapping[str, Mapping[str, Term]] | None = None) -> None:
        self.source_dir = source_dir
        self._glossaries = {lang: dict(entries) for lang, entries in (glossaries or {}).items()}
        self.is_builtin = is_builtin
        self.fell_back = fell_back
        self.problems = problems
        self.version = version
        self.loaded_time = time.time() if loaded_time is None else loaded_time
        self._pages = {lang: sorted(items, key=lambda p: (p.order, p.id))
                       for lang, items in pages.items() if items}
        self._by_id = {lang: {p.id: p for p in items} for lang, items in self._pages.items()}

    @property
    def loaded_at(self) -> datetime:
        """When this pack was loaded, in local time."""
        from datetime import datetime  # not needed to start the kiosk

        return datetime.fromtimestamp(self.loaded_time)

    @property
    def languages(self) -> list[str]:
        """Languages with at least one page, the source language (English) first."""
        return sorted(self._pages, key=lambda code: (code != SOURCE_LANGUAGE, code))

    # The fall-backs below are documented (docs/content.md) and reported: loading adds a
    # warning to ``problems`` for every page or glossary a language lacks.

    def pages(self, lang: str) -> list[Page]:
        """Pages of ``lang`` by order; the source language's when ``lang`` has none."""
        items = self._pages.get(lang) or self._pages.get(SOURCE_LANGUAGE) or []
        return list(items)

    def page(self, lang: str, page_id: str) -> Page | None:
        """The page ``page_id`` in ``lang``, else its source-language version, else None."""
        found = self._by_id.get(lang, {}).get(page_id)
        if found is None and lang != SOURCE_LANGUAGE:
            found = self._by_id.get(SOURCE_LANGUAGE, {}).get(page_id)
        return found

    def glossary(self, lang: str) -> Mapping[str, Term]:
        """Glossary entries of ``lang`` by id; the source language's when it has none."""
        from types import MappingProxyType

        found = self._glossaries.get(lang)
        if not found and lang != SOURCE_LANGUAGE:
            found = self._glossaries.get(SOURCE_LANGUAGE)
        return MappingProxyType(found or {})

    @property
    def glossary_languages(self) -> list[str]:
        return sorted(self._glossaries)

    def all_pages(self) -> Iterator[Page]:
        for lang in self.languages:
            yield from self._pages[lang]

    def __repr__(self) -> str:
        counts = ", ".join(f"{lang}={len(self._pages[lang])}" for lang in self.languages)
        return f"<Pack {self.source_dir} {counts} version={self.version}>"


def language_dirs(directory: Path) -> list[Path]:
    """Sub-folders named like a language code ('en', 'es', 'pt-BR'), sorted."""
    found: list[Path] = []
    try:
        with os.scandir(directory) as entries:
            for entry in entries:
                try:
                    if LANG_DIR_RE.match(entry.name) and entry.is_dir():
                        found.append(Path(entry.path))
                except OSError:
                    continue
    except OSError:
        return []
    return sorted(found)


def page_files(lang_dir: Path) -> list[Path]:
    """The ``.md`` entries of a language folder, any name (the loader refuses bad ones).

    Entries that are not regular files (FIFOs, sockets) are listed too, so the reader
    refuses them with a problem rather than the page silently vanishing; folders are not.
    """
    found: list[Path] = []
    try:
        with os.scandir(lang_dir) as entries:
            for entry in entries:
                if not entry.name.lower().endswith(".md") or entry.name.startswith("."):
                    continue
                try:
                    if entry.is_dir():
                        continue
                except OSError:
                    pass
                found.append(Path(entry.path))
    except OSError:
        return []
    return sorted(found)


def _crc(lines: Iterable[str]) -> str:
    """CRC-32 of ``lines``: a change detector, not a security hash (zlib is loaded
    anyway; hashlib would load OpenSSL, ~8 ms of the kiosk's start-up)."""
    value = 0
    for line in lines:
        value = zlib.crc32(line.encode("utf-8", "surrogateescape"), value)
    return f"{value:08x}"


def scan_files(directory: Path, max_depth: int = MAX_SCAN_DEPTH) -> Iterator[tuple[str, Any]]:
    """(relative posix name, stat result) of every visible file under ``directory``.

    Iterative (no recursion limit), never follows a linked folder, ignores hidden
    entries (editor swap files, .git), stops at ``max_depth`` folders deep and tolerates
    any name, including bytes that are not UTF-8. Sorted by name.
    """
    stack: list[tuple[str, str, int]] = [(os.fspath(directory), "", 0)]
    found: list[tuple[str, Any]] = []
    while stack:
        folder, prefix, depth = stack.pop()
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.name.startswith("."):
                        continue
                    name = prefix + entry.name
                    try:
                        if entry.is_dir(follow_symlinks=False):
                            if depth + 1 < max_depth:
                                stack.append((entry.path, name + "/", depth + 1))
                            continue
                        st = entry.stat()
                    except OSError:
                        continue
                    if stat.S_ISREG(st.st_mode):
                        found.append((name, st))
        except OSError:
            continue
    found.sort(key=lambda item: item[0])
    return iter(found)


def pack_version(directory: Path) -> str:
    """Short checksum of every file's relative name, mtime and size: changes when the pack does."""
    return _crc(f"{name}\0{st.st_mtime_ns}\0{st.st_size}\n" for name, st in scan_files(directory))


def load_glossary(lang_dir: Path) -> tuple[dict[str, Term], list[ContentProblem]]:
    """The glossary of one language folder (none: empty, no problem)."""
    from kiosk.content.glossary import MAX_GLOSSARY_BYTES, glossary_path, parse_glossary

    path = glossary_path(lang_dir)
    if not os.path.lexists(path):
        return {}, []
    shown = display_path(path)
    problems: list[ContentProblem] = []

    def problem(line: int | None, message: str) -> None:
        problems.append(ContentProblem(shown, line, message))

    refusal = outside_pack_problem(path, lang_dir.parent)
    if refusal:
        return {}, [ContentProblem(shown, None, refusal)]
    try:
        data = read_staff_bytes(path, MAX_GLOSSARY_BYTES, "glossary")
    except FileRefused as exc:
        return {}, [ContentProblem(shown, None, str(exc))]
    text = decode_text(data, problem)
    if text is None:
        return {}, problems
    return parse_glossary(text, shown)


def _card_html(raw: str, pack_dir: Path, base: Path, renderer: Renderer,
               budget: float | None) -> str:
    """A card's text as inline safe HTML when it marks a glossary term, else ''."""
    if "term:" not in raw:
        return ""
    markup = renderer.render(raw, pack_dir, base, budget_s=budget).strip()
    if markup.startswith("<p>") and markup.endswith("</p>") and markup.count("<p>") == 1:
        markup = markup[3:-4]
    return markup


def build_page(src: SourceFile, meta: dict[str, Any], pack_dir: Path, renderer: Renderer,
               budget_s: float | None = None) -> Page:
    """Render a validated page within ``budget_s`` seconds of CPU time (None: no limit).

    Raises RenderRefused or RenderBudgetExceeded (kiosk.content.render) for a page the
    kiosk must not show.
    """
    from kiosk.content.glossary import used_terms
    from kiosk.content.render import RenderBudgetExceeded, html_to_text

    if budget_s is None:
        def left() -> float | None:
            return None
    else:
        limit = budget_s
        deadline = time.thread_time() + limit

        def left() -> float | None:
            remaining = deadline - time.thread_time()
            if remaining <= 0:
                raise RenderBudgetExceeded(f"rendering took over {limit * 1000:.0f} ms")
            return remaining

    body = src.body
    base = src.path.parent
    html = renderer.render(body, pack_dir, base, budget_s=left())
    groups: tuple[CardGroup, ...] = ()
    intro_html = ""
    if meta["kind"] == "list":
        parsed = parse_list_body(body)
        intro_html = (renderer.render(parsed.intro, pack_dir, base, budget_s=left())
                      if parsed.intro.strip() else "")
        groups = tuple(
            CardGroup(heading, tuple(
                Card(name, text, _card_html(raw, pack_dir, base, renderer, left()))
                for name, text, _, raw in items))
            for heading, items in parsed.groups
        )
    plain = meta["title"] + "\n" + html_to_text(html)
    return Page(
        id=meta["id"], title=meta["title"], order=meta["order"], kind=meta["kind"],
        summary=meta["summary"], icon=meta["icon"], sources=meta["sources"],
        reviewed_by=meta["reviewed_by"], reviewed_on=meta["reviewed_on"],
        content_warning=meta["content_warning"], lang=src.lang, path=src.path, body=body,
        html=html, groups=groups, intro_html=intro_html, plain_text=plain.strip(),
        terms=used_terms(html), reviewed_fingerprint=meta["reviewed_fingerprint"],
    )


def render_source(src: SourceFile, meta: dict[str, Any], pack_dir: Path, renderer: Renderer,
                  budget_s: float | None) -> Page | None:
    """build_page that never raises: a refused, slow or failing page is a problem on ``src``."""
    from kiosk.content.render import RenderBudgetExceeded, RenderRefused

    try:
        return build_page(src, meta, pack_dir, renderer, budget_s)
    except RenderRefused as exc:
        src.problem(None, f"page structure the kiosk refuses to render: {exc}")
    except RenderBudgetExceeded as exc:
        src.problem(None, f"{exc}: the kiosk skips this page; simplify its Markdown")
    except Exception as exc:  # a renderer bug on odd input must cost one page, not the kiosk
        log.exception("cannot render %s", display_path(src.path))
        src.problem(None, f"cannot render the page ({exc.__class__.__name__}: {exc})")
    return None


def load_page(path: Path, lang: str, pack_dir: Path, renderer: Renderer | None = None, *,
              budget_s: float | None = None) -> tuple[Page | None, list[ContentProblem]]:
    """Read, validate and render one page file; None (with problems) if it is unusable."""
    from kiosk.content.render import Renderer

    src = read_source(path, lang, pack_dir)
    meta = validate_meta(src) if src.readable else None
    if meta is None:
        return None, src.problems
    page = render_source(src, meta, pack_dir, renderer or Renderer(), budget_s)
    return page, src.problems


def _load_dir(directory: Path, *, is_builtin: bool, budget_s: float | None) -> Pack:
    if not directory.is_dir():
        problem = ContentProblem(display_path(directory), None, "content folder not found")
        return Pack(directory, {}, [problem], is_builtin=is_builtin)
    stamp = _cache_stamp(directory)
    cached = _read_cache(directory, stamp, is_builtin)
    if cached is not None:
        for problem in cached.problems:
            log.warning("content: %s", problem)
        return cached
    from kiosk.content.render import Renderer

    # A Renderer of its own: loading may run on a worker thread while the UI renders.
    pack = _load_dir_with(directory, Renderer(), is_builtin=is_builtin, budget_s=budget_s)
    _write_cache(directory, stamp, pack)
    return pack


# --- the rendered-pack cache ---------------------------------------------------
#
# Rendering every page costs ~100 ms plus ~40 ms to import Markdown; the kiosk
# starts far faster from the rendered pack kept in its own cache folder. The stamp
# covers every pack file (name, mtime, size) and the renderer's own code, so any
# change to either renders afresh. The cache is only ever a speed-up: any problem
# reading or writing it is logged and ignored.
#
# The file holds plain tuples, strings and numbers written with marshal: unlike
# pickle it runs no code when read and needs no import (pickle's costs ~5 ms of
# start-up); the records are NamedTuples, so they turn into tuples and back.

_CACHE_FORMAT = "3"  # 3: Page.terms, Page.reviewed_fingerprint, Card.html, glossaries


def _cache_file(directory: Path) -> Path:
    from kiosk import paths

    return paths.cache_dir() / "content" / f"{_crc([str(directory.resolve())])}.cache"


def _cache_stamp(directory: Path) -> str:
    from kiosk import __version__

    def lines() -> Iterator[str]:
        for module in sorted(Path(__file__).parent.glob("*.py")):
            try:
                st = module.stat()
            except OSError:
                continue
            yield f"{module.name}\0{st.st_mtime_ns}\0{st.st_size}\n"

    return f"{_CACHE_FORMAT}:{__version__}:{_crc(lines())}:{pack_version(directory)}"


_PATH = Page._fields.index("path")
_GROUPS = Page._fields.index("groups")


def _page_to_plain(page: Page) -> tuple[Any, ...]:
    fields: list[Any] = list(page)
    fields[_PATH] = str(page.path)
    fields[_GROUPS] = tuple((g.heading, tuple(tuple(c) for c in g.cards)) for g in page.groups)
    return tuple(fields)


def _page_from_plain(fields: tuple[Any, ...]) -> Page:
    values = list(fields)
    values[_PATH] = Path(values[_PATH])
    values[_GROUPS] = tuple(CardGroup(heading, tuple(Card(*card) for card in cards))
                            for heading, cards in values[_GROUPS])
    return Page(*values)


def _pack_to_plain(stamp: str, pack: Pack) -> tuple[Any, ...]:
    return (stamp, str(pack.source_dir), pack.fell_back, pack.version,
            tuple(tuple(problem) for problem in pack.problems),
            {lang: tuple(_page_to_plain(p) for p in pack.pages(lang)) for lang in pack.languages},
            {lang: tuple(tuple(t) for t in pack.glossary(lang).values())
             for lang in pack.glossary_languages})


def _pack_from_plain(data: tuple[Any, ...], stamp: str, is_builtin: bool) -> Pack | None:
    saved_stamp, source_dir, fell_back, version, problems, pages, glossaries = data
    if saved_stamp != stamp:
        return None
    return Pack(Path(source_dir),
                {lang: [_page_from_plain(p) for p in items] for lang, items in pages.items()},
                [ContentProblem(*problem) for problem in problems],
                is_builtin=is_builtin, fell_back=fell_back, version=version,
                glossaries={lang: {t[0]: Term(*t) for t in terms}
                            for lang, terms in glossaries.items()})


def cached_pack(directory: Path | None = None, *, current_only: bool = True) -> Pack | None:
    """The rendered pack kept in the cache for ``directory`` (None: the built-in pack),
    without rendering anything: only when it is current (files and renderer unchanged), or
    with ``current_only=False`` the last one rendered, however old. None when there is none.

    The kiosk starts on this and renders the folder on a worker (kiosk/ui/app.py).
    """
    import marshal

    from kiosk import paths

    try:
        builtin = paths.builtin_content_dir()
        folder = Path(directory) if directory is not None else builtin
        is_builtin = _same_dir(folder, builtin)
        if current_only:
            return _read_cache(folder, _cache_stamp(folder), is_builtin)
        data = marshal.loads(_cache_file(folder).read_bytes())
        return _pack_from_plain(data, data[0], is_builtin)
    except FileNotFoundError:
        return None
    except Exception as exc:  # a torn or foreign cache file, an unreadable folder
        log.info("content: no usable cached pack (%s)", exc.__class__.__name__)
        return None


def _read_cache(directory: Path, stamp: str, is_builtin: bool = False) -> Pack | None:
    import marshal

    try:
        data = marshal.loads(_cache_file(directory).read_bytes())
        return _pack_from_plain(data, stamp, is_builtin)
    except FileNotFoundError:
        return None
    except Exception as exc:  # a torn or foreign cache file: render afresh
        log.info("content: ignoring the pack cache (%s)", exc.__class__.__name__)
        return None


def _write_cache(directory: Path, stamp: str, pack: Pack) -> None:
    import marshal

    from kiosk import atomic

    target = _cache_file(directory)
    try:
        data = marshal.dumps(_pack_to_plain(stamp, pack))
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic.write_bytes(target, data)
    except Exception as exc:
        log.info("content: cannot write the pack cache (%s)", exc)


def _load_dir_with(directory: Path, renderer: Renderer, *, is_builtin: bool,
                   budget_s: float | None = None) -> Pack:
    problems: list[ContentProblem] = []
    pages: dict[str, list[Page]] = {}
    glossaries: dict[str, dict[str, Term]] = {}
    langs = language_dirs(directory)
    if not langs:
        problems.append(ContentProblem(display_path(directory), None,
                                       "no language folders (such as en/) with .md pages"))
    for lang_dir in langs:
        lang = lang_dir.name
        entries, glossary_problems = load_glossary(lang_dir)
        problems.extend(glossary_problems)
        if entries:
            glossaries[lang] = entries
        seen: dict[str, Path] = {}
        for path in page_files(lang_dir):
            page, page_problems = load_page(path, lang, directory, renderer, budget_s=budget_s)
            problems.extend(page_problems)
            if page is None:
                log.error("content: skipped %s: %s", display_path(path),
                          "; ".join(p.message for p in page_problems if p.is_error))
                continue
            if page.id in seen:
                message = (f"duplicate page id {page.id!r} (also in "
                           f"{display_path(seen[page.id].name)}); this file is skipped")
                problems.append(ContentProblem(display_path(path), None, message))
                log.error("content: %s: %s", display_path(path), message)
                continue
            seen[page.id] = path
            pages.setdefault(lang, []).append(page)
    problems.extend(_fall_back_problems(directory, pages, glossaries))
    for problem in problems:
        if not problem.is_error:
            log.warning("content: %s", problem)
    return Pack(directory, pages, problems, is_builtin=is_builtin,
                version=pack_version(directory), glossaries=glossaries)


def _fall_back_problems(directory: Path, pages: Mapping[str, list[Page]],
                        glossaries: Mapping[str, Mapping[str, Term]]) -> list[ContentProblem]:
    """A warning for each page or glossary a language lacks, which the kiosk shows in the
    source language instead (docs/content.md): the fall-back is reported, never silent."""
    source = SOURCE_LANGUAGE
    source_ids = [p.id for p in pages.get(source, [])]
    found: list[ContentProblem] = []
    for lang in sorted(pages):
        if lang == source:
            continue
        where = display_path(directory / lang)
        have = {p.id for p in pages[lang]}
        for page_id in source_ids:
            if page_id not in have:
                found.append(ContentProblem(
                    where, None, f"page {page_id!r} is missing in this language; the "
                                 f"{source}/ page is shown instead", "warning"))
        if source in glossaries and lang not in glossaries:
            found.append(ContentProblem(
                where, None, f"no glossary in this language; the {source}/ glossary is "
                             "shown instead", "warning"))
    return found


def _same_dir(a: Path, b: Path | None) -> bool:
    if b is None:
        return False
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def load_pack(directory: Path | None = None, *, budget_s: float | None = 0.2) -> Pack:
    """Load a content pack (None: the built-in one). Never raises; see Pack.problems.

    Safe on a worker thread (it shares no mutable state with other renders). A page whose
    rendering takes more than ``budget_s`` seconds of CPU time is skipped and reported.
    """
    try:
        return _load_pack(directory, budget_s)
    except Exception as exc:  # last guard: the kiosk must start; the log keeps the traceback
        log.exception("content: unexpected error loading %s", directory or "the built-in pack")
        where = display_path(directory) if directory else "built-in content"
        return Pack(Path(directory or "."), {}, [ContentProblem(
            where, None, f"unexpected error loading content: {exc.__class__.__name__}: {exc}")],
            is_builtin=directory is None)


def _load_pack(directory: Path | None, budget_s: float | None) -> Pack:
    from kiosk import paths

    builtin: Path | None
    builtin_problem: ContentProblem | None = None
    try:
        builtin = paths.builtin_content_dir()
    except OSError as exc:
        builtin = None
        builtin_problem = ContentProblem("built-in content", None, str(exc))
    if directory is None:
        if builtin is None:
            log.error("content: %s", builtin_problem)
            return Pack(Path("."), {}, [p for p in [builtin_problem] if p], is_builtin=True)
        return _load_dir(builtin, is_builtin=True, budget_s=budget_s)

    directory = Path(directory)
    pack = _load_dir(directory, is_builtin=_same_dir(directory, builtin), budget_s=budget_s)
    if pack.languages or builtin is None or pack.is_builtin:
        if not pack.languages:
            log.error("content: no usable page in %s", directory)
        return pack
    fallback = _load_dir(builtin, is_builtin=True, budget_s=budget_s)
    note = ContentProblem(display_path(directory), None,
                          f"no usable page in this content pack; showing the built-in pack "
                          f"({builtin}) instead")
    log.error("content: %s", note)
    return Pack(fallback.source_dir, {lang: fallback.pages(lang) for lang in fallback.languages},
                pack.problems + [note] + fallback.problems, is_builtin=True, fell_back=True,
                version=fallback.version, loaded_time=fallback.loaded_time,
                glossaries={lang: fallback.glossary(lang) for lang in fallback.glossary_languages})
