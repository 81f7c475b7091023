"""Live updates: staff replace the content folder or the clinic CSV; the kiosk takes them safely.

A QFileSystemWatcher notices the change; after a short quiet period the new
data is loaded and validated on a worker thread. A valid update waits for the
next idle reset (never mid-session); an invalid one is refused and the old data
keeps serving. Every step is kept for the staff screen.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer

from kiosk import paths
from kiosk.settings import Settings
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

    what: str
    live_since: datetime
    last_event: str = ""

    def line(self) -> str:
        text = f"{self.what}: live since {self.live_since:%Y-%m-%d %H:%M:%S}"
        return f"{text}. {self.last_event}" if self.last_event else text


class Checked(NamedTuple):
    """A content check's outcome: the pack (None when refused) and the problems in words."""

    pack: Pack | None
    reason: str


def check_content(directory: Path) -> Checked:
    """Load and validate a content folder (on a worker): refused whole for a live switch when
    any page has an error, when files changed while it was read (a copy still under way),
    or when the folder is missing or has no usable page."""
    from kiosk.content import load_pack
    from kiosk.content.pack import pack_version

    if not directory.is_dir():
        return Checked(None, f"the content folder {directory} is missing")
    before = pack_version(directory)
    pack = load_pack(directory)
    errors = [str(p) for p in pack.problems if p.is_error]
    if pack.fell_back or not pack.languages:
        return Checked(None, errors[0] if errors else "no usable page")
    if errors:
        more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
        return Checked(None, "; ".join(errors[:3]) + more)
    if pack_version(directory) != before:
        return Checked(None, "files changed while they were checked (a copy still under "
                             "way?); they are checked again once they settle")
    return Checked(pack, "")


def guarded(where: str):
    """A slot that logs its exception and reports it to staff instead of raising it.

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
                self.last_error = (f"Error while {where} at {datetime.now():%H:%M:%S}: "
                                   f"{_reason(exc)}. The current content keeps serving.")
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
        self.content = UpdateStatus("Content", now)
        self.clinics = UpdateStatus("Clinic data", now)
        self.pending_pack: Pack | None = None
        self.clinics_pending = False
        self._content_check = Task(self, timeout_ms=CHECK_TIMEOUT_MS)
        self._content_check.setObjectName("content check")
        self._content_check.returned.connect(self._on_content_checked)
        self._content_check.errored.connect(
            lambda exc: self._on_content_checked(Checked(None, _reason(exc))))
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

    @guarded("watching for changes")
    def _on_content_changed_path(self, path: str) -> None:
        if self.clinics_path is not None and Path(path) == self.clinics_path.parent:
            self._clinics_quiet.start()
        if self.content_dir is not None and (Path(path).is_relative_to(self.content_dir)
                                             or Path(path) == self.content_dir.parent):
            if Path(path) != self.content_dir.parent or self._rearm_if_replaced():
                self._content_quiet.start()
        self._watch()

    @guarded("watching for changes")
    def _on_file_changed(self, path: str) -> None:
        if self.clinics_path is not None and Path(path) == self.clinics_path:
            self._clinics_quiet.start()
        if self.content_dir is not None and Path(path).is_relative_to(self.content_dir):
            self._content_quiet.start()
        self._watch()

    # --- validation on a worker ------------------------------------------------------

    @guarded("checking new content")
    def _check_content(self) -> None:
        if self.content_dir is not None:
            log.info("content folder changed; checking it")
            self._content_check.start(check_content, self.content_dir)

    @guarded("checking new clinic data")
    def _check_clinics(self) -> None:
        if self.clinics_path is not None and self.clinics_path.exists():
            log.info("clinic file changed; checking it")
            self._clinics_check.start(check_clinics, self.clinics_path)

    @guarded("taking in new content")
    def _on_content_checked(self, checked: Checked) -> None:
        pack, reason = checked.pack, checked.reason
        stamp = f"{datetime.now():%H:%M:%S}"
        if pack is None:
            self.pending_pack = None  # an earlier accepted update is no longer what is on disk
            self.content = self.content._replace(
                last_event=f"Update refused at {stamp}: {reason}. The old content keeps serving.")
            log.warning("content update refused: %s", reason)
            return
        self.pending_pack = pack
        note = f" (with problems: {reason})" if reason else ""
        self.content = self.content._replace(
            last_event=f"Update checked at {stamp}{note}; it goes live at the next reset.")
        log.info("content update accepted; waiting for the next reset")

    def _on_clinics_checked(self, usable: bool, problems: str) -> None:
        stamp = f"{datetime.now():%H:%M:%S}"
        if not usable:
            self.clinics = self.clinics._replace(
                last_event=f"Update refused at {stamp}: {problems}. The old clinic data keeps serving.")
            log.warning("clinic data update refused: %s", problems)
            return
        self.clinics_pending = True
        self.clinics = self.clinics._replace(
            last_event=f"Update checked at {stamp}; it goes live at the next reset.")
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

    def status_lines(self) -> list[str]:
        lines = []
        if self.content_dir is not None:
            lines.append(self.content.line())
        if self.clinics_path is not None:
            lines.append(self.clinics.line())
        if self.errors:
            lines.append(f"{self.errors} error(s) in live updates, never shown to patients "
                         f"(see the log). Last: {self.last_error}")
        return lines or ["Built-in content and sample clinics: nothing to watch."]
