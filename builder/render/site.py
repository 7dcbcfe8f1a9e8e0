"""What the site holds: per edition, generated Markdown pages and data files keyed by their path
under docs/.

Shared by the MkDocs plugin and the export command, so both produce the same pages. The
corpus (reports, glossary, concordance, translation memory) is built once and shared by the
editions; each edition renders it in its own language.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup, escape

from builder.editions import DEFAULT, EDITIONS, EN, ZH_HANT, Edition
from builder.export.data import glossary_csv, glossary_json
from builder.glossary import concordance as concordance_mod
from builder.glossary.matcher import TermMatcher
from builder.glossary.model import LEVELS, Glossary, load_glossary
from builder.render.annotate import Annotator
from builder.render.chart import occurrences_svg
from builder.render.citation import cite
from builder.render.renderer import Renderer
from builder.render.urls import (
    GLOSSARY,
    REPORTS,
    relative,
    report_page,
    term_page,
    url_of,
)
from builder.report.pipeline import load_corpus
from builder.report.records import BlockKind, Report
from builder.timing import OFF
from builder.translation.memory import Memory, load_memories

SITE_NAME = "吕梁市政府工作报告 · Lüliang Work Reports"
STATUS_LABEL = {"missing": "Not yet translated", "stale": "Translation may be outdated"}


@dataclass(slots=True)
class SiteOptions:
    site_url: str | None = None
    site_name: str = SITE_NAME
    directory_urls: bool = True


@dataclass(slots=True)
class Corpus:
    """Everything the editions share, built once per build."""

    reports: list[Report]
    glossary: Glossary
    concordance: concordance_mod.Concordance
    memories: dict[str, Memory]
    english: TermMatcher
    exports: dict[str, str] = field(default_factory=dict)
    """The glossary's JSON and CSV, made once and shared by the editions."""


@dataclass(slots=True)
class Site:
    corpus: Corpus
    edition: Edition
    pages: dict[str, str] = field(default_factory=dict)
    """Markdown pages by path under docs/."""
    files: dict[str, str] = field(default_factory=dict)
    """Other files (data exports, redirects) by path under the edition's root."""

    @property
    def reports(self) -> list[Report]:
        return self.corpus.reports


def load(manifest: Path, glossary_path: Path, translations: Path, watch=OFF) -> Corpus:
    """Build the corpus; raises SourceError on bad input, before anything is written."""
    with watch.stage("load"):
        glossary = load_glossary(glossary_path)
    reports = load_corpus(manifest, watch)
    with watch.stage("annotate"):
        conc = concordance_mod.build(reports, glossary, TermMatcher.for_glossary(glossary))
    with watch.stage("translate"):
        memories = load_memories(translations / EN.code, reports)
    return Corpus(reports, glossary, conc, memories, TermMatcher.for_english(glossary))


def build_site(corpus: Corpus, edition: Edition = DEFAULT, options: SiteOptions | None = None, watch=OFF) -> Site:
    with watch.stage("render"):
        return _build_site(corpus, edition, options or SiteOptions())


def _build_site(corpus: Corpus, edition: Edition, options: SiteOptions) -> Site:
    site = Site(corpus, edition)
    renderer = Renderer()
    if edition is EN:
        _english_pages(site, renderer, options)
    else:
        _chinese_pages(site, renderer, options)
        if edition is ZH_HANT:
            site.pages = {path: to_traditional(text) for path, text in site.pages.items()}
    glossary = corpus.glossary
    if not corpus.exports:
        corpus.exports[f"{GLOSSARY}/glossary.json"] = glossary_json(glossary, corpus.concordance, corpus.reports)
        corpus.exports[f"{GLOSSARY}/glossary.csv"] = glossary_csv(glossary, corpus.concordance, corpus.reports)
    site.files.update(corpus.exports)
    for old, new in glossary.redirects.items():
        site.files[_redirect_path(old, options)] = _redirect_html(old, new, options)
    return site


@lru_cache(maxsize=1)
def _s2t():
    import opencc

    return opencc.OpenCC("s2t")


def to_traditional(text: str) -> str:
    """Characters, not vocabulary: OpenCC's s2t (no regional word substitutions), since the
    pages quote official documents. ASCII (markup, anchors, URLs) passes through unchanged."""
    return _s2t().convert(text)


# --- Chinese editions ----------------------------------------------------------------------

def _chinese_pages(site: Site, renderer: Renderer, options: SiteOptions) -> None:
    corpus = site.corpus
    site.pages[f"{REPORTS}/index.md"] = renderer.index(corpus.reports)
    for report in corpus.reports:
        page = report_page(report.id)
        annotator = Annotator(corpus.glossary, page, options.directory_urls)

        def mark(block, report=report, annotator=annotator):
            if block.kind is BlockKind.HEADING:  # headings feed the TOC and carry their own anchor
                return escape(block.text)
            return annotator.html(block.text, corpus.concordance.matches[(report.id, block.anchor)])

        site.pages[page] = renderer.report(report, mark)
    for term in corpus.glossary:
        site.pages[term_page(term.id)] = renderer.term(**_term_context(term, site, options))
    site.pages[f"{GLOSSARY}/index.md"] = renderer.glossary_index(**_index_context(site))


# --- English edition -------------------------------------------------------------------------

def _english_pages(site: Site, renderer: Renderer, options: SiteOptions) -> None:
    corpus = site.corpus
    site.pages[f"{REPORTS}/index.md"] = renderer.render("reports_index_en.md.j2", reports=corpus.reports,
                                                       memories=corpus.memories)
    for report in corpus.reports:
        page = report_page(report.id)
        annotator = Annotator(corpus.glossary, page, options.directory_urls, english=True)
        memory = corpus.memories[report.id]

        def english(block, r, report=report, annotator=annotator):
            if r.en:
                return annotator.html(r.en, corpus.english.find(r.en))
            return annotator.html(block.text, corpus.concordance.matches[(report.id, block.anchor)])

        def original(block, r):
            parts = []
            if r.status != "current":
                parts.append(Markup('<span class="tm-{}">{}</span>').format(r.status, STATUS_LABEL[r.status]))
            if r.note:
                parts.append(Markup('<span class="tm-note">Translator’s note: {}</span>').format(r.note))
            if r.en:
                was = Markup('<span class="tm-was">Translated from an earlier text: {}</span>').format(r.was) \
                    if r.status == "stale" else ""
                parts.append(Markup('<details class="zh-original"><summary>中文原文 · Chinese original</summary>'
                                    '<span class="zh-text" lang="zh">{}</span>{}</details>').format(block.text, was))
            return Markup('<div class="tm-extra">{}</div>').format(Markup("").join(parts)) if parts else ""

        site.pages[page] = renderer.render(
            "report_en.md.j2", report=report, entry=report.entry, groups=renderer.groups(report.blocks),
            change_summary=renderer.change_summary(report), memory=memory, english=english,
            original=original, status_label=STATUS_LABEL)
    for term in corpus.glossary:
        site.pages[term_page(term.id)] = renderer.render("term_en.md.j2", **_term_context(term, site, options))
    site.pages[f"{GLOSSARY}/index.md"] = renderer.render("glossary_index_en.md.j2", **_index_context(site))


# --- shared by the editions ------------------------------------------------------------------

def _term_context(term, site: Site, options: SiteOptions) -> dict:
    corpus = site.corpus
    page = term_page(term.id)
    by_id = {r.id: r for r in corpus.reports}
    occurrences = corpus.concordance.occurrences.get(term.id, [])
    groups = []
    for report in corpus.reports:
        mine = [o for o in occurrences if o.report == report.id]
        if mine:
            groups.append({
                "report": report.id, "year": report.entry.year, "title": report.entry.title["zh"],
                "title_en": report.entry.title["en"],
                "occurrences": [{
                    "left": o.left, "right": o.right, "form": o.form, "heading": o.heading,
                    "href": relative(page, report_page(o.report), o.anchor, options.directory_urls),
                } for o in mine],
            })
    evidence = []
    for item, link in corpus.concordance.evidence_of(term):
        if link:
            entry = by_id[link.report].entry
            evidence.append({"href": relative(page, report_page(link.report), link.anchor, options.directory_urls),
                             "report_title": f"{entry.year} · {entry.title['zh']}",
                             "report_title_en": f"{entry.year} · {entry.title['en']}", "quote": item.quote})
        else:
            evidence.append({"href": "", "source": item.source})
    years = sorted({r.entry.year for r in corpus.reports})
    english = site.edition is EN
    label = (f"{term.en}: occurrences per report year" if english
             else f"{term.term}：各年报告中的出现次数 · occurrences per report year")
    level_zh, level_en = LEVELS[term.level]
    url = site.edition.prefix + url_of(page, options.directory_urls)
    return dict(
        term=term, groups=groups, total=len(occurrences), evidence=evidence,
        chart=occurrences_svg(corpus.concordance.per_year(term.id), years, label),
        related=[corpus.glossary[r] for r in term.related],
        level={"zh": level_zh, "en": level_en}, category=corpus.glossary.categories[term.category],
        citation=cite(term, url, options.site_url, options.site_name),
    )


def _index_context(site: Site) -> dict:
    glossary = site.corpus.glossary
    counts = {t.id: len(site.corpus.concordance.occurrences.get(t.id, [])) for t in glossary}
    level_order = list(LEVELS)
    groups = []
    for category in glossary.categories.values():
        terms = [t for t in glossary if t.category == category.id]
        if not terms:
            continue
        terms.sort(key=lambda t: (level_order.index(t.level), t.sort_key))
        groups.append({"category": category, "rows": [
            {"term": t, "level": " · ".join(LEVELS[t.level]), "level_en": LEVELS[t.level][1], "count": counts[t.id]}
            for t in terms]})
    return {"groups": groups, "terms": list(glossary)}


COVERAGE_MARK = "<!-- translation-coverage -->"


def coverage_table(corpus: Corpus, edition: Edition, page: str = "about.md", directory_urls: bool = True) -> str:
    """The translation coverage per report, for the about page's placeholder: an HTML table, so
    a manifest title is escaped text, never Markdown or markup."""
    english = edition is EN
    head = (("Report", "Translated", "Outdated", "Not yet translated", "Coverage") if english
            else ("报告 Report", "已译 Translated", "可能过时 Outdated", "未译 Missing", "覆盖率 Coverage"))
    rows = ['<table class="translation-coverage">',
            "<thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in head) + "</tr></thead>", "<tbody>"]
    for report in corpus.reports:
        memory = corpus.memories[report.id]
        title = report.entry.title["en" if english else "zh"]
        href = relative(page, report_page(report.id), directory_urls=directory_urls)
        rows.append(f'<tr><td><a href="{escape(href)}">{escape(title)}</a></td><td>{memory.count("current")}</td>'
                    f'<td>{memory.count("stale")}</td><td>{memory.count("missing")}</td>'
                    f"<td>{memory.coverage:.0%}</td></tr>")
    rows += ["</tbody>", "</table>"]
    return "\n".join(rows) + "\n"


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


def export(manifest: Path, glossary_path: Path, translations: Path, out: Path) -> list[Path]:
    """Write every edition's generated pages and data files to a folder (the default edition at
    the top, the others under their prefixes); nothing is written if any input fails."""
    from builder.export.data import jieba_user_dict

    corpus = load(manifest, glossary_path, translations)
    outputs: dict[str, str] = {"search/jieba_user.dict": jieba_user_dict(corpus.glossary)}
    for edition in EDITIONS:
        site = build_site(corpus, edition)
        for rel, content in {**site.pages, **site.files}.items():
            outputs[edition.prefix + rel] = content
    written = []
    for rel, content in outputs.items():
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
        written.append(target)
    return written

