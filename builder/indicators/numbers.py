"""Figures as the reports write them: Arabic or Chinese numerals, the multipliers 万 and 亿, a
unit, a range and a qualifier (``6.1%左右``, ``3.8万人以上``, ``4.5%—5%``, ``百万亩``,
``突破2000亿元``).

A figure is parsed where it stands; nothing is rounded. ``Quantity.low``/``high`` are the numbers
as written (``3.8`` in ``3.8万人``), ``scale`` the multiplier (10⁴), ``unit`` what follows it
(``人``); ``amount`` is the value in that unit (38000 people). Full-width digits and signs
(``２０％``) are read like ASCII ones; the text is never rewritten, so offsets point into the
original paragraph.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from builder.pickling import fast_pickle

# One-to-one, so offsets in the folded text are offsets in the original.
_FOLD = str.maketrans("０１２３４５６７８９．％～－", "0123456789.%~-")

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL = {"十": 10, "百": 100, "千": 1000}
CN_BIG = {"万": 10**4, "亿": 10**8}
CN_NUMERAL = "零〇一二两三四五六七八九十百千万亿"

MULTIPLIERS = (("万亿", 10**12), ("千万", 10**7), ("百万", 10**6), ("亿", 10**8), ("万", 10**4))
"""After Arabic digits, longest first: ``1.2万亿``, ``5千万``, ``3百万``, ``2000亿``, ``3.8万``."""

UNITS = ("个百分点", "百分点", "微克/立方米", "立方米", "立方", "平方公里", "平方米", "千瓦时", "千瓦",
         "公里", "公斤", "美元", "元", "人次", "人", "户", "家", "吨", "亩", "斤", "天", "%", "倍")
"""Units a figure may carry, longest first. Other words after a number (``4项``, ``2位``) are not
units of a quantity the indicators measure; the number is returned with an empty unit and
``unit_word`` naming what follows, so the caller can say why it left the figure out."""

UNIT_ALIASES = {"个百分点": "百分点", "立方": "立方米"}
"""Shorter spellings of the same unit (``18亿立方`` is 18亿立方米); the figure's text is kept as written."""
PERCENT = "%"
POINTS = "百分点"

# Qualifiers written after a figure, and before it (in the words that lead to the figure).
AFTER = (("左右", "about"), ("上下", "about"), ("以上", "at_least"), ("以内", "at_most"), ("以下", "at_most"),
         ("多", "above"), ("余", "above"))
BEFORE = (("不少于", "at_least"), ("不低于", "at_least"), ("不超过", "at_most"), ("不高于", "at_most"),
          ("突破", "above"), ("超过", "above"), ("超", "above"), ("高于", "above"), ("低于", "below"))
RANGE_SEPARATORS = ("——", "—", "–", "-", "~", "至", "到")

_ARABIC_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_CN_RE = re.compile(f"[{CN_NUMERAL}]+")
_WORD_RE = re.compile(r"[\u4e00-\u9fff]")


class NumberError(ValueError):
    """A run of numerals that is not a well-formed number (``十十``, ``万亿万``)."""


def cn_number(text: str) -> Decimal:
    """The value of Chinese numerals: ``三`` 3, ``十五`` 15, ``一百二十`` 120, ``两千`` 2000,
    ``百万`` 1000000, ``三亿五千万`` 350000000, ``二〇二〇`` 2020 (digit by digit). Raises
    NumberError on what is not one number (``三四``, three or four)."""
    if not text or any(c not in CN_NUMERAL for c in text):
        raise NumberError(text)
    if all(c in CN_DIGITS for c in text) and (len(text) >= 4 or (len(text) > 1 and set(text) & set("〇零"))):
        # Digit by digit, as years are written (二〇二〇); 三四 is "three or four", not a number.
        return Decimal("".join(str(CN_DIGITS[c]) for c in text))
    total, section, digit, last_big = 0, 0, None, None
    for c in text:
        if c in CN_DIGITS:
            if digit is not None and CN_DIGITS[c] != 0:
                raise NumberError(text)  # 三四 without a unit between
            digit = CN_DIGITS[c] or None
        elif c in CN_SMALL:
            section += (digit if digit is not None else 1) * CN_SMALL[c]
            digit = None
        else:  # 万 or 亿
            big = CN_BIG[c]
            value = section + (digit or 0)
            if value == 0:
                if total == 0:
                    value = 1  # 万 alone, 百万 handled below via section
                elif last_big is not None and big > last_big:
                    total *= big  # 万亿: the whole so far times 亿
                    last_big, section, digit = big, 0, None
                    continue
                else:
                    raise NumberError(text)
            if last_big is not None and big > last_big:
                total = (total + value) * big
            else:
                total += value * big
            last_big, section, digit = big, 0, None
    return Decimal(total + section + (digit or 0))


@fast_pickle
@dataclass(frozen=True, slots=True)
class Quantity:
    """One figure as written, located in its text."""

    low: Decimal
    """The number as written before the multiplier (``3.8`` in ``3.8万人``); the lower bound of a range."""
    high: Decimal | None
    """The upper bound of a range (``5`` in ``4.5%—5%``), else None."""
    scale: int
    """The multiplier written after the digits: 1, 10⁴ (万), 10⁸ (亿)…; Chinese numerals carry theirs inside ``low``."""
    unit: str
    """What the figure counts after the multiplier: ``%``, ``元``, ``人``, ``百分点``…; '' if none is known."""
    qualifier: str
    """exact | about | at_least | at_most | above | below | range."""
    start: int
    end: int
    """Where the figure (with its qualifier words after it) stands in the text."""
    unit_word: str = ""
    """When ``unit`` is empty: the character that follows the number (``项`` in ``4项``)."""
    qualifier_word: str = ""
    """The word before the figure that qualifies it (``突破``, ``不少于``), if any."""
    lead: int = 0
    """How many characters before ``start`` that word (with 到/至/为/在 after it) takes."""

    @property
    def amount(self) -> Decimal:
        return self.low * self.scale

    @property
    def amount_high(self) -> Decimal | None:
        return None if self.high is None else self.high * self.scale

    @property
    def per_cent(self) -> bool:
        return self.unit == PERCENT


def fold(text: str) -> str:
    """Full-width digits and signs as ASCII, one character for one."""
    return text.translate(_FOLD)


def _number_at(text: str, pos: int) -> tuple[Decimal, int, int] | None:
    """(number, scale, end) of the numerals at ``pos``: Arabic with an optional 万/亿, or Chinese."""
    m = _ARABIC_RE.match(text, pos)
    if m:
        value = Decimal(m.group().replace(",", ""))
        end = m.end()
        for word, scale in MULTIPLIERS:
            if text.startswith(word, end):
                return value, scale, end + len(word)
        return value, 1, end
    m = _CN_RE.match(text, pos)
    if m:
        run = m.group()
        # Numerals run into a following word (一年, 两项): read the longest prefix that parses and
        # is followed by a unit, so 百万亩 is 1000000 mu.
        for cut in range(len(run), 0, -1):
            try:
                value = cn_number(run[:cut])
            except NumberError:
                continue
            return value, 1, pos + cut
    return None


def _unit_at(text: str, pos: int) -> str:
    for unit in UNITS:
        if text.startswith(unit, pos):
            return unit
    return ""


def parse_quantity(text: str, pos: int = 0, before: str = "") -> Quantity | None:
    """The figure starting at ``pos`` of ``text`` (no skipping), or None if no number starts there.

    ``before`` is the wording that leads to the figure (``突破``, ``控制在``): a qualifier there
    (``突破2000亿元`` above, ``不少于500万亩`` at least) applies when the figure has none after it.
    A range is two numbers joined by —, –, -, ~, 至 or 到, the unit written once or twice
    (``4.5%—5%``, ``4.5—5%``). A figure without a known unit is returned with ``unit`` '' and
    ``unit_word`` the next character, for the caller to report.
    """
    # A figure is short: read a window, so a long paragraph costs no more than a short one.
    window = fold(text[pos:pos + WINDOW])
    q = _parse(window, before)
    if q is None:
        return None
    return Quantity(q.low, q.high, q.scale, q.unit, q.qualifier, q.start + pos, q.end + pos, q.unit_word,
                    q.qualifier_word, q.lead)


WINDOW = 64
"""The longest figure read, with its range and qualifier (``1,200,000.5万亿元—1,300,000.5万亿元以上`` fits)."""


def _parse(folded: str, before: str) -> Quantity | None:
    pos = 0
    first = _number_at(folded, pos)
    if first is None:
        return None
    low, scale, end = first
    unit = _unit_at(folded, end)
    high = None
    after_low = end + len(unit)
    for sep in RANGE_SEPARATORS:
        if folded.startswith(sep, after_low):
            second = _number_at(folded, after_low + len(sep))
            if second is None:
                break
            value, scale2, end2 = second
            unit2 = _unit_at(folded, end2)
            if (unit and unit2 and unit != unit2) or scale2 != scale or not (unit or unit2):
                break
            if value < low:
                break
            high, unit, end = value, unit or unit2, end2 + len(unit2)
            after_low = end
            break
    end = after_low
    unit = UNIT_ALIASES.get(unit, unit)
    qualifier = "range" if high is not None else "exact"
    for word, kind in AFTER:
        if folded.startswith(word, end) and high is None:
            # 多/余 qualify only a round figure followed by its unit (3万余人); elsewhere they are words.
            if word in ("多", "余") and not unit and not _unit_at(folded, end + 1):
                continue
            qualifier, end = kind, end + len(word)
            if not unit:
                unit = _unit_at(folded, end)
                end += len(unit)
            break
    qualifier_word, lead = "", 0
    if qualifier == "exact":
        for word, kind in BEFORE:
            m = re.search(re.escape(word) + r"(?:到|至|为|在)?$", before)
            if m:
                qualifier, qualifier_word, lead = kind, word, len(m.group())
                break
    unit_word = ""
    if not unit:
        nxt = folded[end:end + 1]
        unit_word = nxt if _WORD_RE.match(nxt or " ") or nxt.isalpha() else ""
    return Quantity(low, high, scale, unit, qualifier, pos, end, unit_word, qualifier_word, lead)


def plain(value: Decimal | None) -> Decimal | None:
    """The value without exponent or trailing zeros: 1512.1亿 is 151210000000, not 1.5121E+11."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()
