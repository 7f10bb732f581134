"""The self-check's form (``checkup/questions.toml``): its questions, answer scales, home checks.

The wording lives in the TOML file; the *shape* of the form lives here, because the
scoring (:mod:`hiptui.core.checkup.scoring`) and the answers-file parser rely on it: the 15
answer keys in question order (:data:`QUESTION_KEYS`) and the values each may take
(:data:`ANSWER_SCALES`). The 15th, the abdominal control check, came later: an answers file
may leave it out (:data:`OPTIONAL_KEYS`), and the check is then reported as not done. Loading
checks that the file asks exactly those questions, in that order, with exactly those answer
values, so whatever a user picks on screen is an answer the scoring understands.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from hiptui.content.loader import KEBAB
from hiptui.content.models import Problem
from hiptui.content.text import printable
from hiptui.content.toml_fields import TomlFieldReader
from hiptui.content.toml_source import KeyPath, TomlDocument, read_toml

CHECKUP_FORM_FILE = Path("checkup") / "questions.toml"

AnswerValue = int | str

# The Sedentary Behaviour Questionnaire's answer scale in minutes a day (Rosenberg et al. 2010):
# none, 15 min, 30 min, 1 h, 2 h, 3 h, 4 h, 5 h, 6 h or more.
MINUTES_SCALE: tuple[int, ...] = (0, 15, 30, 60, 120, 180, 240, 300, 360)
DAYS: tuple[str, ...] = ("weekday", "weekend")
ACTIVITIES: tuple[str, ...] = ("desk", "screens", "travel", "other")
BREAKS: tuple[str, ...] = ("A", "B", "C", "D")
STRENGTH_DAYS: tuple[int, ...] = (0, 1, 2, 3)
YES_NO_UNSURE: tuple[str, ...] = ("Y", "N", "U")
WALL_GAPS: tuple[str, ...] = ("none", "hand", "forearm", "unsure")
BRIDGE_HOLDS: tuple[str, ...] = ("A", "B", "C", "D", "E")
# The flat-back hold: A 30 s or more, B 15-29 s, C under 15 s, E stopped by pain, U unsure or
# could not do it.
FLAT_BACK_HOLDS: tuple[str, ...] = ("A", "B", "C", "E", "U")

_SCALES: dict[str, tuple[AnswerValue, ...]] = {
    f"{day}.{activity}": MINUTES_SCALE for day in DAYS for activity in ACTIVITIES
}
_SCALES.update(
    breaks=BREAKS,
    strength_days=STRENGTH_DAYS,
    thigh_check=YES_NO_UNSURE,
    knee_check=YES_NO_UNSURE,
    wall_gap=WALL_GAPS,
    bridge_hold=BRIDGE_HOLDS,
    abdominal_check=FLAT_BACK_HOLDS,
)
# Answer key -> the values it may take, in question order (Q1 .. Q15).
ANSWER_SCALES: Mapping[str, tuple[AnswerValue, ...]] = MappingProxyType(_SCALES)
QUESTION_KEYS: tuple[str, ...] = tuple(ANSWER_SCALES)
# Answers an answers file may leave out (written before the check existed): "not done".
OPTIONAL_KEYS: frozenset[str] = frozenset({"abdominal_check"})
# Answers shown for information only; no figure depends on them (Q13).
INFORMATION_ONLY: frozenset[str] = frozenset({"wall_gap"})

TOP_KEYS = ("title", "intro", "disclaimer", "sources", "scales", "checks", "questions")
QUESTION_FIELDS = ("key", "prompt", "help", "scale", "check")
CHECK_FIELDS = ("title", "summary", "steps", "stop")
MAX_OPTIONS = 20


@dataclass(frozen=True, slots=True)
class Option:
    """One answer: the value an answers file holds, and what the screen shows."""

    value: AnswerValue
    label: str


@dataclass(frozen=True, slots=True)
class HomeCheck:
    """Step-by-step instructions for a check done at home (thigh and knee, wall, bridge)."""

    id: str
    title: str
    summary: str
    steps: tuple[str, ...]
    stop: str


@dataclass(frozen=True, slots=True)
class Question:
    number: int  # 1-based, Q1 .. Q15
    key: str  # the answers-file key, e.g. "weekday.desk" or "breaks"
    prompt: str
    help: str
    options: tuple[Option, ...]
    check: HomeCheck | None = None

    @property
    def scored(self) -> bool:
        """False for a question shown for information only (the wall gap)."""
        return self.key not in INFORMATION_ONLY

    def label(self, value: AnswerValue) -> str:
        """The label of ``value``; the value itself when it is not an option."""
        for option in self.options:
            if option.value == value and type(option.value) is type(value):
                return option.label
        return str(value)


@dataclass(frozen=True, slots=True)
class CheckupForm:
    title: str
    intro: str
    disclaimer: str
    sources: tuple[str, ...]
    questions: tuple[Question, ...]
    checks: tuple[HomeCheck, ...]

    def question(self, key: str) -> Question:
        """The question whose answer is stored under ``key``; ``KeyError`` if there is none."""
        for question in self.questions:
            if question.key == key:
                return question
        raise KeyError(key)


def load_checkup_form(content_dir: Path) -> tuple[CheckupForm | None, list[Problem]]:
    """The form in ``<content_dir>/checkup/questions.toml``.

    ``None`` with at least one problem when anything in the file is wrong: a half-valid
    form would score answers it never asked.
    """
    return load_checkup_form_file(content_dir / CHECKUP_FORM_FILE)


def load_checkup_form_file(path: Path) -> tuple[CheckupForm | None, list[Problem]]:
    document = read_toml(path)
    if isinstance(document, Problem):
        return None, [document]
    return parse_checkup_form(document)


def parse_checkup_form(document: TomlDocument) -> tuple[CheckupForm | None, list[Problem]]:
    reader = TomlFieldReader(str(document.path), document.keys)
    data = document.data
    reader.known_keys(data, (), TOP_KEYS)
    title = reader.text(data, ("title",), required=True, max_length=120)
    intro = reader.text(data, ("intro",), required=True, multiline=True, max_length=4000)
    disclaimer = reader.text(data, ("disclaimer",), required=True, multiline=True, max_length=4000)
    sources = reader.text_list(data, ("sources",), required=True, max_length=600)
    scales = _scales(reader, reader.table(data, ("scales",), required=True))
    checks = _checks(reader, reader.table(data, ("checks",), required=True))
    questions = _questions(reader, data, scales, checks)
    if reader.problems:
        return None, reader.problems
    form = CheckupForm(
        title=title,
        intro=intro.strip(),
        disclaimer=disclaimer.strip(),
        sources=sources,
        questions=questions,
        checks=tuple(checks.values()),
    )
    return form, []


def _scales(reader: TomlFieldReader, table: dict[str, Any]) -> dict[str, tuple[Option, ...]]:
    scales: dict[str, tuple[Option, ...]] = {}
    for name, body in table.items():
        path: KeyPath = ("scales", name)
        if not KEBAB.match(name):
            reader.error(path, f"scale name '{printable(name)}' is not kebab-case")
            continue
        if not isinstance(body, dict):
            reader.error(path, "must be a table with an 'options' list")
            continue
        reader.known_keys(body, path, ("options",))
        raw = body.get("options")
        if not isinstance(raw, list) or not raw or len(raw) > MAX_OPTIONS:
            reader.error(
                (*path, "options"),
                f"must be a list of 1 to {MAX_OPTIONS} {{ value = ..., label = ... }} tables",
            )
            continue
        options: list[Option] = []
        for index, item in enumerate(raw):
            option = _option(reader, item, (*path, "options", index))
            if option is None:
                continue
            if any(_same(option.value, o.value) for o in options):
                reader.error((*path, "options", index), f"value {option.value!r} appears twice")
                continue
            options.append(option)
        scales[name] = tuple(options)
    return scales


def _option(reader: TomlFieldReader, item: object, path: KeyPath) -> Option | None:
    if not isinstance(item, dict):
        reader.error(path, "must be a table { value = ..., label = ... }")
        return None
    reader.known_keys(item, path, ("value", "label"))
    value = item.get("value")
    label = reader.text(item, (*path, "label"), required=True, max_length=120)
    if value is None:
        reader.error(path, "missing key 'value'")
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        reader.error((*path, "value"), "must be a whole number or text")
        return None
    if isinstance(value, str) and not reader.check_text(value, (*path, "value"), max_length=20):
        return None
    return Option(value, label) if label else None


def _same(left: AnswerValue, right: AnswerValue) -> bool:
    return type(left) is type(right) and left == right


def _checks(reader: TomlFieldReader, table: dict[str, Any]) -> dict[str, HomeCheck]:
    checks: dict[str, HomeCheck] = {}
    for name, body in table.items():
        path: KeyPath = ("checks", name)
        if not KEBAB.match(name):
            reader.error(path, f"check name '{printable(name)}' is not kebab-case")
            continue
        if not isinstance(body, dict):
            reader.error(path, "must be a table")
            continue
        before = len(reader.problems)
        reader.known_keys(body, path, CHECK_FIELDS)
        check = HomeCheck(
            id=name,
            title=reader.text(body, (*path, "title"), required=True, max_length=120),
            summary=reader.text(body, (*path, "summary"), required=True, max_length=600),
            steps=reader.text_list(body, (*path, "steps"), required=True, max_length=600),
            stop=reader.text(body, (*path, "stop"), required=True, max_length=600),
        )
        if len(reader.problems) == before:
            checks[name] = check
    return checks


def _questions(
    reader: TomlFieldReader,
    data: dict[str, Any],
    scales: dict[str, tuple[Option, ...]],
    checks: dict[str, HomeCheck],
) -> tuple[Question, ...]:
    raw = data.get("questions")
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        reader.error(("questions",), "must be an array of tables ([[questions]])")
        return ()
    questions: list[Question] = []
    seen: set[str] = set()
    for index, item in enumerate(raw):
        path: KeyPath = ("questions", index)
        reader.known_keys(item, path, QUESTION_FIELDS)
        key = reader.text(item, (*path, "key"), required=True, max_length=60)
        expected = QUESTION_KEYS[index] if index < len(QUESTION_KEYS) else None
        if key and key not in ANSWER_SCALES:
            reader.error(
                (*path, "key"), f"unknown question key '{key}'{reader.suggest(key, QUESTION_KEYS)}"
            )
        elif key in seen:
            reader.error((*path, "key"), f"question '{key}' appears twice")
        elif key and key != expected:
            where = f"'{expected}'" if expected else "no more questions"
            reader.error((*path, "key"), f"question {index + 1} should be {where}, not '{key}'")
        seen.add(key)
        question = Question(
            number=index + 1,
            key=key,
            prompt=reader.text(item, (*path, "prompt"), required=True, max_length=300),
            help=reader.text(item, (*path, "help"), required=True, max_length=1000),
            options=_question_options(reader, item, path, key, scales),
            check=_question_check(reader, item, path, checks),
        )
        questions.append(question)
    for key in QUESTION_KEYS:
        if key not in seen:
            reader.error(("questions",), f"missing question '{key}'")
    return tuple(questions)


def _question_options(
    reader: TomlFieldReader,
    item: dict[str, Any],
    path: KeyPath,
    key: str,
    scales: dict[str, tuple[Option, ...]],
) -> tuple[Option, ...]:
    name = reader.text(item, (*path, "scale"), required=True, max_length=60)
    if not name:
        return ()
    if name not in scales:
        reader.error((*path, "scale"), f"no scale '{name}' in [scales]")
        return ()
    options = scales[name]
    wanted = ANSWER_SCALES.get(key)
    got = tuple(option.value for option in options)
    if wanted is not None and (
        len(got) != len(wanted) or not all(_same(g, w) for g, w in zip(got, wanted, strict=True))
    ):
        reader.error(
            (*path, "scale"),
            f"scale '{name}' has the values {_listed(got)}; "
            f"'{key}' needs exactly {_listed(wanted)}",
        )
        return ()
    return options


def _question_check(
    reader: TomlFieldReader, item: dict[str, Any], path: KeyPath, checks: dict[str, HomeCheck]
) -> HomeCheck | None:
    name = reader.text(item, (*path, "check"), max_length=60)
    if not name:
        return None
    if name not in checks:
        reader.error((*path, "check"), f"no check '{name}' in [checks]")
        return None
    return checks[name]


def _listed(values: tuple[AnswerValue, ...]) -> str:
    return ", ".join(repr(v) if isinstance(v, str) else str(v) for v in values)
