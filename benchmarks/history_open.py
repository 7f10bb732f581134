"""Time to open the history screen with two years of daily sessions, beside an empty history.

Usage: uv run python benchmarks/history_open.py [--runs N] [--sessions N]

Builds a history database in a temporary folder with the store's own API (``start_session``,
``log_set``, ``finish_session``, ``save_checkup``): by default 700 sessions on consecutive days
with about 10,000 sets between them, on the bundled exercises. Each run starts the real app
headless (``make_app`` + ``run_test``), waits until it is up (content loaded, first frame
drawn), then pushes the history screen and measures:

- filled: until the screen has put every session in its table (its ``Loaded`` message);
- drawn: until the refresh after that has run (``call_after_refresh``): on screen;
- again: the same screen opened a second time in the same app (the database already open).

The same is measured on an empty history. Issue 6 target: under 300 ms with 700 sessions.
``--gc-freeze`` shows what calling ``gc.freeze()`` once the app is up would change.
Close other busy programs first: the figures are wall-clock times.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

PLAN_ITEMS = [  # (exercise id, name, sets, per side)
    ("glute-bridge", "Glute bridge", 3, False),
    ("single-leg-glute-bridge", "Single-leg glute bridge", 3, True),
    ("quadruped-kickback", "Quadruped kickback", 2, True),
    ("hip-thrust", "Hip thrust", 1, False),
]


class Clock:
    def __init__(self, start: datetime) -> None:
        self.moment = start

    def __call__(self) -> datetime:
        self.moment += timedelta(seconds=40)
        return self.moment


def build(path: Path, sessions: int) -> int:
    """Write ``sessions`` daily sessions ending yesterday; returns the number of set rows."""
    from hiptui.store.db import Database

    start = datetime.now(UTC).replace(hour=7, minute=0, second=0) - timedelta(days=sessions)
    clock = Clock(start)
    items = [
        {"exercise_id": i, "name": n, "sets": s, "target_reps": [8, 12], "per_side": p}
        for i, n, s, p in PLAN_ITEMS
    ]
    plan = {"version": 1, "name": "Benchmark routine", "items": items}
    rows = 0
    with Database.open(path, now=clock) as db:
        for day in range(sessions):
            clock.moment = start + timedelta(days=day)
            session = db.start_session("Benchmark routine", plan, "benchmark")
            for exercise_id, name, sets, per_side in PLAN_ITEMS:
                extra = 1 if exercise_id == "hip-thrust" and day % 10 < 3 else 0
                for number in range(1, sets + extra + 1):
                    for side in ("left", "right") if per_side else (None,):
                        reps = 8 + (day // 60 + number + (side == "right")) % 5
                        db.log_set(session, exercise_id=exercise_id, exercise_name=name,
                                   set_number=number, side=side, reps=reps, hold_seconds=2,
                                   discomfort=day % 97 == 0)  # fmt: skip
                        rows += 1
            db.finish_session(session, "completed")
            if day % 60 == 0:
                db.save_checkup({}, {"average_hours": 6 + day % 3, "band": "high"})
    return rows


async def measure(expected_rows: int, freeze: bool) -> tuple[float, float, float]:
    from textual.widgets import DataTable

    from hiptui.home import Home
    from hiptui.tui.app import make_app
    from hiptui.tui.screens.history import HistoryScreen

    class TimedHistory(HistoryScreen):
        """The real screen, noting when its ``Loaded`` message arrives and the next refresh."""

        def __init__(self, home: Home) -> None:
            super().__init__(home)
            self.loaded = asyncio.Event()
            self.painted = asyncio.Event()
            self.filled_at = self.painted_at = 0.0

        def on_history_screen_loaded(self) -> None:
            self.filled_at = time.perf_counter()
            self.loaded.set()
            self.call_after_refresh(self._painted)

        def _painted(self) -> None:
            self.painted_at = time.perf_counter()
            self.painted.set()

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()  # the content is loaded
        while not app.history_checked:  # and the start-up history read (resume, breaks) is done
            await pilot.pause(0.01)
        await app.workers.wait_for_complete()
        await pilot.pause()
        if freeze:
            gc.freeze()  # what an app that froze its start-up objects would see

        async def open_once() -> tuple[float, float]:
            screen = TimedHistory(app.home)
            start = time.perf_counter()
            await app.push_screen(screen)
            await asyncio.wait_for(screen.painted.wait(), 30)
            table = screen.query_one("#sessions", DataTable)
            assert table.row_count == expected_rows, (table.row_count, expected_rows)
            await pilot.pause()
            app.pop_screen()
            await pilot.pause()
            return (screen.filled_at - start) * 1000, (screen.painted_at - start) * 1000

        filled, drawn = await open_once()
        again, _ = await open_once()
    return filled, drawn, again


def run(label: str, runs: int, expected: int, freeze: bool) -> None:
    samples = []
    for _ in range(runs):
        samples.append(asyncio.run(measure(expected, freeze)))
        gc.unfreeze()
    for index, name in enumerate(("filled", "drawn", "opened again, filled")):
        values = [sample[index] for sample in samples]
        print(
            f"{label:<26} {name:<22} median {statistics.median(values):7.1f} ms   "
            f"min {min(values):7.1f}   max {max(values):7.1f}   n={runs}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sessions", type=int, default=700)
    parser.add_argument(
        "--gc-freeze", action="store_true", help="gc.freeze() once the app is up (an app.py option)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        for name in ("DATA", "CONFIG", "CACHE"):
            os.environ[f"HIPTUI_{name}_DIR"] = f"{home}/{name.lower()}"
        from hiptui import paths

        run("empty history", args.runs, 0, args.gc_freeze)
        started = time.perf_counter()
        rows = build(paths.database_path(), args.sessions)
        built = time.perf_counter() - started
        print(f"built {args.sessions} sessions, {rows} set rows in {built:.1f} s")
        run(f"{args.sessions} sessions", args.runs, args.sessions, args.gc_freeze)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
