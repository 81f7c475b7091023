"""Review workflow: fingerprints, review state, show = "reviewed", approve and status."""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.content import load_pack
from kiosk.content.check import check_pack
from kiosk.content.model import Term
from kiosk.content.pack import load_page
from kiosk.content.review import (
    fingerprint,
    hidden_pages,
    review_state,
    set_review_fields,
    visible_pages,
)
from kiosk.content.testing import make_pack, write_page

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = {"placebo": Term("placebo", "placebo", "A pill with no medicine in it."),
            "unused": Term("unused", "unused", "Not on the page.")}
BODY = "It was compared with a [placebo](term:placebo).\n\nSecond paragraph here.\n"


def page_at(tmp_path: Path, body: str = BODY, **meta):
    pack = tmp_path / "pack"
    path = write_page(pack, "en", "risks", body, **meta)
    page, problems = load_page(path, "en", pack)
    assert page is not None, problems
    return page


def fp(tmp_path: Path, body: str = BODY, glossary=GLOSSARY, **meta) -> str:
    return fingerprint(page_at(tmp_path, body, **meta), glossary)


# --- fingerprint ---------------------------------------------------------------------


def test_fingerprint_is_short_hex_and_ignores_whitespace_and_line_endings(tmp_path):
    base = fp(tmp_path)
    assert len(base) == 12 and int(base, 16) >= 0
    assert fp(tmp_path, BODY.replace("\n", "\r\n")) == base
    assert fp(tmp_path, "  It was compared   with a\n[placebo](term:placebo).\n\n\n"
                        "Second  paragraph here.   \n") == base
    assert fp(tmp_path, title="Risks ") == fp(tmp_path, title="  Risks")


@pytest.mark.parametrize("change", [
    {"body": BODY.replace("Second", "Third")},
    {"title": "Other title"},
    {"summary": "Another summary."},
    {"content_warning": "Talks about trauma."},
    {"sources": ["A source", "Another source"]},
    {"sources": ["A different source"]},
])
def test_fingerprint_changes_with_anything_visible(tmp_path, change):
    assert fp(tmp_path, title="Risks") != fp(tmp_path, **{"title": "Risks", **change})


def test_fingerprint_follows_the_definitions_of_used_terms_only(tmp_path):
    base = fp(tmp_path)
    changed = dict(GLOSSARY, placebo=Term("placebo", "placebo", "A sugar pill."))
    assert fp(tmp_path, glossary=changed) != base
    other = dict(GLOSSARY, unused=Term("unused", "unused", "Changed."))
    assert fp(tmp_path, glossary=other) == base
    assert fp(tmp_path, glossary={}) != base  # a used term losing its definition


# --- review state and what patients see -----------------------------------------------


def test_review_state(tmp_path):
    page = page_at(tmp_path)
    assert review_state(page, GLOSSARY).state == "never"
    value = fingerprint(page, GLOSSARY)
    reviewed = page._replace(reviewed_by="A B, MD", reviewed_on="2026-01-02",
                             reviewed_fingerprint=value)
    state = review_state(reviewed, GLOSSARY)
    assert (state.state, state.by, state.on) == ("reviewed", "A B, MD", "2026-01-02")
    assert state.describe() == "reviewed by A B, MD on 2026-01-02"
    edited = reviewed._replace(body=reviewed.body + "One more line.")
    assert review_state(edited, GLOSSARY).describe() == \
        "changed since review (reviewed by A B, MD on 2026-01-02)"
    by_hand = reviewed._replace(reviewed_fingerprint="")
    assert review_state(by_hand, GLOSSARY).state == "changed"


def test_show_reviewed_hides_unreviewed_and_changed_pages_but_never_help(tmp_path):
    pack = tmp_path / "pack"
    make_pack(pack)
    write_page(pack, "en", "help-now", "Call 988.", order=0, kind="help", icon="help")
    write_page(pack, "en", "reviewed", "Checked text.", order=5)
    write_page(pack, "en", "changed", "Checked text.", order=6)
    assert main(["content", "approve", "reviewed", "changed", "--by", "A B, MD",
                 "--pack", str(pack)]) == 0
    path = pack / "en" / "changed.md"
    path.write_text(path.read_text(encoding="utf-8") + "New words.\n", encoding="utf-8")
    loaded = load_pack(pack)
    pages, glossary = loaded.pages("en"), loaded.glossary("en")
    assert [p.id for p in visible_pages(pages, glossary, "all")] == [p.id for p in pages]
    assert [p.id for p in visible_pages(pages, glossary, "reviewed")] == ["help-now", "reviewed"]
    hidden = {p.id: state.state for p, state in hidden_pages(pages, glossary, "reviewed")}
    assert hidden == {"welcome": "never", "signs": "never", "changed": "changed"}
    assert hidden_pages(pages, glossary, "all") == []
    with pytest.raises(ValueError):
        visible_pages(pages, glossary, "some")


# --- approve: the file edit ---------------------------------------------------------

VALUES = {"reviewed_by": "Ana Ruiz, MD", "reviewed_on": "2026-11-30",
          "reviewed_fingerprint": "0123456789ab"}


def test_edit_keeps_every_other_byte_crlf_bom_and_comments():
    original = ("\ufeff+++\r\nid = \"risks\"\r\nreviewed_by = \"\"   # only after a real review"
                "\r\nreviewed_on = \"\"\r\ntitle = \"Risks\"\r\n+++\r\n\r\nBody  text.\r\n"
                "reviewed_by = \"not front matter\"\r\n").encode()
    edited = set_review_fields(original, VALUES)
    assert edited.startswith(b"\xef\xbb\xbf")
    expected = original.replace(b'reviewed_by = ""', b'reviewed_by = "Ana Ruiz, MD"', 1) \
        .replace(b'reviewed_on = ""', b'reviewed_on = "2026-11-30"\r\n'
                 b'reviewed_fingerprint = "0123456789ab"', 1)
    assert edited == expected
    again = set_review_fields(edited, dict(VALUES, reviewed_fingerprint="ba9876543210"))
    assert again == expected.replace(b"0123456789ab", b"ba9876543210")


def test_edit_refuses_what_it_cannot_do_safely():
    from kiosk.content.review import ReviewEditError

    for bad in (b"no front matter\n", b"+++\nid = \"x\"\n",
                b'+++\nreviewed_by = """\nA\n"""\nreviewed_on = ""\n+++\nBody\n',
                b"+++\nid = \"x\n+++\nBody\n", b"+++\xff\n+++\n"):
        with pytest.raises(ReviewEditError):
            set_review_fields(bad, VALUES)


# --- approve and status through the command line -----------------------------------


def snapshot(pack: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(pack.rglob("*")) if p.is_file()}


def test_approve_then_status_then_edits(tmp_path, capsys):
    pack = make_pack(tmp_path / "pack", ("en", "es"))
    assert main(["content", "status", str(pack)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "en/welcome: never reviewed", "en/signs: never reviewed",
        "es/welcome: never reviewed", "es/signs: never reviewed"]
    before = snapshot(pack)
    assert main(["content", "approve", "signs", "--by", "Ana Ruiz, MD", "--date",
                 "2026-11-30", "--lang", "es", "--pack", str(pack)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("es/signs: reviewed by Ana Ruiz, MD on 2026-11-30 (fingerprint ")
    after = snapshot(pack)
    changed = [name for name in before if before[name] != after[name]]
    assert changed == [str(pack / "es" / "signs.md")]
    old_lines = before[changed[0]].decode().splitlines()
    new_lines = after[changed[0]].decode().splitlines()
    assert [line for line in new_lines if line not in old_lines] == [
        'reviewed_by = "Ana Ruiz, MD"', 'reviewed_on = "2026-11-30"',
        f'reviewed_fingerprint = "{out.split("fingerprint ")[1].strip().rstrip(")")}"']
    assert not [p for p in check_pack(pack) if p.is_error]

    def status() -> str:
        assert main(["content", "status", str(pack)]) == 0
        return dict(line.split(": ", 1) for line in capsys.readouterr().out.splitlines())[
            "es/signs"]

    assert status() == "reviewed by Ana Ruiz, MD on 2026-11-30"
    path = pack / "es" / "signs.md"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.replace("\n", "\r\n").replace("first card.", "first   card.")
                     .encode())
    assert status() == "reviewed by Ana Ruiz, MD on 2026-11-30"  # whitespace only
    path.write_text(text.replace("first card.", "first card, changed."), encoding="utf-8")
    assert status() == "changed since review (reviewed by Ana Ruiz, MD on 2026-11-30)"
    warnings = [str(p) for p in check_pack(pack) if not p.is_error]
    assert any(str(path) in w and "changed since review (reviewed by Ana Ruiz, MD on "
               "2026-11-30)" in w for w in warnings)


def test_approve_keeps_the_file_mode(tmp_path):
    pack = make_pack(tmp_path / "pack")
    path = pack / "en" / "signs.md"
    os.chmod(path, 0o640)
    assert main(["content", "approve", "signs", "--by", "A B, MD", "--pack", str(pack)]) == 0
    assert path.stat().st_mode & 0o777 == 0o640
    assert not list(pack.rglob("*.tmp"))


def test_approve_every_language_by_default(tmp_path, capsys):
    pack = make_pack(tmp_path / "pack", ("en", "es"))
    assert main(["content", "approve", "welcome", "signs", "--by", "A B, RN",
                 "--pack", str(pack)]) == 0
    today = date.today().isoformat()
    capsys.readouterr()
    assert main(["content", "status", str(pack)]) == 0
    assert capsys.readouterr().out.count(f"reviewed by A B, RN on {today}") == 4


@pytest.mark.parametrize("args, message", [
    ([], '--by "NAME, CREDENTIALS" is required'),
    (["--by", ""], "--by is empty"),
    (["--by", "Just A Name"], "needs a name and credentials separated by a comma"),
    (["--by", "A B, MD\u202e"], "control or invisible character"),
    (["--by", "A B, MD", "--date", "2026-02-30"], "is not a real date"),
    (["--by", "A B, MD", "--date", "30/11/2026"], "expected YYYY-MM-DD"),
    (["--by", "A B, MD", "--date", (date.today() + timedelta(days=1)).isoformat()],
     "is in the future"),
    (["--by", "A B, MD", "--lang", "fr"], "no pages in language 'fr'"),
])
def test_approve_refuses_bad_arguments_and_touches_nothing(tmp_path, capsys, args, message):
    pack = make_pack(tmp_path / "pack", ("en", "es"))
    before = snapshot(pack)
    assert main(["content", "approve", "signs", *args, "--pack", str(pack)]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and message in err, err
    assert snapshot(pack) == before


def test_approve_refuses_unknown_id_page_with_errors_and_read_only(tmp_path, capsys):
    pack = make_pack(tmp_path / "pack", ("en", "es"))
    write_page(pack, "en", "broken", "See [x](page:nowhere).", order=7)
    write_page(pack, "es", "broken", "Texto.", order=7)
    read_only = pack / "es" / "welcome.md"
    os.chmod(read_only, 0o444)
    before = snapshot(pack)
    cases = [(["nowhere"], "no page 'nowhere'"),
             (["signs", "broken"], "en/broken has errors"),
             (["signs", "welcome"], "is read-only")]
    for ids, message in cases:
        assert main(["content", "approve", *ids, "--by", "A B, MD", "--pack", str(pack)]) == 1
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1 and message in err, err
        assert "Traceback" not in err
        assert snapshot(pack) == before  # signs.md too: all or nothing
    assert not list(pack.rglob("*.tmp"))


def test_approve_never_edits_the_built_in_pack_unless_named(tmp_path, capsys):
    before = snapshot(ROOT / "resources" / "content")
    assert main(["content", "approve", "risks", "--by", "A B, MD"]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "the built-in pack is not edited" in err
    assert snapshot(ROOT / "resources" / "content") == before


def test_editors_notes_do_not_change_the_fingerprint(tmp_path):
    base = fp(tmp_path)
    assert fp(tmp_path, BODY + "\n<!-- note for editors: check the source -->\n") == base


def test_a_garbled_fingerprint_is_a_warning_and_the_page_still_shows(tmp_path):
    pack = make_pack(tmp_path / "pack")
    path = write_page(pack, "en", "odd", order=3, reviewed_by="A B, MD",
                      reviewed_on="2026-01-02", reviewed_fingerprint="not-hex")
    page = load_pack(pack).page("en", "odd")
    assert page is not None and review_state(page, {}).state == "changed"
    found = [p for p in check_pack(pack) if p.file == str(path) and "12 hex" in p.message]
    assert found and found[0].severity == "warning"


def test_status_of_a_missing_folder_is_one_line(tmp_path, capsys):
    assert main(["content", "status", str(tmp_path / "nope")]) == 1
    assert capsys.readouterr().err.strip() == f"error: {tmp_path / 'nope'}: no such folder"


def test_shipped_pack_has_no_invented_review():
    """No clinician has reviewed the shipped pages: every review field stays empty."""
    import tomllib

    for path in sorted((ROOT / "resources" / "content").glob("*/*.md")):
        front = path.read_text(encoding="utf-8").split("+++")[1]
        meta = tomllib.loads(front)
        for key in ("reviewed_by", "reviewed_on", "reviewed_fingerprint"):
            assert meta.get(key, "") == "", f"{path}: {key} = {meta[key]!r}"
