"""What the site holds: generated Markdown pages and data files, keyed by their path under docs/.

Shared by the MkDocs plugin and the export command, so both produce the same pages.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import escape

from . import concordance as concordance_mod
from .annotate import Annotator
from .chart import occurrences_svg
from .citation import cite
from .exports import glossary_csv, glossary_json, jieba_user_dict
from .glossary import LEVELS, Glossary, load_glossary
from .matcher import TermMatcher
from .pipeline import load_corpus
from .records import BlockKind, Report
from .render import Renderer
from .urls import GLOSSARY, REPORTS, relative, report_page, term_page, url_of

SITE_NAME = "吕梁市政府工作报告 · Lüliang Work Reports"


@dataclass(slots=True)
class SiteOptions:
    site_url: str | None = None
    site_name: str = SITE_NAME
    directory_urls: bool = True


@dataclass(slots=True)
class Site:
    reports: list[Report]
    glossary: Glossary
    concordance: concordance_mod.Concordance
    pages: dict[str, str] = field(default_factory=dict)
    """Markdown pages by path under docs/."""
    files: dict[str, str] = field(default_factory=dict)
    """Other files (data exports, redirects) by path under the site root."""


def build_site(manifest: Path, glossary_path: Path, options: SiteOptions | None = None) -> Site:
    """Everything the site shows, built in memory; raises SourceError on bad input."""
    options = options or SiteOptions()
    glossary = load_glossary(glossary_path)
    reports = load_corpus(manifest)
    conc = concordance_mod.build(reports, glossary, TermMatcher.for_glossary(glossary))
    site = Site(reports, glossary, conc)
    renderer = Renderer()
    site.pages[f"{REPORTS}/index.md"] = renderer.index(reports)
    for report in reports:
        site.pages[report_page(report.id)] = _report_page(renderer, report, site, options)
    for term in glossary:
        site.pages[term_page(term.id)] = _term_page(renderer, term, site, options)
    site.pages[f"{GLOSSARY}/index.md"] = _glossary_index(renderer, site)
    site.files[f"{GLOSSARY}/glossary.json"] = glossary_json(glossary, conc, reports)
    site.files[f"{GLOSSARY}/glossary.csv"] = glossary_csv(glossary, conc, reports)
    for old, new in glossary.redirects.items():
        site.files[_redirect_path(old, options)] = _redirect_html(old, new, options)
    return site


def _report_page(renderer: Renderer, report: Report, site: Site, options: SiteOptions) -> str:
    page = report_page(report.id)
    annotator = Annotator(site.glossary, page, options.directory_urls)

    def mark(block):
        if block.kind is BlockKind.HEADING:  # headings feed the TOC and carry their own anchor
            return escape(block.text)
        return annotator.html(block.text, site.concordance.matches[(report.id, block.anchor)])

    return renderer.report(report, mark)


def _term_page(renderer: Renderer, term, site: Site, options: SiteOptions) -> str:
    page = term_page(term.id)
    by_id = {r.id: r for r in site.reports}
    occurrences = site.concordance.occurrences.get(term.id, [])
    groups = []
    for report in site.reports:
        mine = [o for o in occurrences if o.report == report.id]
        if mine:
            groups.append({
                "report": report.id, "year": report.entry.year, "title": report.entry.title["zh"],
                "occurrences": [{
                    "left": o.left, "right": o.right, "form": o.form, "heading": o.heading,
                    "href": relative(page, report_page(o.report), o.anchor, options.directory_urls),
                } for o in mine],
            })
    evidence, links = [], iter(site.concordance.evidence.get(term.id, []))
    for item in term.evidence:
        if item.report:
            link = next(links)
            evidence.append({"href": relative(page, report_page(link.report), link.anchor, options.directory_urls),
                             "report_title": f"{by_id[link.report].entry.year} · {by_id[link.report].entry.title['zh']}",
                             "quote": item.quote})
        else:
            evidence.append({"href": "", "source": item.source})
    years = sorted({r.entry.year for r in site.reports})
    chart = occurrences_svg(site.concordance.per_year(term.id), years,
                            f"{term.term}：各年报告中的出现次数 · occurrences per report year")
    level_zh, level_en = LEVELS[term.level]
    return renderer.term(
        term=term, groups=groups, total=len(occurrences), chart=chart, evidence=evidence,
        related=[site.glossary[r] for r in term.related],
        level={"zh": level_zh, "en": level_en}, category=site.glossary.categories[term.category],
        citation=cite(term, url_of(page, options.directory_urls), options.site_url, options.site_name),
    )


def _glossary_index(renderer: Renderer, site: Site) -> str:
    counts = {t.id: len(site.concordance.occurrences.get(t.id, [])) for t in site.glossary}
    level_order = list(LEVELS)
    groups = []
    for category in site.glossary.categories.values():
        terms = [t for t in site.glossary if t.category == category.id]
        if not terms:
            continue
        terms.sort(key=lambda t: (level_order.index(t.level), t.sort_key))
        groups.append({"category": category, "rows": [
            {"term": t, "level": " · ".join(LEVELS[t.level]), "count": counts[t.id]} for t in terms]})
    return renderer.glossary_index(groups=groups, terms=list(site.glossary))


def _redirect_path(old: str, options: SiteOptions) -> str:
    return f"{GLOSSARY}/{old}/index.html" if options.directory_urls else f"{GLOSSARY}/{old}.html"


def _redirect_html(old: str, new: str, options: SiteOptions) -> str:
    """A renamed term's old address keeps working: a static redirect to the current page."""
    target = f"../{new}/" if options.directory_urls else f"{new}.html"
    return (f'<!doctype html>\n<html lang="zh"><head><meta charset="utf-8">'
            f'<title>{escape(new)}</title><link rel="canonical" href="{target}">'
            f'<meta http-equiv="refresh" content="0; url={target}"></head>'
            f'<body><p>本条目已移至 · This term has moved to <a href="{target}">{escape(new)}</a>.</p></body></html>\n')


def dedupe_json(reports: list[Report]) -> str:
    """The machine-readable dedupe report: every removal with its source lines, per report."""
    data = {r.id: {"source": r.entry.path.name, "removals": r.removals} for r in reports}
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def export(manifest: Path, glossary_path: Path, out: Path) -> list[Path]:
    """Write the generated pages and data files to a folder; nothing is written if any input
    fails."""
    site = build_site(manifest, glossary_path)
    written = []
    for rel, content in {**site.pages, **site.files, "search/jieba_user.dict": jieba_user_dict(site.glossary)}.items():
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
        written.append(target)
    return written
