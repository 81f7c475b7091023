"""Logging to a size-capped rotating file; --verbose adds stderr."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

from kiosk import paths

LOG_FILE_NAME = "kiosk.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


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
        file_handler = logging.handlers.RotatingFileHandler(
            log_path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
        file_handler.setFormatter(formatter)
        root.addHandler(file_handler)
    except OSError as exc:
        log_path = None
        verbose = True
        print(f"kiosk: cannot write log file in {log_dir}: {exc.strerror}; logging to stderr",
              file=sys.stderr)
    if verbose:
        stream = logging.StreamHandler(sys.stderr)
        stream.setFormatter(formatter)
        root.addHandler(stream)
    return log_path
