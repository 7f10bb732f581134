"""``hiptui serve``: the app in a web browser (a phone beside the mat), through textual-serve.

Each browser page runs its own ``hiptui`` (this interpreter, these folders, these
``--exercises``), so every page shares the history and settings; the database's own locking
keeps two pages logging sets at once safe. ``--lan`` serves to the local network behind a
token that is new at every start. See docs/serve.md.
"""

from __future__ import annotations

import argparse
import ipaddress
import socket
import sys
from typing import Any

DEFAULT_PORT = 8000
LOOPBACK = "127.0.0.1"
ALL_INTERFACES = "0.0.0.0"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="serve the app to a web browser (a phone on the mat); see docs/serve.md",
        description="Serve hiptui to a web browser. Each page runs its own hiptui on your data "
        "and settings. By default only this computer can open it; --lan serves it to your "
        "local network behind a token that is part of the printed address. Plain HTTP.",
    )
    parser.add_argument(
        "--host",
        metavar="H",
        help=f"address to listen on (default {LOOPBACK}; with --lan, all interfaces)",
    )
    parser.add_argument(
        "--port",
        metavar="P",
        type=_port,
        help=f"port to listen on (default {DEFAULT_PORT} or the next free one; 0: any)",
    )
    parser.add_argument(
        "--lan",
        action="store_true",
        help="serve to other devices on the local network, behind a new random token",
    )
    parser.set_defaults(handler=run_serve)


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"a port is 0 to 65535, not {value}")
    return value


def _fail(message: str) -> int:
    print(f"hiptui serve: {message}", file=sys.stderr)
    return 1


def run_serve(args: argparse.Namespace) -> int:
    try:
        import aiohttp  # noqa: F401
        import textual_serve.app_service  # noqa: F401
    except ImportError as error:
        missing = error.name or "textual-serve"
        return _fail(
            f"textual-serve is not installed (missing module {missing}); "
            "install hiptui with its dependencies, e.g. `uv sync`"
        )
    import asyncio

    from hiptui.serve.access import Access, loopback_hosts, new_token
    from hiptui.serve.server import PORT_TRIES, HiptuiServer, ServeError, app_command, listen, serve

    lan: bool = args.lan
    host: str = args.host or (ALL_INTERFACES if lan else LOOPBACK)
    if not lan:
        problem = _not_loopback(host)
        if problem:
            return _fail(problem)
    ports = (
        [args.port]
        if args.port is not None
        else list(range(DEFAULT_PORT, DEFAULT_PORT + PORT_TRIES))
    )
    try:
        sock = listen(host, ports)
    except ServeError as error:
        return _fail(str(error))
    port = int(sock.getsockname()[1])
    access = Access(new_token() if lan else None, loopback_hosts(host, port))
    server = HiptuiServer(app_command(list(getattr(args, "exercises", []) or [])), access)
    url = _url(host, port, access.base)
    asyncio.run(serve(server, sock, lambda: _announce(url, host, port, lan=lan)))
    print("hiptui serve: stopped; every app it started has closed.", flush=True)
    return 0


def _not_loopback(host: str) -> str | None:
    """Why ``host`` may not be served without ``--lan`` (``None``: it is a loopback address)."""
    hint = f"{host} is not a loopback address: to serve to other devices, add --lan"
    try:
        return None if ipaddress.ip_address(host.strip("[]")).is_loopback else hint
    except ValueError:
        pass
    try:
        found = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except OSError:
        return f"cannot find the address {host!r} (see --host)"
    addresses = {info[4][0] for info in found}
    if all(ipaddress.ip_address(str(a).split("%")[0]).is_loopback for a in addresses):
        return None
    return hint


def _url(host: str, port: int, base: str) -> str:
    shown = host
    if host in (ALL_INTERFACES, "::", ""):
        shown = lan_address() or socket.gethostname()
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}{base}"


def lan_address() -> str | None:
    """This computer's address on the local network, as a phone there would reach it.

    Connecting a UDP socket sends nothing: it only asks the system which address it would
    send from, toward a private network address."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.254.254.254", 1))
            address = str(probe.getsockname()[0])
        except OSError:
            return None
    return (
        None if ipaddress.ip_address(address).is_loopback or address == ALL_INTERFACES else address
    )


def _announce(url: str, host: str, port: int, *, lan: bool) -> None:
    out = sys.stdout
    if not lan:
        print(f"hiptui serve: open {url}", file=out)
        print(
            "Only this computer can open it. Each browser page runs its own hiptui on your "
            "history and settings.",
            file=out,
        )
        print("Press ctrl+c to stop.", file=out, flush=True)
        return
    print("hiptui serve: open this address on your phone (same network):", file=out)
    print(f"\n    {url}\n", file=out)
    _print_qr(url)
    where = "all interfaces" if host in (ALL_INTERFACES, "::") else host
    print(
        "Scan the code with the phone's camera, or type the address.\n"
        "\n"
        "Exposed: the whole app, as you (your exercises, history and settings, to read\n"
        "  and to change), to anyone on this network who has the address above.\n"
        "  Requests without its token are refused; the token is new at every start.\n"
        "Plain HTTP: the connection is not encrypted. Anyone who can watch this\n"
        "  network's traffic can read it, token included. Use a network you trust.\n"
        f"Listening on {where}, port {port}. Press ctrl+c to stop.",
        file=out,
        flush=True,
    )


def _print_qr(url: str) -> None:
    try:
        import segno
    except ImportError:
        print("(no QR code: the segno package is not installed)\n", file=sys.stdout)
        return
    segno.make(url, error="m").terminal(out=sys.stdout, compact=True, border=2)
    print(file=sys.stdout)
