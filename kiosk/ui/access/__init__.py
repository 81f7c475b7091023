"""Usable without sight and without touch: keys for everything, a focus ring, speech output.

Hook it into a window with :func:`install` (``kiosk.ui.app.build_window`` does). The
parts: ``keynames`` (Qt-free vocabulary and defaults, for settings validation),
``keys`` (the key map), ``focus`` (reading order, the ring, touch-or-keys mode),
``describe`` (what is spoken) and ``controller`` (the event filter and actions).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.ui.access.controller import Access
    from kiosk.ui.window import MainWindow


def install(window: MainWindow) -> Access:
    """Give ``window`` keyboard, keypad and speech access; returns the controller."""
    from kiosk.ui.access.controller import Access

    return Access(window)


def of(window: MainWindow) -> Access | None:
    """The controller installed on ``window``, if any."""
    from PySide6.QtCore import QObject

    from kiosk.ui.access.controller import Access

    found = window.findChild(QObject, "Access")
    return found if isinstance(found, Access) else None
