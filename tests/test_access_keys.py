"""The key map (PC keyboard, USB keypad with NumLock on and off, overrides) and the focus ring."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.keynames import ACTIONS, DEFAULT_KEYS, KEYPAD, key_problem, merged_map
from kiosk.ui.access.keys import KeyMap
from tests.access_helpers import KP, Keys, recording_voice  # noqa: F401 (fixture)
from tests.ui_helpers import settings_for, settle, tap

K = Qt.Key
M = Qt.KeyboardModifier


def event(key: Qt.Key, modifiers=M.NoModifier) -> QKeyEvent:
    return QKeyEvent(QEvent.Type.KeyPress, key, modifiers)


DEFAULTS = KeyMap.from_settings(None)


def test_every_action_has_a_pc_key_and_almost_every_one_a_keypad_key():
    assert set(DEFAULT_KEYS) == set(ACTIONS)
    for action in ACTIONS:
        assert DEFAULTS.first_key(action, keypad=False), action
    # 17 keys on a keypad, two of them select (Enter and 5): one action must do without,
    # and More time needs none (any key gives more time while the warning shows).
    without = [a for a in ACTIONS if not DEFAULTS.first_key(a, keypad=True)]
    assert without == ["more_time"]


def test_no_key_is_given_to_two_actions_by_default():
    seen: dict[str, str] = {}
    for action, names in DEFAULT_KEYS.items():
        for name in names:
            assert name not in seen, f"{name} is both {seen.get(name)} and {action}"
            seen[name] = action


@pytest.mark.parametrize(("numlock_on", "numlock_off", "action"), [
    (K.Key_8, K.Key_Up, "move_up"), (K.Key_2, K.Key_Down, "move_down"),
    (K.Key_4, K.Key_Left, "move_left"), (K.Key_6, K.Key_Right, "move_right"),
    (K.Key_5, K.Key_Clear, "select"), (K.Key_7, K.Key_Home, "home"),
    (K.Key_3, K.Key_PageDown, "next"), (K.Key_9, K.Key_PageUp, "previous"),
    (K.Key_0, K.Key_Insert, "repeat"), (K.Key_1, K.Key_End, "privacy"),
    (K.Key_Period, K.Key_Delete, "help"),
])
def test_keypad_keys_mean_the_same_with_numlock_on_and_off(numlock_on, numlock_off, action):
    assert DEFAULTS.action(event(numlock_on, M.KeypadModifier)) == action
    assert DEFAULTS.action(event(numlock_off, M.KeypadModifier)) == action


@pytest.mark.parametrize(("key", "modifiers", "action"), [
    (K.Key_Enter, M.KeypadModifier, "select"), (K.Key_Return, M.NoModifier, "select"),
    (K.Key_Space, M.NoModifier, "select"), (K.Key_Minus, M.KeypadModifier, "back"),
    (K.Key_Backspace, M.NoModifier, "back"), (K.Key_Tab, M.NoModifier, "move_down"),
    (K.Key_Backtab, M.ShiftModifier, "move_up"), (K.Key_Plus, M.KeypadModifier, "speech"),
    (K.Key_Asterisk, M.KeypadModifier, "volume_up"), (K.Key_Slash, M.KeypadModifier, "volume_down"),
    (K.Key_F1, M.NoModifier, "help"), (K.Key_Home, M.NoModifier, "home"),
])
def test_pc_and_keypad_keys(key, modifiers, action):
    assert DEFAULTS.action(event(key, modifiers)) == action


@pytest.mark.parametrize(("key", "modifiers"), [
    (K.Key_5, M.NoModifier),  # the top-row digit types; it is not keypad 5
    (K.Key_Minus, M.NoModifier),  # the top-row minus is not keypad minus
    (K.Key_F4, M.AltModifier), (K.Key_Q, M.ControlModifier), (K.Key_Escape, M.NoModifier),
    (K.Key_Return, M.ControlModifier),
])
def test_unmapped_and_combinations_are_left_alone(key, modifiers):
    assert DEFAULTS.action(event(key, modifiers)) is None


def test_a_five_button_controller_works_by_mapping():
    # A tactile controller that sends F13-F17: up, down, select, back, speech.
    keymap = KeyMap.from_settings({"move_up": ["F13"], "move_down": ["F14"], "select": ["F15"],
                                   "back": ["F16"], "speech": ["f17", "KP_Plus"]})
    assert keymap.action(event(K.Key_F13)) == "move_up"
    assert keymap.action(event(K.Key_F17)) == "speech"
    assert keymap.action(event(K.Key_Plus, M.KeypadModifier)) == "speech"
    # Listed actions replace their keys; the others keep the defaults.
    assert keymap.action(event(K.Key_Up)) is None
    assert keymap.action(event(K.Key_F1)) == "help"


def test_an_override_takes_a_key_from_its_default_action():
    keymap = KeyMap(merged_map({"repeat": ["Space"]}))
    assert keymap.action(event(K.Key_Space)) == "repeat"
    assert keymap.action(event(K.Key_Return)) == "select"


@pytest.mark.parametrize(("name", "problem"), [
    ("kp_enter", None), ("PageDown", None), ("F13", None), ("x", None),
    ("PageDwn", "unknown key 'PageDwn'; did you mean 'PageDown'?"),
    ("", "a key name must be a non-empty string"),
    ("NumLock", "'NumLock' cannot be mapped (a modifier or lock key)"),
])
def test_key_names_are_checked_without_qt(name, problem):
    assert key_problem(name) == problem


def test_every_keypad_name_is_a_qt_key():
    for sent in KEYPAD.values():
        for name in sent:
            assert hasattr(Qt.Key, f"Key_{name}"), name


# --- the focus ring ----------------------------------------------------------------------


@pytest.fixture
def keys(qtbot, open_window, tmp_path, recording_voice):  # noqa: F811
    return Keys(qtbot, open_window(settings_for(tmp_path)))


def test_ring_shows_after_a_key_and_hides_after_a_touch(keys, qtbot):
    window, ring = keys.window, keys.access.ring
    assert not ring.isVisible()
    keys.press(K.Key_Tab)
    focus = QApplication.focusWidget()
    assert focus is not None and focus is not window
    assert ring.isVisible()
    # Around the control, a few pixels out.
    inside = focus.rect().translated(focus.mapTo(window, focus.rect().topLeft()))
    assert ring.geometry().contains(inside)
    qtbot.mouseClick(window.home, Qt.MouseButton.LeftButton, pos=QPoint(4, 4))
    settle()
    assert not ring.isVisible()
    assert QApplication.focusWidget() in (None, window)


def test_touch_never_leaves_a_focus_ring_in_the_finder(keys, qtbot):
    window = keys.window
    tap(qtbot, window, "Find a clinic")
    qtbot.waitUntil(lambda: window.locator is not None and window.locator.is_loaded(), timeout=5000)
    settle()
    tap(qtbot, window, "Choose your state")
    settle()
    # Qt hands the focus on when a focused control hides; after a touch nobody keeps it.
    assert QApplication.focusWidget() in (None, window)
    assert not keys.access.ring.isVisible()


def test_the_ring_is_thick_and_banded_in_both_themes(keys):
    window = keys.window
    for _ in range(2):
        keys.press(K.Key_Tab)
        ring = keys.access.ring
        image = window.grab(ring.geometry()).toImage()
        colours = {image.pixelColor(x, image.height() // 2).name() for x in range(8)}
        assert {"#ffffff", "#000000", "#ffd200"} <= colours
        window.state.toggle_theme()
        settle()


def test_focus_order_is_bar_then_content(keys):
    window = keys.window
    names = []
    for _ in range(12):
        keys.press(K.Key_Tab)
        names.append(QApplication.focusWidget().accessibleName())
    bar = [b.accessibleName() for b in (window.bar.home_button, window.bar.back_button)]
    # Back is disabled on Home (no history), so it is skipped.
    assert names[0] == bar[0]
    assert names.index("Get help now") < names.index("Find a clinic")
    assert names.index("Find a clinic") < names.index("Welcome") < names.index("Symptoms")


# --- the settings file ----------------------------------------------------------------------


def test_a_bad_key_name_is_one_line_with_file_line_and_key(tmp_path):
    from kiosk.settings import parse_settings

    settings = parse_settings('[keys]\nselect = ["Return"]\nmove_up = ["Upp"]\n',
                              str(tmp_path / "kiosk.toml"), base=tmp_path)
    [problem] = settings.problems
    assert str(problem).endswith("kiosk.toml:3: keys.move_up: unknown key 'Upp'; did you mean 'Up'?")
    assert settings.keys.select == ("Return",)


def test_the_settings_key_map_and_speech_timeout_are_used(qtbot, open_window, tmp_path,
                                                          recording_voice):  # noqa: F811
    settings = settings_for(tmp_path, '[keys]\nspeech = ["F13"]\nmove_down = ["F14"]\n'
                                      "[speech]\nidle_timeout_seconds = 400\n")
    keys = Keys(qtbot, open_window(settings))
    assert keys.press(K.Key_F13).startswith("Speech is on.")
    assert keys.window.session.timeout_ms == 400_000
    assert keys.press(K.Key_F14).startswith("Get help now, button")
    assert keys.access.keymap.action(event(K.Key_Down)) is None  # replaced by F14
    assert keys.press(K.Key_F13) == "Speech is off."
    assert keys.window.session.timeout_ms == 90_000


# --- grids: up and down by row, left and right by column --------------------------------------


def _named(root, name: str):
    return next(w for w in root.findChildren(QWidget) if w.accessibleName() == name and w.isVisible())


def _below(a, b) -> bool:
    """``b`` sits in a lower row than ``a`` and shares some of its columns."""
    ga, gb = (w.geometry().translated(w.parentWidget().mapTo(w.window(), QPoint())) for w in (a, b))
    return gb.top() >= ga.bottom() and gb.left() < ga.right() and gb.right() > ga.left()


def test_the_zip_keypad_moves_by_row_and_by_column(keys):
    window = keys.window
    window.open_locator()
    keys.qtbot.waitUntil(lambda: window.locator is not None and window.locator.is_loaded(), timeout=5000)
    settle()
    pad = window.locator.search_page.keypad
    keys.press(K.Key_Tab)  # keys, not a touch: the ring and the key handling are on
    _named(pad, "5").setFocus()
    settle()
    walk = []
    for key in (K.Key_Down, K.Key_Down, K.Key_Up, K.Key_Left, K.Key_Right, K.Key_Right,
                K.Key_Up, K.Key_Up):
        keys.press(key)
        walk.append(QApplication.focusWidget().accessibleName())
    assert walk == ["8", "0", "8", "7", "8", "9", "6", "3"]
    assert pad.value() == ""  # moving types nothing
    # Tab stays one control at a time; Down off the bottom row leaves the pad.
    keys.press(K.Key_Tab)
    assert QApplication.focusWidget().accessibleName() == "4"
    _named(pad, "0").setFocus()
    keys.press(K.Key_Down)
    assert not pad.isAncestorOf(QApplication.focusWidget())


def test_home_tiles_and_the_state_picker_move_by_row(keys):
    window = keys.window
    keys.press(K.Key_Tab)
    first = _named(window.home, "Find a clinic")
    first.setFocus()
    settle()
    keys.press(K.Key_Down)
    second = QApplication.focusWidget()
    assert second is not first and _below(first, second)
    keys.press(K.Key_Down)
    third = QApplication.focusWidget()
    assert _below(second, third)
    keys.press(K.Key_Up)
    assert QApplication.focusWidget() is second
    window.open_locator()
    keys.qtbot.waitUntil(lambda: window.locator is not None and window.locator.is_loaded(), timeout=5000)
    settle()
    window.locator.search_page.states_requested.emit()
    settle()
    states = window.locator.states_page
    columns = states.columns()
    assert columns > 1
    states.buttons[0].setFocus()
    keys.press(K.Key_Down)
    assert QApplication.focusWidget() is states.buttons[columns]
    keys.press(K.Key_Right)
    assert QApplication.focusWidget() is states.buttons[columns + 1]
    keys.press(K.Key_Up)
    assert QApplication.focusWidget() is states.buttons[1]


def test_a_one_button_move_still_reaches_every_tile(keys):
    """Tab (or a small controller's move button) goes one tile at a time, across columns."""
    window = keys.window
    keys.press(K.Key_Tab)
    first = _named(window.home, "Find a clinic")
    first.setFocus()
    settle()
    keys.press(K.Key_Tab)
    second = QApplication.focusWidget()
    assert not _below(first, second) and second.parentWidget() is first.parentWidget()
