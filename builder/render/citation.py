"""How to cite a term page or a report: plain text, BibTeX, CSL-JSON, RIS and the citation_*
meta tags reference managers read (Highwire Press tags, as Zotero and Google Scholar use them:
a report is a ``report`` (citation_technical_report_institution), a term a ``bookSection`` of
the glossary (citation_inbook_title), each with a date: the report's year, the glossary's
release date from the build configuration). Passages are cited by the page's script from the
report page's tags, the nearest heading and the paragraph's anchor.

The permalink is absolute when the site's URL is configured (``site_url``); otherwise the page
path is shown and the page's script completes it from the address bar. The access date is the
reader's: the script fills in today's date, and without scripts a placeholder asks for it.
Nothing here depends on the build time, so builds stay reproducible.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from builder.inputs.settings import DEFAULT as DEFAULT_SETTINGS, CorpusSettings
from builder.pickling import fast_pickle

ACCESS_PLACEHOLDER = "YYYY-MM-DD"


@fast_pickle
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


def cite(term, path: str, site_url: str | None, site_name: str, released: str = "",
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
        f"  booktitle = {{{_bibtex_escape(container_en)}}},\n"
        f"  publisher = {{{_bibtex_escape(site_name)}}},\n"
        f"  howpublished = {{\\url{{{url}}}}},\n"
        f"  urldate = {{{ACCESS_PLACEHOLDER}}},\n"
        f"  language = {{chinese}},\n"
        f"}}"
    )
    if released:
        bibtex = bibtex[:-2] + f",\n  year = {{{released[:4]}}},\n  date = {{{released}}}\n}}"
    csl = {
        "id": key,
        "type": "entry-dictionary",
        "title": title,
        "container-title": container_en,
        "publisher": site_name,
        "URL": url,
        "language": "zh-CN",
        "accessed": {"raw": ACCESS_PLACEHOLDER},
    }
    if released:
        csl["issued"] = {"raw": released}
    meta = {
        "citation_title": title,
        "citation_inbook_title": container_en,
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
    if released:
        meta["citation_publication_date"] = released.replace("-", "/")
        meta["DC.date"] = released
    if not site_url:  # a bare path is no identifier; the reference manager takes the address
        del meta["citation_public_url"], meta["DC.identifier"]
    return Citation(term.id, title, url, plain, bibtex,
                    json.dumps(csl, ensure_ascii=False, indent=2), meta)


def ris(fields: list[tuple[str, str]]) -> str:
    """An RIS record from (tag, value) pairs, ending with ER."""
    return "".join(f"{tag}  - {value}\n" for tag, value in fields if value) + "ER  - \n"


def report_meta(entry, title: str, path: str, site_url: str | None, site_name: str, language: str) -> dict:
    """Reference-manager metadata of a report page; the page's script builds passage citations
    from the same tags."""
    url = (site_url.rstrip("/") + "/" + path) if site_url else ""
    meta = {
        "citation_title": title,
        "citation_publication_date": str(entry.year),
        "citation_date": str(entry.year),
        "citation_technical_report_institution": site_name,
        "citation_publisher": site_name,
        "citation_language": language,
        "DC.title": title,
        "DC.date": str(entry.year),
        "DC.type": "Text",
        "DC.publisher": site_name,
        "DC.language": language,
    }
    if url:
        meta["citation_public_url"] = url
        meta["DC.identifier"] = url
    return meta
