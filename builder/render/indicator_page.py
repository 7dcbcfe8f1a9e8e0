"""The indicators page: every quantified target and result, by indicator and year, each figure
linking to its paragraph, with a small static chart per indicator and the figures left out.

Rows are series: an indicator with what is measured and the unit (growth in %, the level in
亿元…), since only those can share an axis. Columns are the single years the figures refer to;
figures for a span (a five-year plan, a government's term) are in a second table. The Chinese
editions show each figure exactly as the report writes it; the English edition writes it in
English (``about 6.1%``, ``151.21 billion yuan``) with the Chinese words in its tooltip.
"""
from __future__ import annotations

import posixpath
from collections import Counter
from decimal import Decimal

from markupsafe import Markup, escape

from builder.export.indicators import indicators_csv, indicators_json
from builder.indicators.model import BY_ID, GROUPS, INDICATORS, MEASURES, QUALIFIERS, REASONS, ROLES, Period, Record
from builder.indicators.numbers import plain
from builder.render.chart import svg_open
from builder.render.urls import relative, report_page

FOLDER = "indicators"
PAGE = f"{FOLDER}/index.md"
JSON_FILE = f"{FOLDER}/indicators.json"
CSV_FILE = f"{FOLDER}/indicators.csv"

TITLE = {"zh": "主要指标：目标与实际 · Indicators", "en": "Indicators: targets and results"}
NAV = {"zh": "指标", "en": "Indicators"}
"""The page's entry in the navigation, in the edition's words."""
DESCRIPTION = {"zh": "各报告写明的主要经济社会指标的预期目标与实际完成情况，按指标和年份列出，每个数字链接到原文段落。",
               "en": "The main economic and social targets the reports set and the results they report, "
                     "by indicator and year, each figure linked to its paragraph."}

SCALE_ZH = {1: "", 10**4: "万", 10**6: "百万", 10**7: "千万", 10**8: "亿", 10**12: "万亿"}
UNIT_EN = {"元": "yuan", "美元": "US dollars", "人": "people", "人次": "person-times", "户": "households",
           "家": "enterprises", "吨": "tonnes", "亩": "mu", "斤": "jin", "公斤": "kg", "天": "days",
           "微克/立方米": "μg/m³", "立方米": "m³", "立方": "m³", "千瓦": "kW", "千瓦时": "kWh", "公里": "km",
           "平方公里": "km²", "平方米": "m²", "百分点": "percentage points", "倍": "times", "%": "%"}
EN_SCALES = ((10**9, "billion"), (10**6, "million"))
QUALIFIER_EN_BEFORE = {"about": "about ", "at_least": "at least ", "at_most": "at most ", "above": "over ",
                       "below": "below "}
AREA_EN = {"市区": "urban area", "中心城区": "central urban area"}


# --- figures in words ------------------------------------------------------------------------

def _decimal(value: Decimal) -> str:
    return format(plain(value), "f")


def _grouped(value: Decimal) -> str:
    text = _decimal(value)
    whole, dot, frac = text.partition(".")
    return f"{int(whole):,}" + (dot + frac if frac else "")


def en_amount(value: Decimal, unit: str) -> str:
    """A figure in English words: ``151.21 billion yuan``, ``38,000 people``, ``6.1%``."""
    if unit == "%":
        return f"{_decimal(value)}%"
    words = UNIT_EN.get(unit, unit)
    for scale, name in EN_SCALES:
        if abs(value) >= scale:
            return f"{_decimal(value / scale)} {name} {words}"
    return f"{_grouped(value)} {words}"


def en_figure(record: Record) -> str:
    """The record's figure in English, with its qualifier: ``about 6.1%``, ``4.5–5%``,
    ``at least 38,000 people``, ``in step with economic growth``."""
    if record.value is None:
        return QUALIFIERS[record.qualifier][1]
    if record.high is not None:
        if record.unit == "%":
            text = f"{_decimal(record.value)}–{_decimal(record.high)}%"
        else:
            text = f"{en_amount(record.value, record.unit)} to {en_amount(record.high, record.unit)}"
    else:
        text = QUALIFIER_EN_BEFORE.get(record.qualifier, "") + en_amount(record.value, record.unit)
    if record.unit == "百分点" and record.value == 1:
        text = text.replace("percentage points", "percentage point")
    if record.average:
        text += " a year on average"
    if record.area:
        text += f" ({AREA_EN.get(record.area, record.area)})"
    return text


def zh_figure(record: Record) -> str:
    """The figure as written, with what qualifies it when that stands elsewhere in the sentence
    (``城乡居民人均可支配收入分别突破3万元和1万元``: the second figure shows ``1万元（突破）``)."""
    text = record.figure
    if record.average and "年均" not in text:
        text = "年均" + text
    if record.qualifier_word and record.qualifier_word not in text:
        text += f"（{record.qualifier_word}）"
    if record.area and record.area not in text:
        text += f"（{record.area}）"
    return text


# --- series ------------------------------------------------------------------------------------

MEASURE_ORDER = list(MEASURES)


def _series_order(key: tuple[str, str, str]) -> tuple:
    rank = {i.id: n for n, i in enumerate(INDICATORS)}
    indicator, measure, unit = key
    return (rank[indicator], MEASURE_ORDER.index(measure), unit)


def _zh_unit(records: list[Record]) -> tuple[int, str]:
    """The unit most figures of a series are written in (亿元, 万人, %): (scale, unit)."""
    written = Counter((r.scale, r.unit) for r in records if r.value is not None)
    if not written:
        return 1, records[0].series[2]
    return written.most_common(1)[0][0]


def _en_unit(records: list[Record]) -> tuple[int, str]:
    unit = records[0].series[2]
    values = [abs(r.high or r.value) for r in records if r.value is not None]
    if unit in ("%", "百分点") or not values:
        return 1, UNIT_EN.get(unit, unit)
    top = max(values)
    for scale, name in EN_SCALES + ((10**3, "thousand"),):
        if top >= scale * 10:
            return scale, f"{name} {UNIT_EN.get(unit, unit)}"
    return 1, UNIT_EN.get(unit, unit)


def series_label(key: tuple[str, str, str], records: list[Record], english: bool) -> str:
    indicator, measure, _ = key
    ind = BY_ID[indicator]
    zh_measure, en_measure = MEASURES[measure]
    if english:  # the unit itself: figures are written out in full (151.21 billion yuan)
        unit = UNIT_EN.get(key[2], key[2])
        name = ind.en + (f", {en_measure}" if en_measure else "")
        return f"{name} ({unit})" if unit else name
    scale, unit = _zh_unit(records)
    unit = SCALE_ZH.get(scale, "") + unit
    name = ind.zh + (f" · {zh_measure}" if zh_measure else "")
    return f"{name}（{unit}）" if unit else name


def _slug(key: tuple[str, str, str]) -> str:
    """An ASCII id for the row and its chart: ``gdp-growth-percent``, ``gdp-level-yuan``."""
    indicator, measure, unit = key
    words = {"%": "percent", "百分点": "points", "微克/立方米": "ugm3"}.get(unit) or UNIT_EN.get(unit, "")
    unit_slug = "".join(c if c.isascii() and c.isalnum() else "-" for c in words).strip("-")
    if not unit_slug and unit:
        unit_slug = "u" + "-".join(str(ord(c)) for c in unit)
    return "-".join(p for p in (indicator, measure, unit_slug) if p)


# --- the chart -----------------------------------------------------------------------------------

BAR, PAIR, SLOT_GAP, HEIGHT, TOP, BOTTOM = 14, 2, 16, 90, 16, 22


def _short(value: Decimal) -> str:
    text = _decimal(value)
    return text if len(text) <= 7 else f"{float(value):.4g}"


def series_svg(records: list[Record], years: list[int], scale: int, label: str) -> Markup:
    """Target (outlined, dashed; a range as a band above it) beside result (filled), per year.
    Values in the series' display unit (``scale``): 1512.1 for 1512.1亿元 with scale 10⁸."""
    per_year: dict[tuple[int, str], list[Record]] = {}
    for r in records:
        if r.value is not None and r.period.year in years:
            per_year.setdefault((r.period.year, r.role), []).append(r)
    peak = max([float((r.high or r.value) / scale) for rs in per_year.values() for r in rs] + [0]) or 1
    slot = 2 * BAR + PAIR
    width = len(years) * (slot + SLOT_GAP) + SLOT_GAP
    total = HEIGHT + TOP + BOTTOM
    base = TOP + HEIGHT

    def y(value: Decimal) -> float:
        return round(base - HEIGHT * float(value / scale) / peak, 1)

    parts = [*svg_open("indicator-chart", width, total, label),
             f'<line x1="0" y1="{base}" x2="{width}" y2="{base}" class="axis" stroke="currentColor" stroke-opacity=".4"/>']
    for i, year in enumerate(years):
        x0 = SLOT_GAP + i * (slot + SLOT_GAP)
        for role, x in (("target", x0), ("result", x0 + BAR + PAIR)):
            for r in per_year.get((year, role), [])[:1]:
                top = y(r.value)
                cls = "target" if role == "target" else "result"
                paint = 'fill="none" stroke="currentColor" stroke-dasharray="3 2"' if role == "target" \
                    else 'fill="currentColor"'
                parts.append(f'<rect x="{x}" y="{top}" width="{BAR}" height="{round(base - top, 1)}" '
                             f'class="{cls}" {paint}/>')
                text = _short(r.value / scale)
                if r.high is not None:
                    high = y(r.high)
                    parts.append(f'<rect x="{x}" y="{high}" width="{BAR}" height="{round(top - high, 1)}" '
                                 f'class="range" fill="currentColor" fill-opacity=".25"/>')
                    text += "–" + _short(r.high / scale)
                    top = high
                parts.append(f'<text x="{x + BAR / 2}" y="{top - 3}" class="value">{escape(text)}</text>')
        parts.append(f'<text x="{x0 + slot / 2}" y="{base + 15}" class="year">{year}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


# --- the page ------------------------------------------------------------------------------------

def _link(record: Record, english: bool, directory_urls: bool, labels: dict[str, str]) -> Markup:
    """The figure, linking to its paragraph; the tooltip quotes the words it was read from (with
    the indicator's name from the previous figure box where the report put it there)."""
    href = relative(PAGE, report_page(record.report), record.anchor, directory_urls)
    source = record.source
    if record.label_anchor:
        source = f"{labels.get((record.report, record.label_anchor), '')}｜{source}"
    title = (f"{record.year} report: {source}" if english else f"{record.year}年报告：{source}")
    text = en_figure(record) if english else zh_figure(record)
    return Markup('<a href="{}" title="{}">{}</a>').format(href, title, text)


def _cell(records: list[Record], english: bool, directory_urls: bool, labels: dict) -> Markup:
    lines = []
    for role in ("target", "result"):
        mine = [r for r in records if r.role == role]
        if not mine:
            continue
        word = ROLES[role][1 if english else 0]
        links = Markup("、" if not english else "; ").join(_link(r, english, directory_urls, labels) for r in mine)
        lines.append(Markup('<span class="ind-{}">{}</span> {}').format(role, word, links))
    return Markup("<br>").join(lines)


def _span_order(records: list[Record]) -> list[Period]:
    first: dict[Period, tuple] = {}
    for r in records:
        if r.period.year is None:
            first.setdefault(r.period, (r.year, r.period.key))
            first[r.period] = min(first[r.period], (r.year, r.period.key))
    return sorted(first, key=lambda p: first[p])


def _block_text(corpus, report_id: str, anchor: str) -> str:
    report = next(r for r in corpus.reports if r.id == report_id)
    return next((b.text for b in report.blocks if b.anchor == anchor), "")


def page_context(corpus, edition, directory_urls: bool) -> dict:
    english = edition.language == "en"
    indicators = corpus.indicators
    records = indicators.records
    by_series: dict[tuple, list[Record]] = {}
    for r in records:
        by_series.setdefault(r.series, []).append(r)
    keys = sorted(by_series, key=_series_order)
    years = sorted({r.period.year for r in records if r.period.year is not None})
    spans = _span_order(records)
    rows, span_rows, charts = [], [], []
    labels = {(r.report, r.label_anchor): _block_text(corpus, r.report, r.label_anchor)
              for r in records if r.label_anchor}
    for key in keys:
        mine = by_series[key]
        label = series_label(key, mine, english)
        group = GROUPS[BY_ID[key[0]].group][1 if english else 0]
        cells = [_cell([r for r in mine if r.period.year == y], english, directory_urls, labels) for y in years]
        if any(cells):
            rows.append({"label": label, "group": group, "cells": cells, "slug": _slug(key)})
        span_cells = [_cell([r for r in mine if r.period == p], english, directory_urls, labels) for p in spans]
        if any(span_cells):
            span_rows.append({"label": label, "group": group, "cells": span_cells})
        if any(r.value is not None and r.period.year is not None for r in mine):
            scale, unit = _en_unit(mine) if english else _zh_unit(mine)
            unit_text = unit if english else SCALE_ZH.get(scale, "") + unit
            title = (f"{label}: targets and results by year" if english else f"{label}：各年目标与实际")
            charts.append({"label": label, "slug": _slug(key), "unit": unit_text,
                           "svg": series_svg(mine, years, scale, title)})
    by_id = {r.id: r for r in corpus.reports}
    summary = []
    for report in corpus.reports:
        mine = [r for r in records if r.report == report.id]
        left = [u for u in indicators.unresolved if u.report == report.id]
        summary.append({"year": report.entry.year, "title": edition.text(report.entry.title),
                        "href": posixpath.relpath(report_page(report.id), FOLDER),
                        "targets": sum(r.role == "target" for r in mine),
                        "results": sum(r.role == "result" for r in mine), "left_out": len(left)})
    left_out = [{
        "report": f"{by_id[u.report].entry.year}",
        "href": relative(PAGE, report_page(u.report), u.anchor, directory_urls),
        "source": u.source,
        "indicator": " / ".join((BY_ID[i].en if english else BY_ID[i].zh) for i in u.indicator.split(",")),
        "reason": REASONS[u.reason][1 if english else 0],
    } for u in sorted(indicators.unresolved, key=lambda u: (by_id[u.report].entry.year, u.anchor, u.start))]
    return {
        "years": years, "spans": [p.en if english else p.zh for p in spans], "rows": rows,
        "span_rows": span_rows, "charts": charts, "summary": summary, "left_out": left_out,
        "total": len(records), "indicator_count": len({r.indicator for r in records}),
        "json": "indicators.json", "csv": "indicators.csv",
    }


def _indicator_pages(corpus, edition, options, renderer) -> dict:
    """The indicators page of an edition, by its path (``pages._rendered`` adds it)."""
    from builder.render.pages import Page, page_title

    context = page_context(corpus, edition, options.directory_urls)
    meta = {"title": page_title(edition.text(TITLE)), "description": page_title(edition.text(DESCRIPTION))}
    return {PAGE: Page(PAGE, meta, renderer.render(edition, "indicators.md.j2", **context))}


def indicator_files(corpus) -> dict[str, str]:
    """The indicators as JSON and CSV, made once per build and shared by the editions."""
    if "indicator-data" not in corpus.cache:
        corpus.cache["indicator-data"] = {JSON_FILE: indicators_json(corpus.indicators),
                                          CSV_FILE: indicators_csv(corpus.indicators)}
    return dict(corpus.cache["indicator-data"])
