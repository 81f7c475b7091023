"""Nothing moves under the finger: the bar's controls and the keypad's keys keep their place.

A patient taps Text size, then taps again where it was; a keypad message
appears and the next digit is tapped where it was a moment ago. Driven by
taps, at the three kiosk sizes, in both languages and both themes.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QWidget

from kiosk.ui.theme import TEXT_STEPS
from kiosk.ui.widgets.topbar import plan_slots
from tests.ui_helpers import settings_for, settle, tap

SIZES = [(1920, 1080), (1080, 1920), (1280, 800)]
IDS = [f"{w}x{h}" for w, h in SIZES]


def place(window: QWidget, widget: QWidget) -> QRect:
    """Where ``widget`` is on the window: what a finger aims at."""
    return QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())


def bar_places(window) -> dict[str, QRect]:
    bar = window.bar
    return {name: place(window, button) for name, button in bar.buttons().items()}


def press(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=button.rect().center())
    settle()


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_bar_controls_keep_their_place(qtbot, open_window, tmp_path, size):
    window = open_window(settings_for(tmp_path), size=size, fixed=True)
    window.open_page("welcome")
    settle()
    bar = window.bar
    first = bar_places(window)
    assert all(r.width() >= 48 and r.height() >= 48 for r in first.values()), first
    seen = []
    for _language in range(2):  # English, then Spanish (tapped on the bar)
        for _theme in range(2):  # default theme, then high contrast
            for _ in range(len(TEXT_STEPS)):  # three taps of Text size: back to the first step
                press(qtbot, bar.text_button)
                assert bar_places(window) == first, (window.state.language, window.state.theme,
                                                     window.state.text_step)
                seen.append((window.state.language, window.state.theme, window.state.text_step))
            press(qtbot, bar.contrast_button)
            assert bar_places(window) == first
        press(qtbot, bar.language_button)
        assert bar_places(window) == first
    assert {s[0] for s in seen} == {"en", "es"} and {s[1] for s in seen} == {"default",
                                                                            "high-contrast"}
    assert {s[2] for s in seen} == set(range(len(TEXT_STEPS)))


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_bar_labels_fit_their_slots_at_every_step(qtbot, open_window, tmp_path, size):
    window = open_window(settings_for(tmp_path), size=size, fixed=True)
    bar = window.bar
    for language in ("en", "es"):
        window.state.set_language(language)
        previous_home_px = 0
        for step in range(len(TEXT_STEPS)):
            settle()
            for name, button in bar.buttons().items():
                if button.isVisible():
                    assert button.sizeHint().width() <= button.width(), (language, step, name)
                    assert button.fontMetrics().height() <= button.height(), (language, step, name)
            # The labels grow with the step where their slot has room (Home always has).
            if step:
                assert bar.home_button.font().pixelSize() > previous_home_px
            previous_home_px = bar.home_button.font().pixelSize()
            window.state.cycle_text_step()


def test_slot_plan_depends_on_width_alone_and_never_overlaps():
    for width in (800, 1080, 1280, 1599, 1600, 1920, 2560):
        slots = plan_slots(width)
        assert set(slots) == {"home", "back", "text", "contrast", "language", "hide", "help"}
        for a, sa in slots.items():
            assert sa.x >= 0 and sa.x + sa.width <= width, (width, a)
            for b, sb in slots.items():
                if a < b and sa.row == sb.row:
                    assert sa.x + sa.width <= sb.x or sb.x + sb.width <= sa.x, (width, a, b)
        first_row = {n for n, s in slots.items() if s.row == 0}
        assert {"home", "back", "hide", "help"} <= first_row, width  # help is never on row 2


def keypad_places(window, keypad) -> dict[str, QRect]:
    keys = keypad.keys()
    return {key.accessibleName(): place(window, key) for key in keys}


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_keypad_keys_keep_their_place_when_a_message_comes_and_goes(qtbot, open_window, tmp_path,
                                                                   size, language):
    window = open_window(settings_for(tmp_path, pack=False), size=size, fixed=True)
    window.state.set_language(language)
    window.open_locator()
    screen = window.locator
    qtbot.waitUntil(screen.is_loaded, timeout=10_000)
    settle()
    keypad = screen.search_page.keypad
    search = keypad.keys()[-1].accessibleName()
    delete = keypad.keys()[-2].accessibleName()
    for step in range(len(TEXT_STEPS)):
        settle()
        before = keypad_places(window, keypad)
        for digit in "123":
            tap(qtbot, screen, digit)
        assert keypad_places(window, keypad) == before
        tap(qtbot, screen, search)  # too short: a message under the keys
        assert keypad.message.isVisible() and keypad.message.text()
        assert keypad_places(window, keypad) == before, (step, "short message shown")
        tap(qtbot, screen, "4")  # typing again clears the message
        assert not keypad.message.isVisible()
        assert keypad_places(window, keypad) == before, (step, "message gone")
        for _ in range(4):
            tap(qtbot, screen, delete)
        for digit in "00000":
            tap(qtbot, screen, digit)
        tap(qtbot, screen, search)  # unknown ZIP: the longest message
        assert "00000" in keypad.message.text()
        assert keypad_places(window, keypad) == before, (step, "long message shown")
        # The message fits in the pad's width: it wraps, it does not widen anything.
        assert place(window, keypad.message).width() <= place(window, keypad).width()
        for _ in range(5):
            tap(qtbot, screen, delete)
        press(qtbot, window.bar.text_button)


def test_a_keypad_keeps_message_room_only_when_asked(qtbot):
    from kiosk.ui.widgets.keypad import Keypad

    plain, with_room = Keypad(12, masked=True), Keypad(5, message_lines=3)
    for pad in (plain, with_room):
        qtbot.addWidget(pad)
        pad.show()
    settle()
    assert plain.message_room() == 0
    assert with_room.message_room() >= 3 * with_room.message.fontMetrics().lineSpacing()
    with_room.set_message("A ZIP code has 5 numbers.")
    assert with_room.message.isVisible()
    with_room.set_message("")
    assert not with_room.message.isVisible()
