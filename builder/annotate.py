"""Glossary marks in report text: escaped source text with each matched term made a link.

Decision (page weight measured in docs/about.md): every occurrence is marked, not only the
first per section. A reader lands on a paragraph from a citation or a search hit, not at the
top of the section, and the concordance links to every occurrence; the tooltip travels in a
``title`` attribute (Material's ``content.tooltips`` styles it; it shows on hover and on
keyboard focus, and on touch the tap opens the term page).
"""
from __future__ import annotations

from markupsafe import Markup, escape

from .matcher import Match
from .urls import relative, term_page

TOOLTIP_DEFINITION = 140  # characters of the definition shown in a tooltip


def _short(definition: str) -> str:
    if len(definition) <= TOOLTIP_DEFINITION:
        return definition
    cut = definition[:TOOLTIP_DEFINITION]
    return cut[: cut.rfind(" ")] + "…" if " " in cut else cut + "…"


def tooltip(term) -> str:
    """Chinese form, pinyin, English name and a short definition, as one line of text."""
    head = f"{term.term}（{term.pinyin}）· {term.en}"
    if term.expansion:
        head += f"：{term.expansion}"
    return f"{head} — {_short(term.definition)}"


def tooltip_en(term) -> str:
    """The same, English first, for the English edition."""
    head = f"{term.en} · {term.term} ({term.pinyin})"
    if term.expansion:
        head += f": {term.expansion}"
    return f"{head} — {_short(term.definition)}"


class Annotator:
    """Turns a block's text and its matches into HTML for one page."""

    def __init__(self, glossary, page: str, directory_urls: bool = True, english: bool = False):
        self.glossary = glossary
        self.page = page
        self.directory_urls = directory_urls
        self._titles = {t.id: (tooltip_en if english else tooltip)(t) for t in glossary}

    def html(self, text: str, matches: list[Match]) -> Markup:
        out, pos = [], 0
        for m in matches:
            out.append(escape(text[pos:m.start]))
            href = relative(self.page, term_page(m.term_id), directory_urls=self.directory_urls)
            out.append(Markup('<a class="term" href="{}" title="{}" data-term="{}">{}</a>').format(
                href, self._titles[m.term_id], m.term_id, text[m.start:m.end]))
            pos = m.end
        out.append(escape(text[pos:]))
        return Markup("").join(out)
