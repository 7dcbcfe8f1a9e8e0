"""The editor's loop under the README's `mkdocs serve --dirty`: an edit shows in every edition; a
mistake shows in the browser on every page, the last good pages stay readable under it, and
fixing the file restores the site without a restart. (That each rebuild equals a fresh build is
tests/test_incremental.py; how fast, the benchmark.)"""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import copy_project


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def _wait_for(url: str, predicate, timeout: float = 240) -> str:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            last = _get(url)
            if predicate(last):
                return last
        except OSError:
            pass
        time.sleep(1)
    raise AssertionError(f"timed out waiting on {url}: {last[:300]}")


@pytest.fixture
def served(tmp_path):
    project = copy_project(tmp_path)
    port = _free_port()
    env = {**{k: v for k, v in os.environ.items() if k != "LVLIANG_STALE"}, "NO_MKDOCS_2_WARNING": "1"}  # as the README serves
    log = open(tmp_path / "serve.log", "w")  # a file, not a pipe: an unread pipe would block the server
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--livereload", "-a", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(f"{base}/reports/2023-government-work-report/", lambda html: "report-paragraph" in html)
        yield project, base, tmp_path / "serve.log"
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def test_a_glossary_mistake_shows_on_every_page_and_a_fix_restores_the_site(served):
    project, base, log = served
    glossary = project / "glossary.yaml"
    good = glossary.read_text(encoding="utf-8")
    line = good.splitlines().index("  level: national") + 1
    time.sleep(1.5)  # a distinct modification time for the watcher
    glossary.write_text(good.replace("  level: national", "  levle: national", 1), encoding="utf-8")
    page = _wait_for(f"{base}/reports/2023-government-work-report/", lambda html: "build-error" in html)
    banner = re.search(r'<div class="build-error" role="alert"[^>]*>(.*?)</div>', page, re.S).group(1)
    assert f"glossary.yaml:{line}:" in banner and "levle" in banner
    assert "report-paragraph" in page, "the last good page stays readable under the error"
    english = _get(f"{base}/en/glossary/liang-ge-wei-hu/")
    assert "build-error" in english and "Two Upholds" in english
    rebuild = log.read_text(encoding="utf-8").rsplit("Detected file changes", 1)[1]
    assert f"glossary.yaml:{line}:" in rebuild, "the terminal names the mistake too"
    assert len(rebuild.splitlines()) < 30, f"the mistake is not buried in the terminal:\n{rebuild[:3000]}"
    assert re.search(r"\ben: Documentation built in", rebuild), "a worker's lines name its edition"
    time.sleep(1.5)
    glossary.write_text(good, encoding="utf-8")
    restored = _wait_for(f"{base}/reports/2023-government-work-report/", lambda html: "build-error" not in html)
    assert "report-paragraph" in restored


def test_a_warning_while_serving_stops_no_rebuild(served):
    """The configuration is strict, and a source edit that makes a translation stale is a warning,
    as is a link to no page: under `mkdocs serve` each is logged and said to stop `mkdocs build`,
    while the rebuilt pages show, in the main process's edition and in a worker's (MkDocs' strict
    mode would leave every request waiting until the warning is gone)."""
    project, base, log = served
    source = project / "source_texts" / "2023-government-work-report.txt"
    text = source.read_text(encoding="utf-8")
    assert "开局之年" in text
    time.sleep(1.5)
    source.write_text(text.replace("开局之年", "开局之年份", 1), encoding="utf-8")
    page = "/reports/2023-government-work-report/"
    _wait_for(f"{base}{page}", lambda html: "开局之年份" in html and "build-notice" in html, timeout=60)
    _wait_for(f"{base}/zh-hant{page}", lambda html: "開局之年份" in html, timeout=60)
    english = _wait_for(f"{base}/en{page}", lambda html: "1 possibly outdated" in html, timeout=60)
    assert "开局之年份" in english, "the paragraph's Chinese original, under its old translation"
    rebuild = log.read_text(encoding="utf-8").rsplit("Detected file changes", 1)[1]
    assert re.search(r"WARNING .*may be outdated", rebuild), rebuild[-2000:]
    assert "`mkdocs build` stops on it" in rebuild and "error happened" not in rebuild
    assert "build-error" not in _get(f"{base}{page}")
    # a warning in an edition built by a worker: a link to no page in the English about page
    about = project / "docs" / "about.en.md"
    time.sleep(1.5)
    about.write_text(about.read_text(encoding="utf-8") + "\nSee [the missing page](missing.md).\n", encoding="utf-8")
    about_page = _wait_for(f"{base}/en/about/", lambda html: "the missing page" in html, timeout=60)
    assert "build-error" not in about_page, "a warning is not an error"
    rebuild = log.read_text(encoding="utf-8").rsplit("Detected file changes", 1)[1]
    assert re.search(r"WARNING .*missing\.md", rebuild) and "en: builder: 1 warning above" in rebuild, rebuild[-2000:]


def test_a_glossary_edit_shows_in_every_edition(served):
    project, base, _ = served
    glossary = project / "glossary.yaml"
    text = glossary.read_text(encoding="utf-8")
    time.sleep(1.5)
    glossary.write_text(text.replace("吕梁的三大传统产业", "吕梁的三大支柱产业", 1)
                        .replace("Lüliang's three traditional industries", "Lüliang's three pillar industries", 1),
                        encoding="utf-8")
    _wait_for(f"{base}/glossary/yi-hei-er-bai/", lambda html: "三大支柱产业" in html)
    _wait_for(f"{base}/zh-hant/glossary/yi-hei-er-bai/", lambda html: "三大支柱產業" in html)
    _wait_for(f"{base}/en/glossary/yi-hei-er-bai/", lambda html: "three pillar industries" in html)
    # the tooltips of the reports that use the term, in both scripts
    _wait_for(f"{base}/reports/2023-government-work-report/", lambda html: "三大支柱产业" in html)
    _wait_for(f"{base}/zh-hant/reports/2023-government-work-report/", lambda html: "三大支柱產業" in html)


def test_serve_watches_every_input_and_rebuilds_without_waiting_for_more_changes(tmp_path):
    """Saving a source, the manifest, the glossary, a translation, a template or the published
    anchors starts a rebuild; and at once, not after MkDocs' extra 0.1 s wait for more changes
    (its watcher reports a save's changes together, every 0.5 s)."""
    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer

    from builder import config as build_config
    from builder.render.renderer import TEMPLATES

    project = copy_project(tmp_path)
    config = load_config(str(project / "mkdocs.yml"))
    plugin = config.plugins["lvliang-reports"]
    plugin.cfg = build_config.load(config.config_file_path)
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=_free_port(), root=str(tmp_path))
    assert server.build_delay > 0, "MkDocs' own default, which the plugin overrides"
    server = plugin.on_serve(server, config=config, builder=lambda: None)
    watched = {os.path.realpath(p) for p in server._watched_paths}
    for path in (project / "source_texts", project / "glossary.yaml", project / "translations",
                 project / "published_anchors.yaml", TEMPLATES):
        assert os.path.realpath(path) in watched, path
    assert server.build_delay == 0
    server.server_close()
