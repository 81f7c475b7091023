"""systemd readiness and watchdog notifications (sd_notify) with the standard library. Qt-free.

systemd passes the address of its notification socket in ``$NOTIFY_SOCKET``
(a path, or ``@name`` for an abstract socket) and, when ``WatchdogSec=`` is
set, the interval in ``$WATCHDOG_USEC``. Outside systemd every call here is a
no-op returning False, so a demo laptop needs no special casing. Nothing here
ever raises: a heartbeat must never be what stops the kiosk.
"""

from __future__ import annotations

import logging
import os

log = logging.getLogger("kiosk.sdnotify")

# Seconds a send may block if systemd is slow to drain its queue; the watchdog
# pings again soon, so giving up quickly beats freezing the touch screen.
SEND_TIMEOUT = 0.5

_warned = False


def _address(raw: str) -> str | None:
    if raw.startswith("@"):
        return "\0" + raw[1:]  # Linux abstract namespace
    if raw.startswith("/"):
        return raw
    return None  # vsock: and other transports are not used on a kiosk


def notify(state: str) -> bool:
    """Send ``state`` (e.g. "READY=1") to systemd; False if not under systemd or it failed."""
    global _warned
    raw = os.environ.get("NOTIFY_SOCKET", "")
    if not raw:
        return False
    address = _address(raw)
    if address is None:
        if not _warned:
            log.warning("NOTIFY_SOCKET=%r is not a unix socket address; not notifying", raw)
            _warned = True
        return False
    import socket  # here, not at the top: outside systemd the kiosk never needs it

    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.settimeout(SEND_TIMEOUT)
            sock.sendto(state.encode("utf-8"), address)
    except (OSError, ValueError) as exc:  # ValueError: NUL in the path or odd text
        if not _warned:
            log.warning("cannot notify systemd at %s: %s", raw, exc)
            _warned = True
        return False
    return True


def supervised() -> bool:
    """Whether systemd runs the kiosk as a notify unit (it then sets ``$NOTIFY_SOCKET``);
    the units in resources/deploy start it again after any exit (``Restart=always``)."""
    return bool(os.environ.get("NOTIFY_SOCKET"))


def ready(status: str | None = None) -> bool:
    """Tell systemd start-up is complete (Type=notify units wait for this)."""
    return notify("READY=1" if status is None else f"READY=1\nSTATUS={_one_line(status)}")


def watchdog_ping() -> bool:
    """Tell systemd the event loop is alive (WatchdogSec= restarts the unit otherwise)."""
    return notify("WATCHDOG=1")


def stopping() -> bool:
    """Tell systemd a clean shutdown has begun."""
    return notify("STOPPING=1")


def status(text: str) -> bool:
    """Set the one-line status shown by `systemctl status`."""
    return notify(f"STATUS={_one_line(text)}")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def watchdog_interval_seconds() -> float | None:
    """Return the watchdog interval if systemd expects pings from this process, else None.

    Like sd_watchdog_enabled(): None when $WATCHDOG_USEC is unset or invalid, or when
    $WATCHDOG_PID names another process (the watchdog is then meant for a parent, e.g.
    the compositor; the deploy wrapper sets WATCHDOG_PID to the kiosk's own pid).
    Ping at half this interval.
    """
    usec = os.environ.get("WATCHDOG_USEC", "")
    try:
        value = int(usec)
    except ValueError:
        return None
    if value <= 0:
        return None
    pid = os.environ.get("WATCHDOG_PID", "")
    if pid:
        try:
            if int(pid) != os.getpid():
                return None
        except ValueError:
            return None
    return value / 1_000_000
