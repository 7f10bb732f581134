"""Sessions in the app: the dosage dialog, the runner, the summary, the resume offer.

The screens and dialogs around a session, in order; what is written to the history is the
session service's (:mod:`hiptui.sessions`). The app owns one of these and calls it from its
message handlers; everything here runs on the app's event loop. (The look for an unfinished
session at start is :mod:`hiptui.tui.history_at_start`'s: it needs none of the session
machinery imported here.)
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from hiptui import sessions
from hiptui.core.catalog.advice import discomfort_advice
from hiptui.core.session.plan import first_sides
from hiptui.core.session.plan_builders import PlanError, plan_for_exercise, plan_for_routine
from hiptui.core.session.view import Action
from hiptui.store.errors import StoreError

if TYPE_CHECKING:
    from hiptui.content.models import Exercise
    from hiptui.content.routines import Routine
    from hiptui.core.history.prescription import Prescription
    from hiptui.core.session.machine import SessionMachine
    from hiptui.core.session.plan import SessionPlan
    from hiptui.core.week.comeback import Comeback
    from hiptui.sound.announcer import Announcer, Background, Find
    from hiptui.store.records import SessionRecord
    from hiptui.tui.app_base import HomeApp
    from hiptui.tui.screens.dialogs import PlanChoice

Clock = Callable[[], float]


def last_dosage(prescription: Prescription) -> dict[str, int | None]:
    """The start dialog's numbers from the prescription (the remembered personal dosage: last
    time's sets, reps, hold or seconds, moved on by the rules); nothing when the exercise was
    never logged or another exercise is advised instead (its name is in the reason)."""
    if prescription.light == "none" or prescription.variation is not None:
        return {}
    dosage: dict[str, int | None] = {"sets": prescription.sets}
    if prescription.target_reps is not None:
        dosage["reps"] = prescription.target_reps
        if prescription.hold_seconds is not None:
            dosage["hold"] = prescription.hold_seconds
    elif prescription.work_seconds is not None:
        dosage["work"] = prescription.work_seconds
    return dosage


class SessionNavigation:
    def __init__(
        self,
        app: HomeApp,
        *,
        clock: Clock,
        units: Callable[[], str],
        running: Callable[[bool], None],
        find_player: Find | None = None,
        play_in: Background | None = None,
        wall_now: Callable[[], datetime] | None = None,
    ) -> None:
        self.app = app
        self.home = app.home
        self._database = app.database
        self._clock = clock
        self._units = units
        self._running = running  # told when a session starts and ends (the break clock waits)
        self._find_player = find_player  # None: the programs installed (hiptui.sound.players)
        self._play_in = play_in  # None: one sound thread for the app
        self._wall_now = wall_now  # None: the local time (the day decides an easier comeback)
        self.recorder: sessions.SessionRecorder | None = None
        self._routine_problems_told = False

    def _exercises(self) -> dict[str, Exercise]:
        library = self.home.loaded_library()
        return dict(library.exercises) if library is not None else {}

    def _error(self, error: Exception, title: str = "") -> None:
        self.app.notify(str(error), title=title, severity="error", markup=False)

    def routines(self) -> dict[str, Routine]:
        """The routines (their files' problems are told once)."""
        routines, problems = self.home.routines()
        if not self._routine_problems_told:
            self._routine_problems_told = True
            for problem in problems:
                self.app.notify(str(problem), title="Routine file problem", severity="warning",
                                markup=False)  # fmt: skip
        return routines

    # -- starting ----------------------------------------------------------------------------

    def choose_routine(self) -> None:
        """Offer the routines; the one chosen starts."""
        from hiptui.tui.screens.dialogs import ChooseScreen, routine_choices

        def chosen(routine_id: str | None) -> None:
            if routine_id:
                self.run_routine(routine_id)

        choices = routine_choices(self.routines())
        self.app.push_screen(ChooseScreen("Start a routine", choices), chosen)

    def run_exercise(self, exercise_id: str, *, ask: bool = True) -> None:
        """A session with one exercise, after adjusting its dosage unless ``ask`` is off."""
        from hiptui.tui.screens.dialogs import PlanScreen

        library = self.home.loaded_library()
        if library is None:
            return
        settings = self.home.settings
        rest_default = settings.rest_seconds
        try:
            plan = plan_for_exercise(library, exercise_id, rest_default=rest_default)
        except PlanError as error:
            self._error(error)
            return
        if not ask:
            plan, reasons = self._eased(plan)
            self._tell_eased(reasons)
            self.start(plan)
            return
        plan, reasons = self._eased(plan)
        # Back after time off, the eased dosage and its reason stand alone; else last time's
        # dosage moved on by the progression rules, with their reason.
        advice = None if reasons else self.app.advice(exercise_id)
        lines = advice[1] if advice is not None else []
        if advice is not None:
            plan = plan_for_exercise(
                library, exercise_id, rest_default=rest_default, **last_dosage(advice[0])
            )

        def chosen(choice: PlanChoice | None) -> None:
            if choice is None:
                return
            adjusted = plan_for_exercise(
                library, exercise_id, sets=choice.sets, reps=choice.reps,  # type: ignore[arg-type]
                hold=choice.hold, rest=choice.rest, work=choice.work, rest_default=rest_default,
            )  # fmt: skip
            if choice.load is not None:
                item = replace(adjusted.items[0], load=choice.load)
                adjusted = replace(adjusted, items=(item,))
            self.start(adjusted, start_side=choice.start_side)

        side = self._first_sides(plan).get(exercise_id, "left")
        note = reasons[0].text if reasons else ""
        load = advice[0].load if advice is not None and advice[0].variation is None else None
        screen = PlanScreen(plan.items[0], side, note=note, advice=lines, load=load)
        self.app.push_screen(screen, chosen)

    def _eased(self, plan: SessionPlan) -> tuple[SessionPlan, list[Comeback]]:
        """``plan`` eased for the exercises back after two weeks or more off, and why."""
        db = self._database()
        if db is None:
            return plan, []
        now = self._wall_now() if self._wall_now is not None else datetime.now().astimezone()
        return sessions.eased_back_in(db, plan, self._exercises(), now)

    def _tell_eased(self, reasons: list[Comeback]) -> None:
        if reasons:
            self.app.notify("\n".join(reason.text for reason in reasons),
                            title="Easing back in after time off", timeout=15,
                            markup=False)  # fmt: skip

    def _first_sides(self, plan: SessionPlan) -> dict[str, str]:
        """The side each per-side exercise of ``plan`` will start with, as the settings and
        the history have it (what the start dialog shows is what the runner does)."""
        settings = self.home.settings
        fixed = None if settings.start_side == "exercise" else settings.start_side
        weaker: dict[str, str] = {}
        db = self._database() if settings.weaker_side_first else None
        if db is not None:
            weaker = sessions.weaker_sides(db, plan)
        return first_sides(plan, fixed, weaker)

    def run_requested(self, run_id: str) -> None:
        """``hiptui run ID``: an exercise or a routine, default dosage, no questions."""
        library = self.home.loaded_library()
        if library is not None and run_id in library.exercises:
            self.run_exercise(run_id, ask=False)
        elif run_id in self.routines():
            self.run_routine(run_id)
        else:
            self.app.notify(f"No exercise or routine '{run_id}'", severity="error", markup=False)

    def run_routine(self, routine_id: str, *, with_warmup: bool = True) -> None:
        routine = self.routines().get(routine_id)
        library = self.home.loaded_library()
        if routine is None or library is None:
            self.app.notify(f"No routine '{routine_id}'", severity="error", markup=False)
            return
        try:
            plan = plan_for_routine(library, routine, with_warmup=with_warmup,
                                    rest_default=self.home.settings.rest_seconds)  # fmt: skip
        except PlanError as error:
            self._error(error)
            return
        self.start_eased(plan)

    def start_eased(self, plan: SessionPlan) -> None:
        """Start ``plan`` (a routine's, the self-check's) eased for the exercises back after
        time off, saying so."""
        plan, reasons = self._eased(plan)
        self._tell_eased(reasons)
        self.start(plan)

    def start(self, plan: SessionPlan, *, start_side: str | None = None) -> None:
        """Start ``plan``; ``start_side``: the side the user chose in the start dialog (else
        the settings' side, the weaker side when asked, or the side the steps work first)."""
        db = self._database()
        if db is None:
            return
        settings = self.home.settings
        fixed = None if settings.start_side == "exercise" else settings.start_side
        try:
            machine, recorder = sessions.start_session(
                db, plan, clock=self._clock, start_side=start_side or fixed,
                weaker_first=settings.weaker_side_first and start_side is None,
                lead_in=settings.lead_in_seconds,
            )  # fmt: skip
        except StoreError as error:
            self._error(error, "Cannot start")
            return
        self._run(machine, recorder)

    def announcer(self) -> Announcer:
        """The runner's sound at the settings' level (a missing player falls back, once)."""
        from hiptui import paths
        from hiptui.sound.announcer import Announcer, SoundQueue
        from hiptui.sound.players import find_player

        settings = self.home.settings
        if self._play_in is None:
            self._play_in = SoundQueue()
        find = self._find_player
        if find is None:
            folder = paths.cache_dir() / "sounds"
            find = lambda level: find_player(level, ring=self._ring, folder=folder)  # noqa: E731
        notice = lambda text: self.app.tell("Sound", text, severity="warning")  # noqa: E731
        return Announcer(settings.sound, find=find, notice=notice, background=self._play_in,
                         reps=settings.sound_reps)  # fmt: skip

    def _ring(self) -> None:
        """The terminal bell, from the UI thread or the sound thread."""
        if threading.current_thread() is threading.main_thread():
            self.app.bell()
        elif self.app.is_running:
            with contextlib.suppress(RuntimeError):  # the app closed while the sound played
                self.app.call_from_thread(self.app.bell)

    def _run(self, machine: SessionMachine, recorder: sessions.SessionRecorder) -> None:
        from hiptui.tui.screens.session import SessionScreen

        settings = self.home.settings
        tempo = (settings.tempo_lift, settings.tempo_lower)
        screen = SessionScreen(machine, recorder, self._exercises(), self.announcer(),
                               units=self._units(), tempo=tempo)  # fmt: skip
        if settings.tempo and Action.START_TEMPO in machine.view.available:
            machine.perform(Action.START_TEMPO, *tempo)
        self.recorder = recorder
        self._running(True)
        self.app.push_screen(screen, self._finished)

    def save_progress(self) -> None:
        """The app is closing: write what the running session has not written yet."""
        if self.recorder is not None:
            self.recorder.save_progress()

    # -- the end -----------------------------------------------------------------------------

    def _finished(self, result: sessions.FinishedSession | None) -> None:
        from hiptui.tui.screens.summary import SummaryScreen

        self.recorder = None
        self._running(False)
        if result is None:
            return
        db = self._database()
        previous = sessions.previous_times(db, result) if db is not None else {}
        exercises = self._exercises()
        ladders, _problems = self.home.ladders()
        advice = [
            discomfort_advice(exercises[ex_id], ladders)
            for ex_id in result.summary.flagged
            if ex_id in exercises
        ]
        names = {ex_id: ex.name for ex_id, ex in exercises.items()}
        done = result.summary.exercises
        title = done[0].exercise_name if done else ""
        if len(done) > 1:
            title = f"{len(done)} exercises"
        self.app.push_screen(SummaryScreen(result.summary, title=title, previous=previous,
                                           advice=advice, names=names))  # fmt: skip

    # -- resume ----------------------------------------------------------------------------

    def offer_resume(
        self, record: SessionRecord | None, *, then: Callable[[], None] | None = None
    ) -> None:
        """Ask what to do with an unfinished session: resume it, close it, or decide later.
        ``then`` (``hiptui run ID``'s request) runs unless the session is resumed."""
        from hiptui.tui.screens.dialogs import ResumeScreen

        db = self._database()
        if record is None or db is None or self.recorder is not None:
            # (A session running now may be this very one: not the time to ask.)
            if then is not None and self.recorder is None:
                then()
            return
        started = record.started_at.astimezone().strftime("%a %d %b %H:%M")
        count = sessions.sets_count((s.exercise_id, s.set_number, s.side) for s in record.sets)
        description = (
            f"{record.name}, started {started}: {count} set{'s' if count != 1 else ''} saved."
        )

        def chosen(choice: str | None) -> None:
            if choice == "resume":
                self.resume(record.id)
                return
            if choice == "close":
                try:
                    sessions.close_unfinished(db, record.id)
                except StoreError as error:
                    self._error(error)
                    return
                self.app.notify("Closed the unfinished session; its sets stay in your history.")
            if then is not None:
                then()

        resumable = sessions.can_resume(record)
        self.app.push_screen(ResumeScreen(description, can_resume=resumable), chosen)

    def resume(self, session_id: int) -> None:
        db = self._database()
        if db is None:
            return
        try:
            machine, recorder = sessions.resume_session(
                db, session_id, clock=self._clock, lead_in=self.home.settings.lead_in_seconds
            )
        except (ValueError, StoreError) as error:
            self.app.notify(f"This session cannot be resumed ({error}). Close it instead.",
                            severity="error", markup=False)  # fmt: skip
            return
        self._run(machine, recorder)
