"""The kiosk's log file: size-capped, rotated, never the reason the kiosk stops."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from kiosk.logsetup import RotatingFile, setup_logging


@pytest.fixture
def restore_root_logger():
    root = logging.getLogger()
    saved = (list(root.handlers), root.level)
    yield
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    root.handlers[:], root.level = saved[0], saved[1]


def test_rotates_at_the_size_cap_and_keeps_only_the_backups(tmp_path: Path) -> None:
    folder = tmp_path / "logs"
    folder.mkdir()
    path = folder / "kiosk.log"
    handler = RotatingFile(path, max_bytes=2_000, backups=2)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = logging.Logger("rotation-test")
    logger.addHandler(handler)
    for i in range(200):
        logger.warning("line %03d %s", i, "x" * 40)
    handler.close()
    files = sorted(p.name for p in folder.iterdir())
    assert files == ["kiosk.log", "kiosk.log.1", "kiosk.log.2"]
    assert all(os.path.getsize(folder / name) <= 2_000 for name in files)
    newest = path.read_text(encoding="utf-8").splitlines()
    assert newest[-1].startswith("line 199")
    previous = (folder / "kiosk.log.1").read_text(encoding="utf-8").splitlines()
    # Nothing is lost between the files that are kept: .1 ends where kiosk.log starts.
    assert int(previous[-1].split()[1]) + 1 == int(newest[0].split()[1])


def test_setup_logging_writes_the_log_file(tmp_path: Path, restore_root_logger) -> None:
    log_path = setup_logging(tmp_path / "logs", "INFO")
    logging.getLogger("kiosk.test").info("hello from the test")
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert log_path == tmp_path / "logs" / "kiosk.log"
    assert "INFO kiosk.test: hello from the test" in log_path.read_text(encoding="utf-8")


def test_unwritable_log_folder_falls_back_to_stderr(tmp_path: Path, capsys,
                                                    restore_root_logger) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the log folder should be", encoding="utf-8")
    assert setup_logging(blocker / "logs", "INFO") is None
    logging.getLogger("kiosk.test").warning("still heard")
    err = capsys.readouterr().err
    assert "cannot write log file" in err and "still heard" in err
