"""Loading packs: parsing, list pages, skipping bad pages, falling back, never raising."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import paths
from kiosk.content import Card, CardGroup, ContentProblem, Pack, Page, load_pack
from kiosk.content.pack import parse_list_body
from kiosk.content.testing import make_pack, page_text, write_page

ROOT = Path(__file__).resolve().parent.parent


def test_public_names_are_exported():
    import kiosk.content as content

    assert set(content.__all__) == {
        "Card", "CardGroup", "ContentProblem", "Page", "Pack", "Term", "ReviewState",
        "PageImageBudget", "check_pack", "fingerprint", "hidden_pages", "image_budget_problem",
        "load_pack", "render_markdown", "review_state", "visible_pages"}
    for name in content.__all__:
        assert getattr(content, name) is not None


def test_content_package_is_qt_free_and_light():
    code = ("import sys\nimport kiosk.content.cli\n"
            "light = not any(m in sys.modules for m in ('markdown', 'tomllib', 'pyphen'))\n"
            "from kiosk.content import load_pack, check_pack\n"
            "pack = load_pack(None)\ncheck_pack(pack.source_dir)\n"
            "qt = any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules)\n"
            "print(light, qt)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, timeout=120)
    assert result.stdout.split() == ["True", "False"], result.stderr


def test_load_small_pack(tmp_path):
    make_pack(tmp_path, ("en", "es"))
    pack = load_pack(tmp_path)
    assert isinstance(pack, Pack)
    assert pack.source_dir == tmp_path
    assert not pack.is_builtin and not pack.fell_back
    assert pack.problems == []
    assert pack.languages == ["en", "es"]
    assert [p.id for p in pack.pages("en")] == ["welcome", "signs"]
    page = pack.page("en", "welcome")
    assert isinstance(page, Page)
    assert page.title == "Welcome" and page.order == 1 and page.kind == "article"
    assert page.lang == "en" and page.path == tmp_path / "en" / "welcome.md"
    assert page.sources == ("A source",)
    assert page.reviewed_by == "" and page.reviewed_on == "" and page.needs_review
    assert page.content_warning == ""
    assert '<a href="page:signs">list</a>' in page.html
    assert page.body.startswith("Hello.")
    assert page.plain_text == "Welcome\nHello. See the list."
    assert page.groups == () and page.intro_html == ""


def test_list_page_groups_and_intro(tmp_path):
    make_pack(tmp_path)
    page = load_pack(tmp_path).page("en", "signs")
    assert page is not None
    assert page.content_warning == "This page talks about trauma."
    assert page.intro_html == "<p>Some signs to know. Read them slowly.</p>"
    assert page.groups == (
        CardGroup("Group one", (Card("First", "The first card."),
                                Card("Second", "The second card."))),
        CardGroup("Group two", (Card("Third", "The third card."),)),
    )
    assert "<h2>Group one</h2>" in page.html


def test_list_parsing_variants():
    body = ("Intro *text*.\n\n## Heading **one**\n\n* **Name:** text with [a link](page:x)\n"
            "- **Dash** \u2013 en dash\n- **Wrapped** - starts here\n  and continues\n"
            "- no bold name\n\nA stray paragraph.\n\n```\n## not a heading\n```\n")
    parsed = parse_list_body(body)
    assert parsed.intro == "Intro *text*."
    assert [h for h, _ in parsed.groups] == ["Heading one"]
    cards = [(name, text) for name, text, _, _ in parsed.groups[0][1]]
    assert cards == [("Name", "text with a link"), ("Dash", "en dash"),
                     ("Wrapped", "starts here and continues"), ("no bold name", "")]
    assert len(parsed.odd_items) == 1
    assert parsed.stray  # the paragraph and the code block lines


def test_needs_review_only_when_both_fields_filled(tmp_path):
    write_page(tmp_path, "en", "a", reviewed_by="Dr. Example", reviewed_on="2025-01-31")
    write_page(tmp_path, "en", "b", order=2, reviewed_by="Dr. Example")
    pack = load_pack(tmp_path)
    assert not pack.page("en", "a").needs_review
    assert pack.page("en", "b").needs_review


def test_pages_sorted_by_order_then_id(tmp_path):
    write_page(tmp_path, "en", "zeta", order=1)
    write_page(tmp_path, "en", "alpha", order=2)
    write_page(tmp_path, "en", "beta", order=1)
    assert [p.id for p in load_pack(tmp_path).pages("en")] == ["beta", "zeta", "alpha"]


def test_language_fallback_to_english(tmp_path):
    make_pack(tmp_path, ("en",))
    write_page(tmp_path, "es", "welcome", "Hola.")
    pack = load_pack(tmp_path)
    assert [p.lang for p in pack.pages("fr")] == ["en", "en"]
    assert pack.page("es", "welcome").lang == "es"
    assert pack.page("es", "signs").lang == "en"  # missing in Spanish: the English page
    assert pack.page("en", "nope") is None


BAD_PAGES = {
    "no-front-matter.md": "Just text, no front matter.\n",
    "unclosed.md": "+++\nid = \"unclosed\"\n\nBody\n",
    "broken-toml.md": "+++\nid = \"broken\nkind = \n+++\nBody\n",
    "missing-key.md": page_text("missing-key", omit=["icon"]),
    "bad-kind.md": page_text("bad-kind", kind="poem"),
    "bad-order.md": page_text("bad-order", order="first"),
    "bad-bytes.md": None,
}


@pytest.mark.parametrize("name", sorted(BAD_PAGES))
def test_bad_page_is_skipped_and_logged(tmp_path, caplog, name):
    make_pack(tmp_path)
    path = tmp_path / "en" / name
    text = BAD_PAGES[name]
    if text is None:
        path.write_bytes(page_text("bad-bytes").encode() + b"caf\xe9\n")
    else:
        path.write_text(text, encoding="utf-8")
    with caplog.at_level(logging.ERROR, logger="kiosk.content"):
        pack = load_pack(tmp_path)
    assert [p.id for p in pack.pages("en")] == ["welcome", "signs"]
    assert not pack.fell_back
    assert any(p.file == str(path) and p.severity == "error" for p in pack.problems)
    assert any(name in record.getMessage() for record in caplog.records)


def test_oversized_page_is_skipped(tmp_path):
    make_pack(tmp_path)
    write_page(tmp_path, "en", "huge", "word " * 60_000)
    pack = load_pack(tmp_path)
    assert pack.page("en", "huge") is None
    assert any("too large: a page may be at most 262,144 bytes" == p.message
               for p in pack.problems)


def test_duplicate_id_keeps_first_file(tmp_path):
    make_pack(tmp_path)
    write_page(tmp_path, "en", "welcome", "Second copy.", filename="zz-copy.md")
    pack = load_pack(tmp_path)
    assert pack.page("en", "welcome").body.startswith("Hello.")
    assert any("duplicate page id" in p.message for p in pack.problems)


def test_empty_pack_falls_back_to_builtin(tmp_path, caplog):
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "broken.md").write_text("no front matter", encoding="utf-8")
    with caplog.at_level(logging.ERROR, logger="kiosk.content"):
        pack = load_pack(tmp_path)
    assert pack.fell_back and pack.is_builtin
    assert pack.source_dir == paths.builtin_content_dir()
    assert pack.page("en", "welcome") is not None
    messages = [str(p) for p in pack.problems]
    assert any("broken.md:1:" in m for m in messages)
    assert any("showing the built-in pack" in m for m in messages)
    assert "built-in" in caplog.text


@pytest.mark.parametrize("make", ["missing", "file", "empty"])
def test_unusable_folder_falls_back(tmp_path, make):
    target = tmp_path / "pack"
    if make == "file":
        target.write_text("not a folder")
    elif make == "empty":
        target.mkdir()
    pack = load_pack(target)
    assert pack.fell_back
    assert pack.pages("en")


def test_builtin_pack_by_none_and_by_path():
    pack = load_pack(None)
    assert pack.is_builtin and not pack.fell_back
    assert pack.problems == []
    assert load_pack(paths.builtin_content_dir()).is_builtin


def test_load_pack_never_raises_even_when_resources_are_missing(tmp_path, monkeypatch):
    def boom():
        raise FileNotFoundError("kiosk resources not found")

    monkeypatch.setattr(paths, "builtin_content_dir", boom)
    pack = load_pack(None)
    assert pack.languages == [] and pack.pages("en") == []
    assert pack.problems
    pack = load_pack(tmp_path / "missing")
    assert pack.languages == [] and not pack.fell_back


def test_version_is_stable_and_changes_with_files(tmp_path):
    make_pack(tmp_path)
    first = load_pack(tmp_path)
    again = load_pack(tmp_path)
    assert first.version == again.version and len(first.version) == 8
    assert first.loaded_at <= again.loaded_at
    path = tmp_path / "en" / "welcome.md"
    path.write_text(path.read_text() + "More.\n")
    os.utime(path, ns=(1, 1))
    assert load_pack(tmp_path).version != first.version


def test_non_language_folders_and_files_are_ignored(tmp_path):
    make_pack(tmp_path)
    (tmp_path / "images").mkdir()
    (tmp_path / "README.md").write_text("notes")
    (tmp_path / "en" / "notes.txt").write_text("notes")
    (tmp_path / "en" / ".~lock.welcome.md").write_text("lock")
    pack = load_pack(tmp_path)
    assert pack.languages == ["en"] and pack.problems == []


def test_toml_date_for_reviewed_on_is_accepted(tmp_path):
    folder = tmp_path / "en"
    folder.mkdir()
    text = page_text("a").replace('reviewed_on = ""', "reviewed_on = 2025-02-03")
    (folder / "a.md").write_text(text.replace('reviewed_by = ""', 'reviewed_by = "Dr. A"'))
    page = load_pack(tmp_path).page("en", "a")
    assert page.reviewed_on == "2025-02-03" and not page.needs_review


def test_content_problem_str():
    assert str(ContentProblem("en/a.md", 3, "bad", "error")) == "en/a.md:3: bad"
    assert str(ContentProblem("en/a.md", None, "odd", "warning")) == "en/a.md: warning: odd"



def test_a_page_missing_in_one_language_is_shown_in_english_and_reported(tmp_path):
    from kiosk.content.testing import make_pack

    pack_dir = make_pack(tmp_path / "pack", ("en", "es"))
    (pack_dir / "es" / "signs.md").unlink()
    pack = load_pack(pack_dir)
    assert pack.page("es", "signs").lang == "en"  # the documented fall-back (docs/content.md)
    assert [(p.message, p.severity) for p in pack.problems] == [
        ("page 'signs' is missing in this language; the en/ page is shown instead", "warning")]
    full = load_pack(make_pack(tmp_path / "full", ("en", "es")))
    assert full.problems == []
