"""Live updates: new content goes live at the next idle reset; bad content is refused."""

from __future__ import annotations

import pytest

from kiosk.ui.widgets.buttons import Tile
from tests.ui_helpers import settings_for, settle, shorten_timers


@pytest.fixture
def window(open_window, tmp_path):
    window = open_window(settings_for(tmp_path))
    shorten_timers(window, update_quiet_ms=10)
    return window


def retitle(tmp_path, old: str, new: str) -> None:
    page = tmp_path / "pack" / "en" / "welcome.md"
    page.write_text(page.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_valid_update_waits_for_the_idle_reset(qtbot, window, tmp_path):
    assert window.pack.page("en", "welcome").title == "Welcome"
    window.open_page("welcome")
    retitle(tmp_path, 'title = "Welcome"', 'title = "Hello and welcome"')
    qtbot.waitUntil(lambda: window.updates.pending_pack is not None, timeout=5000)
    # Mid-session nothing changes under the patient.
    assert window.reader.page.title == "Welcome"
    assert "goes live at the next reset" in "\n".join(window.updates.status_lines())
    window.reset_session()
    settle()
    assert window.pack.page("en", "welcome").title == "Hello and welcome"
    tiles = [w.accessibleName() for w in window.home.findChildren(Tile)]
    assert "Hello and welcome" in tiles


def test_broken_update_is_refused_and_old_content_keeps_serving(qtbot, window, tmp_path):
    for page in (tmp_path / "pack").rglob("*.md"):
        page.write_bytes(b"+++\nid = \n\xff\xfe broken\n")
    qtbot.waitUntil(lambda: "refused" in window.updates.content.last_event, timeout=5000)
    assert window.updates.pending_pack is None
    window.reset_session()
    assert window.pack.page("en", "welcome").title == "Welcome"
    window.open_staff()
    assert "Update refused" in window.staff.text()


def test_watcher_follows_new_language_folders(qtbot, window, tmp_path):
    (tmp_path / "pack" / "fr").mkdir()
    qtbot.waitUntil(lambda: str(tmp_path / "pack" / "fr") in window.updates.watched(), timeout=5000)


def test_clinic_csv_update_checked_then_refused_when_bad(qtbot, tmp_path, open_window):
    from kiosk import paths

    demo = (paths.resource("clinics", "demo_clinics.csv")).read_text(encoding="utf-8").splitlines()
    csv = tmp_path / "clinics.csv"
    csv.write_text("\n".join(demo[:6]) + "\n", encoding="utf-8")
    settings = settings_for(tmp_path, f"[locator]\nclinics = '{csv}'\n", pack=False)
    window = open_window(settings)
    shorten_timers(window, update_quiet_ms=10)
    csv.write_text("\n".join(demo[:9]) + "\n", encoding="utf-8")
    qtbot.waitUntil(lambda: window.updates.clinics_pending, timeout=10000)
    csv.write_text(demo[0] + "\nnot,a,valid,row\n", encoding="utf-8")
    qtbot.waitUntil(lambda: "refused" in window.updates.clinics.last_event, timeout=10000)
    assert "clinics.csv:2" in window.updates.clinics.last_event


def test_a_spanish_staff_reads_live_updates_and_the_directory_in_spanish(qtbot, open_window,
                                                                         tmp_path):
    """The fixed sentences of live updates and the clinic directory follow [staff] language
    (file names and the importer's own problems stay as they are); a refused update is
    flagged whatever the language."""
    window = open_window(settings_for(tmp_path, "[staff]\nlanguage = 'es'\n"))
    shorten_timers(window, update_quiet_ms=10)
    for page in (tmp_path / "pack").rglob("*.md"):
        page.write_bytes(b"+++\nid = \n\xff\xfe broken\n")
    qtbot.waitUntil(lambda: window.updates.content.last_event != "", timeout=5000)
    window.open_staff()
    qtbot.waitUntil(lambda: window.locator.is_loaded(), timeout=10_000)
    settle()
    report = window.staff.report
    updates, directory = report.status("updates"), report.status("locator")
    assert updates.level == "attention"
    assert updates.summary.startswith("Contenido: en uso desde el ")
    assert "Actualización rechazada a las " in updates.summary
    assert updates.summary.endswith("El contenido anterior sigue en uso.")
    assert directory.level == "ok"
    assert directory.summary.startswith("Directorio de demostración integrado (datos de ejemplo): ")
    assert directory.lines[0] == f"Archivo: {window.locator.directory.path}"
    assert directory.lines[1].startswith("Clínicas ambulatorias: ")
    assert directory.lines[2].startswith("Versión ")
    text = window.staff.text()
    for english in ("live since", "Update refused", "keeps serving", "Directory", "File:",
                    "outpatient", "Version"):
        assert english not in text, english
