"""Small immutable value classes, without the ``dataclasses`` module.

``hiptui cues`` builds an exercise and prints it in a few tens of milliseconds; importing
``dataclasses`` (which imports ``inspect``, ``ast``, ``dis`` and ``tokenize``) and running its
decorator over the content classes was a fifth of that. :class:`Frozen` gives a class with
``__slots__`` what ``@dataclass(frozen=True, slots=True)`` gave it: equality and a hash over
its compared fields, a ``Name(field=value, ...)`` repr, no assignment after ``__init__``, and
copying or pickling by its fields. Each class writes its own ``__init__``, setting its fields
with :meth:`Frozen._set` (or the faster module-level :func:`_set`, one field at a time, where
many are made: the content cache decodes thousands of exercises). ``hiptui status`` uses it too.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Self

_set = object.__setattr__


class FrozenInstanceError(AttributeError):
    """Raised on assigning to (or deleting) a field of a :class:`Frozen` instance."""


class Frozen:
    """Base of the content's value classes. ``FIELDS`` names the constructor's parameters in
    order (each readable as an attribute); ``COMPARED`` those that ``==`` and ``hash`` use."""

    __slots__: tuple[str, ...] = ()
    FIELDS: tuple[str, ...] = ()
    COMPARED: tuple[str, ...] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """A class that names neither ``FIELDS`` nor ``COMPARED`` has its slots as both."""
        super().__init_subclass__(**kwargs)
        if "FIELDS" not in cls.__dict__:
            cls.FIELDS = tuple(cls.__dict__.get("__slots__", ()))
        if "COMPARED" not in cls.__dict__:
            cls.COMPARED = cls.FIELDS

    def _set(self, **values: object) -> None:
        """Set fields in ``__init__``."""
        for name, value in values.items():
            _set(self, name, value)

    def _compared(self) -> tuple[object, ...]:
        return tuple([getattr(self, name) for name in self.COMPARED])

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._compared() == other._compared()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._compared())

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.FIELDS)
        return f"{type(self).__qualname__}({values})"

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __reduce__(self) -> tuple[object, tuple[type[Self], dict[str, object]]]:
        return _rebuild, (type(self), {name: getattr(self, name) for name in self.FIELDS})

    def replace(self, **changes: Any) -> Self:
        """A copy with ``changes`` made (what ``dataclasses.replace`` did)."""
        unknown = changes.keys() - set(self.FIELDS)
        if unknown:
            raise TypeError(f"{type(self).__qualname__} has no field {sorted(unknown)[0]!r}")
        values = {name: getattr(self, name) for name in self.FIELDS}
        return type(self)(**{**values, **changes})


def _rebuild(cls: type[Frozen], values: dict[str, object]) -> Frozen:
    """A copy or an unpickled instance, made by its ``__init__`` from its fields."""
    return cls(**values)
