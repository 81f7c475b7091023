"""An offline map of the United States: state outlines, cities, numbered clinic pins and clusters.

QPainter only. The outlines come from ``resources/map/us.map`` (U.S. Census
Bureau, public domain; see resources/map/README.md), projected by
``kiosk.locator.mapgeo``, whose functions also place the pins, so a pin sits on
its outline. The view is fitted to the search: the radius circle (or the pins
when there is no radius) fills the map whatever the window's size, so the same
results show the same geography, only scaled. Pins that would overlap merge
into a cluster showing its count (grid bucketing, O(n)); a tap on a cluster
zooms to its members, a tap on a pin reports that clinic. When even the
closest zoom cannot part them (clinics sharing a ZIP centre), the pins fan out
around their spot with a line back to it.

Alaska, Hawaii and Puerto Rico have their own projections: a search there
shows that zone at true scale; the national view (results in several zones,
or none) shows them as insets below the lower 48.
"""

from __future__ import annotations

import math
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QPolygonF,
    QTransform,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.locator import mapgeo
from kiosk.ui import i18n, theme
from kiosk.ui.access import names
from kiosk.ui.i18n import N_, tr
from kiosk.ui.touch import min_target_px

if TYPE_CHECKING:  # the locator package loads in the screen's worker, not on the UI thread
    from kiosk.locator import Clinic, Origin

TAP_SLOP_PX = 24
MIN_HIT_RADIUS_PX = 24
MIN_SPAN_MILES = 6.0  # the closest zoom: about a small town across
FIT_PAD = 0.06
NO_RADIUS_MIN_SPAN_MILES = 20.0
LEGEND_TEXT = 0.64  # legend lines, relative to the body text size


# Outline pixmaps kept: three text steps in two themes (each 4 bytes per device pixel
# of the map, ~3 MB for 1000x700 at 1x; at most ~18 MB, held for the kiosk's life).
OUTLINE_CACHE_SIZE = 6


def zone_name(code: str) -> str:
    """An inset's title in the patient's language."""
    # Alaska and Puerto Rico are spelled the same in Spanish; Hawaii is Hawái.
    names = {"AK": "Alaska", "HI": tr("Hawaii"), "PR": "Puerto Rico"}
    return names.get(code, code)


class Pin(NamedTuple):
    """A clinic placed on the map, with its number in the result list."""

    clinic: Clinic
    number: int
    zone: str
    x: float  # in the zone's plane (Earth radii, y north)
    y: float


class _Drawn(NamedTuple):
    """One mark on the map: a single pin (``members`` of one) or a cluster."""

    members: list[Pin]
    at: QPointF  # where it is drawn
    true: QPointF  # where its first member really is (differs only when fanned out)

    @property
    def single(self) -> bool:
        return len(self.members) == 1


Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in the view's plane


@cache
def _zone_paths(code: str) -> tuple[QPainterPath, QPainterPath]:
    """Land (closed rings) and state borders of a zone, as paths in its plane (built once)."""
    shapes = mapgeo.load_map().zones[code]
    land = QPainterPath()
    land.setFillRule(Qt.FillRule.OddEvenFill)
    for ring in shapes.land:
        land.addPolygon(QPolygonF([QPointF(ring[i], ring[i + 1]) for i in range(0, len(ring), 2)]))
        land.closeSubpath()
    borders = QPainterPath()
    for line in shapes.borders:
        borders.moveTo(line[0], line[1])
        for i in range(2, len(line), 2):
            borders.lineTo(line[i], line[i + 1])
    return land, borders


STROKE_CHUNK = 48  # points per stroked piece: a zoomed-in view strokes only the pieces it shows


@cache
def _zone_strokes(code: str) -> tuple[tuple[tuple[QRectF, QPainterPath], ...],
                                      tuple[tuple[QRectF, QPainterPath], ...]]:
    """Coastline and state borders of a zone as short pieces with their bounds (built once).

    Qt strokes every segment of a path however little of it is on show (about 16 ms for
    the lower 48 on this machine); a view fitted to a 50-mile search needs a few pieces.
    """
    shapes = mapgeo.load_map().zones[code]

    def pieces(lines, closed: bool) -> tuple[tuple[QRectF, QPainterPath], ...]:
        out = []
        for line in lines:
            pts = [QPointF(line[i], line[i + 1]) for i in range(0, len(line), 2)]
            if closed and pts:
                pts.append(pts[0])
            for start in range(0, max(1, len(pts) - 1), STROKE_CHUNK):
                part = pts[start:start + STROKE_CHUNK + 1]
                if len(part) < 2:
                    continue
                path = QPainterPath()
                path.addPolygon(QPolygonF(part))
                # A straight piece has an empty box, which intersects nothing: give it depth.
                out.append((path.boundingRect().adjusted(-1e-6, -1e-6, 1e-6, 1e-6), path))
        return tuple(out)

    return pieces(shapes.land, True), pieces(shapes.borders, False)


def warm_up() -> None:
    """Build every zone's paths now (the finder's loader calls this on its worker thread)."""
    for code in mapgeo.ZONES:
        _zone_paths(code)
        _zone_strokes(code)


def _mix(a: str, b: str, t: float) -> QColor:
    ca, cb = QColor(a), QColor(b)
    return QColor.fromRgbF(ca.redF() + (cb.redF() - ca.redF()) * t,
                           ca.greenF() + (cb.greenF() - ca.greenF()) * t,
                           ca.blueF() + (cb.blueF() - ca.blueF()) * t)


class UsMap(QWidget):
    """The map; ``set_results`` places pins and fits the view; a tapped pin is reported."""

    clinic_tapped = Signal(object)  # Clinic
    view_changed = Signal()  # zoomed in to a cluster, or back to all results

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("UsMap")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self._data = mapgeo.load_map()
        self._pins: list[Pin] = []
        self._off_map = 0
        self._origin: Origin | None = None
        self._origin_xy: tuple[str, float, float] | None = None
        self._radius: float | None = None
        self._zone: str | None = None  # None: the national view with insets
        self._home: Box = self._national_box()
        self._home_zone: str | None = None
        self._view: Box = self._home
        self._cache: QPixmap | None = None
        self._cache_key: tuple = ()
        self._outline_cache: dict[tuple, QPixmap] = {}  # oldest first (see _outlines)
        self._ring_key: tuple = ()
        self._ring = QPolygonF()
        self._drawn: list[_Drawn] = []
        self._layout_key: tuple = ()
        self._labels: list[tuple[QRectF, str, QPointF]] = []
        self._here_label: QRectF | None = None
        self._press: QPoint | None = None
        self._px = theme.BASE_TEXT_PX
        self._theme = "default"
        self._palette = theme.palette("default")
        self._language = ""
        self._t_key: tuple = ()
        self._t = (1.0, 0.0, 0.0)
        self._lh_key: tuple = ()
        self._lh = 0.0
        self._describe()

    # --- public API ---------------------------------------------------------------------

    def set_results(self, clinics: list[Clinic], numbers: list[int], origin: Origin | None,
                    radius_miles: float | None = None) -> None:
        """Pins for these clinics (with their list numbers), the origin, the radius; the view fits them."""
        self._pins = []
        self._off_map = 0
        for clinic, number in zip(clinics, numbers, strict=True):
            where = mapgeo.project(clinic.lat, clinic.lon)
            if where is None:
                self._off_map += 1
            else:
                self._pins.append(Pin(clinic, number, *where))
        self._origin = origin
        self._origin_xy = mapgeo.project(origin.lat, origin.lon) if origin is not None else None
        self._radius = radius_miles if origin is not None and radius_miles else None
        self._zone, self._home = self._fit()
        self._home_zone = self._zone
        self._view = self._home
        # Drop the old marks now, not at the next paint: after an idle reset a hidden map
        # must not hold the last patient's results.
        self._drawn, self._labels, self._here_label = [], [], None
        self._describe()
        self._invalidate()

    def clear(self) -> None:
        self.set_results([], [], None)

    def pins(self) -> list[Pin]:
        return list(self._pins)

    def view_zone(self) -> str | None:
        """The zone filling the map ("L48", "AK", "HI", "PR"), or None for the national view."""
        return self._zone

    def insets(self) -> list[str]:
        """The zones drawn as inset boxes (the national view shows Alaska, Hawaii and Puerto Rico)."""
        return list(mapgeo.INSETS) if self._zone is None else []

    def inset_rect(self, code: str) -> QRectF:
        """The frame of an inset box in widget pixels (empty when that inset is not drawn)."""
        if code not in self.insets():
            return QRectF()
        x0, y0, x1, y1 = self._placed_box(code)
        scale, ox, oy = self._transform()
        rect = QRectF(ox + x0 * scale, oy - y1 * scale, (x1 - x0) * scale, (y1 - y0) * scale)
        return rect.adjusted(-6, -QFontMetricsF(self._font(0.62)).height() - 4, 6, 6)

    def is_zoomed_in(self) -> bool:
        """True after a cluster tap zoomed closer than the fitted view."""
        return self._view != self._home or self._zone != self._home_zone

    def show_all(self) -> None:
        """Back to the view fitted to all results."""
        if self.is_zoomed_in():
            self._view, self._zone = self._home, self._home_zone
            self._invalidate()
            self.view_changed.emit()

    def pin_position(self, number: int) -> QPoint:
        """Where pin ``number`` is drawn, in widget pixels (its cluster's spot when clustered)."""
        self._layout()
        for d in self._drawn:
            if any(p.number == number for p in d.members):
                return d.at.toPoint()
        raise KeyError(number)

    def true_position(self, number: int) -> QPointF:
        """Where pin ``number``'s clinic projects to, in widget pixels (no clustering or fanning)."""
        pin = next(p for p in self._pins if p.number == number)
        point = self.to_px(pin.zone, pin.x, pin.y)
        if point is None:
            raise KeyError(number)
        return point

    def clusters(self) -> list[list[int]]:
        """The pin numbers of every mark on the map: one number for a pin, several for a cluster."""
        self._layout()
        return [[p.number for p in d.members] for d in self._drawn]

    def pin_at(self, pos: QPoint) -> Pin | None:
        """The single pin nearest ``pos`` within the hit radius (never under 24 px); clusters are not pins."""
        hit = self._mark_at(pos)
        return hit.members[0] if hit is not None and hit.single else None

    def cluster_at(self, pos: QPoint) -> list[Pin] | None:
        """The members of the cluster under ``pos``, or None."""
        hit = self._mark_at(pos)
        return list(hit.members) if hit is not None and not hit.single else None

    def show_all_rect(self) -> QRectF:
        """The painted "Show all" control (shown only when zoomed in)."""
        # Bottom right: the corner the scale bar and the legend leave free.
        t = max(min_target_px(self.screen()), round(self._px * 1.7))
        font = self._font(0.8, bold=True)
        w = QFontMetricsF(font).horizontalAdvance(tr("Show all results")) + t * 0.7
        m = 8
        return QRectF(self.width() - w - m, self.map_rect().bottom() - t - m, w, t)

    def set_appearance(self, theme_name: str, text_px: int) -> None:
        self._theme = theme_name
        self._palette = theme.palette(theme_name)
        self._px = text_px
        # The cached outlines, marks and labels are keyed by what they depend on (the
        # palette, the text size): a Contrast tap keeps the marks and labels laid out.
        self.update()

    def pin_radius(self) -> int:
        return max(16, round(self._px * 0.8))

    def cluster_radius(self) -> int:
        return round(self.pin_radius() * 1.2)

    # --- fitting --------------------------------------------------------------------------

    def _national_box(self) -> Box:
        boxes = [self._placed_box(code) for code in mapgeo.ZONES]
        return (min(b[0] for b in boxes), min(b[1] for b in boxes),
                max(b[2] for b in boxes), max(b[3] for b in boxes))

    def _placed_box(self, code: str) -> Box:
        x0, y0, x1, y1 = self._data.zones[code].bbox
        s, dx, dy = self._data.placement[code]
        return (x0 * s + dx, y0 * s + dy, x1 * s + dx, y1 * s + dy)

    def _fit(self) -> tuple[str | None, Box]:
        """The zone and the box to show: the radius circle and every pin, padded."""
        zones = {p.zone for p in self._pins}
        if self._origin_xy is not None:
            zones.add(self._origin_xy[0])
        if len(zones) != 1:
            return None, self._national_box()
        zone = zones.pop()
        points = [(p.x, p.y) for p in self._pins]
        if self._origin_xy is not None:
            points.append(self._origin_xy[1:])
            if self._radius is not None and self._origin is not None:
                for lat, lon in mapgeo.circle(self._origin.lat, self._origin.lon, self._radius):
                    points.append(mapgeo.albers(zone, lat, lon))
        min_span = (MIN_SPAN_MILES if self._radius is not None else NO_RADIUS_MIN_SPAN_MILES)
        return zone, _box_around(points, min_span / mapgeo.EARTH_RADIUS_MILES, FIT_PAD)

    def map_rect(self) -> QRectF:
        """The part of the widget the geography fills (the legend strip sits below it)."""
        return QRectF(0, 0, self.width(), max(1.0, self.height() - self.legend_height()))

    def _transform(self) -> tuple[float, float, float]:
        """Scale (px per plane unit) and offsets that fit the view box into the map rect."""
        key = (self.width(), self.height(), self._view, self._px, i18n.language(),
               self._origin_xy is not None)
        if key != self._t_key:
            self._t_key, self._t = key, self._fit_transform()
        return self._t

    def _fit_transform(self) -> tuple[float, float, float]:
        x0, y0, x1, y1 = self._view
        area = self.map_rect()
        margin = self.cluster_radius() + 6
        avail_w = max(1.0, area.width() - 2 * margin)
        avail_h = max(1.0, area.height() - 2 * margin)
        scale = min(avail_w / (x1 - x0), avail_h / (y1 - y0))
        ox = margin + (avail_w - (x1 - x0) * scale) / 2 - x0 * scale
        # y grows north on the plane and south on screen.
        oy = margin + (avail_h - (y1 - y0) * scale) / 2 + y1 * scale
        return scale, ox, oy

    def _plane(self, zone: str, x: float, y: float) -> tuple[float, float] | None:
        """A zone-plane point in the view's plane, or None when that zone is not on show."""
        if self._zone is None:
            s, dx, dy = self._data.placement[zone]
            return x * s + dx, y * s + dy
        return (x, y) if zone == self._zone else None

    def to_px(self, zone: str, x: float, y: float) -> QPointF | None:
        """Where a projected point (``mapgeo.project``) is on the widget; None when its zone
        (Alaska, Hawaii, Puerto Rico...) is not the one on show."""
        p = self._plane(zone, x, y)
        if p is None:
            return None
        scale, ox, oy = self._transform()
        return QPointF(ox + p[0] * scale, oy - p[1] * scale)

    def _zone_transform(self, zone: str) -> QTransform:
        scale, ox, oy = self._transform()
        s, dx, dy = self._data.placement[zone] if self._zone is None else (1.0, 0.0, 0.0)
        return QTransform(s * scale, 0, 0, -s * scale, ox + dx * scale, oy - dy * scale)

    def px_per_mile(self) -> float:
        """The map's scale at the view shown: pixels per mile."""
        return self._transform()[0] / mapgeo.EARTH_RADIUS_MILES

    # --- layout of the marks --------------------------------------------------------------

    def _layout(self) -> None:
        key = (self.width(), self.height(), self._view, self._zone, self._px,
               len(self._pins), id(self._pins))
        if key == self._layout_key:
            return
        self._layout_key = key
        self._drawn = layout_marks(self._pins, self.to_px, self.cluster_radius(), self.pin_radius(),
                                   fan=self._at_closest_zoom())
        self._place_labels()

    def _at_closest_zoom(self) -> bool:
        x0, y0, x1, y1 = self._view
        # A hair of slack: the box is built as centre +- span/2, which can come out a
        # few ulps over span (then a cluster at the closest zoom never fanned out).
        return min(x1 - x0, y1 - y0) <= MIN_SPAN_MILES / mapgeo.EARTH_RADIUS_MILES * 1.5 * (1 + 1e-9)

    def _mark_at(self, pos: QPoint) -> _Drawn | None:
        self._layout()
        best: tuple[float, _Drawn] | None = None
        for d in self._drawn:
            r = self.pin_radius() if d.single else self.cluster_radius()
            reach = max(MIN_HIT_RADIUS_PX, r + 8)
            dist = math.hypot(d.at.x() - pos.x(), d.at.y() - pos.y())
            if dist <= reach and (best is None or dist < best[0]):
                best = (dist, d)
        return best[1] if best else None

    def _zoom_to(self, members: list[Pin]) -> None:
        points = [(p.x, p.y) for p in members]
        box = _box_around(points, MIN_SPAN_MILES / mapgeo.EARTH_RADIUS_MILES, 0.25)
        if self._zone is None:  # a cluster in the national view: go to its zone
            self._zone = members[0].zone
        self._view = box
        self._invalidate()
        self.view_changed.emit()

    # --- text -------------------------------------------------------------------------------

    def _font(self, factor: float, bold: bool = False) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(max(13, round(self._px * factor)))
        font.setBold(bold)
        return font

    def _describe(self) -> None:
        """The accessible description: what the map shows, in words."""
        self._language = i18n.language()
        count = len(self._pins)
        if count == 0:
            text = tr("Map of the United States")
        elif self._radius is not None and self._origin is not None:
            miles = f"{self._radius:g}"
            text = tr("Map: %n clinics within {miles} miles of {zip}", None, count, miles=miles,
                      zip=self._origin.zip)
        else:
            text = tr("Map: %n clinics", None, count)
        if not self.accessibleName() or names.source(self) == "Map":  # unless its page named it
            names.set_name(self, N_("Map"))
        self.setAccessibleDescription(text)

    def _legend_items(self) -> list[tuple[str, str]]:
        items = [("here", tr("You are here"))] if self._origin_xy is not None else []
        # The same rows whatever the marks are, so the map's area never depends on its layout.
        items.append(("pin", tr("Clinic (number as in the list)")))
        items.append(("cluster", tr("Several clinics: tap to zoom in")))
        items.append(("home", tr("Care at home is not on the map")))
        return items

    def _legend_rows(self) -> list[list[tuple[str, str, float]]]:
        """Legend entries wrapped into rows that fit the width: (kind, text, width)."""
        fm = QFontMetricsF(self._font(LEGEND_TEXT))
        sym = self._legend_symbol()
        rows: list[list[tuple[str, str, float]]] = [[]]
        used = 0.0
        gap = self._px * 1.2
        for kind, text in self._legend_items():
            w = (sym + 8 if kind != "home" else 0) + fm.horizontalAdvance(text)
            if rows[-1] and used + gap + w > self.width() - 16:
                rows.append([])
                used = 0.0
            used += (gap if rows[-1] else 0) + w
            rows[-1].append((kind, text, w))
        return rows

    def _legend_symbol(self) -> float:
        return max(16.0, self._px * 0.8)

    def legend_height(self) -> float:
        key = (self.width(), self._px, i18n.language(), self._origin_xy is not None)
        if key != self._lh_key:
            self._lh_key, self._lh = key, self._measure_legend()
        return self._lh

    def _measure_legend(self) -> float:
        line = max(self._legend_symbol(), QFontMetricsF(self._font(LEGEND_TEXT)).height()) + 6
        return len(self._legend_rows()) * line + 8

    # --- city labels ------------------------------------------------------------------------

    def _place_labels(self) -> None:
        """City names that fit without touching each other, a pin or a control (largest first)."""
        fm = QFontMetricsF(self._font(0.7))
        area = self.map_rect().adjusted(4, 4, -4, -4)
        occupied = mapgeo.RectIndex(self._px * 4)
        r = self.cluster_radius() + 2
        for d in self._drawn:
            occupied.add((d.at.x() - r, d.at.y() - r, 2 * r, 2 * r))
        occupied.add(_rect_tuple(self._scale_rect()))
        for code in self.insets():  # names keep off the inset frames
            frame = self.inset_rect(code)
            for edge in (QRectF(frame.left() - 2, frame.top() - 2, frame.width() + 4, 4),
                         QRectF(frame.left() - 2, frame.bottom() - 2, frame.width() + 4, 4),
                         QRectF(frame.left() - 2, frame.top() - 2, 4, frame.height() + 4),
                         QRectF(frame.right() - 2, frame.top() - 2, 4, frame.height() + 4)):
                occupied.add(_rect_tuple(edge))
        occupied.add(_rect_tuple(self.show_all_rect()))
        self._here_label = None
        if self._origin_xy is not None:
            o = self.to_px(*self._origin_xy)
            if o is not None:
                ring = self._here_ring()
                occupied.add((o.x() - ring, o.y() - ring, 2 * ring, 2 * ring))
                fb = QFontMetricsF(self._font(0.72, bold=True))
                # Next to the ring if there is room, else a little way off with a line back.
                for off in (ring + 4, ring + 4 + 1.5 * r, ring + 4 + 3 * r):
                    self._here_label = self._try_label(o, tr("You are here"), fb, off, area, occupied)
                    if self._here_label is not None:
                        break
        self._labels = []
        pad = self._px * 0.5
        for city in self._data_cities():
            where = mapgeo.project(city.lat, city.lon)
            if where is None:
                continue
            p = self.to_px(*where)
            if p is None or not area.contains(p):
                continue
            rect = self._try_label(p, city.name, fm, 6, area, occupied, pad)
            if rect is not None:
                self._labels.append((rect, city.name, p))
            if len(self._labels) >= 40:
                break

    @staticmethod
    def _data_cities() -> tuple[mapgeo.City, ...]:
        try:
            return mapgeo.load_cities()
        except mapgeo.MapFormatError:  # names are decoration; the outlines and pins still show
            return ()

    @staticmethod
    def _try_label(p: QPointF, text: str, fm: QFontMetricsF, off: float, area: QRectF,
                   occupied: mapgeo.RectIndex, pad: float = 2.0) -> QRectF | None:
        w, h = fm.horizontalAdvance(text), fm.height()
        for rect in (QRectF(p.x() + off, p.y() - h / 2, w, h), QRectF(p.x() - off - w, p.y() - h / 2, w, h),
                     QRectF(p.x() - w / 2, p.y() - off - h, w, h), QRectF(p.x() - w / 2, p.y() + off, w, h)):
            padded = rect.adjusted(-pad, -pad / 2, pad, pad / 2)
            if area.contains(rect) and not occupied.hits(_rect_tuple(padded)):
                occupied.add(_rect_tuple(padded))
                # The dot itself is kept clear as well.
                occupied.add((p.x() - 4, p.y() - 4, 8, 8))
                return rect
        return None

    def _scale_rect(self) -> QRectF:
        area = self.map_rect()
        h = max(30.0, self._px * 1.5)
        w = min(area.width() * 0.35, 320)
        if self._zone is None:  # the insets fill the bottom left; the Pacific off Washington is free
            return QRectF(10, 6, w, h)
        return QRectF(10, area.bottom() - h - 6, w, h)

    # --- painting -----------------------------------------------------------------------

    def drop_caches(self) -> None:
        """Forget the drawn outlines and background (drawn again at the next paint)."""
        self._outline_cache.clear()
        self._invalidate()

    def _invalidate(self) -> None:
        self._cache = None
        self._layout_key = ()
        self.update()

    def _background(self) -> QPixmap:
        dpr = self.devicePixelRatioF()
        key = (self.width(), self.height(), dpr, self._view, self._zone, self._palette, self._px,
               self._radius, self._origin_xy, self._language)
        if self._cache is not None and key == self._cache_key:
            return self._cache
        pixmap = QPixmap(self._outlines(dpr))  # a copy: the cached outlines stay as drawn
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if self._zone is None:
            self._paint_inset_frames(painter)
        self._paint_radius(painter)
        painter.end()
        self._cache = pixmap
        self._cache_key = key
        return pixmap

    def _outlines(self, dpr: float) -> QPixmap:
        """The sea, the land and the antialiased state lines (~16 ms to stroke), kept per
        (size, view, theme) for the last few: a Text size or Contrast tap, which changes
        the marks, the legend and the frames drawn over them, mostly finds them drawn."""
        area = self.map_rect()
        key = (self.width(), self.height(), dpr, self._zone, self._transform(),
               (area.width(), area.height()), self._theme, self._palette)
        found = self._outline_cache.pop(key, None)
        if found is None:
            found = self._draw_outlines(dpr, area)
            while len(self._outline_cache) >= OUTLINE_CACHE_SIZE:
                self._outline_cache.pop(next(iter(self._outline_cache)))  # the oldest
        self._outline_cache[key] = found  # now the newest
        return found

    def _draw_outlines(self, dpr: float, area: QRectF) -> QPixmap:
        pixmap = QPixmap(QSize(max(1, round(self.width() * dpr)), max(1, round(self.height() * dpr))))
        pixmap.setDevicePixelRatio(dpr)
        pal = self._palette
        pixmap.fill(QColor(pal.surface))
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        hc = self._theme == "high-contrast"
        painter.fillRect(area, _mix(pal.surface, pal.link, 0.30 if hc else 0.16))
        painter.setClipRect(area)
        zones = list(mapgeo.ZONES) if self._zone is None else [self._zone]
        coast = QPen(_mix(pal.border, pal.text, 0.45), 1.6)
        inner = QPen(QColor(pal.border), 1.1)
        for pen in (coast, inner):
            pen.setCosmetic(True)
            # Round ends: the pieces of one line meet without a seam.
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        for code in zones:
            land, _borders = _zone_paths(code)
            transform = self._zone_transform(code)
            painter.setTransform(transform)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(pal.surface))
            painter.drawPath(land)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            # The part of the zone's plane on show, a few pixels wider (the pen's width).
            inverse, ok = transform.inverted()
            seen = inverse.mapRect(QRectF(area).adjusted(-4, -4, 4, 4)) if ok else QRectF()
            coast_pieces, border_pieces = _zone_strokes(code)
            for pen, pieces in ((inner, border_pieces), (coast, coast_pieces)):
                painter.setPen(pen)
                for bounds, path in pieces:
                    if not ok or bounds.intersects(seen):
                        painter.drawPath(path)
        painter.end()
        return pixmap

    def _paint_inset_frames(self, painter: QPainter) -> None:
        pal = self._palette
        font = self._font(0.62)
        painter.setFont(font)
        for code in mapgeo.INSETS:
            rect = self.inset_rect(code)
            painter.setPen(QPen(QColor(pal.border), 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect)
            painter.setPen(QColor(pal.muted))
            painter.drawText(rect.adjusted(4, 2, -4, 0),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), zone_name(code))

    def _paint_radius(self, painter: QPainter) -> None:
        if self._radius is None or self._origin is None or self._origin_xy is None:
            return
        zone = self._origin_xy[0]
        if self._zone is not None and zone != self._zone:
            return  # the search's zone is not on show
        pal = self._palette
        fill = QColor(pal.accent)
        fill.setAlphaF(0.05 if self._theme != "high-contrast" else 0.10)
        pen = QPen(QColor(pal.accent), max(2.0, self._px / 10), Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(QBrush(fill))
        painter.drawPolygon(self._zone_transform(zone).map(self._radius_ring(zone)))

    def _radius_ring(self, zone: str) -> QPolygonF:
        """The search radius as a polygon on ``zone``'s plane, projected once per search."""
        key = (self._origin.lat, self._origin.lon, self._radius, zone) if self._origin else ()
        if key != self._ring_key:
            assert self._origin is not None and self._radius is not None
            self._ring_key = key
            self._ring = QPolygonF([QPointF(*mapgeo.albers(zone, lat, lon)) for lat, lon in
                                    mapgeo.circle(self._origin.lat, self._origin.lon,
                                                  self._radius, 120)])
        return self._ring

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if self._language != i18n.language():
            self._describe()
            self._cache = None
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._background())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self._layout()
        pal = self._palette
        self._paint_cities(painter)
        self._paint_scale(painter)
        self._paint_origin(painter)
        self._paint_marks(painter)
        self._paint_origin_ring(painter)
        if self.is_zoomed_in():
            self._paint_show_all(painter)
        self._paint_legend(painter)
        painter.setPen(QPen(QColor(pal.border), 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        painter.end()

    def _paint_cities(self, painter: QPainter) -> None:
        pal = self._palette
        painter.setFont(self._font(0.7))
        for rect, name, p in self._labels:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(pal.muted))
            painter.drawEllipse(p, 3.0, 3.0)
            painter.setPen(QColor(pal.muted))
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), name)

    def _paint_scale(self, painter: QPainter) -> None:
        pal = self._palette
        rect = self._scale_rect()
        per_mile = self.px_per_mile()
        miles = mapgeo.nice_miles((rect.width() - 20) / per_mile) if per_mile > 0 else 0
        if miles <= 0:
            return
        length = miles * per_mile
        font = self._font(0.62)
        painter.setFont(font)
        text = tr("{miles} miles", miles=f"{miles:,g}") if miles != 1 else tr("1 mile")
        if self._zone is None:
            text += " " + tr("(lower 48)")
        y = rect.bottom() - 6
        x = rect.left() + 8
        painter.setPen(QPen(QColor(pal.text), 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
        painter.drawLine(QPointF(x, y), QPointF(x + length, y))
        painter.drawLine(QPointF(x, y - 6), QPointF(x, y + 1))
        painter.drawLine(QPointF(x + length, y - 6), QPointF(x + length, y + 1))
        painter.setPen(QColor(pal.text))
        painter.drawText(QRectF(x, rect.top(), rect.width(), rect.height() - 12),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom), text)

    def _here_ring(self) -> float:
        """The "You are here" ring: wide enough to go around a cluster on the same spot."""
        return self.cluster_radius() + 6.0

    def _paint_here_dot(self, painter: QPainter, o: QPointF, ring: float) -> None:
        pal = self._palette
        painter.setPen(QPen(QColor(pal.surface), 2))
        painter.setBrush(QColor(pal.help))
        painter.drawEllipse(o, max(4.0, ring * 0.25), max(4.0, ring * 0.25))

    def _paint_here_ring(self, painter: QPainter, o: QPointF, ring: float) -> None:
        pal = self._palette
        width = max(3.0, ring / 8)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor(pal.surface), width + 3))
        painter.drawEllipse(o, ring, ring)
        painter.setPen(QPen(QColor(pal.help), width))
        painter.drawEllipse(o, ring, ring)

    def _paint_here_symbol(self, painter: QPainter, o: QPointF, ring: float) -> None:
        self._paint_here_dot(painter, o, ring)
        self._paint_here_ring(painter, o, ring)

    def _origin_px(self) -> QPointF | None:
        return self.to_px(*self._origin_xy) if self._origin_xy is not None else None

    def _paint_origin(self, painter: QPainter) -> None:
        """Under the pins: the dot on the searched place (a pin there stays readable)."""
        o = self._origin_px()
        if o is not None:
            self._paint_here_dot(painter, o, self._here_ring())

    def _paint_origin_ring(self, painter: QPainter) -> None:
        """Over the pins: a hollow ring around the searched place, and its label."""
        o = self._origin_px()
        if o is None:
            return
        ring = self._here_ring()
        self._paint_here_ring(painter, o, ring)
        label = self._here_label
        if label is not None:
            if not label.adjusted(-ring - 8, -ring - 8, ring + 8, ring + 8).contains(o):
                near = QPointF(min(max(o.x(), label.left()), label.right()),
                               min(max(o.y(), label.top()), label.bottom()))
                dx, dy = near.x() - o.x(), near.y() - o.y()
                d = math.hypot(dx, dy) or 1.0
                painter.setPen(QPen(QColor(self._palette.help), 2))
                painter.drawLine(QPointF(o.x() + dx / d * ring, o.y() + dy / d * ring), near)
            painter.setFont(self._font(0.72, bold=True))
            self._halo_text(painter, label, tr("You are here"), QColor(self._palette.help))

    def _halo_text(self, painter: QPainter, rect: QRectF, text: str, color: QColor) -> None:
        back = QColor(self._palette.surface)
        back.setAlphaF(0.85)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(back)
        painter.drawRoundedRect(rect.adjusted(-3, 0, 3, 0), 4, 4)
        painter.setPen(color)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), text)

    def _paint_pin(self, painter: QPainter, p: QPointF, r: float, label: str) -> None:
        pal = self._palette
        painter.setPen(QPen(QColor(pal.surface), max(2, self._px // 8)))
        painter.setBrush(QColor(pal.accent))
        painter.drawEllipse(p, r, r)
        painter.setPen(QColor(pal.on_accent))
        painter.drawText(QRectF(p.x() - r, p.y() - r, 2 * r, 2 * r), int(Qt.AlignmentFlag.AlignCenter), label)

    def _paint_cluster(self, painter: QPainter, p: QPointF, r: float, label: str) -> None:
        pal = self._palette
        # A second disc peeking out behind: a stack, so a count never reads as a list number.
        painter.setPen(QPen(QColor(pal.accent), max(2, self._px // 10)))
        painter.setBrush(QColor(pal.surface))
        painter.drawEllipse(QPointF(p.x() + r * 0.22, p.y() - r * 0.22), r, r)
        painter.setPen(QPen(QColor(pal.accent), max(3, self._px // 6)))
        painter.drawEllipse(p, r, r)
        painter.setPen(QColor(pal.accent))
        painter.drawText(QRectF(p.x() - r, p.y() - r, 2 * r, 2 * r), int(Qt.AlignmentFlag.AlignCenter), label)

    def _paint_marks(self, painter: QPainter) -> None:
        pal = self._palette
        r, rc = self.pin_radius(), self.cluster_radius()
        font = QFont(self.font())
        font.setBold(True)
        # Leader lines first, so a fanned-out pin points back to its real spot.
        for d in self._drawn:
            if d.at != d.true:
                painter.setPen(QPen(QColor(pal.text), 1.5))
                painter.drawLine(d.at, d.true)
                painter.setBrush(QColor(pal.text))
                painter.drawEllipse(d.true, 3.0, 3.0)
        # From the last to the first, so the lowest number ends on top.
        for d in reversed(self._drawn):
            if d.single:
                text = str(d.members[0].number)
                font.setPixelSize(max(12, round(r * (0.95 if len(text) < 3 else 0.75))))
                painter.setFont(font)
                self._paint_pin(painter, d.at, r, text)
            else:
                text = str(len(d.members))
                font.setPixelSize(max(12, round(rc * (0.9 if len(text) < 3 else 0.7))))
                painter.setFont(font)
                self._paint_cluster(painter, d.at, rc, text)

    def _paint_show_all(self, painter: QPainter) -> None:
        pal = self._palette
        rect = self.show_all_rect()
        painter.setPen(QPen(QColor(pal.accent), 2))
        painter.setBrush(QColor(pal.surface))
        painter.drawRoundedRect(rect, 10, 10)
        painter.setFont(self._font(0.8, bold=True))
        painter.setPen(QColor(pal.accent))
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), tr("Show all results"))

    def _paint_legend(self, painter: QPainter) -> None:
        pal = self._palette
        top = self.map_rect().bottom()
        painter.fillRect(QRectF(0, top, self.width(), self.height() - top), QColor(pal.surface))
        painter.setPen(QPen(QColor(pal.border), 1))
        painter.drawLine(QPointF(0, top), QPointF(self.width(), top))
        font = self._font(LEGEND_TEXT)
        fm = QFontMetricsF(font)
        sym = self._legend_symbol()
        line = max(sym, fm.height()) + 6
        y = top + 4
        bold = QFont(font)
        bold.setBold(True)
        bold.setPixelSize(max(11, round(sym * 0.55)))
        for row in self._legend_rows():
            x = 10.0
            cy = y + line / 2
            for kind, text, w in row:
                if kind != "home":
                    c = QPointF(x + sym / 2, cy)
                    painter.setFont(bold)
                    if kind == "here":
                        self._paint_here_symbol(painter, c, sym * 0.4)
                    elif kind == "pin":
                        self._paint_pin(painter, c, sym / 2, "1")
                    else:
                        self._paint_cluster(painter, c, sym / 2, "3")
                    tx = x + sym + 8
                else:
                    tx = x
                painter.setFont(font)
                painter.setPen(QColor(pal.text if kind != "home" else pal.muted))
                painter.drawText(QRectF(tx, y, w, line), int(Qt.AlignmentFlag.AlignVCenter), text)
                x += w + self._px * 1.2
            y += line

    # --- touch --------------------------------------------------------------------------

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt name)
        self._press = event.position().toPoint()
        event.accept()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt name)
        start, self._press = self._press, None
        pos = event.position().toPoint()
        if start is None or (pos - start).manhattanLength() > TAP_SLOP_PX:
            return
        if self.is_zoomed_in() and self.show_all_rect().adjusted(-6, -6, 6, 6).contains(QPointF(pos)):
            self.show_all()
            return
        hit = self._mark_at(pos)
        if hit is None:
            return
        if hit.single:
            self.clinic_tapped.emit(hit.members[0].clinic)
        else:
            self._zoom_to(hit.members)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._cache = None


def layout_marks(pins: list[Pin], to_px, cluster_r: float, pin_r: float, fan: bool) -> list[_Drawn]:
    """Pins in list order to marks: clusters where they would overlap, or fanned out at the closest zoom.

    ``to_px(zone, x, y)`` gives a pin's widget position (None: not on show). Grid
    bucketing (mapgeo.cluster) keeps this O(n) expected for any number of pins.
    """
    shown: list[tuple[Pin, QPointF]] = []
    for pin in pins:
        p = to_px(pin.zone, pin.x, pin.y)
        if p is not None:
            shown.append((pin, p))
    # Each zone on its own: a cluster never mixes Alaska's inset with California.
    groups: list[list[int]] = []
    for zone in dict.fromkeys(pin.zone for pin, _ in shown):
        index = [i for i, (pin, _) in enumerate(shown) if pin.zone == zone]
        found = mapgeo.cluster([(shown[i][1].x(), shown[i][1].y()) for i in index], 2 * cluster_r + 4)
        groups += [[index[k] for k in g] for g in found]
    groups.sort(key=lambda g: g[0])
    out: list[_Drawn] = []
    for group in groups:
        seed = shown[group[0]][1]
        if len(group) == 1 or not fan:
            out.append(_Drawn([shown[i][0] for i in group], seed, seed))
            continue
        # Fan out on a sunflower spiral around the seed: every pin gets its own spot.
        step = 2 * pin_r + 4
        for k, i in enumerate(group):
            pin, true = shown[i]
            if k == 0:
                out.append(_Drawn([pin], QPointF(seed.x(), seed.y() - step * 0.9), true))
                continue
            radius = step * (0.9 + 0.55 * math.sqrt(k))
            angle = -math.pi / 2 + k * 2.39996
            out.append(_Drawn([pin], QPointF(seed.x() + radius * math.cos(angle),
                                             seed.y() + radius * math.sin(angle)), true))
    return out


def _box_around(points: list[tuple[float, float]], min_span: float, pad: float) -> Box:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    w = max(max(xs) - min(xs), min_span) * (1 + 2 * pad)
    h = max(max(ys) - min(ys), min_span) * (1 + 2 * pad)
    return (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)


def _rect_tuple(r: QRectF) -> mapgeo.Rect:
    return (r.x(), r.y(), r.width(), r.height())
