"""Telling the user that a break is due, outside hiptui's own screen.

The ``notify`` setting picks how:

- ``osc``: a desktop notification through the terminal: OSC 99 in kitty, OSC 777 in foot,
  rxvt-unicode, WezTerm and Ghostty, OSC 9 elsewhere (iTerm2 and others). Inside tmux the
  sequence is wrapped for tmux's passthrough (which needs ``set -g allow-passthrough on``).
  Needs a terminal: with no tty nothing is written.
- ``notify-send``: the desktop's notification daemon through ``notify-send`` (libnotify).
- ``bell``: the terminal bell (BEL), which most terminals and tmux turn into an alert.
- ``off``: nothing.
- ``auto`` (the default): OSC in a terminal known to show it (outside tmux), else
  ``notify-send`` when it is installed and there is a desktop session, else the bell on a
  terminal, else nothing. ``auto`` never writes an escape sequence to a terminal that did not
  ask for one: none without a tty, none when ``TERM`` is ``dumb``, and no OSC to a terminal it
  does not know.

Every text is stripped of control characters before it reaches the terminal or
``notify-send``. Pure apart from the ``write``, ``which`` and ``run`` it is given.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from hiptui.content.text import printable

METHODS: tuple[str, ...] = ("auto", "osc", "notify-send", "bell", "off")
OSC, NOTIFY_SEND, BELL, OFF = "osc", "notify-send", "bell", "off"

ESC, BEL_CHAR = "\x1b", "\x07"
ST = ESC + "\\"
MAX_TITLE, MAX_BODY = 100, 400
NOTIFY_SEND_TIMEOUT = 5.0

Runner = Callable[..., "subprocess.CompletedProcess[str]"]


def osc_flavour(env: Mapping[str, str]) -> str | None:
    """Which notification sequence the terminal in ``env`` is known to show (``"99"``,
    ``"777"`` or ``"9"``), or ``None`` when it is not known to show any."""
    term = env.get("TERM", "")
    program = env.get("TERM_PROGRAM", "")
    if term == "xterm-kitty" or env.get("KITTY_WINDOW_ID"):
        return "99"
    if term.startswith(("foot", "rxvt-unicode")) or term == "xterm-ghostty":
        return "777"
    if program in ("WezTerm", "ghostty"):
        return "777"
    if program == "iTerm.app" or env.get("LC_TERMINAL") == "iTerm2":
        return "9"
    return None


def plain(text: str, limit: int) -> str:
    """One line without control characters, at most ``limit`` characters."""
    line = " ".join(printable(text, keep_newlines=False).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def osc_sequence(title: str, body: str, flavour: str) -> str:
    """The notification as one (OSC 9, 777) or two (OSC 99: title, then body) sequences."""
    title, body = plain(title, MAX_TITLE), plain(body, MAX_BODY)
    if flavour == "99":
        # kitty: d=0 "more to come" with the title, then d=1 with the body; i ties them.
        return f"{ESC}]99;i=hiptui:d=0:p=title;{title}{ST}{ESC}]99;i=hiptui:d=1:p=body;{body}{ST}"
    if flavour == "777":
        # The fields are separated by ';', so none may hold one.
        return f"{ESC}]777;notify;{title.replace(';', ',')};{body.replace(';', ',')}{BEL_CHAR}"
    # OSC 9 takes one text; ConEmu-style terminals read "9;<digit>;" as a command, so the
    # text never starts with a digit and a semicolon (a title never does).
    return f"{ESC}]9;{title}: {body}{BEL_CHAR}"


def tmux_passthrough(sequence: str) -> str:
    """``sequence`` wrapped so tmux hands it to the terminal outside (every ESC doubled)."""
    return f"{ESC}Ptmux;{sequence.replace(ESC, ESC + ESC)}{ST}"


def has_desktop(env: Mapping[str, str]) -> bool:
    return any(env.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS"))


@dataclass(frozen=True, slots=True)
class Sent:
    """What a notification did: the method used (``None``: nothing sent) and, if it could not
    be sent the way asked, why (one line for the user)."""

    method: str | None
    problem: str | None = None


class Notifier:
    """Sends "break due" notifications the way the ``notify`` setting says.

    ``write``: writes text to the terminal (``None``: there is none); ``is_tty``: whether that
    terminal is a tty; ``env``: the environment (``TERM``, ``TMUX``, ``DISPLAY`` ...).
    """

    def __init__(
        self,
        method: str,
        *,
        env: Mapping[str, str],
        write: Callable[[str], None] | None,
        is_tty: bool,
        which: Callable[[str], str | None] = shutil.which,
        run: Runner = subprocess.run,
    ) -> None:
        if method not in METHODS:
            raise ValueError(f"notify must be one of {', '.join(METHODS)}, not {method!r}")
        self.method = method
        self._env = env
        self._write = write
        self._tty = is_tty and write is not None
        self._which = which
        self._run = run

    @property
    def _terminal_ok(self) -> bool:
        """A terminal that may be written to at all."""
        return self._tty and self._env.get("TERM", "") not in ("", "dumb")

    def resolve(self) -> str:
        """The method ``auto`` stands for here and now (or the method set)."""
        if self.method != "auto":
            return self.method
        if self._terminal_ok and not self._env.get("TMUX") and osc_flavour(self._env):
            return OSC
        if has_desktop(self._env) and self._which("notify-send") is not None:
            return NOTIFY_SEND
        if self._terminal_ok:
            return BELL
        return OFF

    def send(self, title: str, body: str) -> Sent:
        method = self.resolve()
        if method == OFF:
            return Sent(None)
        if method == NOTIFY_SEND:
            return self._notify_send(title, body)
        if not self._tty or self._write is None:
            return Sent(None, f"notify = {method!r} needs a terminal, and there is none here")
        if method == BELL:
            self._write(BEL_CHAR)
            return Sent(BELL)
        sequence = osc_sequence(title, body, osc_flavour(self._env) or "9")
        if self._env.get("TMUX"):
            sequence = tmux_passthrough(sequence)
        self._write(sequence)
        return Sent(OSC)

    def _notify_send(self, title: str, body: str) -> Sent:
        path = self._which("notify-send")
        if path is None:
            return Sent(None, "notify-send is not installed (it comes with libnotify)")
        command = [path, "--app-name=hiptui", plain(title, MAX_TITLE), plain(body, MAX_BODY)]
        try:
            result = self._run(command, capture_output=True, text=True, timeout=NOTIFY_SEND_TIMEOUT)
        except (OSError, subprocess.SubprocessError) as error:
            return Sent(None, f"notify-send failed: {error}")
        if result.returncode != 0:
            said = plain(result.stderr or "", 200) or f"exit status {result.returncode}"
            return Sent(None, f"notify-send failed: {said}")
        return Sent(NOTIFY_SEND)


def break_message(status_line: str) -> tuple[str, str]:
    """The title and body of the "break due" notification."""
    return (
        "hiptui: time for a sitting break",
        f"{status_line}. Get up and move for at least 5 minutes.",
    )
