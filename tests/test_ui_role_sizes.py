"""Every piece of text a patient can see has its role's size at every Text size step.

The stylesheet sets no text size (a new sheet made Qt polish every widget, 20-25 ms
of a Text size tap on the clinic search): ``theme.fit_text`` gives each widget the size
of its role, and a widget a screen makes after it was fitted (a tile, a card, a chip,
a staff row) must be fitted too, or it shows Qt's default size. These tests tap Text
size and the language button as a patient would and check every visible label and
button on every screen against the type scale.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kiosk.ui import theme
from kiosk.ui.i18n import tr
from kiosk.ui.widgets.topbar import MIN_LABEL_PX
from tests.ui_helpers import (
    clinic_rows,
    open_finder,
    search_zip,
    settings_for,
    settle,
    tap,
    tap_row,
)


def wrong_sizes(window, root: QWidget) -> list[tuple[str, str, int, int]]:
    """(role, text, size shown, size wanted) for each visible text widget off its size."""
    px = window.state.text_px
    wrong = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, (QLabel, QAbstractButton)) or not widget.isVisible():
            continue
        if window.bar.isAncestorOf(widget):
            continue  # the bar's labels are fitted to their slots (below)
        wanted = theme.role_px(widget.property("role"), px)
        if widget.font().pixelSize() != wanted:
            text = widget.text()[:40] if hasattr(widget, "text") else ""
            wrong.append((str(widget.property("role") or ""), text, widget.font().pixelSize(),
                          wanted))
    return wrong


def bar_sizes_fit(window) -> bool:
    px = window.state.text_px
    sizes = [b.font().pixelSize() for b in window.bar.findChildren(QAbstractButton)
             if b.isVisible()]
    return bool(sizes) and all(MIN_LABEL_PX <= s <= px for s in sizes) and max(sizes) == px


@pytest.fixture
def window(open_window, tmp_path):
    return open_window(settings_for(tmp_path, pack=False), size=(1280, 800), fixed=True)


def places(qtbot, window):
    """Each screen a patient can reach, reached as a patient would."""
    yield "home", window.go_home
    yield "article", lambda: window.open_page("welcome")
    def list_page():
        window.open_page("symptoms")
        settle()
        if window.reader.showing_warning():
            tap(qtbot, window.reader, tr("Continue"))

    yield "list page", list_page
    yield "help", window.open_help

    def finder():
        window.go_home()
        open_finder(qtbot, window)

    yield "clinic search", finder

    def states():
        finder()
        window.locator.open_states()

    yield "states", states

    def results():
        finder()
        window.locator.clear()
        search_zip(qtbot, window.locator, "10001")

    yield "clinic results", results

    def detail():
        results()
        tap_row(qtbot, window.locator, clinic_rows(window.locator)[0][0])
        assert window.locator.detail_clinic() is not None

    yield "clinic detail", detail


def test_every_text_has_its_role_size_at_every_step_in_both_languages(qtbot, window):
    seen = set()
    for _language in range(2):
        for step in range(3):
            for where, go in places(qtbot, window):
                go()
                settle()
                assert window.state.text_step == step
                assert wrong_sizes(window, window) == [], (where, step, window.state.language)
                assert bar_sizes_fit(window), (where, step)
                seen.add((where, step, window.state.language))
            tap(qtbot, window.bar, tr("Text size"))
            settle()
        tap(qtbot, window.bar, tr("Language"))
        settle()
    assert {language for (_, _, language) in seen} == {"en", "es"}


def test_a_text_size_tap_shows_the_new_size_on_the_screen_it_was_tapped_on(qtbot, window):
    """Fonts change in the tap itself, on the page on show, tiles and cards included."""
    for where, go in places(qtbot, window):
        go()
        settle()
        before = window.state.text_px
        tap(qtbot, window.bar, tr("Text size"))
        settle()
        assert window.state.text_px != before
        assert wrong_sizes(window, window) == [], where
    # The overlays: the start screen over whatever look the patient left.
    window.go_home()
    attract = window.attract
    attract.open()
    settle()
    assert wrong_sizes(window, attract) == []
    attract.hide()


def test_new_content_is_shown_at_the_patients_text_size(qtbot, window):
    """Tiles and cards made after a Text size tap (a language switch rebuilds them)."""
    tap(qtbot, window.bar, tr("Text size"))
    tap(qtbot, window.bar, tr("Text size"))
    settle()
    for where, go in places(qtbot, window):
        tap(qtbot, window.bar, tr("Language"))
        settle()
        go()
        settle()
        assert wrong_sizes(window, window) == [], (where, window.state.language)


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 800)])
def test_home_tiles_take_back_their_height_after_the_largest_text(qtbot, open_window, tmp_path,
                                                                   size):
    """Text size changed while home is out of sight: back at the first step the tiles are
    as tall as at the start. (A layout item taken out with ``takeAt`` was never freed and
    kept its widget's old size: the tiles kept the height of the largest text.)"""
    window = open_window(settings_for(tmp_path, pack=False), size=size, fixed=True)
    window.go_home()
    settle()
    tiles = [w for w in window.home.findChildren(QAbstractButton) if w.objectName() == "Tile"]
    start = [t.height() for t in tiles]
    window.open_help()
    settle()
    for _ in range(3):  # round the three steps, back to the first
        tap(qtbot, window.bar, tr("Text size"))
        settle()
        window.go_home()
        settle()
        window.open_help()
        settle()
    assert window.state.text_step == 0
    window.go_home()
    settle()
    assert [t.height() for t in tiles] == start


def test_the_mark_button_fits_its_words_after_text_size_on_a_clinics_detail(qtbot, window):
    """The detail's "+ Take with you" button is as wide as its longest words at the size
    shown: opened at the largest step, then back to the first, it is as wide as a detail
    opened at the first step (it kept the largest step's width)."""
    window.open_locator()
    open_finder(qtbot, window).clear()
    search_zip(qtbot, window.locator, "10001")
    row = clinic_rows(window.locator)[0][0]
    tap_row(qtbot, window.locator, row)
    settle()
    mark = window.locator.detail_page.mark
    start = mark.width()
    tap(qtbot, window.locator, tr("Back to results"))
    for _ in range(2):
        tap(qtbot, window.bar, tr("Text size"))
    settle()
    tap_row(qtbot, window.locator, row)
    settle()
    assert window.state.text_step == 2 and mark.width() > start
    tap(qtbot, window.bar, tr("Text size"))  # round to the first step, on the detail
    settle()
    assert window.state.text_step == 0
    assert mark.width() == start
