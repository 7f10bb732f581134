"""Two hiptui processes logging sets through the session service's recorder at the same moment.

The store's own concurrency tests (test_store_db_concurrency) wait out each other's locks. Here
the recorders do not wait at all (``busy_timeout`` 0), so a write that meets the other
process's lock fails, the set stays in the recorder's memory and goes out with the next one:
the recorder's retry path under real contention. Afterwards every set is there exactly once.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from hiptui.store.db import Database
from tests.faults import saved_sets

COUNT = 60
WORKER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from hiptui.core.session.completed_set import CompletedSet
    from hiptui.core.session.events import SetCompleted
    from hiptui.sessions import SessionRecorder
    from hiptui.store.db import Database

    path, session, worker, count = Path(sys.argv[1]), *map(int, sys.argv[2:5])
    db = Database.open(path, busy_timeout=0.0)
    recorder = SessionRecorder(db, session, lambda: {"worker": worker}, clock=lambda: 0.0)
    print("ready", flush=True)
    sys.stdin.readline()  # both start at once
    failures = 0
    for number in range(1, count + 1):
        for exercise in ("shared", f"own-{worker}"):
            done = CompletedSet(exercise, exercise.title(), number, None, worker, None, None,
                                False, 0.0, 0.0)
            failures += recorder.record([SetCompleted(done)]) is not None
    deadline = time.monotonic() + 30
    while recorder.retry() is not None:  # what the runner does when a retry is due
        failures += 1
        assert time.monotonic() < deadline, "never saved"
        time.sleep(0.01)
    print(failures, recorder.saved, flush=True)
    """
)


def test_two_recorders_at_once_lose_and_duplicate_nothing(tmp_path: Path) -> None:
    path = tmp_path / "hiptui.sqlite3"
    with Database.open(path) as db:
        session = db.start_session("Two terminals, one session", {})
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(path), str(session), str(k), str(COUNT)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for k in (1, 2)
    ]
    for worker in workers:
        assert worker.stdout is not None and worker.stdout.readline().strip() == "ready"
    for worker in workers:
        assert worker.stdin is not None
        worker.stdin.write("go\n")
        worker.stdin.flush()
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
        failures, saved = map(int, out.split())
        assert saved == 2 * COUNT  # each recorder wrote all of its sets in the end
        print(f"writes that met the other's lock and were retried: {failures}")
    keys = [(exercise, number) for _name, exercise, number, _reps in saved_sets(path)]
    assert len(keys) == len(set(keys))  # no duplicates
    assert sorted(keys) == sorted(
        (exercise, number)
        for exercise in ("shared", "own-1", "own-2")
        for number in range(1, COUNT + 1)
    )
    with Database.open(path, read_only=True) as db:
        reps = {s.reps for s in db.session(session).sets if s.exercise_id == "own-2"}
    assert reps == {2}
