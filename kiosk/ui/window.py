"""The main window: the bar, the screen stack, lockdown and recovery.

Screens come from the registry (kiosk/ui/screens/registry.py), the Back history
from navigation.py, the idle clock from session.py, taps and the staff gesture from
activity.py and the staff report from staff_report.py. The window wires them
together; it does no parsing or file I/O in slots beyond asking the core for
already-loaded data.
"""

from __future__ import annotations

import logging
import sys
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QApplication, QStackedWidget, QVBoxLayout, QWidget

from kiosk import sdnotify
from kiosk.content import Pack, Page, load_pack
from kiosk.content.review import visible_pages
from kiosk.settings import Settings, kiosk_name
from kiosk.ui import theme
from kiosk.ui.access.names import set_name
from kiosk.ui.activity import ActivityWatcher
from kiosk.ui.collector import pin_collection_to_ui_thread
from kiosk.ui.i18n import N_, set_staff_language, tr_staff
from kiosk.ui.navigation import HOME, Entry, History
from kiosk.ui.screens.base import DataChange, Screen, ScreenName
from kiosk.ui.screens.registry import EAGER, SCREENS
from kiosk.ui.services import UsageCounts
from kiosk.ui.session import FreshStart, IdleSession, clear_screens
from kiosk.ui.staff_report import Report, Section, build_dashboard, build_report
from kiosk.ui.state import KioskState
from kiosk.ui.touch import min_target_px
from kiosk.ui.widgets.topbar import TopBar
from kiosk.ui.workers import Task, file_pool, release_free_heap

if TYPE_CHECKING:
    from kiosk.ui.overlays import AttractOverlay, IdleOverlay, Overlay, PinOverlay
    from kiosk.ui.screens.home import HomeScreen
    from kiosk.ui.screens.locator import LocatorScreen
    from kiosk.ui.screens.page import PageScreen
    from kiosk.ui.screens.simple import HelpScreen, MessageScreen, QuickHideScreen
    from kiosk.ui.screens.staff import StaffScreen
    from kiosk.ui.speech import Speaker

log = logging.getLogger("kiosk.ui")
OverlayT = TypeVar("OverlayT", bound=QWidget)

# Hidden screens take a new look one at a time, in the pauses between taps: the first
# a little after the tap (a second quick tap of Text size is not kept waiting), then
# one per step. Each costs a few milliseconds to 15 ms of the UI thread.
RESTYLE_FIRST_MS = 300
RESTYLE_STEP_MS = 60
ERROR_LIMIT = 3
DISPOSE_WAIT_MS = 2000
CONTENT_LOAD_TIMEOUT_MS = 120_000  # a load that hangs (a FIFO, a stuck share) is reported
ERROR_WINDOW_SECONDS = 60.0


class MainWindow(QWidget):
    """The whole kiosk. Build it with :func:`kiosk.ui.app.build_window`."""

    reset_done = Signal()
    fresh_start_due = Signal()  # run_kiosk ends its event loop with 0; systemd starts it again

    def __init__(self, settings: Settings, pack: Pack, *, windowed: bool,
                 log_file: Path | None = None, stats: UsageCounts | None = None,
                 pack_loader: Callable[[Path | None], Pack] = load_pack) -> None:
        super().__init__()
        self.setObjectName("MainWindow")
        self.setWindowTitle(kiosk_name(settings.kiosk, settings.kiosk.default_language))
        set_name(self, N_("Kiosk"))  # renamed at a language change (kiosk/ui/access)
        self.settings = settings
        self.pack = pack
        self.windowed = windowed
        self.log_file = log_file
        self.stats = stats
        self._pack_loader = pack_loader
        self._visible: list[Page] = []
        self._visible_key: tuple[Pack, str] | None = None
        # Content rendered on a worker (start-up, staff Reload): see load_content.
        self._content_task: Task | None = None
        self._loaded_pack: Pack | None = None  # rendered at start, waiting for the next reset
        self._reloading = False
        self.content_note = ""  # the last start-up load or Reload, for the staff screen
        self.state = KioskState(settings, self)
        # Widgets made before their screen is fitted take the application font's size.
        theme.set_default_text_px(self.state.shape_px)
        set_staff_language(settings.staff.language)
        self.history = History()
        self._errors: deque[float] = deque(maxlen=ERROR_LIMIT)
        self._allow_close = False
        self._uninstall_hook: Callable[[], None] = lambda: None
        self._announce: Callable[[str], None] = lambda _text: None  # until access is built
        self._lockdown = not windowed
        if self._lockdown:
            # Before anything is polished: changing flags later recreates the window.
            self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)

        self.bar = TopBar()
        # The window paints its own background (paintEvent): a palette set on the window
        # would reach every widget of every screen at each Contrast tap.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self._background = QColor("#ffffff")
        self._qss = ""
        self._sheets: dict[tuple[str, int, int], str] = {}  # by theme, shape px, target px
        self._look: tuple[str, int] = ("", 0)
        # After a Text size or Contrast tap the screens not on show are restyled in the
        # pauses that follow, one per step, so the next screen shown does not pay for it.
        self._restyle = QTimer(self)
        self._restyle.setSingleShot(True)
        self._restyle.timeout.connect(self._restyle_one)
        self.stack = QStackedWidget()
        self.speaker: Speaker | None = None  # read-aloud, made with the reader or help
        # Only Home is built before the first paint; the other screens are built on
        # first use or just after start-up (see warm_up), which keeps start-up fast.
        self.screens: dict[ScreenName, Screen] = {}

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.bar)
        layout.addWidget(self.stack, 1)

        # Overlays are built on first use or in warm_up, like the other screens.
        self._idle_overlay: IdleOverlay | None = None
        self._attract: AttractOverlay | None = None
        self._pin_pad: PinOverlay | None = None

        self.session = IdleSession(settings.kiosk.idle_timeout_seconds, paused=self._overlay_open,
                                   speaking=self._speaking, parent=self)
        self.session.idle.connect(self._on_idle)
        self.fresh_start = FreshStart(settings.kiosk.fresh_start_hours, supervised=sdnotify.supervised())
        self.watcher = ActivityWatcher(self, settings.staff.exit_gesture_seconds)
        self.watcher.activity.connect(self.session.on_activity)
        app = QApplication.instance()
        if app is not None:  # full collections wait while a patient is tapping
            self.watcher.activity.connect(pin_collection_to_ui_thread(app).note_activity)
        self.watcher.corner_held.connect(self._on_corner_held)
        # The application-wide filter goes in after the first paint (see paintEvent):
        # installed now, it would see every event of building and painting the
        # window, and wrapping each for Python cost ~50 ms of start-up.
        self._watch_scheduled = False
        self.watching = False  # True once taps and touches count as activity

        self.updates = None
        if settings.content.dir is not None or settings.locator.clinics is not None:
            from kiosk.ui.updates import LiveUpdates

            self.updates = LiveUpdates(settings, self)

        self.home = cast("HomeScreen", self._built(EAGER))
        self._connect()
        self._apply_appearance()
        self._load_pages()
        self._show(HOME, push=False)
        self.session.restart()
        if windowed:
            from PySide6.QtGui import QKeySequence, QShortcut  # ~4 ms of enums: windowed only

            quit_shortcut = QShortcut(QKeySequence("Ctrl+Q"), self)
            quit_shortcut.activated.connect(self.exit_kiosk)

    # --- the Host the screens are wired to (see screens/registry.py) ---------------------

    def voice(self) -> Speaker:
        """The one read-aloud engine, shared by the reader and Get help now."""
        if self.speaker is None:
            from kiosk.ui.speech import Speaker

            self.speaker = Speaker.create(parent=self)
            self.speaker.state_changed.connect(self.session.on_speaking)
        return self.speaker

    def kiosk_name(self) -> str:
        return kiosk_name(self.settings.kiosk, self.state.language)

    def announce(self, text: str) -> None:
        """Say ``text`` through speech output by keys, if it is on (set_announcer)."""
        self._announce(text)

    def set_announcer(self, say: Callable[[str], None]) -> None:
        """The access controller's voice (kiosk/ui/access), once it is built."""
        self._announce = say

    def count(self, event: str, key: str = "") -> None:
        """Add to the anonymous usage counts, if they are on; never fails a patient's tap."""
        if self.stats is not None:
            self.stats.count(event, key)

    # --- screens, built on first use -------------------------------------------------

    def screen_named(self, name: ScreenName) -> Screen:
        """The screen ``name``, built (and styled) on first use."""
        return self._style(self._built(name))

    def _built(self, name: ScreenName) -> Screen:
        screen = self.screens.get(name)
        if screen is None:
            screen = SCREENS[name].build(self)
            self.screens[name] = screen
            self.stack.addWidget(screen)
        return screen

    def _style(self, screen: Screen) -> Screen:
        """Give ``screen`` the current theme and text size if it has not got them yet.

        The window itself has no stylesheet: restyling it would re-polish every
        widget of every built screen (~150 ms once all are built) on each tap
        of Text size or Contrast. Only what is on show is restyled at once; other
        screens are restyled here, just before they are next used.
        """
        if screen.look != self._look:
            if screen.sheet != self._qss:  # Contrast, or a new screen: Qt polishes it anew
                screen.sheet = self._qss
                screen.apply_style(self._qss)
            if screen.look[1] != self._look[1]:  # Text size: new fonts, the sheet stays
                screen.apply_text_size(self._look[1])
            screen.look = self._look
            screen.set_appearance(*self._look)
        return screen

    @property
    def reader(self) -> PageScreen:
        return cast("PageScreen", self.screen_named(ScreenName.PAGE))

    @property
    def help(self) -> HelpScreen:
        return cast("HelpScreen", self.screen_named(ScreenName.HELP))

    @property
    def hidden(self) -> QuickHideScreen:
        return cast("QuickHideScreen", self.screen_named(ScreenName.HIDDEN))

    @property
    def staff(self) -> StaffScreen:
        return cast("StaffScreen", self.screen_named(ScreenName.STAFF))

    @property
    def error_screen(self) -> MessageScreen:
        return cast("MessageScreen", self.screen_named(ScreenName.ERROR))

    @property
    def locator(self) -> LocatorScreen | None:
        """The locator screen if it has been built (it is the costliest to build)."""
        return cast("LocatorScreen | None", self.screens.get(ScreenName.LOCATOR))

    # --- overlays, built on first use ------------------------------------------------

    @property
    def pin_pad(self) -> PinOverlay:
        if self._pin_pad is None:
            from kiosk.ui.overlays import PinOverlay

            self._pin_pad = PinOverlay(self, self.settings.staff.pin_hash, staff_lockout())
            self._pin_pad.accepted.connect(self.open_staff)
        return self._style_overlay(self._pin_pad)

    @property
    def idle_overlay(self) -> IdleOverlay:
        if self._idle_overlay is None:
            from kiosk.ui.overlays import IdleOverlay

            self._idle_overlay = IdleOverlay(self, self.settings.kiosk.idle_warning_seconds)
            self._idle_overlay.still_here.connect(self.session.restart)
            self._idle_overlay.expired.connect(self._on_idle_expired)
        return self._style_overlay(self._idle_overlay)

    @property
    def attract(self) -> AttractOverlay:
        if self._attract is None:
            from kiosk.ui.overlays import AttractOverlay

            self._attract = AttractOverlay(self, self.kiosk_name())
            self._attract.woken.connect(self.session.restart)
        return self._style_overlay(self._attract)

    def built_attract(self) -> AttractOverlay | None:
        """The start screen if it has been built (``attract`` builds it), else None."""
        return self._attract

    def built_idle_overlay(self) -> IdleOverlay | None:
        """The idle warning if it has been built (``idle_overlay`` builds it), else None."""
        return self._idle_overlay

    @property
    def overlays(self) -> list[Overlay]:
        """The overlays built so far."""
        built = [self._idle_overlay, self._attract, self._pin_pad]
        return [overlay for overlay in built if overlay is not None]

    def _style_overlay(self, overlay: OverlayT) -> OverlayT:
        """Overlays, like screens, take a new look when next used (see _style)."""
        if overlay.styleSheet() != self._qss:
            overlay.setStyleSheet(self._qss)
        if overlay.property("text_px") != self._look[1]:
            overlay.setProperty("text_px", self._look[1])
            theme.fit_text(overlay, self._look[1])
        return overlay

    def _overlay_styled(self, overlay: Overlay) -> bool:
        return (overlay.styleSheet() == self._qss
                and overlay.property("text_px") == self._look[1])

    def _overlay_open(self) -> bool:
        return any(overlay.isVisible() for overlay in (self._idle_overlay, self._attract)
                   if overlay is not None)

    def warm_up(self) -> None:
        """Build the screens not yet shown, so the first tap on each is as fast as the rest."""
        for name, spec in SCREENS.items():
            if spec.warm:
                self.screen_named(name)
        # The overlays too, so the first idle warning shows at once.
        for overlay in (self.idle_overlay, self.attract):
            overlay.ensurePolished()
        self.reader.resize(self.stack.size())
        self.reader.prepare(self.pages(), self.pack.glossary(self.state.language))

    def _connect(self) -> None:
        bar = self.bar
        bar.home.connect(self.go_home)
        bar.back.connect(self.go_back)
        bar.help.connect(self.open_help)
        bar.text_size.connect(self.state.cycle_text_step)
        bar.contrast.connect(self.state.toggle_theme)
        bar.language.connect(lambda: self.state.set_language(self.state.next_language()))
        bar.quick_hide.connect(self.quick_hide)
        self.state.language_changed.connect(self._on_language_changed)
        self.state.appearance_changed.connect(self._apply_appearance)

    def _load_pages(self) -> None:
        self.home.set_pages(self.pages())

    # --- content ----------------------------------------------------------

    def pages(self) -> list[Page]:
        """The pages a patient may see now: under ``[content] show = "reviewed"`` only those
        whose review holds, and Get help now always (kiosk.content.review)."""
        key = (self.pack, self.state.language)
        if self._visible_key != key:
            lang = self.state.language
            self._visible = visible_pages(self.pack.pages(lang), self.pack.glossary(lang),
                                          self.settings.content.show)
            self._visible_key = key
        return self._visible

    def sequence(self) -> list[Page]:
        """The pages Previous / Next walk through, in pack order."""
        return [p for p in self.pages() if p.kind in ("article", "list")]

    def _page(self, page_id: str) -> Page | None:
        """The page ``page_id`` if a patient may see it (a page: link to a hidden page is dead)."""
        page = self.pack.page(self.state.language, page_id)
        if page is None or self.settings.content.show == "all":
            return page
        return page if visible_pages([page], self.pack.glossary(page.lang),
                                     self.settings.content.show) else None

    # --- navigation -------------------------------------------------------

    @property
    def current(self) -> Entry:
        """Where the patient is."""
        return self.history.current

    def current_screen(self) -> Screen:
        return cast(Screen, self.stack.currentWidget())

    def _show(self, entry: Entry, push: bool = True) -> None:
        if self.speaker is not None:
            self.speaker.stop()
        previous = cast("Screen | None", self.stack.currentWidget())
        self.history.go(entry, remember=push)
        # Focus goes back to the window: left on a button of the screen being left,
        # Qt would hand it to a button of the next one, and on a touchscreen a focus
        # ring looks like a selection. (A screen may still focus its own default.)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        screen = self._style(self._screen_for(entry))
        if previous is not screen and previous is not None:
            previous.leave()
        self.stack.setCurrentWidget(screen)
        self.bar.back_button.setEnabled(bool(self.history))
        self.bar.setVisible(SCREENS[entry.screen].top_bar)
        if entry.screen is ScreenName.PAGE:
            self.count("page_view", entry.page_id)

    def _screen_for(self, entry: Entry) -> Screen:
        """The screen that shows ``entry``; a page's kind picks the reader, help or finder."""
        if entry.screen is ScreenName.PAGE:
            page = self._page(entry.page_id)
            if page is None:
                return self.home
            if page.kind == "help":
                self.help.show_page(page)
                return self.help
            if page.kind == "locator":
                return self.screen_named(ScreenName.LOCATOR)
            sequence = self.sequence()
            index = next((i for i, p in enumerate(sequence) if p.id == page.id), -1)
            self.reader.show_page(page, index, len(sequence), self.pack.glossary(page.lang))
            return self.reader
        if entry.screen is ScreenName.HELP:
            self.help.show_page(next((p for p in self.pages() if p.kind == "help"), None))
            return self.help
        return self.screen_named(entry.screen)

    def open_page(self, page_id: str) -> None:
        if self._page(page_id) is None:
            log.warning("link to a page that does not exist: %s", page_id)
            return
        self._show(Entry(ScreenName.PAGE, page_id))

    def open_help(self) -> None:
        self._show(Entry(ScreenName.HELP))

    def open_locator(self) -> None:
        self._show(Entry(ScreenName.LOCATOR))

    def quick_hide(self) -> None:
        self._show(Entry(ScreenName.HIDDEN))

    def go_home(self) -> None:
        self.history.clear()
        self._show(HOME, push=False)

    def go_back(self) -> None:
        entry = self.history.back()
        if entry is None:
            self.go_home()
            return
        self._show(entry, push=False)

    def step(self, delta: int) -> None:
        """Previous (-1) or next (+1) page in the reading sequence."""
        if self.current.screen is not ScreenName.PAGE:
            return
        ids = [p.id for p in self.sequence()]
        if self.current.page_id not in ids:
            return
        index = ids.index(self.current.page_id) + delta
        if 0 <= index < len(ids):
            self._show(Entry(ScreenName.PAGE, ids[index]))

    # --- appearance and language ----------------------------------------------

    def _apply_appearance(self) -> None:
        px = self.state.text_px
        self._look = (self.state.theme, px)
        # The sheet follows Contrast and the settings' text scale, not the Text size step.
        key = (self.state.theme, self.state.shape_px, min_target_px(self.screen()))
        if key not in self._sheets:
            self._sheets[key] = theme.stylesheet(*key)
        self._qss = self._sheets[key]
        colors = theme.palette(self.state.theme)
        if self._background != QColor(colors.window):
            self._background = QColor(colors.window)
            # Through the children that cover the window: they repaint it beneath them in
            # one pass. update() on the (opaque) window itself made Qt paint the whole
            # window twice on every Contrast tap, once as a widget, once as the root.
            self.bar.update()
            self.stack.update()
        # The application font, what a widget made after its screen was fitted shows until
        # it is fitted: the first step's size, changed only with the settings' text scale.
        # (Changed at every Text size tap, it sent a font change to every widget of every
        # screen: 9 ms of the tap on the clinic results.)
        theme.set_default_text_px(self.state.shape_px)
        self.bar.set_style(self._qss, px, theme.pad_px(self.state.shape_px))
        for overlay in self.overlays:
            if overlay.isVisible():
                self._style_overlay(overlay)
        self._style(cast("Screen | None", self.stack.currentWidget()) or self.home)
        self.bar.set_state(self.state.text_step, self._other_language())
        for overlay in self.overlays:
            overlay.retranslate()
        self._restyle.start(RESTYLE_FIRST_MS)

    def _restyle_one(self) -> None:
        """Give one screen (or overlay) out of sight the current look; again later if more wait."""
        screens = [screen for screen in self.screens.values() if screen.look != self._look]
        overlays = [overlay for overlay in self.overlays if not self._overlay_styled(overlay)]
        if screens:
            self._style(screens[0])
        elif overlays:
            self._style_overlay(overlays[0])
        if len(screens) + len(overlays) > 1:
            self._restyle.start(RESTYLE_STEP_MS)

    def _other_language(self) -> str | None:
        langs = [lang for lang in self.state.languages if lang in self.pack.languages]
        return self.state.next_language() if len(langs) > 1 else None

    def _on_language_changed(self, code: str) -> None:
        self.count("language", code)
        self.bar.set_state(self.state.text_step, self._other_language())
        self.home.set_kiosk_name(self.kiosk_name())
        if self._attract is not None:
            self._attract.set_kiosk_name(self.kiosk_name())
        # The window's title is what a screen reader names the window: in the language
        # shown (Quick hide keeps its neutral title and gives this one back when left).
        hidden = cast("QuickHideScreen | None", self.screens.get(ScreenName.HIDDEN))
        if hidden is None or not hidden.keep_title(self.kiosk_name()):
            self.setWindowTitle(self.kiosk_name())
        self._load_pages()
        for screen in self.screens.values():
            screen.retranslate()
        for overlay in self.overlays:
            overlay.retranslate()
        # Keep the patient where they are, now in the other language.
        self._show(self.current, push=False)

    # --- idle and reset -----------------------------------------------------

    def _speaking(self) -> bool:
        return self.speaker is not None and self.speaker.is_speaking()

    def _on_idle(self) -> None:
        if self.speaker is not None:
            self.speaker.stop()
        self.idle_overlay.open()

    def _on_idle_expired(self) -> None:
        self.reset_session()
        self.attract.open()
        if self.fresh_start.due():
            log.info("starting afresh after %.0f hours, with nobody at the kiosk "
                     "([kiosk] fresh_start_hours = %d); systemd starts it again",
                     self.fresh_start.hours_running(), self.fresh_start.hours)
            self.fresh_start_due.emit()

    def reset_session(self) -> None:
        """End the session: what it clears is listed in kiosk/ui/session.py."""
        log.info("session reset")
        self.count("idle_reset")
        if self.speaker is not None:
            self.speaker.stop()
        if self._idle_overlay is not None:
            self._idle_overlay.close_overlay()
        if self._pin_pad is not None:
            self._pin_pad.hide()
        self.state.reset()
        clear_screens(self.screens.values())
        self._apply_updates()
        self.history.clear()
        self._show(HOME, push=False)
        self.session.restart()
        release_free_heap()  # what the session built and dropped goes back to the system
        self.reset_done.emit()

    def _data_changed(self, change: DataChange) -> None:
        for screen in self.screens.values():
            screen.on_data_changed(change)
        if change is DataChange.CONTENT:
            self._load_pages()

    def _apply_updates(self) -> None:
        """Switch to validated new content or clinic data: only here, between sessions."""
        if self._loaded_pack is not None:
            loaded, self._loaded_pack = self._loaded_pack, None
            self._switch_pack(loaded)
        if self.updates is None:
            return
        pack = self.updates.take_pack()
        if pack is not None:
            log.info("new content is live (version %s)", pack.version)
            self.pack = pack
            self._data_changed(DataChange.CONTENT)
        if self.updates.take_clinics():
            log.info("new clinic data is live")
            self._data_changed(DataChange.DIRECTORY)

    # --- staff ------------------------------------------------------------

    def _on_corner_held(self) -> None:
        if self.settings.staff.pin_hash:
            self.pin_pad.open()
        elif self.windowed:
            log.info("staff screen opened without a PIN (windowed, no [staff] pin_hash)")
            self.open_staff()
        else:
            log.info("staff gesture ignored: no [staff] pin_hash is set")

    def open_staff(self) -> None:
        locator = cast("LocatorScreen", self.screen_named(ScreenName.LOCATOR))  # its figures
        if not locator.is_loaded():
            locator.loaded.connect(self._refresh_staff, Qt.ConnectionType.SingleShotConnection)
        else:
            self.staff.check_listings(locator.directory, self.settings.locator)
        self.staff.show_report(self.staff_dashboard())
        self._show(Entry(ScreenName.STAFF))

    def _refresh_staff(self) -> None:
        if self.current.screen is ScreenName.STAFF:
            self.staff.show_report(self.staff_dashboard())
            locator = self.locator
            if locator is not None and locator.directory is not None:
                self.staff.check_listings(locator.directory, self.settings.locator)

    def staff_report(self) -> list[Section]:
        """The staff report as headed lists of plain lines."""
        return build_report(self.settings, self.pack, screens=self.screens.values(),
                            stats=self.stats, updates=self.updates, voice=self.speaker,
                            log_file=self.log_file, content_note=self.content_note)

    # --- content rendered on a worker ---------------------------------------------

    def load_content(self) -> None:
        """Render the configured content folder on a worker (start-up); the kiosk keeps
        showing what it has. The result goes live at once if no patient has started,
        else at the next reset."""
        self._reloading = False
        self._content_worker().start(self._pack_loader, self.settings.content.dir)

    def loading_content(self) -> bool:
        return self._content_task is not None and self._content_task.busy()

    def wait_for_content(self, timeout_ms: int = CONTENT_LOAD_TIMEOUT_MS) -> bool:
        """Run the event loop until the content load started by ``load_content`` has
        finished (scripts, tests, screenshots); False if it is still running."""
        from PySide6.QtCore import QDeadlineTimer, QEventLoop

        deadline = QDeadlineTimer(timeout_ms)
        app = QApplication.instance()
        while self.loading_content() and not deadline.hasExpired() and app is not None:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
        return not self.loading_content()

    def _content_worker(self) -> Task:
        if self._content_task is None:
            self._content_task = Task(self, timeout_ms=CONTENT_LOAD_TIMEOUT_MS)
            self._content_task.setObjectName("content load")
            self._content_task.returned.connect(self._on_content_loaded)
            self._content_task.errored.connect(self._on_content_failed)
        return self._content_task

    def _on_content_loaded(self, result: object) -> None:
        from kiosk.ui.updates import Checked

        stamp = f"{time.strftime('%H:%M:%S')}"
        if isinstance(result, Checked):  # staff Reload: refused whole on any page error
            if result.pack is None:
                self.content_note = tr_staff(
                    "Reload refused at {time}: {reason}. The current content keeps serving.",
                    time=stamp, reason=result.reason_for_staff())
                log.warning("content reload refused: %s", result.reason)
            else:
                self.content_note = tr_staff("Reloaded at {time}.", time=stamp)
                self._switch_pack(result.pack)
            self._data_changed(DataChange.DIRECTORY)
            self._refresh_staff()
            return
        pack = cast(Pack, result)
        for problem in pack.problems:
            log.warning("content problem: %s", problem)
        self.content_note = tr_staff("Content rendered at {time} (version {version}).",
                                     time=stamp, version=pack.version)
        if self.current.screen is ScreenName.HOME and not self.history:
            self._switch_pack(pack)  # nobody has started reading: at once
        else:
            self._loaded_pack = pack  # mid-session: never under the patient
        self._refresh_staff()

    def _on_content_failed(self, exc: object) -> None:
        failed = (N_("Reload failed at {time}: {error}. The current content keeps serving.")
                  if self._reloading else
                  N_("Rendering the content failed at {time}: {error}. The current content "
                     "keeps serving."))
        self.content_note = tr_staff(failed, time=time.strftime("%H:%M:%S"),
                                     error=f"{exc.__class__.__name__}: {exc}")
        log.error("content load failed: %s", exc)
        self._refresh_staff()

    def _switch_pack(self, pack: Pack) -> None:
        log.info("content is live (version %s)", pack.version)
        self.pack = pack
        self._data_changed(DataChange.CONTENT)

    def staff_dashboard(self) -> Report:
        """The staff report as the staff screen lays it out."""
        return build_dashboard(self.settings, self.pack, screens=self.screens.values(),
                               stats=self.stats, updates=self.updates, voice=self.speaker,
                               log_file=self.log_file, content_note=self.content_note)

    def reload_data(self) -> None:
        """Staff Reload: validate and render on a worker; a pack with any page error, or a
        missing folder, is refused and the current content keeps serving."""
        from kiosk.ui.updates import check_content

        self._reloading = True
        self.content_note = tr_staff("Reloading...")
        if self.settings.content.dir is None:
            self._content_worker().start(_checked_builtin)
        else:
            self._content_worker().start(check_content, self.settings.content.dir)
        self.staff.show_report(self.staff_dashboard())

    def exit_kiosk(self) -> None:
        self._allow_close = True
        self.close()
        app = QApplication.instance()
        if app is not None:
            app.quit()

    def catch_exceptions(self) -> None:
        """Route uncaught exceptions (Qt slots included) to this window until ``dispose``."""
        self._uninstall_hook()
        self._uninstall_hook = install_excepthook(self)

    def stop(self) -> None:
        """What must happen before the process ends: speech stopped (a speech process
        would talk on), the exception hook removed. The kiosk calls this and then ends
        the process; closing every widget one by one would only cost time (~7 ms)."""
        if self.speaker is not None:
            self.speaker.stop()
        self._uninstall_hook()
        self._uninstall_hook = lambda: None

    def dispose(self) -> None:
        """Close for good in a process that goes on (tests, screenshots): stopped as by
        :meth:`stop`, lockdown lifted, the window closed, and the staff-file jobs already
        running given a moment to end (a content check finishing later wrote its cache
        into whatever cache folder the process had by then: the next test's)."""
        self.stop()
        self._allow_close = True
        self.close()
        file_pool().waitForDone(DISPOSE_WAIT_MS)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt name)
        painter = QPainter(self)
        painter.fillRect(event.rect(), self._background)
        painter.end()
        if not self._watch_scheduled:
            self._watch_scheduled = True
            QTimer.singleShot(0, self._watch_activity)

    def _watch_activity(self) -> None:
        # On the application, not only the window's QWindow: input a test (or a tool)
        # sends to a widget directly counts too. Measured: the filter costs 0.2-0.4 ms of
        # a tap and ~2 ms of a restyle (tests/test_bench_ui_taps.py, UI-thread CPU).
        app = QApplication.instance()
        if app is not None and self.isVisible():
            app.installEventFilter(self.watcher)
            self.watching = True

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        # No control starts focused: on a touchscreen a focus ring looks like a selection.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- lockdown -----------------------------------------------------------

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if self._lockdown and not self._allow_close:
            event.ignore()
            return
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.watcher)
        self.session.stop()
        if self.updates is not None:
            self.updates.stop()
        if self._content_task is not None:
            self._content_task.cancel()
        super().closeEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if self._lockdown and event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F4, Qt.Key.Key_Q):
            event.accept()
            return
        super().keyPressEvent(event)

    # --- never dies ---------------------------------------------------------

    def handle_exception(self, exc_type, exc, tb) -> None:
        """Log an error from a slot, then go Home; three within a minute show a calm error screen."""
        log.error("error in the user interface", exc_info=(exc_type, exc, tb))
        self.count("error")
        now = time.monotonic()
        self._errors.append(now)
        try:
            if self._idle_overlay is not None:
                self._idle_overlay.close_overlay()
            if self._pin_pad is not None:
                self._pin_pad.hide()
            if len(self._errors) == ERROR_LIMIT and now - self._errors[0] <= ERROR_WINDOW_SECONDS:
                self.history.clear()
                self._show(Entry(ScreenName.ERROR), push=False)
            else:
                self.go_home()
        except Exception:  # the recovery itself failed: leave the screen as it is
            log.exception("could not recover to Home")

    def recover_home(self) -> None:
        """Home from the error screen: the error count starts again."""
        self._errors.clear()
        self.go_home()


def _checked_builtin():
    """The built-in pack as a Reload result (on a worker)."""
    from kiosk.ui.updates import Checked

    return Checked(load_pack(None), "")


def staff_lockout():
    """The wrong-PIN counts, kept in the data folder (in memory when there is none)."""
    from kiosk import paths
    from kiosk.pin import StaffLockout

    try:
        folder = paths.data_dir()
    except paths.NoHomeFolder as exc:
        log.warning("staff lockout kept in memory only: %s", exc)
        folder = None
    return StaffLockout(folder)


def install_excepthook(window: MainWindow) -> Callable[[], None]:
    """Route uncaught exceptions (Qt slots included) to the window; returns an uninstaller."""
    previous = sys.excepthook

    def hook(exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            previous(exc_type, exc, tb)
            return
        window.handle_exception(exc_type, exc, tb)

    sys.excepthook = hook

    def uninstall() -> None:
        if sys.excepthook is hook:
            sys.excepthook = previous

    return uninstall
