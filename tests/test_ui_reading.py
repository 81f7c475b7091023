"""Reading for low vision: a centred column of about 70 characters, calm list cards,
a content warning that uses the page, and the bundled typeface on screen."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QFontInfo
from PySide6.QtWidgets import QAbstractButton, QFrame, QLabel

from kiosk.ui.i18n import tr
from kiosk.ui.theme import FONT_FAMILY, TEXT_STEPS, palette
from tests.test_theme import contrast
from tests.ui_helpers import control, settings_for, settle, tap


def page_text(window):
    """The reader's text browser, found as a screen reader finds it: by its name."""
    return control(window.reader, tr("Page text"))

def at_every_text_step(window, page_id: str):
    """The page's text browser, shown at each Text size step in turn (the next step after
    each turn of the loop)."""
    for _step in range(len(TEXT_STEPS)):
        window.open_page(page_id)
        settle()
        yield page_text(window)
        window.state.cycle_text_step()


SIZES = [(1920, 1080), (1080, 1920), (1280, 800)]
IDS = [f"{w}x{h}" for w, h in SIZES]


def line_lengths(browser) -> list[int]:
    """Characters on each laid-out line of body text (the small-print sources excluded)."""
    doc = browser.document()
    lengths = []
    block = doc.begin()
    while block.isValid() and block.text() not in ("Sources", "Fuentes"):
        layout = block.layout()
        for i in range(layout.lineCount()):
            lengths.append(layout.lineAt(i).textLength())
        block = block.next()
    return lengths


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_article_lines_stay_within_a_reading_column(qtbot, open_window, tmp_path, size):
    window = open_window(settings_for(tmp_path, pack=False), size=size, fixed=True)
    for language in ("en", "es"):
        window.state.set_language(language)
        for _step in range(len(TEXT_STEPS)):
            window.open_page("what-is-ketamine")
            settle()
            lengths = line_lengths(page_text(window))
            assert max(lengths) <= 80, (language, window.state.text_step, max(lengths))
            if size[0] >= 1280 and window.state.text_step == 0:
                assert max(lengths) >= 55  # a column, not a sliver
            # The column is centred: as much room left as right of the text.
            fmt = page_text(window).document().rootFrame().frameFormat()
            assert fmt.leftMargin() == fmt.rightMargin()
            assert fmt.bottomMargin() > 0  # the last line never sits on the bottom edge
            window.state.cycle_text_step()


def test_list_cards_are_calm_and_not_tappable(qtbot, open_window, tmp_path):
    window = open_window(settings_for(tmp_path, pack=False), size=(1920, 1080), fixed=True)
    window.open_page("symptoms")
    settle()
    tap(qtbot, window.reader, tr("Continue"))
    settle()
    cards = [f for f in window.reader.findChildren(QFrame)
             if f.objectName() == "Card" and f.isVisible()]
    assert len(cards) >= 8
    colours = palette("default")
    for card in cards:
        assert not isinstance(card, QAbstractButton)
        image = card.grab().toImage()
        w, h = image.width(), image.height()
        # No outline and no rounded box: the card's far corners are its own fill...
        for x, y in ((w - 1, 0), (w - 1, h - 1), (w // 2, 0), (w // 2, h - 1)):
            assert image.pixelColor(x, y) == QColor(colours.card), (card.accessibleName(), x, y)
        # ...and the rule at its left is the one mark it carries.
        assert image.pixelColor(2, h // 2) == QColor(colours.rule)
    # Buttons, by contrast, draw an outline.
    next_button = control(window.reader, tr("Next"))
    image = next_button.grab().toImage()
    assert image.pixelColor(next_button.width() // 2, 0) != QColor(colours.window)


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 800)], ids=["1920x1080", "1280x800"])
def test_the_content_warning_sits_in_the_middle_of_the_page(qtbot, open_window, tmp_path, size):
    window = open_window(settings_for(tmp_path, pack=False), size=size, fixed=True)
    window.open_page("symptoms")
    settle()
    reader = window.reader
    assert reader.showing_warning()
    panel = next(f for f in reader.findChildren(QFrame)
                 if f.objectName() == "Notice" and f.isVisible())
    page = panel.parentWidget()
    top = panel.mapTo(page, panel.rect().topLeft()).y()
    bottom = page.height() - (top + panel.height())
    # Centred (a little above the middle), not a strip along the top.
    assert top > page.height() * 0.15 and bottom > 0
    assert abs(top - bottom * 2 / 3) < page.height() * 0.15
    left = panel.mapTo(page, panel.rect().topLeft()).x()
    assert abs(left - (page.width() - panel.width() - left)) <= 2
    assert panel.width() >= min(page.width(), 900) - 2  # wide enough to read at a glance
    # Its words are all there: the label is as tall as its wrapped text needs.
    for text in panel.findChildren(QLabel):
        if text.isVisible() and text.wordWrap():
            assert text.height() >= text.heightForWidth(text.width()), text.text()[:40]


def test_the_bundled_typeface_is_what_the_screens_use(qtbot, open_window, tmp_path):
    window = open_window(settings_for(tmp_path, pack=False), size=(1280, 800), fixed=True)
    settle()
    title = next(w for w in window.home.findChildren(QLabel) if w.property("role") == "h1")
    for widget in (window.bar.help_button, title):
        assert QFontInfo(widget.font()).family() == FONT_FAMILY
    window.open_page("what-is-ketamine")
    settle()
    assert QFontInfo(page_text(window).document().defaultFont()).family() == FONT_FAMILY


def test_reading_page_after_page_keeps_no_old_page_behind(qtbot, open_window, tmp_path):
    # Each page shown gets a new document root frame; fitting the reading column must not
    # leave a Python wrapper of every old one alive (689 after 5,000 monkey actions).
    import gc

    from PySide6.QtGui import QTextFrame

    window = open_window(settings_for(tmp_path, pack=False), size=(1280, 800), fixed=True)

    def frames() -> int:
        gc.collect()
        return sum(1 for o in gc.get_objects() if isinstance(o, QTextFrame))

    window.open_page("what-is-ketamine")
    settle()
    before = frames()
    for _ in range(20):
        for page in ("what-is-ketamine", "what-is-ptsd"):
            window.open_page(page)
            settle()
    assert frames() <= before
    fmt = page_text(window).document().rootFrame().frameFormat()
    assert fmt.leftMargin() == fmt.rightMargin() > 0  # the column is still fitted


def test_list_pages_in_every_language_and_size_keep_a_bounded_number_of_widgets(
        qtbot, open_window, tmp_path):
    """The reader keeps built card lists for the next tap, but not one per page, language and
    width: the soak's monkey, which changes all three, held 548 more widgets after ten
    minutes than after its warm-up."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    window = open_window(settings_for(tmp_path, pack=False), size=(1920, 1080))

    def widgets() -> int:
        settle()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        return len(QApplication.allWidgets())

    def read_lists() -> None:
        for language in ("en", "es"):
            window.state.set_language(language)
            for page in ("symptoms", "risks"):
                window.open_page(page)
                settle()
                if window.reader.showing_warning():
                    window.reader.accept_warning()
                settle()

    read_lists()
    one_width = widgets()
    for size in ((1080, 1920), (1280, 800), (1920, 1080), (1080, 1920)):
        window.resize(*size)
        settle()
        read_lists()
    assert widgets() <= one_width + 150  # one list's worth of slack, not eight lists


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 800)], ids=["1920x1080", "1280x800"])
def test_the_title_lines_up_with_the_text_at_every_text_size(qtbot, open_window, tmp_path, size):
    """The page title starts where the body text starts, at every step: the column's
    inset counts the stylesheet's padding as it is (it follows the first step's size)."""
    window = open_window(settings_for(tmp_path, pack=False), size=size, fixed=True)
    for browser in at_every_text_step(window, "what-is-ketamine"):
        doc = browser.document()
        first = doc.begin()
        line = first.layout().lineAt(0)
        text_x = (browser.viewport().mapTo(window, browser.viewport().rect().topLeft()).x()
                  + doc.documentLayout().blockBoundingRect(first).x() + line.x())
        title = next(label for label in window.reader.findChildren(QLabel)
                     if label.isVisible() and label.property("role") == "h1")
        title_x = title.mapTo(window, title.contentsRect().topLeft()).x()
        assert abs(title_x - text_x) <= 1, (window.state.text_step, title_x, text_x)


def test_glossary_words_are_readable_on_their_tint_in_both_looks(qtbot, open_window, tmp_path):
    """The colours a glossary word is drawn with, read from the laid-out page: 4.5:1 in the
    default look, 7:1 in high contrast (it was light blue on yellow there, 1.2:1)."""
    window = open_window(settings_for(tmp_path, pack=False), size=(1920, 1080), fixed=True)
    for look, required in (("default", 4.5), ("high-contrast", 7.0)):
        if window.state.theme != look:
            window.state.toggle_theme()
        window.open_page("what-is-ketamine")
        settle()
        doc = page_text(window).document()
        seen = 0
        block = doc.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fmt = it.fragment().charFormat()
                if fmt.anchorHref().startswith("term:"):
                    seen += 1
                    ratio = contrast(fmt.foreground().color().name(), fmt.background().color().name())
                    assert ratio >= required, (look, it.fragment().text(), round(ratio, 2))
                it += 1
            block = block.next()
        assert seen >= 2, look


@pytest.mark.parametrize("size", [(1080, 1920), (1280, 800)], ids=["1080x1920", "1280x800"])
def test_words_keep_clear_of_the_scroll_bar_at_every_text_size(qtbot, open_window, tmp_path, size):
    """Where the column fills the page (portrait, the largest steps), the text still stops
    short of the scroll bar: in portrait at the largest step it ran up against it."""
    window = open_window(settings_for(tmp_path, pack=False), size=size, fixed=True)
    for browser in at_every_text_step(window, "what-is-ketamine"):
        doc = browser.document()
        right = 0.0
        block = doc.begin()
        while block.isValid():
            x = doc.documentLayout().blockBoundingRect(block).x()
            layout = block.layout()
            for i in range(layout.lineCount()):
                line = layout.lineAt(i)
                right = max(right, x + line.x() + line.naturalTextWidth())
            block = block.next()
        room = browser.viewport().width() - right
        assert room >= 8, (window.state.text_step, room)
