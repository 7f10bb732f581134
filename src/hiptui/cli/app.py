"""``hiptui`` with no command: start the TUI (the only path that imports Textual)."""

from __future__ import annotations

import gc

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

    from hiptui.home import Home


def run_app(
    args: argparse.Namespace | None, *, start: str | None = None, home: Home | None = None
) -> int:
    """The app on the user's home (or ``home``, already made by the command), with the folders
    of ``args.exercises`` (``args`` is ``None`` for ``hiptui`` alone)."""
    # From here on a closed terminal ends hiptui within a second (hiptui.hangup).
    from hiptui.hangup import Hangup

    hangup = Hangup()
    hangup.install()
    # Until the first frame, nearly every object made (Textual's modules, the content) lives as
    # long as the app, so the cyclic collector's full passes over a growing heap are wasted
    # work: about 20-40 ms of a start with 1,000 exercises (benchmarks/first_frame.py). The app
    # freezes what is there and turns the collector back on after the first frame.
    gc.disable()
    try:
        if home is None:
            from hiptui.home import Home

            home = Home.for_user(tuple(getattr(args, "exercises", []) or ()))
        # Load the content while Textual imports, so the first frame has the list.
        home.start_loading()

        from hiptui.tui.app import make_app

        # What importing left lives as long as the app: out of the collection after the first
        # screen (tui/app_base.py's freeze_what_lives_long), which then only scans what the
        # start made since.
        gc.freeze()
        app = make_app(home=home, start=start, hangup=hangup)
        app.run()
    except Exception:
        if not hangup.happened:
            raise
        # The terminal went away under Textual's start or shutdown (an EIO from the dead
        # terminal): what there was to save is saved, and there is no one to tell.
    finally:
        gc.enable()
    if hangup.happened:
        # Saved, and the app is down: end now. A thread still waiting on the gone terminal
        # would hold the interpreter's exit until the watchdog (found: 1.5 s and more).
        hangup.end_now()
    return app.return_code or 0
