"""Long-running services around the window: usage counts, the systemd watchdog, SIGTERM.

Timers here run only when they have work: the stats flush only while counts
are pending, the watchdog ping only under systemd with WatchdogSec set.
"""

from __future__ import annotations

import logging
import signal
from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication

from kiosk import sdnotify

if TYPE_CHECKING:
    from kiosk.stats import Stats

log = logging.getLogger("kiosk.ui")
FLUSH_MS = 60_000
_SIGTERM_WAKE: list[tuple[object, object, QSocketNotifier]] = []

__all__ = ["UsageCounter", "UsageCounts", "Watchdog", "quit_on_sigterm"]


class UsageCounts(Protocol):
    """What the screens and the window need of the usage counts (kiosk.stats is Qt-free;
    :class:`UsageCounter` wraps it for the UI, and tests may pass any object like this)."""

    def count(self, event: str, key: str = "") -> None: ...

    def summary(self, days: int = 7) -> Mapping[str, Mapping[str, object]]: ...


class UsageCounter(QObject):
    """Counts events for the staff screen; a counting problem never reaches a patient."""

    def __init__(self, stats: Stats, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stats = stats
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(FLUSH_MS)
        self._flush.timeout.connect(self.flush)

    def count(self, event: str, key: str = "") -> None:
        try:
            self.stats.count(event, key)
        except ValueError:
            log.warning("usage count refused for event %s", event)
            return
        if self.stats.enabled and not self._flush.isActive():
            self._flush.start()

    def flush(self) -> None:
        self.stats.flush()
        if self.stats.pending():
            self._flush.start()

    def summary(self, days: int = 7) -> dict[str, dict[str, int | str]]:
        return self.stats.summary(days)

    def close(self) -> None:
        self._flush.stop()
        self.stats.close()


class Watchdog(QObject):
    """Tells systemd the event loop is alive; a frozen UI stops the pings and gets restarted."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.timeout.connect(sdnotify.watchdog_ping)

    def start(self) -> None:
        sdnotify.ready()
        interval = sdnotify.watchdog_interval_seconds()
        if interval:
            self._timer.start(max(1000, int(interval * 500)))
            log.info("systemd watchdog: pinging every %d ms", self._timer.interval())

    def stop(self) -> None:
        self._timer.stop()
        sdnotify.stopping()


def quit_on_sigterm(app: QApplication) -> None:
    """Quit cleanly (flushing counts) on SIGTERM (systemd stopping the kiosk) and SIGINT
    (Ctrl+C in the terminal it was started from), without a polling timer.

    Python runs signal handlers only between bytecodes; while Qt sleeps in its
    event loop, the wake-up byte on a local socket pair wakes it. ``exit()``, not
    ``quit()``: Qt 6's quit() asks windows to close and the locked-down window refuses.
    """
    import socket

    try:
        reader, writer = socket.socketpair()
    except OSError:
        for number in (signal.SIGTERM, signal.SIGINT):
            signal.signal(number, lambda *_: QApplication.exit(0))
        return
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)

    def drain() -> None:
        try:
            reader.recv(64)
        except OSError:
            pass

    notifier.activated.connect(drain)
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda *_: QApplication.exit(0))
    _SIGTERM_WAKE.append((reader, writer, notifier))  # kept for the life of the process
