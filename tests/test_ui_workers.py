"""The background-work helper: results, errors, stale results dropped, time limits."""

from __future__ import annotations

import threading

import pytest

from kiosk.ui.workers import Task, file_pool


@pytest.fixture
def task(qtbot):
    made = Task(timeout_ms=5000)
    yield made
    made.cancel()


def test_result_arrives_on_the_ui_thread(qtbot, task):
    ui_thread = threading.get_ident()
    seen = []
    task.returned.connect(lambda value: seen.append((value, threading.get_ident())))
    with qtbot.waitSignal(task.returned, timeout=5000):
        task.start(lambda a, b: (a + b, threading.get_ident()), 2, 3)
    (value, worker_thread), thread = seen[0]
    assert value == 5 and worker_thread != ui_thread and thread == ui_thread
    assert not task.busy()


def test_an_exception_is_reported_not_raised(qtbot, task):
    def broken() -> None:
        raise ValueError("bad file")

    with qtbot.waitSignal(task.errored, timeout=5000) as blocker:
        task.start(broken)
    assert isinstance(blocker.args[0], ValueError) and "bad file" in str(blocker.args[0])


def test_a_newer_start_drops_the_older_result_and_discards_it(qtbot):
    discarded = []
    task = Task(timeout_ms=5000, discard=discarded.append)
    release = threading.Event()
    results = []
    task.returned.connect(results.append)

    def slow() -> str:
        release.wait(5)
        return "old"

    task.start(slow)
    with qtbot.waitSignal(task.returned, timeout=5000):
        task.start(lambda: "new")
    release.set()
    qtbot.waitUntil(lambda: discarded == ["old"], timeout=5000)
    assert results == ["new"]


def test_a_stuck_job_times_out_once_and_its_late_result_is_ignored(qtbot):
    discarded = []
    task = Task(timeout_ms=50, discard=discarded.append)
    release = threading.Event()
    results, errors = [], []
    task.returned.connect(results.append)
    task.errored.connect(errors.append)
    with qtbot.waitSignal(task.errored, timeout=5000):
        task.start(lambda: (release.wait(5), "late")[1])
    assert isinstance(errors[0], TimeoutError) and not task.busy()
    release.set()
    qtbot.waitUntil(lambda: discarded == ["late"], timeout=5000)
    assert results == [] and len(errors) == 1


def test_stuck_jobs_leave_threads_for_the_next(qtbot):
    """The file pool has spare threads: one stuck read does not hold up the next job."""
    release = threading.Event()
    stuck = Task(timeout_ms=5000)
    stuck.start(release.wait, 5)
    task = Task(timeout_ms=5000)
    try:
        with qtbot.waitSignal(task.returned, timeout=2000):
            task.start(lambda: "done")
    finally:
        release.set()
    assert file_pool().maxThreadCount() >= 2


def test_a_task_deleted_while_its_job_runs_drops_the_result_without_crashing(qtbot):
    # The window closing deletes its tasks; a job still running must not emit through
    # anything the UI thread has freed (it once crashed the process at the end of a run).
    import shiboken6
    from PySide6.QtCore import QCoreApplication

    results = []
    release, finished = threading.Event(), threading.Event()

    def slow() -> str:
        release.wait(5)
        finished.set()
        return "late"

    for _ in range(5):
        task = Task(timeout_ms=5000)
        task.returned.connect(results.append)
        task.start(slow)
        shiboken6.delete(task)
    release.set()
    assert finished.wait(5)
    assert file_pool().waitForDone(5000)
    QCoreApplication.processEvents()
    assert results == []
