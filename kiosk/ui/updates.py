"""Live updates: staff replace the content folder or the clinic CSV; the kiosk takes them safely.

A QFileSystemWatcher notices the change; after a short quiet period the new
data is loaded and validated on a worker thread. A valid update waits for the
next idle reset (never mid-session); an invalid one is refused and the old data
keeps serving. Every step is kept for the staff screen.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QRunnable, QThreadPool, QTimer, Signal

from kiosk import paths
from kiosk.settings import Settings

log = logging.getLogger("kiosk.updates")
QUIET_MS = 2000  # files are often copied in several writes: wait until they settle


@dataclass
class UpdateStatus:
    """What is live and what happened to the last update, for one kind of data."""

    what: str
    live_since: datetime
    last_event: str = ""

    def line(self) -> str:
        text = f"{self.what}: live since {self.live_since:%Y-%m-%d %H:%M:%S}"
        return f"{text}. {self.last_event}" if self.last_event else text


class _Signals(QObject):
    content_checked = Signal(object, str)  # Pack or None, reason refused
    clinics_checked = Signal(bool, str)  # usable, problems text


class _CheckContent(QRunnable):
    def __init__(self, directory: Path, signals: _Signals) -> None:
        super().__init__()
        self.directory, self.signals = directory, signals

    def run(self) -> None:
        from kiosk.content import load_pack

        try:
            pack = load_pack(self.directory)
        except Exception as exc:  # load_pack never raises; this guards the thread anyway
            self.signals.content_checked.emit(None, f"{exc.__class__.__name__}: {exc}")
            return
        errors = [str(p) for p in pack.problems if p.is_error]
        if pack.fell_back or not pack.languages:
            reason = errors[0] if errors else "no usable page"
            self.signals.content_checked.emit(None, reason)
        else:
            self.signals.content_checked.emit(pack, "; ".join(errors[:3]))


class _CheckClinics(QRunnable):
    def __init__(self, source: Path, signals: _Signals) -> None:
        super().__init__()
        self.source, self.signals = source, signals

    def run(self) -> None:
        from kiosk.locator import open_configured_directory

        try:
            directory, problems = open_configured_directory(self.source, paths.cache_dir())
            directory.close()
        except Exception as exc:
            self.signals.clinics_checked.emit(False, f"{exc.__class__.__name__}: {exc}")
            return
        text = "; ".join(str(p) for p in problems[:3])
        self.signals.clinics_checked.emit(not problems, text)


class LiveUpdates(QObject):
    """Watches the configured content folder and clinic file; holds validated updates."""

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.content_dir = settings.content.dir
        self.clinics_path = settings.locator.clinics
        now = datetime.now()
        self.content = UpdateStatus("Content", now)
        self.clinics = UpdateStatus("Clinic data", now)
        self.pending_pack = None
        self.clinics_pending = False
        self._signals = _Signals()
        self._signals.content_checked.connect(self._on_content_checked)
        self._signals.clinics_checked.connect(self._on_clinics_checked)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._on_content_changed_path)
        self._watcher.fileChanged.connect(self._on_file_changed)
        self._content_quiet = self._quiet_timer(self._check_content)
        self._clinics_quiet = self._quiet_timer(self._check_clinics)
        self._watch()

    def _quiet_timer(self, slot) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(QUIET_MS)
        timer.timeout.connect(slot)
        return timer

    def _watch(self) -> None:
        """(Re)watch the folders and files; a replaced file or folder drops its old watch."""
        wanted: list[str] = []
        if self.content_dir is not None and self.content_dir.is_dir():
            # Folders tell of files added or removed; files tell of edits in place.
            wanted.append(str(self.content_dir))
            for folder in self.content_dir.iterdir():
                if folder.is_dir() and not folder.name.startswith("."):
                    wanted.append(str(folder))
                    wanted += [str(f) for f in folder.iterdir()
                               if f.is_file() and not f.name.startswith(".")]
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

    def _on_content_changed_path(self, path: str) -> None:
        if self.clinics_path is not None and Path(path) == self.clinics_path.parent:
            self._clinics_quiet.start()
        if self.content_dir is not None and Path(path).is_relative_to(self.content_dir):
            self._content_quiet.start()
        self._watch()

    def _on_file_changed(self, path: str) -> None:
        if self.clinics_path is not None and Path(path) == self.clinics_path:
            self._clinics_quiet.start()
        if self.content_dir is not None and Path(path).is_relative_to(self.content_dir):
            self._content_quiet.start()
        self._watch()

    # --- validation on a worker ------------------------------------------------------

    def _check_content(self) -> None:
        if self.content_dir is not None:
            log.info("content folder changed; checking it")
            QThreadPool.globalInstance().start(_CheckContent(self.content_dir, self._signals))

    def _check_clinics(self) -> None:
        if self.clinics_path is not None and self.clinics_path.exists():
            log.info("clinic file changed; checking it")
            QThreadPool.globalInstance().start(_CheckClinics(self.clinics_path, self._signals))

    def _on_content_checked(self, pack, reason: str) -> None:
        stamp = f"{datetime.now():%H:%M:%S}"
        if pack is None:
            self.content.last_event = f"Update refused at {stamp}: {reason}. The old content keeps serving."
            log.warning("content update refused: %s", reason)
            return
        self.pending_pack = pack
        note = f" (with problems: {reason})" if reason else ""
        self.content.last_event = f"Update checked at {stamp}{note}; it goes live at the next reset."
        log.info("content update accepted; waiting for the next reset")

    def _on_clinics_checked(self, usable: bool, problems: str) -> None:
        stamp = f"{datetime.now():%H:%M:%S}"
        if not usable:
            self.clinics.last_event = (f"Update refused at {stamp}: {problems}. "
                                       "The old clinic data keeps serving.")
            log.warning("clinic data update refused: %s", problems)
            return
        self.clinics_pending = True
        self.clinics.last_event = f"Update checked at {stamp}; it goes live at the next reset."
        log.info("clinic data update accepted; waiting for the next reset")

    # --- applying at reset ------------------------------------------------------------

    def take_pack(self):
        """The validated new pack, once; None when there is none."""
        pack, self.pending_pack = self.pending_pack, None
        if pack is not None:
            self.content.live_since = datetime.now()
            self.content.last_event = ""
        return pack

    def take_clinics(self) -> bool:
        pending, self.clinics_pending = self.clinics_pending, False
        if pending:
            self.clinics.live_since = datetime.now()
            self.clinics.last_event = ""
        return pending

    def status_lines(self) -> list[str]:
        lines = []
        if self.content_dir is not None:
            lines.append(self.content.line())
        if self.clinics_path is not None:
            lines.append(self.clinics.line())
        return lines or ["Built-in content and sample clinics: nothing to watch."]
