"""Saving a running session: every completed set goes to the database the moment it completes.

The recorder sits between the pure session machine and the store. If a write fails (a locked
or full disk) the set is kept in memory and written with the next one, and the screen is told,
so nothing completed is lost while the app runs.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from hiptui.core.session.completed_set import CompletedSet
from hiptui.store.db import Database
from hiptui.store.errors import StoreError
from hiptui.store.records import utc_now

Clock = Callable[[], float]


class SessionRecorder:
    def __init__(
        self,
        db: Database,
        session_id: int,
        *,
        clock: Clock = time.monotonic,
        wall: Callable[[], datetime] = utc_now,
    ) -> None:
        self.db = db
        self.session_id = session_id
        self._clock = clock
        self._wall = wall
        self.pending: list[CompletedSet] = []
        self.saved = 0

    def _wall_time(self, monotonic_reading: float) -> datetime:
        """A reading of the session clock turned into wall time (for ``started_at``)."""
        return self._wall() - timedelta(seconds=max(0.0, self._clock() - monotonic_reading))

    def record(self, completed: CompletedSet) -> StoreError | None:
        """Write ``completed`` (and anything a failed write left behind); the error, if any."""
        self.pending.append(completed)
        return self.flush()

    def flush(self) -> StoreError | None:
        while self.pending:
            item = self.pending[0]
            try:
                self.db.log_set(
                    self.session_id,
                    exercise_id=item.exercise_id,
                    exercise_name=item.exercise_name,
                    set_number=item.set_number,
                    side=item.side,
                    reps=item.reps,
                    hold_seconds=item.hold_seconds,
                    work_seconds=item.work_seconds,
                    discomfort=item.discomfort,
                    started_at=self._wall_time(item.started_at),
                )
            except StoreError as error:
                return error
            self.pending.pop(0)
            self.saved += 1
        return None

    def save_state(self, snapshot: dict[str, Any]) -> StoreError | None:
        try:
            self.db.save_state(self.session_id, snapshot)
        except StoreError as error:
            return error
        return None

    def finish(self, status: str) -> StoreError | None:
        error = self.flush()
        if error is not None:
            return error
        try:
            self.db.finish_session(self.session_id, status)
        except StoreError as failure:
            return failure
        return None


def completed_from_record(record: Any) -> CompletedSet:
    """A saved set (``store.records.SetRecord``) as the machine's CompletedSet, for resuming."""
    return CompletedSet(
        exercise_id=record.exercise_id,
        exercise_name=record.exercise_name,
        set_number=record.set_number,
        side=record.side,
        reps=record.reps,
        hold_seconds=record.hold_seconds,
        work_seconds=record.work_seconds,
        discomfort=record.discomfort,
        started_at=0.0,
        ended_at=0.0,
    )
