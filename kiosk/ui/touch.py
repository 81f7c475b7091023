"""Touch helpers: physical target sizes and kinetic scrolling."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QAbstractScrollArea, QScroller, QScrollerProperties, QWidget

MIN_TARGET_MM = 9.0
MIN_TARGET_PX = 48


def min_target_px(screen: QScreen | None = None) -> int:
    """Smallest touch target in logical px: 9 mm on this screen, never under 48."""
    screen = screen or QGuiApplication.primaryScreen()
    if screen is None:
        return MIN_TARGET_PX
    dpi = screen.physicalDotsPerInch() or 96.0
    logical = MIN_TARGET_MM / 25.4 * dpi / max(screen.devicePixelRatio(), 1.0)
    return max(MIN_TARGET_PX, math.ceil(logical))


def enable_kinetic_scroll(area: QAbstractScrollArea) -> None:
    """Finger (and mouse) drags scroll the view with momentum; no sideways scrolling."""
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    viewport = area.viewport()
    QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.TouchGesture)
    QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    scroller = QScroller.scroller(viewport)
    props = scroller.scrollerProperties()
    props.setScrollMetric(QScrollerProperties.ScrollMetric.HorizontalOvershootPolicy,
                          QScrollerProperties.OvershootPolicy.OvershootAlwaysOff)
    props.setScrollMetric(QScrollerProperties.ScrollMetric.VerticalOvershootPolicy,
                          QScrollerProperties.OvershootPolicy.OvershootWhenScrollable)
    props.setScrollMetric(QScrollerProperties.ScrollMetric.DragStartDistance, 0.004)
    # Qt holds a press back 0.25 s to see whether it starts a flick; a kiosk tap must
    # react at once (press feedback, then the page). A drag still scrolls, and a
    # button dragged away from is not clicked.
    props.setScrollMetric(QScrollerProperties.ScrollMetric.MousePressEventDelay, 0.0)
    scroller.setScrollerProperties(props)


def stop_kinetic_scroll(area: QAbstractScrollArea) -> None:
    QScroller.scroller(area.viewport()).stop()


_SWIPE_EVENTS = frozenset({
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
    QEvent.Type.TouchBegin, QEvent.Type.TouchEnd,
})


class SwipeDetector(QObject):
    """Reports a horizontal swipe on a widget: a drag mostly sideways and long enough.

    It watches presses and releases only and never eats the events a view needs.
    """

    swiped = Signal(int)  # +1: finger moved left (next page), -1: moved right (previous)

    def __init__(self, target: QWidget, min_distance: int = 120) -> None:
        super().__init__(target)
        self._start: QPointF | None = None
        self._min = min_distance
        target.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() in _SWIPE_EVENTS:
            self.feed(event)
        return False

    def feed(self, event: QEvent) -> None:
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin):
            self._start = self._pos(event)
        elif kind in (QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd) and self._start:
            end = self._pos(event)
            if end is not None:
                dx, dy = end.x() - self._start.x(), end.y() - self._start.y()
                if abs(dx) >= self._min and abs(dx) > 2 * abs(dy):
                    self.swiped.emit(1 if dx < 0 else -1)
            self._start = None

    @staticmethod
    def _pos(event) -> QPointF | None:
        # In Qt 6 mouse and touch events are both QPointerEvents with points().
        points = event.points()
        return points[0].position() if points else None
