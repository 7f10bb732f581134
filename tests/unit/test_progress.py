from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from hiptui.content.ladders import Ladder, Ladders
from hiptui.content.models import Dosage, Exercise, Range
from hiptui.core.history.consistency import consistency, training_days
from hiptui.core.history.overview import checkup_rows, overview
from hiptui.core.history.progression import reached_top, rep_range, suggest
from hiptui.core.history.stats import all_exercise_stats, asymmetry, session_row
from hiptui.store.records import CheckupRecord, SessionRecord, SetRecord
from tests.builders import a_set_record, an_exercise

NOON = datetime(2024, 5, 6, 12, 0, tzinfo=UTC)  # a Monday


def exercise(
    exercise_id: str,
    *,
    reps: tuple[int, int] | None = (8, 12),
    per_side: bool = False,
    hold: int | None = None,
    optional: tuple[str, ...] = (),
    category: str = "strength",
) -> Exercise:
    return an_exercise(
        exercise_id,
        category=category,
        optional_equipment=optional,
        per_side=per_side,
        dosage=Dosage(
            sets=Range(2, 3),
            reps=None if reps is None else Range(*reps),
            hold_seconds=hold,
            work_seconds=Range(30, 60) if reps is None else None,
        ),
    )


_ids = iter(range(1, 1_000_000))


def a_set(
    exercise_id: str,
    reps: int,
    *,
    number: int = 1,
    side: str | None = None,
    at: datetime = NOON,
    hold: float | None = None,
    work: float | None = None,
    discomfort: bool = False,
    session_id: int = 0,
) -> SetRecord:
    return a_set_record(
        exercise_id,
        reps,
        id=next(_ids),
        session_id=session_id,
        set_number=number,
        side=side,
        hold_seconds=hold,
        work_seconds=work,
        discomfort=discomfort,
        completed_at=at,
    )


def a_session(
    sets: list[SetRecord],
    *,
    at: datetime = NOON,
    plan: dict[str, Any] | None = None,
    minutes: int | None = 20,
    name: str = "Workout",
) -> SessionRecord:
    session_id = next(_ids)
    return SessionRecord(
        id=session_id,
        uid=f"{session_id:032x}",
        name=name,
        routine_id=None,
        plan=plan or {},
        state=None,
        started_at=at,
        ended_at=None if minutes is None else at + timedelta(minutes=minutes),
        status="completed",
        sets=tuple(s.replace(session_id=session_id, completed_at=at) for s in sets),
    )


def plan_of(
    exercise_id: str, sets: int, reps: tuple[int, int], per_side: bool = False
) -> dict[str, Any]:
    item = {
        "exercise_id": exercise_id,
        "sets": sets,
        "target_reps": list(reps),
        "per_side": per_side,
    }
    return {"version": 1, "items": [item]}


# -- asymmetry ----------------------------------------------------------------------------------


def sides(left: int, right: int) -> list[SetRecord]:
    return [a_set("x", left, side="left"), a_set("x", right, side="right")]


def test_exactly_ten_percent_is_not_flagged() -> None:
    found = asymmetry(sides(100, 90))
    assert found is not None
    assert not found.flagged and found.percent == 10 and found.weaker == "right"
    assert asymmetry(sides(10, 9)) is not None and not asymmetry(sides(10, 9)).flagged  # type: ignore[union-attr]


def test_eleven_percent_is_flagged() -> None:
    found = asymmetry(sides(89, 100))
    assert found is not None
    assert found.flagged and found.percent == 11 and found.weaker == "left"
    assert found.missing_side is None


def test_totals_per_side_over_several_sets_and_both_leg_sets_ignored() -> None:
    records = [*sides(10, 10), *sides(10, 7), a_set("x", 50)]
    found = asymmetry(records)
    assert found is not None
    assert (found.left, found.right) == (20, 17)
    assert found.flagged  # 3 / 20 = 15 percent


def test_one_side_missing_is_a_full_gap_and_no_sides_is_none() -> None:
    found = asymmetry([a_set("x", 12, side="left")])
    assert found is not None
    assert found.flagged and found.gap == 1.0 and found.missing_side == "right"
    assert asymmetry([a_set("x", 12)]) is None
    assert asymmetry(sides(0, 0)) is None
    even = asymmetry(sides(8, 8))
    assert even is not None and even.gap == 0 and even.weaker is None


@given(st.integers(0, 500), st.integers(0, 500))
def test_flag_matches_the_formula(left: int, right: int) -> None:
    found = asymmetry(sides(left, right))
    if max(left, right) == 0:
        assert found is None
        return
    assert found is not None
    assert found.gap == abs(left - right) / max(left, right)
    assert found.flagged == (abs(left - right) * 10 > max(left, right))


# -- consistency ---------------------------------------------------------------------------------

WED = date(2024, 5, 8)


def test_this_week_met_counts_in_the_streak() -> None:
    days = {date(2024, 5, 6), date(2024, 5, 7), date(2024, 4, 30), date(2024, 5, 2)}
    found = consistency(days, WED)
    assert found.week_start == date(2024, 5, 6)
    assert found.days_this_week == 2 and found.met_this_week
    assert found.streak_weeks == 2


def test_an_unfinished_week_does_not_break_the_streak() -> None:
    days = {date(2024, 5, 7)}  # one day so far this week
    for weeks_back in (1, 2, 3):
        monday = date(2024, 5, 6) - timedelta(weeks=weeks_back)
        days |= {monday, monday + timedelta(days=3)}
    found = consistency(days, WED)
    assert found.days_this_week == 1 and not found.met_this_week
    assert found.streak_weeks == 3


def test_a_week_below_target_breaks_the_streak() -> None:
    days = {
        date(2024, 4, 29), date(2024, 5, 1),  # last week: met
        date(2024, 4, 23),  # the week before: one day only
        date(2024, 4, 15), date(2024, 4, 16),  # met, but behind the gap
    }  # fmt: skip
    assert consistency(days, WED).streak_weeks == 1
    # Without last week, nothing counts: the gap is right before the current week.
    assert consistency(days - {date(2024, 4, 29)}, WED).streak_weeks == 0


def test_iso_week_boundaries() -> None:
    # Sunday and the next Monday fall in different weeks: neither week reaches 2 days.
    assert consistency({date(2024, 5, 5), date(2024, 5, 6)}, WED).streak_weeks == 0
    # Monday and Sunday of the same week do.
    found = consistency({date(2024, 5, 6), date(2024, 5, 12)}, date(2024, 5, 12))
    assert found.days_this_week == 2 and found.streak_weeks == 1
    # The ISO week that spans new year: 30 Dec 2024 to 5 Jan 2025.
    found = consistency({date(2024, 12, 31), date(2025, 1, 2)}, date(2025, 1, 3))
    assert found.week_start == date(2024, 12, 30) and found.streak_weeks == 1


def test_same_day_twice_and_future_days() -> None:
    found = consistency({date(2024, 5, 6), date(2024, 5, 6), date(2024, 5, 10)}, WED)
    assert found.days_this_week == 1 and found.streak_weeks == 0


def reference_streak(days: set[date], today: date, target: int = 2) -> int:
    def met(week_of: date) -> bool:
        year, week, _ = week_of.isocalendar()
        return sum(1 for d in days if d <= today and d.isocalendar()[:2] == (year, week)) >= target

    start = today if met(today) else today - timedelta(days=7)
    streak = 0
    while met(start):
        streak += 1
        start -= timedelta(days=7)
    return streak


@given(
    st.sets(st.dates(date(2023, 11, 1), date(2024, 2, 10)), max_size=60),
    st.dates(date(2024, 1, 1), date(2024, 2, 10)),
)
def test_streak_matches_a_direct_count_of_iso_weeks(days: set[date], today: date) -> None:
    assert consistency(days, today).streak_weeks == reference_streak(days, today)


def test_training_days_use_the_local_day_and_count_only_strength_work() -> None:
    late = datetime(2024, 5, 6, 23, 30, tzinfo=UTC)
    sessions = [
        a_session([a_set("bridge", 10)], at=late),
        a_session([a_set("stretch", 0, work=30.0)], at=NOON + timedelta(days=2)),
        a_session([a_set("bridge", 0)], at=NOON + timedelta(days=3)),  # no reps: not a day
    ]
    plus_two = timezone(timedelta(hours=2))
    assert training_days(sessions, tz=UTC) == {date(2024, 5, 6), date(2024, 5, 8)}
    assert training_days(sessions, tz=plus_two) == {date(2024, 5, 7), date(2024, 5, 8)}
    only_bridge = training_days(sessions, tz=UTC, counts=lambda i: i == "bridge")
    assert only_bridge == {date(2024, 5, 6)}


# -- sessions and exercises -------------------------------------------------------------------


def test_session_row_counts_sets_sides_duration_and_flags() -> None:
    session = a_session(
        [
            a_set("bridge", 10, side="left"),
            a_set("bridge", 9, side="right", discomfort=True),
            a_set("bridge", 8, number=2, side="left"),
            a_set("thrust", 12),
        ],
        minutes=25,
    )
    row = session_row(session)
    assert (row.sets, row.reps, row.reps_left, row.reps_right) == (3, 39, 18, 9)
    assert row.duration == timedelta(minutes=25) and row.discomfort == 1
    unfinished = session.replace(ended_at=None)
    assert session_row(unfinished).duration == timedelta(0)
    assert session_row(session.replace(ended_at=None, sets=())).duration is None


def test_exercise_stats_per_session_best_set_and_hold() -> None:
    sessions = [
        a_session([a_set("bridge", 8, hold=2), a_set("bridge", 10, number=2, hold=2)], at=NOON),
        a_session(
            [a_set("bridge", 12, hold=3), a_set("bridge", 12, number=2)],
            at=NOON + timedelta(days=2),
        ),
        a_session([a_set("stretch", 0, work=45.5)], at=NOON + timedelta(days=1)),
    ]
    stats = all_exercise_stats(sessions)
    assert list(stats) == ["bridge", "stretch"]  # most recently done first
    bridge = stats["bridge"]
    assert bridge.reps_per_session == [18, 24]
    assert bridge.running_total == [18, 42] and bridge.total_reps == 42
    assert bridge.best_set is not None and bridge.best_set.reps == 12
    assert bridge.best_set.completed_at == NOON + timedelta(days=2)  # the first 12
    assert bridge.best_hold == 3
    assert stats["stretch"].best_hold == 45.5 and stats["stretch"].best_set is None


def test_checkup_rows_read_hours_and_band_and_tolerate_gaps() -> None:
    def checkup(day: int, result: dict[str, Any]) -> CheckupRecord:
        return CheckupRecord(day, f"{day:032x}", NOON + timedelta(days=day), {}, result)

    rows = checkup_rows([
        checkup(3, {"average_hours": 5.25, "band": "high"}),
        checkup(1, {"average_hours": 7, "band": "very-high"}),
        checkup(2, {"average_hours": True, "band": 3}),
    ])  # fmt: skip
    assert [(r.average_hours, r.band) for r in rows] == [
        (7.0, "very-high"),
        (None, None),
        (5.25, "high"),
    ]


# -- progression ----------------------------------------------------------------------------------

BRIDGE = exercise("bridge", per_side=True, hold=2)
SINGLE = exercise("single-bridge", per_side=True, hold=2)
THRUST = exercise("thrust", optional=("barbell", "mat"))
LIBRARY = {e.id: e for e in (BRIDGE, SINGLE, THRUST)}
LADDERS = Ladders((Ladder("bridges", "Bridge ladder", ("bridge", "single-bridge", "thrust")),))


def bridge_session(
    day: int, reps: list[int], *, sets: int = 2, hold: float | None = 2
) -> SessionRecord:
    records = []
    for number, count in enumerate(reps, start=1):
        for side in ("left", "right"):
            records.append(a_set("bridge", count, number=number, side=side, hold=hold))
    return a_session(
        records, at=NOON + timedelta(days=day), plan=plan_of("bridge", sets, (8, 12), True)
    )


def test_two_sessions_in_a_row_at_the_top_suggest_the_next_rung() -> None:
    sessions = [
        bridge_session(0, [10, 9]),
        bridge_session(2, [12, 12]),
        bridge_session(4, [12, 13]),
    ]
    found = suggest(sessions, "bridge", library=LIBRARY, ladders=LADDERS)
    assert len(found) == 1
    assert found[0].kind == "ladder" and found[0].exercise_id == "single-bridge"
    assert "12 reps" in found[0].text and "Bridge ladder" in found[0].text
    assert found[0].text.endswith("Next on the Bridge ladder: Single bridge.")


def test_one_session_short_of_the_top_gives_nothing() -> None:
    short_last = [bridge_session(0, [12, 12]), bridge_session(2, [12, 11])]
    short_first = [bridge_session(0, [12, 11]), bridge_session(2, [12, 12])]
    only_one = [bridge_session(0, [12, 12])]
    for sessions in (short_last, short_first, only_one):
        assert suggest(sessions, "bridge", library=LIBRARY, ladders=LADDERS) == []


def test_fewer_sets_than_planned_or_a_missing_side_is_not_the_top() -> None:
    fewer = [bridge_session(0, [12, 12]), bridge_session(2, [12], sets=2)]
    assert suggest(fewer, "bridge", library=LIBRARY, ladders=LADDERS) == []
    one_side = bridge_session(2, [12, 12])
    one_side = one_side.replace(sets=tuple(s for s in one_side.sets if s.side == "left"))
    assert not reached_top(one_side, "bridge", BRIDGE)
    assert reached_top(bridge_session(2, [12, 12]), "bridge", BRIDGE)


def test_the_plan_target_wins_over_the_dosage() -> None:
    session = a_session(
        [a_set("thrust", 6), a_set("thrust", 6, number=2)], plan=plan_of("thrust", 2, (4, 6))
    )
    assert rep_range(session, "thrust", THRUST) == Range(4, 6)
    assert reached_top(session, "thrust", THRUST)
    no_plan = session.replace(plan={})
    assert rep_range(no_plan, "thrust", THRUST) == Range(8, 12)
    assert not reached_top(no_plan, "thrust", THRUST)


def thrust_sessions(exercise_id: str = "thrust", hold: float | None = None) -> list[SessionRecord]:
    return [
        a_session(
            [a_set(exercise_id, 12, hold=hold), a_set(exercise_id, 12, number=2, hold=hold)],
            at=NOON + timedelta(days=day),
        )
        for day in (0, 3)
    ]


def test_end_of_the_ladder_suggests_a_hold_then_load_then_reps() -> None:
    no_hold = suggest(thrust_sessions(), "thrust", library=LIBRARY, ladders=LADDERS)
    assert [s.kind for s in no_hold] == ["hold"] and no_hold[0].exercise_id is None
    with_hold = suggest(thrust_sessions(hold=2), "thrust", library=LIBRARY, ladders=LADDERS)
    assert [s.kind for s in with_hold] == ["load"]
    assert "barbell" in with_hold[0].text and "mat" not in with_hold[0].text
    bare = {**LIBRARY, "thrust": THRUST.replace(optional_equipment=())}
    plain = suggest(thrust_sessions(hold=2), "thrust", library=bare, ladders=LADDERS)
    assert [s.kind for s in plain] == ["reps"] and "past 12" in plain[0].text


def test_an_exercise_on_two_ladders_gets_both_next_rungs() -> None:
    ladders = Ladders((*LADDERS.ladders, Ladder("ball", "Ball ladder", ("bridge", "ball-curl"))))
    sessions = [bridge_session(0, [12, 12]), bridge_session(2, [12, 12])]
    found = suggest(sessions, "bridge", library=LIBRARY, ladders=ladders)
    assert [s.exercise_id for s in found] == ["single-bridge", "ball-curl"]
    assert "ball-curl" in found[1].text  # not in the library: named by its id


def test_timed_exercises_and_unknown_ranges_never_progress() -> None:
    stretch = exercise("stretch", reps=None)
    sessions = [
        a_session([a_set("stretch", 0, work=60)], at=NOON + timedelta(days=d)) for d in (0, 1)
    ]
    assert suggest(sessions, "stretch", library={"stretch": stretch}, ladders=Ladders()) == []
    unknown = thrust_sessions("gone")
    assert suggest(unknown, "gone", library={}, ladders=Ladders()) == []


def test_overview_puts_it_together() -> None:
    sessions = [bridge_session(0, [12, 12]), bridge_session(2, [12, 12]), *thrust_sessions()]
    checkups = [CheckupRecord(1, "u", NOON, {}, {"average_hours": 6.5, "band": "high"})]
    found = overview(
        sessions, checkups, library=LIBRARY, ladders=LADDERS, today=date(2024, 5, 9), tz=UTC
    )
    assert [row.started_at for row in found.sessions] == sorted(
        (s.started_at for s in sessions), reverse=True
    )
    assert {s.exercise_id for s in found.exercises} == {"bridge", "thrust"}
    assert found.consistency.days_this_week == 3 and found.consistency.streak_weeks == 1
    assert [s.kind for s in found.suggestions_for("bridge")] == ["ladder"]
    assert [s.kind for s in found.suggestions_for("thrust")] == ["hold"]
    assert found.checkups[0].band == "high" and not found.empty
    empty = overview([], [], library=LIBRARY, ladders=LADDERS, today=date(2024, 5, 9))
    assert empty.empty and empty.consistency.days_this_week == 0 and empty.suggestions == ()


def test_training_days_of_a_session_past_midnight_or_left_open_for_days() -> None:
    start = datetime(2024, 5, 6, 23, 50, tzinfo=UTC)
    late = a_session([a_set("bridge", 10)], at=start)
    late = late.replace(
        sets=(
            *late.sets,
            late.sets[0].replace(set_number=2, completed_at=start + timedelta(minutes=20)),
        ),
    )
    assert training_days([late], tz=UTC) == {date(2024, 5, 6), date(2024, 5, 7)}
    moments = [start, start + timedelta(days=1, hours=2), start + timedelta(days=3)]
    open_for_days = late.replace(
        sets=tuple(
            late.sets[0].replace(set_number=n, completed_at=m) for n, m in enumerate(moments, 1)
        ),
    )
    assert training_days([open_for_days], tz=UTC) == {
        date(2024, 5, 6),
        date(2024, 5, 8),
        date(2024, 5, 9),
    }
