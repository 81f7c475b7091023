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


class Available(NamedTuple):
    """Which filters the directory can answer (the search page shows a chip only then)."""

    payment: bool = False
    languages: tuple[str, ...] = ()
    telehealth: bool = False
    veterans: bool = False
    therapy: bool = False  # "Other PTSD care" listings exist


class Loaded(NamedTuple):
    """What the worker hands back: the directory (None if it failed), problems, the host
    clinic, whether its "This clinic" badge may show, and the filters the data supports."""

    directory: Directory | None
    problems: Sequence[ImportProblem | str] = ()
    host: Clinic | None = None
    badge: bool = False
    available: Available = Available()
    error: str = ""


def available_filters(directory: Directory) -> Available:
    """Ask the directory what its listings carry (a query each: kept off the UI thread)."""
    return Available(payment=directory.has_data("payment"), languages=directory.languages,
                     telehealth=directory.has_data("telehealth"),
                     veterans=directory.has_data("veterans"),
                     therapy=directory.count_therapy > 0)


def load_directory(settings: Settings) -> Loaded:
    """Open the configured directory (or the demo), find the host clinic and what it offers."""
    # kiosk.locator (sqlite3, csv, hashlib: 40-100 ms to import) and segno load here,
    # on the worker, never at module level: the screen must open within 50 ms.
    import kiosk.ui.widgets.qr as qr  # warm segno's import for the first detail view
    from kiosk.locator import QueryError, lookup_zip, open_configured_directory
    from kiosk.locator.rules import host_badge

    qr.make_qr("warm-up")
    from kiosk.ui.widgets import usmap  # the map's outlines, built here rather than at the first search

    usmap.warm_up()
    locator = settings.locator
    problems: list[ImportProblem | str] = []
    try:
        directory, found = open_configured_directory(locator.clinics, paths.cache_dir(),
                                                     format=locator.format)
        problems.extend(found)
        host = directory.get(locator.host_clinic_id) if locator.host_clinic_id else None
        available = available_filters(directory)
    except Exception as exc:  # reported on the staff screen and the log, never a traceback
        log.exception("the clinic directory could not be opened")
        return Loaded(None, problems, None, error=str(exc))
    if locator.host_clinic_id and host is None:
        problems.append(f"[locator] host_clinic_id {locator.host_clinic_id!r} is not in "
                        "the clinic directory")
    badge = False
    if host is not None and locator.home_zip:
        try:
            badge = host_badge(host, lookup_zip(locator.home_zip))
        except QueryError as exc:
            problems.append(f"[locator] home_zip: {exc}")
    return Loaded(directory, problems, host, badge, available)


def close_unused(loaded: object) -> None:
    """A result nobody waits for any more (stale or late): close the directory it opened."""
    if isinstance(loaded, Loaded) and loaded.directory is not None:
        loaded.directory.close()
