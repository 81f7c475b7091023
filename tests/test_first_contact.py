"""First contact: the README's commands, and the kiosk on a machine with no display.

Each check runs the real command in a subprocess with a scrubbed environment (no
DISPLAY, WAYLAND_DISPLAY or QT_QPA_PLATFORM), as on a fresh server or CI box.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def scrubbed_env(tmp_path: Path) -> dict[str, str]:
    """A new user's environment: no display, no Qt platform chosen, folders in tmp_path."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home),
           "LANG": "C.UTF-8", "KIOSK_SPEECH": "none",
           "KIOSK_DATA_DIR": str(tmp_path / "data"), "KIOSK_CACHE_DIR": str(tmp_path / "cache"),
           "XDG_CONFIG_HOME": str(home / "config"), "XDG_STATE_HOME": str(home / "state")}
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "QT_LOGGING_RULES"):
        assert name not in env
    return env


def kiosk(tmp_path: Path, *args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kiosk", *args], cwd=tmp_path,
                          env=scrubbed_env(tmp_path), capture_output=True, text=True,
                          timeout=timeout)


def test_exit_after_startup_draws_offscreen_with_no_display_and_says_only_its_time(tmp_path):
    done = kiosk(tmp_path, "--exit-after-startup")
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and re.fullmatch(r"startup: \d+ ms", lines[0]), done.stderr


def test_screenshots_draw_offscreen_with_no_display(tmp_path):
    out = tmp_path / "shots"
    done = kiosk(tmp_path, "screenshots", str(out), "--size", "800x600", timeout=300)
    assert done.returncode == 0, done.stderr
    assert (out / "05-staff.png").is_file() and (out / "08-staff-pin.png").is_file()
    assert "xcb" not in done.stderr and "propagateSizeHints" not in done.stderr


def test_a_plain_start_with_no_display_runs_offscreen_says_so_and_stops_on_ctrl_c(tmp_path):
    """The README's first command on a machine with no screen: it runs (offscreen, where
    nothing shows), says so in one line, and Ctrl+C (SIGINT) stops it cleanly."""
    import signal
    import socket

    address = str(tmp_path / "notify.sock")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    listener.bind(address)
    listener.settimeout(60)
    env = dict(scrubbed_env(tmp_path), NOTIFY_SOCKET=address)  # to hear when it is up
    proc = subprocess.Popen([sys.executable, "-m", "kiosk", "--windowed"], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert "READY=1" in listener.recv(4096).decode()
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
        listener.close()
    assert proc.returncode == 0, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert "runs offscreen and shows nothing; Ctrl+C stops it" in lines[0]
    assert "xvfb-run kiosk --windowed" in lines[0]
    assert "Traceback" not in err and "KeyboardInterrupt" not in err


def quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)\n```", section, flags=re.DOTALL)


def test_readme_quick_start_is_system_libraries_then_two_single_line_venv_commands():
    blocks = quick_start_commands()
    assert len(blocks) == 3, blocks
    libraries, run, test = blocks
    assert libraries.startswith("sudo apt-get install python3-venv ") and "\n" not in libraries
    for command in (run, test):
        assert "\n" not in command
        # The system Python may refuse pip outside a venv: the command makes its own.
        assert command.startswith("python3 -m venv .venv && .venv/bin/pip install ")
    assert run.endswith(".venv/bin/kiosk --windowed")
    assert test.endswith(".venv/bin/python -m pytest")


def test_ci_runs_the_readme_test_command_verbatim():
    test = quick_start_commands()[2]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test in ci.splitlines()


@pytest.mark.parametrize("name", ["DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"])
def test_any_display_or_chosen_platform_counts(name, monkeypatch):
    from kiosk.cli import has_display

    if not sys.platform.startswith("linux"):
        pytest.skip("Linux only")
    assert not has_display({})
    assert has_display({name: ":0" if name == "DISPLAY" else "x"})
