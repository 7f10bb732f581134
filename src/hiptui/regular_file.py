"""Opening a file someone else may have written: regular files only, never more than a limit.

The type is checked before ``open`` (a named pipe would block, a device could be endless or have
side effects, a socket cannot be read) and again on the opened descriptor, so a file swapped in
between is refused too. Only the standard library, so the quickest commands (``hiptui status``)
can use it; :mod:`hiptui.content.files` builds the readers of outside input on it.
"""

from __future__ import annotations

import os
import stat

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)
_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0)


class NotRegularFile(OSError):
    """``path`` exists but is not a regular file (``kind`` says what it is)."""

    def __init__(self, path: str | os.PathLike[str], kind: str) -> None:
        super().__init__(f"{os.fspath(path)}: is {kind}, not a regular file")
        self.kind = kind


class TooLarge(OSError):
    """``path`` holds more than the reader takes."""


def file_kind(mode: int) -> str | None:
    """What a ``st_mode`` is when it is not a regular file ("a named pipe"), else ``None``."""
    if stat.S_ISREG(mode):
        return None
    for test, kind in _KINDS:
        if test(mode):
            return kind
    return "not a regular file"


def open_regular(path: str | os.PathLike[str]) -> int:
    """A read-only descriptor on the regular file ``path`` (the caller closes it).

    Raises :class:`NotRegularFile` for anything else, ``OSError`` when it cannot be opened.
    """
    kind = file_kind(os.stat(path).st_mode)
    if kind is not None:
        raise NotRegularFile(path, kind)
    descriptor = os.open(path, _OPEN_FLAGS)
    try:
        kind = file_kind(os.fstat(descriptor).st_mode)
        if kind is not None:
            raise NotRegularFile(path, kind)
        os.set_blocking(descriptor, True)
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of the regular file ``path``; :class:`TooLarge` past ``limit`` bytes (checked
    before reading, and while reading a file that grows), other ``OSError`` as ``open``."""
    descriptor = open_regular(path)
    with os.fdopen(descriptor, "rb") as handle:
        if os.fstat(handle.fileno()).st_size > limit:
            raise TooLarge(f"{os.fspath(path)}: larger than {limit} bytes")
        raw = handle.read(limit + 1)
    if len(raw) > limit:
        raise TooLarge(f"{os.fspath(path)}: larger than {limit} bytes")
    return raw
