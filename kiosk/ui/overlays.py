"""Layers over the whole window: the idle warning, the attract screen and the staff PIN pad."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractAnimation,
    QEasingCurve,
    QEvent,
    QObject,
    QPropertyAnimation,
    QSequentialAnimationGroup,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsOpacityEffect,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.access.names import set_name
from kiosk.ui.i18n import N_, tr, tr_staff
from kiosk.ui.widgets.buttons import TouchButton
from kiosk.ui.widgets.keypad import Keypad

if TYPE_CHECKING:
    from kiosk.pin import StaffLockout


class Overlay(QFrame):
    """Covers its parent completely and follows its size; hidden until ``open``."""

    def __init__(self, parent: QWidget, object_name: str = "Overlay") -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        parent.installEventFilter(self)
        self.hide()

    def open(self) -> None:
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Resize and watched is self.parentWidget():
            self.setGeometry(self.parentWidget().rect())
        return False

    def retranslate(self) -> None:
        """Refresh strings in the current language."""


def _dialog(parent: QWidget) -> tuple[QFrame, QVBoxLayout]:
    box = QFrame(parent)
    box.setObjectName("Dialog")
    box.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(40, 32, 40, 32)
    layout.setSpacing(20)
    return box, layout


def _centre(overlay: QWidget, box: QWidget, max_width: int = 760) -> None:
    box.setMaximumWidth(max_width)
    outer = QVBoxLayout(overlay)
    outer.addStretch(1)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(box, 4)
    row.addStretch(1)
    outer.addLayout(row)
    outer.addStretch(1)


class IdleOverlay(Overlay):
    """"Still there?" with a countdown and a large "I'm still here" (WCAG 2.2.1)."""

    still_here = Signal()
    expired = Signal()

    def __init__(self, parent: QWidget, warning_seconds: int) -> None:
        super().__init__(parent)
        set_name(self, N_("Still there? message"))
        self.warning_seconds = warning_seconds
        self.remaining = warning_seconds
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._on_tick)
        box, layout = _dialog(self)
        self._title = QLabel()
        self._title.setProperty("role", "h1")
        self._text = QLabel()
        self._text.setWordWrap(True)
        self._button = TouchButton(role="primary")
        self._button.setMinimumHeight(96)
        self._button.clicked.connect(self._on_still_here)
        layout.addWidget(self._title)
        layout.addWidget(self._text)
        layout.addWidget(self._button)
        _centre(self, box)
        self.retranslate()

    def open(self) -> None:
        self.remaining = self.warning_seconds
        self.retranslate()
        super().open()
        self._button.setFocus()
        self._tick.start()

    def close_overlay(self) -> None:
        self._tick.stop()
        self.hide()

    def set_tick_ms(self, ms: int) -> None:
        """How long a countdown second lasts (tests shorten it)."""
        self._tick.setInterval(ms)

    def retranslate(self) -> None:
        self._title.setText(tr("Still there?"))
        self._text.setText(tr("For your privacy, this screen will start over in %n seconds.", None,
                              self.remaining))
        self._button.set_text(tr("I'm still here"))

    def _on_still_here(self) -> None:
        self.close_overlay()
        self.still_here.emit()

    def _on_tick(self) -> None:
        self.remaining -= 1
        if self.remaining <= 0:
            self.close_overlay()
            self.expired.emit()
        else:
            self.retranslate()


# What the attract loop invites a patient to: what the kiosk offers, never page content.
ATTRACT_TOPICS = (
    (N_("Learn at your own pace"), N_("Short pages about PTSD and its treatment, in plain words.")),
    (N_("Find care near you"), N_("Clinics and other PTSD care, by ZIP code or by state.")),
    (N_("Help is here, day and night"), N_("Free, private crisis lines, 24 hours a day.")),
    (N_("Your privacy matters"), N_("This screen starts over when you leave. Nothing you type is kept.")),
)


class AttractOverlay(Overlay):
    """The start screen after a reset: the kiosk's name and a slow crossfade of what it offers.

    Calm, never flashing: one topic fades to the background over FADE_MS / 2 and
    the next fades in over the same (never two texts over each other), then
    holds for HOLD_MS, so the picture changes far less than three times a
    second (WCAG 2.3.1). A touch stops the motion at once and wakes the kiosk
    (WCAG 2.2.2); the waking tap is swallowed here. Hidden, it runs no timer and
    no animation: the idle kiosk's CPU stays at rest.
    """

    woken = Signal()
    FADE_MS = 1600
    HOLD_MS = 6000
    _built = False  # Overlay.__init__ hides the widget before the loop's timers exist

    _built = False  # set once the motion below exists; events can arrive before that

    def __init__(self, parent: QWidget, kiosk_name: str) -> None:
        super().__init__(parent, "Attract")
        set_name(self, N_("Start screen"))
        self._name = QLabel(kiosk_name)
        self._name.setProperty("role", "display")
        self._touch = QLabel()
        self._touch.setProperty("role", "h2")
        self._panel = QWidget()
        self._topic_title = QLabel()
        self._topic_title.setProperty("role", "h1")
        self._topic_text = QLabel()
        self._topic_text.setProperty("role", "help-line")
        box = QVBoxLayout(self._panel)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(12)
        box.addWidget(self._topic_title)
        box.addWidget(self._topic_text)
        # Shown by kiosk/ui/access once a voice is available (speech output, issue 15).
        self.audio_hint = QLabel()
        self.audio_hint.setProperty("role", "muted")
        self.audio_hint.hide()
        for label in (self._name, self._touch, self._topic_title, self._topic_text,
                      self.audio_hint):
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setTextFormat(Qt.TextFormat.PlainText)
        self._effect = QGraphicsOpacityEffect(self._panel)
        self._effect.setOpacity(1.0)
        self._panel.setGraphicsEffect(self._effect)
        self._fade = QSequentialAnimationGroup(self)
        for start, end in ((1.0, 0.0), (0.0, 1.0)):
            animation = QPropertyAnimation(self._effect, b"opacity", self._fade)
            animation.setDuration(self.FADE_MS // 2)
            animation.setStartValue(start)
            animation.setEndValue(end)
            animation.setEasingCurve(QEasingCurve.Type.InOutSine)
            self._fade.addAnimation(animation)
        faded_out = self._fade.animationAt(0)
        assert faded_out is not None
        faded_out.finished.connect(self._next_topic)
        self._fade.finished.connect(self._on_faded)
        self._hold = QTimer(self)
        self._hold.setSingleShot(True)
        self._hold.setInterval(self.HOLD_MS)
        self._hold.timeout.connect(self._fade.start)
        self._topic = 0  # the topic on show
        self._built = True
        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 64, 64, 64)
        layout.addStretch(2)
        layout.addWidget(self._name)
        layout.addSpacing(48)
        layout.addWidget(self._panel)
        layout.addStretch(1)
        layout.addWidget(self._touch)
        layout.addWidget(self.audio_hint)
        layout.addStretch(2)
        self._built = True
        self.retranslate()

    # --- public API -------------------------------------------------------------------

    def set_kiosk_name(self, name: str) -> None:
        self._name.setText(name)

    def topic(self) -> tuple[str, str]:
        """The topic on show (title, line) in the current language."""
        return self._topic_title.text(), self._topic_text.text()

    def moving(self) -> bool:
        """True while the loop runs (a fade, or the wait before the next one)."""
        return self._hold.isActive() or self.fading()

    def fading(self) -> bool:
        """True while one topic fades into the next."""
        return self._fade.state() == QAbstractAnimation.State.Running

    def opacity(self) -> float:
        """How much of the topic on show is drawn (1.0: whole)."""
        return self._effect.opacity()

    def kiosk_name(self) -> str:
        return self._name.text()

    def set_timing(self, hold_ms: int, fade_ms: int) -> None:
        """The wait on each topic and each half of a fade (tests shorten the seconds)."""
        self._hold.setInterval(hold_ms)
        for i in range(self._fade.animationCount()):
            animation = self._fade.animationAt(i)
            if isinstance(animation, QPropertyAnimation):
                animation.setDuration(fade_ms)

    def retranslate(self) -> None:
        self._touch.setText(tr("Touch anywhere to start"))
        self.audio_hint.setText(tr("For audio, press any key on the keypad."))
        self._show_topic()

    # --- the loop -------------------------------------------------------------------------

    def _show_topic(self) -> None:
        title, text = ATTRACT_TOPICS[self._topic % len(ATTRACT_TOPICS)]
        self._topic_title.setText(tr(title))
        self._topic_text.setText(tr(text))

    def _next_topic(self) -> None:
        """Half-way: the old topic has faded out; the next one fades in."""
        self._topic = (self._topic + 1) % len(ATTRACT_TOPICS)
        self._show_topic()

    def _on_faded(self) -> None:
        if self.isVisible():
            self._hold.start()

    def _stop(self) -> None:
        """Stop the motion where it is: the topic on show stays, fully drawn."""
        if not self._built:
            return  # an event while the base class is still being built: nothing moves yet
        self._hold.stop()
        if self._fade.state() != QAbstractAnimation.State.Stopped:
            self._fade.stop()
        self._effect.setOpacity(1.0)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if not self._built:
            return
        self._topic = 0
        self._stop()
        self._show_topic()
        self._hold.start()

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().hideEvent(event)
        if self._built:
            self._stop()

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress):
            # Stop the motion at once; wake on the release, and keep both from
            # reaching anything below.
            self._stop()
            self._waking = True
            event.accept()
            return True
        if kind in (QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd,
                    QEvent.Type.MouseButtonDblClick, QEvent.Type.TouchUpdate,
                    QEvent.Type.MouseMove, QEvent.Type.KeyRelease):
            if kind in (QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd,
                        QEvent.Type.KeyRelease) and getattr(self, "_waking", False):
                self._waking = False
                self.hide()
                self.woken.emit()
            event.accept()
            return True
        return super().event(event)


class PinOverlay(Overlay):
    """Staff PIN pad, in the staff's language.

    The PIN is checked on a worker (scrypt takes a noticeable moment; the screen
    must not freeze), and wrong PINs are counted by :class:`kiosk.pin.StaffLockout`:
    kept in the data folder, so a lockout survives a restart, and each lockout in a
    row lasts longer. Every sign-in, wrong PIN and lockout is logged, never the PIN.
    """

    accepted = Signal()
    cancelled = Signal()
    VERIFY_TIMEOUT_MS = 20_000

    def __init__(self, parent: QWidget, pin_hash: str, lockout: StaffLockout | None = None) -> None:
        super().__init__(parent)
        from kiosk.pin import StaffLockout
        from kiosk.ui.workers import Task

        self._hash = pin_hash
        self.lockout = lockout if lockout is not None else StaffLockout(None)
        self._verify = Task(self, timeout_ms=self.VERIFY_TIMEOUT_MS)
        self._verify.setObjectName("staff PIN check")
        self._verify.returned.connect(self._on_checked)
        self._verify.errored.connect(self._on_check_failed)
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._on_countdown)
        box, layout = _dialog(self)
        self._title = QLabel()
        self._title.setProperty("role", "h1")
        self.keypad = Keypad(12, masked=True, message_lines=3, tr_fn=tr_staff)
        # Messages go in the keypad's own slot under the keys: its room is kept, so
        # nothing moves when one shows; an error is boxed and bold, never colour alone.
        self._message = self.keypad.message
        self._message.setProperty("state", "error")
        self.keypad.submitted.connect(self._on_submit)
        self._cancel = TouchButton()
        self._cancel.clicked.connect(self._on_cancel)
        layout.addWidget(self._title)
        layout.addWidget(self.keypad, 1)
        layout.addWidget(self._cancel)
        _centre(self, box, 560)
        self.retranslate()

    # --- public API -------------------------------------------------------------------

    def open(self) -> None:
        self.keypad.clear()
        self._show_state()
        super().open()

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt name)
        # Closed (Cancel, a session reset) while a PIN was being checked: its answer is dropped.
        self._verify.cancel()
        self._countdown.stop()
        super().hideEvent(event)

    def locked(self) -> bool:
        return self.lockout.locked_for() > 0

    def checking(self) -> bool:
        """True while a PIN is being checked on the worker."""
        return self._verify.busy()

    def message(self) -> str:
        """The line above the keys, as staff read it."""
        return self._message.text()

    def retranslate(self) -> None:
        self.setAccessibleName(tr_staff("Staff PIN pad"))
        self._title.setText(tr_staff("Staff PIN"))
        self._cancel.set_text(tr_staff("Cancel"))
        self.keypad.retranslate()

    # --- states -------------------------------------------------------------------------

    def _set_message(self, text: str) -> None:
        """A message under the keys is boxed and bold (a wrong PIN is never told by colour alone).

        Its look is set once: re-polishing a label under the kiosk's stylesheet at each
        try held the UI thread for ~100 ms.
        """
        self.keypad.set_message(text)

    def _show_state(self) -> None:
        """The prompt, or the lockout's countdown; the keys work only when a PIN may be tried."""
        seconds = self.lockout.locked_for()
        if seconds:
            self._set_message(tr_staff("Too many wrong PINs. The keypad is locked: wait %n "
                                       "seconds.", None, seconds))
            if not self._countdown.isActive():
                self._countdown.start()
        else:
            self._countdown.stop()
            self._set_message("")
        self.keypad.setEnabled(not seconds and not self._verify.busy())

    def _on_countdown(self) -> None:
        if self.lockout.locked_for():
            self._show_state()
        else:
            self._show_state()
            self._countdown.stop()

    def _on_submit(self, pin: str) -> None:
        self.keypad.clear()
        if self.locked() or self._verify.busy():
            self._show_state()
            return
        from kiosk.pin import verify_pin  # hashlib loads OpenSSL: only when a PIN is typed

        self.keypad.setEnabled(False)
        self._set_message(tr_staff("Checking the PIN..."))  # in the message's room: nothing moves
        self._verify.start(verify_pin, pin, self._hash)

    def _on_checked(self, ok: object) -> None:
        attempt = self.lockout.record(bool(ok) and bool(self._hash))
        if attempt.ok:
            self.hide()
            self.accepted.emit()
            return
        if attempt.locked_seconds:
            self._show_state()
            return
        self.keypad.setEnabled(True)
        self._set_message(tr_staff("Wrong PIN. %n tries left before the keypad locks.", None,
                                   attempt.tries_left))

    def _on_check_failed(self, exc: object) -> None:
        logging.getLogger("kiosk.staff").error("staff PIN could not be checked: %s",
                                               type(exc).__name__)
        self.keypad.setEnabled(not self.locked())
        self._set_message(tr_staff("The PIN could not be checked. Try again."))

    def _on_cancel(self) -> None:
        self.keypad.clear()
        self.hide()
        self.cancelled.emit()
