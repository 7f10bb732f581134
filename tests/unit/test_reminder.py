"""The break reminder on a fake clock: due, snooze, take, skip, sleep, sets, sync, interval."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hiptui.core.breaks.reminder import (
    BreakCleared,
    BreakDue,
    BreakLog,
    Phase,
    ReminderError,
    sleep_aware_clock,
)
from hiptui.core.breaks.schedule import (
    DEFAULT_INTERVAL_MINUTES,
    BreakHistory,
    Stretch,
    checkup_minutes,
    choose_interval,
)
from hiptui.store.settings import DEFAULT_BREAK_MINUTES
from tests.profiles import examples
from tests.unit.break_clock import MINUTE, FakeTime, history_of, make_reminder, mark


def due_events(events: Sequence[object]) -> list[BreakDue]:
    return [e for e in events if isinstance(e, BreakDue)]


def poll_every_second(reminder_poll: object, time: FakeTime, seconds: int) -> list[object]:
    events: list[object] = []
    for _ in range(seconds):
        time.advance(1)
        events += reminder_poll()  # type: ignore[operator]
    return events


# -- due ----------------------------------------------------------------------------------------


def test_a_break_comes_due_once_at_the_deadline() -> None:
    time = FakeTime()
    reminder = make_reminder(time)
    assert reminder.interval.minutes == DEFAULT_INTERVAL_MINUTES == 45
    time.advance(45 * MINUTE - 1)
    assert reminder.poll() == []
    assert reminder.phase() is Phase.SITTING
    time.advance(1)
    events = reminder.poll()
    assert events == [BreakDue(overdue_seconds=0.0, after_snooze=False, held_for_set=False)]
    assert reminder.phase() is Phase.DUE
    assert poll_every_second(reminder.poll, time, 600) == []


def test_status_line_counts_sitting_and_the_time_left() -> None:
    time = FakeTime()
    reminder = make_reminder(time)
    assert reminder.status_line() == "0m sitting - break in 45m"
    time.advance(42 * MINUTE)
    assert reminder.status_line() == "42m sitting - break in 3m"
    time.advance(2 * MINUTE + 30)
    assert reminder.status_line() == "44m sitting - break in 1m"  # rounded up, never "in 0m"
    time.advance(30)
    assert reminder.status_line() == "break due"
    time.advance(12 * MINUTE)
    assert reminder.status_line() == "break due 12m ago"
    time.advance(60 * MINUTE)
    assert reminder.status_line() == "break due 1h12m ago"
    # status_line(now) reads the given clock value instead of the clock.
    assert reminder.status_line(time.mono - 60 * MINUTE) == "break due 12m ago"


def test_hours_of_sitting_are_shown_as_hours_and_minutes() -> None:
    time = FakeTime()
    reminder = make_reminder(time, setting=120)
    time.advance(65 * MINUTE)
    assert reminder.status_line() == "1h05m sitting - break in 55m"


# -- take, skip, snooze -------------------------------------------------------------------------


def test_taking_a_break_restarts_sitting_and_the_reminder() -> None:
    time = FakeTime()
    reminder = make_reminder(time)
    time.advance(50 * MINUTE)
    assert due_events(reminder.poll())
    assert reminder.take() == BreakLog("taken", None)
    view = reminder.view()
    assert view.phase is Phase.SITTING
    assert view.sitting_seconds == pytest.approx(0, abs=1)
    assert view.seconds_left == pytest.approx(45 * MINUTE, abs=1)
    assert reminder.history.last_taken is not None
    time.advance(45 * MINUTE + 1)
    assert len(due_events(reminder.poll())) == 1  # the next break is reported again


def test_taking_a_break_early_moves_the_deadline() -> None:
    time = FakeTime()
    reminder = make_reminder(time)
    time.advance(20 * MINUTE)
    reminder.take()
    time.advance(44 * MINUTE)
    assert reminder.poll() == []
    assert reminder.status_line() == "44m sitting - break in 1m"


def test_skipping_restarts_the_reminder_but_not_the_sitting_time() -> None:
    time = FakeTime()
    reminder = make_reminder(time)
    time.advance(45 * MINUTE)
    assert due_events(reminder.poll())
    assert reminder.skip() == BreakLog("skipped", None)
    assert reminder.phase() is Phase.SITTING
    assert reminder.status_line() == "45m sitting - break in 45m"
    time.advance(45 * MINUTE)
    assert due_events(reminder.poll())
    assert reminder.view().sitting_seconds == pytest.approx(90 * MINUTE, abs=1)


@pytest.mark.parametrize("minutes", [5, 10])
def test_snoozing_a_due_break_reports_it_again_after_the_snooze(minutes: int) -> None:
    time = FakeTime()
    reminder = make_reminder(time)
    time.advance(46 * MINUTE)
    assert due_events(reminder.poll())
    assert reminder.snooze(minutes) == BreakLog("snoozed", minutes)
    assert reminder.phase() is Phase.SNOOZED
    assert reminder.status_line() == f"46m sitting - snoozed, break in {minutes}m"
    assert poll_every_second(reminder.poll, time, minutes * 60 - 1) == []
    time.advance(1)
    assert reminder.poll() == [BreakDue(0.0, after_snooze=True, held_for_set=False)]
    assert reminder.poll() == []


def test_snooze_is_refused_when_nothing_is_due_or_the_minutes_are_wrong() -> None:
    time = FakeTime()
    reminder = make_reminder(time)
    with pytest.raises(ReminderError, match="no break is due"):
        reminder.snooze(5)
    time.advance(45 * MINUTE)
    for bad in (0, 61, -5, True):
        with pytest.raises(ReminderError):
            reminder.snooze(bad)
    assert reminder.phase() is Phase.DUE  # nothing changed
    reminder.snooze(60)
    with pytest.raises(ReminderError, match="no break is due"):
        reminder.snooze(5)  # a snooze running is not due either


# -- sleep ----------------------------------------------------------------------------------------


def test_a_laptop_that_slept_an_hour_reports_the_break_once_as_overdue() -> None:
    time = FakeTime()
    reminder = make_reminder(time)
    time.advance(30 * MINUTE)
    assert reminder.poll() == []
    time.advance(60 * MINUTE)  # asleep: no polls at all, the clock counts on (CLOCK_BOOTTIME)
    events = reminder.poll()
    assert events == [BreakDue(45 * MINUTE, after_snooze=False, held_for_set=False)]
    assert reminder.status_line() == "break due 45m ago"
    assert poll_every_second(reminder.poll, time, 120) == []


def test_a_clock_that_stopped_during_sleep_is_put_right_by_sync() -> None:
    time = FakeTime()
    reminder = make_reminder(time)
    time.advance(30 * MINUTE)
    time.suspend(60 * MINUTE)  # only the wall clock saw the hour
    assert reminder.poll() == []
    assert reminder.sync(reminder.history) == []
    events = reminder.poll()
    assert len(events) == 1 and isinstance(events[0], BreakDue)
    assert events[0].overdue_seconds == pytest.approx(45 * MINUTE, abs=1)
    assert reminder.poll() == []


def test_sleep_aware_clock_is_a_monotonic_clock() -> None:
    clock = sleep_aware_clock()
    first, second = clock(), clock()
    assert isinstance(first, float) and second >= first


# -- a set in progress ------------------------------------------------------------------------


def test_a_break_due_during_a_set_waits_for_the_set_to_end_then_fires_once() -> None:
    time = FakeTime()
    reminder = make_reminder(time)
    time.advance(44 * MINUTE)
    reminder.set_busy(True)
    assert poll_every_second(reminder.poll, time, 5 * 60) == []
    assert reminder.phase() is Phase.DUE
    assert reminder.view().held
    assert reminder.status_line() == "break due after this set"
    reminder.set_busy(False)
    assert reminder.status_line() == "break due 4m ago"
    events = reminder.poll()
    assert events == [BreakDue(4 * MINUTE, after_snooze=False, held_for_set=True)]
    assert poll_every_second(reminder.poll, time, 60) == []


def test_a_set_that_starts_after_the_break_was_reported_changes_nothing() -> None:
    time = FakeTime()
    reminder = make_reminder(time)
    time.advance(45 * MINUTE)
    assert due_events(reminder.poll())
    reminder.set_busy(True)
    reminder.set_busy(False)
    assert reminder.poll() == []


# -- history and sync ---------------------------------------------------------------------------


def test_the_sitting_clock_starts_at_the_last_break_taken_today() -> None:
    time = FakeTime()
    history = history_of(mark(time.wall - timedelta(minutes=40)))
    reminder = make_reminder(time, history)
    assert reminder.status_line() == "40m sitting - break in 5m"


def test_a_break_from_yesterday_does_not_count() -> None:
    time = FakeTime()
    history = history_of(mark(time.wall - timedelta(hours=14)))
    reminder = make_reminder(time, history)
    assert reminder.status_line() == "0m sitting - break in 45m"  # from first seen


def test_a_snooze_in_the_history_is_running() -> None:
    time = FakeTime()
    start = time.wall - timedelta(minutes=50)
    history = history_of(mark(start), mark(start + timedelta(minutes=47), "snoozed", 10))
    reminder = make_reminder(time, history)
    assert reminder.phase() is Phase.SNOOZED
    assert reminder.status_line() == "50m sitting - snoozed, break in 7m"


def test_a_break_logged_elsewhere_clears_the_reported_break() -> None:
    time = FakeTime()
    reminder = make_reminder(time)
    time.advance(50 * MINUTE)
    assert due_events(reminder.poll())
    shell = history_of(mark(time.wall - timedelta(seconds=20)))
    assert reminder.sync(shell) == [BreakCleared("taken")]
    assert reminder.phase() is Phase.SITTING
    assert reminder.status_line() == "0m sitting - break in 45m"
    assert reminder.sync(shell) == []  # the same history again changes nothing


def test_a_sync_racing_a_save_never_undoes_the_break_just_taken() -> None:
    time = FakeTime()
    reminder = make_reminder(time)
    time.advance(50 * MINUTE)
    reminder.poll()
    reminder.take()  # the app has not saved it yet
    time.advance(5)
    assert reminder.sync(BreakHistory()) == []  # a read from before the save
    assert reminder.phase() is Phase.SITTING
    assert reminder.poll() == []


def test_sync_without_changes_does_not_report_the_break_again() -> None:
    time = FakeTime()
    reminder = make_reminder(time)
    time.advance(50 * MINUTE)
    assert due_events(reminder.poll())
    assert reminder.sync(reminder.history) == []
    assert reminder.poll() == []


def test_a_wall_clock_without_a_time_zone_is_refused() -> None:
    time = FakeTime()
    with pytest.raises(ValueError, match="timezone-aware"):
        make_reminder(FakeTime(time.wall.replace(tzinfo=None)))


# -- the interval -------------------------------------------------------------------------------


def test_interval_precedence_settings_then_self_check_then_default() -> None:
    assert choose_interval(20, 30).minutes == 20
    assert choose_interval(20, 30).source == "settings"
    assert choose_interval(None, 30).minutes == 30
    assert choose_interval(None, 30).source == "self-check"
    assert choose_interval(None, None).minutes == 45
    assert choose_interval(None, None).source == "default"
    assert choose_interval(3, 30).source == "self-check"  # an unusable setting is passed over


def test_the_default_matches_the_settings_default() -> None:
    assert DEFAULT_INTERVAL_MINUTES == DEFAULT_BREAK_MINUTES


@pytest.mark.parametrize(
    ("result", "expected"),
    [
        ({"reminder_minutes": 30}, 30),
        ({"reminder_minutes": 60}, 60),
        ({}, None),
        ({"reminder_minutes": "30"}, None),
        ({"reminder_minutes": True}, None),
        ({"reminder_minutes": 0}, None),
        ({"reminder_minutes": 1000}, None),
    ],
)
def test_a_self_checks_reminder_minutes(result: dict[str, object], expected: int | None) -> None:
    assert checkup_minutes(result) == expected


def test_the_reminder_follows_settings_then_the_self_check() -> None:
    time = FakeTime()
    reminder = make_reminder(time, history_of(checkup=30), setting=60)
    assert reminder.interval.minutes == 60
    time.advance(31 * MINUTE)
    assert reminder.poll() == []
    assert reminder.set_setting(None) == []
    assert reminder.interval.minutes == 30
    assert due_events(reminder.poll())
    # A longer interval set while the break is reported clears it.
    assert reminder.set_setting(90) == [BreakCleared(None)]
    assert reminder.status_line() == "31m sitting - break in 59m"


def test_a_new_self_check_read_by_sync_changes_the_interval() -> None:
    time = FakeTime()
    reminder = make_reminder(time)
    time.advance(35 * MINUTE)
    reminder.sync(history_of(checkup=30))
    assert reminder.interval.source == "self-check"
    assert due_events(reminder.poll())


# -- properties ---------------------------------------------------------------------------------

ACTIONS = st.one_of(
    st.tuples(st.just("advance"), st.floats(0, 7200, allow_nan=False)),
    st.tuples(st.just("busy"), st.booleans()),
    st.tuples(st.just("take"), st.none()),
    st.tuples(st.just("skip"), st.none()),
    st.tuples(st.just("snooze"), st.sampled_from([5, 10])),
    st.tuples(st.just("sync"), st.none()),
)


@settings(max_examples=examples(300))
@given(st.lists(ACTIONS, max_size=40), st.sampled_from([None, 5, 30, 60]))
def test_break_due_is_reported_once_per_deadline_and_never_during_a_set(
    actions: list[tuple[str, object]], setting: int | None
) -> None:
    time = FakeTime()
    reminder = make_reminder(time, setting=setting)
    reported = False  # a BreakDue since the deadline last moved ahead
    deadline = reminder.deadline
    for name, value in actions:
        if name == "advance":
            assert isinstance(value, float)
            time.advance(value)
        elif name == "busy":
            reminder.set_busy(bool(value))
        elif name in ("take", "skip"):
            getattr(reminder, name)()
            assert reminder.phase() is not Phase.DUE
            assert reminder.view().seconds_left == pytest.approx(reminder.interval.seconds, abs=1)
        elif name == "snooze":
            if reminder.phase() is Phase.DUE:
                reminder.snooze(int(value))  # type: ignore[call-overload]
            else:
                with pytest.raises(ReminderError):
                    reminder.snooze(int(value))  # type: ignore[call-overload]
        else:
            assert reminder.sync(reminder.history) == []
        if reminder.deadline != deadline and reminder.deadline > time.mono:
            reported = False  # a new deadline ahead: the old one is settled
        deadline = reminder.deadline
        events = due_events(reminder.poll())
        assert len(events) <= 1
        if events:
            assert not reported, "a deadline was reported twice"
            assert not reminder.busy
            assert events[0].overdue_seconds >= 0
            assert time.mono >= reminder.deadline
            reported = True
        if reminder.phase() is Phase.DUE and not reminder.busy:
            assert reported  # a due break outside a set has always been reported


# -- the stored timeline: paused, away, a completed session --------------------------------------


def test_a_pause_read_by_sync_holds_the_reminder_until_it_ends() -> None:
    time = FakeTime()
    reminder = make_reminder(time)
    pause = Stretch(time.wall + timedelta(minutes=30), time.wall + timedelta(minutes=90))
    time.advance(30 * MINUTE)
    assert reminder.sync(reminder.history.replace(pause=pause)) == []
    assert reminder.phase() is Phase.PAUSED
    assert reminder.status_line() == "30m sitting - paused for 1h00m"
    assert poll_every_second(reminder.poll, time, 60 * 60 - 1) == []  # past the deadline
    time.advance(1)
    assert reminder.phase() is Phase.DUE
    events = due_events(reminder.poll())
    assert len(events) == 1 and events[0].overdue_seconds == 0.0  # due at the pause's end
    assert reminder.status_line() == "break due"


def test_away_read_by_sync_stands_the_clock_at_zero_and_holds_the_reminder() -> None:
    time = FakeTime()
    reminder = make_reminder(time)
    time.advance(40 * MINUTE)
    away = Stretch(time.wall - timedelta(minutes=6), time.wall, open=True)
    reminder.sync(reminder.history.replace(away=away))
    assert reminder.phase() is Phase.AWAY
    assert reminder.view().sitting_seconds == 0.0
    assert reminder.status_line() == "away 6m - counts as a break"
    assert poll_every_second(reminder.poll, time, 10 * 60) == []
    back = away.replace(end=time.wall - timedelta(seconds=30), open=False)
    reminder.sync(reminder.history.replace(away=back))
    assert reminder.phase() is Phase.SITTING
    assert reminder.status_line() == "0m sitting - break in 45m"


def test_a_completed_session_resets_the_sitting_clock() -> None:
    time = FakeTime()
    reminder = make_reminder(time)
    time.advance(50 * MINUTE)
    assert due_events(reminder.poll())
    session = Stretch(time.wall - timedelta(minutes=8), time.wall)
    assert reminder.moved(session) == [BreakCleared("taken")]
    assert reminder.status_line() == "0m sitting - break in 45m"
    # A later sync with an older read does not undo it.
    reminder.sync(reminder.history.replace(movement=None))
    assert reminder.status_line() == "0m sitting - break in 45m"
