"""Fuzz: any page file loads or is refused with file:line problems; rendered HTML stays safe.

Front matter is built from strategies (right and wrong types, missing and unknown
keys, BOM, CRLF, non-UTF-8 bytes, an unclosed +++); bodies mix random text with
hostile Markdown and HTML. Set HYPOTHESIS_PROFILE=thorough for 20x examples.
"""

from __future__ import annotations

import json
import re
import tempfile
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kiosk.content.check import check_pack
from kiosk.content.model import ICONS, KINDS
from kiosk.content.pack import KNOWN_KEYS, load_pack, load_page
from kiosk.content.render import render_markdown
from kiosk.content.testing import png_bytes
from tests.fuzzing import NO_SURROGATES, THOROUGH, fuzz

# --- front matter -------------------------------------------------------------------

GOOD_VALUES: dict[str, st.SearchStrategy[str]] = {
    "id": st.sampled_from(["what-is-ptsd", "page", "a1-b2", "page"]).map(json.dumps),
    "title": st.sampled_from(["What is PTSD?", "Título", "x"]).map(json.dumps),
    "order": st.integers(-5, 50).map(str),
    "kind": st.sampled_from(KINDS).map(json.dumps),
    "summary": st.sampled_from(["One line.", "Una línea."]).map(json.dumps),
    "icon": st.sampled_from(ICONS).map(json.dumps),
    "sources": st.sampled_from(['["A source"]', "[]", '["a", "b"]']),
    "reviewed_by": st.sampled_from(['""', '"Dr. A"']),
    "reviewed_on": st.sampled_from(['""', '"2024-05-01"', "2024-05-01"]),
    "content_warning": st.sampled_from(['""', '"Talks about trauma."']),
    "reviewed_fingerprint": st.sampled_from(['""', '"0123456789ab"']),
}
BAD_VALUES = st.one_of(
    st.sampled_from([
        "true", "1", "-1", "1.5", "nan", "inf", '""', '" "', '"Bad ID"', '"a--b"', '"UPPER"',
        '"two\\nlines"', "[1, 2]", '["a", 1]', "{a = 1}", "1979-05-27T07:32:00Z", "07:32:00",
        '"2024-13-45"', '"2024-02-30"', '"31/01/2024"', "0x" + "f" * 4000, "9" * 4300,
        "[" * 3000 + "]" * 3000, '"\\u0000"', '"\\u202eevil"', '"' + "x" * 5000 + '"',
    ]),
    st.integers().map(str),
    st.text(NO_SURROGATES, max_size=20).map(lambda s: json.dumps(s, ensure_ascii=False)),
)
KEYS = st.one_of(st.sampled_from(KNOWN_KEYS), st.sampled_from(["ttile", "Id", "icons",
                                                                "order ", "x", '"id"', "a.b"]))


@st.composite
def front_matter(draw: st.DrawFn) -> list[str]:
    lines = []
    for key in KNOWN_KEYS:
        choice = draw(st.integers(0, 9))
        if choice == 0:
            continue  # missing
        value = draw(BAD_VALUES) if choice == 1 else draw(GOOD_VALUES[key])
        lines.append(f"{key} = {value}")
    for _ in range(draw(st.integers(0, 2))):
        lines.insert(draw(st.integers(0, len(lines))), f"{draw(KEYS)} = {draw(BAD_VALUES)}")
    if draw(st.integers(0, 9)) == 0:
        lines.insert(draw(st.integers(0, len(lines))),
                     draw(st.sampled_from(["[table]", "= 1", "id =", "# comment", "", "+++x"])))
    return lines


# --- bodies -------------------------------------------------------------------------

HOSTILE = st.sampled_from([
    "<script>alert(1)</script>", "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<iframe src=javascript:alert(1)></iframe>", "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>', "<svg onload=alert(1)>", "<body onload=x()>",
    "[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x]( javascript:alert(1) )",
    "[x](&#106;avascript:alert(1))", "[x](java\tscript:alert(1))", "[x](<javascript:alert(1)>)",
    "<javascript:alert(1)>", "<https://evil.example>", "<mailto:a@b.example>",
    "[x](file:///etc/passwd)", "[x](data:text/html,<script>alert(1)</script>)",
    "![a](file:///etc/passwd)", "![a](data:image/png;base64,AAAA)", "![](../../etc/passwd)",
    "![a](/etc/passwd)", "![a](%2e%2e/%2e%2e/etc/passwd)", "![a](..%2f..%2fetc%2fpasswd)",
    "![a](img.png)", "![a](../en/img.png)", "![a](img.png%00.txt)", "![a](\\\\server\\share)",
    "![a](" + "a" * 300 + ".png)", "![a](" + "a/" * 2100 + "x.png)",
    "![a](img.png \"title\" onerror=x)", '![a" onerror="x](img.png)',
    "[x](page:what-is-ptsd)", "[x](page:Bad_ID)", "[x](page:)", "[x](page:a/../b)",
    "[x][r]\n\n[r]: javascript:alert(1)", "[x][r]\n\n[r]: page:what-is-ptsd",
    "<!-- hidden -->", "<!-- unclosed", "<!--", "-->", "<scr<script>ipt>alert(1)</script>",
    "`<script>`", "```\n<script>alert(1)</script>\n```", "    <script>indented</script>",
    "&lt;script&gt;", "&#60;script&#62;", "&amp;lt;script", "<p onclick=x>hi</p>",
    "<div style=\"background:url(javascript:x)\">", "<style>body{}</style>", "<object data=x>",
    "- a\n  - b\n    - c\n      - d", "1. a\n2. b\n   1. c", "> quote\n> > nested",
    "# " + "H" * 3000, "######## too many", "## Group\n- **Name** - text\n- odd item",
    "| a | b |\n|---|---|\n| <script> | [x](javascript:y) |", "---", "***", "\\<script>",
    "\u202e\u2028\u2029\ufeff\u200b", "😀 émoji ñ 中文", "<", ">", "&", "\"'", "<>", "</>",
    "<a href=page:what-is-ptsd onclick=x>y</a>", "<img src=\"/etc/passwd\">",
    '<a href="page:what-is-ptsd">y</a>', "[x](http://a.example \"t\")", "[x](tel:911)",
])
BODY_PARTS = st.one_of(HOSTILE, st.text(NO_SURROGATES, max_size=40))


@st.composite
def bodies(draw: st.DrawFn) -> str:
    parts = draw(st.lists(BODY_PARTS, max_size=8))
    seps = draw(st.lists(st.sampled_from(["\n", "\n\n", " ", ""]), min_size=len(parts),
                         max_size=len(parts)))
    return "".join(p + s for p, s in zip(parts, seps, strict=True))


@st.composite
def page_files(draw: st.DrawFn) -> bytes:
    fm = draw(front_matter())
    body = draw(bodies())
    fence_open = draw(st.sampled_from(["+++", "+++", "+++", " +++ ", "++", ""]))
    fence_close = draw(st.sampled_from(["+++", "+++", "+++", "+++ ", ""]))  # "": unterminated
    text = "\n".join([fence_open, *fm, fence_close, body])
    if draw(st.booleans()):
        text = text.replace("\n", draw(st.sampled_from(["\r\n", "\r"])))
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.integers(0, 9)) == 0:  # a stray non-UTF-8 byte somewhere
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from([b"\xff", b"\xc3", b"\x80", b"\x00"])) + data[at:]
    return data


# --- checks -------------------------------------------------------------------------

PNG = png_bytes(2, 2)
ALLOWED_TAGS = {"p", "h1", "h2", "h3", "ul", "ol", "li", "strong", "em", "code", "pre",
                "blockquote", "br", "hr", "table", "thead", "tbody", "tr", "th", "td", "a",
                "img", "span"}
ALLOWED_ATTRS = {"a": {"href", "class"}, "img": {"src", "alt"}, "span": {"class"}, "ol": {"start"},
                 "th": {"align"}, "td": {"align"}}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.comments: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


def assert_safe_html(markup: str, pack_dir: Path) -> None:
    lower = markup.lower()
    for bad in ("<script", "<iframe", "<!--", "<svg", "<style", "<object"):
        assert bad not in lower, (bad, markup)
    parser = _Tags()
    parser.feed(markup)
    parser.close()
    assert not parser.comments, markup
    root = pack_dir.resolve()
    for tag, attrs in parser.tags:
        assert tag in ALLOWED_TAGS, (tag, markup)
        for name, value in attrs:
            assert not name.startswith("on"), (name, markup)
            assert name in ALLOWED_ATTRS.get(tag, set()), (tag, name, markup)
            assert value is not None
            for scheme in ("javascript:", "file:", "data:", "vbscript:"):
                assert scheme not in value.lower().replace("\t", ""), (value, markup)
            if name == "href":
                assert re.fullmatch(r"(?:page|term):[a-z0-9]+(?:-[a-z0-9]+)*", value), (
                    value, markup)
            if tag == "a" and name == "class":
                assert value == "term", (value, markup)
            if name == "src":
                path = Path(value)
                assert path.is_absolute() and path.is_file(), value
                assert root in path.resolve().parents, (value, root)


def physical_lines(data: bytes) -> int:
    """Lines in a file as an editor shows them (LF, CRLF or a lone CR each end one)."""
    return len(re.split(rb"\r\n|\r|\n", data))


def assert_problems_located(problems, files: dict[str, bytes]) -> None:
    for problem in problems:
        assert problem.message.strip(), problem
        assert len(str(problem).splitlines()) == 1, f"not one line: {str(problem)!r}"
        assert not problem.message.startswith("cannot render"), problem  # a renderer crash
        assert "unexpected error" not in problem.message, problem
        if problem.file in files:
            if problem.line is not None:
                assert 1 <= problem.line <= physical_lines(files[problem.file]), (
                    problem, physical_lines(files[problem.file]))
        else:
            assert problem.line is None, problem  # a folder or the pack itself


def make_pack(root: Path, pages: list[bytes], langs: tuple[str, ...] = ("en",)
              ) -> dict[str, bytes]:
    files = {}
    for lang in langs:
        folder = root / lang
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "img.png").write_bytes(PNG)
        for i, data in enumerate(pages):
            path = folder / f"page-{i}.md"
            path.write_bytes(data)
            files[str(path)] = data
    return files


# --- tests --------------------------------------------------------------------------

LONG_IMAGE = "+++\nid = 'a'\n+++\n![a](" + "a" * 300 + ".png)\n"


@fuzz(200)
@given(bodies())
@example("![a](" + "a" * 300 + ".png)")  # is_file() raised ENAMETOOLONG
def test_rendered_html_is_safe(body):
    with tempfile.TemporaryDirectory() as tmp:
        pack = Path(tmp) / "pack"
        (pack / "en").mkdir(parents=True)
        (pack / "en" / "img.png").write_bytes(PNG)
        html = render_markdown(body, pack, pack / "en")
        assert_safe_html(html, pack)


@fuzz(150)
@given(page_files())
@example(("+++\nid = \"a\"\norder = " + "0x" + "f" * 4000 + "\n+++\nx\n").encode())
@example(("+++\norder = " + "9" * 4400 + "\n+++\nx\n").encode())
@example(("+++\nsources = " + "[" * 3000 + "]" * 3000 + "\n+++\n").encode())
@example(LONG_IMAGE.encode())
@example(b"+++\n\"a\\nb\" = 1\n+++\n")
def test_load_page_never_raises_and_html_is_safe(data):
    with tempfile.TemporaryDirectory() as tmp:
        pack = Path(tmp) / "pack"
        files = make_pack(pack, [data])
        path = Path(next(iter(files)))
        page, problems = load_page(path, "en", pack)
        assert_problems_located(problems, files)
        assert all(p.file == str(path) for p in problems)
        if page is None:
            assert any(p.is_error for p in problems)
        else:
            assert_safe_html(page.html, pack)
            assert_safe_html(page.intro_html, pack)
            assert page.kind in KINDS and page.icon in ICONS


@fuzz(60)
@given(st.lists(page_files(), min_size=1, max_size=3), st.sampled_from([("en",), ("en", "es")]))
@example([LONG_IMAGE.encode()], ("en",))  # check_pack's resolve_image raised ENAMETOOLONG
@example([("+++\nid = 'a'\norder = 0x" + "f" * 4000 + "\n+++\nx\n").encode()] * 2, ("en", "es"))
@example([b'+++\nid = "two\\nlines"\n+++\n'], ("en",))  # 'name the file two<LF>lines.md'
@example([b"+++\nid = 'a'\n+++\n<b\xe2\x80\xa8x>\n"], ("en",))  # raw HTML snippet with U+2028
def test_check_pack_and_load_pack_never_raise(pages, langs):
    with tempfile.TemporaryDirectory() as tmp:
        pack = Path(tmp) / "pack"
        files = make_pack(pack, pages, langs)
        problems = check_pack(pack)
        assert_problems_located(problems, files)
        loaded = load_pack(pack)
        assert_problems_located([p for p in loaded.problems if not loaded.fell_back], files)
        assert not any("unexpected error" in p.message for p in loaded.problems)
        for page in loaded.all_pages():
            assert_safe_html(page.html, loaded.source_dir)


# --- rendering never blocks -----------------------------------------------------------

# Pieces whose long runs once made Python-Markdown quadratic or recursive, mixed with text.
OPENERS = st.sampled_from(["[", "![", "<!--", "<", "](", "(", ")", "]", "*", "_", "`", "> ",
                           "- ", "1. ", "    ", "\t", "\n", "\n\n", "x", " ", "[a](", "&#",
                           "<a ", "term:", "page:", "-->", "|", "#"])


@st.composite
def hostile_markdown(draw: st.DrawFn) -> str:
    pieces = draw(st.lists(OPENERS, min_size=1, max_size=12))
    repeat = draw(st.integers(1, 4000))
    tail = draw(st.text(NO_SURROGATES, max_size=50))
    return ("".join(pieces) * repeat)[:200_000] + tail


@settings(max_examples=60 * (20 if THOROUGH else 1), deadline=timedelta(seconds=3),
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(hostile_markdown())
@example("[" * 20000)
@example("![" * 20000)
@example("<!--" * 20000)
@example("[a](" * 20000)
@example("".join("  " * i + "- x\n" for i in range(2000)))
@example("> " * 10000 + "x")
@example("\n\n".join(["[" * 990 + "x" * 9] * 200))  # passes the pre-scan; the budget stops it
def test_markdown_renders_or_is_refused_within_a_deadline(body):
    """Any Markdown renders safely, or is refused by the pre-scan or the render budget,
    and never takes longer than the deadline (3 s per example, against a 0.2 s budget)."""
    from kiosk.content.render import RenderBudgetExceeded, Renderer, RenderRefused

    with tempfile.TemporaryDirectory() as tmp:
        pack = Path(tmp)
        try:
            html = Renderer().render(body, pack, budget_s=0.2)
        except (RenderRefused, RenderBudgetExceeded) as exc:
            assert str(exc) and "\n" not in str(exc)
            return
        assert_safe_html(html, pack)


# --- fingerprints and glossaries ----------------------------------------------------------

WORDS = st.lists(st.sampled_from(["risk", "placebo", "[term](term:placebo)", "**bold**", "27.5",
                                  "dose.", "ketamine", "-", "#", "sleep"]), min_size=1,
                 max_size=30)
SPACE = st.sampled_from([" ", "  ", "\t", "\n", "\r\n", " \n ", "\n\n"])


@fuzz(100)
@given(WORDS, st.data())
def test_fingerprint_ignores_any_whitespace_change(words, data):
    from kiosk.content.model import Term
    from kiosk.content.review import fingerprint

    glossary = {"placebo": Term("placebo", "placebo", "A pill with no medicine.")}
    with tempfile.TemporaryDirectory() as tmp:
        pack = Path(tmp)
        one = pack / "en" / "a.md"
        one.parent.mkdir()
        body = " ".join(words)
        spaced = "".join(w + data.draw(SPACE) for w in words)
        prints = []
        for text in (body, spaced):
            one.write_text(f'+++\nid = "a"\ntitle = "A"\norder = 1\nkind = "article"\n'
                           f'summary = "S"\nicon = "welcome"\nsources = ["x"]\n'
                           f'reviewed_by = ""\nreviewed_on = ""\n+++\n{text}\n',
                           encoding="utf-8")
            page, _ = load_page(one, "en", pack)
            assert page is not None
            prints.append(fingerprint(page._replace(terms=("placebo",)), glossary))
        assert prints[0] == prints[1]


@fuzz(150)
@given(st.text(NO_SURROGATES, max_size=300))
@example('[a]\nterm = "x"\ndefinition = ' + "[" * 3000)
@example("[" + "a." * 2000 + "]")
def test_parse_glossary_never_raises(text):
    from kiosk.content.glossary import parse_glossary

    entries, problems = parse_glossary(text, "g.toml")
    for problem in problems:
        assert len(str(problem).splitlines()) == 1
    for entry in entries.values():
        assert entry.term and entry.definition
