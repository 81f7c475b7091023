"""Markdown to the small, safe HTML subset that QTextDocument shows.

Safety has two layers. First the Markdown parser itself is told not to pass raw
HTML through (its ``html_block`` preprocessor and ``html`` inline pattern are
removed, so ``<script>`` in a page becomes visible text), and a tree processor
rewrites every link and image. Then the output goes through an allow-list
serializer that rebuilds the HTML tag by tag, keeping only known tags and
attributes. A mistake in one layer is caught by the other.
"""

from __future__ import annotations

import html
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

    from markdown import Markdown

PAGE_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_SCHEME_RE = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")
EXTERNAL_SCHEMES = ("http", "https", "mailto", "tel")

# Tags the reader may show, with the attributes each may keep (values checked below).
ALLOWED: dict[str, frozenset[str]] = {
    "p": frozenset(), "h1": frozenset(), "h2": frozenset(), "h3": frozenset(),
    "ul": frozenset(), "ol": frozenset({"start"}), "li": frozenset(),
    "strong": frozenset(), "em": frozenset(), "code": frozenset(), "pre": frozenset(),
    "blockquote": frozenset(), "br": frozenset(), "hr": frozenset(),
    "table": frozenset(), "thead": frozenset(), "tbody": frozenset(), "tr": frozenset(),
    "th": frozenset({"align"}), "td": frozenset({"align"}),
    "a": frozenset({"href", "class"}), "img": frozenset({"src", "alt"}), "span": frozenset({"class"}),
}
RENAME = {"b": "strong", "i": "em", "h4": "h3", "h5": "h3", "h6": "h3"}
VOID = frozenset({"br", "hr", "img"})
# Whose content is never text for a reader: dropped with everything inside.
DROP_WITH_CONTENT = frozenset({
    "script", "style", "iframe", "object", "embed", "template", "noscript", "textarea",
    "title", "head", "svg", "math", "select", "frame", "frameset", "applet", "audio", "video",
})
SPAN_CLASSES = frozenset({"external", "image-alt"})
CLASSES = {"span": SPAN_CLASSES, "a": frozenset({"term"})}
TERM_CLASS = "term"  # a glossary word: the reader styles a.term (dotted underline, link colour)

# Render budget and the structure pre-scan (see structure_problem).
RENDER_BUDGET_S = 0.2
MAX_BRACKET_WORK = 1_000_000  # '[' count x block length, per blank-line-separated block
MAX_INDENT_COLUMNS = 64  # 16 levels of list nesting
MAX_MARKERS_ON_LINE = 8  # "- - - - x": each marker opens a nested list
MAX_QUOTE_DEPTH = 16


class RenderBudgetExceeded(Exception):
    """A page took longer than its render budget (CPU time of the rendering thread)."""


class RenderRefused(Exception):
    """A page's Markdown has a structure the renderer refuses (see structure_problem)."""


def term_link_target(href: str) -> str | None:
    """Return the glossary id of a ``term:ID`` link, or None."""
    if not href.startswith("term:"):
        return None
    target = href[5:]
    return target if PAGE_ID_RE.match(target) else None


def drop_comments(text: str) -> str:
    """Remove ``<!-- ... -->``; an unclosed one stays as text. Linear time on any input
    (a regex with ``.*?`` rescans to the end for every unclosed opener)."""
    if "<!--" not in text:
        return text
    out: list[str] = []
    pos = 0
    while True:
        start = text.find("<!--", pos)
        if start < 0:
            break
        end = text.find("-->", start + 4)
        if end < 0:
            break  # no closer anywhere after: no later opener has one either
        out.append(text[pos:start])
        pos = end + 3
    out.append(text[pos:])
    return "".join(out)


_MARKERS_RE = re.compile(r"^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+){" + str(MAX_MARKERS_ON_LINE) + "}")
_QUOTES_RE = re.compile(r"^[ \t]*(?:>[ \t]*){" + str(MAX_QUOTE_DEPTH) + "}")


def structure_problem(text: str) -> str | None:
    """Why ``text`` would make the Markdown parser slow or deeply recursive, or None.

    Python-Markdown rescans the rest of a paragraph for every '[' (links, images), and
    nests a list or quote per indent, marker or '>': hostile pages took minutes or blew
    the stack. Limits sit far above any real page (the shipped pages use under 5% of
    the bracket limit).
    """
    line = 1
    for block in re.split(r"\n[ \t]*\n", text):
        brackets = block.count("[")
        if brackets * len(block) > MAX_BRACKET_WORK:
            return (f"line {line}: a paragraph of {len(block):,} characters has {brackets:,} "
                    "'[' (links, images or brackets); split it into shorter paragraphs or "
                    "remove stray brackets")
        for number, raw in enumerate(block.split("\n"), start=line):
            lead = raw[: len(raw) - len(raw.lstrip(" \t"))]
            indent = len(lead) + 3 * lead.count("\t")  # a tab is four columns
            if indent > MAX_INDENT_COLUMNS:
                return (f"line {number}: indented {indent} columns; lists may nest at most "
                        f"{MAX_INDENT_COLUMNS // 4} levels")
            if _MARKERS_RE.match(raw):
                return (f"line {number}: {MAX_MARKERS_ON_LINE} or more list markers on one "
                        "line nest lists too deeply")
            if _QUOTES_RE.match(raw):
                return f"line {number}: quotes ('>') nested {MAX_QUOTE_DEPTH} or more deep"
        line += block.count("\n") + 2  # the blank line between blocks
    return None


def page_link_target(href: str) -> str | None:
    """Return the page id of a ``page:ID`` link, or None."""
    if not href.startswith("page:"):
        return None
    target = href[5:]
    return target if PAGE_ID_RE.match(target) else None


def link_scheme(href: str) -> str:
    """Lower-case URL scheme of ``href`` ('' for a relative path)."""
    m = _SCHEME_RE.match(href)
    return m.group(1).lower() if m else ""


def external_display(href: str) -> str:
    """How an external link's address is shown: no scheme, no trailing slash."""
    scheme = link_scheme(href)
    rest = href.strip()[len(scheme) + 1:]
    if scheme in ("http", "https"):
        rest = rest.lstrip("/")
        rest = rest[4:] if rest.startswith("www.") else rest
        return rest.rstrip("/")
    return unquote(rest)


def resolve_image(src: str, pack_dir: Path, base_dir: Path | None = None) -> Path | None:
    """Return the image file for ``src`` if it is an existing file inside the pack, else None."""
    src = unquote(src.strip())
    if not src or link_scheme(src) or src.startswith("\\\\") or "\x00" in src:
        return None
    try:
        root = pack_dir.resolve()
        target = ((base_dir or pack_dir) / src).resolve()
    except (OSError, RuntimeError, ValueError):
        return None
    if target != root and root not in target.parents:
        return None
    try:
        return target if target.is_file() else None
    except OSError:  # a name too long for the file system (ENAMETOOLONG), EACCES
        return None


def _image_allowed(src: str, pack_root: Path) -> bool:
    """Final-pass check: an absolute path to an existing file inside the pack."""
    path = Path(src)
    if not path.is_absolute():
        return False
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError, ValueError):
        return False
    try:
        return pack_root in resolved.parents and resolved.is_file()
    except OSError:
        return False


# --- layer 1: the Markdown parser -------------------------------------------------


def _make_markdown() -> Markdown:
    import markdown
    from markdown.extensions import Extension
    from markdown.extensions.sane_lists import SaneListExtension
    from markdown.extensions.tables import TableExtension
    from markdown.preprocessors import Preprocessor
    from markdown.treeprocessors import Treeprocessor

    class DropComments(Preprocessor):
        """Editors' notes in <!-- --> are never shown (an unclosed one stays visible text)."""

        def run(self, lines: list[str]) -> list[str]:
            text = "\n".join(lines)
            if "<!--" not in text:
                return lines
            return drop_comments(text).split("\n")

    class SafeTree(Treeprocessor):
        """Rewrite links and images after inline parsing; see render_markdown."""

        pack_dir: Path = Path(".")
        base_dir: Path | None = None
        images: Any = None  # a PageImageBudget for the page being rendered

        def run(self, root: Element) -> None:
            for el in root.iter():
                if el.tag == "a":
                    self._link(el)
                elif el.tag == "img":
                    self._image(el)

        def _link(self, el: Element) -> None:
            href = (el.get("href") or "").strip()
            el.attrib.clear()
            if page_link_target(href):
                el.set("href", href)
                return
            if term_link_target(href):
                el.set("href", href)
                el.set("class", TERM_CLASS)
                return
            el.tag = "span"
            scheme = link_scheme(href)
            if scheme not in EXTERNAL_SCHEMES:
                return  # javascript:, file:, data:, relative files ...: the text alone
            el.set("class", "external")
            shown = external_display(href)
            text = "".join(el.itertext()).strip()
            if not shown or text in (href, shown):
                return
            suffix = f" ({shown})"
            if len(el):
                last = el[-1]
                last.tail = (last.tail or "") + suffix
            else:
                el.text = (el.text or "") + suffix

        def _image(self, el: Element) -> None:
            src = el.get("src") or ""
            alt = el.get("alt") or ""
            el.attrib.clear()
            found = resolve_image(src, self.pack_dir, self.base_dir)
            if found is not None and self.images is not None and self.images.admit(found):
                found = None  # over the size budget, or an SVG that is not self-contained
            if found is not None:
                el.set("src", str(found))
                el.set("alt", alt)
                return
            el.tag = "span"
            el.set("class", "image-alt")
            el.text = alt

    class SafeExtension(Extension):
        def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (markdown's API name)
            md.preprocessors.deregister("html_block")
            md.preprocessors.register(DropComments(md), "kiosk_comments", 25)
            md.inlinePatterns.deregister("html")
            # Unused by pages, and each inline pattern costs time on every text run.
            for name in ("automail", "short_reference", "image_reference", "short_image_ref"):
                md.inlinePatterns.deregister(name)
            md.treeprocessors.register(SafeTree(md), "kiosk_safe", 15)  # after "inline" (20)

    # Extension objects, not names: names are looked up through package entry points,
    # which scans installed packages and costs tens of milliseconds at start-up.
    return markdown.Markdown(
        extensions=[TableExtension(use_align_attribute=True), SaneListExtension(),
                    SafeExtension()],
        output_format="html",
    )


class _Clock:
    """The deadline of the render in progress, checked between parser steps."""

    def __init__(self) -> None:
        self.deadline = float("inf")
        self.budget = 0.0

    def check(self) -> None:
        if time.thread_time() > self.deadline:
            raise RenderBudgetExceeded(f"rendering took over {self.budget * 1000:.0f} ms")


def _watch(md: Markdown, clock: _Clock) -> None:
    """Check the clock before every inline match, block step and tree pass.

    The parser's slow paths all run through these calls, so a render over budget stops
    within one step (bounded by structure_problem) instead of running for minutes.
    """
    from collections.abc import Callable

    def wrap(obj: Any, name: str) -> None:
        inner: Callable[..., Any] = getattr(obj, name)

        def checked(*args: Any, **kwargs: Any) -> Any:
            clock.check()
            return inner(*args, **kwargs)

        setattr(obj, name, checked)

    for pattern in md.inlinePatterns:
        wrap(pattern, "handleMatch")
    for block in md.parser.blockprocessors:
        wrap(block, "test")
        wrap(block, "run")
    for registry in (md.preprocessors, md.treeprocessors, md.postprocessors):
        for processor in registry:
            wrap(processor, "run")


class Renderer:
    """One reusable Markdown instance (building one costs more than rendering a page).

    Each Renderer owns all its state: one per thread renders pages in parallel safely.
    """

    def __init__(self) -> None:
        self._md = _make_markdown()
        self._clock = _Clock()
        _watch(self._md, self._clock)

    def render(self, text: str, pack_dir: Path, base_dir: Path | None = None, *,
               budget_s: float | None = None) -> str:
        """Render ``text`` safely; relative images resolve from ``base_dir`` (default pack_dir).

        Raises RenderRefused for a pathological structure and RenderBudgetExceeded when
        rendering uses more than ``budget_s`` of this thread's CPU time (None: no limit).
        """
        problem = structure_problem(text)
        if problem is not None:
            raise RenderRefused(problem)
        from kiosk.content.images import PageImageBudget

        tree: Any = self._md.treeprocessors["kiosk_safe"]
        tree.pack_dir, tree.base_dir = pack_dir, base_dir
        tree.images = PageImageBudget()
        self._md.reset()
        if budget_s is None:
            self._clock.deadline = float("inf")
        else:
            self._clock.budget = budget_s
            self._clock.deadline = time.thread_time() + budget_s
        try:
            raw = self._md.convert(text)
            result = sanitize_html(raw, pack_dir)
            self._clock.check()
            return result
        finally:
            self._clock.deadline = float("inf")


_shared: Renderer | None = None
_shared_lock = threading.RLock()


@contextmanager
def shared_renderer() -> Iterator[Renderer]:
    """The process-wide Renderer, held for a batch of pages (Markdown is not thread-safe)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Renderer()
        yield _shared


def render_markdown(text: str, pack_dir: Path, base_dir: Path | None = None) -> str:
    """Render page Markdown to safe HTML for QTextDocument; raw HTML never gets through."""
    with shared_renderer() as renderer:
        return renderer.render(text, pack_dir, base_dir)


# --- layer 2: the allow-list serializer ------------------------------------------


_TOKEN_RE = re.compile(r"<!--.*?(?:-->|$)|<[^<>]*>|<|[^<]+", re.DOTALL)
_TAG_RE = re.compile(
    r"^<(/?)([A-Za-z][A-Za-z0-9]*)((?:\s+[^\s\"'=/>]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*)"
    r"\s*(/?)>$"
)
_ATTR_RE = re.compile(r"([^\s\"'=/>]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?")


class _Sanitizer:
    """Token-by-token rebuild: every '<' in the output comes from a tag built here."""

    def __init__(self, pack_root: Path) -> None:
        self.pack_root = pack_root
        self.out: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, emitted)
        self.skip_depth = 0
        self.skip_tag = ""

    def feed(self, markup: str) -> None:
        for token in _TOKEN_RE.findall(markup):
            if token.startswith("<!--"):
                continue
            if token.startswith("<") and len(token) > 1:
                m = _TAG_RE.match(token)
                if m is None:
                    continue  # <!DOCTYPE>, <?pi?>, a malformed tag: never output
                closing, name, attr_text, self_closing = m.groups()
                if closing:
                    self._end(name.lower())
                else:
                    attrs = [(k.lower(), _unquote_attr(v)) for k, v in _ATTR_RE.findall(attr_text)]
                    self._start(name.lower(), attrs, bool(self_closing))
            elif not self.skip_depth:
                self.out.append(html.escape(html.unescape(token), quote=False))

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], self_closing: bool) -> None:
        if self.skip_depth:
            if tag == self.skip_tag and not self_closing:
                self.skip_depth += 1
            return
        if tag in DROP_WITH_CONTENT:
            if not self_closing:
                self.skip_tag, self.skip_depth = tag, 1
            return
        tag = RENAME.get(tag, tag)
        if tag not in ALLOWED:
            if not self_closing and tag not in VOID:
                self.stack.append((tag, False))
            return
        kept = self._attributes(tag, attrs)
        if kept is None:  # a link that may not navigate, an image that may not load
            if tag == "img":
                alt = dict(attrs).get("alt") or ""
                if alt:
                    self.out.append(f'<span class="image-alt">{html.escape(alt)}</span>')
            elif not self_closing:
                self.stack.append((tag, False))
            return
        text = "".join(f' {k}="{html.escape(v, quote=True)}"' for k, v in kept)
        self.out.append(f"<{tag}{text}>")
        if tag not in VOID and not self_closing:
            self.stack.append((tag, True))
        elif tag not in VOID:
            self.out.append(f"</{tag}>")

    def _attributes(
        self, tag: str, attrs: list[tuple[str, str | None]]
    ) -> list[tuple[str, str]] | None:
        allowed = ALLOWED[tag]
        kept: list[tuple[str, str]] = []
        for name, value in attrs:
            if name not in allowed or value is None:
                continue
            if name == "href" and page_link_target(value) is None \
                    and not (tag == "a" and term_link_target(value)):
                continue
            if name == "src" and not _image_allowed(value, self.pack_root):
                continue
            if name == "class" and value not in CLASSES.get(tag, ()):
                continue
            if name == "align" and value not in ("left", "right", "center"):
                continue
            if name == "start" and not value.isdigit():
                continue
            kept.append((name, value))
        if tag == "a" and not any(k == "href" for k, _ in kept):
            return None
        if tag == "img" and not any(k == "src" for k, _ in kept):
            return None
        if tag == "span" and not kept:
            return None
        return kept

    def _end(self, tag: str) -> None:
        if self.skip_depth:
            if tag == self.skip_tag:
                self.skip_depth -= 1
            return
        tag = RENAME.get(tag, tag)
        if tag in VOID:
            return
        # Close up to the matching open tag; an unmatched end tag is ignored.
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                while len(self.stack) > i:
                    open_tag, emitted = self.stack.pop()
                    if emitted:
                        self.out.append(f"</{open_tag}>")
                return

    def finish(self) -> str:
        while self.stack:
            tag, emitted = self.stack.pop()
            if emitted:
                self.out.append(f"</{tag}>")
        return "".join(self.out)


def _unquote_attr(value: str) -> str | None:
    if not value:
        return None
    if value[0] in "\"'" and value[-1] == value[0] and len(value) >= 2:
        value = value[1:-1]
    return html.unescape(value)


def sanitize_html(markup: str, pack_dir: Path) -> str:
    """Rebuild ``markup`` keeping only allow-listed tags, attributes, links and pack images."""
    try:
        root = pack_dir.resolve()
    except (OSError, RuntimeError):
        root = pack_dir
    sanitizer = _Sanitizer(root)
    sanitizer.feed(markup)
    return sanitizer.finish()


# --- plain text ---------------------------------------------------------------------


_BREAK_RE = re.compile(r"<(?:br|li|tr)\b[^>]*>|</(?:p|h[1-6]|li|blockquote|pre|tr|table|ul|ol)>")
_CELL_RE = re.compile(r"<t[dh]\b[^>]*>")
_ANY_TAG_RE = re.compile(r"<[^>]*>")


def html_to_text(markup: str) -> str:
    """Plain text of safe HTML (from sanitize_html): one block per line, for read-aloud."""
    text = _ANY_TAG_RE.sub("", _CELL_RE.sub(" ", _BREAK_RE.sub("\n", markup)))
    lines = (" ".join(line.split()) for line in html.unescape(text).splitlines())
    return "\n".join(line for line in lines if line)


_INLINE_PATTERNS = (
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links
    (re.compile(r"\[([^\]]*)\]\[[^\]]*\]"), r"\1"),  # reference links
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?!\s)(.+?)(?<!\s)_(?![\w_])"), r"\1"),
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"<[^>]*>"), ""),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!])"), r"\1"),
)


def strip_inline(text: str) -> str:
    """Inline Markdown to plain text: links keep their words, emphasis marks go."""
    for pattern, replacement in _INLINE_PATTERNS:
        text = pattern.sub(replacement, text)
    return " ".join(text.split())
