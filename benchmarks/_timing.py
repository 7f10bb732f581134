"""Small helpers shared by the benchmark scripts: run commands, take medians."""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence


def realistic_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment a user's shell has: bytecode caching on (this sandbox turns it off,
    which would make every run recompile every module and hide real start-up costs)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, **(extra or {})}


def time_process(
    argv: Sequence[str], *, runs: int, env: dict[str, str] | None = None
) -> list[float]:
    """Wall time in milliseconds of ``runs`` whole-process runs of ``argv`` (after one warm-up)."""
    full_env = realistic_env(env)
    subprocess.run(argv, capture_output=True, env=full_env, check=True)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, capture_output=True, env=full_env, check=True)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def time_interleaved(
    commands: Sequence[tuple[Sequence[str], dict[str, str] | None]],
    *,
    runs: int,
    before: Sequence[Callable[[], object] | None] = (),
) -> list[list[float]]:
    """Like :func:`time_process` for several commands, taking turns (one run of each per
    round), so a machine that gets busier or quieter affects them all alike. ``before[i]``,
    when given, runs (untimed) before each run of command ``i``."""
    envs = [realistic_env(env) for _argv, env in commands]
    prepare = [*before, *[None] * (len(commands) - len(before))]
    for (argv, _env), full_env in zip(commands, envs, strict=True):
        subprocess.run(argv, capture_output=True, env=full_env, check=True)
    samples: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for index, ((argv, _env), full_env) in enumerate(zip(commands, envs, strict=True)):
            if prepare[index] is not None:
                prepare[index]()  # type: ignore[misc]
            start = time.perf_counter()
            subprocess.run(argv, capture_output=True, env=full_env, check=True)
            samples[index].append((time.perf_counter() - start) * 1000)
    return samples


def median(samples: Sequence[float]) -> float:
    return statistics.median(samples)


def row(label: str, samples: Sequence[float]) -> str:
    return (
        f"{label:<44} median {median(samples):7.1f} ms   "
        f"min {min(samples):7.1f}   max {max(samples):7.1f}   n={len(samples)}"
    )


def ratio_rows(
    samples: dict[str, list[float]], baseline: str, targets: dict[str, float] | None = None
) -> str:
    """One line per case: its median, and its ratio to ``baseline``'s median from the same
    run (beside its target, when ``targets`` has one)."""
    base = median(samples[baseline])
    lines = []
    for label, values in samples.items():
        mid = median(values)
        line = f"{label:<50} median {mid:7.1f} ms  min {min(values):6.1f}  n={len(values)}"
        if label != baseline:
            line += f"  {mid / base:5.2f}x"
            target = (targets or {}).get(label)
            if target is not None:
                verdict = "met" if mid / base <= target else "MISSED"
                line += f" (target <= {target:g}x: {verdict})"
        lines.append(line)
    return "\n".join(lines)


def load_line() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} ({os.cpu_count()} cores)"


def terminal_sizes(values: Sequence[str] | None, default: Sequence[str]) -> list[tuple[int, int]]:
    """``WIDTHxHEIGHT`` arguments (``default`` when none were given) as (width, height)."""
    sizes = []
    for text in values or default:
        width, _, height = text.partition("x")
        sizes.append((int(width), int(height)))
    return sizes
