"""Render every screen to PNG offscreen: for staff reviewing content, and for the README."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

from kiosk.settings import Settings

log = logging.getLogger("kiosk.ui")


def _settle() -> None:
    app = QApplication.instance()
    for _ in range(3):
        app.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def render_all(settings: Settings, outdir: Path, *, size: tuple[int, int] = (1920, 1080),
               lang: str | None = None) -> list[Path]:
    """Render home, every page, help, quick hide, locator, staff and overlays; return the files."""
    from kiosk.ui.app import build_window

    outdir.mkdir(parents=True, exist_ok=True)
    window = build_window(settings, windowed=True, size=size)
    window.setFixedSize(*size)
    window.show()
    if lang:
        window.state.set_language(lang)
    written: list[Path] = []

    def shot(name: str) -> None:
        _settle()
        path = outdir / f"{name}.png"
        window.grab().save(str(path))
        written.append(path)

    try:
        shot("01-home")
        for page in window.pages():
            if page.kind not in ("article", "list"):
                continue
            window.open_page(page.id)
            if window.reader.showing_warning():
                shot(f"page-{page.order:02d}-{page.id}-warning")
                window.reader.accept_warning()
            shot(f"page-{page.order:02d}-{page.id}")
        window.open_help()
        shot("02-help")
        window.open_locator()
        locator = window.locator
        deadline = time.monotonic() + 10
        while locator is not None and not locator.is_loaded() and time.monotonic() < deadline:
            _settle()
            time.sleep(0.01)
        shot("03-locator")
        if locator is not None and locator.is_loaded():
            locator.open_states()
            shot("03-locator-states")
            locator.search_zip("10001")
            shot("03-locator-results")
            clinics = locator.model.clinics()
            result = clinics[0] if clinics else None
            if result is not None:
                locator.open_detail(result)
                shot("03-locator-detail")
            locator.clear()
        window.quick_hide()
        shot("04-quick-hide")
        window.go_home()
        window.open_staff()
        shot("05-staff")
        window.go_home()
        window.idle_overlay.open()
        shot("06-idle-warning")
        window.idle_overlay.close_overlay()
        window.attract.open()
        shot("07-attract")
        window.attract.hide()
        window.pin_pad.open()
        shot("08-staff-pin")
        window.pin_pad.hide()
    finally:
        window.dispose()
        window.deleteLater()
        _settle()
    log.info("wrote %d screenshots to %s", len(written), outdir)
    return written
