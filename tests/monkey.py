"""A seeded monkey for the whole kiosk window: real taps, drags and keys on every screen.

The driver sends real Qt input (touch through a QTest touchscreen device, and
mouse), hit-tested at the top-level window so an overlay covers what is beneath
it, just as on the waiting-room touchscreen. It also opens screens and overlays
directly, resets the session and lets the idle timer run out now and then, and
switches between the three kiosk sizes. It never taps "Exit kiosk" and never
lets the window close.

It collects what a long-running kiosk must never show: errors the window's own
excepthook logged ("error in the user interface" on logger ``kiosk.ui``),
exceptions raised by the driver's direct calls, Qt warnings about deleted or
destroyed objects, Python warnings, and resident memory after warm-up and at
the end.

Used by tests/test_monkey.py and tests/soak/soak.py; on its own:

    python tests/monkey.py --actions 20000 [--seed 1] [--sizes 1920x1080,1080x1920,1280x800]
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import random
import sys
import time
import traceback
import warnings
from collections import Counter, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

if __name__ == "__main__":  # as a script: offscreen and quiet before Qt is imported
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
    os.environ.setdefault("KIOSK_SPEECH", "none")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt, qInstallMessageHandler
from PySide6.QtGui import QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QAbstractScrollArea, QApplication, QWidget

from kiosk.ui.workers import release_free_heap

SIZES: tuple[tuple[int, int], ...] = ((1920, 1080), (1080, 1920), (1280, 800))
# A PIN the monkey cannot type by chance (8 digits); random digits just fail and lock the pad.
MONKEY_PIN = "86420975"
EXIT_NAMES = frozenset({"Exit kiosk", "Salir del quiosco"})
# Qt warnings that mean an object was used after deletion, or a signal hit a dead receiver.
BAD_QT_WORDS = ("deleted", "destroyed", "QObject::", "wrapped C/C++ object")
IGNORED_QT_WORDS = ("propagateSizeHints",)
ZIPS = ("10001", "90210", "60601", "73301", "99501", "00000", "123")
# Far apart, so each search draws the map's outlines anew (see Monkey._fill_map_cache).
MAP_WARM_ZIPS = ("10001", "90210", "60601", "73301", "99501", "33101", "98101", "80202")
LOAD_TIMEOUT_S = 15.0
TRAIL = 12

log = logging.getLogger("kiosk.monkey")
T = TypeVar("T")


# --- measuring -----------------------------------------------------------------------------


def rss_mb() -> float:
    """Resident memory of this process in MB (Linux /proc; ru_maxrss as a fallback)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024
    except (OSError, ValueError):
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def settled_rss_mb() -> float:
    """RSS after a full collection and after glibc hands freed heap back: what is left is live."""
    settle()
    gc.collect()
    release_free_heap()
    return rss_mb()


def drop_bounded_caches(window) -> None:
    """Empty the caches that are bounded by design and hold the most: the reader's card
    lists (``CARD_LISTS_KEPT``) and the map's drawn outlines (``OUTLINE_CACHE_SIZE``).

    Which lists and outlines a random walk left in them moved malloc's live bytes within a
    12 MB band from one reading to the next; with them empty the same readings stayed within
    1.4 MB. The soak's "cold" reading is taken after this, so growth it shows is not a
    cache filling. They fill again as the kiosk is used.
    """
    from kiosk.ui.widgets.usmap import UsMap

    window.reader.forget_pages()
    for map_widget in window.findChildren(UsMap):
        map_widget.drop_caches()
    settle()


def settle() -> None:
    """Run posted events and deferred deletes, as the event loop would between taps."""
    QApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def wait_until(predicate: Callable[[], bool], timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            return False
        QTest.qWait(10)
    return True


@dataclass
class Findings:
    """What went wrong during a run; empty lists mean a clean run."""

    errors: list[str] = field(default_factory=list)  # kiosk.ui error log lines, driver failures
    unhandled: list[str] = field(default_factory=list)  # exceptions that reached sys.excepthook
    bad_qt: list[str] = field(default_factory=list)  # deleted/destroyed-object warnings
    other_qt: Counter = field(default_factory=Counter)  # any other Qt message, counted
    py_warnings: list[str] = field(default_factory=list)


class _ErrorLog(logging.Handler):
    def __init__(self, findings: Findings) -> None:
        super().__init__(logging.ERROR)
        self.findings = findings

    def emit(self, record: logging.LogRecord) -> None:
        text = f"{record.name}: {record.getMessage()}"
        if record.exc_info:
            text += "\n" + "".join(traceback.format_exception(*record.exc_info)).rstrip()
        self.findings.errors.append(text)


@contextlib.contextmanager
def watching(findings: Findings) -> Iterator[Findings]:
    """Collect kiosk.ui errors, Qt messages and Python warnings into ``findings`` while open."""
    handler = _ErrorLog(findings)
    ui_log = logging.getLogger("kiosk.ui")
    ui_log.addHandler(handler)
    previous: list = [None]

    def on_qt_message(mode, context, message: str) -> None:
        if any(word in message for word in IGNORED_QT_WORDS):
            return
        if any(word in message for word in BAD_QT_WORDS):
            findings.bad_qt.append(message)
        else:
            findings.other_qt[message[:200]] += 1

    previous[0] = qInstallMessageHandler(on_qt_message)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            yield findings
        finally:
            findings.py_warnings += [f"{w.category.__name__}: {w.message}" for w in caught]
            qInstallMessageHandler(previous[0])
            ui_log.removeHandler(handler)


# --- building the window -------------------------------------------------------------------


def monkey_settings(extra: str = ""):
    """Settings for a locked-down kiosk with a staff PIN, the demo clinics and a host clinic."""
    from kiosk.pin import hash_pin
    from kiosk.settings import parse_settings

    text = (f"[kiosk]\nfullscreen = true\n[staff]\npin_hash = '{hash_pin(MONKEY_PIN)}'\n"
            "[locator]\nhome_zip = '11021'\nhost_clinic_id = 'demo-0001'\n" + extra)
    settings = parse_settings(text, "<monkey>")
    assert not settings.problems, settings.problems
    return settings


def build(size: tuple[int, int] = SIZES[0], settings=None):
    """A shown, locked-down kiosk window at ``size`` (close it with :func:`dispose`)."""
    from kiosk.ui.app import build_window

    window = build_window(settings or monkey_settings(), windowed=False, size=size)
    window.setFixedSize(*size)
    window.show()
    QTest.qWaitForWindowExposed(window)
    settle()
    return window


def dispose(window) -> None:
    window.dispose()
    window.deleteLater()
    settle()


def wait_for_locator(window) -> bool:
    """If the clinic finder is (re)loading its directory, wait for it; True when usable."""
    screen = window.locator
    if screen is None:
        return True
    if screen.is_loaded() or getattr(screen, "load_error", ""):
        return True
    return wait_until(lambda: screen.is_loaded() or bool(screen.load_error), LOAD_TIMEOUT_S)


# --- real input ----------------------------------------------------------------------------


def visible_on_top(window: QWidget, widget: QWidget) -> bool:
    """True when a tap on the widget's centre would reach it (not covered by an overlay)."""
    if not widget.isVisible() or widget.width() <= 0 or widget.height() <= 0:
        return False
    centre = widget.mapTo(window, widget.rect().center())
    if not window.rect().contains(centre):
        return False
    hit = window.childAt(centre)
    return hit is not None and (hit is widget or widget.isAncestorOf(hit))


def describe(widget: QWidget) -> str:
    """A short name for a widget in reports: its accessible name, else its class."""
    name = widget.accessibleName() or (widget.parentWidget().accessibleName()
                                       if widget.parentWidget() is not None else "")
    return f"{type(widget).__name__} {name!r}" if name else type(widget).__name__


def is_exit(window, widget: QWidget) -> bool:
    staff = window.screens.get("staff")
    return widget.accessibleName() in EXIT_NAMES or (
        staff is not None and widget is getattr(staff, "_exit", None))


_TOUCH: list[QPointingDevice] = []


def touch_device() -> QPointingDevice:
    """The one QTest touchscreen of this process.

    Qt registers the device for the life of the application; a second one, or Python
    collecting the first, leaves Qt with a dangling device and crashes the next touch.
    """
    if not _TOUCH:
        from tests.ui_helpers import touch_device

        _TOUCH.append(touch_device())
    return _TOUCH[0]


class Input:
    """Taps, drags and keys as Qt input events, by touch or mouse, in window coordinates."""

    def __init__(self, window: QWidget) -> None:
        self.window = window
        self.touch = touch_device()

    def _receiver(self, pos: QPoint) -> tuple[QWidget, QPoint]:
        target = self.window.childAt(pos) or self.window
        return target, target.mapFrom(self.window, pos)

    def tap(self, pos: QPoint, touch: bool) -> None:
        if touch:
            QTest.touchEvent(self.window, self.touch, False).press(0, pos).commit(False)
            QTest.touchEvent(self.window, self.touch, False).release(0, pos).commit(False)
        else:
            target, local = self._receiver(pos)
            QTest.mouseClick(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, local)

    def drag(self, start: QPoint, end: QPoint, steps: int, touch: bool) -> None:
        points = [QPoint(start.x() + (end.x() - start.x()) * i // steps,
                         start.y() + (end.y() - start.y()) * i // steps) for i in range(steps + 1)]
        if touch:
            QTest.touchEvent(self.window, self.touch, False).press(0, points[0]).commit(False)
            for point in points[1:]:
                QTest.touchEvent(self.window, self.touch, False).move(0, point).commit(False)
            QTest.touchEvent(self.window, self.touch, False).release(0, points[-1]).commit(False)
            return
        # The press picks the receiver; moves and the release go to it, as with an implicit grab.
        target, local = self._receiver(points[0])
        QTest.mousePress(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, local)
        for point in points[1:]:
            QTest.mouseMove(target, target.mapFrom(self.window, point))
        QTest.mouseRelease(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                           target.mapFrom(self.window, points[-1]))

    def key(self, key: Qt.Key) -> None:
        target = QApplication.focusWidget() or self.window
        if not self.window.isAncestorOf(target) and target is not self.window:
            target = self.window
        QTest.keyClick(target, key)


KEYS: tuple[Qt.Key, ...] = (
    tuple(getattr(Qt.Key, f"Key_{c}") for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    + (Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Backspace)
)


# --- a tour of every screen ----------------------------------------------------------------


def named_buttons(root: QWidget, name: str) -> list[QAbstractButton]:
    return [b for b in root.findChildren(QAbstractButton)
            if b.accessibleName() == name and b.isVisible() and b.isEnabled()]


def tap_named(window, root: QWidget, name: str, touch: bool = False) -> bool:
    """Tap the visible, enabled button called ``name`` under ``root``; False if there is none."""
    buttons = [b for b in named_buttons(root, name) if visible_on_top(window, b)]
    if not buttons:
        return False
    Input(window).tap(buttons[0].mapTo(window, buttons[0].rect().center()), touch)
    settle()
    settle()
    return True


def zip_search(window, digits: str, touch: bool = False) -> bool:
    """Type ``digits`` on the finder's keypad by taps and tap Search; False if not on search."""
    screen = window.locator
    if screen is None or screen.page() != "search":
        return False
    for digit in digits:
        tap_named(window, screen, digit, touch)
    from kiosk.ui.i18n import tr

    return tap_named(window, screen, tr("Search"), touch)


def tap_first_clinic(window, touch: bool = False) -> bool:
    """On the results, tap the first clinic row (scrolled into view first)."""
    from kiosk.ui.models import ClinicRole

    screen = window.locator
    page = getattr(screen, "results_page", None)
    if page is None or screen.page() != "results":
        return False
    rows = [r for r in range(screen.model.rowCount())
            if screen.model.index(r).data(ClinicRole) is not None]
    if not rows:
        return False
    rect = page.row_rect(rows[0])
    settle()
    viewport = page.list.viewport()
    Input(window).tap(viewport.mapTo(window, rect.center()), touch)
    settle()
    return screen.page() == "detail"


def visit_every_screen(window, languages: tuple[str, ...] | None = None,
                       on_screen: Callable[[str], None] = lambda name: None) -> list[str]:
    """Show every screen and overlay once: home, each page in each language, help, the finder
    (a ZIP search by keypad taps, a clinic's detail, the state list and a state), quick hide,
    staff, the idle warning, the attract screen and the PIN pad. Returns what was visited."""
    from kiosk.ui.i18n import tr

    visited: list[str] = []

    def seen(name: str) -> None:
        settle()
        visited.append(name)
        on_screen(name)

    langs = languages or tuple(lang for lang in window.state.languages if lang in window.pack.languages)
    for lang in langs:
        window.state.set_language(lang)
        window.go_home()
        seen(f"{lang}/home")
        for page in window.pages():
            window.open_page(page.id)
            seen(f"{lang}/page/{page.id}")
            if page.kind in ("article", "list") and window.reader.showing_warning():
                tap_named(window, window.reader, tr("Continue"))
                seen(f"{lang}/page/{page.id}/body")
        window.open_help()
        seen(f"{lang}/help")
    window.state.set_language(langs[0])
    window.open_locator()
    if not wait_for_locator(window):
        raise AssertionError("the clinic finder did not load")
    seen("locator/search")
    screen = window.locator
    if screen is not None and screen.is_loaded():
        zip_search(window, "10001")
        seen("locator/results")
        if tap_first_clinic(window):
            seen("locator/detail")
        screen.clear()
        tap_named(window, screen, tr("Choose your state"))
        seen("locator/states")
        tap_named(window, screen, "New York")
        seen("locator/state-results")
        screen.clear()
    window.quick_hide()
    seen("hidden")
    window.go_home()
    window.open_staff()
    seen("staff")
    window.go_home()
    window.idle_overlay.open()
    seen("idle-overlay")
    window.idle_overlay.close_overlay()
    window.attract.open()
    seen("attract")
    window.attract.hide()
    window.pin_pad.open()
    seen("pin-pad")
    window.pin_pad.hide()
    window.reset_session()
    seen("reset")
    return visited


# --- the monkey ----------------------------------------------------------------------------


@dataclass
class Report:
    actions: int = 0
    seconds: float = 0.0
    rss_start_mb: float = 0.0  # after building the window
    rss_warm_mb: float = 0.0  # after the warm-up tour and actions (Monkey.reference_rss_mb)
    rss_end_mb: float = 0.0  # at the end of the last run, in the same reference state
    cold_warm_mb: float = 0.0  # the same two readings with the bounded caches emptied
    cold_end_mb: float = 0.0  # (drop_bounded_caches); 0 where not taken
    rss_tour_mb: float = 0.0  # the soak's readings after the warm-up tour, before its settling
    cold_tour_mb: float = 0.0  # minutes (0 where there were none: then warm = tour)
    readings: list = field(default_factory=list)  # (minutes, rss, cold) at each soak report
    kinds: Counter = field(default_factory=Counter)
    kind_seconds: Counter = field(default_factory=Counter)
    screens: Counter = field(default_factory=Counter)
    findings: Findings = field(default_factory=Findings)

    @property
    def growth_mb(self) -> float:
        return self.rss_end_mb - self.rss_warm_mb

    @property
    def cold_growth_mb(self) -> float:
        return self.cold_end_mb - self.cold_warm_mb

    def slopes_mb_per_hour(self, last_half: bool = False) -> tuple[float, float] | None:
        """Least-squares slopes of the rss and cold readings against time, per hour (None
        with fewer than three readings); ``last_half``: from the readings of the run's
        second half only (the trend once the first minutes' filling is over)."""
        rows = self.readings
        if last_half and rows:
            rows = [row for row in rows if row[0] >= rows[-1][0] / 2]
        if len(rows) < 3:
            return None
        hours = [m / 60 for m, _, _ in rows]
        mean_t = sum(hours) / len(hours)
        spread = sum((t - mean_t) ** 2 for t in hours)
        if spread == 0:
            return None

        def slope(values: list[float]) -> float:
            mean_v = sum(values) / len(values)
            return sum((t - mean_t) * (v - mean_v) for t, v in zip(hours, values, strict=True)) / spread

        return (slope([r for _, r, _ in rows]), slope([c for _, _, c in rows]))

    @property
    def per_second(self) -> float:
        return self.actions / self.seconds if self.seconds else 0.0

    def summary(self) -> str:
        f = self.findings
        lines = [
            f"actions: {self.actions} in {self.seconds:.1f} s ({self.per_second:.0f}/s)",
            f"errors: {len(f.errors)}  unhandled exceptions: {len(f.unhandled)}  "
            f"deleted-object warnings: {len(f.bad_qt)}  "
            f"python warnings: {len(f.py_warnings)}  other qt messages: {sum(f.other_qt.values())}",
            f"rss: start {self.rss_start_mb:.1f} MB, after warm-up {self.rss_warm_mb:.1f} MB, "
            f"end {self.rss_end_mb:.1f} MB (growth {self.growth_mb:+.1f} MB)",
            *([f"cold (bounded caches emptied): after warm-up {self.cold_warm_mb:.1f} MB, "
               f"end {self.cold_end_mb:.1f} MB (growth {self.cold_growth_mb:+.1f} MB)"]
              if self.cold_warm_mb else []),
            *([f"since the tour, before settling: rss {self.rss_tour_mb:.1f} -> {self.rss_end_mb:.1f} MB "
               f"({self.rss_end_mb - self.rss_tour_mb:+.1f}), cold {self.cold_tour_mb:.1f} -> "
               f"{self.cold_end_mb:.1f} MB ({self.cold_end_mb - self.cold_tour_mb:+.1f})"]
              if self.cold_tour_mb else []),
            *(f"slope over {'the second half of ' if last_half else ''}the reports: "
              f"rss {slopes[0]:+.1f} MB/h, cold {slopes[1]:+.1f} MB/h; "
              f"a day at that cold slope: {24 * slopes[1]:+.0f} MB"
              for last_half in (False, True)
              if (slopes := self.slopes_mb_per_hour(last_half)) is not None),
            "actions by kind (count, mean ms): " + ", ".join(
                f"{k} {n} ({1000 * self.kind_seconds[k] / n:.0f})" for k, n in sorted(self.kinds.items())),
            "screens seen: " + ", ".join(f"{k} {n}" for k, n in sorted(self.screens.items())),
        ]
        for title, items in (("error", f.errors), ("unhandled", f.unhandled), ("qt warning", f.bad_qt),
                             ("python warning", f.py_warnings)):
            for item in items[:5]:
                lines.append(f"--- {title}:\n{item}")
        for message, count in f.other_qt.most_common(5):
            lines.append(f"--- other qt message x{count}: {message}")
        return "\n".join(lines)

    def clean(self, max_growth_mb: float) -> bool:
        f = self.findings
        # With a cold reading (the soak), growth is judged on it: the warm reading moves
        # with what the bounded caches happen to hold (see drop_bounded_caches).
        growth = self.cold_growth_mb if self.cold_warm_mb else self.growth_mb
        return not f.errors and not f.unhandled and not f.bad_qt and growth <= max_growth_mb


class Monkey:
    """Drives one window with a seeded random sequence of real inputs and screen changes."""

    # (weight, action name); the names are methods ``_do_<name>``.
    ACTIONS: tuple[tuple[int, str], ...] = (
        (36, "tap_widget"), (10, "tap_point"), (8, "drag_vertical"), (8, "drag_horizontal"),
        (10, "key"), (4, "zip_search"), (2, "tap_pin"), (10, "navigate"), (3, "overlay"),
        (3, "reset"), (2, "idle"), (2, "language"),
    )

    def __init__(self, window, seed: int = 1, sizes: tuple[tuple[int, int], ...] = SIZES,
                 findings: Findings | None = None) -> None:
        self.window = window
        # Two streams: the plan (which kind of action) depends on the seed alone; the details
        # (which control, where) also depend on what is on screen, and a flick's momentum or
        # the press delay of a kinetic scroller runs on wall-clock time, so a replay with the same
        # seed can drift after a few dozen actions. The trail in each error shows what happened.
        self.plan = random.Random(seed)
        self.rng = random.Random(seed * 7919 + 1)
        self.sizes = sizes
        self.input = Input(window)
        self.report = Report(findings=findings or Findings())
        self.trail: deque[str] = deque(maxlen=TRAIL)  # the latest actions, for error reports
        self.fill_map_at_reference = False  # set by warm_up(every_look=True); see at_reference
        self._names = [name for _, name in self.ACTIONS]
        self._weights = [weight for weight, _ in self.ACTIONS]
        # Short timers, so an idle warning and reset happen within a pause, not after 90 s.
        self._idle_interval = window.session.timeout_ms
        window.idle_overlay.warning_seconds = 2
        window.idle_overlay.set_tick_ms(20)

    # --- running -------------------------------------------------------------------

    def resize(self, size: tuple[int, int]) -> None:
        self.window.setFixedSize(*size)
        settle()

    def warm_up(self, actions_per_size: int = 30, every_look: bool = False) -> None:
        """Build and show everything at every size, so later growth is growth, not first use.

        ``every_look`` (the soak): the tour at every text size in both looks too, which
        fills the caches kept per size and look (style sheets, fonts, the map's outlines)
        that the first minutes of a soak otherwise fill, and count as growth.
        """
        from kiosk.ui.theme import TEXT_STEPS

        self.report.rss_start_mb = settled_rss_mb()
        state = self.window.state
        looks = ([(step, look) for step in range(len(TEXT_STEPS))
                  for look in ("default", "high-contrast")] if every_look else [None])
        for size in self.sizes:
            self.resize(size)
            for look in looks:
                if look is not None:
                    while state.text_step != look[0]:
                        state.cycle_text_step()
                    if state.theme != look[1]:
                        state.toggle_theme()
                self._guarded(lambda: visit_every_screen(self.window))
            for _ in range(actions_per_size):
                self.step()
        if every_look:
            self.resize(self.sizes[0])
            self._guarded(self._fill_map_cache)
            self.fill_map_at_reference = True
        self.report.rss_warm_mb = self.reference_rss_mb()

    def _fill_map_cache(self) -> None:
        """Searches from places far apart, at the reference size: the map keeps its last
        six drawn outlines (kiosk/ui/widgets/usmap.py, ~2.6 MB each at 1920x1080), which
        random searches otherwise fill during the first minutes of a soak."""
        window = self.window
        for digits in MAP_WARM_ZIPS:
            window.go_home()
            window.open_locator()
            if not wait_for_locator(window):
                return
            window.locator.clear()
            settle()
            zip_search(window, digits)
            settle()

    def reference_rss_mb(self) -> float:
        """Resident memory in one fixed state: the first size, a fresh session, settled.

        The window's backing store and the map's drawn outlines alone differ by several
        MB between the sizes, so readings taken at whatever size the monkey was at moved
        by up to 12 MB from one report to the next, more than the growth looked for.
        """
        return self.at_reference(settled_rss_mb)

    def at_reference(self, measure: Callable[[], T]) -> T:
        """``measure()`` in the reference state (see reference_rss_mb); the size is restored.

        After a warm-up with ``every_look`` (the soak), the map's six cached outlines are
        drawn anew for the same six places first: they were drawn at whichever sizes the
        monkey had been at, and between 7 and 19 MB of pixmaps moved the soak's readings
        up and down by 13 MB in an hour with nothing growing.
        """
        current = (self.window.width(), self.window.height())
        if current != self.sizes[0]:
            self.resize(self.sizes[0])
        if self.fill_map_at_reference:
            self._guarded(self._fill_map_cache)
        self.window.reset_session()
        value = measure()
        if current != self.sizes[0]:
            self.resize(current)
        return value

    def run(self, actions: int, segment: int = 250,
            progress: Callable[[Monkey], None] | None = None, measure: bool = True) -> Report:
        """Do ``actions`` random actions, changing size every ``segment`` actions, then
        reset the session (and, with ``measure``, take the reference RSS).

        The count runs on across calls, so a soak that runs in chunks of 50 still
        changes size every ``segment`` actions (it stayed at the first size before).
        """
        start = time.perf_counter()
        for _ in range(actions):
            done = self.report.actions
            if done % segment == 0:
                self.resize(self.sizes[(done // segment) % len(self.sizes)])
            self.step()
            self.report.actions += 1
            if progress is not None:
                progress(self)
        self.report.seconds += time.perf_counter() - start
        if measure:
            self.report.rss_end_mb = self.reference_rss_mb()
        else:
            self.window.reset_session()
        return self.report

    def only(self, kind: str) -> None:
        """From now on, actions of one kind only (``tests/soak/by_action.py``)."""
        if kind not in {name for _, name in self.ACTIONS}:
            raise ValueError(f"no monkey action {kind!r}")
        self._names, self._weights = [kind], [1]

    def step(self) -> None:
        name = self.plan.choices(self._names, self._weights)[0]
        self.report.kinds[name] += 1
        findings = self.report.findings
        before = (len(findings.errors), len(findings.bad_qt))
        self.trail.append(name)
        start = time.perf_counter()
        self._guarded(getattr(self, f"_do_{name}"))
        settle()
        self._guarded(self._after)
        self.report.kind_seconds[name] += time.perf_counter() - start
        if (len(findings.errors), len(findings.bad_qt)) != before:
            trail = "\n".join(f"  {i}. {a}" for i, a in enumerate(self.trail, 1))
            findings.errors.append(f"(the actions before the finding above, oldest first:\n{trail})")

    def _note(self, text: str) -> None:
        """Add detail (what was tapped, where) to the latest action in the trail."""
        if self.trail:
            self.trail[-1] += " " + text
        else:
            self.trail.append(text)

    def _guarded(self, action: Callable[[], object]) -> None:
        try:
            action()
        except Exception:  # an exception from a direct call is a finding, not the end of the run
            self.report.findings.errors.append("driver call raised:\n" + traceback.format_exc().rstrip())

    def _after(self) -> None:
        window = self.window
        if not window.isVisible():
            self.report.findings.errors.append("the kiosk window closed")
            window.show()
        if not wait_for_locator(window):
            self.report.findings.errors.append("the clinic finder did not finish loading")
        screen = window.current_screen()
        label = screen.name
        if label == "locator":
            label = f"locator/{screen.page()}"
        for overlay in window.overlays:
            if overlay.isVisible():
                label = overlay.accessibleName()
        self.report.screens[label] += 1

    # --- targets -------------------------------------------------------------------

    def _targets(self) -> list[QWidget]:
        window = self.window
        found: list[QWidget] = []
        for button in window.findChildren(QAbstractButton):
            if button.isEnabled() and not is_exit(window, button) and visible_on_top(window, button):
                found.append(button)
        for view in window.findChildren(QAbstractItemView):
            viewport = view.viewport()
            if view.isEnabled() and visible_on_top(window, viewport):
                found.append(viewport)
        return found

    def _scrollables(self) -> list[QWidget]:
        window = self.window
        return [area.viewport() for area in window.findChildren(QAbstractScrollArea)
                if visible_on_top(window, area.viewport())]

    def _point_in(self, widget: QWidget) -> QPoint:
        rect = widget.rect()
        x = rect.left() + self.rng.randrange(max(1, rect.width()))
        y = rect.top() + self.rng.randrange(max(1, rect.height()))
        return widget.mapTo(self.window, QPoint(x, y))

    def _random_point(self) -> QPoint:
        return QPoint(self.rng.randrange(self.window.width()), self.rng.randrange(self.window.height()))

    def _safe(self, pos: QPoint) -> bool:
        """A point whose tap would not land on the Exit kiosk button."""
        hit = self.window.childAt(pos)
        while hit is not None and hit is not self.window:
            if is_exit(self.window, hit):
                return False
            hit = hit.parentWidget()
        return True

    # --- actions -------------------------------------------------------------------

    def tap_random_control(self) -> None:
        """One tap on a random visible control (as the tap_widget action does)."""
        self._do_tap_widget()

    def _do_tap_widget(self) -> None:
        targets = self._targets()
        if not targets:
            self._do_tap_point()
            return
        # Text size and Contrast restyle the whole window (~0.2 s each): tapped, but less often.
        restyle = (self.window.bar.text_button, self.window.bar.contrast_button)
        weights = [0.1 if t in restyle else 1.0 for t in targets]
        target = self.rng.choices(targets, weights)[0]
        if isinstance(target, QAbstractButton) and self.rng.random() < 0.7:
            pos = target.mapTo(self.window, target.rect().center())
        else:
            pos = self._point_in(target)
        if self._safe(pos):
            touch = self.rng.random() < 0.6
            self._note(f"{'touch' if touch else 'mouse'} {describe(target)} at ({pos.x()}, {pos.y()})")
            self.input.tap(pos, touch)

    def _do_tap_point(self) -> None:
        pos = self._random_point()
        if self._safe(pos):
            touch = self.rng.random() < 0.6
            self._note(f"{'touch' if touch else 'mouse'} at ({pos.x()}, {pos.y()})")
            self.input.tap(pos, touch)

    def _drag(self, horizontal: bool) -> None:
        areas = self._scrollables()
        area = self.rng.choice(areas) if areas and self.rng.random() < 0.8 else self.window
        start = self._point_in(area)
        length = self.rng.randrange(60, 700)
        sign = self.rng.choice((-1, 1))
        drift = self.rng.randrange(-30, 31)
        dx, dy = (sign * length, drift) if horizontal else (drift, sign * length)
        end = QPoint(min(max(start.x() + dx, 0), self.window.width() - 1),
                     min(max(start.y() + dy, 0), self.window.height() - 1))
        if self._safe(start) and self._safe(end):
            steps, touch = self.rng.randrange(2, 9), self.rng.random() < 0.6
            self._note(f"{'touch' if touch else 'mouse'} ({start.x()}, {start.y()}) -> "
                       f"({end.x()}, {end.y()}) in {steps} steps")
            self.input.drag(start, end, steps, touch)

    def _do_drag_vertical(self) -> None:
        self._drag(horizontal=False)

    def _do_drag_horizontal(self) -> None:
        self._drag(horizontal=True)

    def _do_key(self) -> None:
        focus = QApplication.focusWidget()
        if focus is not None and is_exit(self.window, focus):
            return
        key = self.rng.choice(KEYS)
        self._note(f"{key.name} to {describe(QApplication.focusWidget() or self.window)}")
        self.input.key(key)

    def _do_zip_search(self) -> None:
        window = self.window
        if window.locator is None or window.current_screen() is not window.locator:
            window.open_locator()
            wait_for_locator(window)
            settle()
        touch = self.rng.random() < 0.6
        digits = self.rng.choice(ZIPS)
        self._note(digits)
        zip_search(window, digits, touch)
        if self.rng.random() < 0.5:
            tap_first_clinic(window, touch)

    def _do_tap_pin(self) -> None:
        from kiosk.ui.widgets.usmap import UsMap

        maps = [m for m in self.window.findChildren(UsMap) if visible_on_top(self.window, m) and m.pins()]
        if not maps:
            self._do_tap_widget()
            return
        usmap = self.rng.choice(maps)
        pins = usmap.pins()
        number = self.rng.choice(pins).number
        self._note(f"pin {number}")
        pos = usmap.mapTo(self.window, usmap.pin_position(number))
        self.input.tap(pos, touch=self.rng.random() < 0.6)

    def _do_navigate(self) -> None:
        window = self.window
        choice = self.rng.randrange(7)
        self._note(("locator", "help", "quick hide", "home", "staff", "page", "page")[choice])
        if choice == 0:
            window.open_locator()
        elif choice == 1:
            window.open_help()
        elif choice == 2:
            window.quick_hide()
        elif choice == 3:
            window.go_home()
        elif choice == 4:
            window.open_staff()
        else:
            pages = window.pages()
            if pages:
                window.open_page(self.rng.choice(pages).id)

    def _do_overlay(self) -> None:
        window = self.window
        choice = self.rng.randrange(3)
        self._note(("idle warning", "PIN pad", "attract")[choice])
        if choice == 0:
            window.idle_overlay.open()
        elif choice == 1:
            window.pin_pad.open()
            # A few random digits and OK: a wrong PIN (five lock the pad for a minute).
            for _ in range(self.rng.randrange(0, 6)):
                tap_named(window, window.pin_pad, str(self.rng.randrange(10)), self.rng.random() < 0.6)
            if self.rng.random() < 0.3:
                tap_named(window, window.pin_pad, "OK", self.rng.random() < 0.6)
            if self.rng.random() < 0.5:
                from kiosk.ui.i18n import tr

                tap_named(window, window.pin_pad, tr("Cancel"), self.rng.random() < 0.6)
        else:
            window.attract.open()

    def _do_reset(self) -> None:
        self.window.reset_session()

    def _do_idle(self) -> None:
        """Stop touching until the idle warning shows; then either stay or let it reset."""
        window = self.window
        if window.attract.isVisible() or window.idle_overlay.isVisible():
            return
        window.session.set_timeout_ms(30)
        window.session.restart()
        try:
            wait_until(window.idle_overlay.isVisible, 3.0)
        finally:
            window.session.set_timeout_ms(self._idle_interval)
        if not window.idle_overlay.isVisible():
            return
        if self.rng.random() < 0.4:
            from kiosk.ui.i18n import tr

            tap_named(window, window.idle_overlay, tr("I'm still here"), self.rng.random() < 0.6)
        else:
            wait_until(window.attract.isVisible, 3.0)

    def _do_language(self) -> None:
        # Text size and contrast change through taps on the bar (a restyle costs ~0.2 s).
        self.window.state.set_language(self.window.state.next_language())


# --- one-call runs -------------------------------------------------------------------------


def install_error_recorder(window, findings: Findings) -> Callable[[], None]:
    """Wrap sys.excepthook (the window's) to keep each traceback; returns an uninstaller."""
    inner = sys.excepthook

    def hook(exc_type, exc, tb) -> None:
        findings.unhandled.append("".join(
            traceback.format_exception(exc_type, exc, tb)).rstrip())
        inner(exc_type, exc, tb)

    sys.excepthook = hook

    def uninstall() -> None:
        if sys.excepthook is hook:
            sys.excepthook = inner

    return uninstall


@contextlib.contextmanager
def monkey_window(seed: int = 1, sizes: tuple[tuple[int, int], ...] = SIZES
                  ) -> Iterator[Monkey]:
    """A built window with a monkey on it, its errors recorded; disposed of afterwards."""
    from kiosk.ui.app import ensure_app

    ensure_app()
    findings = Findings()
    # The window logs and recovers from errors itself: the log handler counts its error lines
    # and the excepthook wrapper counts the exceptions that reached it.
    with watching(findings):
        window = build(sizes[0])
        uninstall = install_error_recorder(window, findings)
        try:
            yield Monkey(window, seed=seed, sizes=sizes, findings=findings)
        finally:
            uninstall()
            dispose(window)


def run_monkey(actions: int, seed: int = 1, sizes: tuple[tuple[int, int], ...] = SIZES,
               warm_up_actions: int = 30, segment: int = 250,
               progress: Callable[[Monkey], None] | None = None) -> Report:
    """Build a window, warm it up, run ``actions`` monkey actions, dispose of it; the report."""
    with monkey_window(seed, sizes) as monkey:
        monkey.warm_up(warm_up_actions)
        return monkey.run(actions, segment=segment, progress=progress)


def parse_sizes(text: str) -> tuple[tuple[int, int], ...]:
    return tuple((int(w), int(h)) for w, h in (part.split("x") for part in text.split(",")))


def isolate_dirs() -> None:
    """Keep the kiosk's data and caches out of the user's home for a command-line run."""
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="kiosk-monkey-"))
    os.environ.setdefault("KIOSK_DATA_DIR", str(root / "data"))
    os.environ.setdefault("KIOSK_CACHE_DIR", str(root / "cache"))
    os.environ.setdefault("XDG_CONFIG_HOME", str(root / "config"))


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Seeded monkey test of the kiosk window.")
    parser.add_argument("--actions", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sizes", type=parse_sizes, default=SIZES,
                        help="comma-separated WxH (default: 1920x1080,1080x1920,1280x800)")
    parser.add_argument("--max-growth-mb", type=float, default=10.0)
    args = parser.parse_args(argv)
    isolate_dirs()
    report = run_monkey(args.actions, seed=args.seed, sizes=args.sizes)
    print(report.summary())
    ok = report.clean(args.max_growth_mb)
    print("result:", "PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
