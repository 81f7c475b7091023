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


class FullDisk:
    """A stream that refuses every write the way a full disk does, until it is freed."""

    def __init__(self) -> None:
        self.full = True
        self.lines: list[str] = []

    def write(self, text: str) -> int:
        if self.full:
            raise OSError(28, "No space left on device")
        self.lines.append(text)
        return len(text)

    def flush(self) -> None:
        pass

    def tell(self) -> int:
        return 0


def test_a_full_disk_prints_one_line_then_stays_quiet(tmp_path: Path, capfd) -> None:
    handler = RotatingFile(tmp_path / "kiosk.log")
    disk = FullDisk()
    old = handler.setStream(disk)  # type: ignore[arg-type]
    assert old is not None
    old.close()
    logger = logging.Logger("full-disk-test")
    logger.addHandler(handler)
    for i in range(50):
        logger.warning("record %d", i)
    err = capfd.readouterr().err
    assert err.count("\n") == 1, err
    assert "kiosk: cannot write the log" in err and "No space left on device" in err
    assert "Traceback" not in err
    disk.full = False
    logger.warning("space again")
    assert disk.lines and "space again" in disk.lines[-1]
    disk.full = True  # a new streak gets its one line
    for _ in range(10):
        logger.warning("full again")
    assert capfd.readouterr().err.count("\n") == 1
    handler.close()


def test_a_full_disk_during_rotation_is_quiet_too(tmp_path: Path, capfd, monkeypatch) -> None:
    handler = RotatingFile(tmp_path / "kiosk.log", max_bytes=100, backups=2)
    logger = logging.Logger("rotation-full-test")
    logger.addHandler(handler)

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    for _ in range(30):
        logger.warning("x" * 60)
    err = capfd.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    handler.close()


def test_a_closed_stderr_never_raises_from_the_stream_handler(capfd) -> None:
    from kiosk.logsetup import QuietStreamHandler

    handler = QuietStreamHandler(FullDisk())  # type: ignore[arg-type]
    logger = logging.Logger("stderr-full-test")
    logger.addHandler(handler)
    for _ in range(20):
        logger.error("nowhere to go")
    err = capfd.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_a_full_disk_in_a_real_process_prints_one_line(tmp_path: Path) -> None:
    """The whole logging set-up, in a child process whose log file is /dev/full."""
    import subprocess
    import sys

    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    folder = tmp_path / "logs"
    folder.mkdir()
    (folder / "kiosk.log").symlink_to("/dev/full")
    code = ("import logging; from pathlib import Path; from kiosk.logsetup import setup_logging\n"
            f"setup_logging(Path({str(folder)!r}), 'INFO')\n"
            "for i in range(100): logging.getLogger('kiosk').warning('record %d', i)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    assert "No space left on device" in done.stderr
