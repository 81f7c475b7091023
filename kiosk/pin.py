"""Staff PIN: salted scrypt hashes, safe cost limits, and a lockout that survives a restart.

The PIN itself is never stored or logged. :func:`verify_pin` is a pure function
(no state, no logging) that the UI runs off the UI thread: a scrypt check takes
about 0.15 s. :class:`StaffLockout` keeps the count of wrong PINs and the
lockout in the data folder (``staff_lockout.json``, written atomically), so a
restart does not reset it, and each lockout in a row lasts twice as long as the
last (60 s, 120 s, 240 s ... at most 15 minutes) until a right PIN. It logs
every sign-in, wrong PIN and lockout. No Qt.
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

log = logging.getLogger("kiosk.staff")

N, R, P = 2**14, 8, 1
PIN_RE = re.compile(r"^\d{4,12}$")
HASH_RE = re.compile(r"^scrypt\$(\d{1,20})\$(\d{1,20})\$(\d{1,20})\$([0-9a-f]{32})\$([0-9a-f]{64})$")

# scrypt costs a staff member waits for at each try. Outside these a hash would
# freeze the screen for seconds or more, or fail for lack of memory and lock
# every staff member out: such a hash is refused at load ("no PIN set").
MIN_N, MAX_N = 2**10, 2**16
MAX_R, MAX_P = 16, 4
MAX_WORK = 2**14 * 8 * 4          # n * r * p: four times the default cost (~0.6 s)
MAX_MEMORY = 64 * 1024 * 1024     # scrypt needs 128 * n * r bytes
_MAXMEM = MAX_MEMORY + 1024 * 1024  # hashlib's own cap (OpenSSL's default is 32 MB)

MAX_TRIES = 5
FIRST_LOCK_SECONDS = 60
MAX_LOCK_SECONDS = 15 * 60
LOCKOUT_FILE = "staff_lockout.json"


def valid_pin(pin: str) -> bool:
    return bool(PIN_RE.match(pin))


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """Return the ``pin_hash`` settings value for a 4-12 digit PIN."""
    if not valid_pin(pin):
        raise ValueError("a PIN is 4 to 12 digits")
    import hashlib  # loads OpenSSL: only when a PIN is hashed or typed

    salt = salt if salt is not None else os.urandom(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=N, r=R, p=P, dklen=32)
    return f"scrypt${N}${R}${P}${salt.hex()}${digest.hex()}"


def check_pin_hash(pin_hash: str) -> str | None:
    """None if ``pin_hash`` is usable; else what is wrong with it, in staff words."""
    m = HASH_RE.match(pin_hash)
    if m is None:
        return "not a PIN hash; make one with `kiosk hash-pin` and paste its output"
    n, r, p = (int(x) for x in m.group(1, 2, 3))
    if n < MIN_N or n > MAX_N or n & (n - 1):
        return (f"scrypt cost n={n} is outside the safe range (a power of two from "
                f"{MIN_N} to {MAX_N}); make a new hash with `kiosk hash-pin`")
    if not 1 <= r <= MAX_R or not 1 <= p <= MAX_P:
        return (f"scrypt parameters r={r}, p={p} are outside the safe range (r 1 to "
                f"{MAX_R}, p 1 to {MAX_P}); make a new hash with `kiosk hash-pin`")
    if n * r * p > MAX_WORK or 128 * n * r > MAX_MEMORY:
        return (f"scrypt cost n={n}, r={r}, p={p} would make each PIN try take seconds; "
                "make a new hash with `kiosk hash-pin`")
    return None


def verify_pin(pin: str, pin_hash: str) -> bool:
    """True when ``pin`` matches ``pin_hash``; False for any malformed or unsafe hash.

    Pure and thread-safe: run it off the UI thread (about 0.15 s at the default cost).
    """
    if check_pin_hash(pin_hash) is not None:
        return False
    import hashlib
    import hmac

    _, n, r, p, salt_hex, digest_hex = pin_hash.split("$")
    try:
        digest = hashlib.scrypt(pin.encode(), salt=bytes.fromhex(salt_hex), n=int(n),
                                r=int(r), p=int(p), dklen=32, maxmem=_MAXMEM)
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(digest.hex(), digest_hex)


class Attempt(NamedTuple):
    """What one PIN entry led to."""

    ok: bool
    locked_seconds: int   # > 0: the keypad is locked for this long from now
    tries_left: int       # wrong PINs left before the next lockout


class StaffLockout:
    """Wrong-PIN counts and lockouts, kept in ``folder`` across restarts.

    Use from one thread (the UI's): :meth:`locked_for` before a try, then
    :meth:`record` with :func:`verify_pin`'s answer. ``folder=None`` keeps the
    state in memory only (no data folder). The wall clock is used, so a lockout
    survives a restart; a clock set backwards never lengthens one past its cap.
    """

    def __init__(self, folder: Path | None, clock: Callable[[], float] = time.time) -> None:
        self.path = folder / LOCKOUT_FILE if folder is not None else None
        self._clock = clock
        self.failures = 0       # wrong PINs since the last lockout or sign-in
        self.lockouts = 0       # lockouts in a row since the last sign-in
        self.locked_until = 0.0
        self._unsaved = False
        self._load()

    # --- state on disk ------------------------------------------------------------

    def _load(self) -> None:
        if self.path is None:
            return
        import json

        from kiosk.atomic import remove_stale_temps
        from kiosk.textfile import StaffFileError, read_text

        remove_stale_temps(self.path.parent, self.path.name, older_than_seconds=60)
        try:
            data = json.loads(read_text(self.path, 4096, "lockout file"))
            failures, lockouts, until = data["failures"], data["lockouts"], data["locked_until"]
            if not (isinstance(failures, int) and isinstance(lockouts, int)
                    and isinstance(until, int | float)):
                raise ValueError("wrong types")
        except StaffFileError as exc:
            if exc.message != "no such file":
                log.warning("staff lockout state unreadable, starting afresh: %s", exc)
            return
        except (ValueError, KeyError, TypeError) as exc:
            log.warning("staff lockout state %s is damaged (%s), starting afresh", self.path, exc)
            return
        self.failures = max(0, min(failures, MAX_TRIES - 1))
        self.lockouts = max(0, min(lockouts, 32))
        # A clock set backwards, or an edited file, must not lock staff out for days.
        self.locked_until = min(float(until), self._clock() + MAX_LOCK_SECONDS)

    def _save(self) -> None:
        if self.path is None:
            return
        import json

        from kiosk.atomic import write_text

        data = {"failures": self.failures, "lockouts": self.lockouts,
                "locked_until": round(self.locked_until, 3)}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_text(self.path, json.dumps(data) + "\n")
        except OSError as exc:
            if not self._unsaved:  # once, not at every try
                log.warning("staff lockout state not saved (%s); it holds until the kiosk "
                            "restarts", exc.strerror or exc)
            self._unsaved = True
            return
        self._unsaved = False

    # --- the rules ----------------------------------------------------------------

    def locked_for(self) -> int:
        """Whole seconds the keypad stays locked (0: a PIN may be tried)."""
        left = self.locked_until - self._clock()
        return -int(-left // 1) if left > 0 else 0  # rounded up

    def lock_seconds(self) -> int:
        """How long the next lockout would last."""
        return min(FIRST_LOCK_SECONDS * 2 ** min(self.lockouts, 16), MAX_LOCK_SECONDS)

    def record(self, ok: bool) -> Attempt:
        """Count one PIN entry (``ok`` from :func:`verify_pin`); logs it, never the PIN."""
        locked = self.locked_for()
        if locked:
            # A try while locked changes nothing (the UI should not send one).
            log.warning("staff PIN entered while the keypad is locked (%d s left)", locked)
            return Attempt(False, locked, 0)
        if ok:
            log.info("staff sign-in")
            if self.failures or self.lockouts:
                self.failures = self.lockouts = 0
                self.locked_until = 0.0
                self._save()
            return Attempt(True, 0, MAX_TRIES)
        self.failures += 1
        if self.failures < MAX_TRIES:
            log.warning("staff PIN wrong (%d of %d before a lockout)", self.failures, MAX_TRIES)
            self._save()
            return Attempt(False, 0, MAX_TRIES - self.failures)
        seconds = self.lock_seconds()
        self.failures = 0
        self.lockouts += 1
        self.locked_until = self._clock() + seconds
        log.warning("staff PIN wrong %d times: keypad locked for %d s (lockout %d in a row)",
                    MAX_TRIES, seconds, self.lockouts)
        self._save()
        return Attempt(False, seconds, MAX_TRIES)
