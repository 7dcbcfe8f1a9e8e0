"""Shared by the browser tests: Debian's Chromium through Playwright, a loopback HTTP server,
and the rule that a test skips (non-root, browser not installable) or fails (root: CI) when
the browser is missing."""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def require_browser():
    """The Playwright API, or a skip/fail naming why the browser tests cannot run."""
    api = pytest.importorskip("playwright.sync_api", reason="playwright is installed with the test extra")
    if not CHROMIUM.exists():
        # As root (CI) the README's command installs it, so its absence is a failure; a user who
        # cannot install packages still gets the rest of the suite, with this reason shown.
        if os.geteuid() == 0:
            pytest.fail(f"{CHROMIUM} is missing: the README's test command installs it (tests/install-browser.sh)",
                        pytrace=False)
        pytest.skip(f"{CHROMIUM} is missing and tests/install-browser.sh could not install it (not root)",
                    allow_module_level=True)
    return api


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(folder: Path):
    """Serve a built site on 127.0.0.1; yields its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()


@contextlib.contextmanager
def chromium(api):
    with api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()
