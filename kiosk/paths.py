"""The one place that knows where resources, settings, logs and caches live.

Resources are found in an installed wheel (``kiosk/resources``, placed there by
the build) or in a checkout (``resources/`` beside the package). Nothing here
touches Qt; the UI registers its search paths once at start-up.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path

APP_NAME = "kiosk"
APP_AUTHOR = "waiting-room-kiosk"


@cache
def resources_dir() -> Path:
    """Return the folder holding content, themes, clinics and example settings."""
    override = os.environ.get("KIOSK_RESOURCES")
    if override:
        return Path(override)
    here = Path(__file__).resolve().parent
    for candidate in (here / "resources", here.parent / "resources"):
        if (candidate / "kiosk.example.toml").is_file():
            return candidate
    raise FileNotFoundError(
        f"kiosk resources not found next to {here}; reinstall the package"
    )


def resource(*parts: str) -> Path:
    """Return a path inside the resources folder."""
    return resources_dir().joinpath(*parts)


def builtin_content_dir() -> Path:
    return resource("content")


def builtin_clinics_path() -> Path:
    return resource("clinics", "demo_clinics.sqlite")


def example_settings_path() -> Path:
    return resource("kiosk.example.toml")


# On Linux the folders follow the XDG base-directory rules, written out here
# because importing platformdirs costs ~5 ms of the kiosk's start-up. A test
# checks these give what platformdirs gives; other systems use platformdirs.
_XDG = {
    "config": ("XDG_CONFIG_HOME", ".config", ""),
    "data": ("XDG_DATA_HOME", ".local/share", ""),
    "cache": ("XDG_CACHE_HOME", ".cache", ""),
    "log": ("XDG_STATE_HOME", ".local/state", "log"),
}


class NoHomeFolder(OSError):
    """Neither $HOME nor the password file names a home folder, and no override is set."""


def home() -> Path:
    """The user's home folder; NoHomeFolder (one line, what to set) when there is none."""
    try:
        return Path.home()
    except (RuntimeError, KeyError, OSError):
        raise NoHomeFolder(
            "cannot find a home folder (HOME is not set and the user has no entry in the "
            "password file); set HOME, or XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_CACHE_HOME "
            "and XDG_STATE_HOME") from None


def _xdg_dir(kind: str) -> Path:
    variable, fallback, leaf = _XDG[kind]
    base = os.environ.get(variable, "").strip()
    # The spec ignores relative paths in these variables.
    root = Path(base) if base and os.path.isabs(base) else home() / fallback
    return root / APP_NAME / leaf if leaf else root / APP_NAME


def _platform_dir(kind: str) -> Path:
    if sys.platform.startswith("linux"):
        return _xdg_dir(kind)
    import platformdirs

    getters: dict[str, Callable[[str, str], str]] = {
        "config": platformdirs.user_config_dir,
        "log": platformdirs.user_log_dir,
        "data": platformdirs.user_data_dir,
        "cache": platformdirs.user_cache_dir,
    }
    getter = getters[kind]
    try:
        return Path(getter(APP_NAME, APP_AUTHOR))
    except (RuntimeError, KeyError) as exc:
        raise NoHomeFolder(f"cannot find the kiosk's {kind} folder: {exc}") from None


def default_settings_path() -> Path:
    return _platform_dir("config") / "kiosk.toml"


def default_log_dir() -> Path:
    return _platform_dir("log")


def data_dir() -> Path:
    """Folder for the kiosk's own files (stats); $KIOSK_DATA_DIR overrides."""
    override = os.environ.get("KIOSK_DATA_DIR")
    return Path(override) if override else _platform_dir("data")


def cache_dir() -> Path:
    """Folder for rebuildable files (clinic cache); $KIOSK_CACHE_DIR overrides."""
    override = os.environ.get("KIOSK_CACHE_DIR")
    return Path(override) if override else _platform_dir("cache")
