"""Indicators: the figure parser, the extraction (faithful on the real corpus, general on invented
wording), the page in every edition, and the data exports."""
from __future__ import annotations

import csv
import io
import json
import posixpath
import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from conftest import ROOT
from linkcheck import broken_links

from builder.config import load as load_config
from builder.corpus import load_for
from builder.editions import EDITIONS
from builder.export.indicators import indicators_csv
from builder.export.tree import export_files
from builder.indicators import Indicators, Period, Record, extract
from builder.indicators.numbers import cn_number, parse_quantity
from builder.inputs.manifest import ManifestEntry
from builder.render.indicator_page import CSV_FILE, JSON_FILE, PAGE, en_figure, zh_figure
from builder.report.records import Block, BlockKind, Report

R2020, R2021, R2022, R2023, R2026 = (
    "2020-government-work-report", "2021-party-congress-report", "2022-government-work-report-summary",
    "2023-government-work-report", "2026-government-work-report")


@pytest.fixture(scope="module")
def config():
    return load_config(ROOT / "mkdocs.yml")


@pytest.fixture(scope="module")
def real(config):
    return load_for(config)


@pytest.fixture(scope="module")
def files(config, real):
    return export_files(config, real)


# --- the figure parser ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, value", [
    ("三", 3), ("十", 10), ("十五", 15), ("二十", 20), ("一百二十", 120), ("一千零五", 1005), ("两千", 2000),
    ("百万", 10**6), ("十万", 10**5), ("三亿五千万", 350_000_000), ("万亿", 10**12), ("二〇二〇", 2020),
    ("四十五", 45),
])
def test_chinese_numerals(text, value):
    assert cn_number(text) == value


@pytest.mark.parametrize("text", ["三四", "亿万", ""])
def test_malformed_chinese_numerals_are_refused(text):
    with pytest.raises(ValueError):
        cn_number(text)


@pytest.mark.parametrize("text, before, amount, high, unit, qualifier, written", [
    ("6.1%左右", "", "6.1", None, "%", "about", "6.1%左右"),
    ("3.8万人以上", "", "38000", None, "人", "at_least", "3.8万人以上"),
    ("4.5%以内", "", "4.5", None, "%", "at_most", "4.5%以内"),
    ("4.5%—5%。", "", "4.5", "5", "%", "range", "4.5%—5%"),
    ("4.5—5%", "", "4.5", "5", "%", "range", "4.5—5%"),
    ("5%至6%", "", "5", "6", "%", "range", "5%至6%"),
    ("7%-8%", "", "7", "8", "%", "range", "7%-8%"),
    ("2000亿元", "突破", "200000000000", None, "元", "above", "2000亿元"),
    ("500万亩", "不少于", "5000000", None, "亩", "at_least", "500万亩"),
    ("1512.1亿元，增长5.7%", "完成", "151210000000", None, "元", "exact", "1512.1亿元"),
    ("１２．５％", "", "12.5", None, "%", "exact", "１２．５％"),  # full-width, as some pages print
    ("20％", "", "20", None, "%", "exact", "20％"),
    ("1.2万亿元", "", "1200000000000", None, "元", "exact", "1.2万亿元"),
    ("1,200亿元", "", "120000000000", None, "元", "exact", "1,200亿元"),
    ("百万亩托管", "突破", "1000000", None, "亩", "above", "百万亩"),
    ("三亿五千万元", "", "350000000", None, "元", "exact", "三亿五千万元"),
    ("十五个百分点", "", "15", None, "百分点", "exact", "十五个百分点"),
    ("1个百分点", "再增", "1", None, "百分点", "exact", "1个百分点"),
    ("3万余人", "", "30000", None, "人", "above", "3万余人"),
    ("27微克/立方米", "降到", "27", None, "微克/立方米", "exact", "27微克/立方米"),
    ("21.35亿斤以上", "达", "2135000000", None, "斤", "at_least", "21.35亿斤以上"),
])
def test_figures_are_read_as_written(text, before, amount, high, unit, qualifier, written):
    q = parse_quantity(text, 0, before=before)
    assert q is not None
    assert q.amount == Decimal(amount)
    assert q.amount_high == (Decimal(high) if high else None)
    assert (q.unit, q.qualifier, text[q.start:q.end]) == (unit, qualifier, written)


def test_a_number_without_a_unit_names_what_follows_it():
    q = parse_quantity("4项指标增速", 0)
    assert (q.unit, q.unit_word, q.amount) == ("", "项", 4)
    assert parse_quantity("增长", 0) is None


# --- the real corpus -------------------------------------------------------------------------------

def _blocks(real):
    return {(r.id, b.anchor): b for r in real.reports for b in r.blocks}


def test_every_record_is_verbatim_in_its_paragraph(real):
    blocks = _blocks(real)
    records = real.indicators.records
    assert len(records) >= 60
    for r in records:
        text = blocks[(r.report, r.anchor)].text
        assert text[r.start:r.start + len(r.source)] == r.source, r
        assert r.figure and r.figure in r.source, r
        if r.value is not None:  # the value is the figure's own reading, nothing computed beyond 万/亿
            digits = re.search(r"[\d０-９][\d０-９.,．]*|[零〇一二两三四五六七八九十百千万亿]+", r.figure)
            q = parse_quantity(r.figure, digits.start(), before=r.figure[:digits.start()])
            assert (q.amount, q.amount_high, q.unit) == (r.value, r.high, r.unit), r
        if r.label_anchor:
            assert (r.report, r.label_anchor) in blocks
        if r.cue_anchor:  # the words role and period were read from stand where the record says
            assert r.cue in blocks[(r.report, r.cue_anchor)].text, r
    for u in real.indicators.unresolved:
        assert blocks[(u.report, u.anchor)].text[u.start:u.start + len(u.source)] == u.source, u


def _key(r: Record) -> tuple:
    return (r.report, r.indicator, r.measure, r.role, r.period.year or r.period.zh, r.figure)


EXPECTED = [
    # 2020 (infographic): targets for 2020, results for 2019
    (R2020, "gdp", "growth", "target", 2020, "6.1%左右", "about"),
    (R2020, "fixed-asset-investment", "growth", "target", 2020, "7%以上", "at_least"),
    (R2020, "retail-sales", "growth", "target", 2020, "7%左右", "about"),
    (R2020, "budget-revenue", "growth", "target", 2020, "2%左右", "about"),
    (R2020, "urban-income", "growth", "target", 2020, "7%以上", "at_least"),
    (R2020, "rural-income", "growth", "target", 2020, "8%以上", "at_least"),
    (R2020, "new-urban-jobs", "level", "target", 2020, "3.8万人以上", "at_least"),
    (R2020, "new-urban-jobs", "level", "target", 2020, "3.8万人", "exact"),
    (R2020, "surveyed-unemployment", "level", "target", 2020, "6.5%左右", "about"),
    (R2020, "registered-unemployment", "level", "target", 2020, "4.5%以内", "at_most"),
    (R2020, "gdp", "level", "result", 2019, "1512.1亿元", "exact"),
    (R2020, "gdp", "growth", "result", 2019, "5.7%", "exact"),
    (R2020, "industrial-value-added", "level", "result", 2019, "963.2亿元", "exact"),
    (R2020, "industrial-value-added", "growth", "result", 2019, "4.6%", "exact"),
    (R2020, "budget-revenue", "level", "result", 2019, "192.6亿元", "exact"),
    (R2020, "budget-revenue", "growth", "result", 2019, "10.2%", "exact"),
    (R2020, "fixed-asset-investment", "level", "result", 2019, "523.3亿元", "exact"),
    (R2020, "fixed-asset-investment", "growth", "result", 2019, "11.2%", "exact"),
    (R2020, "retail-sales", "growth", "result", 2019, "7.7%", "exact"),
    (R2020, "urban-income", "growth", "result", 2019, "6.8%", "exact"),
    (R2020, "rural-income", "growth", "result", 2019, "10.3%", "exact"),
    (R2020, "tertiary-value-added", "growth", "result", 2019, "6.5%", "exact"),
    (R2020, "good-air-days", "level", "result", 2019, "280天", "exact"),
    (R2020, "poverty-incidence", "level", "result", 2019, "0.18%", "exact"),
    (R2020, "gas-output", "level", "target", 2020, "18亿立方", "exact"),
    # 2021 (party congress): the next five years, and the end of the 14th Five-Year Plan
    (R2021, "gdp", "level", "target", 2025, "突破2200亿元", "above"),
    (R2021, "gdp", "growth", "target", "今后五年（2021年报告）", "8%以上", "at_least"),
    (R2021, "non-coal-value-added", "share", "target", "今后五年（2021年报告）", "超过50%", "above"),
    (R2021, "forest-cover", "level", "target", "今后五年（2021年报告）", "超过33%", "above"),
    (R2021, "forest-cover", "change", "target", "今后五年（2021年报告）", "1个百分点", "exact"),
    (R2021, "tertiary-value-added", "share", "target", "今后五年（2021年报告）", "45%", "exact"),
    (R2021, "rd-spending", "growth", "target", "今后五年（2021年报告）", "15%以上", "at_least"),
    (R2021, "resident-income", "growth", "target", "今后五年（2021年报告）", "增速超过全省平均水平", "above_average"),
    # 2022 (summary): the government's term, and 2021
    (R2022, "gdp", "level", "result", "第三届政府任期（2022年报告）", "突破2000亿元", "above"),
    (R2022, "industrial-value-added", "level", "result", "第三届政府任期（2022年报告）", "突破1000亿元", "above"),
    (R2022, "budget-revenue", "level", "result", "第三届政府任期（2022年报告）", "突破200亿元", "above"),
    (R2022, "urban-income", "level", "result", "第三届政府任期（2022年报告）", "突破3万元", "above"),
    (R2022, "rural-income", "level", "result", "第三届政府任期（2022年报告）", "1万元", "above"),
    (R2022, "urbanisation", "level", "result", "第三届政府任期（2022年报告）", "55%", "exact"),
    (R2022, "gdp", "level", "result", 2021, "2071.4亿元", "exact"),
    (R2022, "non-coal-value-added", "growth", "result", 2021, "23.6%", "exact"),
    (R2022, "pm25", "level", "result", 2021, "27微克/立方米", "exact"),
    (R2022, "gas-output", "level", "result", 2021, "26.4亿立方米", "exact"),
    (R2022, "emerging-industries", "growth", "result", 2021, "15.7%", "exact"),
    # 2023: this year's main targets
    (R2023, "gdp", "growth", "target", 2023, "6.5%左右", "about"),
    (R2023, "budget-revenue", "growth", "target", 2023, "6%", "exact"),
    (R2023, "fixed-asset-investment", "growth", "target", 2023, "7%以上", "at_least"),
    (R2023, "retail-sales", "growth", "target", 2023, "7%左右", "about"),
    (R2023, "industrial-value-added", "growth", "target", 2023, "7%左右", "about"),
    (R2023, "urban-income", "growth", "target", 2023, "与经济增长基本同步", "in_step"),
    (R2023, "rural-income", "growth", "target", 2023, "6%以上", "at_least"),
    (R2023, "new-urban-jobs", "level", "target", 2023, "4万人", "exact"),
    (R2023, "surveyed-unemployment", "level", "target", 2023, "5.5%以内", "at_most"),
    (R2023, "imports-exports", "growth", "target", 2023, "5%以上", "at_least"),
    (R2023, "forest-cover", "change", "target", 2023, "1个百分点", "exact"),
    (R2023, "grain-area", "level", "target", 2023, "不少于500万亩", "at_least"),
    (R2023, "renewable-capacity", "level", "target", 2023, "300万千瓦以上", "at_least"),
    # 2026: this year's targets and the 15th Five-Year Plan
    (R2026, "gdp", "growth", "target", 2026, "4.5%—5%", "range"),
    (R2026, "fixed-asset-investment", "growth", "target", 2026, "5%", "exact"),
    (R2026, "retail-sales", "growth", "target", 2026, "5%", "exact"),
    (R2026, "budget-revenue", "growth", "target", 2026, "2%", "exact"),
    (R2026, "resident-income", "growth", "target", 2026, "与经济增长同步", "in_step"),
    (R2026, "cpi", "growth", "target", 2026, "2%左右", "about"),
    (R2026, "new-urban-jobs", "level", "target", 2026, "3.9万人以上", "at_least"),
    (R2026, "grain-output", "level", "target", 2026, "21.35亿斤以上", "at_least"),
    (R2026, "coal-output", "level", "target", 2026, "1.55亿吨以上", "at_least"),
    (R2026, "imports-exports", "growth", "target", 2026, "保持正增长", "positive"),
    (R2026, "grain-area", "level", "target", 2026, "497.15万亩以上", "at_least"),
    (R2026, "renewable-capacity", "increase", "target", 2026, "90万千瓦以上", "at_least"),  # 新增…
    (R2026, "resident-income", "growth", "target", "“十五五”时期（2026—2030年）", "增长和经济增长同步", "in_step"),
    (R2026, "rural-income", "growth", "target", "“十五五”时期（2026—2030年）", "增速高于全省平均水平", "above_average"),
]


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda e: f"{e[0][:4]}-{e[1]}-{e[2]}-{e[3]}-{e[4]}")
def test_key_records_of_the_five_reports(real, expected):
    report, indicator, measure, role, period, figure, qualifier = expected
    found = {_key(r): r for r in real.indicators.records}
    record = found.get((report, indicator, measure, role, period, figure))
    assert record is not None, sorted(k for k in found if k[0] == report and k[1] == indicator)
    assert record.qualifier == qualifier


def test_values_and_ranges_in_their_units(real):
    by_key = {_key(r): r for r in real.indicators.records}
    gdp_2019 = by_key[(R2020, "gdp", "level", "result", 2019, "1512.1亿元")]
    assert (gdp_2019.value, gdp_2019.unit, gdp_2019.scale) == (Decimal("151210000000"), "元", 10**8)
    band = by_key[(R2026, "gdp", "growth", "target", 2026, "4.5%—5%")]
    assert (band.value, band.high) == (Decimal("4.5"), Decimal("5"))
    box = by_key[(R2020, "gdp", "growth", "target", 2020, "6.1%左右")]
    assert box.label_anchor  # the name stands in the figure box before
    average = by_key[(R2021, "gdp", "growth", "target", "今后五年（2021年报告）", "8%以上")]
    assert average.average


def test_what_is_left_out_is_listed_with_its_reason(real):
    left = {(u.report, u.reason, u.source) for u in real.indicators.unresolved}
    assert (R2022, "conflicting-values", "森林覆盖率72.2%") in left
    assert (R2022, "conflicting-values", "森林覆盖率28.8%") in left
    assert any(r == R2023 and why == "other-area" and "开发区" not in s and "规上工业增加值" in s
               for r, why, s in left)  # the development zones' figure, not the city's
    assert any(r == R2020 and why == "ambiguous-role" for r, why, _ in left)
    assert not any(r.indicator == "forest-cover" and r.report == R2022 for r in real.indicators.records)


def test_every_figure_of_the_main_targets_paragraphs_is_taken(real):
    """The paragraphs that list the year's main targets: every percentage and 万人 figure in them
    is a record (or a left-out entry), none is silently skipped."""
    blocks = _blocks(real)
    for report, anchor in ((R2023, "p-818709f"), (R2026, "p-713f8a5")):
        text = blocks[(report, anchor)].text
        taken = [r for r in real.indicators.records if r.report == report and r.anchor == anchor]
        spans = [(r.start, r.start + len(r.source)) for r in taken]
        for m in re.finditer(r"\d+(?:\.\d+)?(?:%|万人)", text):
            assert any(a <= m.start() < b for a, b in spans), (report, m.group())


# --- general wording (another city, other phrasings) ------------------------------------------------

def _report(year: int, *blocks: tuple[str, str]) -> Report:
    entry = ManifestEntry(id=f"test-{year}", path=Path("x.txt"), sha256="0" * 64, year=year,
                          kind="government-work-report", title={"zh": "测试", "en": "Test"},
                          covers={"zh": "", "en": ""}, origin={"zh": "", "en": ""}, seed="")
    out = []
    for n, (kind, text) in enumerate(blocks, 1):
        out.append(Block(BlockKind(kind), text, n, n, 2 if kind == "heading" else 0, anchor=f"p-{n:07x}"))
    return Report(entry, out)


def _records(report: Report):
    found = extract(report)
    return {(r.indicator, r.measure, r.role, r.period.year or r.period.zh, r.figure, r.qualifier)
            for r in found.records}, found


def test_another_citys_review_and_targets():
    report = _report(
        2024,
        ("heading", "一、2023年工作回顾"),
        ("paragraph", "2023年，全市地区生产总值实现3210.5亿元，同比增长5.2%；一般公共预算收入完成201亿元，增长8.1%；"
                      "城乡居民人均可支配收入分别达到45000元和21000元。"),
        ("heading", "二、2024年工作安排"),
        ("paragraph", "今年经济社会发展的主要预期目标是：全市生产总值增长5.5%左右，城镇调查失业率、城镇登记失业率均控制在"
                      "5%以内，居民消费价格涨幅3%左右，城镇新增就业二万五千人以上，粮食总产量稳定在十五亿斤以上，"
                      "单位GDP能耗下降3%，新增新能源装机50万千瓦。"),
    )
    got, found = _records(report)
    assert got >= {
        ("gdp", "level", "result", 2023, "3210.5亿元", "exact"),
        ("gdp", "growth", "result", 2023, "5.2%", "exact"),
        ("budget-revenue", "level", "result", 2023, "201亿元", "exact"),
        ("budget-revenue", "growth", "result", 2023, "8.1%", "exact"),
        ("urban-income", "level", "result", 2023, "45000元", "exact"),
        ("rural-income", "level", "result", 2023, "21000元", "exact"),
        ("gdp", "growth", "target", 2024, "5.5%左右", "about"),
        ("surveyed-unemployment", "level", "target", 2024, "5%以内", "at_most"),
        ("registered-unemployment", "level", "target", 2024, "5%以内", "at_most"),
        ("cpi", "growth", "target", 2024, "3%左右", "about"),
        ("new-urban-jobs", "level", "target", 2024, "二万五千人以上", "at_least"),
        ("grain-output", "level", "target", 2024, "十五亿斤以上", "at_least"),
        ("energy-intensity", "decline", "target", 2024, "3%", "exact"),
        ("renewable-capacity", "increase", "target", 2024, "50万千瓦", "exact"),  # 新增: an addition, not the total
    }, got
    jobs = next(r for r in found.records if r.indicator == "new-urban-jobs")
    assert jobs.value == 25000
    assert not found.unresolved


def test_plan_periods_years_named_in_the_sentence_and_spans():
    report = _report(
        2021,
        ("heading", "二、“十四五”时期经济社会发展的主要目标"),
        ("paragraph", "到2025年，地区生产总值达到3000亿元，年均增长7%左右；森林覆盖率达到25%。"),
        ("heading", "三、2021年重点工作"),
        ("paragraph", "全市地区生产总值增长8%以上。"),
    )
    got, _ = _records(report)
    assert got >= {
        ("gdp", "level", "target", 2025, "3000亿元", "exact"),
        ("forest-cover", "level", "target", "“十四五”时期（2021—2025年）", "25%", "exact"),
        ("gdp", "growth", "target", 2021, "8%以上", "at_least"),
    }, got
    average = next(r for r in extract(report).records if r.average)
    assert average.period.year is None and average.period.start == 2021  # an average rate keeps the span


def test_what_a_report_does_not_say_is_not_guessed():
    report = _report(
        2024,
        ("paragraph", "地区生产总值增长5%。"),  # before any section: target or result? (and no result wording)
        ("heading", "二、2024年工作安排"),
        ("paragraph", "城乡居民人均可支配收入增长6%。"),  # one figure for two indicators
        ("paragraph", "力争全省地区生产总值增长5%。"),  # the province's figure
        ("paragraph", "9条重点河流森林覆盖率由2018年的31.06%降至17.3%。"),  # a year where a figure should be
        ("paragraph", "森林覆盖率达到30%，森林覆盖率达到31%。"),  # two figures
    )
    got, found = _records(report)
    assert not got, got
    reasons = sorted(u.reason for u in found.unresolved)
    assert reasons == ["ambiguous-role", "conflicting-values", "conflicting-values", "one-figure-for-several",
                       "other-area", "other-unit"], found.unresolved


PIECES = st.sampled_from(["地区生产总值", "城镇调查失业率", "城乡居民人均可支配收入", "居民消费价格", "森林覆盖率",
                          "增长", "完成", "突破", "控制在", "分别", "均", "年均", "、", "和", "，", "。", "：", "；",
                          "6.1%", "左右", "以上", "以内", "—", "5%", "3.8万人", "1512.1亿元", "百万亩", "十五亿斤",
                          "２０％", "个百分点", "与经济增长同步", "今年的主要预期目标是", "2019年是", "一年来",
                          "“十四五”末", "到2025年", "占", "开发区", "由2018年的", "降至", "全省排名第二", "三四"])


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.lists(st.lists(PIECES, max_size=14).map("".join), min_size=1, max_size=5))
def test_any_wording_gives_verbatim_records_or_reasons_never_an_error(texts):
    report = _report(2024, *(("paragraph", t) for t in texts))
    found = extract(report)
    by_anchor = {b.anchor: b.text for b in report.blocks}
    for r in found.records:
        assert by_anchor[r.anchor][r.start:r.start + len(r.source)] == r.source
        assert r.figure in r.source or r.label_anchor
    for u in found.unresolved:
        assert by_anchor[u.anchor][u.start:u.start + len(u.source)] == u.source


def test_infographic_figure_box_and_single_review():
    report = _report(
        2020,
        ("callout", "社会消费品零售总额增长7.7%，全省排名第二。"),  # ahead of the review, says it is a result
        ("paragraph", "2019年是攻坚之年。一年来，全市经济平稳。"),
        ("callout", "经济社会发展主要预期目标"),
        ("callout", "地区生产总值增长"),
        ("callout", "6%左右"),
    )
    got, found = _records(report)
    assert got == {("retail-sales", "growth", "result", 2019, "7.7%", "exact"),
                   ("gdp", "growth", "target", 2020, "6%左右", "about")}, got
    box = next(r for r in found.records if r.indicator == "gdp")
    assert (box.anchor, box.label_anchor, box.source) == ("p-0000005", "p-0000004", "6%左右")
    retail = next(r for r in found.records if r.indicator == "retail-sales")
    assert retail.basis == "single-review"


# --- what the reader sees, and the data -------------------------------------------------------------

def test_english_and_chinese_figures():
    def rec(**kw):
        base = dict(report="r", year=2020, anchor="p", indicator="gdp", measure="level", role="result",
                    period=Period.of_year(2019), value=Decimal("151210000000"), high=None, unit="元",
                    qualifier="exact", qualifier_word="", figure="1512.1亿元", source="", start=0, cue="",
                    cue_anchor="", basis="section", scale=10**8)
        return Record(**{**base, **kw})

    assert en_figure(rec()) == "151.21 billion yuan"
    assert en_figure(rec(value=Decimal("38000"), unit="人", qualifier="at_least")) == "at least 38,000 people"
    assert en_figure(rec(value=Decimal("4.5"), high=Decimal("5"), unit="%", qualifier="range")) == "4.5–5%"
    assert en_figure(rec(value=Decimal("6.1"), unit="%", qualifier="about")) == "about 6.1%"
    assert en_figure(rec(value=None, unit="", qualifier="in_step")) == "in step with economic growth"
    assert en_figure(rec(value=Decimal("27"), unit="微克/立方米", area="市区")) == "27 μg/m³ (urban area)"
    assert zh_figure(rec(figure="1万元", qualifier="above", qualifier_word="突破")) == "1万元（突破）"


def _nav_paths(items):
    for item in items:
        values = item.values() if isinstance(item, dict) else [item]
        for value in values:
            if isinstance(value, list):
                yield from _nav_paths(value)
            else:
                yield value


def test_page_and_exports_in_every_edition(files, real, config):
    for edition in EDITIONS:
        base = f"{edition.code}/docs/"
        page = files[base + PAGE].decode("utf-8")
        assert files[base + JSON_FILE] == files[f"zh/docs/{JSON_FILE}"]
        assert files[base + CSV_FILE] == files[f"zh/docs/{CSV_FILE}"]
        nav = yaml.safe_load(files[f"{edition.code}/mkdocs.yml"])["nav"]
        assert PAGE in set(_nav_paths(nav))
        svgs = re.findall(r"<svg .*?</svg>", page, re.S)
        assert len(svgs) >= 20
        for svg in svgs:
            ET.fromstring(svg)  # well-formed, static (no script)
            assert "<script" not in svg
        assert "linked" in page or "链接" in page
    en = files[f"en/docs/{PAGE}"].decode("utf-8")
    assert "about 6.1%" in en and "151.21 billion yuan" in en and "Gross regional product" in en
    zh = files[f"zh/docs/{PAGE}"].decode("utf-8")
    assert "6.1%左右" in zh and "4.5%—5%" in zh and "地区生产总值" in zh
    assert "地區生產總值" in files[f"zh-hant/docs/{PAGE}"].decode("utf-8")
    data = json.loads(files[f"zh/docs/{JSON_FILE}"])
    assert len(data["records"]) == len(real.indicators.records)
    assert {u["reason"] for u in data["left_out"]} >= {"conflicting-values", "other-area"}
    rows = list(csv.DictReader(io.StringIO(files[f"zh/docs/{CSV_FILE}"].decode("utf-8"))))
    assert len(rows) == len(real.indicators.records)
    assert any(r["figure"] == "1512.1亿元" and r["value"] == "151210000000" and r["unit"] == "元" for r in rows)


def test_every_link_on_the_page_names_a_paragraph_of_the_report(files, real):
    """Library level: each href of the page, resolved from indicators/, is a report page of the
    export whose Markdown carries the anchor."""
    anchors = {(r.id, b.anchor) for r in real.reports for b in r.blocks}
    for edition in EDITIONS:
        page = files[f"{edition.code}/docs/{PAGE}"].decode("utf-8")
        hrefs = re.findall(r'href="([^"]+)"', page)
        assert len(hrefs) >= len(real.indicators.records)
        for href in hrefs:
            target = urlsplit(urljoin("/indicators/", href))
            report = posixpath.basename(target.path.rstrip("/"))
            assert target.path.startswith("/reports/"), href
            assert (report, target.fragment) in anchors, href
            body = files[f"{edition.code}/docs/reports/{report}/index.md"].decode("utf-8")
            assert f'id="{target.fragment}"' in body, href


def test_csv_cells_that_look_like_formulas_are_neutralised():
    record = Record(report="r", year=2020, anchor="p-1", indicator="gdp", measure="growth", role="target",
                    period=Period.of_year(2020), value=Decimal("-2"), high=None, unit="%", qualifier="exact",
                    qualifier_word="", figure="=HYPERLINK(1)", source="@SUM(A1)", start=0, cue="+cue",
                    cue_anchor="", basis="section")
    row = next(csv.DictReader(io.StringIO(indicators_csv(Indicators([record])))))
    assert row["figure"] == "'=HYPERLINK(1)" and row["source"] == "'@SUM(A1)" and row["cue"] == "'+cue"
    assert row["value"] == "-2"  # a number the builder wrote keeps its sign


def test_built_site_has_the_page_in_every_edition_and_its_links_resolve(built):
    project, result, _ = built
    site = project / "site"
    for edition in EDITIONS:
        html = site / edition.prefix / "indicators" / "index.html"
        assert html.is_file(), html
        assert "indicator-chart" in html.read_text(encoding="utf-8")
        assert (site / edition.prefix / "indicators" / "indicators.json").is_file()
        assert (site / edition.prefix / "indicators" / "indicators.csv").is_file()
    problems = [p for p in broken_links(site) if "indicators" in p]
    assert not problems, problems
    assert not [line for line in result.stderr.splitlines() if "WARNING" in line and "indicator" in line]
