"""Where hiptui keeps things. The only module that knows about platformdirs.

``HIPTUI_DATA_DIR``, ``HIPTUI_CONFIG_DIR`` and ``HIPTUI_CACHE_DIR`` override the platform
defaults; tests always point them at a temporary directory.

On Linux the folders follow the XDG rules directly, exactly as platformdirs does there
(``$XDG_DATA_HOME`` if it is an absolute path, else ``~/.local/share``; the same for config and
cache), because importing platformdirs costs more than the rest of ``hiptui status`` together
(a test checks that both agree). Elsewhere platformdirs decides.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "hiptui"
_PACKAGE_DIR = Path(__file__).resolve().parent


def _from_env(name: str) -> Path | None:
    value = os.environ.get(name)
    return Path(value).expanduser() if value else None


def _home() -> str:
    """The home folder as platformdirs finds it on Linux: ``HOME`` if it is absolute, else
    the password database's entry."""
    home = os.environ.get("HOME")
    if home is not None and not os.path.isabs(home):
        import pwd

        return pwd.getpwuid(os.getuid()).pw_dir.rstrip("/") or "/"
    expanded = os.path.expanduser("~")
    if not os.path.isabs(expanded):
        raise RuntimeError("could not determine the home folder; set an absolute HOME")
    return expanded


def _xdg(variable: str, default: str) -> Path | None:
    """The XDG folder for hiptui on Linux (``None`` elsewhere: ask platformdirs)."""
    if not sys.platform.startswith("linux"):
        return None
    value = os.environ.get(variable, "")
    base = value if os.path.isabs(value) else os.path.join(_home(), default)
    return Path(base) / APP_NAME


def data_dir() -> Path:
    """The user's data folder (database, own exercises)."""
    override = _from_env("HIPTUI_DATA_DIR")
    if override is not None:
        return override
    linux = _xdg("XDG_DATA_HOME", ".local/share")
    if linux is not None:
        return linux
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """The user's config folder (settings.toml)."""
    override = _from_env("HIPTUI_CONFIG_DIR")
    if override is not None:
        return override
    linux = _xdg("XDG_CONFIG_HOME", ".config")
    if linux is not None:
        return linux
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
    linux = _xdg("XDG_CACHE_HOME", ".cache")
    if linux is not None:
        return linux
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
