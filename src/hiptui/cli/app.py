"""``hiptui`` with no command: start the TUI (the only path that imports Textual)."""

from __future__ import annotations

import argparse
import gc
import threading
from concurrent.futures import Future
from pathlib import Path

from hiptui.content.loader import Library


def _preload(folders: list[Path]) -> Future[Library]:
    """Start loading the content while Textual imports, so the first frame has the list."""
    future: Future[Library] = Future()

    def load() -> None:
        from hiptui.content.cache import load_library_cached
        from hiptui.paths import content_cache_path

        try:
            future.set_result(load_library_cached(folders, content_cache_path()))
        except BaseException as error:  # handed to the app, which reloads and reports
            future.set_exception(error)

    threading.Thread(target=load, name="hiptui-preload", daemon=True).start()
    return future


def run_app(args: argparse.Namespace, *, start: str | None = None) -> int:
    # Until the first frame, nearly every object made (Textual's modules, the content) lives as
    # long as the app, so the cyclic collector's full passes over a growing heap are wasted
    # work: about 20-40 ms of a start with 1,000 exercises (benchmarks/first_frame.py). The app
    # freezes what is there and turns the collector back on after the first frame.
    gc.disable()
    try:
        from hiptui import paths

        folders = paths.content_folders(tuple(getattr(args, "exercises", []) or ()))
        preload = _preload(folders)

        from hiptui.tui.app import make_app

        app = make_app(folders, preload=preload, start=start)
        app.run()
    finally:
        gc.enable()
    return app.return_code or 0
