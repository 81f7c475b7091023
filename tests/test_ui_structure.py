"""The UI's rooms: the screen registry, the Back history, the hooks every screen has."""

from __future__ import annotations

import ast
from pathlib import Path

from kiosk.ui.navigation import HISTORY_LIMIT, HOME, Entry, History
from kiosk.ui.screens.base import Screen, ScreenName
from kiosk.ui.screens.registry import SCREENS
from tests.ui_helpers import settings_for

UI = Path(__file__).resolve().parent.parent / "kiosk" / "ui"


def test_every_screen_name_has_one_registry_entry():
    assert set(SCREENS) == set(ScreenName)


def test_each_factory_builds_its_screen(open_window, tmp_path):
    window = open_window(settings_for(tmp_path))
    for name in ScreenName:
        screen = window.screen_named(name)
        assert isinstance(screen, Screen)
        assert screen.name == name
        assert window.screen_named(name) is screen  # built once


def test_history_remembers_back_and_forgets_the_error_screen():
    history = History()
    page = Entry(ScreenName.PAGE, "welcome")
    history.go(page)
    history.go(Entry(ScreenName.HELP))
    assert history.entries() == [HOME, page]
    history.go(Entry(ScreenName.ERROR), remember=False)
    history.go(HOME)
    assert history.entries() == [HOME, page]  # the error screen is never a Back target
    assert history.back() == page and history.back() == HOME and history.back() is None
    for i in range(HISTORY_LIMIT + 10):
        history.go(Entry(ScreenName.PAGE, str(i)))
    assert len(history) == HISTORY_LIMIT


def test_no_ui_code_asks_hasattr_of_a_screen():
    """Screens declare their hooks in the base class; callers never probe for them."""
    offenders = []
    for path in UI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "hasattr" and "screen" in ast.unparse(node.args[0])):
                offenders.append(f"{path.name}:{node.lineno}")
    assert not offenders
