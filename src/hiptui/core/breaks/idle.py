"""The desktop's idle time (seconds since the last keyboard or mouse input), where it can tell.

Three optional sources, tried in this order by :func:`find_idle_source`; with none, hiptui
behaves as if there were no idle time to know (only a suspend then counts as away):

- GNOME's Mutter ``org.gnome.Mutter.IdleMonitor.GetIdletime`` over the session D-Bus
  (milliseconds; X11 and Wayland);
- the freedesktop ``org.freedesktop.ScreenSaver.GetSessionIdleTime`` (KDE Plasma and others;
  milliseconds);
- ``xprintidle`` on ``PATH`` with an X display (prints milliseconds).

D-Bus goes through ``jeepney`` (pure Python), imported only when a source is looked for, so
``hiptui status`` never pays for it. Every failure (no bus, no such service, a timeout, an
odd reply) reads as "cannot tell", never as an error for the user.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

TIMEOUT_SECONDS = 1.0


class IdleSource(Protocol):
    @property
    def name(self) -> str: ...
    def idle_seconds(self) -> float | None:
        """Seconds since the last input, or ``None`` when the source cannot tell now."""
        ...

    def close(self) -> None: ...


@dataclass(frozen=True, slots=True)
class DBusIdleMethod:
    """A D-Bus method that answers with an idle time as one unsigned integer."""

    name: str
    bus_name: str
    path: str
    interface: str
    member: str
    seconds_per_unit: float


MUTTER = DBusIdleMethod(
    name="mutter",
    bus_name="org.gnome.Mutter.IdleMonitor",
    path="/org/gnome/Mutter/IdleMonitor/Core",
    interface="org.gnome.Mutter.IdleMonitor",
    member="GetIdletime",
    seconds_per_unit=0.001,
)
SCREENSAVER = DBusIdleMethod(
    name="screensaver",
    bus_name="org.freedesktop.ScreenSaver",
    path="/org/freedesktop/ScreenSaver",
    interface="org.freedesktop.ScreenSaver",
    member="GetSessionIdleTime",
    seconds_per_unit=0.001,
)
DBUS_METHODS = (MUTTER, SCREENSAVER)


class BusConnection(Protocol):
    """What :class:`DBusIdle` needs of a connection (``jeepney.io.blocking.DBusConnection``)."""

    def send_and_get_reply(self, message: Any, *, timeout: float | None = None) -> Any: ...
    def close(self) -> None: ...


def session_bus_address(env: Mapping[str, str]) -> str | None:
    """The session bus's address: ``DBUS_SESSION_BUS_ADDRESS``, else the usual socket in
    ``XDG_RUNTIME_DIR`` if it is there."""
    address = env.get("DBUS_SESSION_BUS_ADDRESS", "").strip()
    if address:
        return address
    runtime = env.get("XDG_RUNTIME_DIR", "").strip()
    if runtime and os.path.exists(os.path.join(runtime, "bus")):
        return f"unix:path={os.path.join(runtime, 'bus')}"
    return None


def open_session_bus(address: str) -> BusConnection:
    """Connect and say hello to the bus at ``address`` (raises on any failure)."""
    from jeepney.io.blocking import open_dbus_connection

    connection: BusConnection = open_dbus_connection(bus=address, auth_timeout=TIMEOUT_SECONDS)
    return connection


class DBusIdle:
    """One idle-time method on an open session bus connection."""

    def __init__(self, method: DBusIdleMethod, connection: BusConnection) -> None:
        self.method = method
        self._connection = connection

    @property
    def name(self) -> str:
        return self.method.name

    def idle_seconds(self) -> float | None:
        from jeepney import DBusAddress, MessageType, new_method_call

        method = self.method
        address = DBusAddress(method.path, bus_name=method.bus_name, interface=method.interface)
        try:
            reply = self._connection.send_and_get_reply(
                new_method_call(address, method.member), timeout=TIMEOUT_SECONDS
            )
        except Exception:  # a closed bus, a timeout, a garbled message: cannot tell
            return None
        if reply.header.message_type is not MessageType.method_return or not reply.body:
            return None  # an error reply: no such service or method here
        value = reply.body[0]
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            return None
        return value * method.seconds_per_unit

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._connection.close()


Runner = Callable[..., "subprocess.CompletedProcess[str]"]


class XPrintIdle:
    """``xprintidle``: an X11 tool that prints the idle time in milliseconds."""

    name = "xprintidle"

    def __init__(self, path: str, run: Runner = subprocess.run) -> None:
        self.path = path
        self._run = run

    def idle_seconds(self) -> float | None:
        try:
            result = self._run(
                [self.path], capture_output=True, text=True, timeout=TIMEOUT_SECONDS * 2
            )
        except (OSError, subprocess.SubprocessError):
            return None
        text = result.stdout.strip()
        if result.returncode != 0 or not text.isdigit():
            return None
        return int(text) / 1000

    def close(self) -> None:
        return None


def find_idle_source(
    env: Mapping[str, str],
    *,
    connect: Callable[[str], BusConnection] = open_session_bus,
    which: Callable[[str], str | None] = shutil.which,
    run: Runner = subprocess.run,
) -> IdleSource | None:
    """The first source that answers now (see the module text), or ``None``."""
    address = session_bus_address(env)
    if address is not None:
        try:
            connection = connect(address)
        except Exception:  # no bus there, refused, not authenticated, a bad address
            connection = None
        if connection is not None:
            for method in DBUS_METHODS:
                source = DBusIdle(method, connection)
                if source.idle_seconds() is not None:
                    return source
            with contextlib.suppress(OSError):
                connection.close()
    if env.get("DISPLAY"):
        path = which("xprintidle")
        if path is not None:
            xprintidle = XPrintIdle(path, run)
            if xprintidle.idle_seconds() is not None:
                return xprintidle
    return None
