"""Staff PIN hashing with salted scrypt (hashlib); the PIN itself is never stored."""

from __future__ import annotations

import hashlib
import hmac
import os
import re

N, R, P = 2**14, 8, 1
PIN_RE = re.compile(r"^\d{4,12}$")


def valid_pin(pin: str) -> bool:
    return bool(PIN_RE.match(pin))


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """Return the ``pin_hash`` settings value for a 4-12 digit PIN."""
    if not valid_pin(pin):
        raise ValueError("a PIN is 4 to 12 digits")
    salt = salt if salt is not None else os.urandom(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=N, r=R, p=P, dklen=32)
    return f"scrypt${N}${R}${P}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, pin_hash: str) -> bool:
    """True when ``pin`` matches ``pin_hash``; False for any malformed hash."""
    try:
        _, n, r, p, salt_hex, digest_hex = pin_hash.split("$")
        digest = hashlib.scrypt(
            pin.encode(), salt=bytes.fromhex(salt_hex), n=int(n), r=int(r), p=int(p), dklen=32
        )
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(digest.hex(), digest_hex)
