"""The three editions as built: counterparts, Traditional conversion, English pages, search,
translation memory states, links."""
from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from conftest import ROOT, mkdocs_build
from linkcheck import broken_links
from search_support import reports_of, run

from builder.editions import EDITIONS
from builder.corpus import load
from builder.editions import to_traditional
from builder.translation.memory import fingerprint

SUMMARY = "2022-government-work-report-summary"
ARTICLE_RE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
SWITCH_RE = re.compile(r'<a href="([^"]+)" hreflang="([^"]+)" lang="[^"]+" class="md-select__link"')
HREFLANG_RE = re.compile(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)">')
# Characters that exist only in Simplified writing (each has a different Traditional form).
SIMPLIFIED_ONLY = set("这发报吕门们说时国为实业产经济区县乡镇农转强领导层级项过务产线环项")


@pytest.fixture(scope="module")
def site(built):
    project, _, _ = built
    return project / "site"


def pages(site: Path, edition) -> list[Path]:
    root = site / edition.prefix if edition.prefix else site
    others = [site / e.code for e in EDITIONS if e.prefix]
    return [p for p in sorted(root.rglob("index.html"))
            if edition.prefix or not any(o in p.parents for o in others)]


def article(path: Path) -> str:
    return ARTICLE_RE.search(path.read_text(encoding="utf-8")).group(1)


def visible(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def test_every_page_links_to_the_same_page_in_every_edition(site):
    checked = 0
    for edition in EDITIONS:
        for page in pages(site, edition):
            rel = page.relative_to(site / edition.prefix if edition.prefix else site).parent.as_posix()
            url = "/" + edition.prefix + ("" if rel == "." else rel + "/")
            text = page.read_text(encoding="utf-8")
            for links in (SWITCH_RE.findall(text), HREFLANG_RE.findall(text)):
                assert {lang for _, lang in links} == {"zh-Hans", "en", "zh-Hant"}, url
                for href, lang in links:
                    there = next(e for e in EDITIONS if e.hreflang == lang)
                    target = urljoin(url, href)
                    assert target == "/" + there.prefix + ("" if rel == "." else rel + "/"), (url, href)
                    assert (site / target.lstrip("/") / "index.html").exists(), target
            checked += 1
    assert checked > 3 * 250  # reports, term pages, indexes and hand-written pages, in each edition


def test_no_broken_links_or_anchors_in_any_edition(site):
    assert broken_links(site) == []


def test_link_checker_notices_a_broken_anchor(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<p id="x"></p><a href="#x">ok</a><a href="#y">bad</a>'
                                               '<a href="../b/">missing</a>', encoding="utf-8")
    assert broken_links(tmp_path) == ["/a/index.html: #y (no anchor)", "/a/index.html: ../b/ (no file)"]


def test_ui_language_of_each_edition(site):
    assert '<html lang="zh"' in (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in (site / "en" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh-Hant"' in (site / "zh-hant" / "index.html").read_text(encoding="utf-8")


def test_traditional_edition_is_the_character_conversion_of_the_original(site):
    """Every page's content is exactly OpenCC s2t of the Simplified page: nothing is left
    unconverted (marks, tooltips, term pages, hand-written pages) and nothing else changes."""
    compared = 0
    for page in pages(site, EDITIONS[0]):
        rel = page.relative_to(site)
        hant = site / "zh-hant" / rel
        # The one intended difference: a term page's citation names the page it is on.
        assert article(hant).replace("/zh-hant/glossary/", "/glossary/") == to_traditional(article(page)), rel
        text = visible(article(hant))
        assert not SIMPLIFIED_ONLY & set(text), (rel, SIMPLIFIED_ONLY & set(text))
        compared += 1
    assert compared > 250
    report = article(site / "zh-hant" / "reports" / "2023-government-work-report" / "index.html")
    assert "呂梁" in report and 'class="term"' in report and "一黑二白（yī hēi èr bái）" in report


def test_english_summary_is_fully_translated_under_the_same_anchors(site, corpus):
    report = corpus[SUMMARY]
    page = (site / "en" / "reports" / SUMMARY / "index.html").read_text(encoding="utf-8")
    zh_page = (site / "reports" / SUMMARY / "index.html").read_text(encoding="utf-8")
    for block in report.blocks:
        assert f'id="{block.anchor}"' in page and f'id="{block.anchor}"' in zh_page
    assert "Unofficial translation" in page
    assert "tm-missing" not in page and "tm-stale" not in page
    toc = page.split('class="md-nav md-nav--secondary"', 1)[1].split('class="md-content"', 1)[0]
    assert "IV. Work Plan for 2022" in toc and "工作安排" not in toc
    assert page.count('class="zh-original"') == sum(1 for b in report.blocks if b.kind.value != "heading")
    # Glossary terms are marked in the English by their English names, linking to English term pages.
    mark = re.search(r'<a class="term" href="([^"]+)" data-tip="([^"]+)" data-term="yi-hei-er-bai">([^<]+)</a>', page)
    assert mark and mark.group(3) == "One Black, Two Whites"
    assert urljoin(f"/en/reports/{SUMMARY}/", mark.group(1)) == "/en/glossary/yi-hei-er-bai/"


def test_translation_memory_is_complete_current_and_checked():
    """Fails when any translation goes stale or missing, or fails the term and number checks."""
    from builder.translation.checks import check_memory

    corpus = load(ROOT / "source_texts" / "manifest.yaml", ROOT / "glossary.yaml", ROOT / "translations")
    for report in corpus.reports:
        memory = corpus.memories[report.id]
        assert memory.count("current") == len(memory.renderings) == len(report.blocks), report.id
        assert memory.orphans == [], report.id
        assert check_memory(report, memory, corpus.concordance, corpus.english, corpus.glossary) == []


def _edit_entry(project: Path, old_zh_fragment: str, new_zh_fragment: str) -> str:
    """Pretend the Chinese a translation was made from was different: the paragraph has since
    changed. Returns the anchor."""
    import yaml

    path = project / "translations" / "en" / f"{SUMMARY}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    entry = next(e for e in data["entries"] if old_zh_fragment in e["zh"])
    entry["zh"] = entry["zh"].replace(old_zh_fragment, new_zh_fragment)
    entry["fingerprint"] = fingerprint(entry["zh"])
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return entry["anchor"]


def test_stale_translation_warns_and_is_marked(project):
    anchor = _edit_entry(project, "生猪出栏产能达400万头", "生猪出栏产能达300万头")
    result = mkdocs_build(project)
    assert result.returncode != 0  # strict: the warning fails the build
    assert f"{SUMMARY}: 1 English translations may be outdated" in result.stderr and anchor in result.stderr
    result = mkdocs_build(project, env={"LVLIANG_STALE": "info"})
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "en" / "reports" / SUMMARY / "index.html").read_text(encoding="utf-8")
    block = page.split(f'id="{anchor}"', 1)[1].split("</details>", 1)[0]
    assert "Translation may be outdated" in block and "300万头" in block


def test_missing_translation_is_reported_and_shown_in_chinese(project):
    import yaml

    path = project / "translations" / "en" / f"{SUMMARY}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    removed = data["entries"].pop(3)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert f"{SUMMARY}: 1 of 66 paragraphs not yet translated" in result.stderr
    page = (project / "site" / "en" / "reports" / SUMMARY / "index.html").read_text(encoding="utf-8")
    block = page.split(f'id="{removed["anchor"]}"', 1)[1].split('<p id="', 1)[0]
    assert "Not yet translated" in block and html.escape(removed["zh"][:10], quote=False) in block


def test_english_search_finds_english_pages(site):
    """Each edition has its own index (builder/search/), read by the browser's engine."""
    got = {a["query"]: a for a in run(site / "en" / "search", ["revitalisation", "xyzzyplugh"])["answers"]}
    found = [r["url"] for r in got["revitalisation"]["results"]]
    assert f"reports/{SUMMARY}/" in found
    assert all(not url.startswith(("zh-hant/", "en/")) for url in found)  # the edition's own index
    assert "revitali" in got["revitalisation"]["results"][0]["text"].lower()  # its English text, either spelling
    assert got["xyzzyplugh"]["results"] == []


def test_traditional_search_finds_traditional_pages(site):
    got = {a["query"]: a for a in run(site / "zh-hant" / "search", ["兩大三新", "两大三新"])["answers"]}
    for query in ("兩大三新", "两大三新"):  # typed in either script
        found = reports_of(r["url"] for r in got[query]["results"])
        assert found == {SUMMARY, "2023-government-work-report"}
    assert all("兩大三新" in m for r in got["两大三新"]["results"][:3] for m in r["marked"])  # shown as the edition writes it


def test_translation_checks_catch_a_missing_term_and_a_wrong_figure():
    from builder.translation.checks import check_memory
    from builder.translation.memory import Rendering

    corpus = load(ROOT / "source_texts" / "manifest.yaml", ROOT / "glossary.yaml", ROOT / "translations")
    report = next(r for r in corpus.reports if r.id == SUMMARY)
    memory = corpus.memories[SUMMARY]
    term_block = next(b for b in report.blocks if "一黑二白" in b.text)
    figure_block = next(b for b in report.blocks if "59万" in b.text)
    good = {b.anchor: memory.renderings[b.anchor].en for b in (term_block, figure_block)}
    memory.renderings[term_block.anchor] = Rendering(
        "current", good[term_block.anchor].replace("One Black, Two Whites", "coal, aluminium and liquor"))
    memory.renderings[figure_block.anchor] = Rendering(
        "current", good[figure_block.anchor].replace("590,000", "59,000"))
    problems = {(p.anchor, p.kind) for p in check_memory(report, memory, corpus.concordance, corpus.english,
                                                         corpus.glossary)}
    assert problems == {(term_block.anchor, "terms"), (figure_block.anchor, "numbers")}


def test_number_check_converts_chinese_units():
    from decimal import Decimal

    from builder.translation.checks import _values_en, _values_zh

    assert Decimal("207140000000") in _values_zh("地区生产总值2071.4亿元")
    assert Decimal("207140000000") in _values_en("GDP reached 207.14 billion yuan")
    assert Decimal("590000") in _values_zh("59万贫困人口") and Decimal("590000") in _values_en("590,000 poor people")
    assert "October" in _values_zh("10月底前") and "October" in _values_en("by the end of October")
    assert Decimal("207140000000") not in _values_en("GDP reached 20.714 billion yuan")


def test_every_published_glossary_id_still_resolves_in_every_edition(site, built):
    """Links from papers to glossary/<id>/ never break: every id ever published is a term page
    or a redirect to the renamed term, in each edition; and every current id is on the list."""
    from builder.glossary.model import load_glossary

    project, _, _ = built
    listed = [line.strip() for line in (ROOT / "tests" / "fixtures" / "published_glossary_ids.txt")
              .read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    glossary = load_glossary(project / "glossary.yaml")
    current = {t.id for t in glossary}
    assert current <= set(listed), f"add the new ids to the published list: {sorted(current - set(listed))}"
    for edition in EDITIONS:
        for term_id in listed:
            page = site / edition.prefix / "glossary" / term_id / "index.html"
            assert page.exists(), (edition.code, term_id)
            text = page.read_text(encoding="utf-8")
            if term_id not in current:
                target = glossary.redirects[term_id]
                assert f'http-equiv="refresh" content="0; url=../{target}/"' in text
