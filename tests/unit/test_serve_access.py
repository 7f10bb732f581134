"""Who may use a served hiptui: the token, the Host header, a websocket's Origin."""

from __future__ import annotations

from hiptui.serve.access import Access, loopback_hosts, new_token, same_host
from hiptui.serve.page import font_size, index_page

LOCAL = Access(None, loopback_hosts("127.0.0.1", 8000))


def test_loopback_accepts_its_own_names_only() -> None:
    for host in ("127.0.0.1:8000", "localhost:8000", "LOCALHOST:8000", "[::1]:8000"):
        assert LOCAL.refusal("/", host, None, websocket=False) is None, host
    for foreign in ("127.0.0.1:8001", "evil.example:8000", "127.0.0.1", None):
        assert LOCAL.refusal("/", foreign, None, websocket=False), foreign


def test_a_websocket_from_another_site_is_refused() -> None:
    assert LOCAL.refusal("/ws", "127.0.0.1:8000", "http://127.0.0.1:8000", websocket=True) is None
    assert LOCAL.refusal("/ws", "127.0.0.1:8000", None, websocket=True) is None  # not a browser
    for origin in ("http://evil.example", "http://127.0.0.1:8001", "null", "file://"):
        assert LOCAL.refusal("/ws", "127.0.0.1:8000", origin, websocket=True), origin


def test_the_token_is_the_first_path_segment() -> None:
    token = new_token()
    lan = Access(token)
    assert lan.base == f"/{token}/"
    for path in (f"/{token}/", f"/{token}/ws", f"/{token}/static/js/textual.js", f"/{token}"):
        assert lan.refusal(path, "192.168.1.5:8000", None, websocket=False) is None, path
    for path in ("/", "/ws", "/static/css/xterm.css", f"/{token[:-1]}/", f"/{token}a/",
                 f"/static/{token}/", f"/x{token}/"):  # fmt: skip
        assert lan.refusal(path, "192.168.1.5:8000", None, websocket=False), path


def test_tokens_differ_and_are_long() -> None:
    tokens = {new_token() for _ in range(50)}
    assert len(tokens) == 50
    assert all(len(token) >= 22 and "/" not in token for token in tokens)


def test_same_host_compares_scheme_host_and_port() -> None:
    assert same_host("http://192.168.1.5:8000", "192.168.1.5:8000")
    assert not same_host("http://192.168.1.5:8000", "192.168.1.5:8001")
    assert not same_host("ws://192.168.1.5:8000", "192.168.1.5:8000")
    assert not same_host("http://192.168.1.5:8000", None)


def test_the_page_names_only_addresses_under_its_prefix() -> None:
    page = index_page('/tok"en/', 'host"x:1')
    assert 'data-session-websocket-url="ws://host&quot;x:1/tok&quot;en/ws"' in page
    assert 'href="/tok&quot;en/static/css/xterm.css"' in page
    assert "googleapis" not in page and 'name="viewport"' in page
    assert '"touchend"' in page and 'id="keyboard"' in page  # taps become clicks


def test_font_size_from_the_query() -> None:
    assert font_size(None) == 16
    assert font_size("12") == 12
    assert font_size("1000") == 16
    assert font_size("big") == 16
