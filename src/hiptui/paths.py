"""Where hiptui keeps things. The only module that knows about platformdirs.

``HIPTUI_DATA_DIR``, ``HIPTUI_CONFIG_DIR`` and ``HIPTUI_CACHE_DIR`` override the platform
defaults; tests always point them at a temporary directory.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "hiptui"
_PACKAGE_DIR = Path(__file__).resolve().parent


def _from_env(name: str) -> Path | None:
    value = os.environ.get(name)
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    """The user's data folder (database, own exercises)."""
    override = _from_env("HIPTUI_DATA_DIR")
    if override is not None:
        return override
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """The user's config folder (settings.toml)."""
    override = _from_env("HIPTUI_CONFIG_DIR")
    if override is not None:
        return override
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """A folder for caches that can be deleted at any time."""
    override = _from_env("HIPTUI_CACHE_DIR")
    if override is not None:
        return override
    data_override = _from_env("HIPTUI_DATA_DIR")
    if data_override is not None:
        return data_override / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def user_exercises_dir() -> Path:
    return data_dir() / "exercises"


def database_path() -> Path:
    return data_dir() / "hiptui.sqlite3"


def app_opened_path() -> Path:
    """When the app was last opened (see :mod:`hiptui.store.app_opened`)."""
    return data_dir() / "app-opened"


def settings_path() -> Path:
    return config_dir() / "settings.toml"


def bundled_content_dir() -> Path:
    """The bundled ``exercises/`` folder: inside the wheel, or at the top of a checkout."""
    packaged = _PACKAGE_DIR / "_bundled" / "exercises"
    if packaged.is_dir():
        return packaged
    return _PACKAGE_DIR.parent.parent / "exercises"


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) readable by the owner only."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def content_folders(extra: list[Path] | tuple[Path, ...] = ()) -> list[Path]:
    """Exercise folders in load order: bundled, the user's own, then any given on the CLI."""
    return [bundled_content_dir(), user_exercises_dir(), *extra]


def content_cache_path() -> Path:
    """The cache of parsed exercise files (safe to delete)."""
    return cache_dir() / "exercises-cache.json"
