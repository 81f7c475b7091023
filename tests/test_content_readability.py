"""Readability measured honestly: prose and whole page, sentence ends, vocabulary."""

from __future__ import annotations

from kiosk.content.check import check_pack
from kiosk.content.readability import (
    count_text,
    es_stem,
    page_readability,
    paragraph_units,
    readability,
    vocabulary,
    word_list,
)
from kiosk.content.testing import make_pack, write_page

LIST_PAGE = ("Patients who are considering ketamine treatment should discuss the potential "
             "benefits, the documented risks and the considerable uncertainties of the "
             "evidence with an experienced clinician before they make any decision.\n\n"
             "## Signs\n\n- **Sleep** - Bad sleep.\n- **Fear** - Feeling afraid.\n"
             "- **Anger** - Getting angry.\n- **Pain** - It hurts.\n")


def test_prose_is_scored_apart_from_headings_and_list_items():
    assert paragraph_units(LIST_PAGE) == [LIST_PAGE.split("\n")[0]]
    level = page_readability(LIST_PAGE, "en")
    assert level is not None and level.prose is not None and level.whole is not None
    # The short list items pull the whole-page grade far down; the prose stays hard.
    assert level.prose.score > 12 > level.whole.score
    assert level.judged == level.prose
    assert readability(LIST_PAGE, "en", paragraphs_only=True) == level.prose


def test_spanish_is_judged_by_the_lower_ease():
    body = ("La heterogeneidad metodológica considerable de las investigaciones demuestra "
            "sistemáticamente la efectividad terapéutica.\n\n## Señales\n\n- **Sueño** - "
            "Dormir mal.\n- **Miedo** - Tener miedo.\n")
    level = page_readability(body, "es")
    assert level.judged == min((level.prose, level.whole), key=lambda r: r.score)


def test_abbreviations_and_decimals_do_not_end_sentences():
    units = ["The benefit lasted a median of 27.5 days in the U.S. trial, e.g. for Dr. Feder "
             "et al. and vs. placebo. That is all."]
    _, sentences, _ = count_text(units, "en")
    assert sentences == 2
    assert count_text(["En EE.UU. la Dra. Ruiz vio 27.5 casos. Nada más."], "es")[1] == 2


def test_checker_judges_a_list_page_by_its_prose(tmp_path):
    make_pack(tmp_path)
    path = write_page(tmp_path, "en", "hard-list", LIST_PAGE, order=3, kind="list",
                      icon="symptoms")
    messages = [p for p in check_pack(tmp_path) if p.file == str(path)]
    level = [p for p in messages if "Flesch-Kincaid grade" in p.message]
    assert level and level[0].is_error
    assert "prose" in level[0].message and "whole page" in level[0].message


def test_vocabulary_counts_plain_topic_and_glossary_words():
    assert {"ketamine", "infusion", "ptsd", "therapy", "doctor", "sleep"} <= word_list("en")
    plain = vocabulary(["The doctor said the infusions helped her sleep and eat again."], "en")
    assert plain is not None and plain.unfamiliar == 0 and plain.words == 11
    hard = vocabulary(["Glutamatergic neuromodulation ameliorates psychopathology."], "en")
    assert hard.unfamiliar == 4 and hard.share == 1.0
    assert set(hard.examples) == {"glutamatergic", "neuromodulation", "ameliorates",
                                  "psychopathology"}
    known = vocabulary(["Glutamatergic neuromodulation ameliorates psychopathology."], "en",
                       frozenset({"neuromodulation"}))
    assert known.unfamiliar == 3


def test_vocabulary_leaves_out_names_and_initials():
    result = vocabulary(["In the U.S., a study by Feder found that people felt better."], "en")
    assert result.unfamiliar == 0  # "Feder" is a name, "U" and "S" are initials


def test_spanish_vocabulary_matches_word_forms():
    assert es_stem("medicamentos") == es_stem("medicamento")
    result = vocabulary(["Los médicos pueden ayudarle con sus síntomas."], "es")
    assert result is not None and result.share < 0.3


def test_checker_warns_on_hard_vocabulary(tmp_path):
    make_pack(tmp_path)
    words = ("Clinicians evaluate comorbid presentations, contraindications, pharmacokinetic "
             "interactions and hemodynamic parameters. ")
    path = write_page(tmp_path, "en", "jargon", words * 6, order=3)
    found = [p for p in check_pack(tmp_path) if p.file == str(path) and "vocabulary" in p.message]
    assert found and found[0].severity == "warning"
    assert "outside the plain-word list, above 10%" in found[0].message


def test_the_formula_and_hyphenation_come_from_the_language_registry(monkeypatch):
    from kiosk import languages
    from kiosk.content.readability import readability

    body = "The cat sat on the mat. It was a good day for a nap in the sun."
    assert readability(body, "en-US").metric == "Flesch-Kincaid grade"
    assert readability(body, "es").metric == "Fernandez-Huerta"
    assert readability(body, "fr") is None  # not in the registry: no score, no guess
    entry = languages.LANGUAGES["en"]._replace(code="xx", readability="")
    monkeypatch.setitem(languages.LANGUAGES, "xx", entry)
    assert readability(body, "xx") is None  # in the registry without a formula
