"""The indicators as data: JSON and CSV beside the indicators page, in every edition.

One row per record (a target or a result), with the exact words it was read from and the
paragraph they stand in, so a reader can check every figure; the figures left out are in the
JSON with their reason. Sorted, free of build times (reproducible). CSV cells that a spreadsheet
could read as a formula are neutralised as in the glossary's CSV.
"""
from __future__ import annotations

import csv
import io

from builder.export.data import neutralise, pretty_json
from builder.indicators.model import BY_ID, INDICATORS, Indicators, Record, Unresolved
from builder.render.urls import report_page, url_of

CSV_FIELDS = ("report", "report_year", "indicator", "indicator_zh", "indicator_en", "measure", "role",
              "period", "period_en", "period_start", "period_end", "value", "value_high", "unit", "qualifier",
              "average", "area", "figure", "source", "anchor", "url", "cue", "basis")
NUMBERS = ("report_year", "period_start", "period_end", "value", "value_high")


def _number(value) -> str | None:
    return None if value is None else format(value, "f")


def _record(r: Record) -> dict:
    ind = BY_ID[r.indicator]
    return {
        "report": r.report, "report_year": r.year, "indicator": r.indicator, "indicator_zh": ind.zh,
        "indicator_en": ind.en, "measure": r.measure, "role": r.role, "period": r.period.zh,
        "period_en": r.period.en, "period_start": r.period.start, "period_end": r.period.end,
        "value": _number(r.value), "value_high": _number(r.high), "unit": r.unit, "scale": r.scale,
        "qualifier": r.qualifier, "qualifier_word": r.qualifier_word, "average": r.average, "area": r.area,
        "figure": r.figure, "source": r.source, "offset": r.start, "anchor": r.anchor,
        "label_anchor": r.label_anchor or None,
        "url": url_of(report_page(r.report)) + "#" + r.anchor, "cue": r.cue, "cue_anchor": r.cue_anchor or None,
        "basis": r.basis,
    }


def _left_out(u: Unresolved) -> dict:
    return {"report": u.report, "indicator": u.indicator, "source": u.source, "offset": u.start,
            "anchor": u.anchor, "url": url_of(report_page(u.report)) + "#" + u.anchor, "reason": u.reason,
            "detail": u.detail}


def _order(indicators: Indicators) -> list[Record]:
    rank = {i.id: n for n, i in enumerate(INDICATORS)}
    return sorted(indicators.records, key=lambda r: (rank[r.indicator], r.measure, r.period.key, r.role,
                                                     r.report, r.anchor, r.start))


def indicators_json(indicators: Indicators) -> str:
    """Values are decimal strings (``"151210000000"``: 1512.1亿元 in yuan), exact as written."""
    data = {
        "indicators": [{"id": i.id, "zh": i.zh, "en": i.en, "group": i.group, "phrases": list(i.phrases),
                        "units": list(i.units)} for i in INDICATORS],
        "records": [_record(r) for r in _order(indicators)],
        "left_out": [_left_out(u) for u in sorted(indicators.unresolved,
                                                   key=lambda u: (u.report, u.anchor, u.start))],
    }
    return pretty_json("indicators.json", data)


def indicators_csv(indicators: Indicators) -> str:
    """One row per record (``CSV_FIELDS``); every text cell that begins like a formula (``=``, ``+``,
    ``-``, ``@``, tab, CR) is prefixed with ``'``."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for r in _order(indicators):
        row = {k: ("" if v is None else v) for k, v in _record(r).items()}
        row["average"] = "yes" if r.average else ""
        # Numbers are written by the builder, never a formula; a negative one keeps its sign.
        writer.writerow({k: v if k in NUMBERS else neutralise(v) for k, v in row.items()})
    return buf.getvalue()
