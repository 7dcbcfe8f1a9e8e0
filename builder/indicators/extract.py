"""Quantified targets and results, read from a report's blocks by the formulas the reports use.

Three questions per figure, each answered from the text and never guessed:

1. **Which indicator, which figure.** An indicator phrase (``model.PHRASES``, leftmost-longest)
   is followed, within its clause, by a few words and a figure: ``地区生产总值增长6.5%左右``,
   ``城镇调查失业率控制在5.5%以内``, ``一般公共预算收入突破200亿元``. Phrases joined by 、 or 和
   take one figure each after 分别 (``城镇调查失业率、城镇登记失业率分别控制在6.5%左右、4.5%以内``)
   or the same one after 均. A clause that continues with a growth or level word takes a second
   figure (``地区生产总值完成1512.1亿元，增长5.7%``). The words between say what the figure
   measures (growth, level, share, change in percentage points); 年均 marks an average annual
   rate. Three formulas carry no figure: ``与经济增长同步`` (in step), ``高于全省平均水平``
   (above the provincial average), ``保持正增长`` (positive growth). In an infographic the
   indicator's name may end one figure box and its figure begin the next (``地区生产总值增长`` |
   ``6.1%左右…``): the figure is read from the next block and both anchors are kept.

2. **Target or result.** From the words that open the section or the paragraph (its heading, or
   a paragraph's first clause): ``主要预期目标``, ``今年``, ``新的一年``, a heading naming the report
   year, a five-year plan still running, ``今后五年`` open a section of targets; ``YYYY年是`` or
   ``过去的YYYY年`` (an earlier year), ``一年来``, ``过去一年``, ``这五年``, a government's term
   (``第三届政府``), a five-year plan already ended open a review. The role holds until the
   next such words. Before any of them (a call-out that an infographic placed ahead of the
   review's text), a figure is a result only if its block says so (``全省排名``, ``再创历史新高``…)
   and the report reviews a single period; otherwise it is listed as ambiguous. A block of
   result wording inside a targets section, with no target wording of its own, is ambiguous too.

3. **Which year.** The section's period (the report year for its targets; the year reviewed for
   its results; a named span otherwise), unless the figure's own sentence names one before the
   indicator (``“十四五”末`` is 2025, ``到2025年，``, ``五年内``).

Every record keeps the exact words it was read from and where they stand; figures that were
seen but not recorded are kept as ``Unresolved`` with the reason.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from builder.indicators.model import BY_ID, PHRASES, Indicators, Period, Record, Unresolved
from builder.indicators.numbers import CN_NUMERAL, Quantity, cn_number, fold, parse_quantity, plain
from builder.pickling import fast_pickle
from builder.report.records import Block, BlockKind, Report

CLAUSE_END = "，,。；;：:！？!?\n"
SENTENCE_END = "。；;！？!?\n"
GAP_MAX = 14
"""Widest run of words between an indicator and its figure (``历史性完成``, ``比重稳定超过``)."""

CN_ORDINALS = "一二三四五六七八九"

# --- what a section is about: cues in a heading or a paragraph's first clause -------------------

_YEAR_RE = re.compile(r"(\d{4})年")
_PLAN_RE = re.compile(r"“?十([一二三四五六七八九])五”?")
_NEXT_FIVE_RE = re.compile(r"(?:今后|未来)五年")
_PAST_FIVE_RE = re.compile(r"(?:过去|这|近)五年|五年来")
_TERM_RE = re.compile(r"第([一二三四五六七八九十]+)届(?:市人民|市)?政府")
_THIS_YEAR_RE = re.compile(r"(?:今年|本年度?|新的一年)")
_TARGETS_RE = re.compile(r"(?:主要)?预期目标|奋斗目标")
_LAST_YEAR_RE = re.compile(r"过去一年|一年来")
_YEAR_IS_RE = re.compile(r"(?:过去的)?(\d{4})年是|过去的(\d{4})年")

TARGET_WORDING = re.compile(r"力争|确保|预期目标|奋斗目标|争取|计划")
RESULT_WORDING = re.compile(r"再创|创历史|历史新高|历史性|历史首次|排名|位居|居全省|位列|全省第[一二三四五六七八九十\d]"
                            r"|圆满完成|较上年|比上年|同比|荣获|实现了|翻了|达到了")

# --- a figure's own sentence, before the indicator --------------------------------------------------
_PLAN_END_RE = re.compile(r"“?十([一二三四五六七八九])五”?(?:末|期末)")
_BY_YEAR_RE = re.compile(r"到(\d{4})年(?:底|末)?")
_WITHIN_FIVE_RE = re.compile(r"五年内|(?:今后|未来)五年")

# --- between an indicator and its figure ---------------------------------------------------------
_SHARE_RE = re.compile(r"比重|占比")
_DECLINE_RE = re.compile(r"下降|降幅|减少|降低(?!到|至)")
_GROWTH_RE = re.compile(r"增长(?!到|至)|增速|增幅|涨幅|上涨|增加(?!到|至)|提高(?!到|至)|再增|年均增")
_EACH_RE = re.compile(r"分别")
_ALL_RE = re.compile(r"均|都")
_AFTER_GROWTH_RE = re.compile(r"的?增长")
_CONTINUE_RE = re.compile(r"[，,](同比增长|比上年增长|年均增长|增长|增速|增幅|完成|达到|达)")
_LIST_SEP_RE = re.compile(r"、|和|及|与|以及")
_NO_FIGURE = (
    (re.compile(r"(?:增长|增速|收入增长)?(?:与|和|同)经济增长(?:基本)?同步"), "in_step"),
    (re.compile(r"(?:增长|增速)?(?:高于|超过)全省(?:平均水平|平均)"), "above_average"),
    (re.compile(r"保持正增长"), "positive"),
)
OTHER_AREAS = re.compile(r"全省|全国|开发区|园区|专业镇|产业链|示范区")
"""A figure for another area than the city (the province, development zones) is not the city's."""
OWN_AREAS = ("中心城区", "市区")
"""Parts of the city the reports give figures for (air quality is measured in the urban area)."""


@fast_pickle
@dataclass(frozen=True, slots=True)
class Context:
    role: str
    period: Period
    cue: str
    anchor: str


def plan_period(ordinal: str) -> Period:
    """The n-th five-year plan (十四五 = the 14th, 2021–2025); the 3rd began in 1966."""
    n = 10 + CN_ORDINALS.index(ordinal) + 1
    start = 1966 + 5 * (n - 3)
    return Period(f"“十{ordinal}五”时期（{start}—{start + 4}年）", f"{n}th Five-Year Plan ({start}–{start + 4})",
                  start, start + 4)


def _ordinal(numeral: str) -> str:
    """``三`` → ``3rd`` (a government's term, 第三届)."""
    try:
        n = int(cn_number(numeral))
    except ValueError:
        return numeral
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def next_five(year: int) -> Period:
    return Period(f"今后五年（{year}年报告）", f"the next five years ({year} report)")


def past_five(year: int) -> Period:
    return Period(f"过去五年（{year}年报告）", f"the past five years ({year} report)")


def _year_context(year: int, report_year: int, cue: str, anchor: str) -> Context:
    return Context("result" if year < report_year else "target", Period.of_year(year), cue, anchor)


def section_cue(block: Block, report_year: int, current: Context | None) -> Context | None:
    """The role and period a heading or a paragraph's first clause opens, or None."""
    if block.kind is BlockKind.HEADING:
        window = block.text
    else:
        window = re.split(f"[{CLAUSE_END}]", block.text, maxsplit=1)[0]
    found: list[tuple[int, Context]] = []

    def add(m, ctx):
        if m:
            found.append((m.start(), ctx))

    a = block.anchor
    for m in _YEAR_IS_RE.finditer(window):
        year = int(m.group(1) or m.group(2))
        add(m, _year_context(year, report_year, m.group(), a))
    if block.kind is BlockKind.HEADING:
        for m in _YEAR_RE.finditer(window):
            add(m, _year_context(int(m.group(1)), report_year, m.group(), a))
    if m := _PLAN_RE.search(window):
        period = plan_period(m.group(1))
        add(m, Context("result" if period.end < report_year else "target", period, m.group(), a))
    if m := _NEXT_FIVE_RE.search(window):
        if current and current.role == "target" and current.period.year is None:
            add(m, current)  # the five years of the plan the section is already about
        else:
            add(m, Context("target", next_five(report_year), m.group(), a))
    if m := _PAST_FIVE_RE.search(window):
        add(m, Context("result", past_five(report_year), m.group(), a))
    if m := _TERM_RE.search(window):
        add(m, Context("result", Period(f"第{m.group(1)}届政府任期（{report_year}年报告）",
                                        f"the {_ordinal(m.group(1))} government's term ({report_year} report)"),
                       m.group(), a))
    if m := _THIS_YEAR_RE.search(window):
        add(m, Context("target", Period.of_year(report_year), m.group(), a))
    if m := _TARGETS_RE.search(window):
        add(m, Context("target", Period.of_year(report_year), m.group(), a))
    if m := _LAST_YEAR_RE.search(window):
        add(m, Context("result", Period.of_year(report_year - 1), m.group(), a))
    if not found:
        return None
    return min(found, key=lambda f: f[0])[1]


# --- indicator phrases ---------------------------------------------------------------------------

_PHRASE_RE = re.compile("|".join(re.escape(p) for p in sorted(PHRASES, key=len, reverse=True)))
"""Longest first, so at each position the longest phrase wins (城镇居民人均可支配收入, not 居民人均…)."""


@fast_pickle
@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    phrase: str
    indicators: tuple[str, ...]


def mentions(text: str) -> list[Mention]:
    """Indicator phrases in the text, leftmost-longest, none inside another; a phrase right after
    占 is the denominator of a share (``占GDP的比重``), not a mention."""
    return [Mention(m.start(), m.end(), m.group(), PHRASES[m.group()]) for m in _PHRASE_RE.finditer(text)
            if not (m.start() and text[m.start() - 1] == "占")]


def _groups(text: str, found: list[Mention]) -> list[list[Mention]]:
    """Mentions joined by 、 和 及 与 (``城镇调查失业率、城镇登记失业率``) form one group."""
    groups: list[list[Mention]] = []
    for m in found:
        if groups and _LIST_SEP_RE.fullmatch(text[groups[-1][-1].end:m.start]):
            groups[-1].append(m)
        else:
            groups.append([m])
    return groups


def _sentence_start(text: str, pos: int) -> int:
    i = pos
    while i > 0 and text[i - 1] not in SENTENCE_END:
        i -= 1
    return i


def _clause_start(text: str, pos: int) -> int:
    i = pos
    while i > 0 and text[i - 1] not in CLAUSE_END:
        i -= 1
    return i


def _measure(words: str, unit: str, after: str, added: bool = False) -> str:
    """What the figure measures, from the words between the indicator and the figure (and
    ``added``: the indicator is preceded by 新增, as in 新增新能源装机90万千瓦)."""
    if unit == "百分点":
        return "change"
    if _SHARE_RE.search(words):
        return "share"
    if _DECLINE_RE.search(words):
        return "decline"
    if _GROWTH_RE.search(words) or _AFTER_GROWTH_RE.match(after):
        return "growth" if unit == "%" else "increase"
    return "increase" if added else "level"


@dataclass(slots=True)
class _Figure:
    indicators: tuple[str, ...]
    quantity: Quantity | None
    qualifier: str
    measure: str
    source_start: int
    source_end: int
    figure: str
    average: bool
    anchor: str
    text: str
    label_anchor: str = ""
    clause: str = ""


class _Reader:
    """Reads one report's blocks in order."""

    def __init__(self, report: Report):
        self.report = report
        self.year = report.entry.year
        self.records: list[Record] = []
        self.unresolved: list[Unresolved] = []

    def left_out(self, block: Block, indicator: str, start: int, end: int, reason: str, detail: str = "") -> None:
        self.unresolved.append(Unresolved(self.report.id, block.anchor, indicator, block.text[start:end], start,
                                          reason, detail))

    # -- figures ----------------------------------------------------------------------------

    def _scan_to_figure(self, text: str, pos: int, limit: int, units: set[str]) -> tuple[int, Quantity | None, str]:
        """From ``pos``: the words up to the figure (within the clause and ``GAP_MAX``), and the
        figure, or (where the words stop, None, why)."""
        folded = fold(text[pos:pos + GAP_MAX + 1])
        i = pos
        while i < limit and i - pos <= GAP_MAX:
            c = folded[i - pos]
            if c in CLAUSE_END:
                return i, None, "clause"
            if (c.isascii() and c.isdigit()) or c in CN_NUMERAL:
                q = parse_quantity(text, i, before=text[pos:i])
                if q is not None and (c.isdigit() or q.unit in units):
                    return i, q, ""
            i += 1
        return i, None, "end" if i >= limit else "far"

    def figures(self, block: Block, next_block: Block | None) -> list[_Figure]:
        text = block.text
        found = mentions(text)
        out: list[_Figure] = []
        groups = _groups(text, found)
        for n, group in enumerate(groups):
            first, last = group[0], group[-1]
            limit = groups[n + 1][0].start if n + 1 < len(groups) else len(text)
            indicators = tuple(i for m in group for i in m.indicators)
            units = set.intersection(*(set(BY_ID[i].units) for i in indicators))
            clause_start = _clause_start(text, first.start)
            before = text[clause_start:first.start]
            area = OTHER_AREAS.search(before)
            if area:
                end = self._clause_end(text, last.end, limit)
                if re.search(r"\d", text[last.end:end]):
                    self.left_out(block, ",".join(indicators), first.start, end, "other-area",
                                  f"the figure is for {area.group()}, not the whole city")
                continue
            # A qualifier without a figure.
            rest = text[last.end:limit]
            no_figure = next(((m, kind) for rx, kind in _NO_FIGURE if (m := rx.match(rest))), None)
            if no_figure:
                m, kind = no_figure
                words = rest[:m.end()]
                for ind in indicators:
                    out.append(_Figure((ind,), None, kind, "growth", first.start, last.end + m.end(),
                                       words, False, block.anchor, text, clause=before))
                continue
            gap_end, q, why = self._scan_to_figure(text, last.end, limit, units)
            if q is None:
                if why == "end" and limit == len(text) and next_block is not None and gap_end - last.end <= GAP_MAX:
                    # The name ends this figure box; the figure opens the next one.
                    q2 = parse_quantity(next_block.text, 0, before=text[last.end:])
                    if q2 is not None and len(indicators) == 1 and q2.unit in units:
                        words = text[last.end:]
                        out.append(self._figure(indicators, q2, words, next_block.text, 0, next_block.anchor,
                                                label_anchor=block.anchor, clause=before, adjacent=False))
                continue
            words = text[last.end:gap_end]
            if q.unit not in units:
                what = q.unit or q.unit_word or "no unit"
                self.left_out(block, ",".join(indicators), first.start, q.end + len(q.unit_word), "other-unit",
                              f"the number is followed by “{what}”, not a unit of the indicator")
                continue
            if len(indicators) > 1:
                quantities = [q]
                pos = q.end
                while len(quantities) < len(indicators):
                    sep = _LIST_SEP_RE.match(text, pos)
                    if not sep:
                        break
                    # A word before the first figure qualifies each (分别突破3万元和1万元).
                    nq = parse_quantity(text, sep.end(), before=words)
                    if nq is None or nq.unit not in units:
                        break
                    quantities.append(nq)
                    pos = nq.end
                if len(quantities) == len(indicators) and (_EACH_RE.search(words) or len(quantities) > 1):
                    for k, (ind, qq) in enumerate(zip(indicators, quantities)):
                        out.append(self._figure((ind,), qq, words, text, first.start, block.anchor, clause=before,
                                                adjacent=k == 0))
                elif len(quantities) == 1 and _ALL_RE.search(words):
                    for ind in indicators:
                        out.append(self._figure((ind,), q, words, text, first.start, block.anchor, clause=before))
                else:
                    self.left_out(block, ",".join(indicators), first.start, quantities[-1].end, "one-figure-for-several",
                                  f"{len(indicators)} indicators, {len(quantities)} figure(s)")
                continue
            fig = self._figure(indicators, q, words, text, first.start, block.anchor, clause=before)
            out.append(fig)
            # Further figures of the same indicator: 完成1512.1亿元，增长5.7%
            pos = q.end
            while (m := _CONTINUE_RE.match(text, pos)) and m.end() < limit:
                nq = parse_quantity(text, m.end(), before=m.group(1))
                if nq is None or nq.unit not in units:
                    break
                out.append(self._figure(indicators, nq, m.group(1), text, first.start, block.anchor,
                                        clause=before + text[first.start:m.start()]))
                pos = nq.end
        return out

    @staticmethod
    def _clause_end(text: str, pos: int, limit: int) -> int:
        i = pos
        while i < limit and text[i] not in CLAUSE_END:
            i += 1
        return i

    def _figure(self, indicators, q: Quantity, words: str, text: str, source_start: int, anchor: str,
                label_anchor: str = "", clause: str = "", adjacent: bool = True) -> _Figure:
        """``adjacent``: ``words`` stand right before the figure, so a qualifying word among them
        (突破2000亿元) is part of the figure as written."""
        after = text[q.end:q.end + 3]
        start = max(q.start - q.lead, source_start) if adjacent else q.start
        added = clause.endswith("新增")
        return _Figure(indicators, q, q.qualifier, _measure(words, q.unit, after, added), source_start, q.end,
                       text[start:q.end], "年均" in words, anchor, text, label_anchor, clause)

    # -- role and period --------------------------------------------------------------------

    def read(self) -> None:
        blocks = self.report.blocks
        contexts: list[tuple[Context | None, str]] = []
        section: Context | None = None
        for block in blocks:
            cue = section_cue(block, self.year, section)
            if cue is not None:
                section = cue
                contexts.append((cue, "paragraph"))
            else:
                contexts.append((section, "section"))
        reviewed = {c.period for c, _ in contexts if c is not None and c.role == "result"}
        review = next(iter(reviewed)) if len(reviewed) == 1 else None

        figures_by_block: list[tuple[int, _Figure]] = []
        for n, block in enumerate(blocks):
            if block.kind is BlockKind.HEADING:
                continue
            nxt = blocks[n + 1] if n + 1 < len(blocks) else None
            for fig in self.figures(block, nxt):
                figures_by_block.append((n + 1 if fig.label_anchor else n, fig))

        records: list[Record] = []
        for n, fig in figures_by_block:
            block = blocks[n]
            ctx, basis = contexts[n]
            has_target = bool(TARGET_WORDING.search(block.text))
            has_result = bool(RESULT_WORDING.search(block.text))
            if fig.label_anchor:
                sentence = fig.clause
            else:
                sentence = fig.text[_sentence_start(fig.text, fig.source_start):fig.source_start]
            own = self._sentence_period(sentence, ctx, fig.average)
            if own is not None:
                ctx, basis = own, "sentence"
            if ctx is None:
                if has_result and not has_target and review is not None:
                    ctx = Context("result", review, "", "")
                    basis = "single-review"
                else:
                    self._unresolved(fig, "ambiguous-role", "no section says whether this is a target or a result")
                    continue
            elif ctx.role == "target" and basis == "section" and has_result and not has_target:
                self._unresolved(fig, "ambiguous-role", "result wording in a section of targets")
                continue
            records.extend(self._records(fig, ctx, basis))
        self.records.extend(self._without_conflicts(records))

    def _sentence_period(self, clause: str, ctx: Context | None, average: bool) -> Context | None:
        """A period the figure's own sentence names before the indicator (``到2025年，地区生产总值…``,
        ``“十四五”末经济总量…``). A point in time (``“十四五”末``, ``到2025年``) is not the period
        of an average annual rate, so it does not apply to one."""
        role = ctx.role if ctx else ("target" if TARGET_WORDING.search(clause) else None)
        if (m := _PLAN_END_RE.search(clause)) and not average:
            end = plan_period(m.group(1)).end
            return Context(role or "target", Period.of_year(end), m.group(), "")
        if (m := _BY_YEAR_RE.search(clause)) and not average:
            return Context(role or "target", Period.of_year(int(m.group(1))), m.group(), "")
        if (m := _WITHIN_FIVE_RE.search(clause)) and not (ctx and ctx.role == "target" and ctx.period.year is None):
            return Context("target", next_five(self.year), m.group(), "")
        return None

    def _unresolved(self, fig: _Figure, reason: str, detail: str) -> None:
        self.unresolved.append(Unresolved(self.report.id, fig.anchor, ",".join(fig.indicators),
                                          fig.text[fig.source_start:fig.source_end], fig.source_start, reason, detail))

    def _records(self, fig: _Figure, ctx: Context, basis: str) -> list[Record]:
        q = fig.quantity
        ind = fig.indicators[0]
        area = next((a for a in OWN_AREAS if a in fig.clause), "")
        return [Record(
            report=self.report.id, year=self.year, anchor=fig.anchor, indicator=ind, measure=fig.measure,
            role=ctx.role, period=ctx.period,
            value=plain(q.amount) if q else None, high=plain(q.amount_high) if q else None, unit=q.unit if q else "",
            qualifier=fig.qualifier, qualifier_word=q.qualifier_word if q else "", figure=fig.figure, source=fig.text[fig.source_start:fig.source_end],
            start=fig.source_start, cue=ctx.cue, cue_anchor=ctx.anchor, basis=basis,
            scale=q.scale if q else 1, label_anchor=fig.label_anchor, average=fig.average, area=area)]

    def _without_conflicts(self, records: list[Record]) -> list[Record]:
        """Two different figures for the same thing in one paragraph: both are listed, neither kept."""
        keyed: dict[tuple, set] = {}
        for r in records:
            keyed.setdefault((r.anchor, r.series, r.role, r.period, r.area), set()).add((r.value, r.high, r.unit))
        kept = []
        for r in records:
            if len(keyed[(r.anchor, r.series, r.role, r.period, r.area)]) > 1:
                self.unresolved.append(Unresolved(r.report, r.anchor, r.indicator, r.source, r.start,
                                                  "conflicting-values",
                                                  "the paragraph gives this indicator two different figures"))
            else:
                kept.append(r)
        return kept


def extract(report: Report) -> Indicators:
    reader = _Reader(report)
    reader.read()
    return Indicators(reader.records, sorted(reader.unresolved, key=lambda u: (u.anchor, u.start)))


def extract_all(reports: list[Report]) -> Indicators:
    """Every report's records and left-out figures, in report order."""
    out = Indicators()
    for report in reports:
        one = extract(report)
        out.records.extend(one.records)
        out.unresolved.extend(one.unresolved)
    return out


