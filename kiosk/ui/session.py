"""The patient's session: when it is idle, and what its end clears.

A session ends after ``idle_timeout_seconds`` without a touch, tap, key or
wheel (touch counts: a touchscreen sends no mouse moves) and an unanswered
"Still there?" warning. Listening to a page read aloud counts as use, for at
most ``SPEECH_AS_ACTIVITY_SECONDS``, so a stuck voice cannot hold a session open.

The end of a session (``MainWindow.reset_session``) clears, in order: speech,
the warning and the PIN pad, the language, text size and contrast, every built
screen (``Screen.leave`` then ``Screen.clear``: typed ZIPs, results, clinic
details, accepted content warnings, held in shown or hidden widgets), then
applies validated live updates, empties the Back history and shows Home.

A kiosk that has run ``[kiosk] fresh_start_hours`` starts afresh at the end of the
next session that ran out unattended (:class:`FreshStart`): the process exits and
systemd starts it again, so what months of use leave in the heap cannot add up.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.ui.screens.base import Screen

SPEECH_AS_ACTIVITY_SECONDS = 600  # a stuck engine must not hold the session open for ever


class FreshStart:
    """When the kiosk should start afresh: once it has run ``hours`` (0: never), and only
    where a supervisor starts it again (``supervised``: systemd, kiosk.sdnotify.supervised).

    The window asks at the end of a session that ran out with nobody answering "Still
    there?", so no patient is in the middle of anything. Everything a kiosk keeps lives
    in files (settings, content cache, usage counts, the PIN lockout), so a fresh start
    loses nothing; the screen is blank for the few seconds systemd takes to start it.
    """

    def __init__(self, hours: float, *, supervised: bool,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.hours = hours
        self.supervised = supervised
        self._clock = clock
        self._started = clock()

    def enabled(self) -> bool:
        return self.hours > 0 and self.supervised

    def hours_running(self) -> float:
        return (self._clock() - self._started) / 3600

    def due(self) -> bool:
        return self.enabled() and self.hours_running() >= self.hours


class IdleSession(QObject):
    """The idle clock. Emits ``idle`` when the patient seems gone (the window then warns)."""

    idle = Signal()

    def __init__(self, timeout_seconds: int, *, paused: Callable[[], bool],
                 speaking: Callable[[], bool], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._paused = paused  # an overlay that handles its own timing is open
        self._speaking = speaking
        self._speech_started: float | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(timeout_seconds * 1000)
        self._timer.timeout.connect(self._on_timeout)

    # --- the clock --------------------------------------------------------------

    @property
    def timeout_ms(self) -> int:
        return self._timer.interval()

    def set_timeout_ms(self, ms: int) -> None:
        """Change the idle time (tests shorten it); takes effect at the next restart."""
        self._timer.setInterval(ms)

    def restart(self) -> None:
        """Count from now."""
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def is_running(self) -> bool:
        return self._timer.isActive()

    # --- what counts as use ----------------------------------------------------------

    def on_activity(self) -> None:
        """A touch, tap, key or wheel anywhere (see ActivityWatcher)."""
        if not self._paused():
            self._timer.start()

    def on_speaking(self, speaking: bool) -> None:
        self._speech_started = time.monotonic() if speaking else None
        self._timer.start()

    def _on_timeout(self) -> None:
        if self._paused():
            return
        started = self._speech_started
        # Listening is using the kiosk: a long page read aloud must not be cut off.
        if (self._speaking() and started is not None
                and time.monotonic() - started < SPEECH_AS_ACTIVITY_SECONDS):
            self._timer.start()
            return
        self.idle.emit()


def clear_screens(screens: Iterable[Screen]) -> None:
    """End the session on every built screen: stop what runs, then forget what it holds."""
    for screen in screens:
        screen.leave()
        screen.clear()
