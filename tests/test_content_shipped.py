"""The built-in pages: valid, complete in every language, and factually right."""

from __future__ import annotations

import re

import pytest

from kiosk import paths
from kiosk.content import check_pack, load_pack
from kiosk.content.readability import readability

EXPECTED = {
    "welcome": ("article", "welcome"), "what-is-ketamine": ("article", "ketamine"),
    "what-is-ptsd": ("article", "ptsd"), "symptoms": ("list", "symptoms"),
    "causes": ("article", "causes"), "treatments": ("article", "treatments"),
    "research": ("article", "research"), "how-it-works": ("article", "brain"),
    "risks": ("list", "risks"), "could-it-help": ("article", "question"),
    "help-now": ("help", "help"), "find-a-clinic": ("locator", "locator"),
}
# The brief's sources, plus the primary sources for facts the brief states without
# one (WHO essential medicines, the 2019 esketamine approval, the SAMHSA helpline).
BRIEF_SOURCES = ("Feder A", "Abdallah CG", "National Center for PTSD",
                 "National Institute of Mental Health", "988 Suicide & Crisis Lifeline",
                 "Veterans Crisis Line", "FDA label for Ketalar",
                 "World Health Organization: Model List of Essential Medicines",
                 "U.S. FDA news release, March 5, 2019", "SAMHSA National Helpline")


@pytest.fixture(scope="module")
def pack():
    return load_pack(None)


def test_builtin_pack_has_no_errors():
    problems = check_pack(paths.builtin_content_dir())
    errors = [str(p) for p in problems if p.severity == "error"]
    assert errors == []


def test_builtin_pack_loads_without_problems(pack):
    assert pack.problems == [] and not pack.fell_back
    assert pack.languages == ["en", "es"]


def test_every_language_has_the_same_pages(pack):
    for lang in pack.languages:
        pages = pack.pages(lang)
        assert {p.id for p in pages} == set(EXPECTED), lang
        assert [p.id for p in pages] == list(EXPECTED), lang  # the brief's order
        for page in pages:
            assert (page.kind, page.icon) == EXPECTED[page.id]
            assert page.lang == lang


def test_translations_match_english(pack):
    for en in pack.pages("en"):
        es = pack.page("es", en.id)
        assert es is not None and es.lang == "es"
        assert (es.order, es.kind, es.icon, es.sources) == (en.order, en.kind, en.icon,
                                                            en.sources)
        assert bool(es.content_warning) == bool(en.content_warning)
        assert len(es.groups) == len(en.groups)
        assert [len(g.cards) for g in es.groups] == [len(g.cards) for g in en.groups]
        assert es.title != en.title or en.id == "welcome"


def test_no_page_claims_a_review(pack):
    for page in pack.all_pages():
        assert page.reviewed_by == "" and page.reviewed_on == ""
        assert page.needs_review


def test_sources_come_from_the_brief(pack):
    for page in pack.all_pages():
        for source in page.sources:
            assert any(mark in source for mark in BRIEF_SOURCES), source
        if page.kind in ("article", "list"):
            assert page.sources, page.id


def test_content_warnings_on_trauma_pages(pack):
    for lang in pack.languages:
        for page_id in ("symptoms", "causes"):
            assert pack.page(lang, page_id).content_warning


def test_reading_levels(pack):
    for page in pack.pages("en"):
        level = readability(page.body, "en")
        assert level is not None and level.score <= 8.0, (page.id, level)
    for page in pack.pages("es"):
        level = readability(page.body, "es")
        assert level is not None and level.score >= 70.0, (page.id, level)


def text_of(pack, lang, page_id):
    page = pack.page(lang, page_id)
    return page.plain_text + "\n" + page.body


@pytest.mark.parametrize("lang", ["en", "es"])
def test_ketamine_history_facts(pack, lang):
    text = text_of(pack, lang, "what-is-ketamine")
    assert "1962" in text and "1970" in text and "Parke-Davis" in text
    assert "2019" in text  # esketamine approval
    assert "1960" not in text and "1970s" not in text
    assert "veterinar" not in text.lower()


def test_ketamine_is_not_approved_for_ptsd(pack):
    en = text_of(pack, "en", "what-is-ketamine")
    assert "has not approved ketamine for PTSD" in en and "off-label" in en
    assert "not approved for PTSD" in en  # esketamine
    es = text_of(pack, "es", "what-is-ketamine")
    assert "no ha aprobado la ketamina para el TEPT" in es


@pytest.mark.parametrize("lang, two_weeks, six_weeks", [
    ("en", "two weeks", "six weeks"), ("es", "dos semanas", "seis semanas"),
])
def test_feder_study_facts(pack, lang, two_weeks, six_weeks):
    text = text_of(pack, lang, "research")
    assert two_weeks in text and six_weeks not in text
    assert "6 weeks" not in text and "6 semanas" not in text
    for fact in ("2021", "30 ", "67 ", "20 ", "30%", "24 ", "27.5", "4 "):
        assert fact in text, fact
    assert "psychotherapy study" not in text


@pytest.mark.parametrize("lang, placebo", [("en", "placebo"), ("es", "placebo")])
def test_abdallah_study_is_reported_as_mixed(pack, lang, placebo):
    text = text_of(pack, lang, "research")
    assert "158" in text and "2022" in text and "8 " in text and placebo in text
    assert ("mixed" in text) if lang == "en" else ("no todos dicen lo mismo" in text)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_help_now_numbers(pack, lang):
    page = pack.page(lang, "help-now")
    assert page.kind == "help"
    text = page.plain_text
    for number in ("988", "838255", "911", "1-800-662-4357"):
        assert number in text
    assert re.search(r"988\S*,? (then press|y luego oprima) \S*1", page.body)


def test_help_now_spanish_option(pack):
    assert re.search(r"988\*\* y oprima \*\*2", pack.page("es", "help-now").body)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_treatments_facts(pack, lang):
    text = text_of(pack, lang, "treatments").lower()
    assert "sertralin" in text and "paroxetin" in text
    assert "60" in text and "40" in text
    assert ("20 to 30" in text) if lang == "en" else ("20 a 30" in text)


@pytest.mark.parametrize("lang, drive", [("en", "drive you home"), ("es", "lleve a casa")])
def test_risks_page(pack, lang, drive):
    page = pack.page(lang, "risks")
    assert page.kind == "list" and len(page.groups) >= 4
    cards = " ".join(c.name + " " + c.text for g in page.groups for c in g.cards)
    assert drive in cards
    headings = " ".join(g.heading for g in page.groups).lower()
    assert ("doctor first" in headings) if lang == "en" else ("consulte antes" in headings)


def test_symptoms_page_cards(pack):
    page = pack.page("en", "symptoms")
    names = {c.name for g in page.groups for c in g.cards}
    for name in ("Flashbacks", "Bad dreams", "Always on guard", "Trouble sleeping"):
        assert name in names
    assert all(c.text for g in page.groups for c in g.cards)


def test_welcome_says_not_medical_advice(pack):
    assert "not medical advice" in pack.page("en", "welcome").plain_text
    assert "No es un consejo médico" in pack.page("es", "welcome").plain_text


def test_ptsd_prevalence_facts(pack):
    text = text_of(pack, "en", "what-is-ptsd")
    for fact in ("6 in 100", "5 in 100", "13 million", "8 in 100", "4 in 100", "3 months",
                 "more than a month"):
        assert fact in text, fact


def test_every_page_link_resolves(pack):
    for page in pack.all_pages():
        for target in re.findall(r'href="page:([a-z0-9-]+)"', page.html + page.intro_html):
            assert pack.page(page.lang, target) is not None, (page.id, target)
