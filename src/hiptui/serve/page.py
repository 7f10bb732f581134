"""The page a browser loads: textual-serve's terminal script, sized for a phone.

hiptui writes its own page rather than textual-serve's template so that it asks nothing of
any other host (that template loads a font from Google; this one uses the font textual-serve
ships), fits a phone's screen (a viewport line, no double-tap zoom on the terminal) and puts
the token's prefix in front of every address it names.
"""

from __future__ import annotations

from html import escape

DEFAULT_FONT_SIZE = 16
FONT_SIZES = range(8, 41)

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="referrer" content="no-referrer">
<title>hiptui</title>
<link rel="preload" href="{static}fonts/RobotoMono-VariableFont_wght.ttf" as="font"
  type="font/ttf" crossorigin>
<link rel="stylesheet" href="{static}css/xterm.css">
<style>
@font-face {{
  font-family: "Roboto Mono";
  src: url("{static}fonts/RobotoMono-VariableFont_wght.ttf") format("truetype");
}}
html, body {{ margin: 0; height: 100%; background: #101418; color: #e8e8e8; }}
body {{ font-family: "Roboto Mono", monospace; }}
#terminal {{
  position: fixed; inset: 0; touch-action: manipulation;
  padding: env(safe-area-inset-top) env(safe-area-inset-right)
    env(safe-area-inset-bottom) env(safe-area-inset-left);
}}
.notice {{
  position: fixed; inset: 0; display: flex; align-items: center; justify-content: center;
  text-align: center; padding: 2em; z-index: 10; background: #101418;
}}
.notice a {{ color: inherit; }}
body.-first-byte #starting, #ended {{ display: none; }}
body.-closed #ended {{ display: flex; }}
#keyboard {{
  position: fixed; top: 0; right: 0; z-index: 5; font-size: 20px; line-height: 1;
  padding: 4px 8px; border: 0; background: transparent; color: inherit; opacity: 0.7;
}}
@media (hover: hover) {{ #keyboard {{ display: none; }} }}
</style>
<script src="{static}js/textual.js"></script>
<script>{touch}</script>
</head>
<body>
<button id="keyboard" type="button" aria-label="Keyboard">⌨</button>
<div id="starting" class="notice">Starting hiptui…</div>
<div id="ended" class="notice"><p>hiptui has closed.
  <a href="{index}">Open it again</a></p></div>
<div id="terminal" class="textual-terminal" data-session-websocket-url="{websocket}"
  data-font-size="{font_size}"></div>
</body>
</html>
"""


# On a touch screen the terminal script does not turn a tap into a click for the app (with
# the app's mouse reporting on, it reports mouse events only, and a tap's touches are none):
# this turns a tap (a touch that hardly moves) into a click at that point, and a vertical
# swipe into the mouse wheel, so lists and buttons work by touch. A tap no longer opens the
# phone's keyboard; the ⌨ button (shown on touch screens only) does.
_TOUCH = """
addEventListener("DOMContentLoaded", () => {
  const terminal = document.getElementById("terminal");
  let start = null, lastY = 0;
  const mouse = (type, touch, buttons) => {
    const target = document.elementFromPoint(touch.clientX, touch.clientY) || terminal;
    target.dispatchEvent(new MouseEvent(type, {bubbles: true, cancelable: true, view: window,
      clientX: touch.clientX, clientY: touch.clientY, button: 0, buttons}));
  };
  terminal.addEventListener("touchstart", (event) => {
    const touch = event.touches[0];
    start = event.touches.length === 1 ? {x: touch.clientX, y: touch.clientY, moved: false} : null;
    lastY = touch.clientY;
  }, {capture: true, passive: true});
  terminal.addEventListener("touchmove", (event) => {
    if (!start) return;
    const touch = event.touches[0];
    if (Math.hypot(touch.clientX - start.x, touch.clientY - start.y) > 10) start.moved = true;
    const step = 20;  // pixels of swipe per wheel step: about a row
    while (Math.abs(touch.clientY - lastY) >= step) {
      const up = touch.clientY > lastY;
      lastY += up ? step : -step;
      terminal.querySelector(".xterm-screen").dispatchEvent(new WheelEvent("wheel", {
        bubbles: true, cancelable: true, clientX: touch.clientX, clientY: touch.clientY,
        deltaY: up ? -step : step, deltaMode: 0}));
    }
    event.preventDefault();
  }, {capture: true, passive: false});
  terminal.addEventListener("touchend", (event) => {
    const touch = event.changedTouches[0];
    if (start && !start.moved && touch) {
      event.preventDefault();
      mouse("mousedown", touch, 1);
      mouse("mouseup", touch, 0);
    }
    start = null;
  }, {capture: true, passive: false});
  // Until the terminal has the focus the app counts as in the background, and its bottom bar
  // of keys stays empty: give it the focus once the app has drawn (this opens no keyboard).
  new MutationObserver((changes, observer) => {
    if (!document.body.classList.contains("-first-byte")) return;
    observer.disconnect();
    const input = terminal.querySelector("textarea");
    if (input) input.focus();
  }).observe(document.body, {attributes: true, attributeFilter: ["class"]});
  document.getElementById("keyboard").addEventListener("click", () => {
    const input = terminal.querySelector("textarea");
    if (input) input.focus();
  });
});
"""


def font_size(requested: str | None) -> int:
    """The terminal's font size from the page's ``?fontsize=`` (a phone may want it smaller)."""
    try:
        size = int(requested or DEFAULT_FONT_SIZE)
    except ValueError:
        return DEFAULT_FONT_SIZE
    return size if size in FONT_SIZES else DEFAULT_FONT_SIZE


def index_page(base: str, host: str, *, size: int = DEFAULT_FONT_SIZE) -> str:
    """The page served at ``base`` to a browser that asked for ``host`` (``name:port``)."""
    return _PAGE.format(
        static=escape(f"{base}static/"),
        index=escape(base),
        websocket=escape(f"ws://{host}{base}ws"),
        font_size=size,
        touch=_TOUCH,
    )
