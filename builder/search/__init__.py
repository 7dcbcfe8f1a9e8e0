"""Search built by the library from its own pages, the same in every engine.

The export calls ``edition_files`` for each edition: it reads the edition's pages as exported
(``extract``: sections by anchor), indexes them (``index``: Han bigrams with positions, English
word keys, a script folding table, the glossary's pinyin) and returns the index files and the
search script (``assets/search.js``) to write under the edition's ``docs/``. Neither MkDocs'
nor Zensical's own search is used (the exported configuration turns it off): their indexes are
fetched on every page view, segment Chinese into words (jieba with a user dictionary, or the
browser's ``Intl.Segmenter``) so a phrase matches its words anywhere, and know neither the other
script nor pinyin. The decision and its measurements are on the about and benchmarks pages.
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Mapping

from builder import memory
from builder.search.extract import document
from builder.search.index import FOLDER, build, pinyin_terms
from builder.search.text import fold_table

SCRIPT = "assets/search.js"
"""Where the search script goes under each edition's docs/ (listed in ``extra_javascript``)."""
ASSETS = Path(__file__).parent / "assets"

__all__ = ["FOLDER", "SCRIPT", "edition_files"]


def edition_files(edition, pages: Mapping[str, str], glossary=None, directory_urls: bool = True) -> dict[str, bytes]:
    """The search files of an edition: its index (``search/…``) and the script, by path under
    docs/. ``pages`` maps each page's path under docs/ to its Markdown as exported.

    While serving, a rebuild whose pages and terms are those of the last build of the edition
    reuses its files, and only the pages that changed are read again."""
    from builder.render.urls import url_of

    urls = {path: url_of(path, directory_urls) for path in pages if path.endswith(".md")}
    terms = pinyin_terms(glossary, edition, lambda page: url_of(page, directory_urls)) if glossary is not None else []
    key = ({urls[path]: pages[path] for path in urls}, terms)  # compared whole: equal texts compare fast
    script = (ASSETS / "search.js").read_bytes()
    last = _LAST.get(edition.code)
    if last is None or last[0] != key:
        documents = [_document(urls[path], pages[path]) for path in sorted(urls)]
        table = fold_table(_characters(urls[path], pages[path]) for path in sorted(urls))
        try:
            files, postings = build(documents, table, terms, previous=last[2] if last else None)
        except BaseException:  # the previous postings may be half updated: start afresh next time
            _LAST.pop(edition.code, None)
            raise
        last = (key, files, postings)
        if memory.KEEP:
            _LAST[edition.code] = last
    return {**last[1], SCRIPT: script}


_LAST: dict[str, tuple] = {}
"""The last index built per edition: (its pages' texts by address and its terms, its files, its postings)."""


@functools.lru_cache(maxsize=4096)
def _document(url: str, markdown: str):
    return document(url, markdown)


@functools.lru_cache(maxsize=4096)
def _characters(url: str, markdown: str) -> frozenset[str]:
    """The characters of the page's sections, which decide its part of the folding table."""
    return frozenset().union(*(section.text for section in _document(url, markdown).sections))
