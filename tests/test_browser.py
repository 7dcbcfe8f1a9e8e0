"""The built site in a real browser: Debian's Chromium driven by Playwright, over HTTP on
127.0.0.1. Screenshots of the key pages go to test-artifacts/.

Chromium is installed by the README's test command (tests/install-browser.sh); Playwright's own
browser download is not used.
"""
from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

import pytest
from browser_support import chromium, require_browser, serve
from search_support import search_box
from conftest import ROOT

ARTIFACTS = ROOT / "test-artifacts"
REPORTS = ["2020-government-work-report", "2021-party-congress-report", "2022-government-work-report-summary",
           "2023-government-work-report", "2026-government-work-report"]

playwright_api = require_browser()


@pytest.fixture(scope="module")
def base_url(built):
    project, _, _ = built
    with serve(project / "site") as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with chromium(playwright_api) as b:
        yield b


@pytest.fixture
def page(browser, request):
    """A page that records console errors and uncaught exceptions; the test fails on any."""
    context = browser.new_context(viewport={"width": 1300, "height": 900}, locale="zh-CN")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    # A request cut short by leaving the page (net::ERR_ABORTED) is not a failure of the site.
    page.on("requestfailed", lambda r: errors.append(f"request failed: {r.url} {r.failure}")
            if "ERR_ABORTED" not in (r.failure or "") else None)
    page.on("response", lambda r: errors.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    yield page
    context.close()
    assert errors == [], f"{request.node.name}: {errors}"


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def path_of(url: str) -> str:
    return unquote(urlsplit(url).path)


def test_report_page_renders_with_its_table_of_contents(page, base_url):
    page.goto(f"{base_url}/reports/2023-government-work-report/")
    toc = page.locator(".md-sidebar--secondary nav.md-nav--secondary")
    assert toc.is_visible()
    links = toc.locator("a.md-nav__link")
    assert links.count() >= 5
    first = links.first.get_attribute("href")
    assert first.startswith("#h-") and page.locator(first).inner_text().rstrip("¶") == links.first.inner_text().strip()
    assert page.locator("article p.report-paragraph").count() > 30
    shot(page, "report-2023-zh")


TIP = "(el) => { const s = getComputedStyle(el, '::after'); return [s.visibility, s.opacity, s.content]; }"


def shown_tip(locator) -> str:
    """The tooltip text the browser shows for a term mark ('' while hidden)."""
    visibility, opacity, content = locator.evaluate(TIP)
    if visibility != "visible" or float(opacity) < 1 or content in ("none", "normal"):
        return ""
    return locator.evaluate("el => el.dataset.tip")


def test_term_tooltip_on_hover_and_on_keyboard_focus(page, base_url):
    page.goto(f"{base_url}/reports/2023-government-work-report/")
    term = page.locator('a.term[data-term="yi-hei-er-bai"]').first
    assert shown_tip(term) == ""
    term.hover()
    page.wait_for_timeout(100)
    text = shown_tip(term)
    assert "One Black, Two Whites" in text and "yī hēi èr bái" in text
    shot(page, "tooltip-hover")
    page.mouse.move(0, 0)
    page.wait_for_timeout(100)
    assert shown_tip(term) == ""
    other = page.locator('a.term[data-term="liang-da-san-xin"]').first
    other.focus()  # as reached with the Tab key
    page.wait_for_timeout(100)
    assert "Two Bigs" in shown_tip(other)
    assert page.evaluate("document.activeElement.dataset.term") == "liang-da-san-xin"


def test_term_link_and_concordance_land_on_the_right_paragraph(page, base_url):
    page.goto(f"{base_url}/reports/2023-government-work-report/")
    page.locator('a.term[data-term="yi-hei-er-bai"]').first.click()
    page.wait_for_url(re.compile(r"/glossary/yi-hei-er-bai/$"))
    assert page.locator("h1").inner_text().startswith("一黑二白")
    shot(page, "term-page-zh")
    link = page.locator('ol.kwic a[href*="2023-government-work-report"]').first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url(re.compile(r"/reports/2023-government-work-report/#p-[0-9a-f]{7}$"))
    anchor = href.split("#", 1)[1]
    assert page.evaluate("location.hash") == f"#{anchor}"
    assert "一黑二白" in page.locator(f"#{anchor}").inner_text()
    assert page.evaluate(f"document.querySelector('#{anchor}').matches(':target')")


def _search(page, query: str) -> list[str]:
    """The pages the site's search box lists as holding the query (builder/search/)."""
    return search_box(page, query)["results"]


def test_chinese_search_lists_exactly_the_reports_that_contain_the_phrase(page, base_url, corpus):
    page.goto(f"{base_url}/")
    for phrase in ("两个维护", "营商环境"):  # a glossary term, and a phrase that is not one
        shown = search_box(page, phrase)
        if phrase == "两个维护":
            shot(page, "search-zh")
        reports = {p.split("/")[2] for p in shown["results"] if p.startswith("/reports/") and p != "/reports/"}
        holding = {rid for rid in REPORTS if any(phrase in b.text for b in corpus[rid].blocks)}
        assert reports == holding, phrase
        assert all(not missing for _, missing in shown["items"]), phrase  # none marked as lacking a word
        assert shown["results"][0] in {f"/reports/{rid}/" for rid in holding} | {"/glossary/liang-ge-wei-hu/"}
    assert "2026-government-work-report" not in {p.split("/")[2] for p in _search(page, "两个维护")
                                                  if p.startswith("/reports/") and p != "/reports/"}


def test_english_query_on_the_english_edition_finds_english_pages(page, base_url):
    page.goto(f"{base_url}/en/")
    for query in ("revitalisation", "revitalization"):  # the translation's spelling, and the other one
        found = _search(page, query)
        assert found and all(p.startswith("/en/") for p in found)
        assert "/en/reports/2022-government-work-report-summary/" in found
    shot(page, "search-en")


def test_language_switcher_moves_between_the_same_page_in_all_editions(page, base_url):
    path = "/glossary/yi-hei-er-bai/"
    page.goto(f"{base_url}{path}")
    for name, prefix in (("English", "/en"), ("繁體中文", "/zh-hant"), ("简体中文", "")):
        page.locator(".md-header__option .md-select").hover()
        page.locator(".md-select__link", has_text=name).click()
        page.wait_for_url(f"{base_url}{prefix}{path}")
        assert page.locator(".md-select__link[aria-current=true]").inner_text().strip() == name
    page.goto(f"{base_url}/en/reports/2022-government-work-report-summary/")
    shot(page, "report-2022-en")
    page.goto(f"{base_url}/zh-hant/reports/2023-government-work-report/")
    assert "呂梁" in page.locator("article").inner_text()
    shot(page, "report-2023-zh-hant")
