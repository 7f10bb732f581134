"""Load, effort and pain per session for the history's charts."""

from __future__ import annotations

from hiptui.content.load import Load
from hiptui.core.history.load_trend import has_effort_or_pain, has_loads, load_trends
from tests.unit.test_prescription import session


def test_best_load_volume_pain_and_rir_per_session_oldest_first() -> None:
    first = session("hip-thrust", [(12, 2, 1), (10, 1, 3)], load=Load(40.0, "kg"), day=0)
    second = session("hip-thrust", [(8, 0, None)], load=Load(100.0, "lb"), day=2, next_day=7)
    points = load_trends([second, first])["hip-thrust"]
    assert [(p.best, p.volume, p.pain, p.pain_next_day, p.light, p.rir) for p in points] == [
        (Load(40.0, "kg"), 880.0, 3, None, "amber", (2, 1)),
        (Load(100.0, "lb"), 800.0, None, 7, "red", (0,)),
    ]
    assert has_loads(points) and has_effort_or_pain(points)


def test_body_weight_sessions_have_no_load_and_a_marked_set_is_amber() -> None:
    points = load_trends([session("glute-bridge", [10, 10], discomfort=True)])["glute-bridge"]
    assert [(p.best, p.volume, p.light) for p in points] == [(None, None, "amber")]
    assert not has_loads(points) and not has_effort_or_pain(points)
