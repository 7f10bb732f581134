"""Reaching the user outside the app: which way `notify = ...` goes, the OSC sequences, tmux
passthrough, notify-send, and text stripped of control characters."""

from __future__ import annotations

import subprocess

import pytest

from hiptui.core.breaks.notify import (
    Notifier,
    break_message,
    osc_flavour,
    osc_sequence,
    tmux_passthrough,
)

ESC = "\x1b"


class Sink:
    def __init__(self) -> None:
        self.text = ""

    def __call__(self, text: str) -> None:
        self.text += text


class FakeNotifySend:
    def __init__(self, *, installed: bool = True, returncode: int = 0) -> None:
        self.installed = installed
        self.returncode = returncode
        self.calls: list[list[str]] = []

    def which(self, name: str) -> str | None:
        return f"/usr/bin/{name}" if self.installed and name == "notify-send" else None

    def run(self, argv: list[str], **_kwargs: object) -> subprocess.CompletedProcess[str]:
        self.calls.append(argv)
        return subprocess.CompletedProcess(argv, self.returncode, "", "no daemon\n")


def notifier(
    method: str, env: dict[str, str], *, tty: bool = True, send: FakeNotifySend | None = None
) -> tuple[Notifier, Sink, FakeNotifySend]:
    sink, send = Sink(), send or FakeNotifySend(installed=False)
    made = Notifier(method, env=env, write=sink, is_tty=tty, which=send.which, run=send.run)
    return made, sink, send


# -- auto ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "tty", "installed", "expected"),
    [
        ({"TERM": "xterm-kitty"}, True, True, "osc"),
        ({"TERM": "xterm-256color", "TERM_PROGRAM": "WezTerm"}, True, False, "osc"),
        # Not a terminal that asked: no OSC, even where notify-send is missing.
        ({"TERM": "xterm-256color", "DISPLAY": ":0"}, True, True, "notify-send"),
        ({"TERM": "xterm-256color"}, True, False, "bell"),
        ({"TERM": "xterm-kitty", "DISPLAY": ":0"}, False, True, "notify-send"),  # no tty
        ({"TERM": "xterm-kitty"}, False, False, "off"),
        ({"TERM": "dumb", "TERM_PROGRAM": "iTerm.app"}, True, False, "off"),
        ({"TERM": "dumb", "WAYLAND_DISPLAY": "wayland-0"}, True, True, "notify-send"),
        # Inside tmux the outer terminal is unknown: no OSC on a guess.
        (
            {"TERM": "tmux-256color", "TMUX": "/tmp/tmux-0/default,1,0", "KITTY_WINDOW_ID": "1"},
            True,
            False,
            "bell",
        ),
        ({"TERM": "xterm-256color"}, True, True, "bell"),  # notify-send, but no desktop session
    ],
)
def test_auto_picks_what_the_terminal_and_desktop_support(
    env: dict[str, str], tty: bool, installed: bool, expected: str
) -> None:
    made, _sink, _send = notifier("auto", env, tty=tty, send=FakeNotifySend(installed=installed))
    assert made.resolve() == expected


@pytest.mark.parametrize(
    ("env", "tty", "written"),
    [
        ({"TERM": "dumb", "TERM_PROGRAM": "iTerm.app"}, True, ""),
        ({"TERM": "xterm-kitty"}, False, ""),
        ({}, True, ""),  # no TERM at all
        ({"TERM": "xterm-256color"}, True, "\a"),  # a bell, never an escape sequence
        ({"TERM": "xterm-kitty"}, True, f"{ESC}]99;"),  # kitty asks for OSC 99
    ],
)
def test_auto_never_writes_an_escape_to_a_terminal_that_did_not_ask(
    env: dict[str, str], tty: bool, written: str
) -> None:
    made, sink, _send = notifier("auto", env, tty=tty)
    made.send("Break", "Get up")
    assert sink.text.startswith(written) and (written or sink.text == "")


# -- the sequences ------------------------------------------------------------------------------


def test_osc_sequences_for_each_terminal() -> None:
    assert osc_sequence("Break", "Get up", "9") == f"{ESC}]9;Break: Get up\a"
    assert osc_sequence("Break; now", "a;b", "777") == f"{ESC}]777;notify;Break, now;a,b\a"
    assert osc_sequence("Break", "Get up", "99") == (
        f"{ESC}]99;i=hiptui:d=0:p=title;Break{ESC}\\{ESC}]99;i=hiptui:d=1:p=body;Get up{ESC}\\"
    )
    assert osc_flavour({"TERM": "foot"}) == "777"
    assert osc_flavour({"TERM_PROGRAM": "iTerm.app"}) == "9"
    assert osc_flavour({"TERM": "xterm-256color"}) is None


def test_control_characters_never_reach_the_terminal() -> None:
    sequence = osc_sequence("Br\x1b]0;owned\aeak", "Get\r\n up\x9b2J\u202e", "777")
    assert sequence == f"{ESC}]777;notify;Br]0,ownedeak;Get up2J\a"
    assert sequence.count(ESC) == 1 and sequence.count("\a") == 1


def test_tmux_passthrough_doubles_every_escape() -> None:
    inner = osc_sequence("Break", "Get up", "99")
    wrapped = tmux_passthrough(inner)
    assert wrapped.startswith(f"{ESC}Ptmux;{ESC}{ESC}]99;")
    assert wrapped.endswith(f"{ESC}{ESC}\\{ESC}\\")
    assert wrapped[len(f"{ESC}Ptmux;") : -2].replace(ESC + ESC, ESC) == inner


def test_osc_inside_tmux_is_wrapped_and_outside_it_is_not() -> None:
    made, sink, _send = notifier("osc", {"TERM": "tmux-256color", "TMUX": "/tmp/t,1,0"})
    assert made.send("Break", "Get up").method == "osc"
    assert sink.text == tmux_passthrough(f"{ESC}]9;Break: Get up\a")
    plain, plain_sink, _send = notifier("osc", {"TERM": "xterm-256color"})
    plain.send("Break", "Get up")
    assert plain_sink.text == f"{ESC}]9;Break: Get up\a"


def test_osc_and_bell_need_a_terminal() -> None:
    for method in ("osc", "bell"):
        made, sink, _send = notifier(method, {"TERM": "xterm"}, tty=False)
        sent = made.send("Break", "Get up")
        assert sent.method is None and sent.problem is not None and "terminal" in sent.problem
        assert sink.text == ""


# -- notify-send --------------------------------------------------------------------------------


def test_notify_send_gets_a_clean_title_and_body() -> None:
    send = FakeNotifySend()
    made, sink, _ = notifier("notify-send", {"DISPLAY": ":0"}, send=send)
    title, body = break_message("break due 1h15m ago")
    assert made.send(title, body + "\x1b[2J").method == "notify-send"
    assert send.calls == [
        [
            "/usr/bin/notify-send",
            "--app-name=hiptui",
            "hiptui: time for a sitting break",
            "break due 1h15m ago. Get up and move for at least 5 minutes.[2J",
        ]
    ]
    assert sink.text == ""


def test_notify_send_missing_or_failing_is_said_in_one_line() -> None:
    made, _sink, _send = notifier("notify-send", {}, send=FakeNotifySend(installed=False))
    assert "not installed" in (made.send("a", "b").problem or "")
    made, _sink, _send = notifier("notify-send", {}, send=FakeNotifySend(returncode=1))
    assert made.send("a", "b").problem == "notify-send failed: no daemon"


def test_off_sends_nothing_and_a_bad_method_is_refused() -> None:
    made, sink, send = notifier("off", {"TERM": "xterm-kitty"}, send=FakeNotifySend())
    assert made.send("a", "b").method is None
    assert sink.text == "" and send.calls == []
    with pytest.raises(ValueError, match="notify must be one of"):
        Notifier("loud", env={}, write=None, is_tty=False)
