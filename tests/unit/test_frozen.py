"""content/frozen.py's value classes write their own ``__init__`` (no dataclasses at import):
each class's constructor, its FIELDS and its slots must name the same fields, in order, or a
field would be left out of equality, repr and copies without anyone noticing."""

from __future__ import annotations

import importlib
import inspect

from hiptui.content.frozen import Frozen

MODULES = (
    "hiptui.content.models", "hiptui.content.card", "hiptui.store.records",
    "hiptui.store.settings", "hiptui.store.timeline", "hiptui.store.db",
    "hiptui.core.history.consistency", "hiptui.core.breaks.report",
    "hiptui.core.breaks.schedule", "hiptui.core.week.schedule",
)  # fmt: skip


def frozen_classes() -> list[type[Frozen]]:
    for name in MODULES:
        importlib.import_module(name)
    found: list[type[Frozen]] = []
    todo = list(Frozen.__subclasses__())
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return [cls for cls in found if cls.__module__.startswith("hiptui.")]


def test_every_frozen_class_constructs_from_exactly_its_fields() -> None:
    classes = frozen_classes()
    assert len(classes) >= 20
    for cls in classes:
        parameters = list(inspect.signature(cls.__init__).parameters)[1:]
        assert tuple(parameters) == cls.FIELDS, cls
        assert set(cls.COMPARED) <= set(cls.FIELDS), cls
        slots = {slot for klass in cls.__mro__ for slot in getattr(klass, "__slots__", ())}
        # Each field is a slot, or a property over one (Exercise.path over _path).
        for name in cls.FIELDS:
            assert name in slots or isinstance(getattr(cls, name, None), property), (cls, name)
