"""Live updates that cannot go wrong: the content folder deleted and recreated or swapped by
rename, an error inside an update slot, a pack with one bad page or a half-written file, and
staff Reload with the folder missing."""

from __future__ import annotations

import os
import re
import shutil

import pytest

from kiosk.ui.updates import check_content
from tests.ui_helpers import make_pack, settings_for, settle, shorten_timers, tap


@pytest.fixture
def window(open_window, tmp_path):
    window = open_window(settings_for(tmp_path))
    shorten_timers(window, update_quiet_ms=10)
    return window


def retitle(folder, new: str) -> None:
    page = folder / "en" / "welcome.md"
    text = page.read_text(encoding="utf-8")
    start = text.index('title = "') + len('title = "')
    end = text.index('"', start)
    page.write_text(text[:start] + new + text[end:], encoding="utf-8")


def pending_title(window) -> str | None:
    pack = window.updates.pending_pack
    return pack.page("en", "welcome").title if pack is not None else None


def test_folder_deleted_and_recreated_is_still_watched(qtbot, window, tmp_path):
    pack = tmp_path / "pack"
    shutil.rmtree(pack)
    qtbot.waitUntil(lambda: "refused" in window.updates.content.last_event, timeout=10_000)
    assert "missing" in window.updates.content.last_event
    make_pack(pack)
    retitle(pack, "Welcome back")
    qtbot.waitUntil(lambda: pending_title(window) == "Welcome back", timeout=10_000)
    # ... and edits inside the new folder are noticed too.
    retitle(pack, "Welcome again")
    qtbot.waitUntil(lambda: pending_title(window) == "Welcome again", timeout=10_000)
    window.reset_session()
    assert window.pack.page("en", "welcome").title == "Welcome again"


def test_folder_swapped_by_rename_is_followed(qtbot, window, tmp_path):
    pack, new, old = tmp_path / "pack", tmp_path / "pack.new", tmp_path / "pack.old"
    make_pack(new)
    retitle(new, "Swapped in")
    os.rename(pack, old)
    os.rename(new, pack)
    qtbot.waitUntil(lambda: pending_title(window) == "Swapped in", timeout=10_000)
    # The watch moved to the new folder: an edit there is seen, one in the old is not.
    retitle(old, "Old folder edit")
    retitle(pack, "Edited after the swap")
    qtbot.waitUntil(lambda: pending_title(window) == "Edited after the swap", timeout=10_000)
    assert not any(path.startswith(str(old)) for path in window.updates.watched())
    window.reset_session()
    assert window.pack.page("en", "welcome").title == "Edited after the swap"


def test_an_error_in_an_update_slot_never_reaches_the_patient(qtbot, window, tmp_path,
                                                              monkeypatch):
    from kiosk.ui.updates import LiveUpdates

    def unreadable(self):
        raise PermissionError(13, "Permission denied", str(tmp_path / "pack" / "es"))

    tap(qtbot, window, "Welcome")
    assert window.current.page_id == "welcome"
    monkeypatch.setattr(LiveUpdates, "_content_paths", unreadable)
    for attempt in range(4):  # more than the window's three-errors-a-minute limit
        retitle(tmp_path / "pack", f"Change {attempt}")
        qtbot.waitUntil(lambda n=attempt: window.updates.errors > n, timeout=10_000)
    settle()
    assert window.current.page_id == "welcome"  # still reading, never sent Home
    assert window.current_screen() is window.reader
    assert "Permission denied" in "\n".join(window.updates.status_lines())
    window.open_staff()
    assert "Error while watching for changes" in window.staff.text()


def test_a_pack_with_one_bad_page_is_refused_whole(qtbot, window, tmp_path):
    pack = tmp_path / "pack"
    retitle(pack, "Good change")
    (pack / "en" / "causes.md").write_text("+++\nid = \"causes\"\ntitle = 3\n+++\nBody\n",
                                           encoding="utf-8")
    qtbot.waitUntil(lambda: "refused" in window.updates.content.last_event, timeout=10_000)
    assert "causes.md" in window.updates.content.last_event
    assert window.updates.pending_pack is None
    window.reset_session()
    assert window.pack.page("en", "welcome").title == "Welcome"
    assert window.pack.page("en", "causes") is not None


def test_a_half_written_page_is_refused(qtbot, window, tmp_path):
    page = tmp_path / "pack" / "en" / "welcome.md"
    data = page.read_bytes()
    page.write_bytes(data[: len(data) // 3])  # cut inside the front matter
    qtbot.waitUntil(lambda: "refused" in window.updates.content.last_event, timeout=10_000)
    assert window.updates.pending_pack is None
    page.write_bytes(data.replace(b'title = "Welcome"', b'title = "Whole again"'))
    qtbot.waitUntil(lambda: pending_title(window) == "Whole again", timeout=10_000)


def test_files_changing_while_checked_are_refused(tmp_path, monkeypatch):
    import kiosk.content

    pack = make_pack(tmp_path / "pack")
    real = kiosk.content.load_pack

    def copying_meanwhile(directory, **kwargs):
        loaded = real(directory, **kwargs)
        retitle(pack, "Still copying")  # a copy writes the next file while we read
        return loaded

    monkeypatch.setattr(kiosk.content, "load_pack", copying_meanwhile)
    checked = check_content(pack)
    assert checked.pack is None
    assert "changed while they were checked" in checked.reason
    monkeypatch.setattr(kiosk.content, "load_pack", real)
    assert check_content(pack).pack is not None


def test_staff_reload_keeps_the_last_good_pack_when_the_folder_is_missing(qtbot, window,
                                                                        tmp_path):
    before = window.pack
    shutil.rmtree(tmp_path / "pack")
    window.open_staff()
    window.reload_data()
    qtbot.waitUntil(lambda: not window.loading_content(), timeout=10_000)
    assert window.pack is before and not window.pack.is_builtin
    assert window.pack.page("en", "welcome").title == "Welcome"
    assert "Reload refused" in window.staff.text(), window.staff.text()
    assert "missing" in window.staff.text()


def test_a_spanish_staff_reads_the_reload_and_its_reason_in_spanish(qtbot, open_window, tmp_path):
    window = open_window(settings_for(tmp_path, "[staff]\nlanguage = 'es'\n"))
    shutil.rmtree(tmp_path / "pack")
    window.open_staff()
    window.reload_data()
    assert "Recargando..." in window.staff.text()
    qtbot.waitUntil(lambda: not window.loading_content(), timeout=10_000)
    note = window.staff.report.status("content").lines[-1]
    assert re.fullmatch(r"Recarga rechazada a las \d\d:\d\d:\d\d: falta la carpeta de contenido "
                        + re.escape(str(tmp_path / "pack")) + r"\. El contenido actual sigue en uso\.",
                        note), note


def test_staff_reload_refuses_a_bad_page_and_applies_a_good_pack(qtbot, window, tmp_path):
    pack = tmp_path / "pack"
    (pack / "en" / "causes.md").write_bytes(b"+++\nid = \n\xff broken\n")
    window.open_staff()
    window.reload_data()
    qtbot.waitUntil(lambda: not window.loading_content(), timeout=10_000)
    assert window.pack.page("en", "causes").title == "Causes"
    assert "Reload refused" in window.staff.text()
    make_pack_page = pack / "es" / "causes.md"
    shutil.copy(make_pack_page, pack / "en" / "causes.md")
    retitle(pack, "Reloaded title")
    window.reload_data()
    qtbot.waitUntil(lambda: not window.loading_content(), timeout=10_000)
    assert window.pack.page("en", "welcome").title == "Reloaded title"  # staff: at once
    assert "Reloaded at" in window.staff.text()


def test_start_up_renders_on_a_worker_from_the_last_rendered_pack(qtbot, tmp_path):
    """A changed folder at start: the window comes up on the last rendered pack at once and
    the new rendering goes live when the worker is done (nobody has started reading)."""
    from kiosk.ui.app import build_window, starting_pack

    settings = settings_for(tmp_path)
    pack = tmp_path / "pack"
    first, later = starting_pack(pack)
    assert later and first.is_builtin  # no cache yet: the built-in pack meanwhile
    window = build_window(settings, windowed=True)  # renders (worker) and caches it
    qtbot.addWidget(window)
    assert window.pack.page("en", "welcome").title == "Welcome"
    window.dispose()
    assert starting_pack(pack)[1] is False  # the cache is current: nothing to render
    retitle(pack, "Changed before start")
    last, later = starting_pack(pack)
    assert later and last.page("en", "welcome").title == "Welcome"  # the last rendered
    window = build_window(settings, windowed=True, background_content=True)
    qtbot.addWidget(window)
    assert window.pack.page("en", "welcome").title == "Welcome"
    assert window.loading_content()
    qtbot.waitUntil(lambda: not window.loading_content(), timeout=10_000)
    assert window.pack.page("en", "welcome").title == "Changed before start"
    window.dispose()
    # A folder whose pages are all unusable: the built-in pack, as load_pack gives.
    for page in (pack / "en").glob("*.md"):
        page.write_text("not a page", encoding="utf-8")
    shutil.rmtree(pack / "es")
    window = build_window(settings, windowed=True)
    qtbot.addWidget(window)
    assert window.pack.is_builtin and window.pack.fell_back
    window.dispose()
    assert starting_pack(pack)[0].fell_back  # from the caches, on the next start too


def test_a_closed_window_watches_no_more_and_leaves_no_job_behind(qtbot, tmp_path,
                                                                  monkeypatch):
    """A window closed for good (tests, screenshots) stops its watch, and the checks it had
    started end before the process goes on: one that finished later wrote its rendered
    cache into whatever cache folder the process had by then (the next test's)."""
    from kiosk.ui.app import build_window

    window = build_window(settings_for(tmp_path), windowed=True)
    qtbot.addWidget(window)
    shorten_timers(window, update_quiet_ms=10)
    retitle(tmp_path / "pack", "Edited as the window closes")
    qtbot.wait(30)  # the change is seen; its check is about to start, or has
    window.dispose()
    later = tmp_path / "later-cache"
    monkeypatch.setenv("KIOSK_CACHE_DIR", str(later))
    retitle(tmp_path / "pack", "Edited after it closed")
    qtbot.wait(500)
    settle()
    assert not later.exists()
