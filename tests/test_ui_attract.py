"""The attract screen: a calm crossfade of what the kiosk offers, that stops at once on a touch
and never runs while hidden."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.ui.i18n import tr
from kiosk.ui.overlays import ATTRACT_TOPICS, AttractOverlay
from tests.ui_helpers import settings_for, settle


def quick(overlay: AttractOverlay) -> None:
    """Shrink the loop's timings for the test (the real ones are seconds)."""
    overlay.set_timing(10, 10)


def test_the_loop_is_slow_enough_never_to_flash():
    # WCAG 2.3.1: no more than three flashes a second. One topic gives way to the next
    # once every FADE_MS + HOLD_MS, with a fade of over a second: far below that.
    period_s = (AttractOverlay.FADE_MS + AttractOverlay.HOLD_MS) / 1000
    assert 1 / period_s < 0.5
    assert AttractOverlay.FADE_MS >= 1000


def test_topics_cross_fade_in_turn_and_the_subtitle_never_repeats_the_title(qtbot, open_window,
                                                                           tmp_path):
    window = open_window(settings_for(tmp_path, pack=False), size=(1920, 1080), fixed=True)
    overlay = window.attract
    quick(overlay)
    overlay.open()
    assert overlay.isVisible() and overlay.moving()
    name = overlay.kiosk_name()
    seen = [overlay.topic()]
    for _ in range(len(ATTRACT_TOPICS)):
        qtbot.waitUntil(lambda: overlay.topic() != seen[-1], timeout=3000)
        seen.append(overlay.topic())
    assert seen[0] == seen[-1]  # round the loop and back to the first
    assert [t for t, _ in seen[:-1]] == [tr(t) for t, _ in ATTRACT_TOPICS]
    for title, line in seen:
        assert title and line and title != name and line != name
        assert name.lower() not in line.lower() and line.lower() not in name.lower()
    overlay.hide()


def test_a_touch_stops_the_motion_at_once_and_wakes_the_kiosk(qtbot, open_window, tmp_path):
    window = open_window(settings_for(tmp_path, pack=False), size=(1280, 800), fixed=True)
    overlay = window.attract
    quick(overlay)
    overlay.open()
    qtbot.waitUntil(lambda: overlay.fading(),
                    timeout=3000)
    qtbot.mousePress(overlay, Qt.MouseButton.LeftButton, pos=overlay.rect().center())
    assert not overlay.moving()  # stopped on the press, before the finger lifts
    # The topic on show is drawn whole, not caught half-faded.
    assert overlay.opacity() == 1.0
    with qtbot.waitSignal(overlay.woken, timeout=1000):
        qtbot.mouseRelease(overlay, Qt.MouseButton.LeftButton, pos=overlay.rect().center())
    assert not overlay.isVisible() and not overlay.moving()


def test_hidden_it_runs_nothing(qtbot, open_window, tmp_path):
    window = open_window(settings_for(tmp_path, pack=False), size=(1280, 800), fixed=True)
    overlay = window.attract
    assert not overlay.isVisible() and not overlay.moving()  # built in warm-up: still at rest
    quick(overlay)
    overlay.open()
    qtbot.waitUntil(lambda: overlay.fading(),
                    timeout=3000)
    overlay.hide()  # mid-fade
    assert not overlay.moving()
    settle()
    assert not overlay.moving()
    # A reset's attract screen starts from the first topic again.
    overlay.open()
    assert overlay.topic()[0] == tr(ATTRACT_TOPICS[0][0])
    overlay.hide()
