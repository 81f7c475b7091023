"""Touch buttons: large, labelled for screen readers, with visible press feedback."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication, QImageReader, QPixmap
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk import paths


def set_role(widget: QWidget, role: str) -> None:
    """Set the QSS role property and re-polish so the style follows at once."""
    widget.setProperty("role", role)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def icon_pixmap(name: str, size: int) -> QPixmap:
    """The SVG icon ``name`` drawn at ``size`` logical px, sharp at the screen's pixel ratio.

    Null if there is no such icon. (QImageReader, not QIcon: PySide6 spends ~4 ms
    on QIcon's enums the first time it is used, on the way to the first paint.)
    """
    path = paths.resource("icons", f"{name}.svg")
    if not path.is_file():
        return QPixmap()
    app = QGuiApplication.instance()
    ratio = app.devicePixelRatio() if isinstance(app, QGuiApplication) else 1.0
    reader = QImageReader(str(path))
    reader.setScaledSize(QSize(round(size * ratio), round(size * ratio)))
    pixmap = QPixmap.fromImage(reader.read())
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


class TouchButton(QPushButton):
    """A push button with an accessible name and an optional QSS role."""

    def __init__(self, text: str = "", role: str = "", parent: QWidget | None = None,
                 accessible_name: str | None = None) -> None:
        super().__init__(text, parent)
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
    """A large home-screen tile: icon, title and a one-line summary that wraps."""

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
        self._icon.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._title = QLabel(title)
        self._title.setProperty("role", "h2")
        self._title.setWordWrap(True)
        self._summary = QLabel(summary)
        self._summary.setWordWrap(True)
        for label in (self._title, self._summary):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout.addWidget(self._icon)
        layout.addWidget(self._title)
        layout.addWidget(self._summary)
        layout.addStretch(1)
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

    def set_icon(self, name: str, size: int = 48) -> None:
        pixmap = icon_pixmap(name, size) if name else QPixmap()
        self._icon.setVisible(not pixmap.isNull())
        if not pixmap.isNull():
            self._icon.setPixmap(pixmap)

    def needed_height(self, width: int) -> int:
        """Height the icon, title and wrapped summary need at ``width``."""
        return self.layout().totalHeightForWidth(width)
