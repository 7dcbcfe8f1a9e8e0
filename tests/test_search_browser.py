"""The site's search in a real browser (Debian's Chromium through Playwright), on the site as
MkDocs builds it and as Zensical builds it: no index before the reader types, a Simplified
query on the Traditional edition, the phrase highlighted where a result lands, pinyin. Network
requests are recorded; the bytes of a page view and of a first search are printed."""
from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

import pytest
from browser_support import chromium, require_browser, serve
from conftest import copy_project
from search_support import search_box

playwright_api = require_browser()
REPORT = "/zh-hant/reports/2023-government-work-report/"


@pytest.fixture(scope="module")
def browser():
    with chromium(playwright_api) as b:
        yield b


@pytest.fixture(scope="module")
def mkdocs_site(built):
    project, _, _ = built
    with serve(project / "site") as base:
        yield base


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory):
    """The same project built by Zensical (python -m builder build --engine zensical)."""
    from builder.adapters.engines import build_site

    project = copy_project(tmp_path_factory.mktemp("zensical"))
    assert build_site(project / "mkdocs.yml", "zensical", project / "site") == 0
    with serve(project / "site") as base:
        yield base


class Recorder:
    """Every response the page receives: (path, bytes)."""

    def __init__(self, page, base):
        self.base, self.seen = base, []
        page.on("response", self._add)

    def _add(self, response):
        body = response.body() if response.status < 300 else b""
        self.seen.append((unquote(urlsplit(response.url).path), len(body)))

    def since(self, start: int):
        return self.seen[start:]


@pytest.fixture
def page(browser, request):
    """A page that fails the test on console errors, uncaught exceptions and HTTP errors. Zensical's
    bundle asks for <page>/sitemap.xml for its language selector (Material's request is patched
    out, builder/adapters/mkdocs/material.py; Zensical's is not): those 404s are not search's."""
    context = browser.new_context(viewport={"width": 1300, "height": 900}, locale="zh-CN")
    page = context.new_page()
    errors: list[str] = []
    sitemaps: list[str] = []
    page.on("console", lambda m: errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    page.on("response", lambda r: (sitemaps if r.url.endswith("/sitemap.xml") else errors).append(
        f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    yield page
    context.close()
    for _ in sitemaps:  # the browser's own line for each of those 404s
        errors.remove(next(e for e in errors if e.startswith("console error: Failed to load resource") and "404" in e))
    assert errors == [], f"{request.node.name}: {errors}"


def index_requests(seen) -> list[str]:
    return [p for p, _ in seen if re.search(r"/search/|search_index\.json|/search\.json|/pagefind/", p)]


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_no_index_before_typing_and_a_small_first_search(page, engine, request):
    base = request.getfixturevalue(f"{engine}_site")
    net = Recorder(page, base)
    page.goto(base + REPORT)
    page.wait_for_load_state("networkidle")
    page.locator("button.lvs-open").click()  # opening the box is not searching yet
    page.wait_for_timeout(300)
    assert index_requests(net.seen) == []
    view = sum(b for _, b in net.seen)
    start = len(net.seen)
    shown = search_box(page, "营商环境", more=False)  # the first ten results, as the reader sees them
    first = net.since(start)
    assert [p for p in index_requests(first)][0].endswith("/search/meta.json.gz")
    assert all(p.startswith("/zh-hant/search/") for p in index_requests(first))  # the edition's own
    transfer = sum(b for _, b in first)
    print(f"\n  {engine}: page view {view / 1024:.0f} KB with no index; first search "
          f"{transfer / 1024:.0f} KB in {len(first)} requests")
    assert transfer < 150_000
    assert page.locator(".md-search").count() == 0  # the theme's own search is off


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_simplified_query_on_the_traditional_edition_lands_on_the_phrase(page, engine, request, corpus):
    base = request.getfixturevalue(f"{engine}_site")
    page.goto(base + "/zh-hant/")
    shown = search_box(page, "营商环境")
    reports = {p.split("/")[3] for p in shown["results"] if re.match(r"^/zh-hant/reports/[^/]+/$", p)}
    holding = {rid for rid, r in corpus.items() if any("营商环境" in b.text for b in r.blocks)}
    assert reports == holding and shown["items"][0][1] == ""
    assert page.locator(".lvs-result mark").first.inner_text() == "營商環境"  # in the edition's characters
    link = page.locator(".lvs-result a.lvs-section").first
    anchor = link.get_attribute("href").split("#")[1]
    link.click()
    page.wait_for_function("() => document.documentElement.hasAttribute('data-lvs-highlighted')", timeout=10000)
    assert page.evaluate("location.hash") == f"#{anchor}"
    marks = page.locator(f"#{anchor} mark.lvs-hit")
    assert marks.count() >= 1 and "".join(marks.all_inner_texts()).count("營商環境") >= 1
    assert all(t in "營商環境" for t in marks.all_inner_texts())  # the phrase, not its characters elsewhere
    page.screenshot(path=str(_artifacts() / f"search-landing-{engine}.png"))


def test_pinyin_without_tones_finds_the_term_page(page, mkdocs_site):
    page.goto(mkdocs_site + "/en/")
    for query in ("liang ge wei hu", "lianggeweihu", "liǎng gè wéi hù"):
        shown = search_box(page, query)
        assert shown["results"][0] == "/en/glossary/liang-ge-wei-hu/", query
        assert page.locator(".lvs-pinyin a").first.inner_text() == "两个维护"


def test_a_phrase_no_page_holds_is_said_so_and_its_words_are_marked_missing(page, mkdocs_site):
    page.goto(mkdocs_site + "/")
    shown = search_box(page, "数字低空")
    assert "数字低空" in shown["status"] and shown["results"] == []
    assert shown["items"] and all(missing for _, missing in shown["items"])  # each names what it lacks


def test_keyboard_opens_and_closes_the_search(page, mkdocs_site):
    page.goto(mkdocs_site + "/reports/2023-government-work-report/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.classList.contains('lvs-input')")
    page.keyboard.type("一黑二白")
    page.wait_for_selector(".lvs-result a.lvs-title")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('lvs-title')")
    page.keyboard.press("Escape")
    assert page.locator(".lvs").is_hidden()


def _artifacts():
    from conftest import ROOT

    folder = ROOT / "test-artifacts"
    folder.mkdir(exist_ok=True)
    return folder
