"""What each edition shows: generated pages (front matter and Markdown body) keyed by their path
under docs/, and the data files beside them.

An edition that is ``derived_from`` another converts that edition's rendered pages (the
Traditional edition: OpenCC s2t over the Simplified pages) instead of rendering them again;
only what carries the edition's own address (the citation block) is rendered per edition.
"""
from __future__ import annotations

import hashlib
import json
import pickle
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from builder import memory
from builder.corpus import Corpus
from builder.editions import BY_CODE, Edition, counterpart, keep, unkept
from builder.export.data import glossary_csv, glossary_json
from builder.pickling import fast_pickle
from builder.render.annotate import Annotator
from builder.render.chart import occurrences_svg
from builder.render.indicator_page import _indicator_pages, indicator_files
from builder.render.citation import cite, report_meta
from builder.render.renderer import Renderer, one_line
from builder.render.urls import GLOSSARY, REPORTS, relative, report_page, term_page, url_of
from builder.report.records import BlockKind, Report


@fast_pickle
@dataclass(frozen=True, slots=True)
class SiteOptions:
    site_url: str | None = None
    site_name: str = ""
    directory_urls: bool = True
    editions: tuple[str, ...] = tuple(BY_CODE)
    """Codes of the editions built together (for the edition links)."""
    released: str = ""
    """The glossary's release date, for term citations."""


@dataclass(slots=True)
class Page:
    path: str
    """Path under docs/ (``reports/2023-….md``)."""
    meta: dict
    """Front matter: title, description, citation, edition links."""
    body: str

    def text(self) -> str:
        """The Markdown file: front matter with one JSON value per key (valid YAML whatever the
        text holds), then the body."""
        head = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in self.meta.items())
        return f"---\n{head}---\n\n{self.body}"


@dataclass(slots=True)
class EditionSite:
    edition: Edition
    pages: dict[str, Page] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    """Other files (data exports, redirects) by path under the edition's root."""


def page_title(text: str) -> str:
    """A title for the front matter: one line, HTML-escaped (the theme prints titles and
    descriptions unescaped, some inside attributes)."""
    return str(escape(one_line(text)))


def edition_links(path: str, edition: Edition, options: SiteOptions) -> list[dict]:
    """The same page in every edition built, for the switcher and the hreflang links."""
    page_url = url_of(path, options.directory_urls)
    links = []
    for code in options.editions:
        there = BY_CODE[code]
        href = (options.site_url.rstrip("/") + "/" + there.prefix + page_url if options.site_url
                else counterpart(page_url, edition, there))
        links.append({"name": there.name, "lang": there.hreflang, "href": href, "current": there == edition})
    return links


def build_edition(corpus: Corpus, edition: Edition, options: SiteOptions) -> EditionSite:
    site = EditionSite(edition)
    renderer = Renderer()
    if edition.derived_from:
        base = _rendered(corpus, BY_CODE[edition.derived_from], options, renderer)
        for path, page in base.items():
            meta = {k: edition.convert(v) if isinstance(v, str) else v for k, v in page.meta.items()}
            site.pages[path] = Page(path, meta, edition.derive(page.body))
    else:
        site.pages.update({path: Page(path, page.meta, unkept(page.body))
                           for path, page in _rendered(corpus, edition, options, renderer).items()})
    for term in corpus.glossary:  # the citation names this edition's address
        page = site.pages[term_page(term.id)]
        tags, block = _term_citation(term, edition, options, corpus.settings, renderer)
        page.meta["citation"] = dict(tags)
        page.body += block
    for report in corpus.reports:  # reference-manager metadata, for the page and its passages
        path = report_page(report.id)
        meta = report_meta(report.entry, edition.text(report.entry.title), edition.prefix + url_of(path, options.directory_urls),
                           options.site_url, options.site_name, edition.hreflang)
        site.pages[path].meta["citation"] = {k: edition.convert(v) for k, v in meta.items()}
    for path, page in site.pages.items():
        page.meta["edition_links"] = edition_links(path, edition, options)
    site.files.update(_data_files(corpus))
    site.files.update(indicator_files(corpus))
    for old, new in corpus.glossary.redirects.items():
        site.files[_redirect_path(old, options)] = _redirect_html(old, new, options)
    return site


def _term_citation(term, edition: Edition, options: SiteOptions, settings, renderer: Renderer) -> tuple[dict, str]:
    """A term page's citation tags and block in ``edition``. While serving, made again only when
    the term, the site's options, the citation settings or the templates change: a rebuild
    otherwise re-made and converted every term's citation in every edition."""
    key = (term, edition.code, options, settings.citation_key, tuple(settings.glossary_title.items()), renderer.version)
    made = _CITED.get(key) if memory.KEEP else None
    if made is None:
        path = term_page(term.id)
        citation = cite(term, edition.prefix + url_of(path, options.directory_urls), options.site_url,
                        options.site_name, options.released, settings=settings)
        made = ({k: edition.convert(v) for k, v in citation.meta.items()},
                edition.convert(renderer.render(edition, "cite.md.j2", citation=citation)))
        if memory.KEEP:
            if len(_CITED) > 4000:  # a few versions of every term in every edition
                _CITED.clear()
            _CITED[key] = made
    return made


_CITED: dict[tuple, tuple[dict, str]] = {}


def _rendered(corpus: Corpus, edition: Edition, options: SiteOptions, renderer: Renderer) -> dict[str, Page]:
    """The edition's own pages, without citation blocks and edition links; made once per build
    and shared with the editions derived from it."""
    key = ("pages", edition.code, options)
    if key not in corpus.cache:
        pages: dict[str, Page] = {}
        english = edition.language == "en"
        pages[f"{REPORTS}/index.md"] = Page(f"{REPORTS}/index.md", {"title": edition.label("reports")},
                                            renderer.render(edition, "reports_index.md.j2", reports=corpus.reports,
                                                            memories=corpus.memories))
        for report in corpus.reports:
            path = report_page(report.id)
            pages[path] = Page(path, {"title": page_title(edition.text(report.entry.title))},
                               _report_body(corpus, report, edition, options, renderer))
        for term in corpus.glossary:
            path = term_page(term.id)
            title = f"{term.en} · {term.term}" if english else f"{term.term} · {term.en}"
            description = f"{term.en}: {term.definition}" if english else f"{term.term}：{term.definition_zh}"
            pages[path] = Page(path, {"title": page_title(title), "description": page_title(description)},
                               renderer.render_data(edition, "term.md.j2", **_term_context(term, corpus, edition, options)))
        pages.update(_indicator_pages(corpus, edition, options, renderer))
        pages[f"{GLOSSARY}/index.md"] = Page(
            f"{GLOSSARY}/index.md", {"title": edition.label("glossary_title")},
            renderer.render(edition, "glossary_index.md.j2", **_index_context(corpus)))
        corpus.cache[key] = pages
    return {path: Page(p.path, dict(p.meta), p.body) for path, p in corpus.cache[key].items()}


def _report_body(corpus: Corpus, report: Report, edition: Edition, options: SiteOptions, renderer: Renderer) -> str:
    """The report's page body; while serving, reused when the report, its term matches, its
    translations, the glossary and the settings are unchanged (an edit renders its own report)."""
    if "digest" not in corpus.cache:
        corpus.cache["digest"] = hashlib.blake2b(pickle.dumps((corpus.glossary, corpus.settings), protocol=5)).digest() \
            if memory.KEEP else b""
    matches = corpus.concordance.matches
    data = (report, [matches.get((report.id, b.anchor)) for b in report.blocks], corpus.memories[report.id],
            corpus.cache["digest"], options)
    return renderer.reused(edition, "report.md.j2", data,
                           lambda: _rendered_report_body(corpus, report, edition, options, renderer))


def _rendered_report_body(corpus: Corpus, report: Report, edition: Edition, options: SiteOptions,
                          renderer: Renderer) -> str:
    page = report_page(report.id)
    annotator = Annotator(corpus.glossary, page, options.directory_urls, english=edition.translated)
    memory = corpus.memories[report.id]
    matches = corpus.concordance.matches

    def marked(block):
        return annotator.html(block.text, matches[(report.id, block.anchor)])

    if report.script == "traditional":  # shown as received in every edition, never converted
        source, source_lang = keep, Markup(' lang="zh-Hant"')
    else:
        source, source_lang = (lambda text: text), ""
    if not edition.translated:
        context = dict(heading=lambda block: source(block.text), body=lambda block: Markup(source(marked(block))),
                       after=lambda block: "", lang=lambda block: source_lang, zh_lang=source_lang)
    else:
        def rendering(block):
            return memory.renderings[block.anchor]

        def body(block):
            r = rendering(block)
            return annotator.html(r.en, corpus.english.find(r.en)) if r.en else marked(block)

        def after(block):
            r = rendering(block)
            if block.kind is BlockKind.HEADING:
                status = (Markup(' <span class="tm-{}">{}</span>').format(r.status, edition.label(r.status))
                          if r.status != "current" else "")
                return Markup('<p class="zh-heading" lang="zh">{}{}</p>\n').format(block.text, status)
            parts = []
            if r.status != "current":
                parts.append(Markup('<span class="tm-{}">{}</span>').format(r.status, edition.label(r.status)))
            if r.note:
                parts.append(Markup('<span class="tm-note">Translator’s note: {}</span>').format(r.note))
            if r.en:
                was = Markup('<span class="tm-was">Translated from an earlier text: {}</span>').format(r.was) \
                    if r.status == "stale" else ""
                parts.append(Markup('<details class="zh-original"><summary>中文原文 · Chinese original</summary>'
                                    '<span class="zh-text" lang="zh">{}</span>{}</details>').format(block.text, was))
            return Markup('<div class="tm-extra">{}</div>').format(Markup("").join(parts)) if parts else ""

        context = dict(heading=lambda block: rendering(block).en or block.text, body=body, after=after,
                       lang=lambda block: Markup(' lang="en"') if rendering(block).en else (source_lang or Markup(' lang="zh"')),
                       zh_lang=Markup(' lang="zh"'))
    return renderer.render(
        edition, "report.md.j2", aliases=_aliases, report=report, entry=report.entry, groups=renderer.groups(report.blocks),
        change_summary=renderer.change_summary(report), memory=memory, source=source, labels=edition.labels,
        english=edition.language == "en", **context)


def _aliases(block) -> Markup:
    """Earlier anchors of this block (its text was corrected since they were published)."""
    return Markup("").join(Markup('<span id="{}" class="anchor-alias"></span>').format(a)
                           for a in block.meta.get("aliases", ()))


def _term_context(term, corpus: Corpus, edition: Edition, options: SiteOptions) -> dict:
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
    label = (f"{term.en}: occurrences per report year" if edition.language == "en"
             else f"{term.term}：各年报告中的出现次数 · occurrences per report year")
    level_zh, level_en = corpus.settings.levels[term.level]
    return dict(
        term=term, groups=groups, total=len(occurrences), evidence=evidence,
        chart=occurrences_svg(corpus.concordance.per_year(term.id), years, label),
        related=[corpus.glossary[r] for r in term.related],
        level={"zh": level_zh, "en": level_en}, category=corpus.glossary.categories[term.category],
    )


def _index_context(corpus: Corpus) -> dict:
    glossary = corpus.glossary
    counts = {t.id: len(corpus.concordance.occurrences.get(t.id, [])) for t in glossary}
    levels = corpus.settings.levels
    level_order = list(levels)
    groups = []
    for category in glossary.categories.values():
        terms = [t for t in glossary if t.category == category.id]
        if not terms:
            continue
        terms.sort(key=lambda t: (level_order.index(t.level), t.sort_key))
        groups.append({"category": category, "rows": [
            {"term": t, "level": " · ".join(levels[t.level]), "level_en": levels[t.level][1], "count": counts[t.id]}
            for t in terms]})
    return {"groups": groups, "terms": list(glossary)}


def _data_files(corpus: Corpus) -> dict[str, str]:
    """The glossary's JSON and CSV, made once per build and shared by the editions."""
    if "data" not in corpus.cache:
        args = (corpus.glossary, corpus.concordance, corpus.reports)
        corpus.cache["data"] = {f"{GLOSSARY}/glossary.json": glossary_json(*args, settings=corpus.settings),
                                f"{GLOSSARY}/glossary.csv": glossary_csv(*args)}
    return dict(corpus.cache["data"])


COVERAGE_MARK = "<!-- translation-coverage -->"


def coverage_table(corpus: Corpus, edition: Edition, page: str = "about.md", directory_urls: bool = True) -> str:
    """The translation coverage per report, for a hand-written page's placeholder: a Markdown
    table whose titles are escaped (text, never markup) and whose links are Markdown links to
    the pages' sources, which every engine resolves."""
    import posixpath

    from builder.render.renderer import md_heading

    head = [edition.label(k) for k in ("cov_report", "cov_current", "cov_stale", "cov_missing", "cov_coverage")]
    rows = ["| " + " | ".join(md_heading(h) for h in head) + " |", "| --- | --- | --- | --- | --- |"]
    for report in corpus.reports:
        memory = corpus.memories[report.id]
        href = posixpath.relpath(report_page(report.id), posixpath.dirname(page) or ".")
        rows.append(f"| [{md_heading(one_line(report.entry.title[edition.language]))}]({href}) | "
                    f"{memory.count('current')} | {memory.count('stale')} | {memory.count('missing')} | "
                    f"{memory.coverage:.0%} |")
    return "\n".join(rows) + "\n"


def _redirect_path(old: str, options: SiteOptions) -> str:
    return f"{GLOSSARY}/{old}/index.html" if options.directory_urls else f"{GLOSSARY}/{old}.html"


def _redirect_html(old: str, new: str, options: SiteOptions) -> str:
    """A renamed term's old address keeps working: a static redirect to the current page."""
    target = f"../{new}/" if options.directory_urls else f"{new}/index.html"
    return (f'<!doctype html>\n<html lang="zh"><head><meta charset="utf-8">'
            f'<title>{escape(new)}</title><link rel="canonical" href="{target}">'
            f'<meta http-equiv="refresh" content="0; url={target}"></head>'
            f'<body><p>本条目已移至 · This term has moved to <a href="{target}">{escape(new)}</a>.</p></body></html>\n')


def dedupe_json(reports: list[Report]) -> str:
    """The machine-readable dedupe report: every removal with its source lines, per report."""
    data = {r.id: {"source": r.entry.path.name, "removals": r.removals} for r in reports}
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
