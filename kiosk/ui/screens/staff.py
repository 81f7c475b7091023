"""Staff screen: a dashboard of what is live and what is wrong, in the staff's language.

Status rows (settings, content, review, the clinic directory, live updates, voice,
log) each say how they stand in words and colour (colour is never the only cue);
usage is a table of days by events; paths are elided in the middle and shown in
full on a tap (and in the tooltip). Reload sits at the left of the bottom row,
Exit kiosk at the far right, and Exit asks to confirm before anything happens.
The listings' age (``[locator] stale_after_days``) is checked on a worker: on a
national directory reading every row takes longer than a tap may.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, NamedTuple

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QLocale, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk import languages
from kiosk.ui import theme
from kiosk.ui.i18n import N_, staff_language, tr_staff
from kiosk.ui.screens.base import Screen
from kiosk.ui.staff_report import Report, Status, Usage
from kiosk.ui.touch import enable_kinetic_scroll
from kiosk.ui.widgets.buttons import TouchButton
from kiosk.ui.workers import Task

log = logging.getLogger("kiosk.staff")

LINES_SHOWN = 8  # a longer list ends in "... and N more"
TWO_COLUMNS_MIN_WIDTH = 1500  # landscape screens show the status rows side by side
LISTINGS_TIMEOUT_MS = 60_000
LEVEL_WORDS = {"ok": N_("OK"), "attention": N_("Check"), "info": N_("Note")}
ZERO_WIDTH_SPACE = "\u200b"


def _plain(text: str = "", *, role: str = "", wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if role:
        label.setProperty("role", role)
    return label


class PathLabel(QLabel):
    """A file path on one line, elided in the middle; a tap shows it in full (wrapped)."""

    def __init__(self, path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.expanded = False
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setToolTip(path)
        self.setAccessibleName(path)
        self.setAccessibleDescription(tr_staff("Tap to show the whole path"))
        self.setProperty("role", "path")
        # Never widens the row: the path fits the room it gets.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._refresh()

    def shown_text(self) -> str:
        return self.text().replace(ZERO_WIDTH_SPACE, "")

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt name)
        self.expanded = not self.expanded
        self._refresh()
        event.accept()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        if not self.expanded:
            self._refresh()

    def _refresh(self) -> None:
        if self.expanded:
            # Break opportunities after each separator, so a long path wraps.
            self.setWordWrap(True)
            self.setText(self.path.replace("/", "/" + ZERO_WIDTH_SPACE))
        else:
            self.setWordWrap(False)
            width = max(self.width(), 40)
            self.setText(self.fontMetrics().elidedText(self.path, Qt.TextElideMode.ElideMiddle,
                                                       width))


class StatusRow(QFrame):
    """One status: a worded badge, a title, a summary, then details and paths."""

    def __init__(self, status: Status, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = status
        self.setObjectName("StaffRow")
        self.setProperty("level", status.level)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAccessibleName(f"{status.title}: {tr_staff(LEVEL_WORDS[status.level])}")
        self.badge = _plain(tr_staff(LEVEL_WORDS[status.level]), wrap=False)
        self.badge.setObjectName("StaffBadge")
        self.badge.setProperty("level", status.level)
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = _plain(status.title, role="h2")
        head = QHBoxLayout()
        head.setSpacing(16)
        head.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.title, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 16)
        layout.setSpacing(6)
        layout.addLayout(head)
        if status.summary:
            layout.addWidget(_plain(status.summary))
        self.paths = [PathLabel(path) for path in status.paths]
        for label in self.paths:
            layout.addWidget(label)
        lines = list(status.lines)
        if len(lines) > LINES_SHOWN:  # the commands list them all (kiosk content status)
            lines = [*lines[:LINES_SHOWN - 1],
                     tr_staff("... and %n more", None, len(lines) - LINES_SHOWN + 1)]
        for line in lines:
            layout.addWidget(_plain(line, role="detail"))
        layout.addStretch(1)  # rows side by side share a height: the text stays at the top


class UsageTable(QFrame):
    """Events down, days across (newest first), as a grid of plain labels.

    Seven short day columns fit a portrait screen at the largest text, where seven
    event names side by side would not; event names wrap in the first column.
    """

    def __init__(self, usage: Usage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("UsageTable")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAccessibleName(tr_staff("Usage table"))
        grid = self.grid = QGridLayout(self)
        grid.setContentsMargins(16, 12, 16, 12)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(8)
        grid.setColumnStretch(0, 1)
        locale = QLocale(languages.get(staff_language()).locale)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for column, (day, _cells) in enumerate(usage.rows, start=1):
            date = QDate.fromString(day, Qt.DateFormat.ISODate)
            # "1 Dec" may wrap to two lines: seven days fit a portrait screen at any size.
            header = _plain(locale.toString(date, "d MMM") if date.isValid() else day,
                            role="th")
            header.setToolTip(day)
            header.setAccessibleName(day)
            header.setAlignment(right)
            grid.addWidget(header, 0, column)
        for row, name in enumerate(usage.columns, start=1):
            grid.addWidget(_plain(name), row, 0)
            for column, (_day, cells) in enumerate(usage.rows, start=1):
                label = _plain(cells[row - 1])
                label.setAlignment(right)
                grid.addWidget(label, row, column)
        self.note_row = len(usage.columns) + 1
        self.span = len(usage.rows) + 1
        self.cells = [list(cells) for _day, cells in usage.rows]


class StaffScreen(Screen):
    name = "staff"
    reload_requested = Signal()
    exit_requested = Signal()
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report: Report | None = None
        self._extra: dict[str, list[str]] = {}  # lines found later, by status key
        self._rows: list[StatusRow] = []
        self._usage: UsageTable | None = None
        self._columns = 0
        self._listings = Task(self, timeout_ms=LISTINGS_TIMEOUT_MS)
        self._listings.setObjectName("staff listings check")
        self._listings.returned.connect(self._on_listings_checked)
        self._listings.errored.connect(self._on_listings_failed)

        self._title = _plain(role="h1", wrap=True)
        self._back = TouchButton(role="primary")
        self._back.clicked.connect(self._on_back)
        top = QHBoxLayout()
        top.addWidget(self._title, 1)
        top.addWidget(self._back, 0, Qt.AlignmentFlag.AlignTop)

        self._body = QWidget()
        self._body.setObjectName("StaffBody")
        self._status_heading = _plain(role="h2")
        self._status_grid = QGridLayout()
        self._status_grid.setSpacing(16)
        self._usage_heading = _plain(role="h2")
        self._usage_slot = QVBoxLayout()
        body = QVBoxLayout(self._body)
        body.setContentsMargins(0, 0, 8, 0)
        body.setSpacing(16)
        body.addWidget(self._status_heading)
        body.addLayout(self._status_grid)
        body.addSpacing(8)
        body.addWidget(self._usage_heading)
        body.addLayout(self._usage_slot)
        body.addStretch(1)
        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll.setWidget(self._body)
        enable_kinetic_scroll(self._scroll)

        # Reload at the left, Exit at the far right: never side by side.
        self._reload = TouchButton()
        self._reload.clicked.connect(self.reload_requested)
        self._exit = TouchButton()
        self._exit.clicked.connect(self._ask_exit)
        self._actions = QWidget()
        actions = QHBoxLayout(self._actions)
        actions.setContentsMargins(0, 0, 0, 0)
        actions.addWidget(self._reload)
        actions.addStretch(1)
        actions.addWidget(self._exit)

        self._confirm = QFrame()
        self._confirm.setObjectName("Notice")
        self._confirm.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._confirm_text = _plain()
        self._stay = TouchButton(role="primary")
        self._stay.clicked.connect(self._cancel_exit)
        self._exit_now = TouchButton()
        self._exit_now.clicked.connect(self._on_exit_confirmed)
        confirm = QVBoxLayout(self._confirm)
        confirm.setContentsMargins(20, 16, 20, 16)
        confirm.addWidget(self._confirm_text)
        # Stay takes Exit kiosk's place: a second tap where Exit was keeps the kiosk running.
        confirm_buttons = QHBoxLayout()
        confirm_buttons.addWidget(self._exit_now)
        confirm_buttons.addStretch(1)
        confirm_buttons.addWidget(self._stay)
        confirm.addLayout(confirm_buttons)
        self._confirm.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 16, 32, 16)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addWidget(self._scroll, 1)
        layout.addWidget(self._actions)
        layout.addWidget(self._confirm)
        self.retranslate()

    # --- public API -------------------------------------------------------------------

    def show_report(self, report: Report) -> None:
        """Lay out ``report`` (plain values; see kiosk/ui/staff_report.py)."""
        self.report = report
        self._extra.clear()
        self._build()  # an open "Exit the kiosk?" stays open (a late refresh must not close it)

    def check_listings(self, directory: Any, locator_settings: Any) -> None:
        """Look for listings older than ``stale_after_days`` and a misplaced host clinic,
        on a worker; the directory row shows what is found.

        The worker opens the directory's file on a connection of its own: the one handed
        here belongs to the finder, whose reload closes it while the check may still run.
        """
        if directory.path is None:  # the in-memory last resort: no listings to date, and
            return                  # the loader already reported a missing host clinic
        self._listings.start(_listing_warnings, directory.path, locator_settings)

    def sections(self) -> list[tuple[str, list[str]]]:
        if self.report is None:
            return []
        sections = self.report.sections()
        return [(title, lines + self._extra.get(self._key_for(title), []))
                for title, lines in sections]

    def text(self) -> str:
        """Everything the screen says, as plain text (full paths included)."""
        parts = [self._title.text()]
        for title, lines in self.sections():
            parts.append(title)
            parts += lines
        return "\n".join(parts)

    def confirming_exit(self) -> bool:
        return self._confirm.isVisible()

    def retranslate(self) -> None:
        # Named here, not with access.names.set_name: that follows the patient's language.
        self.setAccessibleName(tr_staff("Staff screen"))
        self._scroll.setAccessibleName(tr_staff("Staff report"))
        self._title.setText(tr_staff("Staff"))
        self._back.set_text(tr_staff("Back"))
        self._reload.set_text(tr_staff("Reload content and data"))
        self._exit.set_text(tr_staff("Exit kiosk"))
        self._status_heading.setText(tr_staff("Status"))
        self._confirm_text.setText(tr_staff(
            "Exit the kiosk? The screen shows the computer's desktop until the kiosk is "
            "started again."))
        self._stay.set_text(tr_staff("Stay in the kiosk"))
        self._exit_now.set_text(tr_staff("Yes, exit the kiosk"))

    def clear(self) -> None:
        self._cancel_exit()

    def leave(self) -> None:
        self._cancel_exit()

    # --- layout -------------------------------------------------------------------------

    def _key_for(self, title: str) -> str:
        status = next((s for s in (self.report.statuses if self.report else ())
                       if s.title == title), None)
        return status.key if status else ""

    def _build(self) -> None:
        for row in self._rows:
            self._status_grid.removeWidget(row)
            row.deleteLater()
        self._rows = []
        if self._usage is not None:
            self._usage_slot.removeWidget(self._usage)
            self._usage.deleteLater()
            self._usage = None
        report = self.report
        if report is None:
            return
        for status in report.statuses:
            extra = self._extra.get(status.key)
            if extra:
                status = status._replace(level="attention", lines=(*status.lines, *extra))
            self._rows.append(StatusRow(status))
        self._columns = 0
        self._place_rows()
        for row in self._rows:
            # Styled and sized before the layout measures them: rows made after the
            # screen took its style would otherwise be laid out at the default font.
            row.ensurePolished()
            if self.look[1]:
                theme.fit_text(row, self.look[1])
        usage = report.usage
        self._usage_heading.setVisible(usage is not None)
        if usage is not None:
            self._usage_heading.setText(report.title_usage)
            self._usage = UsageTable(usage)
            self._usage_slot.addWidget(self._usage)
            note = _plain(usage.note, role="detail")
            self._usage.grid.addWidget(note, self._usage.note_row, 0, 1, self._usage.span)
            if self.look[1]:
                theme.fit_text(self._usage, self.look[1])
        # The scroll area sizes the body on its next layout request: take it now, so no
        # frame shows the new rows squeezed into the old body's height.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)

    def _place_rows(self) -> None:
        columns = 2 if self.width() >= TWO_COLUMNS_MIN_WIDTH else 1
        if columns == self._columns:
            return
        self._columns = columns
        for row in self._rows:
            self._status_grid.removeWidget(row)
        for i, row in enumerate(self._rows):
            self._status_grid.addWidget(row, i // columns, i % columns)
        for column in range(2):
            self._status_grid.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._place_rows()

    # --- actions ------------------------------------------------------------------------

    def _on_back(self) -> None:
        self._cancel_exit()
        self.back_requested.emit()

    def _ask_exit(self) -> None:
        self._actions.hide()
        self._confirm.show()

    def _cancel_exit(self) -> None:
        self._confirm.hide()
        self._actions.show()

    def _on_exit_confirmed(self) -> None:
        log.info("staff exit the kiosk")
        self._cancel_exit()
        self.exit_requested.emit()

    def _on_listings_checked(self, found: Listings) -> None:
        lines = []
        if found.old:
            lines.append(tr_staff("%n of {total} clinic listings were last verified more than "
                                  "{days} days ago (locator.stale_after_days); the directory "
                                  "is due an update", None, found.old, total=found.total,
                                  days=found.days))
        if found.host:
            lines.append(found.host)  # kiosk.locator.rules: the same line as check-config's
        self._extra = {"locator": lines} if lines else {}
        if lines:
            self._build()

    def _on_listings_failed(self, exc: object) -> None:
        log.warning("clinic listings' dates not checked: %s", exc)


class Listings(NamedTuple):
    """What the listings check found: listings older than ``days``, of ``total``, and a
    misplaced host clinic (a line, or None)."""

    old: int
    total: int
    days: int
    host: str | None


def _listing_warnings(path: Path, locator_settings: Any) -> Listings:
    """Runs on a worker: reads every listing's date (a national directory has a million),
    on its own read-only connection to ``path``, closed when done. The words are put
    together on the UI thread, in the staff's language."""
    from kiosk.config_check import stale_count
    from kiosk.locator import Directory
    from kiosk.locator.rules import host_problem

    days = locator_settings.stale_after_days
    with Directory.open(path) as directory:
        clinics = directory.all_clinics()
        host = host_problem(directory, locator_settings.host_clinic_id, locator_settings.home_zip)
    return Listings(stale_count(clinics, days), len(clinics), days, host)
