"""The Listen / Stop button: reads a page aloud with the kiosk's one voice."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from kiosk.content import Page
from kiosk.ui.i18n import tr
from kiosk.ui.speech import Speaker, speakable_text
from kiosk.ui.widgets.buttons import TouchButton


class ListenButton(TouchButton):
    """Shown only when a voice can read the page now: never a dead button."""

    listened = Signal()  # a patient started listening (for the usage counts)

    def __init__(self, speaker: Speaker | None, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self._speaker = speaker
        self._page: Page | None = None
        self._allowed = False
        self.hide()
        self.clicked.connect(self._toggle)
        if speaker is not None:
            speaker.state_changed.connect(lambda _speaking: self.refresh())

    def set_page(self, page: Page | None, allowed: bool = True) -> None:
        """The page to read; ``allowed`` False hides the button (e.g. behind a warning)."""
        self._page, self._allowed = page, allowed
        self.refresh()

    def refresh(self) -> None:
        speaker, page = self._speaker, self._page
        self.setVisible(self._allowed and speaker is not None and page is not None
                        and speaker.available() and speaker.supports(page.lang)
                        and bool(page.plain_text))
        speaking = self._reading()
        self.set_text(("■  " + tr("Stop")) if speaking else ("▶  " + tr("Listen")),
                      tr("Stop") if speaking else tr("Listen"))

    def _reading(self) -> bool:
        """True while the voice reads this button's page (not, say, a spoken focus change)."""
        speaker = self._speaker
        return speaker is not None and speaker.is_speaking() and speaker.owner() is self

    def stop(self) -> None:
        if self._speaker is not None:
            self._speaker.stop()

    def _toggle(self) -> None:
        if self._speaker is None or self._page is None:
            return
        if self._reading():
            self._speaker.stop()
        else:
            self.listened.emit()
            self._speaker.speak(speakable_text(self._page.plain_text, self._page.lang),
                                self._page.lang, owner=self)
