"""Never a traceback: the kiosk's commands, run as real processes on hostile input.

Each case must exit non-zero with one clear line on stderr (or a list of problems,
one per line), never a Python traceback, and must not hang on a FIFO or a device.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX files and users")

# A process whose user has no password-file entry and no HOME: Path.home() fails.
NO_HOME = ("import pwd, sys\n"
           "def nobody(uid): raise KeyError(uid)\n"
           "pwd.getpwuid = nobody\n"
           "from kiosk.cli import main\n"
           "sys.exit(main(sys.argv[1:]))\n")


def run(args: list[str], env: dict[str, str] | None = None, no_home: bool = False,
        stdin: str = "") -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k != "KIOSK_CONFIG"}
    if no_home:
        base = {"PATH": os.environ.get("PATH", ""), "QT_QPA_PLATFORM": "offscreen"}
    base.update(env or {})
    base["PYTHONPATH"] = str(ROOT)
    argv = [sys.executable, "-c", NO_HOME if no_home else
            "import sys; from kiosk.cli import main; sys.exit(main(sys.argv[1:]))", *args]
    return subprocess.run(argv, capture_output=True, text=True, timeout=60, cwd=ROOT,
                          input=stdin, env=base)


def assert_one_clear_line(done: subprocess.CompletedProcess[str], fragment: str) -> None:
    text = done.stdout + done.stderr
    assert done.returncode not in (0, None), text
    assert "Traceback" not in text, text
    errors = [line for line in done.stderr.splitlines() if line.startswith(("error", "kiosk:"))]
    assert len(errors) == 1, done.stderr
    assert fragment in text, text


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    folder = tmp_path / "hostile"
    folder.mkdir()
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "fifo.toml")
    (folder / "folder.toml").mkdir()
    (folder / "deep.toml").write_text("a = " + "[" * 50_000, encoding="utf-8")
    (folder / "latin1.toml").write_bytes("[kiosk]\nname = 'caf\xe9'\n".encode("latin-1"))
    (folder / "huge.toml").write_bytes(b"#" * (2 * 1024 * 1024))
    return folder


@posix_only
@pytest.mark.parametrize(("name", "fragment"), [
    ("fifo.toml", "is a pipe (FIFO), expected a settings file"),
    ("/dev/zero", "is a device, expected a settings file"),
    ("folder.toml", "is a folder"),
    ("deep.toml", "nested too deeply"),
    ("latin1.toml", "latin1.toml:2: not UTF-8 text"),
    ("huge.toml", "may be at most 1,048,576 bytes"),
    ("missing.toml", "no such file"),
    ("new\nline.toml", "new\\nline.toml: no such file"),
])
def test_check_config_on_hostile_files(hostile: Path, name: str, fragment: str) -> None:
    path = name if name.startswith("/") else str(hostile / name)
    assert_one_clear_line(run(["check-config", path]), fragment)


@posix_only
@pytest.mark.parametrize("args", [
    [], ["--windowed"], ["check-config"], ["stats", "export", "-"],
])
def test_no_determinable_home_folder_is_one_line(args: list[str]) -> None:
    done = run(args, no_home=True)
    assert_one_clear_line(done, "cannot find a home folder")
    assert "set HOME" in done.stderr


@posix_only
def test_a_settings_path_at_a_device_starts_the_kiosk_on_defaults(hostile: Path) -> None:
    done = run(["--config", "/dev/zero", "--exit-after-startup"])
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "startup:" in done.stderr


@posix_only
@pytest.mark.parametrize(("args", "fragment"), [
    (["stats", "export", "out.csv", "--db", "/dev/zero"], "no usage counts at /dev/zero"),
    (["stats", "export", "/proc/no/such/folder/out.csv"], "no usage counts"),
    (["stats", "export", "out.csv", "--days", "x"], "expected a whole number of days"),
    (["stats", "export", "out.csv", "--min-count", "0"], "expected 1 to 1000"),
    (["hash-pin"], "a PIN is 4 to 12 digits"),
    (["--size", "1x1", "--exit-after-startup"], "out of range"),
])
def test_other_commands_on_bad_input(args: list[str], fragment: str) -> None:
    done = run(args, stdin="12ab\n")
    text = done.stdout + done.stderr
    assert done.returncode != 0 and "Traceback" not in text and fragment in text, text


@posix_only
def test_stats_export_to_a_folder_or_a_device_is_one_line(tmp_path: Path) -> None:
    from kiosk.stats import Stats

    db = tmp_path / "stats.sqlite"
    with Stats.open(db, True) as s:
        s.count("idle_reset")
    device = tmp_path / "device.csv"
    device.symlink_to(os.devnull)  # never a real /dev path: a bug would replace it
    for out, fragment in ((tmp_path, "is a folder"), (device, "is a device or a pipe")):
        assert_one_clear_line(run(["stats", "export", str(out), "--db", str(db)]), fragment)
