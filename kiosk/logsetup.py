"""Logging to a size-capped rotating file; --verbose adds stderr."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path

from kiosk import paths

LOG_FILE_NAME = "kiosk.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class QuietOnError:
    """A handler mixin: the first failed write prints one line to stderr, then quiet.

    ``logging.Handler.handleError`` prints a traceback per record: on a full disk
    that is forty lines for every log call, for as long as the disk stays full. A
    write that works again re-arms the one line.
    """

    _failing = False      # in a streak of failed writes (the line was printed)
    _error_seen = False   # handleError ran during the current emit

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 (logging's name)
        self._error_seen = True
        if self._failing:
            return
        self._failing = True
        exc = sys.exc_info()[1]
        reason = (exc.strerror if isinstance(exc, OSError) and exc.strerror
                  else f"{exc.__class__.__name__}: {exc}" if exc else "unknown error")
        where = getattr(self, "baseFilename", "stderr")
        try:
            err = sys.__stderr__
            if err is not None:
                err.write(f"kiosk: cannot write the log ({where}): {reason}; logging "
                          "paused until writing works again\n")
                err.flush()
        except (OSError, ValueError):  # stderr closed or full too
            pass

    def _emit_quietly(self, emit: Callable[[logging.LogRecord], None],
                      record: logging.LogRecord, fresh: bool = True) -> None:
        if fresh:
            self._error_seen = False
        emit(record)
        if self._failing and not self._error_seen:
            self._failing = False  # writing works again: a new failure gets its line


class QuietStreamHandler(QuietOnError, logging.StreamHandler):  # type: ignore[type-arg]
    """stderr logging that a closed or full stderr cannot turn into tracebacks."""

    def emit(self, record: logging.LogRecord) -> None:
        self._emit_quietly(super().emit, record)


class RotatingFile(QuietOnError, logging.FileHandler):
    """``kiosk.log`` plus ``kiosk.log.1`` .. ``.N``, each at most ``max_bytes``.

    What ``logging.handlers.RotatingFileHandler`` does, without importing
    ``logging.handlers``, which brings socket, pickle and queue with it: about
    15 ms of a start-up that has a budget.
    """

    def __init__(self, path: Path, max_bytes: int = MAX_BYTES, backups: int = BACKUPS) -> None:
        super().__init__(path, encoding="utf-8")
        self.max_bytes = max_bytes
        self.backups = backups

    def emit(self, record: logging.LogRecord) -> None:
        # Handler.handle() holds the handler's lock around emit().
        self._error_seen = False
        try:
            if self.stream is not None and self.backups > 0:
                size = len(self.format(record).encode("utf-8", "replace")) + 1
                if self.stream.tell() + size > self.max_bytes:
                    self._roll_over()
        except Exception:
            # A failed rotation (full disk, a read-only folder) still writes the record
            # to the current file, past the cap, rather than losing it.
            self.handleError(record)
        self._emit_quietly(super().emit, record, fresh=False)

    def _roll_over(self) -> None:
        if self.stream is not None:
            self.stream.close()
        self.stream = None  # type: ignore[assignment]
        base = self.baseFilename
        try:
            for index in range(self.backups - 1, 0, -1):
                if os.path.exists(f"{base}.{index}"):
                    os.replace(f"{base}.{index}", f"{base}.{index + 1}")
            if os.path.exists(base):
                os.replace(base, f"{base}.1")
        finally:
            self.stream = self._open()


def setup_logging(log_dir: Path | None, level: str = "INFO", verbose: bool = False) -> Path | None:
    """Configure the root logger; return the log file path, or None if it could not be opened."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    root.setLevel(logging.DEBUG if verbose else getattr(logging, level.upper(), logging.INFO))
    formatter = logging.Formatter(_FORMAT)
    log_path: Path | None = (log_dir or paths.default_log_dir()) / LOG_FILE_NAME
    assert log_path is not None
    try:
        log_path.parent.mkdir(parents=True, exist_ok=True)
        file_handler = RotatingFile(log_path)
        file_handler.setFormatter(formatter)
        root.addHandler(file_handler)
    except OSError as exc:
        log_path = None
        verbose = True
        print(f"kiosk: cannot write log file in {log_dir}: {exc.strerror}; logging to stderr",
              file=sys.stderr)
    if verbose:
        stream = QuietStreamHandler(sys.stderr)
        stream.setFormatter(formatter)
        root.addHandler(stream)
    return log_path
