"""Small screens: Get help now, Quick hide, the locator placeholder and the error screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.content import Page
from kiosk.ui import theme
from kiosk.ui.i18n import tr
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.page import PageBrowser
from kiosk.ui.widgets.listen import ListenButton

if TYPE_CHECKING:
    from kiosk.ui.speech import Speaker
from kiosk.ui.widgets.buttons import TouchButton


class HelpScreen(Screen):
    """Crisis help, large and calm. The words come from the pack's help page (clinician-owned)."""

    name = "help"
    listened = Signal()

    def __init__(self, parent: QWidget | None = None, speaker: Speaker | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Get help now screen")
        self.page: Page | None = None
        self._title = QLabel()
        self._title.setProperty("role", "h1")
        self._title.setWordWrap(True)
        # Read aloud, as on every page: the crisis numbers too can be heard.
        self._listen = ListenButton(speaker)
        self._listen.listened.connect(self.listened)
        heading = QHBoxLayout()
        heading.addWidget(self._title, 1)
        heading.addWidget(self._listen, 0, Qt.AlignmentFlag.AlignTop)
        self._browser = PageBrowser()
        self._browser.setAccessibleName(tr("Page text"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 16, 32, 16)
        layout.setSpacing(12)
        layout.addLayout(heading)
        layout.addWidget(self._browser)
        self._theme, self._px = "default", theme.BASE_TEXT_PX

    def show_page(self, page: Page | None) -> None:
        self.page = page
        self._render()

    def set_appearance(self, theme_name: str, text_px: int) -> None:
        self._theme, self._px = theme_name, text_px
        self._render()

    def retranslate(self) -> None:
        self._title.setText(self.page.title if self.page is not None else tr("Get help now"))
        self._listen.set_page(self.page)

    def leave(self) -> None:
        self._listen.stop()

    def _render(self) -> None:
        self.retranslate()
        # Help text is shown a step larger than other pages: it must be read at a glance.
        px = round(self._px * 1.2)
        self._browser.document().setDefaultStyleSheet(theme.document_css(self._theme, px))
        if self.page is None:
            # Never an empty crisis screen, even with a broken pack.
            self._browser.setHtml(
                "<h1>988</h1><p>Call or text <b>988</b> (Suicide &amp; Crisis Lifeline). "
                "In danger now: call <b>911</b>. Tell the front desk.</p>"
            )
        else:
            self._browser.pack_dir = self.page.path.parent
            self._browser.setHtml(self.page.html)
        self._browser.verticalScrollBar().setValue(0)

    def clear(self) -> None:
        self.leave()
        self._browser.verticalScrollBar().setValue(0)


class QuickHideScreen(Screen):
    """A neutral, calm screen for a patient who does not want others to see what they read."""

    name = "hidden"
    return_requested = Signal()
    start_over_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("QuickHide")
        self.setAccessibleName("Quick hide screen")
        self._line1 = QLabel()
        self._line1.setProperty("role", "big")
        self._line2 = QLabel()
        self._line2.setProperty("role", "muted")
        for label in (self._line1, self._line2):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
        self._return = TouchButton()
        self._return.clicked.connect(self.return_requested)
        self._start_over = TouchButton()
        self._start_over.clicked.connect(self.start_over_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self._return)
        buttons.addWidget(self._start_over)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(self._line1)
        layout.addWidget(self._line2)
        layout.addStretch(3)
        layout.addLayout(buttons)
        layout.addSpacing(32)
        self.retranslate()

    def retranslate(self) -> None:
        self._line1.setText(tr("Take a moment."))
        self._line2.setText(tr("Breathe in slowly, and out slowly."))
        self._return.set_text(tr("Return"))
        self._start_over.set_text(tr("Start over"))


class MessageScreen(Screen):
    """A calm message with a Home button: locator unavailable, or something went wrong."""

    home_requested = Signal()

    def __init__(self, name: str, title: str, body: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._title_text, self._body_text = title, body
        self.setAccessibleName(f"{name} screen")
        self._title = QLabel()
        self._title.setProperty("role", "h1")
        self._body = QLabel()
        for label in (self._title, self._body):
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._home = TouchButton(role="primary")
        self._home.clicked.connect(self.home_requested)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self._home)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.addStretch(1)
        layout.addWidget(self._title)
        layout.addWidget(self._body)
        layout.addSpacing(24)
        layout.addLayout(row)
        layout.addStretch(2)
        self.retranslate()

    def retranslate(self) -> None:
        self._title.setText(tr(self._title_text))
        self._body.setText(tr(self._body_text))
        self._home.set_text(tr("Home"))
