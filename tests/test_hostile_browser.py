"""Hostile glossary and manifest text, built into a real site and opened in Chromium: whatever
the theme's scripts do with it, it stays text. A dialog (alert) from any page fails the test."""
from __future__ import annotations

import re

import pytest
from browser_support import chromium, require_browser, serve
from conftest import copy_project, mkdocs_build

api = require_browser()

PAYLOAD = '<img src=x onerror=alert(1)><script>alert(2)</script><a href="javascript:alert(3)">x</a>'
PAYLOAD_ZH = "<img/src=x>释义<b>粗体</b>"
"""For the Chinese definition, which refuses English words (so no event handler or script)."""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    glossary = project / "glossary.yaml"
    text = glossary.read_text(encoding="utf-8")
    # The definition of 两个维护, marked on several report pages in every edition.
    text = re.sub(r"(- id: liang-ge-wei-hu\n(?:  .*\n)*?  definition: >-\n)", rf"\1    {PAYLOAD}\n", text, count=1)
    text = re.sub(r"(- id: liang-ge-wei-hu\n(?:  .*\n)*?  definition_zh: >-\n)", rf"\1    {PAYLOAD_ZH}\n", text, count=1)
    glossary.write_text(text, encoding="utf-8")
    manifest = project / "source_texts" / "manifest.yaml"
    m = manifest.read_text(encoding="utf-8")
    m = m.replace("      zh: 2020年吕梁市政府工作报告（图解版）", f"      zh: '2020年吕梁市政府工作报告 {PAYLOAD}'", 1)
    m = m.replace("      en: Lüliang Municipal Government Work Report 2020 (infographic edition)",
                  f"      en: 'Lüliang Report 2020 {PAYLOAD}'", 1)
    manifest.write_text(m, encoding="utf-8")
    result = mkdocs_build(project, env={"LVLIANG_STALE": "info"})
    assert result.returncode == 0, result.stderr[-3000:]
    with serve(project / "site") as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with chromium(api) as b:
        yield b


def _visit(browser, url: str, act) -> list[str]:
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(url)
    page.wait_for_load_state("load")
    result = act(page)
    page.wait_for_timeout(300)
    assert page.locator("img[src=x]").count() == 0, "markup from input became an element"
    assert page.locator("a[href^='javascript:']").count() == 0
    context.close()
    assert dialogs == [], f"script from input ran on {url}: {dialogs}"
    return result


@pytest.mark.parametrize("prefix", ["", "en/", "zh-hant/"])
def test_hostile_definition_is_text_in_the_tooltip_on_hover_and_focus(browser, hostile_site, prefix):
    def act(page):
        term = page.locator('a.term[data-term="liang-ge-wei-hu"]').first
        term.hover()
        page.wait_for_timeout(150)
        hovered = term.evaluate("el => [getComputedStyle(el, '::after').visibility, el.dataset.tip]")
        page.mouse.move(0, 0)
        term.focus()
        page.wait_for_timeout(150)
        return hovered
    visibility, tip = _visit(browser, f"{hostile_site}/{prefix}reports/2021-party-congress-report/", act)
    assert visibility == "visible"
    # shown as the characters typed: the English definition in the English edition, the Chinese one
    # in the Chinese editions
    assert ("<img src=x onerror=alert(1)>" if prefix == "en/" else "<img/src=x>") in tip


@pytest.mark.parametrize("prefix", ["", "en/", "zh-hant/"])
def test_hostile_manifest_title_is_text_on_the_about_page_and_report_index(browser, hostile_site, prefix):
    shown = _visit(browser, f"{hostile_site}/{prefix}about/", lambda page: page.locator("article").inner_text())
    assert "<img src=x onerror=alert(1)>" in shown
    _visit(browser, f"{hostile_site}/{prefix}reports/", lambda page: None)
    _visit(browser, f"{hostile_site}/{prefix}reports/2020-government-work-report/", lambda page: None)


def test_hostile_term_page_is_text(browser, hostile_site):
    shown = _visit(browser, f"{hostile_site}/glossary/liang-ge-wei-hu/", lambda page: page.locator("article").inner_text())
    assert "<img/src=x>释义<b>粗体</b>" in shown
    shown = _visit(browser, f"{hostile_site}/en/glossary/liang-ge-wei-hu/",
                   lambda page: page.locator("article").inner_text())
    assert "<script>alert(2)</script>" in shown


def test_content_security_policy_stops_a_script_that_reached_the_html(browser, hostile_site, tmp_path):
    """Defence in depth: even markup that slipped into a built page cannot run a script."""
    import urllib.request

    url = f"{hostile_site}/reports/2023-government-work-report/"
    html = urllib.request.urlopen(url).read().decode("utf-8")
    assert 'http-equiv="Content-Security-Policy"' in html and "script-src 'self'" in html
    tampered = html.replace("<article", '<img src=x onerror="alert(7)"><script>alert(8)</script><article', 1)
    page_file = tmp_path / "tampered.html"
    page_file.write_text(tampered, encoding="utf-8")
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.route("**/tampered/", lambda route: route.fulfill(body=tampered, content_type="text/html"))
    page.goto(f"{hostile_site}/reports/tampered/")
    page.wait_for_timeout(500)
    assert dialogs == []
    # The same page without the policy would have run it: the policy is what stops it.
    bare = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", tampered)
    page.route("**/bare/", lambda route: route.fulfill(body=bare, content_type="text/html"))
    page.goto(f"{hostile_site}/reports/bare/")
    page.wait_for_timeout(500)
    context.close()
    assert dialogs, "control: without the policy the tampered page runs its script"
