"""An offline dot map of the United States with numbered clinic pins.

The land is drawn from ZIP-centroid dots (``kiosk.locator.map_points``) in an
Albers equal-area projection (the usual one for maps of the lower 48). The dots
are painted once per size and view into a cached pixmap; pins are drawn on top.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.ui import theme

if TYPE_CHECKING:  # the locator package loads in the screen's worker, not on the UI thread
    from kiosk.locator import Clinic, Origin

# Albers equal-area conic for the contiguous U.S. (standard parallels 29.5 and 45.5 N).
_PHI1, _PHI2 = math.radians(29.5), math.radians(45.5)
_PHI0, _LAM0 = math.radians(37.5), math.radians(-96.0)
_N = (math.sin(_PHI1) + math.sin(_PHI2)) / 2
_C = math.cos(_PHI1) ** 2 + 2 * _N * math.sin(_PHI1)
_RHO0 = math.sqrt(_C - 2 * _N * math.sin(_PHI0)) / _N

LOWER_48 = (24.0, 50.0, -125.5, -66.0)  # lat min, lat max, lon min, lon max
MIN_SPAN = math.radians(4.0)  # never closer than about 280 miles across: the land stays legible
TAP_SLOP_PX = 24
MIN_HIT_RADIUS_PX = 24


def project(lat: float, lon: float) -> tuple[float, float]:
    """(x, y) on the unit sphere's Albers plane; y grows northwards."""
    rho = math.sqrt(max(0.0, _C - 2 * _N * math.sin(math.radians(lat)))) / _N
    theta = _N * (math.radians(lon) - _LAM0)
    return rho * math.sin(theta), _RHO0 - rho * math.cos(theta)


def in_lower_48(lat: float, lon: float) -> bool:
    lat_lo, lat_hi, lon_lo, lon_hi = LOWER_48
    return lat_lo <= lat <= lat_hi and lon_lo <= lon <= lon_hi


@dataclass(frozen=True)
class Pin:
    clinic: Clinic
    number: int
    x: float  # projected
    y: float


class UsMap(QWidget):
    """The map; ``set_results`` places numbered pins and zooms to them; a tapped pin is reported."""

    clinic_tapped = Signal(object)  # Clinic

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("UsMap")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self._dots: list[tuple[float, float]] = []
        self._pins: list[Pin] = []
        self._origin: tuple[float, float] | None = None
        self._view = self._box([project(*c) for c in _corners(LOWER_48)])
        self._cache: QPixmap | None = None
        self._cache_key: tuple = ()
        self._pin_px: dict[int, QPointF] = {}
        self._pin_key: tuple = ()
        self._press: QPoint | None = None
        self._px = theme.BASE_TEXT_PX
        self._palette = theme.palette("default")

    # --- public API ---------------------------------------------------------------------

    def set_dots(self, points: list[tuple[float, float]]) -> None:
        """The land: (lat, lon) dots; anything outside the lower 48 is dropped."""
        self._dots = [project(lat, lon) for lat, lon in points if in_lower_48(lat, lon)]
        self._invalidate()

    def set_results(self, clinics: list[Clinic], numbers: list[int],
                    origin: Origin | None) -> None:
        """Pins for these clinics (with their list numbers), the origin, and a view around them."""
        self._pins = [Pin(c, n, *project(c.lat, c.lon)) for c, n in zip(clinics, numbers, strict=True)]
        self._origin = project(origin.lat, origin.lon) if origin is not None else None
        points = [(p.x, p.y) for p in self._pins]
        if self._origin is not None:
            points.append(self._origin)
        if points:
            self._view = self._box(points, pad=0.15)
        else:
            self._view = self._box([project(*c) for c in _corners(LOWER_48)])
        self._invalidate()

    def clear(self) -> None:
        self.set_results([], [], None)

    def pins(self) -> list[Pin]:
        return list(self._pins)

    def pin_position(self, number: int) -> QPoint:
        """Where pin ``number`` is drawn, in widget pixels (for tests and accessibility)."""
        self._layout_pins()
        return self._pin_px[number].toPoint()

    def set_appearance(self, theme_name: str, text_px: int) -> None:
        self._palette = theme.palette(theme_name)
        self._px = text_px
        self._invalidate()

    def pin_radius(self) -> int:
        return max(16, round(self._px * 0.8))

    # --- geometry -----------------------------------------------------------------------

    @staticmethod
    def _box(points: list[tuple[float, float]], pad: float = 0.02) -> QRectF:
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        w = max(max(xs) - min(xs), MIN_SPAN)
        h = max(max(ys) - min(ys), MIN_SPAN)
        cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
        w *= 1 + 2 * pad
        h *= 1 + 2 * pad
        return QRectF(cx - w / 2, cy - h / 2, w, h)

    def _transform(self) -> tuple[float, float, float]:
        """Scale and offsets that fit the view box into the widget, aspect kept."""
        view = self._view
        margin = self.pin_radius() + 4
        avail_w = max(1, self.width() - 2 * margin)
        avail_h = max(1, self.height() - 2 * margin)
        scale = min(avail_w / view.width(), avail_h / view.height())
        ox = margin + (avail_w - view.width() * scale) / 2 - view.left() * scale
        # y grows north on the plane and south on screen.
        oy = margin + (avail_h - view.height() * scale) / 2 + view.bottom() * scale
        return scale, ox, oy

    def _to_px(self, x: float, y: float, t: tuple[float, float, float]) -> QPointF:
        scale, ox, oy = t
        return QPointF(ox + x * scale, oy - y * scale)

    def _layout_pins(self) -> None:
        """Pixel positions of the pins, nudged apart so that every pin can be seen and tapped."""
        key = (self.width(), self.height(), self._view.getRect(), self.pin_radius(), self._origin,
               tuple((p.number, p.x, p.y) for p in self._pins))
        if key == self._pin_key:
            return
        t = self._transform()
        r = self.pin_radius()
        points = [[p.number, *self._to_px(p.x, p.y, t).toTuple()] for p in self._pins]
        # Pins on one spot (clinics sharing a ZIP centroid) start on a small ring.
        seen: dict[tuple[int, int], int] = {}
        for pt in points:
            spot = (round(pt[1]), round(pt[2]))
            k = seen.get(spot, 0)
            seen[spot] = k + 1
            if k:
                angle = k * 2.4  # golden-angle spiral
                pt[1] += r * math.sqrt(k) * math.cos(angle)
                pt[2] += r * math.sqrt(k) * math.sin(angle)
        gap = 2 * r + 2
        origin = self._to_px(*self._origin, t).toTuple() if self._origin is not None else None
        for _ in range(30):  # push overlapping pins apart a little at a time
            moved = False
            for i in range(len(points)):
                a = points[i]
                for j in range(i + 1, len(points)):
                    b = points[j]
                    dx, dy = b[1] - a[1], b[2] - a[2]
                    d = math.hypot(dx, dy)
                    if d < gap:
                        if d < 1e-6:
                            dx, dy, d = 1.0, 0.0, 1.0
                        push = (gap - d) / 2
                        ux, uy = dx / d * push, dy / d * push
                        a[1] -= ux
                        a[2] -= uy
                        b[1] += ux
                        b[2] += uy
                        moved = True
            if origin is not None:  # the searched place stays put; pins step off it
                for a in points:
                    dx, dy = a[1] - origin[0], a[2] - origin[1]
                    d = math.hypot(dx, dy)
                    if d < gap:
                        if d < 1e-6:
                            dx, dy, d = 0.0, -1.0, 1.0
                        a[1] += dx / d * (gap - d)
                        a[2] += dy / d * (gap - d)
                        moved = True
            if not moved:
                break
        w, h = self.width(), self.height()
        self._pin_px = {int(n): QPointF(min(max(x, r), w - r), min(max(y, r), h - r))
                        for n, x, y in points}
        self._pin_key = key

    def pin_at(self, pos: QPoint) -> Pin | None:
        """The pin nearest ``pos`` within the hit radius (never under 24 px)."""
        self._layout_pins()
        reach = max(MIN_HIT_RADIUS_PX, self.pin_radius() + 8)
        best: tuple[float, Pin] | None = None
        for pin in self._pins:
            p = self._pin_px.get(pin.number)
            if p is None:
                continue
            d = math.hypot(p.x() - pos.x(), p.y() - pos.y())
            if d <= reach and (best is None or d < best[0]):
                best = (d, pin)
        return best[1] if best else None

    # --- painting -----------------------------------------------------------------------

    def _invalidate(self) -> None:
        # The pin layout's key holds all it depends on: it is redone only when that
        # changes (a Contrast tap does not move a pin).
        self._cache = None
        self.update()

    def _background(self) -> QPixmap:
        dpr = self.devicePixelRatioF()
        key = (self.width(), self.height(), dpr, self._view.getRect(), self._palette, len(self._dots))
        if self._cache is not None and key == self._cache_key:
            return self._cache
        pixmap = QPixmap(QSize(max(1, round(self.width() * dpr)), max(1, round(self.height() * dpr))))
        pixmap.setDevicePixelRatio(dpr)
        pal = self._palette
        pixmap.fill(QColor(pal.surface))
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        t = self._transform()
        # A dot covers most of its 0.5-degree cell, so zoomed in the land stays readable.
        cell = math.radians(0.5) * t[0]
        radius = min(max(1.2, cell * 0.3), 7.0)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(pal.border))
        w, h = self.width(), self.height()
        for x, y in self._dots:
            p = self._to_px(x, y, t)
            if -radius <= p.x() <= w + radius and -radius <= p.y() <= h + radius:
                painter.drawEllipse(p, radius, radius)
        painter.end()
        self._cache = pixmap
        self._cache_key = key
        return pixmap

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt name)
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._background())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        pal = self._palette
        pen_width = max(2, self._px // 8)
        painter.setPen(QPen(QColor(pal.border), 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(self.rect().adjusted(1, 1, -1, -1))
        t = self._transform()
        self._layout_pins()
        r = self.pin_radius()
        font = QFont()
        font.setPixelSize(max(12, round(r * 0.95)))
        font.setBold(True)
        painter.setFont(font)
        # Draw from the last to the first so pin 1 ends on top.
        for pin in reversed(self._pins):
            p = self._pin_px[pin.number]
            painter.setPen(QPen(QColor(pal.surface), pen_width))
            painter.setBrush(QColor(pal.accent))
            painter.drawEllipse(p, r, r)
            painter.setPen(QColor(pal.on_accent))
            painter.drawText(QRectF(p.x() - r, p.y() - r, 2 * r, 2 * r),
                             int(Qt.AlignmentFlag.AlignCenter), str(pin.number))
        # The searched place goes on top: a ring the pins never hide.
        if self._origin is not None:
            o = self._to_px(*self._origin, t)
            ring = self.pin_radius() * 0.8
            painter.setPen(QPen(QColor(pal.help), pen_width * 2))
            painter.setBrush(QColor(pal.surface))
            painter.drawEllipse(o, ring, ring)
            painter.setBrush(QColor(pal.help))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(o, ring * 0.4, ring * 0.4)
        painter.end()

    # --- touch --------------------------------------------------------------------------

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt name)
        self._press = event.position().toPoint()
        event.accept()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt name)
        start, self._press = self._press, None
        pos = event.position().toPoint()
        if start is None or (pos - start).manhattanLength() > TAP_SLOP_PX:
            return
        pin = self.pin_at(pos)
        if pin is not None:
            self.clinic_tapped.emit(pin.clinic)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._cache = None


def _corners(box: tuple[float, float, float, float]) -> list[tuple[float, float]]:
    lat_lo, lat_hi, lon_lo, lon_hi = box
    # The conic bends parallels, so sample the edges, not only the corners.
    pts = [(lat, lon) for lat in (lat_lo, lat_hi) for lon in (lon_lo, -96.0, lon_hi)]
    return pts
