"""Every test runs with its own data, config and cache folders: a developer's real data never
reaches a test and a test never writes to a real home."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.profiles import load_profile_for

FIXTURES = Path(__file__).parent / "fixtures"


def pytest_configure(config: pytest.Config) -> None:
    """The hypothesis profile for this run (tests/profiles.py), before any test module is
    imported: ``slow`` when ``-m`` picks the slow tests, unless ``--hypothesis-profile`` did."""
    if not config.getoption("hypothesis_profile"):
        load_profile_for(config.getoption("markexpr"))


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("HIPTUI_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("HIPTUI_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("HIPTUI_CACHE_DIR", str(home / "cache"))
    monkeypatch.setenv("NO_COLOR", "1")
    return home


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES
