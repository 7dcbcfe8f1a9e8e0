"""The glossary as a reader meets it in the built site: marks, tooltips, term pages, exports."""
from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from conftest import copy_project, mkdocs_build
from linkcheck import target_file

from builder.glossary import concordance
from builder.glossary.model import load_glossary

MARK_RE = re.compile(r'<a class="term" href="([^"]+)" data-tip="([^"]+)" data-term="([^"]+)">([^<]+)</a>')


@pytest.fixture(scope="module")
def site(built):
    project, _, _ = built
    return project / "site"


@pytest.fixture(scope="module")
def glossary(built):
    project, _, _ = built
    return load_glossary(project / "glossary.yaml")


def resolve(site: Path, page_url: str, href: str) -> tuple[Path, str]:
    target = urljoin(page_url, href)
    path, _, anchor = target.partition("#")
    return target_file(site, path), anchor


def test_every_mark_has_a_tooltip_and_lands_on_an_existing_term_page(site, glossary, corpus):
    marks = 0
    for report in corpus.values():
        url = f"/reports/{report.id}/"
        page = (site / "reports" / report.id / "index.html").read_text(encoding="utf-8")
        for href, title, term_id, text in MARK_RE.findall(page):
            term = glossary[term_id]
            title = html.unescape(title)
            assert term.en in title and term.pinyin in title and term.term in title, title
            assert html.unescape(text) in term.forms
            target, _ = resolve(site, url, href)
            assert target.exists(), href
            assert f'data-term="{term_id}"' in target.read_text(encoding="utf-8")
            marks += 1
    assert marks > 300


def test_marks_equal_the_concordance_outside_headings(site, glossary, corpus):
    conc = concordance.build(list(corpus.values()), glossary)
    for report in corpus.values():
        page = (site / "reports" / report.id / "index.html").read_text(encoding="utf-8")
        expected = sum(1 for occs in conc.occurrences.values() for o in occs
                       if o.report == report.id and not o.heading)
        assert len(MARK_RE.findall(page)) == expected, report.id


def test_no_marks_inside_headings_or_the_toc(site, corpus):
    for report in corpus.values():
        page = (site / "reports" / report.id / "index.html").read_text(encoding="utf-8")
        for heading in re.findall(r"<h[1-6][^>]*>.*?</h[1-6]>", page, re.S):
            assert 'class="term"' not in heading
        toc = page.split('class="md-nav md-nav--secondary"', 1)[1].split("</nav>", 1)[0]
        assert 'class="term"' not in toc


def test_term_page_lists_every_occurrence_with_working_anchor_links(site, glossary, corpus):
    conc = concordance.build(list(corpus.values()), glossary)
    for term in glossary:
        url = f"/glossary/{term.id}/"
        page = (site / "glossary" / term.id / "index.html").read_text(encoding="utf-8")
        kwic = re.findall(r'<li><a href="([^"]+)"><span class="kwic-left">', page)
        assert len(kwic) == len(conc.occurrences.get(term.id, [])), term.id
        for href in kwic[:3]:
            target, anchor = resolve(site, url, href)
            assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), href
        assert '<svg class="term-chart"' in page
        assert 'id="cite"' in page and "@misc{lvliang-glossary-" + term.id in page


def test_term_page_states_an_unexpanded_term_honestly(site, glossary):
    unexpanded = next(t for t in glossary if not t.expansion)
    page = (site / "glossary" / unexpanded.id / "index.html").read_text(encoding="utf-8")
    assert "Not expanded in these reports" in page
    expanded = next(t for t in glossary if t.expansion)
    page = (site / "glossary" / expanded.id / "index.html").read_text(encoding="utf-8")
    assert html.escape(expanded.expansion, quote=False) in page and "Not expanded in these reports" not in page


def test_term_page_carries_citation_meta_tags(site, glossary):
    term = glossary["yi-hei-er-bai"]
    page = (site / "glossary" / term.id / "index.html").read_text(encoding="utf-8")
    head = page.split("</head>")[0]
    metas = dict(re.findall(r'<meta name="((?:citation|DC)[^"]*)" content="([^"]*)">', head))
    assert metas["citation_title"] == f"{term.term} ({term.pinyin}) · {term.en}"
    assert metas["citation_language"] == "zh" and "citation_publisher" in metas
    assert 'src="../../../assets/reader.js"' in page or 'src="../../assets/reader.js"' in page


def test_glossary_index_groups_by_category_in_pinyin_order(site, glossary):
    page = (site / "glossary" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="([a-z0-9-]+)/">', page)
    assert set(links) == {t.id for t in glossary}
    sections = re.split(r"<h2 ", page)[1:]
    assert len(sections) == len({t.category for t in glossary})
    levels = ["national", "provincial", "municipal"]
    for section in sections:
        ids = re.findall(r'<a href="([a-z0-9-]+)/">', section)
        keys = [(levels.index(glossary[i].level), glossary[i].sort_key) for i in ids]
        assert keys == sorted(keys)


def test_term_pages_stay_out_of_the_sidebar(site):
    page = (site / "reports" / "2023-government-work-report" / "index.html").read_text(encoding="utf-8")
    # The primary navigation (the page's own table of contents sits inside it, with heading links only).
    nav = page.split('class="md-nav md-nav--primary"', 1)[1].split('class="md-content"', 1)[0]
    assert 'href="../../glossary/"' in nav and 'href="../../glossary/yi-hei-er-bai/"' not in nav


def test_json_and_csv_exports_hold_every_term(site, glossary, corpus):
    data = json.loads((site / "glossary" / "glossary.json").read_text(encoding="utf-8"))
    assert [t["id"] for t in data["terms"]] == sorted(t.id for t in glossary)
    record = next(t for t in data["terms"] if t["id"] == "yi-hei-er-bai")
    assert record["expansion"] == "煤、铝、酒" and record["url"] == "glossary/yi-hei-er-bai/"
    assert record["evidence"][0]["anchor"].startswith("p-")
    rows = list(csv.DictReader(io.StringIO((site / "glossary" / "glossary.csv").read_text(encoding="utf-8"))))
    assert len(rows) == len(glossary)
    assert {r["id"]: r["term"] for r in rows}["liang-da-san-xin"] == "两大三新"


def test_renamed_id_redirects_to_the_current_page(tmp_path):
    project = copy_project(tmp_path)
    glossary = project / "glossary.yaml"
    text = glossary.read_text(encoding="utf-8")
    glossary.write_text(text.replace("- id: yi-hei-er-bai\n", "- id: yi-hei-er-bai\n  former_ids: [one-black-two-whites]\n"),
                        encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    redirect = (project / "site" / "glossary" / "one-black-two-whites" / "index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh" content="0; url=../yi-hei-er-bai/"' in redirect
    assert (project / "site" / "glossary" / "yi-hei-er-bai" / "index.html").exists()


def test_glossary_error_stops_the_build_with_one_line(tmp_path):
    project = copy_project(tmp_path)
    glossary = project / "glossary.yaml"
    lines = glossary.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("  level: "))
    lines[at] = "  level: galactic\n"
    glossary.write_text("".join(lines), encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert f"glossary.yaml:{at + 1}: term '" in result.stderr and "field 'level' must be one of" in result.stderr
    assert not (project / "site").exists()
