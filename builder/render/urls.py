"""Where generated pages live and how they link to each other.

Pages are named by their path under docs/ (``reports/2023-….md``); MkDocs serves
``reports/2023-…/`` with directory URLs (its default). Links inside raw HTML are not rewritten
by MkDocs, so they are made relative here, the same way MkDocs would.
"""
from __future__ import annotations

import posixpath

REPORTS = "reports"
GLOSSARY = "glossary"


def report_page(report_id: str) -> str:
    return f"{REPORTS}/{report_id}.md"


def term_page(term_id: str) -> str:
    return f"{GLOSSARY}/{term_id}.md"


def url_of(page: str, directory_urls: bool = True) -> str:
    """Site-relative URL of a page: ``reports/x.md`` -> ``reports/x/``."""
    stem = page[:-3] if page.endswith(".md") else page
    if posixpath.basename(stem) == "index":
        return posixpath.dirname(stem) + "/" if posixpath.dirname(stem) else ""
    return stem + "/" if directory_urls else stem + ".html"


def relative(from_page: str, to_page: str, anchor: str = "", directory_urls: bool = True) -> str:
    """URL of ``to_page`` (and an anchor on it) as written on ``from_page``."""
    src = url_of(from_page, directory_urls)
    dst = url_of(to_page, directory_urls)
    base = src if src.endswith("/") or not src else posixpath.dirname(src) + "/"
    rel = posixpath.relpath(dst or ".", base or ".")
    if dst.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return rel + (f"#{anchor}" if anchor else "")
