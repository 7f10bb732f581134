"""hiptui's home: what it keeps on disk, loaded or opened once and shared by the app and the
commands.

The exercise library (through the checksummed content cache), the routines and the progression
ladders, the settings, and the history database. Each is loaded or opened on first use and then
kept; every method is safe to call from any thread (the app reads the history in workers).
Pure: no Textual, no rich, and only the standard library at import time, so ``hiptui cues``
pays for nothing it does not use.
"""

from __future__ import annotations

from _thread import RLock, allocate_lock  # threading's own locks, without importing threading
from collections.abc import Iterable, Sequence
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from concurrent.futures import Future

    from hiptui.content.ladders import Ladders
    from hiptui.content.library import Library
    from hiptui.content.models import Exercise, Problem
    from hiptui.content.routines import Routine
    from hiptui.store.db import Database
    from hiptui.store.settings import Settings


class Home:
    """The user's content, settings and history, in the folders given (see :meth:`for_user`)."""

    def __init__(
        self,
        content_dirs: Sequence[Path],
        *,
        settings_path: Path,
        database_path: Path,
        bundled_dir: Path,
        cache_path: Path | None = None,
        app_opened_path: Path | None = None,
        preload: Future[Library] | None = None,
        settings_keymap: bool = True,
    ) -> None:
        """``settings_keymap=False``: settings.toml's ``[keymap]`` is neither read nor checked
        (for a command that binds no keys; see :func:`hiptui.store.settings.load_settings`)."""
        self.content_dirs = list(content_dirs)
        self.settings_path = settings_path
        self.database_path = database_path
        self.bundled_dir = bundled_dir
        self.cache_path = cache_path
        self.app_opened_path = app_opened_path
        self._preload = preload
        self._library: Library | None = None
        self._library_lock = allocate_lock()
        self._routines: tuple[dict[str, Routine], list[Problem]] | None = None
        self._ladders: tuple[Ladders, list[Problem]] | None = None
        self._content_lock = allocate_lock()
        self._settings: tuple[Settings, list[Problem]] | None = None
        self._settings_keymap = settings_keymap
        self._settings_lock = RLock()
        self._db: Database | None = None
        self._db_notice: str | None = None
        self._db_lock = allocate_lock()

    @classmethod
    def for_user(
        cls,
        extra_dirs: Sequence[Path] = (),
        *,
        content_dirs: Sequence[Path] | None = None,
        preload: Future[Library] | None = None,
        settings_keymap: bool = True,
    ) -> Home:
        """The user's home: the folders of :mod:`hiptui.paths` (bundled content, the user's
        own exercises, then ``extra_dirs``), or ``content_dirs`` instead of the first two.
        ``preload``: the library being loaded elsewhere; ``settings_keymap`` as for the
        class."""
        from hiptui import paths

        folders = list(content_dirs) if content_dirs is not None else paths.content_folders()
        return cls(
            [*folders, *extra_dirs],
            settings_path=paths.settings_path(),
            database_path=paths.database_path(),
            bundled_dir=paths.bundled_content_dir(),
            cache_path=paths.content_cache_path(),
            app_opened_path=paths.app_opened_path(),
            preload=preload,
            settings_keymap=settings_keymap,
        )

    # -- content -----------------------------------------------------------------------------

    def start_loading(self) -> None:
        """Load the library in a thread from now on (the app's start overlaps it with
        importing Textual); :meth:`library` then waits for that load instead of starting one."""
        import threading
        from concurrent.futures import Future

        with self._library_lock:
            if self._library is not None or self._preload is not None:
                return
            future: Future[Library] = Future()
            self._preload = future

        def load() -> None:
            try:
                future.set_result(self._load_library())
            except BaseException as error:  # handed to library(), which loads again
                future.set_exception(error)

        threading.Thread(target=load, name="hiptui-preload", daemon=True).start()

    def _load_library(self) -> Library:
        from hiptui.content.cache import load_library_cached

        return load_library_cached(self.content_dirs, self.cache_path)

    def library(self) -> Library:
        """Every exercise that loaded and every problem found, loaded once."""
        with self._library_lock:
            if self._library is None:
                self._library = self._take_preload() or self._load_library()
            return self._library

    def _take_preload(self) -> Library | None:
        preload, self._preload = self._preload, None
        if preload is None:
            return None
        try:
            return preload.result()
        except Exception:
            # A failed preload is loaded again the plain way, which reports problems per file.
            from hiptui.content.loader import load_library

            return load_library(self.content_dirs)

    def exercises(self, ids: Iterable[str]) -> dict[str, Exercise]:
        """The library's exercises with these ids (those it has). Before the library is
        loaded, they come one by one from the content cache's index when it still describes
        the folders (a few exercises decoded, not every one); else from the library."""
        wanted = set(ids)
        with self._library_lock:
            loaded = self._library is not None or self._preload is not None
        if not loaded and self.cache_path is not None and wanted:
            from hiptui.content.index import CacheIndex, loader_fingerprint

            index = CacheIndex.read(str(self.cache_path), loader_fingerprint())
            if index is not None and index.describes([str(f) for f in self.content_dirs]):
                found: dict[str, Exercise] = {}
                for exercise_id in wanted:
                    exercise = index.exercise(exercise_id) if index.holds(exercise_id) else None
                    if exercise is None and index.holds(exercise_id):
                        break  # a damaged record: the library, loaded the usual way, answers
                    if exercise is not None:
                        found[exercise_id] = exercise
                else:
                    return found
        library = self.library().exercises
        return {i: library[i] for i in wanted if i in library}

    def loaded_library(self) -> Library | None:
        """The library if it is loaded already (or a preload has finished well), else ``None``;
        never waits."""
        with self._library_lock:
            preload = self._preload
            ready = preload is not None and preload.done() and preload.exception() is None
            if self._library is None and preload is not None and ready:
                self._library, self._preload = preload.result(), None
            return self._library

    def routines(self) -> tuple[dict[str, Routine], list[Problem]]:
        """The routines by id, and the problems found in their files (loaded once)."""
        with self._content_lock:
            if self._routines is None:
                from hiptui.content.routines import load_routines

                self._routines = load_routines(self.content_dirs)
            return self._routines

    def ladders(self) -> tuple[Ladders, list[Problem]]:
        """The progression ladders (checked against the library's ids), and their problems."""
        known = set(self.library().exercises)
        with self._content_lock:
            if self._ladders is None:
                from hiptui.content.ladders import load_ladders

                self._ladders = load_ladders(self.content_dirs, known)
            return self._ladders

    # -- settings ----------------------------------------------------------------------------

    def _loaded_settings(self) -> tuple[Settings, list[Problem]]:
        with self._settings_lock:
            if self._settings is None:
                from hiptui.store.settings import load_settings

                self._settings = load_settings(self.settings_path, keymap=self._settings_keymap)
            return self._settings

    @property
    def settings(self) -> Settings:
        """settings.toml as loaded (defaults for what is missing or unusable), with the changes
        made since."""
        return self._loaded_settings()[0]

    @property
    def settings_problems(self) -> list[Problem]:
        """What was wrong in settings.toml, until a save writes a good file."""
        return list(self._loaded_settings()[1])

    def change_settings(self, **changes: object) -> OSError | None:
        """Apply ``changes`` and save the settings; the error if the file could not be written
        (the change still applies while this home lives). A file that had problems is kept as
        ``settings.toml.bak`` first."""
        from hiptui.store.settings import save_settings

        with self._settings_lock:
            settings, problems = self._loaded_settings()
            settings = settings.replace(**changes)
            self._settings = (settings, problems)
            try:
                save_settings(self.settings_path, settings, had_problems=bool(problems))
            except OSError as error:
                return error
            self._settings = (settings, [])
            return None

    # -- the history database ----------------------------------------------------------------

    def database(self) -> Database:
        """The history database, opened on first use and kept open. Raises ``StoreError`` when
        it cannot be opened (the next call tries again)."""
        with self._db_lock:
            if self._db is None:
                from hiptui.store.db import Database

                self._db = Database.open(self.database_path)
                self._db_notice = self._db.notice
            return self._db

    def take_database_notice(self) -> str | None:
        """Something to tell the user about opening the database (a damaged file kept aside),
        handed out once."""
        with self._db_lock:
            notice, self._db_notice = self._db_notice, None
            return notice

    def has_history(self) -> bool:
        """Whether there is a database file (or a link where it would be)."""
        path = self.database_path
        return path.exists() or path.is_symlink()

    def read_only_database(self, *, busy_timeout: float) -> Database:
        """A separate read-only connection to an existing database, for the caller to close
        (``hiptui status`` reads without creating or changing anything)."""
        from hiptui.store.db import Database
        from hiptui.store.errors import StoreError

        if self.database_path.is_dir():
            raise StoreError(str(self.database_path), "is a folder, not a database file")
        return Database.open(self.database_path, read_only=True, busy_timeout=busy_timeout)

    def close(self) -> None:
        """Close the database (if it was opened); a later :meth:`database` opens it again."""
        with self._db_lock:
            if self._db is not None:
                self._db.close()
                self._db = None
