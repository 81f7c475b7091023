"""Opening the clinic directory off the UI thread (importing a large CSV can take seconds).

``load_directory`` runs on a :class:`kiosk.ui.workers.Task`; it touches no widget.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from kiosk import paths
from kiosk.settings import Settings

if TYPE_CHECKING:
    from kiosk.locator import Clinic, Directory, ImportProblem

log = logging.getLogger("kiosk.ui.locator")
LOAD_TIMEOUT_MS = 120_000  # a national CSV imports in under a minute; a stuck read is reported


class Loaded(NamedTuple):
    """What the worker hands back: the directory (None if it failed), problems, host, map dots."""

    directory: Directory | None
    problems: Sequence[ImportProblem | str] = ()
    host: Clinic | None = None
    dots: Sequence[tuple[float, float]] = ()
    error: str = ""


def load_directory(settings: Settings) -> Loaded:
    """Open the configured directory (or the demo), find the host clinic, read the map dots."""
    # kiosk.locator (sqlite3, csv, hashlib: 40-100 ms to import) and segno load here,
    # on the worker, never at module level: the screen must open within 50 ms.
    import kiosk.ui.widgets.qr as qr  # warm segno's import for the first detail view
    from kiosk.locator import map_points, open_configured_directory

    qr.make_qr("warm-up")
    locator = settings.locator
    dots: list[tuple[float, float]] = []
    problems: list[ImportProblem | str] = []
    try:
        dots = map_points()
    except OSError as exc:  # the map is decoration: the list still works without it
        problems.append(f"map dots unreadable: {exc}")
    try:
        directory, found = open_configured_directory(locator.clinics, paths.cache_dir(),
                                                     format=locator.format)
        problems.extend(found)
        host = directory.get(locator.host_clinic_id) if locator.host_clinic_id else None
    except Exception as exc:  # reported on the staff screen and the log, never a traceback
        log.exception("the clinic directory could not be opened")
        return Loaded(None, problems, None, dots, error=str(exc))
    if locator.host_clinic_id and host is None:
        problems.append(f"[locator] host_clinic_id {locator.host_clinic_id!r} is not in "
                        "the clinic directory")
    return Loaded(directory, problems, host, dots)

def close_unused(loaded: object) -> None:
    """A result nobody waits for any more (stale or late): close the directory it opened."""
    if isinstance(loaded, Loaded) and loaded.directory is not None:
        loaded.directory.close()
