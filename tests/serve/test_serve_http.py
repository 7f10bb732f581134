"""``hiptui serve`` as a real process on loopback: the page, the token, the app processes."""

from __future__ import annotations

import asyncio
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

import aiohttp
import pytest
import segno

from hiptui import paths
from tests.serve.helpers import Page, Served, alive, eventually, served, wait_gone

FIXTURES = Path(__file__).parent.parent / "fixtures"


async def get(url: str, **headers: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as session, session.get(url, headers=headers) as reply:
        return reply.status, await reply.text()


async def websocket_status(url: str, **headers: str) -> int:
    """The status a websocket handshake to ``url`` gets (101 when it is accepted)."""
    async with aiohttp.ClientSession() as session:
        try:
            async with session.ws_connect(url, headers=headers):
                return 101
        except aiohttp.WSServerHandshakeError as error:
            return error.status


def ws_url(url: str) -> str:
    return "ws" + url.removeprefix("http") + "ws?width=80&height=24"


async def test_the_page_loads_the_terminal_and_its_script() -> None:
    with served() as server:
        status, page = await get(server.url)
        assert status == 200
        assert '<div id="terminal" class="textual-terminal"' in page
        assert f'data-session-websocket-url="ws://{server.origin[7:]}/ws"' in page
        script = re.search(r'<script src="([^"]+)"', page)
        assert script and script.group(1) == "/static/js/textual.js"
        status, code = await get(server.origin + script.group(1))
        assert status == 200 and "WebSocket" in code
        # The page asks nothing of any other host (textual-serve's own page loads a font).
        assert not re.search(r'(src|href)="(https?:)?//', page)
        assert "Only this computer can open it" in "".join(server.output)


async def test_without_lan_a_foreign_host_name_or_origin_is_refused() -> None:
    with served() as server:
        port = server.origin.rsplit(":", 1)[1]
        assert (await get(server.url, Host=f"rebound.example:{port}"))[0] == 403
        assert (await get(server.url, Host=f"localhost:{port}"))[0] == 200
        foreign = await websocket_status(ws_url(server.url), Origin="http://evil.example")
        assert foreign == 403
        assert server.app_pids() == []


async def test_lan_token_guards_every_path_and_starts_no_app_without_it() -> None:
    with served("--lan", "--host", "127.0.0.1") as server:
        token = server.url.rstrip("/").rsplit("/", 1)[1]
        assert len(token) >= 20 and server.url == f"{server.origin}/{token}/"
        for path in (
            "/",
            "/ws",
            "/static/js/textual.js",
            "/static/css/xterm.css",
            f"/{token[:-1]}/",
            f"/{token}x/static/js/textual.js",
            f"/x/{token}/",
        ):
            assert (await get(server.origin + path))[0] == 403, path  # fmt: skip
        assert await websocket_status(f"ws://{server.origin[7:]}/ws") == 403
        assert await websocket_status(f"ws://{server.origin[7:]}/wrong/ws") == 403
        assert server.app_pids() == []

        status, page = await get(server.url)
        assert status == 200
        assert f'data-session-websocket-url="ws://{server.origin[7:]}/{token}/ws"' in page
        assert f'src="/{token}/static/js/textual.js"' in page
        assert (await get(f"{server.url}static/js/textual.js"))[0] == 200
        assert (await get(f"{server.origin}/{token}"))[0] == 200  # redirected to the page
        text = "".join(server.output)
        assert "Plain HTTP" in text and "token" in text
        # The QR code printed is the printed address's own.
        assert qr_lines(server.url) in text


def qr_lines(url: str) -> str:
    from io import StringIO

    out = StringIO()
    segno.make(url, error="m").terminal(out=out, compact=True, border=2)
    return out.getvalue()


async def test_a_new_token_at_each_start() -> None:
    with served("--lan", "--host", "127.0.0.1") as first:
        one = first.url
    with served("--lan", "--host", "127.0.0.1") as second:
        assert second.url != one
        assert (await get(second.origin + "/" + one.split("/", 3)[3]))[0] == 403


async def test_each_page_runs_its_own_hiptui_on_the_same_folders(isolated_dirs: Path) -> None:
    extra = FIXTURES / "exercises"
    with served("--lan", "--host", "127.0.0.1", "--exercises", str(extra)) as server:
        async with aiohttp.ClientSession() as session:
            tall = ws_url(server.url).replace("height=24", "height=60")
            one = await session.ws_connect(tall)
            two = await session.ws_connect(tall)
            first, second = Page(one, 80, 60), Page(two, 80, 60)
            await first.wait_for("Glute bridge")
            await second.wait_for("Fixture ball curl")  # from --exercises
            pids = server.app_pids()
            assert len(pids) == 2
            for pid in pids:
                argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[:-1]
                assert argv == [sys.executable.encode(), b"-m", b"hiptui",
                                b"--exercises", str(extra).encode()]  # fmt: skip
                environ = dict(
                    item.split("=", 1)
                    for item in Path(f"/proc/{pid}/environ").read_text().split("\0")
                    if "=" in item
                )
                assert environ["HIPTUI_DATA_DIR"] == str(paths.data_dir())
                assert environ["HIPTUI_CONFIG_DIR"] == str(paths.config_dir())
                assert environ["HIPTUI_CACHE_DIR"] == str(paths.cache_dir())
            await one.close()  # closing a page ends its app, not the other
            assert await eventually(lambda: sum(map(alive, pids)) == 1)
            await second.keys("?")
            await second.wait_for("Catalog")  # the help of the other page's app
            await two.close()
        assert wait_gone(pids) == []


async def open_catalog(
    session: aiohttp.ClientSession, server: Served
) -> tuple[aiohttp.ClientWebSocketResponse, list[int]]:
    """One page with the catalog drawn, and the one app process it runs."""
    socket_ = await session.ws_connect(ws_url(server.url))
    await Page(socket_, 80, 24).wait_for("Glute bridge")
    pids = server.app_pids()
    assert len(pids) == 1
    return socket_, pids


async def test_ctrl_c_closes_every_app_and_exits_cleanly() -> None:
    with served() as server:
        async with aiohttp.ClientSession() as session:
            socket_, pids = await open_catalog(session, server)
            assert server.stop(signal.SIGINT) == 0
            assert wait_gone(pids) == []
            async with asyncio.timeout(10):  # what was drawn, then the close
                while (await socket_.receive()).type == aiohttp.WSMsgType.BINARY:
                    pass
            assert socket_.closed
        assert "stopped" in server.output[-1]
        assert server.process.stderr is not None
        assert "Traceback" not in server.process.stderr.read()


async def test_a_killed_server_leaves_no_app_running() -> None:
    with served() as server:
        async with aiohttp.ClientSession() as session:
            _socket, pids = await open_catalog(session, server)
            server.stop(signal.SIGKILL)
            # Its input at an end, the app closes by itself.
            assert wait_gone(pids) == []


def run_serve(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hiptui", "serve", *args],
        capture_output=True,
        text=True,
        timeout=30,
        stdin=subprocess.DEVNULL,
    )


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("hiptui serve: ")
    return lines[0]


def test_a_busy_port_is_one_line() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        line = one_line_error(run_serve("--port", str(port)))
    assert f"port {port} on 127.0.0.1 is in use" in line


def test_an_address_not_of_this_machine_is_one_line() -> None:
    # 192.0.2.1 is reserved for documentation: never this machine's, and binding sends nothing.
    line = one_line_error(run_serve("--lan", "--host", "192.0.2.1", "--port", "0"))
    assert "192.0.2.1 is not an address of this machine" in line


def test_a_network_address_without_lan_is_refused() -> None:
    line = one_line_error(run_serve("--host", "192.0.2.1", "--port", "0"))
    assert "add --lan" in line


def test_missing_textual_serve_is_one_line() -> None:
    code = (
        "import sys; sys.modules['textual_serve'] = None\n"
        "from hiptui.cli.main import main\n"
        "raise SystemExit(main(['serve', '--port', '0']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=30
    )
    assert "textual-serve is not installed" in one_line_error(result)


@pytest.mark.parametrize("port", ["70000", "http"])
def test_a_bad_port_is_a_usage_error(port: str) -> None:
    result = run_serve("--port", port)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "--port" in result.stderr


async def test_a_set_logged_in_one_page_is_in_the_history_of_another() -> None:
    """Two pages, two app processes, one database: a set logged and a session ended in one is
    in the other's history, opened afterwards."""
    with served() as server:
        async with aiohttp.ClientSession() as session:
            url = ws_url(server.url).replace("width=80&height=24", "width=100&height=30")
            phone = Page(await session.ws_connect(url), 100, 30)
            desk = Page(await session.ws_connect(url), 100, 30)
            await phone.wait_for("Glute bridge")
            # The break clock in the title starts once the app has read the history at start:
            # from then on the desk's app is not asking about unfinished sessions. (A page
            # that opens while another's session runs offers to resume that live session.)
            await desk.wait_for("sitting")
            await phone.wait_for("sitting")
            # The first row is the glute bridge, its card beside.
            await phone.wait_for("Lying on your back")
            await phone.keys("r")
            await phone.wait_for("Start: Glute bridge")
            await phone.keys("\r")  # the dialog's Start
            await phone.wait_for("set 1 of 3")
            await phone.keys(" ")  # a rep: its 2 s hold, then it counts
            await phone.wait_for("Squeeze and hold")
            await phone.wait_gone("Squeeze and hold")
            await phone.keys("f")
            await phone.wait_for("Skip rest")
            await phone.keys("\x1b")  # escape: end the session...
            await phone.wait_for("End (y)")
            await phone.keys("y")  # ...yes
            await phone.wait_for("Session ended early")
            await desk.keys("h")
            await desk.wait_for("1 session, newest first")
            row = next(line for line in desk.terminal.text().splitlines() if "ended early" in line)
            assert row.split()[4:7] == ["Glute", "bridge", "1"]  # the exercise, 1 set
