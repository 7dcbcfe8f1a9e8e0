"""How to cite a term page: plain text, BibTeX, CSL-JSON and the citation_* meta tags.

The permalink is absolute when the site's URL is configured (``site_url``); otherwise the page
path is shown and the page's script completes it from the address bar. The access date is the
reader's: the script fills in today's date, and without scripts a placeholder asks for it.
Nothing here depends on the build time, so builds stay reproducible.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from builder.inputs.settings import DEFAULT as DEFAULT_SETTINGS, CorpusSettings

ACCESS_PLACEHOLDER = "YYYY-MM-DD"


@dataclass(frozen=True, slots=True)
class Citation:
    term_id: str
    title: str
    url: str
    plain: str
    bibtex: str
    csl_json: str
    meta: dict


def _bibtex_escape(text: str) -> str:
    return "".join("\\" + ch if ch in "{}%&$#_" else ch for ch in text)


def cite(term, path: str, site_url: str | None, site_name: str,
         settings: CorpusSettings = DEFAULT_SETTINGS) -> Citation:
    """``settings``: the site's glossary title (the container of the entry) and citation key prefix."""
    container_zh, container_en = settings.glossary_title["zh"], settings.glossary_title["en"]
    url = (site_url.rstrip("/") + "/" + path) if site_url else "/" + path
    title = f"{term.term} ({term.pinyin}) · {term.en}"
    plain = (f"“{term.term} ({term.pinyin}), {term.en}.” In {container_en} ({container_zh}). "
             f"{site_name}. {url}. Accessed {ACCESS_PLACEHOLDER}.")
    key = f"{settings.citation_key}-{term.id}"
    bibtex = (
        f"@misc{{{key},\n"
        f"  title = {{{_bibtex_escape(title)}}},\n"
        f"  booktitle = {{{_bibtex_escape(CONTAINER_EN)}}},\n"
        f"  publisher = {{{_bibtex_escape(site_name)}}},\n"
        f"  howpublished = {{\\url{{{url}}}}},\n"
        f"  urldate = {{{ACCESS_PLACEHOLDER}}},\n"
        f"  language = {{chinese}},\n"
        f"}}"
    )
    csl = {
        "id": key,
        "type": "entry-dictionary",
        "title": title,
        "container-title": CONTAINER_EN,
        "publisher": site_name,
        "URL": url,
        "language": "zh-CN",
        "accessed": {"raw": ACCESS_PLACEHOLDER},
    }
    meta = {
        "citation_title": title,
        "citation_inbook_title": CONTAINER_EN,
        "citation_publisher": site_name,
        "citation_language": "zh",
        "citation_keywords": "; ".join([term.term, *term.variants, term.en]),
        "citation_public_url": url,
        "DC.title": title,
        "DC.publisher": site_name,
        "DC.language": "zh",
        "DC.type": "Text",
        "DC.identifier": url,
    }
    if not site_url:  # a bare path is no identifier; the reference manager takes the address
        del meta["citation_public_url"], meta["DC.identifier"]
    return Citation(term.id, title, url, plain, bibtex,
                    json.dumps(csl, ensure_ascii=False, indent=2), meta)
