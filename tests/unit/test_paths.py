"""On Linux hiptui finds its folders with the XDG rules itself (platformdirs costs `hiptui
status` too much to import): they must be the folders platformdirs gives. And the folders as
text (for the quick commands) are the folders as paths."""

from __future__ import annotations

import sys
from pathlib import Path, PurePosixPath

import platformdirs
import pytest
from hypothesis import given
from hypothesis import strategies as st

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
    assert paths.data_dir_str() == str(paths.data_dir())
    assert paths.config_dir_str() == str(paths.config_dir())
    assert paths.cache_dir_str() == str(paths.cache_dir())


OVERRIDES = ("HIPTUI_DATA_DIR", "HIPTUI_CONFIG_DIR", "HIPTUI_CACHE_DIR")


@given(st.text(alphabet="/.a~", max_size=12))
def test_normal_spells_a_path_as_pathlib_does(text: str) -> None:
    assert paths.normal(text) == str(PurePosixPath(text))
    for name in ("x.toml", ".toml"):
        assert paths.join(paths.normal(text), name) == str(PurePosixPath(text) / name)


@pytest.mark.parametrize(
    "value", ["/tmp/h", "/tmp/h/", "//tmp//h/./x", "rel/./dir", "~", "~/h", "~/h//x/"]
)
def test_text_and_path_forms_agree(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    for name in OVERRIDES:
        monkeypatch.setenv(name, value)
    expanded = Path(value).expanduser()
    assert paths.data_dir() == expanded and paths.data_dir_str() == str(expanded)
    assert paths.cache_dir_str() == str(expanded)
    monkeypatch.delenv("HIPTUI_CACHE_DIR")
    assert paths.cache_dir_str() == str(expanded / "cache") == str(paths.cache_dir())
    pairs = [
        (paths.content_cache_str(), paths.content_cache_path()),
        (paths.settings_str(), paths.settings_path()),
        (paths.database_str(), paths.database_path()),
        (paths.app_opened_str(), paths.app_opened_path()),
        (paths.bundled_content_dir_str(), paths.bundled_content_dir()),
    ]
    for text, path in pairs:
        assert text == str(path)
    extra = ["mine/", "./x//y"]
    folders = paths.content_folders(tuple(Path(folder) for folder in extra))
    assert paths.content_folders_str(extra) == [str(folder) for folder in folders]


def test_a_home_that_cannot_be_found_is_an_error_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HIPTUI_DATA_DIR", "~no-such-user-hiptui/x")
    with pytest.raises(RuntimeError):
        Path("~no-such-user-hiptui/x").expanduser()
    with pytest.raises(RuntimeError):
        paths.data_dir_str()
