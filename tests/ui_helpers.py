"""Helpers for UI tests: a small content pack, a window builder, and finding controls by name."""

from __future__ import annotations

import textwrap
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

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
