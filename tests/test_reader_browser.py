"""What a reader does with the built site, in Chromium: switch editions without losing the
paragraph, tap a term on a phone, cite a passage, and let a reference manager read the page."""
from __future__ import annotations

import re

import pytest

from browser_support import chromium, require_browser, serve

api = require_browser()
REPORT = "/reports/2021-party-congress-report/"


@pytest.fixture(scope="module")
def base_url(built):
    project, _, _ = built
    with serve(project / "site") as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with chromium(api) as b:
        yield b


def _page(browser, **options):
    context = browser.new_context(**{"viewport": {"width": 1300, "height": 900}, **options})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    return context, page, errors


def test_switcher_carries_the_paragraph_to_the_other_edition(browser, base_url):
    context, page, errors = _page(browser)
    page.goto(f"{base_url}{REPORT}")
    paragraphs = page.locator("article p.report-paragraph")
    anchor = paragraphs.nth(paragraphs.count() * 2 // 3).get_attribute("id")
    page.goto(f"{base_url}{REPORT}#{anchor}")
    page.locator('a.md-select__link[hreflang="en"]').evaluate("el => el.click()")
    page.wait_for_url(re.compile(r"/en/reports/2021-party-congress-report/#"))
    assert page.url.endswith(f"/en{REPORT}#{anchor}")
    top = page.locator(f"#{anchor}").evaluate("el => el.getBoundingClientRect().top")
    assert 0 <= top < 900, "the paragraph is in view, not the top of the page"
    assert errors == []
    context.close()


def test_a_tap_on_a_phone_shows_the_definition_in_place(browser, base_url):
    context, page, errors = _page(browser, viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page.goto(f"{base_url}{REPORT}")
    term = page.locator('a.term[data-term="liang-ge-wei-hu"]').first
    term.scroll_into_view_if_needed()
    below = "el => el.closest('p, li').nextElementSibling.getBoundingClientRect().top + window.scrollY"
    before = term.evaluate(below)
    term.tap()
    popover = page.locator(".term-popover")
    popover.wait_for(state="visible")
    assert term.evaluate(below) == before, "the popover lies over the text; nothing moves"
    assert page.url.endswith(REPORT), "the first tap stays on the report"
    text = popover.inner_text()
    assert "两个维护" in text and "liǎng gè wéi hù" in text
    link = popover.locator("a.term-popover-link")
    assert link.get_attribute("href").endswith("glossary/liang-ge-wei-hu/")
    assert term.get_attribute("aria-describedby") == popover.get_attribute("id")
    page.keyboard.press("Escape")
    assert page.locator(".term-popover").count() == 0
    assert errors == []
    context.close()


def test_every_paragraph_can_be_cited_with_its_anchor(browser, base_url):
    context, page, errors = _page(browser)
    page.goto(f"{base_url}/en{REPORT}")
    paragraph = page.locator("article p.report-paragraph").nth(12)
    anchor = paragraph.get_attribute("id")
    paragraph.hover()
    paragraph.locator("a.para-link").click()
    menu = page.locator(".passage-menu")
    menu.wait_for(state="visible")
    menu.locator("summary").click()
    formats = {f.get_attribute("data-format"): f.inner_text() for f in menu.locator("pre.passage-citation").all()}
    assert set(formats) == {"Text", "BibTeX", "CSL-JSON", "RIS"}
    for text in formats.values():
        assert f"/en{REPORT}#{anchor}" in text and "2021" in text
    assert "TY  - RPRT" in formats["RIS"] and formats["RIS"].rstrip().endswith("ER  -")
    # Served from 127.0.0.1 with no site_url: the citation says it is not the published address.
    assert "http://127.0.0.1" not in formats["Text"]
    assert page.locator(".cite-copy").count() >= 4
    assert errors == []
    context.close()


def test_reference_manager_metadata_has_a_date_and_a_type(browser, base_url):
    context, page, _ = _page(browser)
    for path, kind in ((REPORT, "citation_technical_report_institution"),
                       ("/glossary/liang-ge-wei-hu/", "citation_inbook_title")):
        page.goto(f"{base_url}{path}")
        date = page.locator('meta[name="citation_publication_date"]').get_attribute("content")
        assert re.fullmatch(r"\d{4}(/\d\d/\d\d)?", date)
        assert page.locator(f'meta[name="{kind}"]').count() == 1
        assert page.locator('meta[name="citation_title"]').get_attribute("content")
    context.close()
