"""Who may use a served hiptui: the checks every HTTP and websocket request passes first.

Pure (no aiohttp): :class:`Access` answers "why is this request refused?" from the request's
path, ``Host`` and ``Origin``, so the rules are tested without a server.

- On the local network (``--lan``) everything lives under ``/<token>/``, a random token made
  for each start; a request whose path does not begin with it is refused. The page builds its
  static and websocket addresses from that prefix, so the token reaches all of them.
- On this machine only (no token), the ``Host`` header must name the address served: a web
  page elsewhere cannot rebind a name of its own to 127.0.0.1 and reach the app.
- A websocket's ``Origin``, when the browser sends one, must be the page's own host: another
  site open in the same browser cannot drive the app (websockets are not bound by CORS).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

TOKEN_BYTES = 16  # 22 URL-safe characters: far beyond guessing over a network


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


@dataclass(frozen=True)
class Access:
    """The rules for one running server."""

    token: str | None  # None: served to this machine only
    hosts: frozenset[str] = frozenset()  # the Host values accepted when there is no token

    @property
    def base(self) -> str:
        """The path every address of the app starts with (``/`` or ``/<token>/``)."""
        return f"/{self.token}/" if self.token else "/"

    def refusal(
        self, path: str, host: str | None, origin: str | None, *, websocket: bool
    ) -> str | None:
        """Why the request must be refused (``None``: let it through)."""
        if self.token is None:
            if host is None or host.lower() not in self.hosts:
                return "this server answers only to the address it printed"
        elif not self.has_token(path):
            return "this address needs the link that hiptui serve printed"
        if websocket and origin is not None and not same_host(origin, host):
            return "a page from another site cannot open this app"
        return None

    def has_token(self, path: str) -> bool:
        if self.token is None:
            return True
        first = path.lstrip("/").split("/", 1)[0]
        return secrets.compare_digest(first.encode(), self.token.encode())


def same_host(origin: str, host: str | None) -> bool:
    """Whether a browser's ``Origin`` (``http://host:port``) names ``host`` (``host:port``)."""
    if host is None:
        return False
    parts = urlsplit(origin)
    return parts.scheme in ("http", "https") and parts.netloc.lower() == host.lower()


def loopback_hosts(host: str, port: int) -> frozenset[str]:
    """The ``Host`` header values a browser on this machine sends for ``host``:``port``."""
    names = {host, "localhost", "127.0.0.1", "[::1]"}
    if ":" in host and not host.startswith("["):
        names.add(f"[{host}]")
    return frozenset(f"{name}:{port}".lower() for name in names)
