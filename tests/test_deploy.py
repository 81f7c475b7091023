"""Deployment files: the systemd units, the session scripts and install.sh."""

from __future__ import annotations

import configparser
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[1] / "resources" / "deploy"
UNITS = ["kiosk.service", "kiosk-x.service"]
SCRIPTS = ["install.sh", "kiosk-session", "kiosk-xsession.sh"]


def load_unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None,
                                       comment_prefixes=("#", ";"))
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DEPLOY / name, encoding="utf-8")
    return parser


def all_values(name: str, section: str, key: str) -> list[str]:
    """Every value of a key that systemd allows to repeat (configparser keeps only the last)."""
    values, current = [], None
    for line in (DEPLOY / name).read_text(encoding="utf-8").splitlines():
        if m := re.fullmatch(r"\[(\w+)\]", line.strip()):
            current = m.group(1)
        elif current == section and line.startswith(f"{key}="):
            values.append(line.split("=", 1)[1])
    return values


@pytest.mark.parametrize("name", UNITS)
def test_unit_has_restart_watchdog_and_crash_loop_guard(name: str) -> None:
    unit = load_unit(name)
    service, head = unit["Service"], unit["Unit"]
    assert service["Type"] == "notify"
    # The kiosk runs under cage/xinit, not as the main process: "main" would drop its pings.
    assert service["NotifyAccess"] == "all"
    assert service["Restart"] == "always"
    assert service["RestartSec"] == "3"
    assert service["WatchdogSec"] == "30"
    # Start limits belong in [Unit]; in [Service] systemd ignores them (with a warning).
    assert head["StartLimitIntervalSec"] == "300"
    assert head["StartLimitBurst"] == "10"
    assert "StartLimitIntervalSec" not in service and "StartLimitBurst" not in service
    assert service["User"] == "kiosk"
    assert service["PAMName"] == "kiosk"
    assert service["TTYPath"] == "/dev/tty1"
    assert "getty@tty1.service" in head["Conflicts"]
    assert "systemd-user-sessions.service" in " ".join(all_values(name, "Unit", "After"))
    assert unit["Install"]["WantedBy"] == "graphical.target"
    env = dict(v.split("=", 1) for v in all_values(name, "Service", "Environment"))
    assert env["KIOSK_CONFIG"] == "/etc/kiosk/kiosk.toml"
    assert env["QT_QPA_PLATFORM"] == ("wayland" if name == "kiosk.service" else "xcb")


def test_cage_unit_runs_the_session_without_vt_switching() -> None:
    exec_start = load_unit("kiosk.service")["Service"]["ExecStart"].split()
    assert exec_start[0] == "/usr/bin/cage"
    # cage's -s ALLOWS Ctrl+Alt+Fn virtual-terminal switching: it must not be there.
    options = exec_start[1:exec_start.index("--")]
    assert "-s" not in options and not any(o.startswith("-") and "s" in o[1:] for o in options)
    assert exec_start[exec_start.index("--") + 1] == "/opt/kiosk/bin/kiosk-session"


def test_x_unit_hides_the_cursor_and_never_blanks() -> None:
    exec_start = load_unit("kiosk-x.service")["Service"]["ExecStart"].split()
    assert exec_start[:2] == ["/usr/bin/xinit", "/opt/kiosk/bin/kiosk-xsession.sh"]
    server = exec_start[exec_start.index("--") + 1:]
    for flag in ("-nocursor", "-dpms", "-keeptty", "vt1"):
        assert flag in server
    xorg = (DEPLOY / "xorg-10-kiosk.conf").read_text()
    assert re.search(r'Option\s+"DontVTSwitch"\s+"true"', xorg)
    assert re.search(r'Option\s+"DontZap"\s+"true"', xorg)


@pytest.mark.parametrize("name", UNITS)
def test_systemd_analyze_verify(name: str, tmp_path: Path) -> None:
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze not installed")
    # cage/xinit are not installed on a build machine; verify the unit's syntax and keys.
    text = (DEPLOY / name).read_text(encoding="utf-8")
    text = re.sub(r"(?m)^ExecStart=.*$", "ExecStart=/bin/true", text)
    unit = tmp_path / name
    unit.write_text(text, encoding="utf-8")
    try:
        result = subprocess.run(["systemd-analyze", "verify", str(unit)],
                                capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        pytest.skip(f"systemd-analyze cannot run here: {exc}")
    output = result.stdout + result.stderr
    if result.returncode != 0 and re.search(r"Failed to (connect|initialize|setup)|"
                                            r"No such file or directory.*/proc", output):
        pytest.skip(f"systemd-analyze cannot run here: {output.strip()[:200]}")
    assert result.returncode == 0, output
    assert not re.search(r"Unknown (key|section|lvalue)|ignoring|Failed to parse", output), output


@pytest.mark.parametrize("name", SCRIPTS)
def test_scripts_parse_and_are_executable(name: str) -> None:
    path = DEPLOY / name
    shell = "bash" if path.read_text().startswith("#!/usr/bin/env bash") else "sh"
    result = subprocess.run([shell, "-n", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert os.access(path, os.X_OK), f"{name} must be executable (git update-index --chmod=+x)"


@pytest.mark.parametrize("name", SCRIPTS)
def test_shellcheck(name: str) -> None:
    if shutil.which("shellcheck") is None:
        pytest.skip("shellcheck not installed")
    result = subprocess.run(["shellcheck", str(DEPLOY / name)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_install_dry_run_changes_nothing_and_lists_every_step(tmp_path: Path) -> None:
    result = subprocess.run(["bash", str(DEPLOY / "install.sh"), "--dry-run"],
                            capture_output=True, text=True, timeout=60,
                            env={**os.environ, "PATH": os.environ.get("PATH", "")})
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Dry run" in out
    for expected in ("apt-get install", " cage ", "espeak-ng", "libxcb-cursor0",
                     "useradd", "venv /opt/kiosk/venv", "/etc/kiosk/kiosk.toml",
                     "/etc/systemd/system/kiosk.service", "/etc/pam.d/kiosk",
                     "systemctl enable kiosk.service", "ctrl-alt-del.target"):
        assert expected in out, expected
    x11 = subprocess.run(["bash", str(DEPLOY / "install.sh"), "--dry-run", "--x11",
                          "--no-speech"], capture_output=True, text=True, timeout=60)
    assert x11.returncode == 0, x11.stderr
    assert "xinit" in x11.stdout and " cage " not in x11.stdout
    assert "espeak-ng" not in x11.stdout
    assert "kiosk-x.service /etc/systemd/system/kiosk.service" in x11.stdout


def test_install_rejects_unknown_options() -> None:
    result = subprocess.run(["bash", str(DEPLOY / "install.sh"), "--frobnicate"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "unknown option --frobnicate" in result.stderr


def test_install_refers_only_to_files_that_exist() -> None:
    text = (DEPLOY / "install.sh").read_text()
    sources = re.findall(r'"\$DEPLOY_DIR/([^"]+)"', text)
    assert len(sources) >= 8
    for rel in sources:
        assert (DEPLOY / rel).exists(), rel


def test_session_hands_the_watchdog_to_the_kiosk_process(tmp_path: Path) -> None:
    fake = tmp_path / "kiosk"
    fake.write_text('#!/bin/sh\necho "$$ ${WATCHDOG_PID:-unset} $*"\n')
    fake.chmod(0o755)
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "KIOSK_BIN": str(fake),
           "WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "1"}
    out = subprocess.run([str(DEPLOY / "kiosk-session"), "--windowed"], env=env,
                         capture_output=True, text=True, check=True).stdout.split()
    assert out[0] == out[1]  # WATCHDOG_PID is the pid the kiosk runs as
    assert out[2:] == ["--config", "/etc/kiosk/kiosk.toml", "--windowed"]
    env.pop("WATCHDOG_USEC")
    out = subprocess.run([str(DEPLOY / "kiosk-session")], env=env,
                         capture_output=True, text=True, check=True).stdout.split()
    assert out[1] == "1"  # no watchdog: left alone
