"""Loading a content pack: one folder per language, one Markdown page per file.

``load_pack`` never raises. A page it cannot use is skipped, logged and listed
in ``Pack.problems``; a configured pack with no usable page at all is replaced
by the built-in pack (``Pack.fell_back``), so the kiosk always has something to
show and staff can see why.
"""

from __future__ import annotations

import logging
import re
import time
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from kiosk.content.model import ICONS, KINDS, Card, CardGroup, ContentProblem, Page

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
OPTIONAL_KEYS = ("content_warning",)
KNOWN_KEYS = REQUIRED_KEYS + OPTIONAL_KEYS

# "- **Name** - explanation" (also en/em dash or colon; the dash may sit inside the bold).
LIST_ITEM_RE = re.compile(r"^ {0,3}(?:[-*+]|\d{1,3}[.)])\s+(.*)$")
CARD_RE = re.compile(r"^\*\*(?P<name>.+?)\*\*\s*(?:[-\u2013\u2014:]\s*)?(?P<text>.*)$")
GROUP_HEADING_RE = re.compile(r"^ {0,3}##\s+(.+?)\s*#*\s*$")
HEADING_RE = re.compile(r"^ {0,3}#{1,6}(\s|$)")
CODE_FENCE_RE = re.compile(r"^ {0,3}(```|~~~)")


# --- reading one file ------------------------------------------------------------


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
        self.problems.append(ContentProblem(str(self.path), line, message,
                                            "warning" if severity == "warning" else "error"))

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)


def read_source(path: Path, lang: str) -> SourceFile:
    """Read and split one page file; every problem found is kept, nothing raises."""
    src = SourceFile(path, lang)
    try:
        size = path.stat().st_size
        if size > MAX_PAGE_BYTES:
            src.problem(None, f"file is {size:,} bytes; a page may be at most "
                              f"{MAX_PAGE_BYTES // 1024} KB")
            return src
        data = path.read_bytes()
    except OSError as exc:
        src.problem(None, f"cannot read: {exc.strerror or exc}")
        return src
    if b"\x00" in data:
        line = data[: data.index(0)].count(b"\n") + 1
        src.problem(line, "binary data (NUL byte), expected a UTF-8 Markdown text file")
        return src
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        for number, raw in enumerate(data.split(b"\n"), start=1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                src.problem(number, f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); "
                                    "save the file as UTF-8")
        return src
    src.text = text.replace("\r\n", "\n").replace("\r", "\n")
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
            import difflib

            close = difflib.get_close_matches(key, KNOWN_KEYS, n=1, cutoff=0.6)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            src.problem(lines.get(key, 1), f"unknown front matter key {key!r}{hint}", "warning")

    for key in ("id", "title", "kind", "summary", "icon", "reviewed_by", "content_warning"):
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
    clean.setdefault("content_warning", "")
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
    groups: list[tuple[str, list[tuple[str, str, int]]]]  # heading, [(name, text, line)]
    stray: list[int]  # body line indexes (0-based) of text inside a group that is not a card
    odd_items: list[int]  # list items that are not "**Name** - text"


def parse_list_body(body: str) -> ListParse:
    """Split a list page's body into intro Markdown and ``##`` groups of card items."""
    from kiosk.content.render import strip_inline

    lines = body.split("\n")
    intro: list[str] = []
    groups: list[tuple[str, list[tuple[str, str, int]]]] = []
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
                groups[-1][1].append((name, strip_inline(m.group("text")), item_line))
            else:
                odd.append(item_line)
                groups[-1][1].append((strip_inline(raw), "", item_line))
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
                 version: str = "", loaded_time: float | None = None) -> None:
        self.source_dir = source_dir
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
        """Languages with at least one page, English first."""
        return sorted(self._pages, key=lambda code: (code != "en", code))

    def pages(self, lang: str) -> list[Page]:
        """Pages of ``lang`` by order; English when ``lang`` has none."""
        items = self._pages.get(lang) or self._pages.get("en") or []
        return list(items)

    def page(self, lang: str, page_id: str) -> Page | None:
        """The page ``page_id`` in ``lang``, else its English version, else None."""
        found = self._by_id.get(lang, {}).get(page_id)
        if found is None and lang != "en":
            found = self._by_id.get("en", {}).get(page_id)
        return found

    def all_pages(self) -> Iterator[Page]:
        for lang in self.languages:
            yield from self._pages[lang]

    def __repr__(self) -> str:
        counts = ", ".join(f"{lang}={len(self._pages[lang])}" for lang in self.languages)
        return f"<Pack {self.source_dir} {counts} version={self.version}>"


def language_dirs(directory: Path) -> list[Path]:
    """Sub-folders named like a language code ('en', 'es', 'pt-BR'), sorted."""
    try:
        return sorted(p for p in directory.iterdir() if p.is_dir() and LANG_DIR_RE.match(p.name))
    except OSError:
        return []


def page_files(lang_dir: Path) -> list[Path]:
    try:
        return sorted(p for p in lang_dir.iterdir()
                      if p.suffix.lower() == ".md" and not p.name.startswith(".") and p.is_file())
    except OSError:
        return []


def _crc(lines: Iterable[str]) -> str:
    """CRC-32 of ``lines``: a change detector, not a security hash (zlib is loaded
    anyway; hashlib would load OpenSSL, ~8 ms of the kiosk's start-up)."""
    value = 0
    for line in lines:
        value = zlib.crc32(line.encode(), value)
    return f"{value:08x}"


def pack_version(directory: Path) -> str:
    """Short checksum of every file's relative name, mtime and size: changes when the pack does."""
    try:
        # Hidden files and folders (editor swap files, .git, caches) are not content.
        files = sorted(p for p in directory.rglob("*") if p.is_file()
                       and not any(part.startswith(".") for part in p.relative_to(directory).parts))
    except OSError:
        files = []
    def lines() -> Iterator[str]:
        for path in files:
            try:
                st = path.stat()
            except OSError:
                continue
            yield f"{path.relative_to(directory).as_posix()}\0{st.st_mtime_ns}\0{st.st_size}\n"

    return _crc(lines())


def build_page(src: SourceFile, meta: dict[str, Any], pack_dir: Path, renderer: Renderer) -> Page:
    """Render a validated page."""
    from kiosk.content.render import html_to_text

    body = src.body
    base = src.path.parent
    html = renderer.render(body, pack_dir, base)
    groups: tuple[CardGroup, ...] = ()
    intro_html = ""
    if meta["kind"] == "list":
        parsed = parse_list_body(body)
        intro_html = renderer.render(parsed.intro, pack_dir, base) if parsed.intro.strip() else ""
        groups = tuple(
            CardGroup(heading, tuple(Card(name, text) for name, text, _ in items))
            for heading, items in parsed.groups
        )
    plain = meta["title"] + "\n" + html_to_text(html)
    return Page(
        id=meta["id"], title=meta["title"], order=meta["order"], kind=meta["kind"],
        summary=meta["summary"], icon=meta["icon"], sources=meta["sources"],
        reviewed_by=meta["reviewed_by"], reviewed_on=meta["reviewed_on"],
        content_warning=meta["content_warning"], lang=src.lang, path=src.path, body=body,
        html=html, groups=groups, intro_html=intro_html, plain_text=plain.strip(),
    )


def load_page(path: Path, lang: str, pack_dir: Path,
              renderer: Renderer | None = None) -> tuple[Page | None, list[ContentProblem]]:
    """Read, validate and render one page file; None (with problems) if it is unusable."""
    from kiosk.content.render import shared_renderer

    src = read_source(path, lang)
    meta = validate_meta(src) if src.readable else None
    if meta is None:
        return None, src.problems
    try:
        if renderer is None:
            with shared_renderer() as shared:
                page = build_page(src, meta, pack_dir, shared)
        else:
            page = build_page(src, meta, pack_dir, renderer)
    except Exception as exc:  # a renderer bug on odd input must cost one page, not the kiosk
        log.exception("cannot render %s", path)
        src.problem(None, f"cannot render the page ({exc.__class__.__name__}: {exc})")
        return None, src.problems
    return page, src.problems


def _load_dir(directory: Path, *, is_builtin: bool) -> Pack:
    if not directory.is_dir():
        problem = ContentProblem(str(directory), None, "content folder not found")
        return Pack(directory, {}, [problem], is_builtin=is_builtin)
    stamp = _cache_stamp(directory)
    cached = _read_cache(directory, stamp, is_builtin)
    if cached is not None:
        for problem in cached.problems:
            log.warning("content: %s", problem)
        return cached
    from kiosk.content.render import shared_renderer

    with shared_renderer() as renderer:
        pack = _load_dir_with(directory, renderer, is_builtin=is_builtin)
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

_CACHE_FORMAT = "2"


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
            {lang: tuple(_page_to_plain(p) for p in pack.pages(lang)) for lang in pack.languages})


def _pack_from_plain(data: tuple[Any, ...], stamp: str, is_builtin: bool) -> Pack | None:
    saved_stamp, source_dir, fell_back, version, problems, pages = data
    if saved_stamp != stamp:
        return None
    return Pack(Path(source_dir),
                {lang: [_page_from_plain(p) for p in items] for lang, items in pages.items()},
                [ContentProblem(*problem) for problem in problems],
                is_builtin=is_builtin, fell_back=fell_back, version=version)


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
    import os
    import tempfile

    target = _cache_file(directory)
    try:
        data = marshal.dumps(_pack_to_plain(stamp, pack))
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".pack-", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except Exception as exc:
        log.info("content: cannot write the pack cache (%s)", exc)


def _load_dir_with(directory: Path, renderer: Renderer, *, is_builtin: bool) -> Pack:
    problems: list[ContentProblem] = []
    pages: dict[str, list[Page]] = {}
    langs = language_dirs(directory)
    if not langs:
        problems.append(ContentProblem(str(directory), None,
                                       "no language folders (such as en/) with .md pages"))
    for lang_dir in langs:
        lang = lang_dir.name
        seen: dict[str, Path] = {}
        for path in page_files(lang_dir):
            page, page_problems = load_page(path, lang, directory, renderer)
            problems.extend(page_problems)
            if page is None:
                log.error("content: skipped %s: %s", path,
                          "; ".join(p.message for p in page_problems if p.is_error))
                continue
            if page.id in seen:
                message = (f"duplicate page id {page.id!r} (also in {seen[page.id].name}); "
                           "this file is skipped")
                problems.append(ContentProblem(str(path), None, message))
                log.error("content: %s: %s", path, message)
                continue
            seen[page.id] = path
            pages.setdefault(lang, []).append(page)
    for problem in problems:
        if not problem.is_error:
            log.warning("content: %s", problem)
    return Pack(directory, pages, problems, is_builtin=is_builtin,
                version=pack_version(directory))


def _same_dir(a: Path, b: Path | None) -> bool:
    if b is None:
        return False
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def load_pack(directory: Path | None = None) -> Pack:
    """Load a content pack (None: the built-in one). Never raises; see Pack.problems."""
    try:
        return _load_pack(directory)
    except Exception as exc:  # last guard: the kiosk must start; the log keeps the traceback
        log.exception("content: unexpected error loading %s", directory or "the built-in pack")
        where = str(directory) if directory else "built-in content"
        return Pack(Path(directory or "."), {}, [ContentProblem(
            where, None, f"unexpected error loading content: {exc.__class__.__name__}: {exc}")],
            is_builtin=directory is None)


def _load_pack(directory: Path | None) -> Pack:
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
        return _load_dir(builtin, is_builtin=True)

    directory = Path(directory)
    pack = _load_dir(directory, is_builtin=_same_dir(directory, builtin))
    if pack.languages or builtin is None or pack.is_builtin:
        if not pack.languages:
            log.error("content: no usable page in %s", directory)
        return pack
    fallback = _load_dir(builtin, is_builtin=True)
    note = ContentProblem(str(directory), None,
                          f"no usable page in this content pack; showing the built-in pack "
                          f"({builtin}) instead")
    log.error("content: %s", note)
    return Pack(fallback.source_dir, {lang: fallback.pages(lang) for lang in fallback.languages},
                pack.problems + [note] + fallback.problems, is_builtin=True, fell_back=True,
                version=fallback.version, loaded_time=fallback.loaded_time)
