"""The desktop's idle time: GNOME Mutter and freedesktop ScreenSaver over D-Bus, tested
against a fake session bus on a Unix socket (never a real bus), and xprintidle with a fake
runner."""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from jeepney import HeaderFields, new_error, new_method_return
from jeepney.low_level import Message, Parser

from hiptui.core.breaks.idle import (
    DBusIdle,
    XPrintIdle,
    find_idle_source,
    open_session_bus,
    session_bus_address,
)

GUID = "0123456789abcdef0123456789abcdef"


class FakeBus:
    """A D-Bus daemon's first few words: SASL EXTERNAL, Hello, and the idle methods it was
    told to answer (``answers``: member -> (signature, value)); an error for anything else."""

    def __init__(self, path: Path, answers: dict[str, tuple[str, int]]) -> None:
        self.path = path
        self.answers = answers
        self.calls: list[tuple[str, str, str, str]] = []
        self._server = socket.socket(socket.AF_UNIX)
        self._server.bind(str(path))
        self._server.listen(4)
        self._server.settimeout(5)
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def address(self) -> str:
        return f"unix:path={self.path}"

    def _serve(self) -> None:
        try:
            while True:
                client, _ = self._server.accept()
                threading.Thread(target=self._talk, args=(client,), daemon=True).start()
        except OSError:
            return

    def _talk(self, client: socket.socket) -> None:
        with client:
            client.settimeout(5)
            buffer = b""
            try:
                while b"BEGIN\r\n" not in buffer:
                    chunk = client.recv(4096)
                    if not chunk:
                        return
                    buffer += chunk
                    if b"AUTH" in buffer and b"OK" not in buffer:
                        client.sendall(f"OK {GUID}\r\n".encode())
                        buffer += b"OK"  # answered once
                parser = Parser()
                parser.add_data(buffer.split(b"BEGIN\r\n", 1)[1])
                serial = 1
                while True:
                    message = parser.get_next_message()
                    if message is None:
                        chunk = client.recv(4096)
                        if not chunk:
                            return
                        parser.add_data(chunk)
                        continue
                    reply = self._answer(message)
                    client.sendall(reply.serialise(serial=serial))
                    serial += 1
            except OSError:
                return

    def _answer(self, message: Message) -> Message:
        fields = message.header.fields
        member = fields.get(HeaderFields.member)
        if member == "Hello":
            return new_method_return(message, "s", (":1.42",))
        self.calls.append(
            (
                fields.get(HeaderFields.destination),
                fields.get(HeaderFields.path),
                fields.get(HeaderFields.interface),
                member,
            )
        )
        if member in self.answers:
            signature, value = self.answers[member]
            return new_method_return(message, signature, (value,))
        return new_error(message, "org.freedesktop.DBus.Error.ServiceUnknown", "s",
                         ("no such service",))  # fmt: skip

    def close(self) -> None:
        self._server.close()


@pytest.fixture
def bus_dir() -> Iterator[Path]:
    """A folder of its own with a short path: a Unix socket's path is at most 107 bytes,
    which pytest's tmp_path (under xdist) can exceed."""
    folder = Path(tempfile.mkdtemp(prefix="hb-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def nothing_installed(name: str) -> str | None:
    return None


def test_mutter_answers_first(bus_dir: Path) -> None:
    bus = FakeBus(bus_dir / "bus", {"GetIdletime": ("t", 372_500), "GetSessionIdleTime": ("u", 9)})
    try:
        source = find_idle_source(
            {"DBUS_SESSION_BUS_ADDRESS": bus.address}, which=nothing_installed
        )
        assert source is not None and source.name == "mutter"
        assert source.idle_seconds() == pytest.approx(372.5)
        assert bus.calls[0] == (
            "org.gnome.Mutter.IdleMonitor",
            "/org/gnome/Mutter/IdleMonitor/Core",
            "org.gnome.Mutter.IdleMonitor",
            "GetIdletime",
        )
        source.close()
    finally:
        bus.close()


def test_the_freedesktop_screensaver_when_there_is_no_mutter(bus_dir: Path) -> None:
    bus = FakeBus(bus_dir / "bus", {"GetSessionIdleTime": ("u", 61_000)})
    try:
        source = find_idle_source(
            {"DBUS_SESSION_BUS_ADDRESS": bus.address}, which=nothing_installed
        )
        assert source is not None and source.name == "screensaver"
        assert source.idle_seconds() == 61.0
        assert [call[3] for call in bus.calls] == ["GetIdletime", "GetSessionIdleTime",
                                                    "GetSessionIdleTime"]  # fmt: skip
        assert bus.calls[-1][:3] == (
            "org.freedesktop.ScreenSaver",
            "/org/freedesktop/ScreenSaver",
            "org.freedesktop.ScreenSaver",
        )
    finally:
        bus.close()


def test_a_bus_without_idle_methods_falls_back_to_xprintidle(bus_dir: Path) -> None:
    bus = FakeBus(bus_dir / "bus", {})
    seen: list[list[str]] = []

    def run(argv: list[str], **_kwargs: object) -> subprocess.CompletedProcess[str]:
        seen.append(argv)
        return subprocess.CompletedProcess(argv, 0, stdout="4200\n", stderr="")

    try:
        env = {"DBUS_SESSION_BUS_ADDRESS": bus.address, "DISPLAY": ":0"}
        source = find_idle_source(env, which=lambda name: f"/usr/bin/{name}", run=run)
        assert source is not None and source.name == "xprintidle"
        assert source.idle_seconds() == 4.2
        assert seen[0] == ["/usr/bin/xprintidle"]
        # Without an X display xprintidle is not even looked for.
        assert find_idle_source({"DBUS_SESSION_BUS_ADDRESS": bus.address},
                                which=lambda name: f"/usr/bin/{name}", run=run) is None  # fmt: skip
    finally:
        bus.close()


def test_a_bus_that_goes_away_reads_as_unknown(bus_dir: Path) -> None:
    bus = FakeBus(bus_dir / "bus", {"GetIdletime": ("t", 1000)})
    source = find_idle_source({"DBUS_SESSION_BUS_ADDRESS": bus.address}, which=nothing_installed)
    assert isinstance(source, DBusIdle)
    bus.close()
    source._connection.close()  # the socket is gone
    assert source.idle_seconds() is None


def test_no_bus_no_display_no_source(tmp_path: Path) -> None:
    def refuse(address: str) -> object:
        raise AssertionError("no bus address: nothing to connect to")

    assert find_idle_source({}, connect=refuse, which=nothing_installed) is None  # type: ignore[arg-type]
    missing = {"DBUS_SESSION_BUS_ADDRESS": f"unix:path={tmp_path}/none"}
    assert find_idle_source(missing, which=nothing_installed) is None
    with pytest.raises(OSError):
        open_session_bus(f"unix:path={tmp_path}/none")


def test_the_session_bus_address(tmp_path: Path) -> None:
    assert session_bus_address({"DBUS_SESSION_BUS_ADDRESS": "unix:path=/x"}) == "unix:path=/x"
    assert session_bus_address({"XDG_RUNTIME_DIR": str(tmp_path)}) is None
    (tmp_path / "bus").touch()
    assert session_bus_address({"XDG_RUNTIME_DIR": str(tmp_path)}) == f"unix:path={tmp_path}/bus"


class RecordedConnection:
    """Hands back one reply message as a bus would have sent it."""

    def __init__(self, make_reply: object) -> None:
        self.make_reply = make_reply

    def send_and_get_reply(self, message: object, *, timeout: float | None = None) -> object:
        wire = Parser()
        wire.add_data(message.serialise(serial=3))  # type: ignore[attr-defined]
        received = wire.get_next_message()  # the call as the bus saw it
        wire.add_data(self.make_reply(received).serialise(serial=7))  # type: ignore[operator]
        return wire.get_next_message()

    def close(self) -> None:
        return None


@pytest.mark.parametrize(
    ("make_reply", "expected"),
    [
        (lambda m: new_method_return(m, "t", (90_000,)), 90.0),
        (lambda m: new_method_return(m, "s", ("soon",)), None),
        (lambda m: new_method_return(m, "", ()), None),
        (lambda m: new_error(m, "org.freedesktop.DBus.Error.UnknownMethod"), None),
    ],
)
def test_odd_replies_read_as_unknown(make_reply: object, expected: float | None) -> None:
    from hiptui.core.breaks.idle import MUTTER

    source = DBusIdle(MUTTER, RecordedConnection(make_reply))
    assert source.idle_seconds() == expected


@pytest.mark.parametrize(
    ("returncode", "stdout", "expected"),
    [(0, "1500\n", 1.5), (1, "", None), (0, "not a number\n", None), (0, "-5\n", None)],
)
def test_xprintidle_output(returncode: int, stdout: str, expected: float | None) -> None:
    def run(argv: list[str], **_kwargs: object) -> subprocess.CompletedProcess[str]:
        return subprocess.CompletedProcess(argv, returncode, stdout=stdout, stderr="")

    assert XPrintIdle("/usr/bin/xprintidle", run).idle_seconds() == expected


def test_xprintidle_that_hangs_or_is_gone_reads_as_unknown() -> None:
    def hang(argv: list[str], **_kwargs: object) -> subprocess.CompletedProcess[str]:
        raise subprocess.TimeoutExpired(argv, 2)

    def gone(argv: list[str], **_kwargs: object) -> subprocess.CompletedProcess[str]:
        raise FileNotFoundError(argv[0])

    assert XPrintIdle("xprintidle", hang).idle_seconds() is None
    assert XPrintIdle("xprintidle", gone).idle_seconds() is None
