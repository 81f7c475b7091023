"""Get help now: call-out cards built from the pack's help page, a QR code a phone can read,
and help one tap away from every screen, Quick hide included."""

from __future__ import annotations

import pytest
import zxingcpp
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel, QScrollArea

from kiosk.content import load_pack
from kiosk.settings import DEFAULT_NAMES
from kiosk.ui.i18n import tr
from kiosk.ui.screens.simple import HelpSection, help_sections
from tests.ui_helpers import control, settings_for, settle, tap

SIZES = [(1920, 1080), (1080, 1920), (1280, 800)]
IDS = [f"{w}x{h}" for w, h in SIZES]


def read_qr(image: QImage) -> list[str]:
    """What a phone camera would read from ``image``: the text of every QR code in it."""
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    data = memoryview(grey.constBits()).tobytes()
    view = zxingcpp.ImageView(memoryview(data).cast("B", (grey.height(), grey.bytesPerLine())),
                              grey.width(), grey.height(), zxingcpp.ImageFormat.Lum,
                              grey.bytesPerLine())
    return [code.text for code in zxingcpp.read_barcodes(view)
            if code.format == zxingcpp.BarcodeFormat.QRCode]


def test_the_shipped_help_page_becomes_five_cards_in_both_languages():
    pack = load_pack(None)
    for lang in ("en", "es"):
        page = next(p for p in pack.pages(lang) if p.kind == "help")
        parsed = help_sections(page.body)
        assert parsed is not None, lang
        intro, sections = parsed
        assert intro  # "You are not alone. Help is here."
        assert [s.numbers() for s in sections] == [
            ["911"],
            ["988"],
            ["988", "838255"],  # Veterans: 988 then press 1, or text 838255
            [],  # the front desk
            ["1-800-662-4357"],
        ], lang
        # No word of the page is lost between the Markdown and the cards.
        shown = " ".join(s.plain() for s in sections)
        for word in ("24", "SAMHSA", "838255", "988lifeline.org", "VeteransCrisisLine.net"):
            assert word in shown
        assert "press 2" in sections[1].plain() or "oprima 2" in sections[1].plain()
        assert "press 1" in sections[2].plain() or "oprima 1" in sections[2].plain()


def test_sections_parse_runs_and_refuse_what_a_card_cannot_show():
    body = "Intro line.\n\n## In danger\n\nCall **911** now.\n\n- Stay safe.\n- Tell [staff](page:x).\n"
    intro, sections = help_sections(body)
    assert intro == "Intro line."
    assert sections == [HelpSection("In danger", (("Call ", False), ("911", True), (" now.", False)),
                                    ((("Stay safe.", False),), (("Tell staff.", False),)))]
    assert help_sections("No sections at all, call **988**.") is None
    assert help_sections("## Heading only\n") is None
    assert help_sections("## No number\n\nJust words.\n") is None
    assert help_sections("## Table\n\nCall **988**.\n\n| a | b |\n") is None
    assert help_sections("## Deeper\n\nCall **988**.\n\n### Sub\n\nMore.\n") is None


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_cards_show_big_numbers_at_every_size_and_step(qtbot, open_window, tmp_path, size, language):
    window = open_window(settings_for(tmp_path, pack=False), size=size, fixed=True)
    window.state.set_language(language)
    for step in range(3):
        window.open_help()
        settle()
        help_screen = window.help
        assert help_screen.showing_cards()
        cards = help_screen.cards()
        assert len(cards) == 5
        body_px = window.state.text_px
        for card in cards:
            assert card.isVisible()
            if card.section.numbers():
                # Large enough to read at arm's length, and never cut: the widest number fits.
                assert card.number_px >= 2 * body_px, (step, card.section.heading)
                assert card.number_px >= 44
                assert all(label.width() <= card.width() for label in card.number_labels())
            # Every line is as tall as its words need at its width: a wrapped line cut
            # short hid the Veterans Crisis Line's text number (838255) at the largest size.
            for label in card.findChildren(QLabel):
                if label.isVisible() and label.text():
                    need = label.heightForWidth(label.width())
                    assert label.height() >= need - 1, (step, card.section.heading,
                                                        label.text()[:40], label.height(), need)
        # The content column never runs past the screen, and no card overlaps another.
        for card in cards:
            left = card.mapTo(help_screen, card.rect().topLeft()).x()
            assert left >= 16 and left + card.width() <= help_screen.width() - 16
        rects = [c.geometry() for c in cards]
        assert not any(a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1:])
        window.state.cycle_text_step()


def test_the_qr_code_saves_988_and_the_veterans_text_line(qtbot, open_window, tmp_path):
    window = open_window(settings_for(tmp_path, pack=False), size=(1920, 1080), fixed=True)
    window.open_help()
    settle()
    qr = control(window.help, tr("QR code"))
    assert qr.isVisible()
    # Read off the screen itself, as a phone camera would.
    texts = read_qr(qr.grab().toImage())
    assert texts == [window.help.qr_text()]
    lines = texts[0].split("\r\n")
    assert lines[0] == "BEGIN:VCARD" and lines[-1] == "END:VCARD" and "VERSION:3.0" in lines
    assert any(line.startswith("TEL") and line.endswith(":988") for line in lines)
    assert any(".TEL" in line and line.endswith(":838255") for line in lines)
    assert "FN:988 Suicide & Crisis Lifeline" in lines
    # In Spanish the saved name is Spanish; the numbers are the same.
    tap(qtbot, window.bar, "Language")
    settle()
    texts = read_qr(control(window.help, tr("QR code")).grab().toImage())
    assert "FN:Línea 988 de Prevención del Suicidio y Crisis" in texts[0].split("\r\n")
    assert ":838255" in texts[0]


def test_a_help_page_without_the_card_shape_is_shown_whole(qtbot, open_window, tmp_path):
    # The test pack's help page is one line, "Call or text **988**.", with no sections.
    window = open_window(settings_for(tmp_path), size=(1280, 800), fixed=True)
    window.open_help()
    settle()
    assert not window.help.showing_cards()
    assert "988" in window.help.text()
    # The document keeps to a reading column.
    assert control(window.help, tr("Page text")).width() < 1280 - 64


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_help_is_one_tap_from_quick_hide_and_the_title_turns_neutral(qtbot, open_window, tmp_path,
                                                                      size):
    window = open_window(settings_for(tmp_path, pack=False), size=size, fixed=True)
    title = window.windowTitle()
    window.open_page("what-is-ptsd")
    settle()
    tap(qtbot, window.bar, "Quick hide")
    assert window.current_screen() is window.hidden
    assert not window.bar.isVisible()
    assert window.windowTitle() == "Waiting room" != title
    help_button = control(window.hidden, "Get help now")
    assert help_button.property("role") in (None, "")  # as plain as Return and Start over
    tap(qtbot, window.hidden, "Get help now")
    assert window.current_screen() is window.help
    assert window.windowTitle() == title
    tap(qtbot, window.bar, "Back")
    assert window.current_screen() is window.hidden
    assert window.windowTitle() == "Waiting room"
    tap(qtbot, window.hidden, "Return")
    assert window.reader.page.id == "what-is-ptsd"
    assert window.windowTitle() == title
    # In Spanish the neutral title is Spanish too, and so is the kiosk's name after it
    # (a screen reader names the window by its title).
    window.state.set_language("es")
    assert window.windowTitle() == DEFAULT_NAMES["es"] != title
    window.quick_hide()
    settle()
    assert window.windowTitle() == "Sala de espera"
    window.go_home()
    settle()
    assert window.windowTitle() == DEFAULT_NAMES["es"]
    # A language switch while hidden keeps the neutral title until the screen is left.
    window.quick_hide()
    settle()
    window.state.set_language("en")
    settle()
    assert window.windowTitle() == "Waiting room"
    tap(qtbot, window.hidden, "Return")
    assert window.windowTitle() == title == DEFAULT_NAMES["en"]


def test_text_size_keeps_the_patients_place_on_get_help_now(qtbot, open_window, tmp_path):
    """A patient who scrolled down to a number and taps Text size is not sent to the top;
    opening the screen again starts at the top."""
    window = open_window(settings_for(tmp_path, pack=False), size=(1280, 800), fixed=True)
    window.open_help()
    settle()
    tap(qtbot, window.bar, tr("Text size"))
    settle()
    bar = window.help.findChild(QScrollArea).verticalScrollBar()
    assert bar.maximum() > 0  # the cards run past the screen at this size and step
    bar.setValue(bar.maximum() // 2)
    tap(qtbot, window.bar, tr("Text size"))
    settle()
    assert bar.value() > 0
    window.go_home()
    window.open_help()
    settle()
    assert bar.value() == 0
