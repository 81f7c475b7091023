"""One helper for work off the UI thread: a result or an error, stale results dropped, a time limit.

Use::

    task = Task(self, timeout_ms=30_000, discard=close_directory)  # made on the UI thread
    task.returned.connect(self._on_loaded)       # called with fn's return value
    task.errored.connect(self._on_failed)        # called with the exception (TimeoutError
                                                 # when the job outran timeout_ms)
    task.start(fn, arg1, arg2)                   # fn(arg1, arg2) runs on a pool thread

- Only the latest start counts: ``start`` again (or ``cancel``) and the result of
  the earlier job is dropped when it arrives (and handed to ``discard``, so a
  directory or file it opened can be closed). This is the generation token.
- A job that outruns ``timeout_ms`` is reported once through ``errored`` with a
  ``TimeoutError``; its result, if it ever comes, is dropped. Python cannot stop a
  thread, so the stuck job keeps its thread: staff-file jobs run on
  :func:`file_pool`, a dedicated pool with spare threads, never on Qt's global
  pool, so one stuck read (a FIFO, a slow network share) cannot starve the rest.
- ``fn`` must not touch widgets; it gets plain values and returns plain values.
  ``returned``/``errored`` are delivered on the UI thread (queued signals).
- ``busy()`` tells whether a result is still awaited; ``generation`` counts starts.

Rendering the content pack at start and on staff Reload is the intended next user:
``Task(window, timeout_ms=...)``, ``start(load_pack, folder)``, switch packs in the
``returned`` slot.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThreadPool, QTimer, Signal

log = logging.getLogger("kiosk.ui.workers")

FILE_POOL_THREADS = 4  # a stuck job keeps its thread: leave room for the others
DEFAULT_TIMEOUT_MS = 60_000

MALLOC_ARENAS = 1  # glibc's default is 8 per core; see limit_malloc_arenas

_file_pool: QThreadPool | None = None
_arenas_capped = False


def limit_malloc_arenas(count: int = MALLOC_ARENAS) -> bool:
    """Cap glibc's malloc arenas before the first pool thread starts; True if it took.

    Each thread that allocates (the content and directory workers, PIN checks with
    scrypt's 16 MB or more) gets an arena of its own, and glibc keeps what an arena once
    held: the monkey's 1,500 actions grew the kiosk by 32 MB, by 2 MB with
    MALLOC_ARENA_MAX=1 (tests/monkey.py). An environment setting wins.
    """
    if not sys.platform.startswith("linux") or "MALLOC_ARENA_MAX" in os.environ:
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None)
        return bool(libc.mallopt(-8, count))  # M_ARENA_MAX
    except (OSError, AttributeError):  # not glibc (musl has no arenas to cap)
        return False


def release_free_heap() -> bool:
    """Give the pages glibc's malloc holds free back to the system; True if some went.

    glibc returns freed memory from the top of the heap only: what a session built and
    dropped (card lists, map pixmaps, results) stays resident wherever something still
    lives above it. The window calls this at each session's end, when nobody is waiting
    (about 1 ms); the soak's readings are taken after the same call.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        return bool(ctypes.CDLL(None).malloc_trim(0))
    except (OSError, AttributeError):  # not glibc
        return False


def file_pool() -> QThreadPool:
    """The pool for jobs that read staff files (content packs, clinic CSVs)."""
    global _file_pool
    if _file_pool is None:
        _file_pool = QThreadPool()
        _file_pool.setObjectName("kiosk-files")
        _file_pool.setMaxThreadCount(FILE_POOL_THREADS)
    return _file_pool


class _Relay(QObject):
    """One per job, owned by the job alone: the pool thread emits through it.

    It is not a child of the Task, so closing the window cannot delete it under a
    running job (a job emitting through a relay the UI thread had just deleted crashed
    the process once). It has no thread affinity, so it may be freed on whichever
    thread drops it last; the connection to the Task is queued to the UI thread, and Qt
    cuts it when the Task goes away, so a late result then goes nowhere.
    """

    finished = Signal(int, bool, object)  # generation, ok, value or exception


class _Job:
    """What a pool thread runs: ``fn(*args)``, its result or exception sent through the relay.

    A plain callable, not a QRunnable subclass: the pool wraps it in a runnable of its
    own, so no Python-made QRunnable is ever deleted by the pool on its thread.
    """

    def __init__(self, generation: int, fn: Callable[..., Any], args: tuple[Any, ...],
                 relay: _Relay) -> None:
        self._generation, self._fn, self._args, self._relay = generation, fn, args, relay

    def __call__(self) -> None:
        try:
            value, ok = self._fn(*self._args), True
        except Exception as exc:  # handed to the UI thread, reported there
            value, ok = exc, False
        self._relay.finished.emit(self._generation, ok, value)


class Task(QObject):
    """Runs one callable at a time off the UI thread; see the module docstring."""

    returned = Signal(object)
    errored = Signal(object)  # an Exception; TimeoutError when over the time limit

    def __init__(self, parent: QObject | None = None, *, timeout_ms: int = DEFAULT_TIMEOUT_MS,
                 pool: QThreadPool | None = None,
                 discard: Callable[[Any], None] | None = None) -> None:
        super().__init__(parent)
        self.generation = 0
        self._pool = pool
        self._discard = discard
        self._awaited = 0  # the generation whose result is still wanted, 0 for none
        # Every job on its way, by generation, until its result reaches the UI thread: the
        # job and its relay must not be garbage-collected (on whichever thread collects)
        # while a pool thread still runs them.
        self._running: dict[int, _Job] = {}
        self._limit = QTimer(self)
        self._limit.setSingleShot(True)
        self._limit.setInterval(timeout_ms)
        self._limit.timeout.connect(self._on_timeout)

    @property
    def timeout_ms(self) -> int:
        return self._limit.interval()

    def set_timeout_ms(self, ms: int) -> None:
        self._limit.setInterval(ms)

    def start(self, fn: Callable[..., Any], *args: Any) -> int:
        """Run ``fn(*args)`` on a pool thread; earlier results are dropped. Returns the generation."""
        self.generation += 1
        self._awaited = self.generation
        self._limit.start()
        relay = _Relay()
        relay.finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        relay.moveToThread(None)  # type: ignore[arg-type]  # no affinity: freed by the job, on its thread
        job = _Job(self.generation, fn, args, relay)
        self._running[self.generation] = job
        global _arenas_capped
        if not _arenas_capped:  # the kiosk's threads are the pools': cap before the first
            _arenas_capped = True
            limit_malloc_arenas()
        (self._pool or file_pool()).start(job)
        return self.generation

    def cancel(self) -> None:
        """Drop whatever result is on its way."""
        self._awaited = 0
        self._limit.stop()

    def busy(self) -> bool:
        return self._awaited != 0

    def _on_timeout(self) -> None:
        if not self._awaited:
            return
        self._awaited = 0
        log.warning("background job %s gave no result within %d ms; its result will be ignored",
                    self.objectName() or "(unnamed)", self._limit.interval())
        self.errored.emit(TimeoutError(f"no result within {self._limit.interval() / 1000:g} s"))

    def _on_finished(self, generation: int, ok: bool, value: object) -> None:
        self._running.pop(generation, None)
        if generation != self._awaited:
            if ok and self._discard is not None:
                self._discard(value)
            return
        self._awaited = 0
        self._limit.stop()
        (self.returned if ok else self.errored).emit(value)
