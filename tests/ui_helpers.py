"""The UI tests' front door: pack makers, finding and tapping controls by accessible name,
reading what is on screen, settling the event loop, the touch device, short timers.

Tests use these (and the ``open_window`` fixture in conftest.py) instead of private
attributes: a refactor of a screen's insides must not break a test of its behaviour.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from kiosk.settings import parse_settings

PAGES = {
    "welcome": ("Welcome", 1, "article", "", "Hello. See [the symptoms](page:symptoms).\n"),
    "symptoms": ("Symptoms", 2, "list", "This page talks about trauma.",
                 "Intro. [Get help now](page:help-now).\n\n## Common\n\n"
                 "- **Flashbacks** - Like it is happening again.\n"
                 "- **Nightmares** - Bad dreams.\n"),
    "causes": ("Causes", 3, "article", "", "Any trauma.\n"),
    "help-now": ("Get help now", 10, "help", "", "Call or text **988**.\n"),
    "find-a-clinic": ("Find a clinic", 11, "locator", "", "Find one.\n"),
}


def make_pack(root: Path, languages=("en", "es")) -> Path:
    for lang in languages:
        folder = root / lang
        folder.mkdir(parents=True)
        for page_id, (title, order, kind, warning, body) in PAGES.items():
            title = title if lang == "en" else f"{title} (es)"
            warning_line = f'content_warning = "{warning}"\n' if warning else ""
            front = textwrap.dedent(f"""\
                +++
                id = "{page_id}"
                title = "{title}"
                order = {order}
                kind = "{kind}"
                summary = "About {page_id}."
                icon = "welcome"
                sources = ["A source"]
                reviewed_by = ""
                reviewed_on = ""
                """) + warning_line + "+++\n"
            (folder / f"{page_id}.md").write_text(front + body, encoding="utf-8")
    return root


def settings_for(tmp_path: Path, extra: str = "", pack: bool = True):
    text = "[kiosk]\nfullscreen = false\n"
    if pack:
        if not (tmp_path / "pack").exists():
            make_pack(tmp_path / "pack")
        text += f"[content]\ndir = '{tmp_path / 'pack'}'\n"
    text += extra
    settings = parse_settings(text, str(tmp_path / "kiosk.toml"), base=tmp_path)
    assert settings.problems == (), settings.problems
    return settings


def controls(root: QWidget, name: str) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget)
            if w.accessibleName() == name and w.isVisibleTo(root) and w.isVisible()]


def control(root: QWidget, name: str) -> QWidget:
    found = controls(root, name)
    assert found, f"no visible control named {name!r}"
    return found[0]


def tap(qtbot, root: QWidget, name: str) -> None:
    """Tap a visible control found by its accessible name, as a person would."""
    widget = control(root, name)
    assert isinstance(widget, QAbstractButton), widget
    assert widget.isEnabled(), f"{name!r} is disabled"
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())
    settle()


def settle() -> None:
    QApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()


def press_at(qtbot, window: QWidget, pos: QPoint) -> None:
    target = window.childAt(pos) or window
    qtbot.mousePress(target, Qt.MouseButton.LeftButton, pos=target.mapFrom(window, pos))


_TOUCH_DEVICES: list = []


def touch_device():
    """The one touchscreen device for the whole test run.

    Qt keeps a registered device for the life of the application: a device that
    Python collects, or a second registration, leaves Qt with a dangling pointer.
    """
    if not _TOUCH_DEVICES:
        from PySide6.QtGui import QPointingDevice
        from PySide6.QtTest import QTest

        _TOUCH_DEVICES.append(QTest.createTouchDevice(QPointingDevice.DeviceType.TouchScreen))
    return _TOUCH_DEVICES[0]


def texts(root: QWidget) -> list[str]:
    """The text of every visible label under ``root``, as a patient reads it."""
    return [label.text() for label in root.findChildren(QLabel)
            if label.isVisible() and label.text()]


def shows(root: QWidget, fragment: str) -> bool:
    """Whether a visible label under ``root`` contains ``fragment``."""
    return any(fragment in text for text in texts(root))


def all_texts(root: QWidget) -> list[str]:
    """Every string held under ``root``, shown or hidden: labels, names, buttons, browsers."""
    from PySide6.QtWidgets import QTextEdit

    found: list[str] = []
    for widget in root.findChildren(QWidget):
        found += [widget.accessibleName(), widget.toolTip()]
        if isinstance(widget, (QLabel, QAbstractButton)):
            found.append(widget.text())
        elif isinstance(widget, QTextEdit):
            found.append(widget.toPlainText())
    return [text for text in found if text]


def shorten_timers(window, *, idle_ms: int | None = None, warning_tick_ms: int | None = None,
                   corner_hold_ms: int | None = None, update_quiet_ms: int | None = None) -> None:
    """Make the window's clocks fast for a test (each through its public setter)."""
    if idle_ms is not None:
        window.session.set_timeout_ms(idle_ms)
        window.session.restart()
    if warning_tick_ms is not None:
        window.idle_overlay.set_tick_ms(warning_tick_ms)
    if corner_hold_ms is not None:
        window.watcher.set_hold_ms(corner_hold_ms)
    if update_quiet_ms is not None and window.updates is not None:
        window.updates.set_quiet_ms(update_quiet_ms)


def hold_corner(qtbot, window: QWidget, hold_ms: int, corner: QPoint | None = None) -> None:
    """Press in the top-left corner for ``hold_ms``, then release (the staff gesture)."""
    corner = corner or QPoint(10, 10)
    target = window.childAt(corner) or window
    local = target.mapFrom(window, corner)
    qtbot.mousePress(target, Qt.MouseButton.LeftButton, pos=local)
    qtbot.wait(hold_ms)
    qtbot.mouseRelease(target, Qt.MouseButton.LeftButton, pos=local)
    settle()


def open_finder(qtbot, window) -> QWidget:
    """Open the clinic finder and wait until its directory is loaded; returns the screen."""
    window.open_locator()
    screen = window.locator
    qtbot.waitUntil(screen.is_loaded, timeout=10_000)
    settle()
    return screen


def type_digits(qtbot, root: QWidget, digits: str) -> None:
    """Tap keypad keys one by one."""
    for digit in digits:
        tap(qtbot, root, digit)


def search_zip(qtbot, screen: QWidget, zip_code: str) -> None:
    """Find clinics near ``zip_code`` by tapping the keypad and Search, as a patient would."""
    from kiosk.ui.i18n import tr

    type_digits(qtbot, screen, zip_code)
    tap(qtbot, screen, tr("Search"))


def clinic_rows(screen) -> list[tuple[int, object]]:
    """(row, clinic) for each clinic in the results list, in list order."""
    from kiosk.ui.models import ClinicRole

    model = screen.model
    return [(r, model.index(r).data(ClinicRole)) for r in range(model.rowCount())
            if model.index(r).data(ClinicRole) is not None]


def tap_row(qtbot, screen, row: int) -> None:
    """Tap a row of the results list (scrolled into view first); it must be touch-sized."""
    from kiosk.ui.touch import min_target_px

    view = screen.results_page.list
    rect = screen.results_page.row_rect(row)
    settle()
    assert rect.height() >= min_target_px(view.screen())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    settle()
