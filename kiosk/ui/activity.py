"""What counts as use of the kiosk, and the staff gesture: one application-wide filter.

:class:`ActivityWatcher` sees every event once (kiosk/ui/window.py installs it on the
application after the first paint); the idle session (session.py) listens to its
``activity``, the window to its ``corner_held``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QPointerEvent

ACTIVITY_EVENTS = frozenset({
    QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd,
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseMove,
    QEvent.Type.KeyPress, QEvent.Type.Wheel, QEvent.Type.Gesture,
})
PRESS_EVENTS = frozenset({QEvent.Type.TouchBegin, QEvent.Type.MouseButtonPress})
RELEASE_EVENTS = frozenset({QEvent.Type.TouchEnd, QEvent.Type.MouseButtonRelease,
                            QEvent.Type.TouchCancel})
# After the corner hold fires, what is left of the press goes nowhere.
SWALLOWED_EVENTS = RELEASE_EVENTS | {QEvent.Type.MouseMove, QEvent.Type.TouchUpdate,
                                     QEvent.Type.MouseButtonDblClick}
CORNER_PX = 72


class ActivityWatcher(QObject):
    """Application-wide filter: any touch, mouse, key or wheel event is activity.

    It also recognises the staff gesture: a press held in the window's top-left
    corner, wherever in the corner it lands (on the Home button too). Once the
    hold has fired, the rest of that press (moves and the release) is swallowed
    and the pressed button let go, so the lifting finger taps nothing. Otherwise
    it never consumes events.
    """

    activity = Signal()
    corner_held = Signal()

    def __init__(self, window: QWidget, hold_seconds: int) -> None:
        super().__init__(window)
        self._window = window
        self._hold = QTimer(self)
        self._hold.setSingleShot(True)
        self._hold.setInterval(hold_seconds * 1000)
        self._hold.timeout.connect(self._on_held)
        self._pressed: list[QWidget] = []  # widgets the corner press reached
        self._swallowing = False  # the hold fired: the rest of this press goes nowhere
        self._first: Callable[[QObject, QEvent, QEvent.Type], bool] | None = None

    def set_hold_ms(self, ms: int) -> None:
        """How long a press in the corner must last (tests shorten it)."""
        self._hold.setInterval(ms)

    def put_first(self, handler: Callable[[QObject, QEvent, QEvent.Type], bool]) -> None:
        """Give every event to ``handler`` before this watcher sees it (the access
        controller's keys); True from it consumes the event.

        One application-wide filter, not two: each costs a call into Python per event
        (~2.5 µs), and one Text size tap on the clinic search sends ~1,000 events.
        """
        self._first = handler

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        kind = event.type()
        if self._first is not None and self._first(watched, event, kind):
            return True
        # Touch reaches the QWindow first (and widgets only if they accept touch),
        # so events on any object count, not only on widgets.
        if kind not in ACTIVITY_EVENTS and kind is not QEvent.Type.TouchCancel:
            return False
        self.activity.emit()
        if kind in PRESS_EVENTS:
            if self._swallowing:  # a new press: the held one is over
                self._swallowing = False
            if self._in_corner(watched, cast("QPointerEvent", event)):
                if not self._hold.isActive():
                    self._pressed = []
                    self._hold.start()
                if isinstance(watched, QWidget):
                    self._pressed.append(watched)
            return False
        if self._swallowing and kind in SWALLOWED_EVENTS:
            if kind in RELEASE_EVENTS:
                # Every delivery of this release (window, then widget) is swallowed;
                # the next turn of the event loop is a fresh start.
                QTimer.singleShot(0, self._end_swallow)
            event.accept()
            return True
        if kind in RELEASE_EVENTS:
            self._hold.stop()
        return False

    def _on_held(self) -> None:
        self._swallowing = True
        from PySide6.QtWidgets import QAbstractButton

        for widget in self._pressed:
            if isinstance(widget, QAbstractButton):
                widget.setDown(False)  # the held button is let go, not clicked
        self._pressed = []
        self.corner_held.emit()

    def _end_swallow(self) -> None:
        self._swallowing = False

    def _in_corner(self, watched: QObject, event: QPointerEvent) -> bool:
        # In Qt 6 mouse and touch events are both pointer events with points(). The
        # point's own position, mapped up to the window, needs no global geometry
        # (which a window manager, or a test, may report offset).
        points = event.points()
        if not points:
            return False
        position = points[0].position().toPoint()
        window = self._window
        if watched is window or watched is window.windowHandle():
            local = position
        elif isinstance(watched, QWidget) and window.isAncestorOf(watched):
            local = watched.mapTo(window, position)
        else:
            local = window.mapFromGlobal(points[0].globalPosition().toPoint())
        return 0 <= local.x() < CORNER_PX and 0 <= local.y() < CORNER_PX
