"""The site's search engine (builder/search/assets/search.js) run by Node over an index folder,
so the query semantics are tested on the code the browser runs, without a browser.

Node is Debian's ``nodejs`` (``/usr/bin/node``); a test that needs it skips (non-root) or fails
(root: CI) when it is missing, as the browser tests do.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEARCH_JS = ROOT / "builder" / "search" / "assets" / "search.js"
DRIVER = Path(__file__).with_name("search_driver.js")


def require_node() -> str:
    node = shutil.which("node") or shutil.which("nodejs")
    if node:
        return node
    if os.geteuid() == 0:
        pytest.fail("node is missing: install Debian's nodejs to test the search engine", pytrace=False)
    pytest.skip("node is missing (Debian's nodejs): the search engine's tests need it")


def run(index: Path, queries=(), keys=(), fold=(), pinyin=(), sections: bool = True, units=()) -> dict:
    """Answers of the engine for each query (a fresh engine per query, so ``bytes`` is what a
    first search transfers, with the text of the first ten results if ``sections``), and the
    engine's word keys, folding and pinyin keys of the inputs, and the units of folded texts
    with their positions."""
    node = require_node()
    payload = {"queries": list(queries), "keys": list(keys), "fold": list(fold), "pinyin": list(pinyin),
               "sections": sections, "units": list(units)}
    done = subprocess.run([node, str(DRIVER), str(SEARCH_JS), str(index)], input=json.dumps(payload),
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def write_index(files: dict[str, bytes], folder: Path) -> Path:
    """Write an edition's search files (paths under docs/) and return the index folder."""
    for rel, content in files.items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return folder / "search"


def reports_of(urls) -> set[str]:
    """The report ids among result addresses (``reports/<id>/``)."""
    return {u.split("/")[1] for u in urls if u.startswith("reports/") and u.count("/") == 2 and u != "reports/"}


def search_box(page, query: str, more: bool = True) -> dict:
    """Type a query into the site's search box (the header button, then the field) and list what
    it shows: every result (``more`` pressed until all are listed, unless ``more`` is false) as
    (path, missing words)."""
    from urllib.parse import unquote, urlsplit

    if page.locator(".lvs").count() == 0 or page.locator(".lvs").is_hidden():
        page.locator("button.lvs-open").click()
    box = page.locator("input.lvs-input")
    box.fill("")
    box.type(query, delay=20)
    page.wait_for_function("q => document.querySelector('.lvs-results').getAttribute('data-query') === q",
                           arg=query, timeout=30000)
    while more and page.locator("button.lvs-more").is_visible():
        page.locator("button.lvs-more").click()
        page.wait_for_function("() => document.querySelectorAll('.lvs-result:empty').length === 0", timeout=30000)
    items = []
    for item in page.locator(".lvs-result").all():
        href = item.locator("a.lvs-title").get_attribute("href")
        missing = item.locator(".lvs-missing s").all_inner_texts()
        items.append((unquote(urlsplit(href).path), missing[0] if missing else ""))
    return {"status": page.locator(".lvs-status").inner_text(), "items": items,
            "results": [path for path, missing in items if not missing]}
