"""Topic icons: SVGs from resources/icons drawn in the theme's colour."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QSize
from PySide6.QtGui import QGuiApplication, QImageReader, QPixmap

from kiosk import paths

_drawn: dict[tuple[str, int, str, float], QPixmap] = {}


def icon_pixmap(name: str, size: int, color: str = "#000000") -> QPixmap:
    """Icon ``name`` in ``color`` (``#rrggbb``), ``size`` logical px, sharp at the screen's
    pixel ratio; null if there is no such icon.

    The SVGs draw in ``currentColor``, replaced here by ``color``. Each drawing
    costs ~0.4 ms and is kept for the next time. (QImageReader, not QIcon:
    PySide6 spends ~4 ms on QIcon's enums the first time it is used.)
    """
    app = QGuiApplication.instance()
    ratio = app.devicePixelRatio() if isinstance(app, QGuiApplication) else 1.0
    key = (name, size, color, ratio)
    pixmap = _drawn.get(key)
    if pixmap is not None:
        return pixmap
    try:
        svg = paths.resource("icons", f"{name}.svg").read_bytes()
        svg = svg.replace(b"currentColor", color.encode("ascii"))
    except (OSError, UnicodeEncodeError):
        return QPixmap()
    data = QBuffer()
    data.setData(QByteArray(svg))
    reader = QImageReader(data, QByteArray(b"svg"))
    reader.setScaledSize(QSize(round(size * ratio), round(size * ratio)))
    pixmap = QPixmap.fromImage(reader.read())
    if pixmap.isNull():
        return pixmap
    pixmap.setDevicePixelRatio(ratio)
    _drawn[key] = pixmap
    return pixmap
