"""Sessions on disk: what the session runner does, saved as it happens, and picked up again.

Between the pure session machine (:mod:`hiptui.core.session`) and the history database
(:mod:`hiptui.store.db`); pure Python, no Textual. The runner screen hands each list of the
machine's events to a :class:`SessionRecorder`, which commits every completed set (and then
where the session stands) before it counts the set as saved.

A key press must not wait for another hiptui: a write made while a key is handled waits at
most :data:`KEY_WAIT` seconds for the other program's lock. A set that could not be written is
kept (``pending``), shown as waiting, and written with the next set, on the next retry
(:meth:`SessionRecorder.retry_due`, every :data:`RETRY_SECONDS`) or when the app closes, which
waits the database's full timeout: nothing completed is dropped while the app runs.

Beside it are the session's start, the search for a session left unfinished (a crash, a kill,
a closed terminal), its resume and close, and "last time" for the summary.
"""

from __future__ import annotations

import contextlib
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from hiptui.core.session.completed_set import CompletedSet, SetKey
from hiptui.core.session.events import DiscomfortChanged, Event, SetCompleted
from hiptui.core.session.machine import SessionMachine
from hiptui.core.session.plan import SessionPlan
from hiptui.core.session.summary import SessionSummary
from hiptui.store.db import DEFAULT_BUSY_TIMEOUT, Database
from hiptui.store.errors import StoreError
from hiptui.store.records import SessionRecord, SetDetails, SetRecord, check_details, utc_now

if TYPE_CHECKING:
    from hiptui.content.models import Exercise
    from hiptui.core.week.comeback import Comeback

Clock = Callable[[], float]

# Seconds a write made in a key press waits for another program's lock.
KEY_WAIT = 0.1
# Seconds between tries of what could not be written (a lock, a full disk).
RETRY_SECONDS = 5.0
# The wait when the app closes (ctrl+q, a closed terminal): what is pending goes out now or never.
CLOSE_WAIT = DEFAULT_BUSY_TIMEOUT

# What a set completed in the runner and a set saved in the history have in common.
SET_FIELDS = ("exercise_id", "exercise_name", "set_number", "side", "reps", "hold_seconds",
              "work_seconds", "discomfort")  # fmt: skip


def set_fields(done: CompletedSet | SetRecord) -> dict[str, Any]:
    """The :data:`SET_FIELDS` of a completed or a saved set, to make the other from."""
    return {name: getattr(done, name) for name in SET_FIELDS}


def completed_from_record(record: SetRecord) -> CompletedSet:
    """A saved set as the machine's CompletedSet (for resuming; the clock times are unknown).
    The history keeps seconds as REAL: a planned hold of 2 comes back 2.0 and goes back in as 2,
    so the snapshots written after a resume hold what the runner writes."""
    fields = set_fields(record)
    hold = fields["hold_seconds"]
    if isinstance(hold, float) and hold.is_integer():
        fields["hold_seconds"] = int(hold)
    return CompletedSet(**fields, started_at=0.0, ended_at=0.0)


class SessionRecorder:
    """One session in progress, on disk: every completed set the moment it completes, and
    where the session stands after each (for resuming)."""

    def __init__(
        self,
        db: Database,
        session_id: int,
        snapshot: Callable[[], dict[str, Any]],
        *,
        clock: Clock = time.monotonic,
        wall: Callable[[], datetime] = utc_now,
    ) -> None:
        self.db = db
        self.session_id = session_id
        self._snapshot = snapshot  # where the session stands (the machine's snapshot)
        self._clock = clock
        self._wall = wall
        self.pending: list[CompletedSet] = []
        # Discomfort flags changed on sets already written, to write (flag only) next.
        self.pending_flags: list[CompletedSet] = []
        # A set's load, reps in reserve and pain, logged after it, to write after the set.
        self.pending_details: dict[SetKey, SetDetails] = {}
        self.saved_keys: set[SetKey] = set()  # every set and half on disk
        self.finished = False
        self._state_due = False
        self._retry_at: float | None = None
        self._last_key: SetKey = ("", 0, None)

    def _wall_time(self, monotonic_reading: float) -> datetime:
        """A reading of the session clock turned into wall time (for ``started_at``)."""
        return self._wall() - timedelta(seconds=max(0.0, self._clock() - monotonic_reading))

    # -- while it runs ---------------------------------------------------------------------

    def record(self, events: Iterable[Event]) -> StoreError | None:
        """Write what ``events`` completed (and what an earlier failure left); the error, if a
        write failed (what it was writing is kept and retried). A discomfort flag changed on a
        set already written changes that set's flag only: the set is not saved again."""
        for event in events:
            if isinstance(event, SetCompleted):
                self.pending.append(event.record)
                self._state_due = True
            elif isinstance(event, DiscomfortChanged) and event.record is not None:
                self._flag(event.record)
        if not self.waiting:
            return None
        return self._write(KEY_WAIT)

    def _flag(self, record: CompletedSet) -> None:
        waiting = [n for n, item in enumerate(self.pending) if item.key == record.key]
        if waiting:
            self.pending[waiting[-1]] = record  # not written yet: it goes out flagged
        else:
            self.pending_flags = [f for f in self.pending_flags if f.key != record.key]
            self.pending_flags.append(record)
        self._state_due = True

    def record_details(self, key: SetKey, details: SetDetails) -> StoreError | None:
        """Log the load, reps in reserve and pain of the set (or half) ``key``, completed
        already: written at once after the set itself (kept and retried like a set when that
        fails). ``ValueError`` for a value out of range, before anything is kept."""
        check_details(*details)
        self.pending_details[key] = details
        return self._write(KEY_WAIT)

    @property
    def waiting(self) -> bool:
        """Whether something completed is not on disk yet."""
        return bool(self.pending or self.pending_flags or self.pending_details) or self._state_due

    @property
    def saved(self) -> int:
        """Sets on disk: a set of a per-side exercise is one set, whichever halves are done
        (as the summary and the history count them)."""
        return sets_count(self.saved_keys)

    def already_saved(self, records: Iterable[CompletedSet]) -> None:
        """The sets this session had on disk before (resuming), in the order saved."""
        for record in records:
            self.saved_keys.add(record.key)
            self._last_key = record.key

    def half_to_go(self) -> str | None:
        """The side still to do of the last set saved, when only one half of it is on disk."""
        if not self.saved_keys or self.pending:
            return None
        exercise_id, number, side = self._last_key
        if side is None:
            return None
        other = "right" if side == "left" else "left"
        return None if (exercise_id, number, other) in self.saved_keys else other

    def retry_due(self) -> bool:
        """Whether it is time to try again what could not be written."""
        return self._retry_at is not None and self._clock() >= self._retry_at

    def retry(self) -> StoreError | None:
        """Try again now what could not be written."""
        return self._write(KEY_WAIT)

    def _write(self, wait: float) -> StoreError | None:
        """The sets waiting, in order, then the position; each in its own transaction."""
        try:
            with self.db.waiting_at_most(wait):
                while self.pending:
                    item = self.pending[0]
                    self.db.log_set(self.session_id, **set_fields(item),
                                    started_at=self._wall_time(item.started_at))  # fmt: skip
                    self.pending.pop(0)
                    self.saved_keys.add(item.key)
                    self._last_key = item.key
                while self.pending_flags:
                    item = self.pending_flags[0]
                    with contextlib.suppress(KeyError):  # a set not in the history: no flag
                        self.db.flag_set(self.session_id, exercise_id=item.exercise_id,
                                         set_number=item.set_number, side=item.side,
                                         discomfort=item.discomfort)  # fmt: skip
                    self.pending_flags.pop(0)
                while self.pending_details:
                    key, details = next(iter(self.pending_details.items()))
                    exercise_id, number, side = key
                    with contextlib.suppress(KeyError):  # a set not in the history: no details
                        self.db.set_details(self.session_id, exercise_id=exercise_id,
                                            set_number=number, side=side,
                                            details=details)  # fmt: skip
                    del self.pending_details[key]
                if self._state_due:
                    self.db.save_state(self.session_id, self._snapshot())
                    self._state_due = False
        except StoreError as error:
            self._retry_at = self._clock() + RETRY_SECONDS
            return error
        self._retry_at = None
        return None

    # -- the end -----------------------------------------------------------------------------

    def finish(self, status: str) -> StoreError | None:
        """Write what is waiting and close the session as ``status``; on an error it stays
        open and :meth:`finish` can be called again."""
        self._state_due = False  # a finished session keeps no position
        error = self._write(KEY_WAIT)
        if error is None:
            try:
                with self.db.waiting_at_most(KEY_WAIT):
                    self.db.finish_session(self.session_id, status)
            except StoreError as failure:
                self._retry_at = self._clock() + RETRY_SECONDS
                return failure
            self.finished = True
        return error

    def save_progress(self) -> StoreError | None:
        """The app is closing mid-session: write everything now, waiting as long as the
        database allows. The session stays open, so the next start offers to resume it."""
        if self.finished:
            return None
        self._state_due = True
        return self._write(CLOSE_WAIT)


# -- starting, resuming and closing ----------------------------------------------------------

Running = tuple[SessionMachine, SessionRecorder]  # a session's machine and its recorder


def start_session(
    db: Database,
    plan: SessionPlan,
    *,
    clock: Clock,
    start_side: str | None,
    weaker_first: bool = False,
    lead_in: int = 0,
    wall: Callable[[], datetime] = utc_now,
) -> Running:
    """A new session in the history (``StoreError`` if it cannot be written), its machine at
    the first set.

    ``start_side``: the side every per-side exercise starts with (``None``: as each one's
    steps have it). ``weaker_first``: an exercise whose weaker side (from the history) is
    behind by more than 10% starts with it. ``lead_in``: seconds to get into position
    before each timed set counts.
    """
    chosen = weaker_sides(db, plan) if weaker_first else {}
    with db.waiting_at_most(KEY_WAIT):
        session_id = db.start_session(plan.name, plan.to_dict(), plan.routine_id)
    machine = SessionMachine(plan, clock, start_side=start_side, first_sides=chosen, warn_at=10,
                             lead_in=lead_in)  # fmt: skip
    return machine, SessionRecorder(db, session_id, machine.snapshot, clock=clock, wall=wall)


def eased_back_in(
    db: Database, plan: SessionPlan, exercises: Mapping[str, Exercise], now: datetime
) -> tuple[SessionPlan, list[Comeback]]:
    """``plan`` with an easier dosage for each exercise not done for two weeks or more before
    ``now`` (an aware time: its zone decides the days), and why
    (:mod:`hiptui.core.week.comeback`). An item is eased only when the easier dosage is no more
    than the planned one in sets and in reps or seconds (a routine may already ask for less);
    an unreadable history eases nothing."""
    from hiptui.core.week.comeback import comeback

    try:
        last = db.last_done([item.exercise_id for item in plan.items])
    except StoreError:
        return plan, []
    items, reasons = [], []
    for item in plan.items:
        exercise, when = exercises.get(item.exercise_id), last.get(item.exercise_id)
        easier = None
        if exercise is not None and when is not None:
            easier = comeback(exercise, when.astimezone(now.tzinfo).date(), now.date())
        if easier is None or easier.sets > item.sets:
            items.append(item)
        elif item.target_reps is not None and easier.reps is not None:
            if easier.reps.low > item.target_reps.low:
                items.append(item)
                continue
            items.append(replace(item, sets=easier.sets, target_reps=easier.reps))
            reasons.append(easier)
        elif item.work_seconds is not None and easier.work_seconds is not None:
            if easier.work_seconds > item.work_seconds:
                items.append(item)
                continue
            items.append(replace(item, sets=easier.sets, work_seconds=easier.work_seconds))
            reasons.append(easier)
        else:  # a routine that times what the exercise counts, or the other way round
            items.append(item)
    return (replace(plan, items=tuple(items)) if reasons else plan), reasons


def weaker_sides(db: Database, plan: SessionPlan) -> dict[str, str]:
    """The weaker side of each per-side exercise of ``plan`` that has one in the history
    (:func:`hiptui.core.history.sides.weaker_side`); an unreadable history gives none."""
    from hiptui.core.history.sides import weaker_side

    found: dict[str, str] = {}
    for item in plan.items:
        if not item.per_side:
            continue
        try:
            side = weaker_side(db.sets_for_exercise(item.exercise_id))
        except StoreError:
            return found
        if side is not None:
            found[item.exercise_id] = side
    return found


def unfinished_session(db: Database) -> SessionRecord | None:
    """The session left unfinished (a crash, a kill, a closed terminal), if any."""
    return db.unfinished_session()


def can_resume(record: SessionRecord) -> bool:
    return bool(record.plan) and record.state is not None


def resume_session(
    db: Database,
    session_id: int,
    *,
    clock: Clock,
    lead_in: int = 0,
    wall: Callable[[], datetime] = utc_now,
) -> Running:
    """The unfinished session ``session_id``, its machine at the first half not completed and
    its recorder counting the sets already saved. ``ValueError`` when its saved plan or
    position cannot be read back."""
    record = db.session(session_id)
    plan = SessionPlan.from_dict(record.plan)
    saved = [completed_from_record(s) for s in record.sets]
    machine = SessionMachine.resume(plan, record.state or {}, clock, saved=saved, lead_in=lead_in)
    recorder = SessionRecorder(db, session_id, machine.snapshot, clock=clock, wall=wall)
    recorder.already_saved(saved)
    return machine, recorder


def sets_count(keys: Iterable[SetKey]) -> int:
    """How many sets ``keys`` make: both halves of a per-side set are one set."""
    return len({(exercise_id, number) for exercise_id, number, _side in keys})


def close_unfinished(db: Database, session_id: int) -> None:
    """Close an unfinished session as it is (its sets stay in the history)."""
    with db.waiting_at_most(KEY_WAIT):
        db.finish_session(session_id, "ended-early")


# -- the summary -------------------------------------------------------------------------------


def last_time(db: Database, exercise_id: str, before_session: int) -> str | None:
    """``12 Nov: 3 sets, 30 reps`` for the latest earlier session with this exercise."""
    by_session: dict[int, list[SetRecord]] = defaultdict(list)
    for record in db.sets_for_exercise(exercise_id):
        if record.session_id != before_session:
            by_session[record.session_id].append(record)
    if not by_session:
        return None
    latest = max(by_session.values(), key=lambda sets: max(s.completed_at for s in sets))
    when = max(s.completed_at for s in latest).astimezone().strftime("%d %b")
    sets = len({s.set_number for s in latest})
    reps = sum(s.reps for s in latest)
    return f"{when}: {sets} sets, {reps} reps"


@dataclass(frozen=True)
class FinishedSession:
    """What the runner hands back at the end: the summary of the session saved as
    ``session_id``."""

    summary: SessionSummary
    session_id: int


def previous_times(db: Database, result: FinishedSession) -> dict[str, str]:
    """ "Last time" for each exercise of the session that was done before (unreadable history:
    nothing)."""
    previous: dict[str, str] = {}
    for item in result.summary.exercises:
        try:
            text = last_time(db, item.exercise_id, result.session_id)
        except StoreError:
            text = None
        if text:
            previous[item.exercise_id] = text
    return previous
