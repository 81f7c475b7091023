"""check_pack reports each defect with its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content import check_pack
from kiosk.content.readability import (
    count_text,
    fernandez_huerta,
    flesch_kincaid_grade,
    prose_units,
    readability,
    word_syllables,
)
from kiosk.content.testing import make_pack, page_text, png_bytes, write_page


def problems_for(pack: Path, path: Path) -> list[tuple[int | None, str, str]]:
    return [(p.line, p.severity, p.message) for p in check_pack(pack) if p.file == str(path)]


def find(problems, text):
    hits = [p for p in problems if text in p[2]]
    assert hits, f"no problem mentioning {text!r} in {problems}"
    return hits[0]


def test_good_pack_has_no_problems(tmp_path):
    make_pack(tmp_path, ("en", "es"))
    assert check_pack(tmp_path) == []


def test_missing_folder_and_no_languages(tmp_path):
    [problem] = check_pack(tmp_path / "nope")
    assert "no such folder" in problem.message and problem.severity == "error"
    [problem] = check_pack(tmp_path)
    assert "no language folders" in problem.message


# Front matter: line 1 is "+++", keys start on line 2 in page_text's order:
# id 2, title 3, order 4, kind 5, summary 6, icon 7, sources 8, reviewed_by 9, reviewed_on 10


@pytest.mark.parametrize("meta, line, text", [
    ({"order": "one"}, 4, "order: expected a whole number"),
    ({"order": True}, 4, "order: expected a whole number"),
    ({"kind": "poem"}, 5, "kind: expected one of"),
    ({"icon": "rocket"}, 7, "icon: expected one of"),
    ({"sources": "NIMH"}, 8, "sources: expected a list of strings"),
    ({"sources": [1, 2]}, 8, "sources: expected a list of strings"),
    ({"title": 5}, 3, "title: expected a string"),
    ({"summary": ""}, 6, "summary: must not be empty"),
    ({"reviewed_on": "last week"}, 10, "reviewed_on: expected a date"),
    ({"reviewed_on": "2025-02-30"}, 10, "reviewed_on: expected a date"),
])
def test_front_matter_type_errors_point_at_the_key(tmp_path, meta, line, text):
    make_pack(tmp_path)
    path = write_page(tmp_path, "en", "bad", **{"order": 3, **meta})
    problem = find(problems_for(tmp_path, path), text)
    assert problem[0] == line and problem[1] == "error"


def test_bad_id_and_missing_key(tmp_path):
    make_pack(tmp_path)
    path = write_page(tmp_path, "en", "Bad_Id", order=3, filename="bad.md", omit=["icon"])
    problems = problems_for(tmp_path, path)
    assert find(problems, "is not a page id")[0] == 2
    assert find(problems, "missing the required key 'icon'")[:2] == (1, "error")


def test_unknown_key_is_a_warning_with_suggestion(tmp_path):
    make_pack(tmp_path)
    path = write_page(tmp_path, "en", "extra", order=3, contentwarning="x")
    problem = find(problems_for(tmp_path, path), "unknown front matter key 'contentwarning'")
    assert problem[1] == "warning" and "did you mean 'content_warning'" in problem[2]
    assert problem[0] == 11


def test_toml_syntax_error_line_is_in_the_file(tmp_path):
    make_pack(tmp_path)
    folder = tmp_path / "en"
    path = folder / "broken.md"
    path.write_text('+++\nid = "broken"\ntitle = "x\norder = 3\n+++\nBody.\n', encoding="utf-8")
    problem = find(problems_for(tmp_path, path), "front matter TOML error")
    assert problem[0] == 3


def test_no_front_matter_and_unclosed(tmp_path):
    make_pack(tmp_path)
    a = tmp_path / "en" / "a.md"
    a.write_text("# Just markdown\n", encoding="utf-8")
    b = tmp_path / "en" / "b.md"
    b.write_text('+++\nid = "b"\n', encoding="utf-8")
    assert find(problems_for(tmp_path, a), "no front matter")[0] == 1
    assert find(problems_for(tmp_path, b), "not closed")[0] == 1


def test_duplicate_ids(tmp_path):
    make_pack(tmp_path)
    path = write_page(tmp_path, "en", "welcome", filename="zz-welcome.md", order=5)
    assert find(problems_for(tmp_path, path), "duplicate page id 'welcome'")[:2] == (2, "error")


def test_dead_page_link_reports_the_body_line(tmp_path):
    make_pack(tmp_path)
    body = "First line.\n\nSee [nothing](page:no-such-page) here.\n"
    path = write_page(tmp_path, "en", "linker", body, order=3)
    # front matter is lines 1-11, body starts at 12
    problem = find(problems_for(tmp_path, path), "page:no-such-page")
    assert problem[:2] == (14, "error")


def test_reference_links_and_bad_schemes(tmp_path):
    make_pack(tmp_path)
    body = ("[a](javascript:alert(1))\n[b](other.md)\n[c](https://example.org)\n"
            "[d][r]\n\n[r]: page:missing\n")
    path = write_page(tmp_path, "en", "links", body, order=3)
    problems = problems_for(tmp_path, path)
    assert find(problems, "javascript: links are not allowed")[0] == 12
    assert find(problems, "link to other pages with page:ID")[0] == 13
    assert not [p for p in problems if p[0] == 14]  # external links are fine
    assert find(problems, "page:missing")[0] == 17


def test_images(tmp_path):
    make_pack(tmp_path)
    (tmp_path / "en" / "ok.png").write_bytes(png_bytes())
    (tmp_path.parent / "outside.png").write_bytes(b"png")
    body = ("![Fine](ok.png)\n![Gone](missing.png)\n![Far](../../outside.png)\n"
            "![Web](https://example.org/x.png)\n![](ok.png)\n")
    path = write_page(tmp_path, "en", "pics", body, order=3)
    problems = problems_for(tmp_path, path)
    assert not [p for p in problems if p[0] == 12]
    assert find(problems, "not found")[:2] == (13, "error")
    assert find(problems, "outside the content pack")[:2] == (14, "error")
    assert find(problems, "remote image")[:2] == (15, "error")
    assert find(problems, "no alt text")[:2] == (16, "warning")


def test_raw_html_reported_per_line(tmp_path):
    make_pack(tmp_path)
    body = ("Fine text.\n<div class='x'>\nInline <b>bold</b>.\n<!-- note -->\n"
            "`<code>` is fine\n```\n<script>in code</script>\n```\n<https://auto.link> too\n")
    path = write_page(tmp_path, "en", "html", body, order=3)
    lines = sorted(p[0] for p in problems_for(tmp_path, path) if "raw HTML" in p[2])
    assert lines == [13, 14, 15]


def test_invalid_utf8_reports_each_line(tmp_path):
    make_pack(tmp_path)
    path = tmp_path / "en" / "bytes.md"
    path.write_bytes(page_text("bytes", "Fine.\nCaf\xe9 here.\nAnd \xff here.\n",
                               order=3).encode("latin-1"))
    problems = problems_for(tmp_path, path)
    assert [p[0] for p in problems if "not UTF-8" in p[2]] == [13, 14]


def test_file_too_large(tmp_path):
    make_pack(tmp_path)
    path = write_page(tmp_path, "en", "big", "Short words. " * 25_000, order=3)
    assert find(problems_for(tmp_path, path), "at most 262,144 bytes")[1] == "error"


def test_page_missing_from_a_language(tmp_path):
    make_pack(tmp_path, ("en", "es"))
    path = write_page(tmp_path, "en", "only-english", order=3)
    problem = find(problems_for(tmp_path, path), "has no es/ version")
    assert problem[:2] == (2, "error")


def test_kind_mismatch_across_languages_is_a_warning(tmp_path):
    make_pack(tmp_path, ("en", "es"))
    path = write_page(tmp_path, "es", "welcome", "Hola. Lea la [lista](page:signs).", order=1,
                      icon="help")
    problem = find(problems_for(tmp_path, path), "icon is 'help' here")
    assert problem[:2] == (7, "warning")


def test_list_page_problems(tmp_path):
    make_pack(tmp_path)
    body = "Intro.\n\n## Group\n\n- plain item\n\nStray words.\n\n## Empty\n"
    path = write_page(tmp_path, "en", "lst", body, order=3, kind="list")
    problems = problems_for(tmp_path, path)
    assert find(problems, "is not '**Name** - explanation'")[:2] == (16, "warning")
    assert find(problems, "not shown on the cards")[:2] == (18, "warning")
    assert find(problems, "'Empty' has no cards")[1] == "warning"
    path = write_page(tmp_path, "en", "nogroups", "Just prose.", order=4, kind="list")
    assert find(problems_for(tmp_path, path), "list page has no groups")[1] == "error"


HARD_EN = ("Notwithstanding considerable methodological heterogeneity, contemporary "
           "investigations consistently demonstrate substantial therapeutic effectiveness "
           "attributable to glutamatergic neuromodulation in individuals experiencing "
           "treatment-resistant posttraumatic psychopathology.\n")
MEDIUM_EN = ("Doctors often recommend psychotherapy, medication, or a combination of "
             "approaches for people experiencing persistent symptoms after trauma.\n")
HARD_ES = ("La heterogeneidad metodológica considerable de las investigaciones contemporáneas "
           "demuestra sistemáticamente la efectividad terapéutica atribuible a la "
           "neuromodulación glutamatérgica en individuos con psicopatología postraumática "
           "resistente al tratamiento.\n")


def test_reading_level_english(tmp_path):
    make_pack(tmp_path)
    hard = write_page(tmp_path, "en", "hard", HARD_EN, order=3)
    medium = write_page(tmp_path, "en", "medium", MEDIUM_EN, order=4)
    problem = find(problems_for(tmp_path, hard), "Flesch-Kincaid grade")
    assert problem[1] == "error" and problem[0] is None
    level = readability(MEDIUM_EN, "en")
    assert level is not None
    severity = find(problems_for(tmp_path, medium), "Flesch-Kincaid grade")[1]
    assert severity == ("error" if level.score > 9 else "warning")


def test_reading_level_spanish(tmp_path):
    make_pack(tmp_path, ("es",))
    hard = write_page(tmp_path, "es", "hard", HARD_ES, order=3)
    assert find(problems_for(tmp_path, hard), "Fernandez-Huerta")[1] == "error"


def test_syllable_counts():
    en = {"the": 1, "people": 2, "medicine": 3, "ketamine": 3, "every": 3, "create": 2,
          "anesthesia": 4, "takes": 1, "needed": 2, "hypervigilance": 5}
    for word, count in en.items():
        assert word_syllables(word, "en") == count, word
    es = {"día": 2, "ketamina": 4, "aéreo": 4, "país": 2, "ayuda": 3, "hay": 1, "guerra": 2,
          "ciudad": 2, "tratamiento": 4, "que": 1}
    for word, count in es.items():
        assert word_syllables(word, "es") == count, word


def test_prose_units_and_sentences():
    body = ("## A heading\n\nOne sentence. Dr. Smith lives in the U.S. and likes it!\n\n"
            "- **Item** - one line\n- second item\n\n| a | b |\n|---|---|\n| c | d |\n\n"
            "```\nnot prose\n```\n")
    units = prose_units(body)
    assert units == ["A heading", "One sentence. Dr. Smith lives in the U.S. and likes it!",
                     "Item - one line", "second item", "a b", "c d"]
    words, sentences, _ = count_text(units, "en")
    assert sentences == 7
    assert words == 22


def test_formulas():
    assert flesch_kincaid_grade(100, 10, 150) == pytest.approx(0.39 * 10 + 11.8 * 1.5 - 15.59)
    assert fernandez_huerta(100, 10, 200) == pytest.approx(206.84 - 120 - 10.2)
    assert readability("", "en") is None
    assert readability("Bonjour.", "fr") is None
