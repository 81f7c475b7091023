"""Live updates: staff replace the content folder or the clinic CSV; the kiosk takes them safely.

A QFileSystemWatcher notices the change; after a short quiet period the new
data is loaded and validated on a worker thread. A valid update waits for the
next idle reset (never mid-session); an invalid one is refused and the old data
keeps serving. Every step is kept for the staff screen, in the staff's language
(``tr_staff``, on the UI thread); the log stays in English.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer

from kiosk import paths
from kiosk.settings import Settings
from kiosk.ui.i18n import N_, tr_staff
from kiosk.ui.workers import Task

if TYPE_CHECKING:
    from kiosk.content import Pack

log = logging.getLogger("kiosk.updates")
QUIET_MS = 2000  # files are often copied in several writes: wait until they settle
CHECK_TIMEOUT_MS = 120_000  # a check that hangs (a FIFO, a stuck share) is reported, not awaited


def _reason(exc: object) -> str:
    return f"{exc.__class__.__name__}: {exc}"


class UpdateStatus(NamedTuple):
    """What is live and what happened to the last update, for one kind of data (a record:
    LiveUpdates replaces it on each event)."""

    what: str  # an English source marked with N_, said in the staff's language
    live_since: datetime
    last_event: str = ""  # in the staff's language
    refused: bool = False  # the last update was refused: the staff screen flags it

    def line(self) -> str:
        text = tr_staff("{what}: live since {when}", what=tr_staff(self.what),
                        when=f"{self.live_since:%Y-%m-%d %H:%M:%S}")
        return f"{text}. {self.last_event}" if self.last_event else text


class Checked(NamedTuple):
    """A content check's outcome: the pack (None when refused) and why, as an English
    source sentence (marked with N_) and its values, so that the staff screen can say it
    in the staff's language and the log in English (``reason``)."""

    pack: Pack | None
    why: str = ""
    values: tuple[tuple[str, str], ...] = ()

    @classmethod
    def refused(cls, text: str) -> Checked:
        """Refused for a reason already in words (a page's error, an exception)."""
        return cls(None, "{problem}", (("problem", text),))

    @property
    def reason(self) -> str:
        """Why, in English."""
        return self.why.format(**dict(self.values)) if self.values else self.why

    def reason_for_staff(self) -> str:
        """Why, in the staff's language (call on the UI thread)."""
        return tr_staff(self.why, None, -1, **dict(self.values)) if self.why else ""


def check_content(directory: Path) -> Checked:
    """Load and validate a content folder (on a worker): refused whole for a live switch when
    any page has an error, when files changed while it was read (a copy still under way),
    or when the folder is missing or has no usable page."""
    from kiosk.content import load_pack
    from kiosk.content.pack import pack_version

    if not directory.is_dir():
        return Checked(None, N_("the content folder {folder} is missing"),
                       (("folder", str(directory)),))
    before = pack_version(directory)
    pack = load_pack(directory)
    errors = [str(p) for p in pack.problems if p.is_error]
    if pack.fell_back or not pack.languages:
        return Checked.refused(errors[0]) if errors else Checked(None, N_("no usable page"))
    if len(errors) > 3:
        return Checked(None, N_("{errors} (and {more} more)"),
                       (("errors", "; ".join(errors[:3])), ("more", str(len(errors) - 3))))
    if errors:
        return Checked.refused("; ".join(errors))
    if pack_version(directory) != before:
        return Checked(None, N_("files changed while they were checked (a copy still under "
                                "way?); they are checked again once they settle"))
    return Checked(pack)


def guarded(where: str):
    """A slot that logs its exception and reports it to staff instead of raising it
    (``where``: an English source marked with N_).

    An update slot runs in the middle of a patient's session: an error there (a folder
    that cannot be read) must never reach the session (the window's error handler would
    send the patient Home).
    """
    def wrap(slot):
        def run(self: LiveUpdates, *args: object) -> None:
            try:
                slot(self, *args)
            except Exception as exc:
                log.exception("live updates: error in %s", where)
                self.errors += 1
                self.last_error = tr_staff(
                    "Error while {what} at {time}: {error}. The current content keeps serving.",
                    what=tr_staff(where), time=f"{datetime.now():%H:%M:%S}", error=_reason(exc))
        return run
    return wrap


def check_clinics(source: Path) -> tuple[bool, str]:
    """Import a clinic file as the kiosk would (on a worker): usable, and its problems."""
    from kiosk.locator import open_configured_directory

    directory, problems = open_configured_directory(source, paths.cache_dir())
    directory.close()
    return not problems, "; ".join(str(p) for p in problems[:3])


class LiveUpdates(QObject):
    """Watches the configured content folder and clinic file; holds validated updates."""

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.content_dir = settings.content.dir
        self.clinics_path = settings.locator.clinics
        now = datetime.now()
        self.content = UpdateStatus(N_("Content"), now)
        self.clinics = UpdateStatus(N_("Clinic data"), now)
        self.pending_pack: Pack | None = None
        self.clinics_pending = False
        self._content_check = Task(self, timeout_ms=CHECK_TIMEOUT_MS)
        self._content_check.setObjectName("content check")
        self._content_check.returned.connect(self._on_content_checked)
        self._content_check.errored.connect(
            lambda exc: self._on_content_checked(Checked.refused(_reason(exc))))
        self._clinics_check = Task(self, timeout_ms=CHECK_TIMEOUT_MS)
        self._clinics_check.setObjectName("clinic data check")
        self._clinics_check.returned.connect(lambda outcome: self._on_clinics_checked(*outcome))
        self._clinics_check.errored.connect(
            lambda exc: self._on_clinics_checked(False, _reason(exc)))
        self.errors = 0  # exceptions caught in update slots (see guarded)
        self.last_error = ""
        self._content_inode: tuple[int, int] | None = None
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._on_content_changed_path)
        self._watcher.fileChanged.connect(self._on_file_changed)
        self._content_quiet = self._quiet_timer(self._check_content)
        self._clinics_quiet = self._quiet_timer(self._check_clinics)
        self._watch()

    def stop(self) -> None:
        """Watch no more and drop any check on its way (the window closed for good)."""
        for timer in (self._content_quiet, self._clinics_quiet):
            timer.stop()
        for task in (self._content_check, self._clinics_check):
            task.cancel()
        watched = self._watcher.files() + self._watcher.directories()
        if watched:
            self._watcher.removePaths(watched)

    def set_quiet_ms(self, ms: int) -> None:
        """How long files must stay unchanged before they are checked (tests shorten it)."""
        self._content_quiet.setInterval(ms)
        self._clinics_quiet.setInterval(ms)

    def _quiet_timer(self, slot) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(QUIET_MS)
        timer.timeout.connect(slot)
        return timer

    def _content_paths(self) -> list[str]:
        """The content folder's parent, the folder, its language folders and their files.

        The parent tells of the folder being deleted, recreated or swapped by rename; a
        folder that cannot be read is skipped (and reported by the check), never raised.
        """
        assert self.content_dir is not None
        wanted: list[str] = []
        parent = self.content_dir.parent
        if parent.is_dir():
            wanted.append(str(parent))
        if not self.content_dir.is_dir():
            return wanted
        # Folders tell of files added or removed; files tell of edits in place.
        wanted.append(str(self.content_dir))
        try:
            folders = sorted(self.content_dir.iterdir())
        except OSError as exc:
            log.warning("live updates: cannot list %s: %s", self.content_dir, exc)
            return wanted
        for folder in folders:
            try:
                if not folder.is_dir() or folder.name.startswith("."):
                    continue
                wanted.append(str(folder))
                wanted += [str(f) for f in folder.iterdir()
                           if f.is_file() and not f.name.startswith(".")]
            except OSError as exc:
                log.warning("live updates: cannot list %s: %s", folder, exc)
        return wanted

    def _rearm_if_replaced(self) -> bool:
        """If the content folder is a new folder (deleted and made again, or swapped in by a
        rename), drop every old watch under its path: inotify follows the old folder."""
        assert self.content_dir is not None
        try:
            st = self.content_dir.stat()
            inode: tuple[int, int] | None = (st.st_dev, st.st_ino)
        except OSError:
            inode = None
        if inode == self._content_inode:
            return False
        self._content_inode = inode
        prefix = str(self.content_dir)
        stale = [p for p in self._watcher.files() + self._watcher.directories()
                 if p == prefix or p.startswith(prefix + "/")]
        if stale:
            self._watcher.removePaths(stale)
        return True

    def _watch(self) -> None:
        """(Re)watch the folders and files; a replaced file or folder drops its old watch."""
        wanted: list[str] = []
        if self.content_dir is not None:
            self._rearm_if_replaced()
            wanted += self._content_paths()
        if self.clinics_path is not None:
            if self.clinics_path.exists():
                wanted.append(str(self.clinics_path))
            if self.clinics_path.parent.is_dir():
                wanted.append(str(self.clinics_path.parent))
        current = set(self._watcher.files()) | set(self._watcher.directories())
        missing = [p for p in wanted if p not in current]
        if missing:
            self._watcher.addPaths(missing)

    def watched(self) -> list[str]:
        return sorted(self._watcher.files() + self._watcher.directories())

    # --- change seen --------------------------------------------------------------

    @guarded(N_("watching for changes"))
    def _on_content_changed_path(self, path: str) -> None:
        if self.clinics_path is not None and Path(path) == self.clinics_path.parent:
            self._clinics_quiet.start()
        if self.content_dir is not None and (Path(path).is_relative_to(self.content_dir)
                                             or Path(path) == self.content_dir.parent):
            if Path(path) != self.content_dir.parent or self._rearm_if_replaced():
                self._content_quiet.start()
        self._watch()

    @guarded(N_("watching for changes"))
    def _on_file_changed(self, path: str) -> None:
        if self.clinics_path is not None and Path(path) == self.clinics_path:
            self._clinics_quiet.start()
        if self.content_dir is not None and Path(path).is_relative_to(self.content_dir):
            self._content_quiet.start()
        self._watch()

    # --- validation on a worker ------------------------------------------------------

    @guarded(N_("checking new content"))
    def _check_content(self) -> None:
        if self.content_dir is not None:
            log.info("content folder changed; checking it")
            self._content_check.start(check_content, self.content_dir)

    @guarded(N_("checking new clinic data"))
    def _check_clinics(self) -> None:
        if self.clinics_path is not None and self.clinics_path.exists():
            log.info("clinic file changed; checking it")
            self._clinics_check.start(check_clinics, self.clinics_path)

    @guarded(N_("taking in new content"))
    def _on_content_checked(self, checked: Checked) -> None:
        stamp = f"{datetime.now():%H:%M:%S}"
        if checked.pack is None:
            self.pending_pack = None  # an earlier accepted update is no longer what is on disk
            self.content = self.content._replace(refused=True, last_event=tr_staff(
                "Update refused at {time}: {reason}. The old content keeps serving.",
                time=stamp, reason=checked.reason_for_staff()))
            log.warning("content update refused: %s", checked.reason)
            return
        self.pending_pack = checked.pack
        self.content = self.content._replace(refused=False, last_event=tr_staff(
            "Update checked at {time}; it goes live at the next reset.", time=stamp))
        log.info("content update accepted; waiting for the next reset")

    def _on_clinics_checked(self, usable: bool, problems: str) -> None:
        stamp = f"{datetime.now():%H:%M:%S}"
        if not usable:
            self.clinics = self.clinics._replace(refused=True, last_event=tr_staff(
                "Update refused at {time}: {reason}. The old clinic data keeps serving.",
                time=stamp, reason=problems))
            log.warning("clinic data update refused: %s", problems)
            return
        self.clinics_pending = True
        self.clinics = self.clinics._replace(refused=False, last_event=tr_staff(
            "Update checked at {time}; it goes live at the next reset.", time=stamp))
        log.info("clinic data update accepted; waiting for the next reset")

    # --- applying at reset ------------------------------------------------------------

    def take_pack(self) -> Pack | None:
        """The validated new pack, once; None when there is none."""
        pack, self.pending_pack = self.pending_pack, None
        if pack is not None:
            self.content = UpdateStatus(self.content.what, datetime.now())
        return pack

    def take_clinics(self) -> bool:
        pending, self.clinics_pending = self.clinics_pending, False
        if pending:
            self.clinics = UpdateStatus(self.clinics.what, datetime.now())
        return pending

    def refused(self) -> bool:
        """Whether the last content or clinic update was refused (the staff screen flags it)."""
        return (self.content_dir is not None and self.content.refused) or \
            (self.clinics_path is not None and self.clinics.refused)

    def status_lines(self) -> list[str]:
        """What is live and the last update of each, in the staff's language."""
        lines = []
        if self.content_dir is not None:
            lines.append(self.content.line())
        if self.clinics_path is not None:
            lines.append(self.clinics.line())
        if self.errors:
            lines.append(tr_staff("%n errors in live updates, never shown to patients (see the "
                                  "log). Last: {error}", None, self.errors, error=self.last_error))
        return lines or [tr_staff("Built-in content and sample clinics: nothing to watch.")]
