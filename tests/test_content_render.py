"""The renderer never lets raw HTML, scripts, navigation or outside files through."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.content import render_markdown
from kiosk.content.render import ALLOWED, html_to_text, sanitize_html, strip_inline
from kiosk.content.testing import png_bytes

ALLOWED_CLASSES = {"external", "image-alt"}


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.comments: list[str] = []
        self.other: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_comment(self, data):
        self.comments.append(data)

    def handle_decl(self, decl):
        self.other.append(decl)

    def handle_pi(self, data):
        self.other.append(data)


def assert_safe(html: str, pack_dir: Path) -> None:
    """Every tag and attribute in ``html`` is on the allow-list, with a safe value."""
    parser = _Collect()
    parser.feed(html)
    parser.close()
    assert not parser.comments, html
    assert not parser.other, html
    root = pack_dir.resolve()
    for tag, attrs in parser.tags:
        assert tag in ALLOWED, f"tag <{tag}> in {html!r}"
        for name, value in attrs:
            assert name in ALLOWED[tag], f"attribute {name} on <{tag}> in {html!r}"
            assert value is not None
            if name == "href":
                assert re.fullmatch(r"page:[a-z0-9]+(-[a-z0-9]+)*", value), html
            if name == "src":
                path = Path(value)
                assert path.is_absolute() and root in path.resolve().parents, html
                assert path.is_file()
            if name == "class":
                assert value in ALLOWED_CLASSES


@pytest.fixture(scope="module")
def pack(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("pack")
    (root / "en" / "images").mkdir(parents=True)
    (root / "en" / "images" / "brain.png").write_bytes(png_bytes())
    (root / "shared.png").write_bytes(png_bytes())
    (root.parent / "outside.png").write_bytes(png_bytes())
    return root


HOSTILE = [
    "<script>alert(1)</script>",
    "Before <script>alert(1)</script> after",
    "<SCRIPT SRC=http://evil.example/x.js></SCRIPT>",
    "<iframe src='https://evil.example'></iframe>",
    "<div onclick=\"steal()\">click</div>",
    "<p onmouseover='x()'>hover</p>",
    "<img src=x onerror=alert(1)>",
    "Text <b onclick=x>bold</b> and <a href='javascript:alert(1)'>inline</a>",
    "<style>body { display: none }</style>",
    "<!-- editor note: secret -->\n\nVisible",
    "<!-- unclosed comment",
    "<details><summary>x</summary>hidden</details>",
    "<object data='x.swf'></object><embed src='x.swf'>",
    "<svg onload=alert(1)><circle/></svg>",
    "<scr<script>ipt>alert(1)</script>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click]( javascript:alert(1) )",
    "[file](file:///etc/passwd)",
    "[data](data:text/html;base64,PHNjcmlwdD4=)",
    "[vb](vbscript:msgbox)",
    "[rel](../../etc/passwd)",
    "[ref][evil]\n\n[evil]: javascript:alert(1)",
    "![remote](https://evil.example/track.png)",
    "![proto-relative](//evil.example/x.png)",
    "![escape](../outside.png)",
    "![abs](/etc/passwd)",
    "![data](data:image/png;base64,iVBORw0KGgo=)",
    "![file](file:///etc/passwd)",
    "&lt;script&gt;alert(1)&lt;/script&gt; &#60;iframe&#62;",
    "<a href=\"page:ok\" onclick=\"x()\">ok</a>",
    "```\n<script>alert(1)</script>\n```",
    "`<script>alert(1)</script>`",
    "    <script>indented code</script>",
    "> <script>in a quote</script>",
    "| a | b |\n|---|---|\n| <script>x</script> | [y](javascript:z) |",
    "<?php echo 1; ?>\n<!DOCTYPE html>\n<![CDATA[x]]>",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_markdown_renders_safely(text, pack):
    html = render_markdown(text, pack)
    assert_safe(html, pack)
    # Escaped as visible text is fine; inside real markup it is not.
    markup = " ".join(re.findall(r"<[^>]*>", html)).lower()
    for bad in ("<script", "<iframe", "<style", "<svg", "<object", "<embed", "onclick",
                "onerror", "onload", "javascript:", "file:", "data:", "vbscript:", "<!--",
                "evil.example/track", "/etc/passwd\""):
        assert bad not in markup, (bad, html)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_html_through_final_pass(text, pack):
    """The allow-list pass alone (as if the Markdown layer let everything through)."""
    assert_safe(sanitize_html(text, pack), pack)


def test_raw_html_is_shown_as_text_not_markup(pack):
    html = render_markdown("Before <b>bold</b> <script>alert(1)</script>", pack)
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "&lt;script&gt;" in html
    assert "<strong>" not in html


def test_comments_are_dropped_entirely(pack):
    html = render_markdown("One <!-- a note for editors --> two", pack)
    assert "note" not in html
    assert "One" in html and "two" in html


def test_page_links_are_kept(pack):
    html = render_markdown("See [the risks](page:risks).", pack)
    assert '<a href="page:risks">the risks</a>' in html


def test_bad_page_link_ids_are_text(pack):
    html = render_markdown("[x](page:Bad_ID) [y](page:../x)", pack)
    assert "<a" not in html
    assert "x" in html and "y" in html


@pytest.mark.parametrize("href, shown", [
    ("https://www.example.org/a/b/", "example.org/a/b"),
    ("http://example.org", "example.org"),
    ("mailto:help@example.org", "help@example.org"),
    ("tel:988", "988"),
])
def test_external_links_become_text_with_address(href, shown, pack):
    html = render_markdown(f"Call [the line]({href}) now.", pack)
    assert f'<span class="external">the line ({shown})</span>' in html
    assert "<a" not in html


def test_external_link_whose_text_is_the_address_is_not_repeated(pack):
    html = render_markdown("<https://example.org/x>", pack)
    assert '<span class="external">https://example.org/x</span>' in html


@pytest.mark.parametrize("href", ["javascript:alert(1)", "file:///etc/passwd",
                                  "data:text/html,x", "ftp://example.org/x", "other.md", "#top"])
def test_other_links_keep_only_their_text(href, pack):
    html = render_markdown(f"A [link text]({href}) here.", pack)
    assert html == "<p>A link text here.</p>"


def test_image_inside_pack_gets_absolute_path(pack):
    html = render_markdown("![A brain](images/brain.png)", pack / "en")
    # pack_dir is the folder images must be inside; relative paths resolve from it by default
    expected = (pack / "en" / "images" / "brain.png").resolve()
    assert f'src="{expected}"' in html
    assert 'alt="A brain"' in html


def test_image_resolves_from_base_dir_and_may_use_dotdot_inside_pack(pack):
    html = render_markdown("![shared](../shared.png)", pack, base_dir=pack / "en")
    assert f'src="{(pack / "shared.png").resolve()}"' in html


@pytest.mark.parametrize("src", ["../outside.png", "images/missing.png",
                                 "https://example.org/x.png", "/etc/passwd",
                                 "data:image/png;base64,AAAA", "file:///etc/hosts"])
def test_images_outside_the_pack_become_alt_text(src, pack):
    html = render_markdown(f"![Alt words]({src})", pack, base_dir=pack / "en")
    assert "<img" not in html
    assert '<span class="image-alt">Alt words</span>' in html


def test_supported_markdown_subset(pack):
    text = ("# One\n\n## Two\n\n### Three\n\n#### Four\n\n**bold** *em*\n\n- a\n- b\n\n"
            "1. x\n2. y\n\n> quote\n\n| h |\n|---|\n| c |\n")
    html = render_markdown(text, pack)
    for tag in ("<h1>", "<h2>", "<h3>", "<strong>", "<em>", "<ul>", "<ol>", "<li>",
                "<blockquote>", "<table>", "<td>"):
        assert tag in html
    assert "<h4>" not in html  # mapped to h3
    assert "style=" not in html
    assert_safe(html, pack)


def test_entities_decode_to_text(pack):
    assert render_markdown("Fish &amp; chips &copy;", pack) == "<p>Fish &amp; chips ©</p>"


def test_html_to_text_and_strip_inline():
    assert html_to_text("<h2>Title</h2><p>One <strong>two</strong></p><ul><li>a</li></ul>") \
        == "Title\nOne two\na"
    assert strip_inline("**Bold** and [link](page:x) and `code` and *em*") \
        == "Bold and link and code and em"


FRAGMENTS = st.sampled_from([
    "<", ">", "</", "<script>", "</script>", "<a href='javascript:x'>", "</a>", "<img src=x ",
    "onerror=alert(1)", "<!--", "-->", "[", "](", ")", "![", "javascript:", "page:ok",
    "https://x.org", "&lt;", "&#60;", "\"", "'", "`", "**", "\n\n", "# ", "- ", "| ",
    "<iframe>", "<style>", "data:", "../", "/etc/passwd", "<svg onload=x>", "<p class=evil>",
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(FRAGMENTS, st.text(max_size=8)), max_size=30).map("".join))
def test_random_input_is_always_safe(pack, text):
    assert_safe(render_markdown(text, pack), pack)
    assert_safe(sanitize_html(text, pack), pack)
