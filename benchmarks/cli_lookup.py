"""The quick commands as whole processes, beside `python -c pass` in the same run.

Usage: uv run python benchmarks/cli_lookup.py [--runs N] [--total N] [--also N,...]
       [--dataset JSON]

Times `hiptui cues glute-bridge`, `hiptui show glute-bridge`, `hiptui status`, `hiptui today`
and `hiptui next glute-bridge` for a user with the bundled exercises only and for one with TOTAL
(default 1,000) of their own (and one for each size in --also, e.g. 10000), each with a settings
file (training days, units, a theme, a keymap) and a history (a few thousand breaks, a year of
sessions, two this week, a self-check), all runs taking turns with `python -c pass`. Then the
cold cache at TOTAL: `cues` after one exercise file was edited
(that file is parsed again and the cache rewritten), and after an install (no cache at all:
every file is parsed), beside the warm figure. The folders come from the XDG variables, as for
a user who sets no HIPTUI_* variable. Targets (issue 20): at most 4x `python -c pass` with the
bundled content, at most 5x with 1,000 exercises; cold at most 2x warm.

The exercises are copies of the bundled ones (or, with --dataset, a free-exercise-db JSON file
imported and padded), made in a temporary folder. Also checks that Textual and rich are never
imported on these paths.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _datasets import user_exercises
from _timing import load_line, median, ratio_rows, realistic_env, time_interleaved

SETTINGS = (
    'theme = "nord"\nunits = "metric"\nbreak_minutes = 40\n'
    'training_days = [\n    "mon",\n    "wed",\n    "fri",\n]\n'
    '\n[keymap]\n"catalog.search" = "slash"\n'
)
SESSION_IDS = ["glute-bridge", "quadruped-kickback", "standing-kickback", "clamshell", "dead-bug"]


def seed_history(data: Path, *, breaks: int = 2000, sessions: int = 150) -> None:
    """Breaks every 45 minutes and a session every other day for months, two of them this
    week, and a saved self-check."""
    from hiptui.store.db import Database

    now = datetime.now(UTC)
    start = now - timedelta(minutes=breaks * 45)
    moments = iter(start + timedelta(minutes=45 * n) for n in range(breaks + 1))
    with Database.open(data / "hiptui.sqlite3", now=lambda: next(moments, now)) as db:
        for n in range(breaks):
            db.log_break("snoozed" if n % 7 == 0 else "taken", 5 if n % 7 == 0 else None)
    days = [now - timedelta(days=2 * (sessions - n)) for n in range(sessions)]
    days[-1] = now - timedelta(hours=1)
    stamps = iter(day + timedelta(minutes=m) for day in days for m in range(17))
    with Database.open(data / "hiptui.sqlite3", now=lambda: next(stamps, now)) as db:
        for n in range(sessions):
            session = db.start_session(f"Session {n}", {})
            for number in range(15):
                exercise_id = SESSION_IDS[number % len(SESSION_IDS)]
                db.log_set(session, exercise_id=exercise_id, exercise_name=exercise_id,
                           set_number=number + 1, side=None, reps=10)  # fmt: skip
            db.finish_session(session, "completed")
        db.save_checkup({}, {"reminder_minutes": 30, "recommendations": []})


def make_home(root: Path, exercises: int, dataset: Path | None) -> dict[str, str]:
    env = {
        "XDG_DATA_HOME": str(root / "data"),
        "XDG_CONFIG_HOME": str(root / "config"),
        "XDG_CACHE_HOME": str(root / "cache"),
        "HIPTUI_DATA_DIR": "",
        "HIPTUI_CONFIG_DIR": "",
        "HIPTUI_CACHE_DIR": "",
    }
    data = root / "data" / "hiptui"
    data.mkdir(parents=True)
    (root / "config" / "hiptui").mkdir(parents=True)
    (root / "config" / "hiptui" / "settings.toml").write_text(SETTINGS, encoding="utf-8")
    if exercises:
        user_exercises(data / "exercises", exercises, dataset)
    seed_history(data)
    return env


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=25)
    parser.add_argument("--total", type=int, default=1000)
    parser.add_argument("--also", default="", help="more sizes of user exercises, e.g. 10000")
    parser.add_argument("--dataset", type=Path, help="a free-exercise-db JSON file to import")
    args = parser.parse_args()
    also = [int(size) for size in args.also.split(",") if size]

    script = shutil.which("hiptui") or str(Path(sys.executable).parent / "hiptui")
    commands = {
        "cues": [script, "cues", "glute-bridge"],
        "show": [script, "show", "glute-bridge"],
        "status": [script, "status"],
        "today": [script, "today"],
        "next": [script, "next", "glute-bridge"],
    }
    with tempfile.TemporaryDirectory() as tmp:
        small = make_home(Path(tmp) / "small", 0, None)
        big = make_home(Path(tmp) / "big", args.total, args.dataset)
        cases: dict[str, tuple[list[str], dict[str, str]]] = {
            "python -c pass": ([sys.executable, "-c", "pass"], small)
        }
        targets = {}
        for name, argv in commands.items():
            cases[f"hiptui {name} (bundled)"] = (argv, small)
            targets[f"hiptui {name} (bundled)"] = 4.0
        for name, argv in commands.items():
            cases[f"hiptui {name} ({args.total} user exercises)"] = (argv, big)
            targets[f"hiptui {name} ({args.total} user exercises)"] = 5.0
        for size in also:  # no target: how the commands grow
            home = make_home(Path(tmp) / f"also-{size}", size, args.dataset)
            for name, argv in commands.items():
                cases[f"hiptui {name} ({size} user exercises)"] = (argv, home)
        print(load_line())
        timed = time_interleaved(list(cases.values()), runs=args.runs)
        samples = dict(zip(cases, timed, strict=True))
        print(ratio_rows(samples, "python -c pass", targets))
        print(load_line())

        # The cold cache at TOTAL, beside the warm figure in the same run.
        user = Path(big["XDG_DATA_HOME"]) / "hiptui" / "exercises"
        edited = sorted(user.glob("*.toml"))[len(list(user.glob("*.toml"))) // 2]
        cache = Path(big["XDG_CACHE_HOME"]) / "hiptui"
        edits = iter(range(10**6))

        def edit() -> None:
            with edited.open("a", encoding="utf-8") as handle:
                handle.write(f"# edit {next(edits)}\n")
            # Older than the cache's few seconds of doubt, as an edit a moment ago is not:
            # otherwise it would be parsed on every run, not only on the first after it.
            stamp = (datetime.now() - timedelta(minutes=1)).timestamp()
            os.utime(edited, (stamp, stamp))

        warm_label = f"hiptui cues, warm cache ({args.total})"
        cold = {
            "python -c pass": ([sys.executable, "-c", "pass"], small),
            warm_label: (commands["cues"], big),
            f"hiptui cues after an edit ({args.total})": (commands["cues"], big),
            f"hiptui cues with no cache: first run, new loader ({args.total})": (
                commands["cues"],
                big,
            ),
        }
        before = [None, None, edit, lambda: shutil.rmtree(cache, ignore_errors=True)]
        timed = time_interleaved(list(cold.values()), runs=args.runs, before=before)
        cold_samples = dict(zip(cold, timed, strict=True))
        print(ratio_rows(cold_samples, "python -c pass"))
        warm = median(cold_samples[warm_label])
        for label, values in cold_samples.items():
            if label not in ("python -c pass", warm_label):
                ratio = median(values) / warm
                verdict = "met" if ratio <= 2 else "MISSED"
                print(f"{label}: {ratio:.2f}x the warm figure (target <= 2x: {verdict})")
        print(load_line())

        heavy = []
        for name, argv in commands.items():
            imports = subprocess.run(
                [sys.executable, "-X", "importtime", *argv],
                capture_output=True,
                text=True,
                env=realistic_env(big),
                check=True,
            ).stderr
            if any("| textual" in line or "| rich" in line for line in imports.splitlines()):
                heavy.append(name)
    print("textual/rich imported:", ", ".join(heavy) if heavy else "never")
    return 1 if heavy else 0


if __name__ == "__main__":
    raise SystemExit(main())
