"""Keys for everything, the focus ring, speech-output mode and the privacy screen.

One application-wide event filter (installed after the first paint, like the
activity watcher) turns key presses into actions from the key map, notes whether
the last input was a key or a touch, and speaks in speech-output mode. It never
takes a Ctrl, Alt or Meta combination, so the window's lockdown (Escape, Alt+F4,
Ctrl+Q ignored in fullscreen) is untouched. Nothing spoken is logged or kept past
the session: Repeat's memory is forgotten at the idle reset.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QTextCursor
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLabel,
    QStackedWidget,
    QTextBrowser,
    QWidget,
)

from kiosk.keynames import Action
from kiosk.settings import speech_idle_timeout
from kiosk.ui.access import describe as words
from kiosk.ui.access import names
from kiosk.ui.access.focus import (
    CARD,
    FocusRing,
    InputMode,
    focusable,
    follow,
    grid_cells,
    grid_step,
    label_links,
    links,
    reading_order,
)
from kiosk.ui.access.keys import KeyMap, digit, is_keypad
from kiosk.ui.access.names import set_name
from kiosk.ui.i18n import N_, tr

if TYPE_CHECKING:
    from kiosk.ui.speech import Speaker
    from kiosk.ui.widgets.keypad import Keypad
    from kiosk.ui.window import MainWindow

log = logging.getLogger("kiosk.access")

POINTER_EVENTS = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin,
                            QEvent.Type.TabletPress})
HINT_DELAY_MS = 1000
# Actions a held key repeats; the others act once per press.
REPEATING = frozenset({"move_up", "move_down", "move_left", "move_right", "next", "previous",
                       "volume_up", "volume_down"})
LINK_PROPERTY = "accessLink"  # index of the link the keys are on, in a text or label
ENTER_KEYS = frozenset({Qt.Key.Key_Return.value, Qt.Key.Key_Enter.value})


GridAxis = Literal["", "rows", "columns"]


def _rows(event: QKeyEvent) -> GridAxis:
    """The arrows Up and Down (keypad 8 and 2) move by row in a grid: they come with Left and
    Right beside them. Any other key for the move (Tab, or the one or two move buttons of a
    small tactile controller) goes one control at a time, so every control is reached."""
    key = event.key()
    if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) or (
            is_keypad(event) and key in (Qt.Key.Key_8, Qt.Key.Key_2)):
        return "rows"
    return ""

class PrivacyScreen(QWidget):
    """Blanks the whole window (ADA 707.4); speech and keys go on underneath."""

    tapped = Signal()

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("PrivacyScreen")
        set_name(self, N_("Screen off"))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide()

    def cover(self) -> None:
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt name)
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#000000"))
        painter.end()

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt name)
        # A sighted helper who taps the dark screen gets it back.
        event.accept()
        self.tapped.emit()


class Access(QObject):
    """Keyboard, keypad and speech access to one kiosk window (see :func:`install`)."""

    speech_changed = Signal(bool)
    action_done = Signal(str)  # the action name, after it has been carried out

    def __init__(self, window: MainWindow, keymap: KeyMap | None = None,
                 speech_idle_seconds: int | None = None) -> None:
        super().__init__(window)
        self.setObjectName("Access")
        self.window = window
        settings = window.settings
        self.keymap = keymap or KeyMap.from_settings(settings.keys.overrides())
        self.normal_idle_seconds = settings.kiosk.idle_timeout_seconds
        self.speech_idle_seconds = speech_idle_seconds or speech_idle_timeout(settings)
        self.mode = InputMode(self)
        self.ring = FocusRing(window)
        self.privacy = PrivacyScreen(window)
        self.privacy.tapped.connect(self.toggle_privacy)
        self.speech_on = False
        self.active = False  # True once it reads the application's events
        self._place_key: tuple = ()
        self._place: words.Place | None = None
        self._part = 0
        self._check_pending = False
        self._audio = False  # a voice can speak: Home and the start screen say how to start it
        self._handlers: dict[Action, Callable[[QKeyEvent], None]] = {
            "move_up": lambda e: self.move(-1, grid=_rows(e)),
            "move_down": lambda e: self.move(1, grid=_rows(e)),
            "move_left": lambda e: self.move(-1, lists=False, grid="columns"),
            "move_right": lambda e: self.move(1, lists=False, grid="columns"),
            "next": lambda e: self.read_part(1), "previous": lambda e: self.read_part(-1),
            "select": self._select, "back": lambda e: self.back(),
            "home": lambda e: self.window.go_home(), "help": lambda e: self.window.open_help(),
            "repeat": lambda e: self.repeat(), "speech": lambda e: self.toggle_speech(),
            "volume_up": lambda e: self.change_volume(1),
            "volume_down": lambda e: self.change_volume(-1),
            "privacy": lambda e: self.toggle_privacy(), "more_time": lambda e: self.more_time(),
        }
        window.reset_done.connect(self._on_reset)
        window.stack.currentChanged.connect(lambda _i: self._schedule_check())
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._on_focus_changed)
        # The screens retranslate their texts; the names screen readers hear follow here.
        window.state.language_changed.connect(lambda _code: names.retranslate(self.window))

    # --- events -------------------------------------------------------------------

    def activate(self) -> None:
        """Start watching the application's events (after the first paint, like the activity watcher)."""
        if not self.active:
            self.window.watcher.put_first(self.on_event)
            self.window.set_announcer(self.say)  # what screens ask to be said (speech on)
            self.active = True
            self._refresh_place()
            # After the window's warm-up has made the voice (a Qt engine can take seconds).
            QTimer.singleShot(HINT_DELAY_MS, self, self.show_hints)

    def on_event(self, watched: QObject, event: QEvent, kind: QEvent.Type) -> bool:
        """Every event of the application, from the window's activity watcher, before it."""
        if kind == QEvent.Type.KeyPress:
            if isinstance(watched, QWidget) and watched.window() is self.window:
                return self._on_key(event)  # type: ignore[arg-type]
            return False
        if kind in POINTER_EVENTS:
            if self.mode.note(kind) is False:
                self._pointer_mode()
            return False
        if watched is self.window:
            if kind == QEvent.Type.Resize:
                if self.privacy.isVisible():
                    self.privacy.cover()
                QTimer.singleShot(0, self, self.update_ring)
        elif kind == QEvent.Type.Show and isinstance(watched, QWidget):
            self._on_show(watched)
        return False

    def show_hints(self) -> None:
        """"For audio, press any key on the keypad." on Home and the start screen, if a voice can speak."""
        speaker = self.speaker()
        self._audio = speaker.available() and speaker.supports(self.window.state.language)
        self.window.home.audio_hint.setVisible(self._audio)
        attract = self.window.built_attract()  # built when first needed, not here
        if attract is not None:
            attract.audio_hint.setVisible(self._audio)

    def _on_show(self, widget: QWidget) -> None:
        parent = widget.parentWidget()
        if parent is self.window and widget is not self.ring and widget is not self.privacy:
            # An overlay opened: the privacy screen stays on top of it.
            if self.privacy.isVisible():
                QTimer.singleShot(0, self.privacy, self.privacy.raise_)
            from kiosk.ui.overlays import IdleOverlay

            if widget is self.window.built_attract():
                widget.audio_hint.setVisible(self._audio)
            elif isinstance(widget, IdleOverlay):
                if self.speech_on:
                    QTimer.singleShot(0, widget, lambda: self._announce_idle(widget))
            elif widget.objectName() == "Overlay":
                QTimer.singleShot(0, widget, lambda: self._enter_dialog(widget))
        elif isinstance(parent, QStackedWidget) and self.window.isAncestorOf(widget):
            self._schedule_check()

    def _on_key(self, event: QKeyEvent) -> bool:
        if self.mode.note(QEvent.Type.KeyPress):
            self.update_ring()
        speaker = self.window.speaker
        if speaker is not None and speaker.is_speaking():
            speaker.stop()  # any key interrupts speech at once
        action = self.keymap.action(event)
        keypad = is_keypad(event)
        attract = self._attract()
        if attract is not None:
            if event.isAutoRepeat():
                return True
            self._keep_alive()
            attract.hide()
            attract.woken.emit()
            if keypad or action == "speech":
                self.start_speech()
            else:
                self._check_place(force=True)
            return True
        idle = self._idle_overlay()
        if idle is not None:
            # While the warning shows, any key gives more time (it says so).
            self.more_time()
            return True
        self._keep_alive()
        if not self.speech_on and keypad and action != "speech" and self._scope() is self.window:
            # "For audio, press any key on the keypad." A digit for the ZIP pad is typed
            # too (not lost); on the staff PIN pad nothing starts.
            self.start_speech(then=lambda: self._type_digit(event, action, speak=False))
            return True
        if self._type_digit(event, action):
            return True
        if event.isAutoRepeat() and action not in REPEATING:
            return True  # a held Enter presses once
        if action is None:
            return False
        self._handlers[action](event)
        # Home on Home (or help on help) changes nothing, and still says where it is.
        self._check_place(force=action in ("home", "help"))
        self.update_ring()
        self.action_done.emit(action)
        return True

    def _keep_alive(self) -> None:
        # The watcher sees events after this filter; a consumed key still counts.
        self.window.watcher.activity.emit()

    # --- the pieces of the window this works with -----------------------------------

    def _attract(self):
        attract = self.window.built_attract()  # built on first use; None until then
        return attract if attract is not None and attract.isVisible() else None

    def _idle_overlay(self):
        idle = self.window.built_idle_overlay()
        return idle if idle is not None and idle.isVisible() else None

    def _scope(self) -> QWidget:
        """Where the keys move: an open dialog layer, else the whole window."""
        for child in self.window.children():
            if (isinstance(child, QWidget) and child.isVisible() and child.parentWidget() is self.window
                    and child not in (self.ring, self.privacy) and child.inherits("QFrame")
                    and child.objectName() in ("Overlay",)):
                return child
        return self.window

    def _keypad(self) -> Keypad | None:
        from kiosk.ui.widgets.keypad import Keypad

        scope = self._scope()
        pads = [k for k in scope.findChildren(Keypad) if k.isVisible()]
        return pads[0] if pads else None

    def speaker(self) -> Speaker:
        return self.window.voice()

    def focused(self) -> QWidget | None:
        widget = QApplication.focusWidget()
        if widget is None or widget is self.window or widget.window() is not self.window:
            return None
        return widget

    # --- speaking --------------------------------------------------------------------

    def say(self, text: str) -> None:
        """Speak ``text`` in the patient's language, if speech output is on."""
        if self.speech_on and text.strip():
            self.speaker().speak(text, self.window.state.language)

    def start_speech(self, then: Callable[[], str] | None = None) -> None:
        """Speech output on, announced with where the patient is; ``then`` (the key's own
        work, e.g. typing a ZIP digit) runs after and its words follow the announcement."""
        if self.speech_on:
            return
        self.speech_on = True
        self._set_idle(self.speech_idle_seconds)
        self.speech_changed.emit(True)
        place = self._refresh_place()
        target = self.focused() or self._first_content()
        if target is not None:
            self._focus(target)
        self.say(" ".join(t for t in (
            tr("Speech is on. Use the arrow keys to move and Enter to choose."),
            place.announcement, words.describe(target), then() if then else "") if t))

    def stop_speech(self, announce: bool = True) -> None:
        if not self.speech_on:
            return
        if announce:
            self.say(tr("Speech is off."))
        self.speech_on = False
        self._set_idle(self.normal_idle_seconds)
        self.speech_changed.emit(False)

    def toggle_speech(self) -> None:
        if self.speech_on:
            self.stop_speech()
        else:
            self.start_speech()

    def repeat(self) -> None:
        if not self.speech_on:
            return
        if not self.speaker().repeat():
            self.say(self._refresh_place().announcement)

    def change_volume(self, delta: int) -> None:
        from kiosk.ui.speech import VOLUME_STEPS

        speaker = self.speaker()
        level = speaker.set_volume_step(speaker.volume_step() + delta)
        self.say(tr("Volume {level} of {total}.", level=level, total=VOLUME_STEPS))

    def _enter_dialog(self, dialog: QWidget) -> None:
        """A dialog layer opened (the PIN pad): keys start on its first control."""
        if not dialog.isVisible():
            return
        target = None
        if self.mode.keys:
            order = reading_order(dialog)
            target = order[0] if order else None
            if target is not None:
                self._focus(target)
        texts = [label.text() for label in dialog.findChildren(QLabel)
                 if label.isVisible() and label.text().strip("–● ")]
        self.say(" ".join([*(words.spoken(t) for t in texts), words.describe(target)]))

    def _announce_idle(self, overlay) -> None:
        if overlay.isVisible() and self.speech_on:
            self.say(" ".join((
                tr("Still there?"),
                tr("For your privacy, this screen will start over in %n seconds.", None,
                   overlay.remaining),
                tr("To have more time, press any key."))))

    def _set_idle(self, seconds: int) -> None:
        session = self.window.session
        session.set_timeout_ms(seconds * 1000)
        if session.is_running():
            session.restart()

    # --- actions ---------------------------------------------------------------------

    def more_time(self) -> None:
        idle = self._idle_overlay()
        if idle is not None:
            buttons = [b for b in idle.findChildren(QAbstractButton) if b.isVisible()]
            if buttons:
                buttons[0].click()  # "I'm still here": closes the warning, restarts the timer
            self.say(tr("You have more time."))
            self.update_ring()
            return
        self._keep_alive()
        self.say(tr("You have more time."))

    def toggle_privacy(self) -> None:
        if self.privacy.isVisible():
            self.privacy.hide()
            self.say(tr("The screen is on."))
        else:
            self.privacy.cover()
            self.say(tr("The screen is off. Speech goes on."))

    def back(self) -> None:
        keypad = self._keypad()
        if keypad is not None and keypad.value():
            keypad.backspace()
            self.say(words.zip_deleted(keypad.value()))
            return
        screen = self.window.current_screen()
        from kiosk.ui.screens.locator.screen import LocatorScreen

        if isinstance(screen, LocatorScreen) and screen.step_back():
            return
        self.window.go_back()

    def move(self, delta: int, lists: bool = True, grid: GridAxis = "") -> None:
        """Focus the next (+1) or previous (-1) control in reading order; in a list, the next
        item; in a grid (``grid``), the next row or column, then on past the grid's edge."""
        current = self.focused()
        if grid and current is not None:
            step = grid_step(current, delta if grid == "rows" else 0, delta if grid == "columns" else 0)
            if isinstance(step, QWidget):
                self._go(step, delta)
                return
            if step is None and grid == "rows":
                # Off the top or bottom row: on from the grid's first or last control.
                cells = grid_cells(current)
                current = cells[-1 if delta > 0 else 0].widget
        self._go_from(current, delta, lists)

    def _go_from(self, current: QWidget | None, delta: int, lists: bool) -> None:
        if lists and isinstance(current, QAbstractItemView) and self._move_in_list(current, delta):
            return
        if lists and isinstance(current, QTextBrowser) and self._move_in_text(current, delta):
            return
        if lists and isinstance(current, QLabel) and self._move_in_label(current, delta):
            return
        order = reading_order(self._scope())
        if not order:
            return
        if current in order:
            target = order[(order.index(current) + delta) % len(order)]
        else:
            target = order[0] if delta > 0 else order[-1]
        self._go(target, delta)

    def _go(self, target: QWidget, delta: int) -> None:
        """Focus ``target`` (arrived at going forward, ``delta`` +1, or back, -1) and say it."""
        if isinstance(target, QAbstractItemView):
            self._enter_list(target, delta)
        if isinstance(target, QTextBrowser):
            self._enter_text(target, delta)
        if isinstance(target, QLabel):
            found = label_links(target)
            index = 0 if delta > 0 else len(found) - 1
            target.setProperty(LINK_PROPERTY, index)
            self._focus(target)
            self.say(words.spoken(found[index][1]).rstrip(".") + ", " + tr("link") + ".")
            return
        self._focus(target)
        self.say(words.describe(target))

    def _selectable_rows(self, view: QAbstractItemView) -> list[int]:
        model = view.model()
        return [r for r in range(model.rowCount())
                if model.flags(model.index(r, 0)) & Qt.ItemFlag.ItemIsSelectable]

    def _enter_list(self, view: QAbstractItemView, delta: int) -> None:
        rows = self._selectable_rows(view)
        if rows:
            index = view.model().index(rows[0] if delta > 0 else rows[-1], 0)
            view.setCurrentIndex(index)
            view.scrollTo(index)

    def _move_in_list(self, view: QAbstractItemView, delta: int) -> bool:
        rows = self._selectable_rows(view)
        current = view.currentIndex().row()
        ahead = [r for r in rows if (r > current if delta > 0 else r < current)]
        if not ahead:
            return False  # past the last item: on to the next control
        row = ahead[0] if delta > 0 else ahead[-1]
        model = view.model()
        # A section heading passed on the way is said first ("Care at home ...").
        between = range(min(current, row) + 1, max(current, row)) if current >= 0 else range(row)
        headings = [str(model.data(model.index(r, 0), Qt.ItemDataRole.AccessibleTextRole) or "")
                    for r in between if r not in rows]
        index = model.index(row, 0)
        view.setCurrentIndex(index)
        view.scrollTo(index)
        self.update_ring()
        self.say(" ".join([*(words.spoken(h) + "." for h in headings[-1:] if delta > 0 and h),
                           words.describe(view)]))
        return True

    @staticmethod
    def _enter_text(browser: QTextBrowser, delta: int = 1) -> None:
        """Down from above starts before the first link; up from below after the last."""
        browser.setProperty(LINK_PROPERTY, -1 if delta > 0 else len(links(browser)))
        browser.setTextCursor(QTextCursor(browser.document()))

    def _move_in_text(self, browser: QTextBrowser, delta: int) -> bool:
        """Up and down go through the links of a page's text (page links, glossary terms)."""
        found = links(browser)
        index = browser.property(LINK_PROPERTY)
        index = (index if isinstance(index, int) else -1) + delta
        if not 0 <= index < len(found):
            browser.setProperty(LINK_PROPERTY, None)
            browser.setTextCursor(QTextCursor(browser.document()))
            return False
        link = found[index]
        browser.setProperty(LINK_PROPERTY, index)
        cursor = QTextCursor(browser.document())
        cursor.setPosition(link.start)
        cursor.setPosition(link.end, QTextCursor.MoveMode.KeepAnchor)
        browser.setTextCursor(cursor)
        browser.ensureCursorVisible()
        self.update_ring()
        self.say(words.spoken(link.text).rstrip(".") + ", " + tr("link") + ".")
        return True

    def _move_in_label(self, label: QLabel, delta: int) -> bool:
        found = label_links(label)
        index = label.property(LINK_PROPERTY)
        index = (index if isinstance(index, int) else 0) + delta
        if not 0 <= index < len(found):
            return False
        label.setProperty(LINK_PROPERTY, index)
        self.say(words.spoken(found[index][1]).rstrip(".") + ", " + tr("link") + ".")
        return True

    def _selected_link(self, browser: QTextBrowser) -> str:
        index = browser.property(LINK_PROPERTY)
        found = links(browser)
        return found[index].href if isinstance(index, int) and 0 <= index < len(found) else ""

    def _select(self, event: QKeyEvent) -> None:
        target = self.focused()
        scope = self._scope()
        if target is not None and scope is not self.window and not scope.isAncestorOf(target):
            target = None  # behind an open dialog (the PIN pad): not what Enter means
        keypad = self._keypad()
        if (keypad is not None and event.key() in ENTER_KEYS and keypad.value()
                and (target is None or keypad.isAncestorOf(target))):
            # The search is synchronous (milliseconds): the results are what is said next.
            keypad.submitted.emit(keypad.value())
            return
        if target is None:
            self.move(1)
            return
        before = self._place_key
        if isinstance(target, QAbstractItemView):
            index = target.currentIndex()
            if index.isValid():
                target.clicked.emit(index)
        elif isinstance(target, QAbstractButton):
            target.click()
        elif target.objectName() == CARD:
            self.say(words.describe(target))
            return
        elif isinstance(target, QLabel):
            found = label_links(target)
            index = target.property(LINK_PROPERTY)
            if isinstance(index, int) and 0 <= index < len(found):
                target.linkActivated.emit(found[index][0])  # as a tap on the link would
        elif isinstance(target, QTextBrowser):
            href = self._selected_link(target)
            if not href:
                self.read_part(1)
                return
            target.anchorClicked.emit(QUrl(href))  # as a tap on the link would
        if (keypad is not None and keypad.isAncestorOf(target) and isinstance(target, QAbstractButton)
                and target.text().isdigit()):
            self.say(self._echo(keypad, target.text(), ""))
            return
        speaker = self.window.speaker
        if speaker is not None and speaker.is_speaking() and speaker.owner() is not None:
            return  # the control started reading (Listen): do not talk over it
        self._check_place()
        if self._place_key == before and target.isVisible() and focusable(target):
            # Same place (Text size, a chip, the language): stay on the control, say its state.
            if self.focused() is not target:
                self._focus(target)
            self.say(words.describe(target))

    def _type_digit(self, event: QKeyEvent, action: Action | None, speak: bool = True) -> str:
        """Digits go into the ZIP (or PIN) pad on show: top-row digits always, keypad
        digits while the focus is on the pad (NumLock on; off, they are arrows).
        Returns what was said ("" if the key typed nothing)."""
        typed = digit(event)
        keypad = self._keypad() if typed else None
        if keypad is None:
            return ""
        focus = self.focused()
        if is_keypad(event) and action is not None and not (focus is not None and keypad.isAncestorOf(focus)):
            return ""
        before = keypad.value()
        keypad.press(typed)
        echo = self._echo(keypad, typed, before)
        if speak:
            self.say(echo)
        return echo

    @staticmethod
    def _echo(keypad: Keypad, typed: str, before: str) -> str:
        if keypad.masked:  # a staff PIN is never said aloud
            return tr("Digit entered.")
        if keypad.value() == before:
            return tr("The ZIP code is complete. Press Enter to search.")
        return words.zip_echo(typed, keypad.value(), keypad.max_length)

    def read_part(self, delta: int) -> None:
        """Say the next (+1) or previous (-1) part of what is on show."""
        place = self._refresh_place()
        parts = place.parts
        index = self._part + delta
        if index >= len(parts):
            self._part = len(parts)
            self.say(tr("End of the page."))
            return
        if index < 0:
            self._part = -1
            self.say(tr("Start of the page."))
            return
        self._part = index
        self.say(parts[index])

    # --- where we are --------------------------------------------------------------------

    def _refresh_place(self) -> words.Place:
        hint = words.key_hint(self.keymap.first_key("next", True), self.keymap.first_key("next", False))
        try:
            place = words.where(self.window, hint)
        except Exception:
            # A screen changed shape under the describer: say what its labels say rather
            # than send the patient Home (the window's recovery for errors). Logged, without
            # the screen's text.
            log.exception("speech output could not describe the %s screen",
                          getattr(self.window.current_screen(), "name", "?"))
            place = words.generic_place(self.window.current_screen())
        if place.key != self._place_key:
            self._place_key, self._part = place.key, 0
        self._place = place
        return place

    def _schedule_check(self) -> None:
        if not self._check_pending:
            self._check_pending = True
            QTimer.singleShot(0, self, self._check_place)

    def _check_place(self, force: bool = False) -> None:
        """After a screen changed: announce it and, for keys, focus its first control."""
        self._check_pending = False
        if self._attract() is not None:
            return
        before = self._place_key
        place = self._refresh_place()
        if place.key == before and not force:
            return
        words.label_unnamed(self.window.current_screen())
        target = None
        if self.mode.keys:
            # A new place: start on its first control (Qt would leave the focus
            # wherever its chain led when the old control was hidden).
            target = self._first_content(place.prefer)
            if isinstance(target, QTextBrowser):
                self._enter_text(target)
            elif isinstance(target, QLabel):
                target.setProperty(LINK_PROPERTY, 0)
            if target is not None:
                self._focus(target)
        self.say(" ".join(t for t in (place.announcement,
                                      words.describe(target) if target is not None else "") if t))

    def _first_content(self, prefer: str = "") -> QWidget | None:
        order = reading_order(self._scope())
        bar = self.window.bar
        content = [w for w in order if not bar.isAncestorOf(w)]
        preferred = [w for w in content if prefer and w.accessibleName() == prefer]
        found = preferred or content or order
        return found[0] if found else None

    # --- focus and the ring ------------------------------------------------------------------

    def _focus(self, widget: QWidget) -> None:
        # The keys have chosen the control; no Tab-focus side effects (follow() scrolls).
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        follow(widget)
        self.update_ring()

    def _on_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and new is not self.window and new.window() is self.window \
                and not self.mode.keys:
            # A touch never leaves a focus ring (a screen that focuses its own default
            # button gets it back when a key is pressed).
            self.window.setFocus(Qt.FocusReason.OtherFocusReason)
        self.update_ring()

    def _pointer_mode(self) -> None:
        focus = self.focused()
        if focus is not None:
            self.window.setFocus(Qt.FocusReason.MouseFocusReason)
        self.update_ring()

    def ring_rect(self) -> QRect | None:
        """Where the ring goes (window coordinates), or None when it is hidden."""
        widget = self.focused()
        if not self.mode.keys or widget is None or not widget.isVisible():
            return None
        if isinstance(widget, QTextBrowser) and self._selected_link(widget):
            cursor = widget.textCursor()
            start = QTextCursor(cursor)
            start.setPosition(cursor.selectionStart())
            end = QTextCursor(cursor)
            end.setPosition(cursor.selectionEnd())
            rect = widget.cursorRect(start).united(widget.cursorRect(end)).adjusted(-4, -2, 4, 2)
            top_left = widget.viewport().mapTo(self.window, rect.topLeft())
            return QRect(top_left, rect.size())
        if isinstance(widget, QAbstractItemView) and widget.currentIndex().isValid():
            rect = widget.visualRect(widget.currentIndex())
            top_left = widget.viewport().mapTo(self.window, rect.topLeft())
            rect = QRect(top_left, rect.size())
            view = QRect(widget.viewport().mapTo(self.window, QPoint(0, 0)), widget.viewport().size())
            return rect.intersected(view)
        return QRect(widget.mapTo(self.window, QPoint(0, 0)), widget.size())

    def update_ring(self) -> None:
        rect = self.ring_rect()
        if rect is None or rect.isEmpty():
            self.ring.hide()
            return
        self.ring.show_around(rect)
        if self.privacy.isVisible():
            self.privacy.raise_()

    # --- session -----------------------------------------------------------------------------

    def _on_reset(self) -> None:
        """A new session: speech off, the screen back, default volume, nothing to repeat."""
        self.stop_speech(announce=False)
        self.privacy.hide()
        if self.window.speaker is not None:
            self.window.speaker.forget()
        self._refresh_place()


