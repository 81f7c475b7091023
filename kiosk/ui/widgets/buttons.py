"""Touch buttons: large, labelled for screen readers, with visible press feedback."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.widgets.icons import icon_pixmap

ICON_PX = 40


class TouchButton(QPushButton):
    """A push button with an accessible name and an optional QSS role."""

    def __init__(self, text: str = "", role: str = "", parent: QWidget | None = None,
                 accessible_name: str | None = None) -> None:
        # QPushButton(text, parent) would make PySide6 weigh the QIcon overload and
        # build QIcon's ~100 enums on the way to the first paint: set text after.
        super().__init__(parent)
        self.setText(text)
        # Tab focus only: a tap does not leave a focus ring behind; keyboards still work.
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setAutoDefault(False)
        if role:
            self.setProperty("role", role)
        self.setAccessibleName(accessible_name or text)

    def set_text(self, text: str, accessible_name: str | None = None) -> None:
        self.setText(text)
        self.setAccessibleName(accessible_name or text)


class Tile(QPushButton):
    """A large home-screen tile: an icon beside the title, and a summary that wraps."""

    def __init__(self, title: str, summary: str, icon_name: str = "", role: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Tile")
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        if role:
            self.setProperty("role", role)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(6)
        self._icon = QLabel()
        self._icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._title = QLabel(title)
        self._title.setProperty("role", "h2")
        self._title.setWordWrap(True)
        self._summary = QLabel(summary)
        self._summary.setWordWrap(True)
        for label in (self._icon, self._title, self._summary):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        for label in (self._title, self._summary):  # page titles and summaries: text only
            label.setTextFormat(Qt.TextFormat.PlainText)
        heading = QHBoxLayout()
        heading.setSpacing(14)
        heading.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        heading.addWidget(self._title, 1)
        layout.addLayout(heading)
        layout.addWidget(self._summary)
        layout.addStretch(1)
        self._icon_name = ""
        self._icon_color: str | None = None
        self._icon_px = ICON_PX
        self.set_icon(icon_name)
        self.setAccessibleName(title)
        self.setAccessibleDescription(summary)

    def set_texts(self, title: str, summary: str) -> None:
        """Relabel the tile (a language switch); an empty summary hides its line."""
        self._title.setText(title)
        self._summary.setText(summary)
        self._summary.setVisible(bool(summary))
        self.setAccessibleName(title)
        self.setAccessibleDescription(summary)

    def set_icon(self, name: str) -> None:
        self._icon_name = name
        if self._icon_color is None:  # drawn once the theme gives a colour
            self._icon.setVisible(bool(name))
            return
        pixmap = icon_pixmap(name, self._icon_px, self._icon_color) if name else QPixmap()
        self._icon.setVisible(not pixmap.isNull())
        if not pixmap.isNull():
            self._icon.setPixmap(pixmap)

    def set_icon_style(self, color: str, size: int = ICON_PX) -> None:
        """Draw the icon in ``color`` (the theme's colour for the title), ``size`` px."""
        if (color, size) != (self._icon_color, self._icon_px):
            self._icon_color, self._icon_px = color, size
            self.set_icon(self._icon_name)

    def needed_height(self, width: int) -> int:
        """Height the icon, title and wrapped summary need at ``width``."""
        return self.layout().totalHeightForWidth(width)
