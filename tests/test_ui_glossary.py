"""Glossary words in the reader: a tap or a key opens a calm definition card over the page,
in articles and in list-page cards, in both languages; Listen reads the definitions."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLabel, QTextBrowser

from kiosk.content.testing import write_page
from tests.access_helpers import recording_voice  # noqa: F401 (fixture)
from tests.test_speech import install_fake
from tests.ui_helpers import control, controls, settings_for, settle, shows, tap

GLOSSARY = {
    "en": {"placebo": ("placebo", "A pretend treatment with no medicine in it."),
           "dissociation": ("dissociation", "Feeling cut off from your body or surroundings.")},
    "es": {"placebo": ("placebo", "Un tratamiento simulado sin medicina."),
           "dissociation": ("disociación", "Sentirse separado del cuerpo o del entorno.")},
}


def glossary_pack(root):
    for lang, entries in GLOSSARY.items():
        (root / lang).mkdir(parents=True, exist_ok=True)
        (root / lang / "glossary.toml").write_text("".join(
            f'[{key}]\nterm = "{term}"\ndefinition = "{text}"\n\n'
            for key, (term, text) in entries.items()), encoding="utf-8")
        word = "placebo"
        write_page(root, lang, "welcome", f"Some studies used a [{word}](term:placebo). "
                   "Then [the signs](page:signs).", order=1,
                   title="Welcome" if lang == "en" else "Bienvenida")
        write_page(root, lang, "signs",
                   "Read slowly. Some feel [dissociation](term:dissociation).\n\n## Group\n\n"
                   "- **Feeling far away** - You may feel [dissociation](term:dissociation).\n"
                   "- **Nausea** - Feeling sick.\n", order=2, kind="list", icon="symptoms",
                   title="Signs" if lang == "en" else "Señales")
        write_page(root, lang, "help-now", "Call **988**.", order=9, kind="help", icon="help",
                   title="Get help now" if lang == "en" else "Ayuda ahora")
    return root


@pytest.fixture
def make(open_window, tmp_path):
    glossary_pack(tmp_path / "pack")
    return lambda: open_window(settings_for(tmp_path), size=(1280, 800))


@pytest.fixture
def window(make):
    return make()


def browser_of(window) -> QTextBrowser:
    return next(b for b in window.reader.findChildren(QTextBrowser) if b.isVisible())


def term_point(browser: QTextBrowser, term_id: str) -> QPoint:
    """Where the glossary word ``term_id`` is drawn in the browser's viewport."""
    doc = browser.document()
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().anchorHref() == f"term:{term_id}":
                cursor = QTextCursor(doc)
                cursor.setPosition(fragment.position() + fragment.length() // 2)
                return browser.cursorRect(cursor).center()
            it += 1
        block = block.next()
    raise AssertionError(f"no term:{term_id} link on the page")


def definition_shown(window) -> str:
    card = window.reader.definition
    if not card.isVisible():
        return ""
    return " | ".join(label.text() for label in card.findChildren(QLabel) if label.isVisible())


def test_tap_on_a_word_opens_its_definition_and_a_tap_anywhere_closes_it(qtbot, window):
    tap(qtbot, window, "Welcome")
    browser = browser_of(window)
    point = term_point(browser, "placebo")
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=point)
    settle()
    assert "A pretend treatment with no medicine in it." in definition_shown(window)
    assert window.current.page_id == "welcome"  # no navigation
    card = window.reader.definition
    assert card.geometry() == window.reader.rect()  # over the whole page
    # A tap anywhere (here: near a corner, outside the card's box) closes it.
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton, pos=QPoint(5, card.height() - 5))
    settle()
    assert not card.isVisible()
    assert window.current.page_id == "welcome"
    # The Close button closes it too.
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=point)
    settle()
    assert card.isVisible()
    tap(qtbot, card, "Close")
    assert not card.isVisible()


def test_a_word_is_reachable_and_opened_by_keys_and_any_key_closes(qtbot, make,
                                                                    recording_voice):  # noqa: F811
    from PySide6.QtWidgets import QApplication

    from tests.access_helpers import Keys

    window = make()
    keys = Keys(qtbot, window)
    keys.press(Qt.Key.Key_F2)  # speech output on
    window.open_page("welcome")
    settle()
    browser = QApplication.focusWidget()
    assert browser.accessibleName() == "Page text"
    assert keys.press(Qt.Key.Key_Down) == "placebo, link."  # the first link on the page
    said = keys.press(Qt.Key.Key_Return)
    assert "A pretend treatment" in definition_shown(window)
    assert said == "placebo. A pretend treatment with no medicine in it. Press any key to close."
    assert window.current.page_id == "welcome"
    keys.press(Qt.Key.Key_Down)  # any key, even a move, only closes the card
    assert not window.reader.definition.isVisible()
    assert QApplication.focusWidget() is browser  # the keyboard user carries on there
    assert keys.press(Qt.Key.Key_Down) == "the signs, link."
    keys.press(Qt.Key.Key_Up)
    keys.press(Qt.Key.Key_Return)
    assert window.reader.definition.isVisible()
    keys.press(Qt.Key.Key_Escape)
    assert not window.reader.definition.isVisible()


def test_words_in_list_page_cards_open_their_definition_in_spanish_too(
        qtbot, make, recording_voice):  # noqa: F811
    from tests.access_helpers import Keys

    window = make()
    keys = Keys(qtbot, window)
    tap(qtbot, window, "Language")
    tap(qtbot, window, "Señales")
    settle()
    rich = [label for label in window.reader.findChildren(QLabel)
            if label.isVisible() and 'href="term:dissociation"' in label.text()]
    assert len(rich) == 2  # the intro and the "Feeling far away" card
    assert all(label.textFormat() == Qt.TextFormat.RichText for label in rich)
    keys.press(Qt.Key.Key_F2)  # speech output on
    for _ in range(6):  # the card's glossary word is a stop of its own, after the card
        if keys.press(Qt.Key.Key_Down) == "dissociation, enlace.":
            break
    else:
        raise AssertionError(keys.spoken()[-6:])
    said = keys.press(Qt.Key.Key_Return)
    assert definition_shown(window).startswith("disociación | Sentirse separado del cuerpo")
    assert shows(window.reader.definition, "Toque en cualquier lugar para cerrar.")
    assert said == ("disociación. Sentirse separado del cuerpo o del entorno. "
                    "Pulse cualquier tecla para cerrar.")
    keys.press(Qt.Key.Key_Space)
    assert not window.reader.definition.isVisible()


def test_the_card_closes_when_the_patient_moves_on_or_the_session_resets(qtbot, window):
    tap(qtbot, window, "Welcome")
    window.reader.open_term("placebo")
    assert window.reader.definition.isVisible()
    tap(qtbot, window, "Next")
    assert not window.reader.definition.isVisible()
    window.reader.open_term("dissociation")
    window.reset_session()
    settle()
    assert not window.reader.definition.isVisible()


def test_listen_reads_the_definitions_of_the_page_words(qtbot, make, tmp_path, monkeypatch):
    install_fake(tmp_path / "bin")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}")
    monkeypatch.setenv("KIOSK_SPEECH", "espeak")
    window = make()
    tap(qtbot, window, "Welcome")
    tap(qtbot, window, "Listen")
    spoken, done = tmp_path / "bin" / "stdin.txt", tmp_path / "bin" / "read.txt"
    qtbot.waitUntil(done.exists, timeout=5000)
    text = spoken.read_text()
    assert text.index("Some studies used a placebo") < text.index("Words on this page")
    assert "placebo: A pretend treatment with no medicine in it." in text
    # Opened while listening, the card is what is read out.
    qtbot.waitUntil(window.speaker.is_speaking, timeout=5000)
    done.unlink()
    window.reader.open_term("placebo")
    qtbot.waitUntil(done.exists, timeout=5000)
    assert spoken.read_text().startswith("placebo. A pretend treatment")
    assert "Some studies" not in spoken.read_text()
    window.speaker.stop()


def test_glossary_words_look_tappable(qtbot, window):
    tap(qtbot, window, "Welcome")
    browser = browser_of(window)
    doc = browser.document()
    cursor = QTextCursor(doc)
    point = term_point(browser, "placebo")
    cursor = browser.cursorForPosition(point)
    fmt = cursor.charFormat()
    assert fmt.anchorHref() == "term:placebo"
    assert fmt.underlineStyle() == fmt.UnderlineStyle.DotLine
    assert fmt.background().color().name() != "#000000"  # tinted behind the word
    page_link = [c for c in controls(window, "Page text")]
    assert page_link
    control(window, "Page text")
