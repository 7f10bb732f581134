"""Several hiptui processes writing the same database at once lose and duplicate nothing."""

from __future__ import annotations

import itertools
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

from hiptui.store.db import Database

WORKER = textwrap.dedent(
    """
    import sys
    import time
    from pathlib import Path
    from hiptui.store.db import Database

    path = Path(sys.argv[1])
    worker, shared, count = (int(arg) for arg in sys.argv[2:5])
    print("ready", flush=True)
    sys.stdin.readline()  # the starting gun: every worker begins at once
    db = Database.open(path)
    if db.notice:
        print("NOTICE", db.notice, flush=True)
    own = db.start_session(f"worker {worker}", {"worker": worker})
    for number in range(1, count + 1):
        db.log_set(own, exercise_id="bridge", exercise_name="Bridge", set_number=number,
                   side=None, reps=worker)
        if shared:
            # Every worker logs the same shared sets: they must not be duplicated.
            db.log_set(shared, exercise_id="shared", exercise_name="Shared", set_number=number,
                       side="left" if number % 2 else "right", reps=worker)
            db.log_set(shared, exercise_id=f"only-{worker}", exercise_name="Own",
                       set_number=number, side=None, reps=worker)
        time.sleep(0.002)  # a moment between sets, as a person takes: lets the others in
    db.log_break("taken")
    db.close()
    print("done", flush=True)
    """
)


def run_workers(path: Path, workers: int, shared: int, count: int) -> list[str]:
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(path), str(k), str(shared), str(count)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for k in range(1, workers + 1)
    ]
    for process in processes:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "ready"
    for process in processes:
        assert process.stdin is not None
        process.stdin.write("go\n")
        process.stdin.flush()
    outputs = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        outputs.append(out)
    return outputs


def rows(path: Path, sql: str) -> list[tuple[Any, ...]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def test_workers_creating_a_new_database_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "data" / "history.sqlite3"
    outputs = run_workers(path, workers=4, shared=0, count=100)
    assert all(out.strip() == "done" for out in outputs), outputs
    per_session = rows(
        path,
        "SELECT session_id, count(*), min(set_number), max(set_number) FROM sets "
        "GROUP BY session_id",
    )
    assert sorted(count for _, count, _, _ in per_session) == [100, 100, 100, 100]
    assert all((low, high) == (1, 100) for _, _, low, high in per_session)
    assert rows(path, "SELECT count(*) FROM breaks") == [(4,)]
    assert sorted(p.name for p in path.parent.iterdir() if "corrupt" in p.name) == []
    # The writers really did run at the same time: their sets interleave on disk.
    order = [session for (session,) in rows(path, "SELECT session_id FROM sets ORDER BY id")]
    switches = sum(1 for a, b in itertools.pairwise(order) if a != b)
    assert switches > 3, order


def test_workers_logging_the_same_and_their_own_sets_at_once(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    db = Database.open(path)
    shared = db.start_session("shared", {})
    db.close()
    count = 30
    run_workers(path, workers=3, shared=shared, count=count)
    db = Database.open(path)
    sets = db.session(shared).sets
    common = [(s.set_number, s.side) for s in sets if s.exercise_id == "shared"]
    assert sorted(common, key=lambda k: k[0]) == [
        (n, "left" if n % 2 else "right") for n in range(1, count + 1)
    ]
    for worker in (1, 2, 3):
        own = [s.set_number for s in sets if s.exercise_id == f"only-{worker}"]
        assert own == list(range(1, count + 1))
    assert len(sets) == count * 4
    assert len(db.sessions()) == 4
    assert sum(len(s.sets) for s in db.sessions()) == count * 4 + 3 * count
    db.close()
