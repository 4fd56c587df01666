"""What the browser tests share: Debian's Chromium, and the app served on a free
local port for the length of a fixture.

Importing this module skips the importing test module when Chromium or
Playwright is absent (``.ci/services`` installs Chromium from Debian).

Screenshots (:func:`shoot`) go to ``artifacts/test-screenshots/``, which git ignores. With
``PACTWATCH_SCREENSHOTS=artifacts/screenshots`` they replace the committed ones that
docs/web.md shows, squeezed to a 256-colour palette (Pillow: ``pip install -e
'.[screenshots]'``) so that the whole set stays small.
"""

from __future__ import annotations

import io
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("/usr/bin/chromium is absent (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")
uvicorn = pytest.importorskip("uvicorn")

LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@contextmanager
def served(app: Any) -> Iterator[str]:
    """Serve ``app`` on 127.0.0.1 at a free port; yields its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def launch(playwright: Any) -> Any:
    """Debian's Chromium, headless, with nothing reaching the network by itself."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)


def screenshot_dir() -> Path:
    """Where screenshots go: $PACTWATCH_SCREENSHOTS (relative to the checkout), else the
    ignored artifacts/test-screenshots/."""
    chosen = os.environ.get("PACTWATCH_SCREENSHOTS")
    if not chosen:
        return REPO / "artifacts" / "test-screenshots"
    path = Path(chosen)
    return path if path.is_absolute() else REPO / path


def _palette_png(png: bytes) -> bytes:
    """The screenshot as an optimised 256-colour PNG (octree keeps the small swatches'
    colours; no dithering, so text stays crisp): about a third of the size."""
    try:
        from PIL import Image
    except ImportError:
        pytest.fail("refreshing the committed screenshots needs Pillow:"
                    " pip install -e '.[screenshots]'")
    image = Image.open(io.BytesIO(png)).convert("RGB")
    quantized = image.quantize(colors=256, method=Image.Quantize.FASTOCTREE,
                               dither=Image.Dither.NONE)
    out = io.BytesIO()
    quantized.save(out, "PNG", optimize=True)
    return out.getvalue()


def shoot(target: Any, name: str, *, full_page: bool = True) -> Path:
    """Screenshot a page (the whole of it) or one element (a locator) as ``name``.png."""
    folder = screenshot_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    is_page = hasattr(target, "goto")
    png = target.screenshot(full_page=full_page) if is_page else target.screenshot()
    if os.environ.get("PACTWATCH_SCREENSHOTS"):
        png = _palette_png(png)
    path.write_bytes(png)
    return path
