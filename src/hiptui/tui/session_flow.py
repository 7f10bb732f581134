"""Starting, resuming and closing sessions: the app-level glue around the runner screen.

Kept out of app.py so the app stays about navigation; everything here runs on the app's event
loop and talks to the database through the app's :meth:`HiptuiApp.database`.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from hiptui.content.models import Exercise
from hiptui.core.catalog.advice import discomfort_advice
from hiptui.core.session.machine import SessionMachine
from hiptui.core.session.plan import SessionPlan
from hiptui.store.errors import StoreError
from hiptui.store.records import SessionRecord, SetRecord

if TYPE_CHECKING:
    from hiptui.store.db import Database
    from hiptui.tui.app import HiptuiApp
    from hiptui.tui.screens.session import SessionResult


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


class SessionFlow:
    def __init__(self, app: HiptuiApp) -> None:
        self.app = app

    def _exercises(self) -> dict[str, Exercise]:
        library = self.app.library
        return dict(library.exercises) if library is not None else {}

    def start(self, plan: SessionPlan, *, start_side: str | None = None) -> None:
        db = self.app.database()
        if db is None:
            return
        try:
            session_id = db.start_session(plan.name, plan.to_dict(), plan.routine_id)
        except StoreError as error:
            self.app.notify(str(error), title="Cannot start", severity="error", markup=False)
            return
        settings = self.app.settings
        machine = SessionMachine(
            plan,
            self.app.clock,
            start_side=start_side or settings.start_side,
            warn_at=10,
        )
        self._run(machine, db, session_id)

    def _run(self, machine: SessionMachine, db: Database, session_id: int) -> None:
        from hiptui.tui.recorder import SessionRecorder
        from hiptui.tui.screens.session import SessionScreen

        settings = self.app.settings
        screen = SessionScreen(
            machine,
            SessionRecorder(db, session_id, clock=self.app.clock),
            self._exercises(),
            units=self.app.units,
            bell=settings.bell,
            warn_bell=settings.warn_10s,
            tempo=(settings.tempo_lift, settings.tempo_hold, settings.tempo_lower),
        )
        if settings.tempo and "start_tempo" in machine.view.available:
            machine.start_tempo(settings.tempo_lift, settings.tempo_hold, settings.tempo_lower)
        if self.app.breaks is not None:
            self.app.breaks.set_busy(True)  # a break that comes due waits for the session's end
        self.app.push_screen(screen, self.finished)

    def finished(self, result: SessionResult | None) -> None:
        from hiptui.tui.screens.summary import SummaryScreen

        if self.app.breaks is not None:
            self.app.breaks.set_busy(False)
        if result is None:
            return
        db = self.app.database()
        exercises = self._exercises()
        previous: dict[str, str] = {}
        if db is not None:
            for item in result.summary.exercises:
                try:
                    text = last_time(db, item.exercise_id, result.session_id)
                except StoreError:
                    text = None
                if text:
                    previous[item.exercise_id] = text
        ladders = self.app.ladders()
        advice = [
            discomfort_advice(exercises[ex_id], ladders)
            for ex_id in result.summary.flagged
            if ex_id in exercises
        ]
        names = {ex_id: ex.name for ex_id, ex in exercises.items()}
        title = result.summary.exercises[0].exercise_name if result.summary.exercises else ""
        if len(result.summary.exercises) > 1:
            title = f"{len(result.summary.exercises)} exercises"
        self.app.push_screen(
            SummaryScreen(
                result.summary, title=title, previous=previous, advice=advice, names=names
            )
        )

    # -- resume ----------------------------------------------------------------------------

    def find_unfinished(self) -> SessionRecord | None:
        """The session left unfinished (crash, kill, closed terminal), if any; thread-safe."""
        db = self.app.database()
        if db is None:
            return None
        try:
            return db.unfinished_session()
        except StoreError as error:
            self.app.tell("History unavailable", str(error), severity="error")
            return None

    def offer_resume(self, record: SessionRecord | None) -> None:
        """Ask what to do with an unfinished session: resume it, close it, or decide later."""
        from hiptui.tui.screens.dialogs import ResumeScreen
        from hiptui.tui.screens.session import SessionScreen

        db = self.app.database()
        if record is None or db is None:
            return
        if any(isinstance(screen, SessionScreen) for screen in self.app.screen_stack):
            return  # a session is running now (it may be this very one): not the time to ask
        started = record.started_at.astimezone().strftime("%a %d %b %H:%M")
        count = len(record.sets)
        description = (
            f"{record.name}, started {started}: {count} set{'s' if count != 1 else ''} saved."
        )
        can_resume = bool(record.plan) and record.state is not None

        def chosen(choice: str | None) -> None:
            if choice == "resume":
                self.resume(record.id)
            elif choice == "close":
                try:
                    db.finish_session(record.id, "ended-early")
                except StoreError as error:
                    self.app.notify(str(error), severity="error", markup=False)
                    return
                self.app.notify("Closed the unfinished session; its sets stay in your history.")

        self.app.push_screen(ResumeScreen(description, can_resume=can_resume), chosen)

    def resume(self, session_id: int) -> None:
        from hiptui.tui.recorder import completed_from_record

        db = self.app.database()
        if db is None:
            return
        record = db.session(session_id)
        try:
            plan = SessionPlan.from_dict(record.plan)
            machine = SessionMachine.resume(
                plan,
                record.state or {},
                self.app.clock,
                saved=[completed_from_record(s) for s in record.sets],
            )
        except ValueError as error:
            self.app.notify(
                f"This session cannot be resumed ({error}). Close it instead.",
                severity="error",
                markup=False,
            )
            return
        self._run(machine, db, session_id)
