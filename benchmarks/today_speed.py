"""How long `hiptui today` takes as a whole process, beside `python -c pass`.

Usage: uv run python benchmarks/today_speed.py [--runs N] [--sessions N]

Times `hiptui today --json` and the plain `hiptui today` with no history and with a history of
``--sessions`` sessions (about 15 sets each; a year and more of training, two of them this
week) and a saved self-check. Runs alternate with `python -c pass` in one loop, so machine load
hits both alike; it prints medians, the ratio to the bare interpreter, and confirms that Textual
and rich are never imported. Target (issue 18): at most 4x `python -c pass`.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _timing import realistic_env

TARGET_RATIO = 4.0
SETTINGS = 'training_days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]\n'


def seed_history(data_dir: Path, sessions: int) -> None:
    from hiptui.store.db import Database

    now = datetime.now(UTC)
    start = now - timedelta(days=2 * sessions)
    moments = iter(start + timedelta(days=2 * n, minutes=m) for n in range(sessions)
                   for m in range(17))  # fmt: skip
    db = Database.open(data_dir / "hiptui.sqlite3", now=lambda: next(moments, now))
    ids = ["glute-bridge", "quadruped-kickback", "standing-kickback", "clamshell", "dead-bug"]
    for n in range(sessions):
        session = db.start_session(f"Session {n}", {})
        for number in range(15):
            exercise_id = ids[number % len(ids)]
            db.log_set(session, exercise_id=exercise_id, exercise_name=exercise_id,
                       set_number=number + 1, side=None, reps=10)  # fmt: skip
        db.finish_session(session, "completed")
    db.save_checkup({}, {"reminder_minutes": 30, "recommendations": []})
    db.close()


def folders(root: Path) -> dict[str, str]:
    (root / "config" / "hiptui").mkdir(parents=True)
    (root / "config" / "hiptui" / "settings.toml").write_text(SETTINGS, encoding="utf-8")
    return {
        "XDG_DATA_HOME": str(root / "data"),
        "XDG_CONFIG_HOME": str(root / "config"),
        "XDG_CACHE_HOME": str(root / "cache"),
        "HIPTUI_DATA_DIR": "",
        "HIPTUI_CONFIG_DIR": "",
        "HIPTUI_CACHE_DIR": "",
    }


def once(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, capture_output=True, env=env, check=True)
    return (time.perf_counter() - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--sessions", type=int, default=300)
    args = parser.parse_args()
    script = str(Path(sys.executable).parent / "hiptui")
    with tempfile.TemporaryDirectory() as tmp:
        empty = realistic_env(folders(Path(tmp) / "empty"))
        full = realistic_env(folders(Path(tmp) / "full"))
        data = Path(full["XDG_DATA_HOME"]) / "hiptui"
        data.mkdir(parents=True)
        seed_history(data, args.sessions)
        cases = {
            "python -c pass": ([sys.executable, "-c", "pass"], empty),
            "hiptui today --json (no history)": ([script, "today", "--json"], empty),
            f"hiptui today --json ({args.sessions} sessions)": ([script, "today", "--json"], full),
            f"hiptui today ({args.sessions} sessions)": ([script, "today"], full),
        }
        for argv, env in cases.values():  # warm-up: bytecode and the content cache
            subprocess.run(argv, capture_output=True, env=env, check=True)
        samples: dict[str, list[float]] = {label: [] for label in cases}
        for _ in range(args.runs):
            for label, (argv, env) in cases.items():
                samples[label].append(once(argv, env))
        printed = subprocess.run(
            [script, "today", "--json"], capture_output=True, text=True, env=full, check=True
        ).stdout.strip()
        imports = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "hiptui", "today"],
            capture_output=True, text=True, env=full, check=True,
        ).stderr  # fmt: skip
    base = statistics.median(samples["python -c pass"])
    worst = 0.0
    for label, values in samples.items():
        mid = statistics.median(values)
        ratio = mid / base
        if label != "python -c pass":
            worst = max(worst, ratio)
        print(f"{label:<42} median {mid:7.1f} ms  min {min(values):7.1f}  ratio {ratio:5.2f}x")
    verdict = "ok" if worst <= TARGET_RATIO else "MISSED"
    print(f"worst ratio {worst:.2f}x; target <= {TARGET_RATIO:.0f}x: {verdict}")
    print(f"printed: {printed}")
    heavy = [entry for entry in imports.splitlines() if "| textual" in entry or "| rich" in entry]
    print("textual/rich imported on the today path:", "YES" if heavy else "no")
    return 1 if heavy else 0


if __name__ == "__main__":
    raise SystemExit(main())
