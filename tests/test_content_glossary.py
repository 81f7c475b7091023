"""The glossary: glossary.toml per language, term: links in pages and cards, and its checks."""

from __future__ import annotations

from pathlib import Path

from kiosk.content.check import check_pack
from kiosk.content.glossary import parse_glossary
from kiosk.content.model import Term
from kiosk.content.pack import load_pack
from kiosk.content.testing import make_pack, write_page

GLOSSARY = """\
[placebo]
term = "placebo"
definition = "A treatment with no active medicine in it."

[off-label]
term = "off-label"
definition = "Used in a way the FDA has not approved."
"""


def write_glossary(pack: Path, lang: str, text: str = GLOSSARY) -> Path:
    path = pack / lang / "glossary.toml"
    path.write_text(text, encoding="utf-8")
    return path


def glossary_pack(tmp_path: Path, langs=("en", "es")) -> Path:
    pack = make_pack(tmp_path / "pack", langs)
    for lang in langs:
        write_page(pack, lang, "terms", "Compared with a [placebo](term:placebo). It is "
                   "[off-label](term:off-label). A [placebo](term:placebo) again.", order=3)
        write_glossary(pack, lang)
    return pack


def test_pack_exposes_glossary_and_page_terms(tmp_path):
    pack = load_pack(glossary_pack(tmp_path))
    entries = pack.glossary("es")
    assert entries["placebo"] == Term("placebo", "placebo",
                                      "A treatment with no active medicine in it.")
    page = pack.page("en", "terms")
    assert page is not None
    assert page.terms == ("placebo", "off-label")
    assert '<a class="term" href="term:placebo">placebo</a>' in page.html
    assert pack.page("en", "welcome").terms == ()


def test_glossary_survives_the_rendered_cache(tmp_path):
    directory = glossary_pack(tmp_path)
    first = load_pack(directory)
    second = load_pack(directory)
    assert dict(second.glossary("en")) == dict(first.glossary("en"))
    assert second.page("en", "terms") == first.page("en", "terms")


def test_list_card_marks_its_term(tmp_path):
    pack = make_pack(tmp_path / "pack")
    write_page(pack, "en", "risks", "Intro.\n\n## Group\n\n- **Feeling far away** - This is "
               "[dissociation](term:dissociation).\n- **Plain** - No term here.\n",
               order=3, kind="list", icon="risks")
    write_glossary(pack, "en", '[dissociation]\nterm = "dissociation"\ndefinition = "Feeling '
                   'cut off from yourself."\n')
    page = load_pack(pack).page("en", "risks")
    first, plain = page.groups[0].cards
    assert first.text == "This is dissociation."
    assert first.html == 'This is <a class="term" href="term:dissociation">dissociation</a>.'
    assert plain.html == ""
    assert page.terms == ("dissociation",)


def test_checker_glossary_problems(tmp_path):
    pack = glossary_pack(tmp_path)
    page = write_page(pack, "en", "missing", "A [word](term:nowhere).", order=4)
    write_page(pack, "es", "missing", "Una palabra.", order=4)
    path = write_glossary(pack, "en", GLOSSARY + '\n[unused]\nterm = "x"\ndefinition = "y"\n')
    found = {str(p) for p in check_pack(pack)}
    assert f"{page}:12: term:nowhere has no definition in en/glossary.toml" in found
    assert f"{path}:9: warning: [unused] is defined but no page links to it (term:unused)" \
        in found
    assert (f"{path}:9: glossary id [unused] has no es/glossary.toml entry (every language "
            "needs the same glossary ids)") in found


def test_checker_reports_bad_glossary_toml_with_its_line(tmp_path):
    pack = glossary_pack(tmp_path)
    path = write_glossary(pack, "es", '[placebo]\nterm = "placebo\ndefinition = "x"\n')
    problems = [p for p in check_pack(pack) if p.file == str(path)]
    assert problems and problems[0].line == 2 and "glossary TOML error" in problems[0].message
    # the kiosk still serves every page
    assert load_pack(pack).page("es", "terms") is not None


def test_parse_glossary_entry_problems():
    entries, problems = parse_glossary(
        '[Bad_Id]\nterm = "x"\ndefinition = "y"\n[ok]\nterm = "ok"\n'
        '[empty]\nterm = ""\ndefinition = "y"\nextra = 1\n', "g.toml")
    assert list(entries) == []
    text = [str(p) for p in problems]
    assert "g.toml:1: glossary id 'Bad_Id' is not an id: use lower-case letters, digits and " \
           "single hyphens, e.g. [off-label]" in text
    assert "g.toml:4: [ok] needs a non-empty definition string" in text
    assert "g.toml:6: [empty] needs a non-empty term string" in text
    assert "g.toml:6: warning: [empty] unknown key 'extra' (expected term and definition)" in text


def test_bad_term_link_id_is_an_error(tmp_path):
    pack = glossary_pack(tmp_path)
    page = write_page(pack, "en", "bad", "A [word](term:Not_An_Id).", order=5)
    write_page(pack, "es", "bad", "Una palabra.", order=5)
    assert any(p.file == str(page) and "bad glossary link" in p.message and p.is_error
               for p in check_pack(pack))
    # and it never becomes a link
    assert "term:" not in load_pack(pack).page("en", "bad").html


def test_invisible_characters_in_a_glossary_are_errors():
    _, problems = parse_glossary('[placebo]\nterm = "pla\u200bcebo"\ndefinition = "A pill."\n',
                                 "g.toml")
    assert [str(p) for p in problems] == [
        "g.toml:1: [placebo] term contains a zero-width space (U+200B), invisible on screen; "
        "delete it"]


def test_testing_helper_writes_a_glossary_the_pack_reads(tmp_path):
    from kiosk.content.testing import write_glossary

    pack = make_pack(tmp_path / "pack")
    write_glossary(pack, "en", {"off-label": ("off-label", 'Used in a way "not approved".')})
    assert load_pack(pack).glossary("en")["off-label"].definition == 'Used in a way "not approved".'
