"""Usable without sight and without touch: keys for everything, a focus ring, speech output.

Hook it into a window with :func:`install` (``kiosk.ui.app.build_window`` does). The
parts: ``keynames`` (Qt-free vocabulary and defaults, for settings validation),
``keys`` (the key map), ``focus`` (reading order, the ring, touch-or-keys mode),
``describe`` (what is spoken) and ``controller`` (the event filter and actions).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer

if TYPE_CHECKING:
    from kiosk.ui.access.controller import Access
    from kiosk.ui.window import MainWindow


class _Installer(QObject):
    """Builds the controller just after the window's first paint.

    Importing it (speech, key map, painter) costs ~18 ms: start-up need not pay for
    it, and nobody can press a key before the first paint.
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("AccessInstaller")
        self._window = window
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Paint:
            self._window.removeEventFilter(self)
            QTimer.singleShot(0, self, self._build)  # dropped if the window went first
        return False

    def _build(self) -> None:
        if of(self._window) is None:
            from kiosk.ui.access.controller import Access

            Access(self._window).activate()
        self.deleteLater()


def install(window: MainWindow) -> None:
    """Give ``window`` keyboard, keypad and speech access, from its first paint on."""
    _Installer(window)


def of(window: MainWindow) -> Access | None:
    """The controller installed on ``window``, if it has been built yet."""
    from kiosk.ui.access.controller import Access

    found = window.findChild(QObject, "Access")
    return found if isinstance(found, Access) else None
