"""QApplication set-up and the one function that builds the whole kiosk window."""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QMessageLogContext,
    QObject,
    Qt,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QCursor, QGuiApplication
from PySide6.QtWidgets import QApplication

from kiosk.settings import Settings, load_settings
from kiosk.startup_trace import mark, report

log = logging.getLogger("kiosk.ui")
WARM_UP_DELAY_MS = 200


# Qt's own notes that say nothing to staff: the offscreen platform (screenshots,
# --exit-after-startup) cannot resize a window by its size hints, by design.
QUIET_QT_MESSAGES = ("This plugin does not support propagateSizeHints()",)


def _qt_message(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's messages go to the kiosk's log (stderr only with --verbose), never raw to stderr."""
    if message in QUIET_QT_MESSAGES:
        return
    level = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
             QtMsgType.QtWarningMsg: logging.WARNING}.get(mode, logging.ERROR)
    logging.getLogger("kiosk.qt").log(level, "Qt: %s", message)


def ensure_app() -> QApplication:
    """Return the QApplication, creating it (with the kiosk's names) if needed."""
    app = QApplication.instance()
    if app is None:
        qInstallMessageHandler(_qt_message)
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication(sys.argv[:1])
        app.setApplicationName("kiosk")
        app.setApplicationDisplayName("Kiosk")
        # A touch should not also become a synthesized mouse double-click or drag.
        app.setAttribute(Qt.ApplicationAttribute.AA_SynthesizeMouseForUnhandledTouchEvents, True)
    from kiosk.ui.collector import pin_collection_to_ui_thread
    from kiosk.ui.theme import install_fonts

    pin_collection_to_ui_thread(app)  # never in a pool thread (kiosk/ui/collector.py)
    install_fonts()  # once per application (the bundled typeface; about 1 ms)
    return app  # type: ignore[return-value]


def build_window(settings: Settings | Path | str | None = None, *, windowed: bool = True,
                 size: tuple[int, int] | None = None, log_file: Path | None = None,
                 stats=None, background_content: bool = False):
    """Build the whole kiosk main window in-process from settings or a settings file path.

    Used by the app, the tests, the screenshots command and scripts. Needs no event
    loop; call ``.show()`` (or ``.showFullScreen()``) yourself. A content folder that must
    be rendered is rendered on a worker; this returns once it is live, or at once with
    ``background_content`` (the kiosk itself: it shows the last rendered pack meanwhile).
    """
    from kiosk.ui import access
    from kiosk.ui.window import MainWindow

    mark("kiosk.ui.window imported")
    if not isinstance(settings, Settings):
        settings = load_settings(Path(settings) if settings else None)
    ensure_app()
    pack, render_later = starting_pack(settings.content.dir)
    mark("content pack loaded")
    for problem in pack.problems:
        log.warning("content problem: %s", problem)
    window = MainWindow(settings, pack, windowed=windowed, log_file=log_file, stats=stats)
    window.catch_exceptions()
    access.install(window)  # keys, focus ring, speech output (kiosk/ui/access)
    if render_later:
        window.load_content()
        if not background_content:
            window.wait_for_content()
    window.resize(*(size or (1280, 800)))
    mark("main window built")
    return window


def starting_pack(directory: Path | None):
    """The pack to start on without rendering a staff folder on the UI thread, and whether
    the configured folder must still be rendered (on a worker, see MainWindow.load_content).

    The configured folder's rendered cache when it is current (the usual start); else its
    last rendered cache, however old; else the built-in pack (its cache, or rendered here:
    it ships with the kiosk and renders in about 100 ms). A hostile folder (Markdown that
    renders slowly, thousands of files) is only ever rendered on the worker.
    """
    from kiosk.content import load_pack
    from kiosk.content.pack import cached_pack

    if directory is None:
        return load_pack(None), False
    current = cached_pack(directory)
    if current is not None:
        # Current but with no usable page: load_pack falls back to the built-in pack, from
        # the caches (nothing to render).
        return (current if current.languages else load_pack(directory)), False
    last = cached_pack(directory, current_only=False)
    if last is not None and last.languages:
        log.info("content: starting on the last rendered pack; rendering %s on a worker",
                 directory)
        return last, True
    log.info("content: starting on the built-in pack; rendering %s on a worker", directory)
    return load_pack(None), True


class _FirstPaint(QObject):
    """Quits the event loop after the window's first paint (for --exit-after-startup)."""

    def __init__(self, start_time: float) -> None:
        super().__init__()
        self.start_time = start_time
        self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            mark("first paint")
            elapsed_ms = (time.perf_counter() - self.start_time) * 1000
            QTimer.singleShot(0, lambda: self._finish(elapsed_ms))
        return False

    @staticmethod
    def _finish(elapsed_ms: float) -> None:
        print(f"startup: {elapsed_ms:.0f} ms", file=sys.stderr)
        log.info("start-up phases:\n%s", report())
        # exit(), not quit(): Qt 6's quit() first asks every window to close, and
        # the locked-down kiosk window refuses.
        QApplication.exit(0)


def run_kiosk(settings: Settings, *, windowed: bool = False, size: tuple[int, int] | None = None,
              exit_after_startup: bool = False, log_file: Path | None = None,
              start_time: float | None = None) -> int:
    """Start the kiosk and run the event loop until staff exit it."""
    start_time = start_time or time.perf_counter()
    windowed = windowed or not settings.kiosk.fullscreen
    app = ensure_app()
    mark("QApplication")
    if not settings.staff.pin_hash:
        log.warning("no [staff] pin_hash set: the staff screen opens only in windowed mode")
    screen = QGuiApplication.primaryScreen()
    if not windowed and screen is not None:
        # Lay the window out once, at the size it will have, not first at a default.
        size = screen.geometry().size().toTuple()
    counter = None
    if settings.stats.enabled and not exit_after_startup:
        from kiosk.stats import Stats
        from kiosk.ui.services import UsageCounter

        counter = UsageCounter(Stats.open(None, True, min_count=settings.stats.min_count), app)
    window = build_window(settings, windowed=windowed, size=size, log_file=log_file,
                          stats=counter, background_content=True)
    # exit(), not quit(): Qt 6's quit() asks windows to close and this one refuses.
    window.fresh_start_due.connect(lambda: QApplication.exit(0))  # systemd starts it again
    probe = None
    if exit_after_startup:
        probe = _FirstPaint(start_time)
        window.installEventFilter(probe)
    if windowed:
        window.show()
    else:
        # An override cursor wins over any child widget's own cursor.
        QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
        window.showFullScreen()
    mark("shown")
    log.info("kiosk started (%s)", "windowed" if windowed else "fullscreen")
    watchdogs = []

    def after_first_paint() -> None:
        # Until now SIGTERM's default (end the process) loses nothing, and systemd
        # hears READY once the screen is up. Then the other screens are built,
        # before anyone can tap.
        from kiosk.ui.services import Watchdog, quit_on_sigterm

        quit_on_sigterm(app)
        watchdogs.append(Watchdog(app))
        watchdogs[0].start()
        window.warm_up()
        log.info("kiosk ready")

    QTimer.singleShot(WARM_UP_DELAY_MS, after_first_paint)
    code = app.exec()
    for watchdog in watchdogs:
        watchdog.stop()
    if counter is not None:
        counter.close()
    window.stop()  # the caller ends the process (kiosk.cli.cmd_run)
    log.info("kiosk stopped")
    return int(code)
