"""How long a served page waits for hiptui's catalog, beside a minimal Textual app served alike.

Usage: uv run python benchmarks/serve_first_frame.py [--runs N]

One ``hiptui serve`` server (in this process, on 127.0.0.1 at a free port) runs each
websocket's app the way a browser's page gets it: this measures from the websocket's
connection to the first bytes and to the catalog's "Glute bridge" on a 100x30 screen (read
with a terminal emulator), beside the same server running benchmarks/baseline_app.py until
its last option is drawn. Runs take turns. Traffic stays on loopback.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
from aiohttp import web

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from _timing import median, realistic_env  # noqa: E402

from hiptui.serve.access import Access, loopback_hosts  # noqa: E402
from hiptui.serve.server import AppCommand, HiptuiServer, app_command, listen  # noqa: E402
from tests.serve.helpers import Page  # noqa: E402

SIZE = (100, 30)


async def one_page(port: int, text: str) -> tuple[float, float]:
    """Milliseconds from connecting to the first bytes, and to ``text`` on screen."""
    url = f"http://127.0.0.1:{port}/ws?width={SIZE[0]}&height={SIZE[1]}"
    async with aiohttp.ClientSession() as session:
        start = time.perf_counter()
        socket = await session.ws_connect(url)
        page = Page(socket, *SIZE)
        message = await socket.receive()
        first = (time.perf_counter() - start) * 1000
        if message.type == aiohttp.WSMsgType.BINARY:
            page.terminal.feed(message.data)
        await page.wait_for(text)
        drawn = (time.perf_counter() - start) * 1000
        await socket.close()
    return first, drawn


async def serving(command: AppCommand) -> tuple[web.AppRunner, int]:
    sock = listen("127.0.0.1", [0])
    port = int(sock.getsockname()[1])
    server = HiptuiServer(command, Access(None, loopback_hosts("127.0.0.1", port)))
    runner = web.AppRunner(server.application(), access_log=None)
    await runner.setup()
    await web.SockSite(runner, sock).start()
    return runner, port


async def measure(runs: int) -> None:
    hiptui = app_command([])
    baseline = AppCommand((sys.executable, str(ROOT / "benchmarks" / "baseline_app.py")))
    served = [(await serving(hiptui), "Glute bridge"), (await serving(baseline), "option 8")]
    try:
        for (_runner, port), text in served:  # warm-up: bytecode caches, the content cache
            await one_page(port, text)
        samples: list[list[tuple[float, float]]] = [[], []]
        for _ in range(runs):
            for index, ((_runner, port), text) in enumerate(served):
                samples[index].append(await one_page(port, text))
    finally:
        for (runner, _port), _text in served:
            await runner.cleanup()
    names = ["hiptui catalog", "baseline app"]
    for name, rows in zip(names, samples, strict=True):
        first = median([r[0] for r in rows])
        drawn = median([r[1] for r in rows])
        print(f"{name:16} first bytes {first:7.0f} ms   drawn {drawn:7.0f} ms   ({runs} runs)")
    ours, base = (median([r[1] for r in rows]) for rows in samples)
    print(f"hiptui - baseline: {ours - base:+.0f} ms, ratio {ours / base:.2f}")
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    # The apps inherit this process's environment: a user's, with bytecode caching on.
    os.environ.clear()
    os.environ.update(realistic_env())
    with tempfile.TemporaryDirectory() as home:
        os.environ["HIPTUI_DATA_DIR"] = f"{home}/data"
        os.environ["HIPTUI_CONFIG_DIR"] = f"{home}/config"
        os.environ["HIPTUI_CACHE_DIR"] = f"{home}/cache"
        asyncio.run(measure(args.runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
