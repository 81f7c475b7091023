"""Test set-up: offscreen Qt before anything imports it, and isolated kiosk folders."""

from __future__ import annotations

import os

# Must be exported before Qt is imported anywhere (a shell variable that is not
# exported does nothing).
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def isolated_kiosk_dirs(tmp_path, monkeypatch):
    """Keep settings, logs, data and caches of every test inside its tmp_path."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / ".kiosk-data"))
    monkeypatch.setenv("KIOSK_CACHE_DIR", str(tmp_path / ".kiosk-cache"))
    monkeypatch.delenv("KIOSK_CONFIG", raising=False)
    # No test starts a real voice unless it asks for one (tests/test_speech.py does).
    monkeypatch.setenv("KIOSK_SPEECH", "none")
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    monkeypatch.delenv("WATCHDOG_USEC", raising=False)
    yield tmp_path
    import logging

    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, logging.FileHandler):
            root.removeHandler(handler)
            handler.close()


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "budget: asserts a speed budget; runs only with --benchmark-enable (a loaded CI "
        "machine would make timed assertions flaky)",
    )
    # As the kiosk does before its first pool thread (kiosk.ui.workers), before any thread.
    from kiosk.ui.workers import limit_malloc_arenas

    limit_malloc_arenas()


def pytest_collection_modifyitems(config, items):
    if config.getoption("benchmark_enable", default=False):
        return
    skip = pytest.mark.skip(reason="speed budget: run with --benchmark-enable")
    for item in items:
        if "budget" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def open_window(qtbot):
    """Build, show and afterwards close kiosk windows: ``open_window(settings, size=...)``."""
    from kiosk.ui.app import build_window

    made = []

    def open_(settings, *, windowed: bool = True, size=(1280, 800), stats=None,
              fixed: bool = False):
        window = build_window(settings, windowed=windowed, size=size, stats=stats)
        if fixed:
            window.setFixedSize(*size)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        # Activity counts from just after the first paint, like a started kiosk.
        qtbot.waitUntil(lambda: window.watching, timeout=2000)
        made.append(window)
        return window

    yield open_
    for window in made:
        window.dispose()
