"""Where generated pages live and how they link to each other.

Each generated page is an ``index.md`` in a folder of its own (``reports/2023-…/index.md``,
served as ``reports/2023-…/``), so the page's source folder and its output folder are the same.
That makes the relative links inside raw HTML mean the same in every engine: MkDocs leaves them
as written (relative to the output page), Zensical rewrites them as relative to the source file
(measured on 0.0.73); with the two folders equal, both give the same address.
"""
from __future__ import annotations

import functools
import posixpath

REPORTS = "reports"
GLOSSARY = "glossary"


def report_page(report_id: str) -> str:
    return f"{REPORTS}/{report_id}/index.md"


def term_page(term_id: str) -> str:
    return f"{GLOSSARY}/{term_id}/index.md"


@functools.lru_cache(maxsize=16384)  # pure; asked for every page of every edition each build
def url_of(page: str, directory_urls: bool = True) -> str:
    """Site-relative URL of a page: ``reports/x.md`` -> ``reports/x/``."""
    stem = page[:-3] if page.endswith(".md") else page
    if posixpath.basename(stem) == "index":
        folder = posixpath.dirname(stem)
        if not directory_urls:
            return f"{folder}/index.html" if folder else "index.html"
        return folder + "/" if folder else ""
    return stem + "/" if directory_urls else stem + ".html"


@functools.lru_cache(maxsize=65536)  # pure; the term pages ask for the same few thousand links each build
def relative(from_page: str, to_page: str, anchor: str = "", directory_urls: bool = True) -> str:
    """URL of ``to_page`` (and an anchor on it) as written on ``from_page``."""
    src = url_of(from_page, directory_urls)
    dst = url_of(to_page, directory_urls)
    base = src if src.endswith("/") or not src else posixpath.dirname(src) + "/"
    rel = posixpath.relpath(dst or ".", base or ".")
    if dst.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return rel + (f"#{anchor}" if anchor else "")
