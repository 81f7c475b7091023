"""Clinical review in the running kiosk: "Reviewed by NAME on DATE" at the end of a page whose
review holds, nothing on others; ``[content] show = "reviewed"`` hides the rest from patients
(tiles, Next/Previous, page: links) but never Get help now; the staff report says why."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QTextBrowser

from kiosk.content import load_pack
from kiosk.content.review import fingerprint
from kiosk.content.testing import write_page
from tests.ui_helpers import controls, settings_for, settle, shows, tap

REVIEWER = "Ana Ruiz, MD"
DAY = "2025-03-14"


def review_pack(root: Path) -> Path:
    """welcome (reviewed), signs (a list page, reviewed), causes (reviewed, then changed),
    treatments (never reviewed), help-now (never reviewed: it shows anyway)."""
    for lang in ("en", "es"):
        (root / lang).mkdir(parents=True, exist_ok=True)
        (root / lang / "glossary.toml").write_text(
            '[placebo]\nterm = "placebo"\ndefinition = "A pretend treatment."\n',
            encoding="utf-8")
        write_page(root, lang, "welcome", "Hello. A [placebo](term:placebo). See "
                   "[the causes](page:causes) and [treatments](page:treatments).", order=1)
        write_page(root, lang, "signs", "Intro.\n\n## Group\n\n- **One** - The first.\n",
                   order=2, kind="list", icon="symptoms")
        write_page(root, lang, "causes", "Any trauma.", order=3)
        write_page(root, lang, "treatments", "Therapy helps.", order=4)
        write_page(root, lang, "help-now", "Call **988**.", order=9, kind="help", icon="help")
    pack = load_pack(root)
    for page in pack.all_pages():
        if page.id in ("welcome", "signs", "causes"):
            kind = {"signs": "list"}.get(page.id, "article")
            body = page.body.strip("\n")
            write_page(root, page.lang, page.id, body, order=page.order, kind=kind,
                       icon=page.icon, reviewed_by=REVIEWER, reviewed_on=DAY,
                       reviewed_fingerprint=fingerprint(page, pack.glossary(page.lang)))
    # An edit after approval: the review no longer holds.
    write_page(root, "en", "causes", "Any trauma, and more.", order=3,
               reviewed_by=REVIEWER, reviewed_on=DAY, reviewed_fingerprint="0" * 12)
    write_page(root, "es", "causes", "Cualquier trauma, y más.", order=3,
               reviewed_by=REVIEWER, reviewed_on=DAY, reviewed_fingerprint="0" * 12)
    return root


@pytest.fixture
def make(open_window, tmp_path):
    review_pack(tmp_path / "pack")

    def make_(show: str = "all"):
        return open_window(settings_for(tmp_path, f'show = "{show}"\n'))
    return make_


def page_text(window) -> str:
    browser = next(b for b in window.reader.findChildren(QTextBrowser) if b.isVisible())
    return browser.toPlainText()


def tiles(window) -> list[str]:
    return [title for title in ("Welcome", "Signs", "Causes", "Treatments")
            if controls(window.home, title)]


def test_a_reviewed_page_ends_with_who_reviewed_it_and_when(qtbot, make):
    window = make()
    tap(qtbot, window, "Welcome")
    text = page_text(window)
    assert text.rstrip().endswith("Reviewed by Ana Ruiz, MD on Friday, March 14, 2025")
    tap(qtbot, window, "Next")  # signs, a list page: the line closes its cards
    assert shows(window.reader, "Reviewed by Ana Ruiz, MD on Friday, March 14, 2025")
    tap(qtbot, window, "Next")  # causes: changed since review
    assert "Reviewed by" not in page_text(window)
    tap(qtbot, window, "Next")  # treatments: never reviewed
    assert "Reviewed by" not in page_text(window)
    tap(qtbot, window, "Language")
    assert "Revisado por" not in page_text(window)
    tap(qtbot, window, "Anterior")
    tap(qtbot, window, "Anterior")
    tap(qtbot, window, "Anterior")
    assert page_text(window).rstrip().endswith(
        "Revisado por Ana Ruiz, MD el viernes, 14 de marzo de 2025")


def test_show_all_shows_every_page(qtbot, make):
    window = make("all")
    assert tiles(window) == ["Welcome", "Signs", "Causes", "Treatments"]


def test_show_reviewed_hides_what_is_not_reviewed_but_never_get_help_now(qtbot, make):
    window = make("reviewed")
    assert tiles(window) == ["Welcome", "Signs"]
    tap(qtbot, window, "Welcome")
    assert window.reader.isVisible()
    # page: links to hidden pages lead nowhere
    window.reader.link_activated.emit("causes")
    window.reader.link_activated.emit("treatments")
    settle()
    assert window.current.page_id == "welcome"
    # Next walks only through reviewed pages
    tap(qtbot, window, "Next")
    assert window.current.page_id == "signs"
    assert not [b for b in controls(window, "Next") if b.isEnabled()]
    tap(qtbot, window.bar, "Get help now")
    assert window.current_screen() is window.help
    assert "988" in window.help.text()
    # Spanish, the same rule
    window.go_home()
    tap(qtbot, window, "Language")
    assert not controls(window.home, "Causes") and not controls(window.home, "Treatments")

    report = "\n".join(line for _title, lines in window.staff_report() for line in lines)
    titles = [title for title, _lines in window.staff_report()]
    assert 'Hidden from patients ([content] show = "reviewed")' in titles
    assert ("en/causes: Causes (changed since review (reviewed by Ana Ruiz, MD on 2025-03-14))"
            in report)
    assert "en/treatments: Treatments (never reviewed)" in report
    assert "es/treatments: Treatments (never reviewed)" in report
    assert "en/help-now: Help Now (never reviewed)" in report  # awaiting review, not hidden
    hidden = dict(window.staff_report())['Hidden from patients ([content] show = "reviewed")']
    assert not [line for line in hidden if "help-now" in line or "welcome" in line]
