"""Where hiptui keeps things. The only module that knows about platformdirs.

``HIPTUI_DATA_DIR``, ``HIPTUI_CONFIG_DIR`` and ``HIPTUI_CACHE_DIR`` override the platform
defaults; tests always point them at a temporary directory.

On Linux the folders follow the XDG rules directly, exactly as platformdirs does there
(``$XDG_DATA_HOME`` if it is an absolute path, else ``~/.local/share``; the same for config and
cache); tests/unit/test_paths.py checks that both agree. Elsewhere platformdirs decides.

Each place is worked out as text (the ``*_str`` functions, for the quick commands: ``hiptui
status`` and ``hiptui cues`` import neither ``pathlib`` nor ``platformdirs``) and handed out as
a ``Path`` by the others; both spell the same path.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

APP_NAME = "hiptui"
_PACKAGE_DIR = os.path.dirname(os.path.realpath(__file__))
# platformdirs' user folders on Linux: the XDG variable, else this under the home folder.
_XDG = {
    "data": ("XDG_DATA_HOME", ".local/share"),
    "config": ("XDG_CONFIG_HOME", ".config"),
    "cache": ("XDG_CACHE_HOME", ".cache"),
}


def normal(path: str) -> str:
    """``path`` as ``str(Path(path))`` writes it on POSIX: no empty or ``.`` parts, no
    trailing slash (a leading ``//`` is kept, as POSIX allows it a meaning of its own)."""
    if os.name != "posix":
        from pathlib import Path

        return str(Path(path))
    root = ""
    if path.startswith("/"):
        root = "//" if path.startswith("//") and not path.startswith("///") else "/"
    parts = [part for part in path.split("/") if part and part != "."]
    return root + "/".join(parts) if root or parts else "."


def join(folder: str, name: str) -> str:
    """``str(Path(folder) / name)`` for a normal ``folder`` and a plain file ``name``."""
    if folder == ".":
        return name
    return folder + name if folder.endswith("/") else f"{folder}/{name}"


def _user_path(value: str) -> str:
    """``str(Path(value).expanduser())``."""
    path = normal(value)
    if os.name != "posix" or not path.startswith("~"):
        return path
    first, _slash, rest = path.partition("/")
    home = os.path.expanduser(first)
    if home.startswith("~"):
        raise RuntimeError("Could not determine home directory.")
    return normal(os.path.join(home, rest) if rest else home)


def _from_env(name: str) -> str | None:
    value = os.environ.get(name)
    return _user_path(value) if value else None


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


def _platform_dir(kind: str) -> str:
    """platformdirs' ``user_<kind>_dir`` for hiptui: on Linux worked out here (importing
    platformdirs costs more than the rest of ``hiptui status`` together), elsewhere asked."""
    variable, default = _XDG[kind]
    android = hasattr(sys, "getandroidapilevel") or (
        os.environ.get("ANDROID_DATA") == "/data" and os.environ.get("ANDROID_ROOT") == "/system"
    )
    if sys.platform.startswith("linux") and not android:
        base = os.environ.get(variable, "")
        if not os.path.isabs(base):
            base = os.path.join(_home(), default)
        return normal(os.path.join(base, APP_NAME))
    import platformdirs

    find = getattr(platformdirs, f"user_{kind}_dir")
    return normal(find(APP_NAME, appauthor=False))


def data_dir_str() -> str:
    return _from_env("HIPTUI_DATA_DIR") or _platform_dir("data")


def config_dir_str() -> str:
    return _from_env("HIPTUI_CONFIG_DIR") or _platform_dir("config")


def cache_dir_str() -> str:
    override = _from_env("HIPTUI_CACHE_DIR")
    if override is not None:
        return override
    data_override = _from_env("HIPTUI_DATA_DIR")
    if data_override is not None:
        return join(data_override, "cache")
    return _platform_dir("cache")


def bundled_content_dir_str() -> str:
    packaged = os.path.join(_PACKAGE_DIR, "_bundled", "exercises")
    if os.path.isdir(packaged):
        return packaged
    return os.path.join(os.path.dirname(os.path.dirname(_PACKAGE_DIR)), "exercises")


def content_folders_str(extra: Sequence[str] = ()) -> list[str]:
    """:func:`content_folders` as text; ``extra`` as given on the command line."""
    return [
        bundled_content_dir_str(),
        join(data_dir_str(), "exercises"),
        *(normal(folder) for folder in extra),
    ]


def content_cache_str() -> str:
    return join(cache_dir_str(), "exercises-cache.json")


def settings_str() -> str:
    return join(config_dir_str(), "settings.toml")


def database_str() -> str:
    return join(data_dir_str(), "hiptui.sqlite3")


def app_opened_str() -> str:
    return join(data_dir_str(), "app-opened")


def _path(text: str) -> Path:
    from pathlib import Path

    return Path(text)


def data_dir() -> Path:
    """The user's data folder (database, own exercises)."""
    return _path(data_dir_str())


def config_dir() -> Path:
    """The user's config folder (settings.toml)."""
    return _path(config_dir_str())


def cache_dir() -> Path:
    """A folder for caches that can be deleted at any time."""
    return _path(cache_dir_str())


def user_exercises_dir() -> Path:
    return data_dir() / "exercises"


def database_path() -> Path:
    return _path(database_str())


def app_opened_path() -> Path:
    """When the app was last opened (see :mod:`hiptui.store.app_opened`)."""
    return _path(app_opened_str())


def settings_path() -> Path:
    return _path(settings_str())


def bundled_content_dir() -> Path:
    """The bundled ``exercises/`` folder: inside the wheel, or at the top of a checkout."""
    return _path(bundled_content_dir_str())


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) readable by the owner only."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def content_folders(extra: list[Path] | tuple[Path, ...] = ()) -> list[Path]:
    """Exercise folders in load order: bundled, the user's own, then any given on the CLI."""
    return [bundled_content_dir(), user_exercises_dir(), *extra]


def content_cache_path() -> Path:
    """The cache of parsed exercise files (safe to delete)."""
    return _path(content_cache_str())
