"""The end of a session gives freed heap back to the system (glibc keeps it otherwise)."""

from __future__ import annotations

import ctypes
import sys

import pytest

from tests.ui_helpers import settings_for, settle

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")

BLOCK = 64 * 1024  # under glibc's mmap threshold: these come from the heap
BLOCKS = 640  # 40 MB


def anon_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for row in status:
            if row.startswith("RssAnon:"):
                return int(row.split()[1]) / 1024
    raise AssertionError("no RssAnon")


def test_a_session_reset_returns_memory_that_was_freed_below_live_memory(qtbot, open_window, tmp_path):
    window = open_window(settings_for(tmp_path, pack=False))
    settle()
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        pytest.skip("not glibc")
    libc.malloc.restype = ctypes.c_void_p
    libc.free.argtypes = [ctypes.c_void_p]
    blocks = [libc.malloc(BLOCK) for _ in range(BLOCKS)]
    pin = libc.malloc(BLOCK)  # still in use above the others: free() cannot shrink the heap
    try:
        for block in blocks:
            ctypes.memset(block, 1, BLOCK)
        for block in blocks:
            libc.free(block)
        held = anon_mb()  # glibc keeps the 40 MB resident below the pinned block
        window.reset_session()
        settle()
        released = held - anon_mb()
        assert released >= 30, f"only {released:.1f} MB went back at the session's end"
    finally:
        libc.free(pin)
