"""What the commands print reaches the terminal only through here.

:func:`main <hiptui.cli.main.main>` puts a :class:`SafeStream` in front of ``sys.stdout`` and
``sys.stderr`` for the whole run of a command, so every write (a command's output, a problem
quoting a file, argparse echoing an argument, a traceback) loses the characters a terminal acts
on before it gets there: C0 controls but tab and line breaks, DEL, C1 controls, bidirectional
overrides; a byte that was not UTF-8 (a lone surrogate from a file name) becomes U+FFFD. It
cannot be forgotten: nothing has to call it.

hiptui's own styling and its desktop notifications are the only control sequences it writes on
purpose, and they take a separate door: :func:`write_styled` (bold and dim around text that is
itself cleaned) and :func:`raw_stream` (the terminal itself, for sequences built from cleaned
text, as :mod:`hiptui.core.breaks.notify` builds them).
"""

from __future__ import annotations

import contextlib
import io
import re
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from typing import TextIO

_BIDI = "\u202a-\u202e\u2066-\u2069"
# A carriage return is kept only in a line break (CSV writes "\r\n"); alone it would move the
# cursor back over what was printed.
_UNSAFE = re.compile(f"\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}]")
_SURROGATES = re.compile("[\ud800-\udfff]")
STYLES = {"bold": "\x1b[1m", "dim": "\x1b[2m"}
RESET = "\x1b[0m"


def terminal_safe(text: str) -> str:
    """``text`` without anything a terminal would act on (tabs and line breaks stay)."""
    if text.isascii() and text.isprintable():
        return text
    return _SURROGATES.sub("\ufffd", _UNSAFE.sub("", text))


class SafeStream(io.TextIOBase):
    """A text stream that writes only :func:`terminal_safe` text to ``raw``."""

    def __init__(self, raw: TextIO) -> None:
        self.raw = raw

    def write(self, text: str) -> int:
        self.raw.write(terminal_safe(text))
        return len(text)

    def flush(self) -> None:
        self.raw.flush()

    def isatty(self) -> bool:
        return self.raw.isatty()

    def fileno(self) -> int:
        return self.raw.fileno()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self.raw.encoding

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return self.raw.errors


class safe_streams:
    """``with safe_streams():`` every write to ``sys.stdout`` and ``sys.stderr`` inside is
    :func:`terminal_safe`; the streams are put back afterwards."""

    def __enter__(self) -> None:
        self._saved = (sys.stdout, sys.stderr)
        sys.stdout, sys.stderr = (
            stream if isinstance(stream, SafeStream) or stream is None else SafeStream(stream)
            for stream in self._saved
        )

    def __exit__(self, *_exc: object) -> None:
        for stream in (sys.stdout, sys.stderr):
            if isinstance(stream, SafeStream) and not stream.raw.closed:
                with contextlib.suppress(OSError):  # a reader that went away
                    stream.flush()
        sys.stdout, sys.stderr = self._saved


def raw_stream(stream: TextIO | SafeStream) -> TextIO:
    """The terminal behind ``stream``, for a control sequence hiptui built itself."""
    return stream.raw if isinstance(stream, SafeStream) else stream


def write_styled(lines: Iterable[Iterable[tuple[str, str | None]]], *, styled: bool) -> None:
    """Print ``lines`` of ``(text, style)`` pieces on stdout: each text cleaned, each style
    (``"bold"``, ``"dim"`` or ``None``) shown only when ``styled``."""
    out = raw_stream(sys.stdout)
    out.write("".join(_styled_lines(lines, styled)))


def _styled_lines(lines: Iterable[Iterable[tuple[str, str | None]]], styled: bool) -> Iterator[str]:
    for line in lines:
        for text, style in line:
            clean = terminal_safe(text)
            yield f"{STYLES[style]}{clean}{RESET}" if styled and style else clean
        yield "\n"
