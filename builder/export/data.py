"""The glossary as data: JSON and CSV at stable URLs.

Every field of every term, plus its occurrence counts per report, so a researcher can use the
glossary without scraping pages. Output is sorted and free of build times (reproducible).
"""
from __future__ import annotations

import csv
import io
import json

from builder import memory
from builder.render.urls import term_page, url_of

CSV_FIELDS = ("id", "term", "variants", "pinyin", "en", "en_variants", "definition", "definition_zh", "expansion",
              "level", "category", "related", "evidence", "note", "occurrences", "url")


def _record(term, conc, reports) -> dict:
    per_report = {}
    for occ in conc.occurrences.get(term.id, []):
        per_report[occ.report] = per_report.get(occ.report, 0) + 1
    evidence = [{"report": item.report, "quote": item.quote, "anchor": link.anchor} if link
                else {"source": item.source} for item, link in conc.evidence_of(term)]
    return {
        "id": term.id, "term": term.term, "variants": list(term.variants), "pinyin": term.pinyin,
        "en": term.en, "en_variants": list(term.en_variants), "definition": term.definition,
        "definition_zh": term.definition_zh,
        "expansion": term.expansion or None, "level": term.level, "category": term.category,
        "related": list(term.related), "former_ids": list(term.former_ids), "match": term.match,
        "note": term.note or None, "evidence": evidence,
        "occurrences": {r.id: per_report[r.id] for r in reports if r.id in per_report},
        "url": url_of(term_page(term.id)),
    }


def glossary_json(glossary, conc, reports, settings=None) -> str:
    """With the site's ``settings``: the region the reports are about and the labels of the levels."""
    data = {} if settings is None else {
        "region": settings.region,
        "levels": {level: {"zh": zh, "en": en} for level, (zh, en) in settings.levels.items()},
    }
    data |= {
        "categories": {c.id: {"zh": c.zh, "en": c.en} for c in glossary.categories.values()},
        "terms": [_record(t, conc, reports) for t in sorted(glossary, key=lambda t: t.id)],
    }
    return pretty_json("glossary.json", data)


def pretty_json(kind: str, data) -> str:
    """``data`` as indented JSON. While serving, the text made last time for ``kind`` when the
    data is equal: with an indent, ``json`` encodes in pure Python, a few hundredths of a second
    per file and process on every rebuild, and most edits leave these files as they were."""
    last = _MADE.get(kind)
    if last is not None and last[0] == data:
        return last[1]
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if memory.KEEP:
        _MADE[kind] = (data, text)
    return text


_MADE: dict[str, tuple] = {}


FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet may read a cell starting with one of these as a formula (OWASP, CSV injection)."""


def neutralise(cell):
    """The cell with a ``'`` in front when it starts like a formula (``=HYPERLINK(…)``, ``+1``,
    ``-2``, ``@SUM``, tab, CR), so a spreadsheet shows it as text; other values unchanged."""
    return "'" + cell if isinstance(cell, str) and cell.startswith(FORMULA_LEADS) else cell


def glossary_csv(glossary, conc, reports) -> str:
    """The glossary as CSV, one row per term (``CSV_FIELDS``); lists joined with ``|``.

    Every text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
    prefixed with ``'`` (OWASP's advice against formula injection): a spreadsheet opening the
    file shows such a cell as text instead of running it. The JSON export keeps the exact text.
    """
    rows = []
    for term in sorted(glossary, key=lambda t: t.id):
        rec = _record(term, conc, reports)
        row = {
            **{k: rec[k] or "" for k in ("id", "term", "pinyin", "en", "definition", "definition_zh", "expansion",
                                          "level", "category", "note", "url")},
            "variants": "|".join(rec["variants"]), "en_variants": "|".join(rec["en_variants"]),
            "related": "|".join(rec["related"]),
            "evidence": "|".join(e.get("quote") and f"{e['report']}#{e['anchor']}: {e['quote']}"
                                 or e["source"] for e in rec["evidence"]),
            "occurrences": sum(rec["occurrences"].values()),
        }
        rows.append({k: neutralise(v) for k, v in row.items()})
    last = _MADE.get("glossary.csv")  # while serving, as ``pretty_json``
    if last is not None and last[0] == rows:
        return last[1]
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    if memory.KEEP:
        _MADE["glossary.csv"] = (rows, buf.getvalue())
    return buf.getvalue()

