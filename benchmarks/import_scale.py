"""Importing a free-exercise-db dataset, and the look-ups with 1,000 user exercises.

Usage: uv run python benchmarks/import_scale.py DATASET [--runs N] [--total N] [--keep DIR]
       [--no-tui]

DATASET is a free-exercise-db JSON array or folder (for example the shared sample). Prints:

- the import time of the dataset as a whole process, first run and re-import;
- `hiptui list` and `hiptui cues glute-bridge` medians (whole processes) beside
  `python -c pass`: with only the bundled exercises, and with TOTAL user exercises (the import
  padded with generated copies), from a warm cache and cold (the cache cannot be written, so
  every run parses every file);
- the in-process load time of the library with and without the cache;
- the TUI in tmux (skip with --no-tui): the first frame with and without the TOTAL user
  exercises beside a minimal Textual app (benchmarks/first_frame.py), and the time for the
  catalog to follow one more character typed into the filter beside a minimal Textual filter
  app (benchmarks/filter_latency.py).

`--keep DIR` leaves the padded folder in DIR for other scripts. Tests never run this script.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _timing import median, row, time_process

RACY_WAIT_S = 3.5  # files younger than the cache's racy window (3 s) are not cached


def hiptui_command() -> str:
    return shutil.which("hiptui") or str(Path(sys.executable).parent / "hiptui")


def pad_to(folder: Path, total: int) -> int:
    """Add generated copies of the exercises in ``folder`` until it holds ``total`` files.
    Returns how many were added."""
    originals = sorted(folder.glob("*.toml"))
    if not originals:
        raise SystemExit(f"{folder}: nothing to copy")
    added = 0
    copy = 1
    while len(originals) + added < total:
        for path in originals:
            if len(originals) + added >= total:
                break
            text = path.read_text(encoding="utf-8")
            old_id = path.stem
            new_id = f"{old_id}-copy-{copy}"
            text = text.replace(f'\nid = "{old_id}"\n', f'\nid = "{new_id}"\n', 1)
            text = text.replace('\nname = "', f'\nname = "Copy {copy} of ', 1)
            (folder / f"{new_id}.toml").write_text(text, encoding="utf-8")
            added += 1
        copy += 1
    return added


def prepare_user_exercises(dataset: Path, folder: Path, total: int = 1000) -> float:
    """Import ``dataset`` into ``folder`` (a whole process) and pad it to ``total`` files.
    Returns the import's wall time in milliseconds."""
    start = time.perf_counter()
    subprocess.run(
        [hiptui_command(), "import", "free-exercise-db", str(dataset), "--into", str(folder)],
        check=True,
        capture_output=True,
    )
    elapsed = (time.perf_counter() - start) * 1000
    pad_to(folder, total)
    return elapsed


def in_process_load(folder: Path, cache_file: Path) -> tuple[float, float]:
    """Median ms of load_library and of a warm load_library_cached over bundled + folder."""
    from hiptui.content.cache import load_library_cached
    from hiptui.content.loader import load_library
    from hiptui.paths import bundled_content_dir

    folders = [bundled_content_dir(), folder]
    load_library_cached(folders, cache_file)
    plain, cached = [], []
    for _ in range(5):
        start = time.perf_counter()
        load_library(folders)
        plain.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        load_library_cached(folders, cache_file)
        cached.append((time.perf_counter() - start) * 1000)
    return median(plain), median(cached)


def tui_figures(folder: Path, *, runs: int) -> None:
    """The TUI with the padded folder (``folder`` is ``HOME/data/exercises``): first frame beside
    a minimal Textual app, and the time for the catalog to follow one more character typed
    into the filter."""
    import statistics

    import filter_latency
    import first_frame
    from _tmux import Terminal

    print("\nThe TUI (tmux 120x40):")
    with tempfile.TemporaryDirectory() as empty, Terminal() as term:
        for label, home, target in (
            ("bundled only", Path(empty), 1.15),
            (f"bundled + {folder.name}", folder.parent.parent, 1.3),
        ):
            first_frame.report(label, first_frame.first_screens(term, home, runs), target)
        base = filter_latency.measure_minimal(term, runs, empty)
        total, samples = filter_latency.measure_hiptui(term, [folder], runs, empty)
    ratio = statistics.median(samples) / statistics.median(base)
    print("-- one more character in the filter")
    print(filter_latency._row("minimal Textual filter app (12)", base))
    print(filter_latency._row(f"hiptui catalog ({total} exercises)", samples))
    print(f"{'':<36} ratio {ratio:.2f}; target: median under 50 ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("dataset", type=Path)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--total", type=int, default=1000)
    parser.add_argument("--keep", type=Path, metavar="DIR", help="leave the padded folder here")
    parser.add_argument(
        "--no-tui", dest="tui", action="store_false", help="skip the TUI figures (needs tmux)"
    )
    args = parser.parse_args()

    script = hiptui_command()
    with tempfile.TemporaryDirectory() as home_text:
        home = Path(home_text)
        blocker = home / "blocker"
        blocker.write_text("a file where a cache folder would go\n", encoding="utf-8")

        def env(name: str, *, cache: bool = True) -> dict[str, str]:
            return {
                "HIPTUI_DATA_DIR": str(home / name / "data"),
                "HIPTUI_CONFIG_DIR": str(home / name / "config"),
                "HIPTUI_CACHE_DIR": str(home / name / "cache") if cache else str(blocker / "x"),
            }

        folder = home / "big" / "data" / "exercises"
        first = prepare_user_exercises(args.dataset, folder, total=0)
        start = time.perf_counter()
        again = subprocess.run(
            [script, "import", "free-exercise-db", str(args.dataset), "--into", str(folder)],
            check=True,
            capture_output=True,
            text=True,
        )
        second = (time.perf_counter() - start) * 1000
        imported = len(list(folder.glob("*.toml")))
        pad_to(folder, args.total)
        time.sleep(RACY_WAIT_S)
        print(f"import of {args.dataset.name}: {imported} exercises in {first:.0f} ms")
        print(f"re-import (nothing to write): {second:.0f} ms; {again.stdout.splitlines()[0]}")
        print(f"user folder padded to {len(list(folder.glob('*.toml')))} exercise files\n")

        big_env = {**env("big"), "HIPTUI_CACHE_DIR": str(home / "big" / "cache")}
        cold_env = {**env("big", cache=False)}
        small_env = env("small")
        runs = args.runs
        results = [
            ("python -c pass", time_process([sys.executable, "-c", "pass"], runs=runs)),
        ]
        for label, argv in (("list", [script, "list"]), ("cues", [script, "cues", "glute-bridge"])):
            results += [
                (f"hiptui {label}: bundled only", time_process(argv, runs=runs, env=small_env)),
                (f"hiptui {label}: {args.total} user, warm cache",
                 time_process(argv, runs=runs, env=big_env)),
                (f"hiptui {label}: {args.total} user, cold",
                 time_process(argv, runs=runs, env=cold_env)),
            ]  # fmt: skip
        for label, samples in results:
            print(row(label, samples))
        plain, cached = in_process_load(folder, home / "inproc-cache.json")
        print(f"\nin-process load of bundled + {args.total}: {plain:.1f} ms without the cache, "
              f"{cached:.1f} ms from a warm cache")  # fmt: skip
        if args.tui:
            tui_figures(folder, runs=max(6, runs // 2))
        if args.keep:
            shutil.copytree(folder, args.keep, dirs_exist_ok=True)
            print(f"padded folder kept in {args.keep}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
