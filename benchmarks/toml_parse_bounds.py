"""Parse time of the worst TOML shapes within the size limit: hiptui's readers beside tomllib.

Usage: uv run python benchmarks/toml_parse_bounds.py [--runs N] [--bytes N] [--cap S] [--only NAME]

Every shape is built at ``--bytes`` (default: the 1 MiB limit of the readers) and timed

- through ``tomllib.loads`` alone, the baseline, in a child process killed after ``--cap``
  seconds (default 10; a dotted key of 1 MiB would take hours);
- through hiptui's readers, in this process, median of ``--runs`` runs: ``parse`` is
  ``parse_toml_text`` (the bounds pass, tomllib, the key-line scan), ``exercise``,
  ``settings``, ``answers`` and ``routine`` are the whole readers of an exercise file,
  settings.toml, a self-check answers file and a routine on the same bytes written to disk
  (read, parse, check every field); ``quick`` is the settings reader of ``hiptui status``
  and ``cues`` (its own line reader for plain files, the bounds and tomllib for the rest).

The shapes are of two kinds: those the bounds refuse (long dotted keys and table names, deep
nesting, long numbers, too many items) and those just inside every bound, where the parser and
the field checks do the most work they can be made to do. The largest bundled file is the
reference at the top. Tests never run this script: the suite checks the bounds on small inputs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

from hiptui.content.loader import load_exercise_file
from hiptui.content.routines import load_routine_file
from hiptui.content.toml_bounds import MAX_FILE_BYTES, MAX_ITEMS, MAX_KEY_PARTS, MAX_NESTING
from hiptui.content.toml_source import parse_toml_text
from hiptui.core.checkup.answers import load_answers
from hiptui.store.clock_settings import read_clock_settings
from hiptui.store.settings import load_settings

REPO = Path(__file__).resolve().parent.parent
PARTS = ".".join(f"p{i}" for i in range(MAX_KEY_PARTS - 1))  # one part short of the limit


def fill(head: str, unit: Callable[[int], str], size: int, tail: str = "") -> str:
    """``head``, then ``unit(0)``, ``unit(1)``... while the text stays within ``size`` bytes."""
    pieces, used, index = [head], len(head) + len(tail), 0
    while True:
        piece = unit(index)
        if used + len(piece.encode()) > size:
            break
        pieces.append(piece)
        used += len(piece.encode())
        index += 1
    return "".join(pieces) + tail


def items_bound(per_line: int) -> int:
    """How many lines of ``per_line`` items (tokens and line breaks) fit under the item limit,
    with room for a header line."""
    return (MAX_ITEMS - 100) // per_line


def shapes(size: int) -> Iterator[tuple[str, str]]:
    largest = max((REPO / "exercises").rglob("*.toml"), key=lambda p: p.stat().st_size)
    yield f"reference: {largest.name}", largest.read_text(encoding="utf-8")
    # Refused by the bounds.
    yield "dotted key k.k.k...", fill("k", lambda i: ".k", size - 5, " = 1\n")
    yield "table name [k.k.k...]", fill("[k", lambda i: ".k", size - 2, "]\n")
    yield "array of tables [[k.k...]]", fill("[[k", lambda i: ".k", size - 3, "]]\n")
    yield "arrays nested 5,000 deep", "x = " + "[" * 5000 + "]" * 5000 + "\n"
    yield "5,000-digit number", "x = " + "9" * 5000 + "\n"
    yield "array of 1 MiB of ints", fill("x = [", lambda i: "1,", size - 3, "1]\n")
    yield "inline table of 1 MiB", fill("x = {", lambda i: f"k{i}=1,", size - 6, "z=1}\n")
    yield "1 MiB of blank lines", fill("", lambda i: "\n", size - 6, "x = 1\n")
    yield "1 MiB of key lines", fill("", lambda i: f"k{i} = 1\n", size)
    # Just inside every bound.
    lines = items_bound(4)
    yield f"{lines:,} unknown keys", "".join(f"k{i} = 1\n" for i in range(lines))
    header = f"[{PARTS}.t]\n"
    # A key line: the parts, the dots, "=", "1" and the line break.
    lines = items_bound(2 * MAX_KEY_PARTS + 2)
    yield (
        f"{lines:,} {MAX_KEY_PARTS}-part keys, {MAX_KEY_PARTS}-part table",
        header + "".join(f"{PARTS}.k{i} = 1\n" for i in range(lines)),
    )
    lines = items_bound(2 * MAX_KEY_PARTS + 2)  # the parts, the dots, "[", "]", line break
    yield (
        f"{lines:,} {MAX_KEY_PARTS}-part table names",
        "".join(f"[{PARTS}.t{i}]\n" for i in range(lines)),
    )
    lines = items_bound(2 * MAX_KEY_PARTS + 4)
    yield (
        f"{lines:,} {MAX_KEY_PARTS}-part arrays of tables",
        "".join(f"[[{PARTS}.t]]\n" for _ in range(lines)),
    )
    count = items_bound(2 * MAX_KEY_PARTS + 2)  # the parts, the dots, "=", "1", ","
    yield (
        f"inline table of {count:,} dotted keys",
        ("x = {" + ",".join(f"{PARTS}.k{i}=1" for i in range(count)) + "}\n"),
    )
    count = items_bound(2)
    yield f"array of {count:,} ints", "x = [" + "1," * count + "]\n"
    count = items_bound(4)  # a date with a fraction is three tokens, then the comma
    yield (
        f"array of {count:,} dates",
        "x = [" + ",".join(["1979-05-27T07:32:00.999999-07:00"] * count) + "]\n",
    )
    deep = MAX_NESTING - 1
    nest = "[" * deep + "1" + "]" * deep
    lines = items_bound(2 * deep + 4)
    yield f"{lines:,} arrays nested {deep} deep", "".join(f"x{i} = {nest}\n" for i in range(lines))
    nest = "{a=" * deep + "1" + "}" * deep
    lines = items_bound(4 * deep + 4)
    yield f"{lines:,} tables nested {deep} deep", "".join(f"x{i} = {nest}\n" for i in range(lines))
    yield "1 MiB string of \\u escapes", fill('x = "', lambda i: "\\u0041", size - 2, '"\n')
    yield "1 MiB string of \\\\ escapes", fill('x = "', lambda i: "\\\\", size - 2, '"\n')
    yield "1 MiB multi-line string, ' and ''", fill("x = '''", lambda i: "a''", size - 4, "'''\n")
    # Quoted keys and table names whose every part holds an escape: the key-line scan decodes
    # each part (it once called tomllib per part: 1.4 s for the first of these).
    quoted = ".".join(f'"p\\u00{i:02d}"' for i in range(MAX_KEY_PARTS - 1))
    lines = items_bound(2 * MAX_KEY_PARTS + 2)
    yield (
        f"{lines:,} quoted keys, every part escaped",
        "".join(f'{quoted}."k\\u0041{i}" = 1\n' for i in range(lines)),
    )
    yield (
        f"{lines:,} quoted table names, escaped",
        "".join(f'[{quoted}."t\\u0041{i}"]\n' for i in range(lines)),
    )
    yield "1 MiB bare key", fill("", lambda i: "k", size - 5, " = 1\n")
    yield "1 MiB of spaces", fill("", lambda i: " ", size - 6, "x = 1\n")
    yield "1 MiB comment", fill("#", lambda i: "#", size - 7, "\nx = 1\n")
    lines = items_bound(1)
    yield f"string of {lines:,} lines", 'x = """' + "a\n" * lines + '"""\n'
    # A line the key-line scan meets outside the string it lost track of (\""" does not end
    # a string), holding what would make a careless pattern backtrack.
    yield (
        "key-line scan: '[' and 1 MiB of spaces",
        ('x = """\na\\"""\n[' + " " * (size - 40) + 'x\n"""\n'),
    )
    # What the scan meets in a string it lost track of is not counted by the bounds but as
    # the string's lines: one line of dotted parts, and the most key lines with an escaped
    # quoted key that the line bound lets through.
    lost = 'x = """\na\\"""\n'
    yield "key-line scan: a 1 MiB dotted line", fill(lost, lambda i: "a.", size - 9, 'a=1\n"""\n')
    lines = items_bound(1)
    yield f"key-line scan: {lines:,} escaped key lines", lost + '"\\b"=1\n' * lines + '"""\n'


def tomllib_seconds(text: str, cap: float) -> float | None:
    """tomllib's time on ``text`` in a child process; ``None`` when it is killed at ``cap``."""
    with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False, encoding="utf-8") as f:
        f.write(text)
    code = (
        "import sys, time, tomllib\n"
        "text = open(sys.argv[1], encoding='utf-8').read()\n"
        "start = time.perf_counter()\n"
        "try:\n    tomllib.loads(text)\nexcept Exception:\n    pass\n"
        "print(time.perf_counter() - start)\n"
    )
    try:
        done = subprocess.run(
            [sys.executable, "-c", code, f.name], capture_output=True, text=True, timeout=cap
        )
        return float(done.stdout)
    except subprocess.TimeoutExpired:
        return None
    finally:
        os.unlink(f.name)


def median_seconds(action: Callable[[], object], runs: int) -> tuple[float, object]:
    samples, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), result


def outcome(result: object) -> str:
    if isinstance(result, list):
        return f"{len(result)} problems: {str(result[0])[:60]}" if result else "parsed"
    message = getattr(result, "message", None)
    return "parsed" if message is None else f"refused: {message[:60]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--bytes", type=int, default=MAX_FILE_BYTES)
    parser.add_argument("--cap", type=float, default=10.0)
    parser.add_argument("--only", help="only shapes whose name holds this")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores; "
          f"{args.runs} runs each, medians; tomllib alone killed after {args.cap:g} s")  # fmt: skip
    print(f"{'shape':<44} {'bytes':>9} {'tomllib':>9} {'parse':>7} {'exercise':>9} "
          f"{'settings':>9} {'answers':>8} {'routine':>8} {'quick':>6}  outcome")  # fmt: skip
    worst = 0.0
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "shape.toml"
        routine = Path(folder) / "routines" / "shape.toml"
        routine.parent.mkdir()
        for name, text in shapes(args.bytes):
            if args.only and args.only not in name:
                continue
            path.write_text(text, encoding="utf-8")
            routine.write_text(text, encoding="utf-8")
            alone = tomllib_seconds(text, args.cap)
            parse, result = median_seconds(partial(parse_toml_text, text, path, "x"), args.runs)
            exercise, _ = median_seconds(partial(load_exercise_file, path), args.runs)
            settings, _ = median_seconds(partial(load_settings, path), args.runs)
            answers, _ = median_seconds(partial(load_answers, path), args.runs)
            routines, _ = median_seconds(partial(load_routine_file, routine), args.runs)
            quick, _ = median_seconds(partial(read_clock_settings, path), args.runs)
            worst = max(worst, parse, exercise, settings, answers, routines, quick)
            shown = f"> {args.cap:g}" if alone is None else f"{alone:.3f}"
            figures = (parse, exercise, settings, answers, routines, quick)
            widths = (7, 9, 9, 8, 8, 6)
            pairs = zip(figures, widths, strict=True)
            columns = " ".join(f"{figure:>{width}.3f}" for figure, width in pairs)
            print(f"{name[:44]:<44} {len(text.encode()):>9,} {shown:>9} {columns}  "
                  f"{outcome(result)}", flush=True)  # fmt: skip
    print(f"slowest hiptui reader: {worst:.3f} s (the bound is 2 s)")


if __name__ == "__main__":
    main()
