"""The web server: aiohttp routes, the access checks, and one ``hiptui`` process per page.

textual-serve supplies the browser side (its terminal script and static files) and
:class:`~textual_serve.app_service.AppService`, which runs one app process and relays its
screen to a websocket. hiptui builds the aiohttp application itself so that every request
passes :class:`~hiptui.serve.access.Access` before any route runs, and so that it knows each
running app process and ends them all when the server stops.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import json
import os
import signal
import socket
import sys
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import WSMsgType, web
from textual_serve import app_service as app_service_module
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

from hiptui.serve.access import Access
from hiptui.serve.page import font_size, index_page

# The driver for every app served (named, not imported: the server never loads the TUI).
SERVED_DRIVER = "hiptui.tui.served_driver:ServedDriver"
MAX_SESSIONS = 8  # app processes at once: a phone and a desktop, with plenty to spare
STOP_TIMEOUT = 5.0  # seconds an app gets to close by itself before it is killed
PORT_TRIES = 20  # with no --port: 8000, then up to 8019
MAX_SIZE = 1000  # a terminal larger than this many cells across or down is a bad request


class ServeError(Exception):
    """A reason the server cannot start, said in one line."""


@dataclass(frozen=True)
class AppCommand:
    """How each browser's app process is started: this interpreter, this hiptui, its folders."""

    argv: tuple[str, ...]
    environment: Mapping[str, str] = field(default_factory=dict)


def app_command(exercises: Sequence[Path]) -> AppCommand:
    """The command for ``hiptui`` itself with the server's folders, so every browser shares
    the server's data, settings and extra exercise folders."""
    from hiptui import paths

    argv = [sys.executable, "-m", "hiptui"]
    for folder in exercises:
        argv += ["--exercises", str(folder.absolute())]
    environment = {
        "HIPTUI_DATA_DIR": str(paths.data_dir().absolute()),
        "HIPTUI_CONFIG_DIR": str(paths.config_dir().absolute()),
        "HIPTUI_CACHE_DIR": str(paths.cache_dir().absolute()),
    }
    return AppCommand(tuple(argv), environment)


class AppProcess(AppService):
    """One browser's app: textual-serve's relay, with the process started by hiptui.

    The process is started directly (no shell) in a session of its own, so a ctrl+c in the
    server's terminal reaches only the server, which then closes every app in turn.
    """

    def __init__(
        self,
        command: AppCommand,
        websocket: web.WebSocketResponse,
        downloads: DownloadManager,
    ) -> None:
        super().__init__(
            " ".join(command.argv),
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=self._close_websocket,
            download_manager=downloads,
        )
        self._command = command
        self._websocket = websocket

    async def _close_websocket(self) -> None:
        await self._websocket.close()

    async def _open_app_process(
        self, width: int = 80, height: int = 24
    ) -> asyncio.subprocess.Process:
        environment = self._build_environment(width=width, height=height)
        environment.update(self._command.environment)
        # Textual's web driver, which also closes the app if the server is killed.
        environment["TEXTUAL_DRIVER"] = SERVED_DRIVER
        process = await asyncio.create_subprocess_exec(
            *self._command.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=environment,
            start_new_session=True,
        )
        self._process = process
        self._stdin = process.stdin
        return process

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    async def end(self) -> None:
        """Ask the app to quit; kill it if it has not gone within :data:`STOP_TIMEOUT`."""
        process = self._process

        async def quit_and_wait() -> None:
            await self.stop()
            if process is not None:
                await process.wait()

        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(quit_and_wait(), STOP_TIMEOUT)
        if process is not None and process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            await process.wait()
        await self._websocket.close()


class HiptuiServer:
    """The aiohttp application for one ``hiptui serve``."""

    def __init__(self, command: AppCommand, access: Access) -> None:
        self.command = command
        self.access = access
        self.sessions: set[AppProcess] = set()
        self._downloads = DownloadManager()
        self._static = Path(app_service_module.__file__).parent / "static"

    def application(self) -> web.Application:
        app = web.Application(middlewares=[self._guard])
        base = self.access.base
        app.add_routes(
            [
                web.get(base, self._index),
                web.get(f"{base}ws", self._websocket),
                web.static(f"{base}static", self._static, show_index=False),
            ]
        )
        if self.access.token:
            app.add_routes([web.get(base.rstrip("/"), self._to_index)])
        return app

    @web.middleware
    async def _guard(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        websocket = request.headers.get("Upgrade", "").lower() == "websocket"
        reason = self.access.refusal(
            request.path,
            request.headers.get("Host"),
            request.headers.get("Origin"),
            websocket=websocket,
        )
        if reason is not None:
            return web.Response(status=403, text=f"403 Forbidden: {reason}\n")
        response = await handler(request)
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Cache-Control", "no-store")
        return response

    async def _to_index(self, request: web.Request) -> web.StreamResponse:
        raise web.HTTPPermanentRedirect(self.access.base)

    async def _index(self, request: web.Request) -> web.StreamResponse:
        page = index_page(
            self.access.base, request.host, size=font_size(request.query.get("fontsize"))
        )
        return web.Response(text=page, content_type="text/html")

    async def _websocket(self, request: web.Request) -> web.StreamResponse:
        if len(self.sessions) >= MAX_SESSIONS:
            return web.Response(status=503, text=f"at most {MAX_SESSIONS} pages at once\n")
        width = _cells(request.query.get("width"), 80)
        height = _cells(request.query.get("height"), 24)
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)
        session = AppProcess(self.command, websocket, self._downloads)
        self.sessions.add(session)
        try:
            await session.start(width, height)
            await _relay(websocket, session)
        except OSError as error:  # the app could not be started at all
            print(f"hiptui serve: cannot start the app: {error}", file=sys.stderr)
        finally:
            await session.end()
            self.sessions.discard(session)
        return websocket

    async def close_sessions(self) -> None:
        """End every app process (the server is stopping)."""
        await asyncio.gather(*(session.end() for session in list(self.sessions)))


async def _relay(websocket: web.WebSocketResponse, session: AppService) -> None:
    """Pass what the browser sends (keys, taps, resizes, focus) to the app until it closes."""
    async for message in websocket:
        if message.type != WSMsgType.TEXT:
            continue
        try:
            envelope = json.loads(message.data)
        except ValueError:
            continue
        if not isinstance(envelope, list) or not envelope:
            continue
        kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
        if kind == "stdin" and isinstance(data, str):
            await session.send_bytes(data.encode("utf-8"))
        elif kind == "resize" and isinstance(data, dict):
            width, height = _cells(data.get("width"), 0), _cells(data.get("height"), 0)
            if width and height:
                await session.set_terminal_size(width, height)
        elif kind == "ping":
            await websocket.send_json(["pong", data])
        elif kind == "focus":
            await session.focus()
        elif kind == "blur":
            await session.blur()


def _cells(value: Any, default: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return number if 0 < number <= MAX_SIZE else default


def listen(host: str, ports: Sequence[int]) -> socket.socket:
    """A socket listening on ``host`` at the first free port of ``ports`` (port 0: any)."""
    try:
        found = socket.getaddrinfo(host, ports[0], type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except OSError as error:
        raise ServeError(f"cannot find the address {host!r}: {error.strerror}") from None
    family, kind, proto, _name, address = found[0]
    for port in ports:
        sock = socket.socket(family, kind, proto)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((address[0], port, *address[2:]))
            sock.listen(128)
        except OSError as error:
            sock.close()
            if error.errno == errno.EADDRINUSE and port != ports[-1]:
                continue
            raise ServeError(_bind_problem(error, host, ports)) from None
        return sock
    raise ServeError("no port to listen on")


def _bind_problem(error: OSError, host: str, ports: Sequence[int]) -> str:
    port = ports[-1]
    if error.errno == errno.EADDRINUSE:
        if len(ports) > 1:
            return f"ports {ports[0]}-{port} on {host} are all in use (choose one with --port)"
        return f"port {port} on {host} is in use (choose another with --port)"
    if error.errno == errno.EACCES:
        return f"not allowed to listen on port {port} (ports below 1024 need root)"
    if error.errno == errno.EADDRNOTAVAIL:
        return f"{host} is not an address of this machine (see --host)"
    reason = error.strerror or str(error)
    return f"cannot listen on {host}:{port}: {reason}"


async def serve(server: HiptuiServer, sock: socket.socket, on_ready: Callable[[], None]) -> None:
    """Serve on ``sock`` until SIGINT, SIGTERM or SIGHUP, then close every app and stop."""
    runner = web.AppRunner(server.application(), access_log=None, handle_signals=False)
    await runner.setup()
    try:
        await web.SockSite(runner, sock).start()
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            loop.add_signal_handler(number, stop.set)
        on_ready()
        await stop.wait()
        await server.close_sessions()
    finally:
        await runner.cleanup()
