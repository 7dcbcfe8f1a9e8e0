"""Glossary marks in report text: escaped source text with each matched term made a link.

Decision (page weight measured in docs/about.md): every occurrence is marked, not only the
first per section. A reader lands on a paragraph from a citation or a search hit, not at the
top of the section, and the concordance links to every occurrence.

The tooltip travels in a ``data-tip`` attribute that CSS shows with ``content: attr(data-tip)``
on hover and keyboard focus. Not a ``title``: Material's ``content.tooltips`` copies a title into
the page with ``innerHTML``, so a definition holding markup would run as markup; generated
content from an attribute is always text.
"""
from __future__ import annotations

from markupsafe import Markup, escape

from builder.glossary.matcher import Match
from builder.render.urls import relative, term_page

TOOLTIP_DEFINITION = 140  # characters of an English definition shown in a tooltip
TOOLTIP_DEFINITION_ZH = 80  # characters of a Chinese definition (a Chinese character says more)
ZH_STOPS = "。；，、"  # where a Chinese definition may be cut, strongest first
ELLIPSIS_ZH = "……"


def _short(definition: str, limit: int = TOOLTIP_DEFINITION) -> str:
    """An English definition cut to ``limit`` characters between phrases: after the last
    sentence that fits, else at the last semicolon or comma, else at the last space, never
    inside a word; "…" marks a cut inside a sentence."""
    if len(definition) <= limit:
        return definition
    cut = definition[: limit + 1]
    sentence = cut.rfind(". ")
    if sentence >= limit // 3:
        return cut[: sentence + 1]
    for stop in ("; ", ", "):
        at = cut.rfind(stop)
        if at >= limit // 3:
            return cut[:at] + "…"
    space = cut.rfind(" ")
    if space <= 0:
        return definition
    return cut[:space].rstrip(",;:–— ") + "…"


def _short_zh(definition: str, limit: int = TOOLTIP_DEFINITION_ZH) -> str:
    """A Chinese definition cut to ``limit`` characters: after the last full stop (。) that
    fits, else at the last ；，、 (replaced by ……), so the cut falls between clauses, never
    inside a word; a definition with no such stop is kept whole."""
    if len(definition) <= limit:
        return definition
    head = definition[:limit]
    end = head.rfind("。")
    if end >= limit // 3:
        return head[: end + 1]
    for stop in ZH_STOPS[1:]:
        at = head.rfind(stop)
        if at >= limit // 3:
            return head[:at] + ELLIPSIS_ZH
    return definition


def tooltip(term) -> str:
    """For the Chinese editions: Chinese form with pinyin, English name, expansion and a short
    Chinese definition, one per line (the tooltip's CSS keeps the line breaks)."""
    lines = [f"{term.term}（{term.pinyin}）", term.en]
    if term.expansion:
        lines.append(term.expansion)
    lines.append(_short_zh(term.definition_zh))
    return "\n".join(lines)


def tooltip_en(term) -> str:
    """The same, English first, for the English edition."""
    lines = [term.en, f"{term.term} ({term.pinyin})"]
    if term.expansion:
        lines.append(term.expansion)
    lines.append(_short(term.definition))
    return "\n".join(lines)


class Annotator:
    """Turns a block's text and its matches into HTML for one page."""

    def __init__(self, glossary, page: str, directory_urls: bool = True, english: bool = False):
        self.glossary = glossary
        self.page = page
        self.directory_urls = directory_urls
        # Line breaks as character references: a raw newline could end the page's HTML block.
        self._titles = {t.id: Markup(str(escape((tooltip_en if english else tooltip)(t))).replace("\n", "&#10;"))
                        for t in glossary}

    def html(self, text: str, matches: list[Match]) -> Markup:
        out, pos = [], 0
        for m in matches:
            out.append(escape(text[pos:m.start]))
            href = relative(self.page, term_page(m.term_id), directory_urls=self.directory_urls)
            out.append(Markup('<a class="term" href="{}" data-tip="{}" data-term="{}">{}</a>').format(
                href, self._titles[m.term_id], m.term_id, text[m.start:m.end]))
            pos = m.end
        out.append(escape(text[pos:]))
        return Markup("").join(out)
