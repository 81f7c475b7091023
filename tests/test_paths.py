"""Where the kiosk keeps its settings, logs, data and caches on Linux: the same folders
platformdirs names, without importing it at start-up."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kiosk import paths

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG rules")

KINDS = {
    "config": "user_config_dir",
    "data": "user_data_dir",
    "cache": "user_cache_dir",
    "log": "user_log_dir",
}
ENVIRONMENTS = [
    {},
    {"XDG_CONFIG_HOME": "/etc/xdg-home", "XDG_DATA_HOME": "/srv/data",
     "XDG_CACHE_HOME": "/var/tmp/cache", "XDG_STATE_HOME": "/srv/state"},
    {"XDG_CONFIG_HOME": "   ", "XDG_STATE_HOME": ""},
    {"XDG_CONFIG_HOME": "relative/config", "XDG_CACHE_HOME": "cache"},
]


@pytest.mark.parametrize("environment", ENVIRONMENTS, ids=["unset", "set", "blank", "relative"])
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_folders_match_platformdirs(monkeypatch, tmp_path, kind, environment):
    import platformdirs

    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    expected = Path(getattr(platformdirs, KINDS[kind])(paths.APP_NAME, paths.APP_AUTHOR))
    assert paths._platform_dir(kind) == expected
