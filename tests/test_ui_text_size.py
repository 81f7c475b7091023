"""Text size and language: the largest step clips nothing, at every kiosk size."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel

from kiosk.settings import DEFAULT_NAMES
from kiosk.ui.i18n import tr
from kiosk.ui.theme import TEXT_STEPS
from tests.ui_helpers import (
    clinic_rows,
    open_finder,
    search_zip,
    settings_for,
    settle,
    tap,
    tap_row,
    texts,
)

SIZES = [(1280, 800), (1080, 1920), (1920, 1080)]


@pytest.fixture
def window(open_window, tmp_path):
    return open_window(settings_for(tmp_path, pack=False), size=(1280, 800), fixed=True)


def clipped(window) -> list[str]:
    """Visible buttons and one-line labels narrower than their text needs."""
    problems = []
    for widget in window.findChildren(QAbstractButton) + window.findChildren(QLabel):
        if not widget.isVisible() or widget.width() == 0:
            continue
        if isinstance(widget, QLabel) and (widget.wordWrap() or widget.pixmap() is not None
                                           or not widget.text()):
            continue
        if widget.objectName() == "Tile":
            if widget.height() + 2 < widget.needed_height(widget.width()):
                problems.append(f"tile {widget.accessibleName()!r}: {widget.height()} px high, "
                                f"text needs {widget.needed_height(widget.width())}")
            continue
        if widget.layout() is not None:
            continue
        need = widget.sizeHint().width()
        if widget.width() + 2 < need:
            problems.append(f"{widget.accessibleName() or widget.text()!r}: "
                            f"{widget.width()} < {need}")
    tiles = [t for t in window.findChildren(QAbstractButton)
             if t.objectName() == "Tile" and t.isVisible()]
    for i, a in enumerate(tiles):
        for b in tiles[i + 1:]:
            if a.parentWidget() is b.parentWidget() and a.geometry().intersects(b.geometry()):
                problems.append(f"tiles {a.accessibleName()!r} and {b.accessibleName()!r} overlap")
    return problems


def locator_step(qtbot, window, step: str) -> None:
    locator = open_finder(qtbot, window)
    locator.clear()
    settle()
    if step == "search":
        return
    if step == "states":
        tap(qtbot, locator, tr("Choose your state"))
        return
    search_zip(qtbot, locator, "10001")
    if step == "detail":
        tap_row(qtbot, locator, clinic_rows(locator)[0][0])


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("language", ["en", "es"])
def test_largest_text_step_clips_nothing(qtbot, open_window, tmp_path, language, size):
    window = open_window(settings_for(tmp_path, pack=False), size=size, fixed=True)
    window.state.set_language(language)
    for _ in range(len(TEXT_STEPS) - 1):
        window.state.cycle_text_step()
    assert window.state.text_step == len(TEXT_STEPS) - 1
    openers = {
        "home": window.go_home,
        "article": lambda: window.open_page("what-is-ketamine"),
        "warning": lambda: window.open_page("symptoms"),
        "cards": lambda: (window.open_page("symptoms"), settle(),
                          tap(qtbot, window, tr("Continue"))),
        "help": window.open_help,
        "hidden": window.quick_hide,
        "staff": window.open_staff,
        "idle": window.idle_overlay.open,
        "clinic search": lambda: locator_step(qtbot, window, "search"),
        "clinic states": lambda: locator_step(qtbot, window, "states"),
        "clinic results": lambda: locator_step(qtbot, window, "results"),
        "clinic detail": lambda: locator_step(qtbot, window, "detail"),
    }
    for name, open_screen in openers.items():
        window.idle_overlay.close_overlay()
        window.go_home()
        open_screen()
        settle()
        assert not clipped(window), f"{language} {name}: {clipped(window)}"


def test_language_switch_keeps_the_page_and_idle_reset_restores_default(qtbot, window):
    window.open_page("what-is-ptsd")
    settle()
    english_title = window.reader.page.title
    tap(qtbot, window, "Language")
    assert window.state.language == "es"
    assert window.reader.page.id == "what-is-ptsd"
    assert window.reader.page.lang == "es" and window.reader.page.title != english_title
    assert window.bar.home_button.text().endswith("Inicio")
    tap(qtbot, window, tr("Home"))
    assert DEFAULT_NAMES["es"] in texts(window.home)
    window.reset_session()
    settle()
    assert window.state.language == "en"
    assert DEFAULT_NAMES["en"] in texts(window.home)
    window.attract.open()
    settle()
    assert DEFAULT_NAMES["en"] in texts(window.attract)
    assert window.bar.home_button.text().endswith("Home")


def near(colour: str, expected: str) -> bool:
    """Same colour give or take rounding of anti-aliased edges (1-2 per channel)."""
    a, b = int(colour[1:], 16), int(expected[1:], 16)
    return all(abs((a >> s & 255) - (b >> s & 255)) <= 2 for s in (0, 8, 16))


def icon_label(tile) -> QLabel:
    """The tile's icon: its label that shows a picture."""
    return next(label for label in tile.findChildren(QLabel) if not label.pixmap().isNull())


def icon_colours(tile) -> set[str]:
    """Opaque colours in a tile's icon."""
    image = icon_label(tile).pixmap().toImage()
    return {image.pixelColor(x, y).name() for x in range(image.width())
            for y in range(image.height()) if image.pixelColor(x, y).alpha() == 255}


def test_every_tile_shows_its_icon_in_the_theme_colour(qtbot, window):
    from kiosk.ui.theme import palette

    tiles = [t for t in window.home.findChildren(QAbstractButton) if t.objectName() == "Tile"]
    assert len(tiles) == len(window.pages()) - 2 + 2  # topics, Find a clinic, Get help now
    for theme in ("default", "high-contrast"):
        if window.state.theme != theme:
            window.state.toggle_theme()
            settle()
        colours = palette(theme)
        for tile in tiles:
            assert icon_label(tile).isVisible(), tile.accessibleName()
            role = tile.property("role") or ""
            expected = {"primary": colours.on_accent, "help": colours.on_help}.get(role,
                                                                                   colours.accent)
            assert all(near(c, expected) for c in icon_colours(tile)), (theme,
                                                                        tile.accessibleName())


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_get_help_now_and_quick_hide_stay_on_the_top_row(qtbot, open_window, tmp_path, size):
    window = open_window(settings_for(tmp_path, pack=False), size=size, fixed=True)
    bar = window.bar
    for language in ("en", "es"):
        window.state.set_language(language)
        for _ in range(len(TEXT_STEPS)):
            window.state.cycle_text_step()
            settle()
            top = min(b.y() for b in (bar.home_button, bar.back_button))
            assert bar.help_button.y() == top, (language, window.state.text_step)
            assert bar.hide_button.y() == top, (language, window.state.text_step)
