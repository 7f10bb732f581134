"""On Linux hiptui finds its folders with the XDG rules itself (platformdirs costs `hiptui
status` too much to import): they must be the folders platformdirs gives."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from hiptui import paths

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux rules")


@pytest.mark.parametrize(
    "xdg",
    [
        {},
        {"XDG_DATA_HOME": "/srv/data", "XDG_CONFIG_HOME": "/srv/config", "XDG_CACHE_HOME": "/c"},
        {"XDG_DATA_HOME": "relative/data", "XDG_CONFIG_HOME": "", "XDG_CACHE_HOME": "~/cache"},
    ],
)
@pytest.mark.parametrize("home", ["absolute", "relative", "unset"])
def test_the_folders_are_the_ones_platformdirs_gives(
    xdg: dict[str, str], home: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("DATA", "CONFIG", "CACHE"):
        monkeypatch.delenv(f"HIPTUI_{name}_DIR", raising=False)
        monkeypatch.delenv(f"XDG_{name}_HOME", raising=False)
    for name, value in xdg.items():
        monkeypatch.setenv(name, value)
    if home == "absolute":
        monkeypatch.setenv("HOME", str(tmp_path))
    elif home == "relative":
        monkeypatch.setenv("HOME", "somewhere")
    else:
        monkeypatch.delenv("HOME", raising=False)
    assert paths.data_dir() == Path(platformdirs.user_data_dir("hiptui", appauthor=False))
    assert paths.config_dir() == Path(platformdirs.user_config_dir("hiptui", appauthor=False))
    assert paths.cache_dir() == Path(platformdirs.user_cache_dir("hiptui", appauthor=False))
