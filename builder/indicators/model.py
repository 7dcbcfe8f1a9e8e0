"""The indicators the reports quantify, and the typed records extracted for them.

``INDICATORS`` is the controlled list: each indicator with its Chinese and English names, the
phrases the reports use for it and the units its figures take. A phrase may name more than one
indicator (``城乡居民人均可支配收入`` is urban and rural income, given ``分别`` and two figures).
Adding an indicator is adding an entry here; the extraction is not keyed to any one report.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from builder.pickling import fast_pickle


@fast_pickle
@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    zh: str
    en: str
    group: str
    """economy | income | employment | prices | environment | energy | agriculture | society"""
    phrases: tuple[str, ...]
    """How the reports name it (matched longest first, never inside a longer phrase)."""
    units: tuple[str, ...]
    """Units its figures take after 万/亿 (``元``, ``%``, ``人``…); a figure in another unit is
    not a value of this indicator (``4项指标``) and is listed as left out."""


GROUPS = {
    "economy": ("经济", "Economy"), "income": ("收入", "Income"), "employment": ("就业", "Employment"),
    "prices": ("价格", "Prices"), "environment": ("生态环境", "Environment"), "energy": ("能源", "Energy"),
    "agriculture": ("农业", "Agriculture"), "society": ("社会", "Society"),
}

_MONEY = ("元", "%", "百分点")
_RATE = ("%", "百分点")

INDICATORS: tuple[Indicator, ...] = (
    Indicator("gdp", "地区生产总值", "Gross regional product", "economy",
              ("地区生产总值", "全市生产总值", "经济总量", "GDP"), _MONEY),
    Indicator("budget-revenue", "一般公共预算收入", "General public budget revenue", "economy",
              ("一般公共预算收入",), _MONEY),
    Indicator("fixed-asset-investment", "固定资产投资", "Fixed-asset investment", "economy",
              ("全社会固定资产投资", "固定资产投资", "固投"), _MONEY),
    Indicator("retail-sales", "社会消费品零售总额", "Total retail sales of consumer goods", "economy",
              ("社会消费品零售总额", "社零总额"), _MONEY),
    Indicator("industrial-value-added", "规模以上工业增加值", "Value added of industry above designated size",
              "economy", ("规模以上工业增加值", "规上工业增加值"), _MONEY),
    Indicator("tertiary-value-added", "第三产业（服务业）增加值", "Value added of the tertiary (service) sector",
              "economy", ("第三产业增加值", "服务业增加值"), _MONEY),
    Indicator("non-coal-value-added", "非煤产业增加值", "Value added of non-coal industries", "economy",
              ("非煤产业增加值", "非煤产业"), _MONEY),
    Indicator("emerging-industries", "战略性新兴产业增加值", "Value added of strategic emerging industries",
              "economy", ("战略性新兴产业增加值",), _MONEY),
    Indicator("imports-exports", "进出口总额", "Total imports and exports", "economy",
              ("外贸进出口总额", "进出口总额"), ("元", "美元", "%", "百分点")),
    Indicator("rd-spending", "研发经费", "Research and development spending", "economy",
              ("研究与试验发展经费", "研发经费", "R&D经费"), _MONEY),
    Indicator("urban-income", "城镇居民人均可支配收入", "Per capita disposable income of urban residents", "income",
              ("城镇常住居民人均可支配收入", "城镇居民人均可支配收入"), _MONEY),
    Indicator("rural-income", "农村居民人均可支配收入", "Per capita disposable income of rural residents", "income",
              ("农村常住居民人均可支配收入", "农村居民人均可支配收入"), _MONEY),
    Indicator("resident-income", "居民人均可支配收入", "Per capita disposable income of residents", "income",
              ("全体居民人均可支配收入", "居民人均可支配收入", "居民收入"), _MONEY),
    Indicator("new-urban-jobs", "城镇新增就业", "New urban jobs", "employment",
              ("城镇新增就业", "新增城镇就业"), ("人", "%")),
    Indicator("surveyed-unemployment", "城镇调查失业率", "Surveyed urban unemployment rate", "employment",
              ("城镇调查失业率",), _RATE),
    Indicator("registered-unemployment", "城镇登记失业率", "Registered urban unemployment rate", "employment",
              ("城镇登记失业率",), _RATE),
    Indicator("cpi", "居民消费价格", "Consumer prices", "prices",
              ("居民消费价格指数", "居民消费价格", "CPI"), _RATE),
    Indicator("urbanisation", "常住人口城镇化率", "Urbanisation rate of the resident population", "society",
              ("常住人口城镇化率", "城镇化率"), _RATE),
    Indicator("poverty-incidence", "贫困发生率", "Poverty incidence", "society", ("贫困发生率",), _RATE),
    Indicator("forest-cover", "森林覆盖率", "Forest cover", "environment", ("森林覆盖率",), _RATE),
    Indicator("pm25", "PM2.5平均浓度", "Average PM2.5 concentration", "environment",
              ("细颗粒物（PM2.5）平均浓度", "PM2.5平均浓度", "PM2.5浓度"), ("微克/立方米", "%")),
    Indicator("good-air-days", "空气质量优良天数", "Days of good air quality", "environment",
              ("空气质量优良天数", "优良天数"), ("天", "%", "百分点")),
    Indicator("energy-intensity", "单位地区生产总值能耗", "Energy consumption per unit of GDP", "energy",
              ("单位地区生产总值能耗", "单位GDP能耗"), _RATE),
    Indicator("coal-output", "煤炭产量", "Coal output", "energy", ("煤炭产量",), ("吨", "%")),
    Indicator("gas-output", "非常规天然气产量", "Unconventional natural gas output", "energy",
              ("非常规天然气产量", "煤成气产量", "煤层气产量", "产气量", "产气"), ("立方米", "%")),
    Indicator("renewable-capacity", "新能源装机", "Installed new-energy capacity", "energy",
              ("新能源装机总量", "新能源装机规模", "新能源装机容量", "新能源装机"), ("千瓦", "%")),
    Indicator("grain-output", "粮食产量", "Grain output", "agriculture", ("粮食总产量", "粮食产量"),
              ("斤", "公斤", "吨", "%")),
    Indicator("grain-area", "粮食播种面积", "Grain sown area", "agriculture", ("粮食播种面积",), ("亩", "%")),
)
BY_ID = {i.id: i for i in INDICATORS}

COMPOUND_PHRASES: dict[str, tuple[str, ...]] = {
    "城乡居民人均可支配收入": ("urban-income", "rural-income"),
    "城镇居民和农村居民人均可支配收入": ("urban-income", "rural-income"),
    "城镇和农村居民人均可支配收入": ("urban-income", "rural-income"),
    "城乡居民收入": ("urban-income", "rural-income"),
}
"""Phrases naming several indicators at once: they take one figure each after 分别; with one
figure for all of them the record would be a guess, so it is listed as ambiguous."""

PHRASES: dict[str, tuple[str, ...]] = {p: (i.id,) for i in INDICATORS for p in i.phrases} | COMPOUND_PHRASES

# What a figure measures, from the words between the indicator and the figure.
MEASURES = {
    "growth": ("增长", "growth"),
    "level": ("", ""),
    "share": ("比重", "share"),
    "change": ("变化", "change"),
    "decline": ("下降", "decline"),
    "increase": ("增加", "increase"),
}
"""What a figure measures, with the words a row label adds (a level needs none): in this order on the page."""

REASONS = {
    "ambiguous-role": ("无法从报告结构和措辞判断是目标还是实际", "the report’s structure and wording do not say whether it is a target or a result"),
    "conflicting-values": ("同一段落对同一指标给出两个不同数值", "the paragraph gives the same indicator two different figures"),
    "one-figure-for-several": ("数字个数与所列指标个数不符", "the number of figures does not match the indicators listed"),
    "other-unit": ("指标后的数字不是该指标的量", "the number after the indicator is not a quantity of it"),
    "other-area": ("数字属于其他范围（全省、开发区等），不是全市", "the figure is for another area (the province, development zones), not the city"),
}
"""Why a figure was left out: Chinese and English."""

QUALIFIERS = {
    "exact": ("", ""),
    "about": ("左右", "about"),
    "at_least": ("以上", "at least"),
    "at_most": ("以内", "at most"),
    "above": ("突破、超过", "over"),
    "below": ("低于", "below"),
    "range": ("区间", "range"),
    "in_step": ("与经济增长同步", "in step with economic growth"),
    "above_average": ("高于全省平均水平", "above the provincial average"),
    "positive": ("正增长", "positive growth"),
}
"""Each qualifier: the Chinese words that express it, and the English."""

ROLES = {"target": ("目标", "Target"), "result": ("实际", "Result")}


@fast_pickle
@dataclass(frozen=True, slots=True)
class Period:
    """The time a figure refers to: one year, or a span named by the report (a five-year plan,
    the next five years, a government's term). ``start``/``end`` are None where the report
    does not say them."""

    zh: str
    en: str
    start: int | None = None
    end: int | None = None

    @property
    def year(self) -> int | None:
        return self.start if self.start is not None and self.start == self.end else None

    @property
    def key(self) -> tuple:
        """Sort key: single years in order, then spans by their end (unknown last)."""
        return (self.year is None, self.end or 9999, self.start or 0, self.zh)

    @staticmethod
    def of_year(year: int) -> "Period":
        return Period(f"{year}年", str(year), year, year)


@fast_pickle
@dataclass(frozen=True, slots=True)
class Record:
    """One quantified target or result, as a report states it."""

    report: str
    """Report id."""
    year: int
    """The year the report was delivered."""
    anchor: str
    """The paragraph the figure stands in (``reports/<report>/index.md#<anchor>``)."""
    indicator: str
    """Id in ``INDICATORS``."""
    measure: str
    """level | growth | decline | change | share (see ``MEASURES``)."""
    role: str
    """target | result."""
    period: Period
    value: Decimal | None
    """The figure in its unit (``amount``: 3.8万人 is 38000); None for a qualifier without a
    figure (``与经济增长同步``)."""
    high: Decimal | None
    """Upper bound of a range."""
    unit: str
    """``%``, ``元``, ``人``, ``百分点``…; '' without a figure."""
    qualifier: str
    """See ``QUALIFIERS``."""
    qualifier_word: str
    """The word before the figure that gives the qualifier (``突破``, ``超过``, ``不少于``), if any."""
    figure: str
    """The figure exactly as written (``6.1%左右``, ``突破2000亿元``), a substring of ``source``."""
    source: str
    """The words that state it, exactly as in the paragraph (``地区生产总值增长6.5%左右``)."""
    start: int
    """Offset of ``source`` in the paragraph's text."""
    cue: str
    """The words the role and period were read from, exactly as written (``今年的主要预期目标``,
    ``2019年是``), with where they stand in ``cue_anchor``; or the rule used when the report
    states none (see ``basis``)."""
    cue_anchor: str
    basis: str
    """How role and period were decided: ``paragraph`` (the figure's own paragraph says it),
    ``section`` (the nearest earlier cue), ``sentence`` (words in the figure's own sentence before
    the indicator, such as ``“十四五”末``), ``single-review`` (a call-out outside the running text, in a report that
    reviews one period only)."""
    scale: int = 1
    """The multiplier as written (10⁴ for 万), for showing the figure in its own unit."""
    label_anchor: str = ""
    """When the indicator's name stands in the previous block (an infographic's figure box):
    that block's anchor."""
    average: bool = False
    """年均: an average annual rate over the period."""
    area: str = ""
    """A part of the city the figure is given for (``市区``, the urban area), as written; '' for the city."""

    @property
    def series(self) -> tuple[str, str, str]:
        """What can share a table row and a chart: the indicator, what is measured, the unit (a
        growth stated without a figure, such as ``与经济增长同步``, joins the growth rates)."""
        return (self.indicator, self.measure, self.unit or ("%" if self.measure == "growth" else ""))


@fast_pickle
@dataclass(frozen=True, slots=True)
class Unresolved:
    """A figure next to an indicator that was not made into a record, and why."""

    report: str
    anchor: str
    indicator: str
    source: str
    """The words, exactly as in the paragraph."""
    start: int
    reason: str
    """A key of ``REASONS``."""
    detail: str = ""


@dataclass(slots=True)
class Indicators:
    """Every record and every figure left out, for the whole corpus."""

    records: list[Record] = field(default_factory=list)
    unresolved: list[Unresolved] = field(default_factory=list)

    def of_report(self, report_id: str) -> list[Record]:
        return [r for r in self.records if r.report == report_id]
