"""Small screens: Get help now, Quick hide, the locator placeholder and the error screen."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.content import Page
from kiosk.ui import theme
from kiosk.ui.access.names import set_name
from kiosk.ui.i18n import N_, tr
from kiosk.ui.screens.base import Screen, empty_layout, scroll_area, settle_scroll_bars
from kiosk.ui.screens.page import PageBrowser
from kiosk.ui.widgets.buttons import TouchButton
from kiosk.ui.widgets.listen import ListenButton
from kiosk.ui.widgets.qr import QrWidget

if TYPE_CHECKING:
    from kiosk.ui.speech import Speaker

# --- Get help now: the pack's help page as call-out cards ---------------------------------

CARD_MIN_SHARE = 0.75  # a card may be as narrow as 3/4 of a reading column
LAYOUT_LEVELS = 3  # labels in cards, the cards' grid, the scroll area (see set_appearance)
Run = tuple[str, bool]  # a piece of text and whether it is bold (a number to dial)
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
# What a help card cannot show as plain lines: then the page is shown as a document.
_UNSUPPORTED = re.compile(r"^\s*(#{1}\s|#{3,}|\||<|>|```|!\[|\d+\.\s|\s{4})")


class HelpSection(NamedTuple):
    """One action on Get help now: a heading, its lead line (numbers bold) and short lines."""

    heading: str
    lead: tuple[Run, ...]
    lines: tuple[tuple[Run, ...], ...]

    def numbers(self) -> list[str]:
        """The bold runs (numbers to call or text), lead and lines alike: all shown large."""
        return [text for runs in (self.lead, *self.lines) for text, bold in runs if bold]

    def plain(self) -> str:
        parts = [self.heading, _plain(self.lead), *(_plain(line) for line in self.lines)]
        return "\n".join(p for p in parts if p)


def _plain(runs: tuple[Run, ...]) -> str:
    return "".join(text for text, _ in runs)


def _runs(text: str) -> tuple[Run, ...]:
    """Split a line of Markdown into plain and **bold** runs (links keep their words)."""
    text = _LINK.sub(r"\1", text.strip())
    runs: list[Run] = []
    at = 0
    for match in _BOLD.finditer(text):
        if match.start() > at:
            runs.append((text[at:match.start()], False))
        runs.append((match.group(1), True))
        at = match.end()
    if at < len(text):
        runs.append((text[at:], False))
    # Single-star emphasis has no place on a card: its words stay, its stars go.
    return tuple((t if b else t.replace("*", ""), b) for t, b in runs)


def help_sections(body: str) -> tuple[str, list[HelpSection]] | None:
    """The help page's intro and one section per ``## `` heading, or None if it does not fit.

    The pack's help page (clinician-owned) has one ``## `` section per action with
    the number(s) in **bold** in the first paragraph and short lines or list items
    after. A page that does not follow that shape (no sections, a section without
    text, no number anywhere, tables, images, deeper headings) is None: the caller
    shows it as a document instead, so no word of it is ever lost.
    """
    intro: list[str] = []
    sections: list[tuple[str, list[list[str]]]] = []
    for raw in body.splitlines():
        line = raw.rstrip()
        if line.startswith("## "):
            sections.append((line[3:].strip(), [[]]))
            continue
        if line.strip() and _UNSUPPORTED.match(line):
            return None
        if not sections:
            if line.strip():
                intro.append(line.strip())
            continue
        paragraphs = sections[-1][1]
        if not line.strip():
            if paragraphs[-1]:
                paragraphs.append([])
        elif line.lstrip().startswith(("- ", "* ")):
            if paragraphs[-1]:
                paragraphs.append([])
            paragraphs[-1].append(line.lstrip()[2:])
            paragraphs.append([])
        else:
            paragraphs[-1].append(line.strip())
    result: list[HelpSection] = []
    for heading, paragraphs in sections:
        texts = [" ".join(p) for p in paragraphs if p]
        if not heading or not texts:
            return None
        result.append(HelpSection(heading, _runs(texts[0]), tuple(_runs(t) for t in texts[1:])))
    if not result or not any(section.numbers() for section in result):
        return None
    return " ".join(_plain(_runs(line)) for line in intro), result


def crisis_vcard(name: str, veterans_label: str) -> str:
    """A contact card a phone's camera offers to save: 988 (call or text) and the Veterans text line."""
    from kiosk.ui.widgets.qr import _escape

    return "\r\n".join([
        "BEGIN:VCARD", "VERSION:3.0",
        f"N:{_escape(name)};;;;", f"FN:{_escape(name)}",
        # 988 answers calls and texts: a voice and a messaging number.
        "TEL;TYPE=VOICE,MSG,PREF:988",
        # Labelled where the phone shows labels (iOS reads X-ABLabel; others show "text").
        "item1.TEL;TYPE=MSG:838255", f"item1.X-ABLabel:{_escape(veterans_label)}",
        "END:VCARD",
    ])


def _runs_html(runs: tuple[Run, ...], bold_px: int, colour: str) -> str:
    """Rich text built here from escaped words: the numbers large, nothing from the pack unescaped."""
    out = []
    for index, (text, bold) in enumerate(runs):
        escaped = html.escape(text)
        if index + 1 < len(runs) and runs[index + 1][1] and escaped.endswith(" "):
            escaped = escaped[:-1] + "&nbsp;"  # "press 2" never leaves the 2 alone on a line
        if bold:
            # No breaks inside a number (1-800-662-4357 must stay on one line).
            escaped = escaped.replace("-", "&#8209;").replace(" ", "&nbsp;")
            out.append(f'<span style="font-size:{bold_px}px; font-weight:bold; '
                       f'color:{colour}">{escaped}</span>')
        else:
            out.append(escaped)
    return "".join(out)


class HelpCard(QFrame):
    """One action, large and calm: what to do, the number to call at display size, a few lines."""

    def __init__(self, section: HelpSection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        self.setProperty("role", "help")
        self.section = section
        self._heading = QLabel(section.heading)
        self._heading.setProperty("role", "h2")
        self._heading.setTextFormat(Qt.TextFormat.PlainText)
        self._lead = QLabel()
        self._lead.setTextFormat(Qt.TextFormat.RichText)
        self._lead.setProperty("role", "help-line")
        self._lines = [QLabel() for _ in section.lines]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 20)
        layout.setSpacing(8)
        for label in (self._heading, self._lead, *self._lines):
            label.setWordWrap(True)
            layout.addWidget(label)
        for label in self._lines:
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setProperty("role", "help-line")
        layout.addStretch(1)
        self.setAccessibleName(section.heading)
        self.setAccessibleDescription(section.plain())
        self._look = (0, 0, 0, "")

    def number_labels(self) -> list[QLabel]:
        return [self._lead]

    def set_look(self, sizes: theme.TypeScale, colour: str, width: int) -> None:
        """Numbers at display size, or as large as fits ``width`` (the card's own width)."""
        room = width - 48 - 8
        px = sizes.display
        numbers = self.section.numbers()
        if numbers:
            font = QFont(self.font())
            font.setBold(True)
            widest = max(numbers, key=len)
            while px > sizes.h2:
                font.setPixelSize(px)
                if QFontMetrics(font).horizontalAdvance(widest) <= room:
                    break
                px -= 2
        look = (px, sizes.h2, width, colour)
        if look == self._look:
            return
        self._look = look
        self.number_px = px
        self._lead.setText(_runs_html(self.section.lead, px, colour))
        for label, line in zip(self._lines, self.section.lines, strict=True):
            label.setText(_runs_html(line, px, colour))


class HelpScreen(Screen):
    """Crisis help, large and calm: one call-out card per action, and a QR code for a phone.

    The words come from the pack's help page (clinician-owned); a page that does not
    have the card shape is shown as a document, and with no page at all the
    screen still shows 988 and 911.
    """

    name = "help"
    listened = Signal()
    MAX_COLUMNS = 3

    def __init__(self, parent: QWidget | None = None, speaker: Speaker | None = None) -> None:
        super().__init__(parent)
        set_name(self, N_("Get help now screen"))
        self.page: Page | None = None
        self._title = QLabel()
        self._title.setTextFormat(Qt.TextFormat.PlainText)  # the page's title: text only
        self._title.setProperty("role", "h1")
        self._title.setWordWrap(True)
        self._intro = QLabel()
        self._intro.setProperty("role", "help-line")
        self._intro.setWordWrap(True)
        self._intro.setTextFormat(Qt.TextFormat.PlainText)
        # Read aloud, as on every page: the crisis numbers too can be heard.
        self._listen = ListenButton(speaker)
        self._listen.listened.connect(self.listened)
        titles = QVBoxLayout()
        titles.setSpacing(4)
        titles.addWidget(self._title)
        titles.addWidget(self._intro)
        heading = QHBoxLayout()
        heading.addLayout(titles, 1)
        heading.addWidget(self._listen, 0, Qt.AlignmentFlag.AlignTop)
        self._heading_box = QWidget()
        self._heading_box.setLayout(heading)

        self._cards: list[HelpCard] = []
        self._grid = QGridLayout()
        self._grid.setSpacing(16)
        self._qr = QrWidget()
        set_name(self._qr, N_("QR code"))
        self._qr_title = QLabel()
        self._qr_title.setProperty("role", "h2")
        self._qr_caption = QLabel()
        self._qr_caption.setProperty("role", "help-line")
        for label in (self._qr_title, self._qr_caption):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
        self._qr_card = QFrame()
        self._qr_card.setObjectName("Card")
        self._qr_card.setProperty("role", "help")
        qr_layout = QHBoxLayout(self._qr_card)
        qr_layout.setContentsMargins(24, 18, 24, 20)
        qr_layout.setSpacing(20)
        qr_text = QVBoxLayout()
        qr_text.addWidget(self._qr_title)
        qr_text.addWidget(self._qr_caption)
        qr_text.addStretch(1)
        qr_layout.addLayout(qr_text, 1)
        qr_layout.addWidget(self._qr, 0, Qt.AlignmentFlag.AlignTop)
        body = QWidget()
        self._column = QVBoxLayout(body)
        self._column.setContentsMargins(0, 0, 0, 24)  # no text touches the bottom edge
        self._column.addLayout(self._grid)
        self._column.addStretch(1)
        self._scroll = scroll_area(body)

        # The fallback: the page as a document, in the reading column.
        self._browser = PageBrowser()
        set_name(self._browser, N_("Page text"))
        self._body = QStackedWidget()
        self._body.addWidget(self._scroll)
        self._body.addWidget(self._browser)

        self._content = QWidget()
        inner = QVBoxLayout(self._content)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(16)
        inner.addWidget(self._heading_box)
        inner.addWidget(self._body, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 16, 32, 0)
        layout.addWidget(self._content, 0, Qt.AlignmentFlag.AlignHCenter)
        self._theme, self._px = "default", theme.BASE_TEXT_PX
        self._sections: list[HelpSection] | None = None
        self._columns = 0

    # --- public API -------------------------------------------------------------------

    def show_page(self, page: Page | None) -> None:
        self.page = page
        self._render()

    def apply_text_size(self, text_px: int) -> None:
        # The cards too: they are not in the screen's layout until it has a page to show.
        for widget in (self, self._qr_card, *self._cards):
            theme.fit_text(widget, text_px)

    def set_appearance(self, theme_name: str, text_px: int) -> None:
        self._theme, self._px = theme_name, text_px
        self._render(keep_place=True)  # a patient who reads on keeps their place
        # The cards' rich-text labels, the grid and the scroll area each ask for a new
        # layout in turn; settled now, the new look is painted once. Left to the event
        # loop, the cards were laid out and painted once more after the window's paint.
        for _ in range(LAYOUT_LEVELS):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        settle_scroll_bars(self._scroll)

    def showing_cards(self) -> bool:
        return self._body.currentWidget() is self._scroll

    def cards(self) -> list[HelpCard]:
        return list(self._cards)

    def qr_text(self) -> str:
        return self._qr.text()

    def text(self) -> str:
        """Everything the screen shows, as plain text (the cards or the document)."""
        if self.showing_cards():
            parts = [self._title.text(), self._intro.text(),
                     *(card.section.plain() for card in self._cards),
                     self._qr_title.text(), self._qr_caption.text()]
            return "\n".join(p for p in parts if p)
        return self._title.text() + "\n" + self._browser.toPlainText()

    def retranslate(self) -> None:
        self._title.setText(self.page.title if self.page is not None else tr("Get help now"))
        self._listen.set_page(self.page)
        self._qr_title.setText(tr("Save these numbers on your phone"))
        self._qr_caption.setText(tr("Point your phone's camera at the code. It saves 988 "
                                    "(call or text) and the Veterans Crisis Line's text number, "
                                    "838255."))
        self._qr.set_text(crisis_vcard(tr("988 Suicide & Crisis Lifeline"),
                                       tr("Veterans Crisis Line (text)")))

    def leave(self) -> None:
        self._listen.stop()

    def clear(self) -> None:
        self.leave()
        self._scroll.verticalScrollBar().setValue(0)
        self._browser.verticalScrollBar().setValue(0)

    # --- private ------------------------------------------------------------------------

    def _render(self, keep_place: bool = False) -> None:
        self.retranslate()
        parsed = help_sections(self.page.body) if self.page is not None else None
        if parsed is None:
            self._show_document()
            return
        intro, sections = parsed
        self._intro.setText(intro)
        self._intro.setVisible(bool(intro))
        if sections != self._sections:
            self._sections = sections
            for card in self._cards:
                card.deleteLater()
            self._cards = [HelpCard(section) for section in sections]
            for card in self._cards:  # made after the screen was fitted (theme.fit_text)
                theme.fit_text(card, self._px)
            self._columns = 0
        self._body.setCurrentWidget(self._scroll)
        self._relayout()
        if not keep_place:
            self._scroll.verticalScrollBar().setValue(0)

    def _show_document(self) -> None:
        self._intro.hide()
        self._body.setCurrentWidget(self._browser)
        self._browser.document().setDefaultStyleSheet(
            theme.document_css(self._theme, theme.type_scale(self._px).h2))
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
        self._fit_width()

    def _fit_width(self) -> tuple[int, int]:
        """The content's width and card columns: a reading column, or up to three cards.

        A document's lines are help-sized (h2) text, at most READING_CHARS long; a
        card is at most a body-sized reading column wide (its help-sized lines stay
        short) and at least 3/4 of one, which puts two cards side by side at
        1280 px and three at 1920 px.
        """
        room = max(self.width() - 64, 1)
        sizes = theme.type_scale(self._px)
        if not self.showing_cards():
            width, columns = min(room, theme.reading_width(sizes.h2)), 1
        else:
            card = min(room, theme.reading_width(sizes.body))
            narrowest = round(card * CARD_MIN_SHARE)
            columns = max(1, min(self.MAX_COLUMNS, (room + 16) // (narrowest + 16)))
            width = min(room, columns * card + (columns - 1) * 16)
        self._content.setFixedWidth(width)
        return width, columns

    def _relayout(self) -> None:
        width, columns = self._fit_width()
        if not self.showing_cards():
            return
        sizes = theme.type_scale(self._px)
        colour = theme.palette(self._theme).help
        scroll_bar = 16
        each = (width - scroll_bar - 16 * (columns - 1)) // columns
        for card in self._cards:
            card.set_look(sizes, colour, each)
        self._qr.set_min_side(max(200, min(each // 2, sizes.body * 10)))
        placed = [*self._cards, self._qr_card]
        if columns != self._columns:
            self._columns = columns
            empty_layout(self._grid)
            for i, widget in enumerate(placed):
                self._grid.addWidget(widget, i // columns, i % columns)
            for c in range(self.MAX_COLUMNS):
                self._grid.setColumnStretch(c, 1 if c < columns else 0)
        # A grid in a scroll area does not give word-wrapped labels the height they need
        # for their width (as on the home screen): each card, and its row, is told its
        # height. Without it, at the largest text a wrapped line was cut, and the Veterans
        # Crisis Line's text number (838255) with it.
        rows: dict[int, int] = {}
        for i, widget in enumerate(placed):
            height = widget.layout().totalHeightForWidth(each)
            widget.setMinimumHeight(height)
            rows[i // columns] = max(rows.get(i // columns, 0), height)
        for row in range(self._grid.rowCount()):
            self._grid.setRowMinimumHeight(row, rows.get(row, 0))
        # Place the rows anew now, not on a later pass (a taller card overlapped the next).
        self._grid.invalidate()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        if self.page is not None or self._cards:
            self._relayout()


class QuickHideScreen(Screen):
    """A neutral, calm screen for a patient who does not want others to see what they read.

    Help stays one tap away (a plain "Get help now" button, as plain as the others),
    and the window's title turns neutral while the screen shows, then comes back.
    """

    name = "hidden"
    return_requested = Signal()
    start_over_requested = Signal()
    help_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("QuickHide")
        set_name(self, N_("Quick hide screen"))
        self._line1 = QLabel()
        self._line1.setProperty("role", "display")
        self._line2 = QLabel()
        self._line2.setProperty("role", "muted")
        for label in (self._line1, self._line2):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
        self._return = TouchButton()
        self._return.clicked.connect(self.return_requested)
        self._start_over = TouchButton()
        self._start_over.clicked.connect(self.start_over_requested)
        self._help = TouchButton()
        self._help.clicked.connect(self.help_requested)
        for button in (self._return, self._start_over, self._help):
            button.setMinimumWidth(240)  # three calm, equal choices; wider where words need it
        buttons = QHBoxLayout()
        buttons.setSpacing(16)
        buttons.addStretch(1)
        buttons.addWidget(self._return)
        buttons.addWidget(self._start_over)
        buttons.addWidget(self._help)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 32, 32, 32)
        layout.addStretch(2)
        layout.addWidget(self._line1)
        layout.addWidget(self._line2)
        layout.addStretch(3)
        layout.addLayout(buttons)
        self._saved_title: str | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self._line1.setText(tr("Take a moment."))
        self._line2.setText(tr("Breathe in slowly, and out slowly."))
        self._return.set_text(tr("Return"))
        self._start_over.set_text(tr("Start over"))
        self._help.set_text(tr("Get help now"))
        if self._saved_title is not None:
            self.window().setWindowTitle(self.neutral_title())

    @staticmethod
    def neutral_title() -> str:
        """A window title that says nothing about what was being read."""
        return tr("Waiting room")

    def keep_title(self, title: str) -> bool:
        """While on show, ``title`` is the one given back when the screen is left; True if
        kept (the window's title stays neutral meanwhile)."""
        if self._saved_title is None:
            return False
        self._saved_title = title
        return True

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        window = self.window()
        if self._saved_title is None:
            self._saved_title = window.windowTitle()
        window.setWindowTitle(self.neutral_title())

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().hideEvent(event)
        if self._saved_title is not None:
            self.window().setWindowTitle(self._saved_title)
            self._saved_title = None


class MessageScreen(Screen):
    """A calm message with a Home button: locator unavailable, or something went wrong.

    ``screen_name``, ``title`` and ``body`` are English sources marked with ``N_``; they
    are shown (and named for screen readers) in the current language.
    """

    home_requested = Signal()

    def __init__(self, name: str, title: str, body: str, parent: QWidget | None = None, *,
                 screen_name: str) -> None:
        super().__init__(parent)
        self.name = name
        self._title_text, self._body_text = title, body
        set_name(self, screen_name)
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
