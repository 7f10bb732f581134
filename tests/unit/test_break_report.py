"""What `hiptui status --json` and `--format` print, from a schedule."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from hiptui.core.breaks.report import (
    FIELDS,
    StatusReport,
    StatusTemplate,
    TemplateError,
    due_in_minutes,
)
from hiptui.core.breaks.schedule import Stretch, schedule_from
from tests.unit.break_clock import LOCAL, history_of, mark


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2024, 5, 6, hour, minute, tzinfo=LOCAL)


def report(history: object, now: datetime, minutes: int = 45) -> StatusReport:
    return StatusReport.of(schedule_from(history, minutes, now), minutes, now)  # type: ignore[arg-type]


def test_the_json_has_exactly_the_documented_fields_in_order() -> None:
    text = report(history_of(mark(at(9))), at(9, 42)).to_json()
    assert (
        list(json.loads(text))
        == list(FIELDS)
        == [
            "sitting_minutes",
            "due_in_minutes",
            "state",
            "interval_minutes",
            "last_break",
        ]
    )
    assert json.loads(text) == {
        "sitting_minutes": 42,
        "due_in_minutes": 3,
        "state": "sitting",
        "interval_minutes": 45,
        "last_break": "2024-05-06T09:00:00+02:00",
    }
    assert "\n" not in text
    assert text == json.dumps(json.loads(text))  # exactly what json would write
    for empty in (report(history_of(), at(9)), report(history_of(mark(at(7))), at(9))):
        assert empty.to_json() == json.dumps(empty.as_dict())


def test_an_overdue_break_has_a_negative_due_in() -> None:
    overdue = report(history_of(mark(at(7))), at(9))
    assert (overdue.state, overdue.sitting_minutes, overdue.due_in_minutes) == ("due", 120, -75)


def test_paused_and_away_are_states() -> None:
    paused = history_of(mark(at(9))).replace(pause=Stretch(at(9, 30), at(10, 30)))
    assert report(paused, at(9, 40)).state == "paused"
    assert report(paused, at(9, 40)).due_in_minutes == 50  # held until the pause ends
    away = history_of(mark(at(9))).replace(away=Stretch(at(9, 20), at(9, 39), open=True))
    gone = report(away, at(9, 40))
    assert (gone.state, gone.sitting_minutes, gone.due_in_minutes) == ("away", 0, 45)
    snoozed = history_of(mark(at(9)), mark(at(9, 46), "snoozed", 10))
    assert report(snoozed, at(9, 50)).state == "snoozed"


def test_nothing_known_today_is_null() -> None:
    empty = report(history_of(mark(at(9) - timedelta(days=1))), at(9))
    assert (empty.sitting_minutes, empty.due_in_minutes, empty.last_break) == (None, None, None)
    assert json.loads(empty.to_json())["sitting_minutes"] is None


@pytest.mark.parametrize(
    ("seconds", "minutes"),
    [(1, 1), (60, 1), (61, 2), (0, 0), (-59, 0), (-60, -1), (-4500, -75)],
)
def test_due_in_minutes_reads_like_the_status_line(seconds: float, minutes: int) -> None:
    assert due_in_minutes(seconds) == minutes


def test_a_template_fills_in_fields_and_keeps_doubled_braces() -> None:
    template = StatusTemplate.parse("#[fg=yellow]{state}#[default] {sitting_minutes}m {{x}}")
    filled = report(history_of(mark(at(9))), at(9, 42)).format(template)
    assert filled == "#[fg=yellow]sitting#[default] 42m {x}"
    empty = report(history_of(), at(9)).format(StatusTemplate.parse("[{last_break}]"))
    assert empty == "[]"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{nope}", "unknown field {nope}"),
        ("{state.__class__}", "unknown field"),
        ("{0}", "unknown field"),
        ("a { b", "a lone '{'"),
        ("}", "a lone '}'"),
    ],
)
def test_a_bad_template_is_refused_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(TemplateError, match=message.replace("{", r"\{").replace("}", r"\}")):
        StatusTemplate.parse(text)
