"""Checks that catch the usual failures of a translation, paragraph by paragraph.

- terms: every glossary term marked in the Chinese must be marked in the English, by its
  English name or one of its English variants (so the English edition links it too);
- numbers: every figure of the Chinese must be in the English, after unit conversion
  (亿 = 100 million, 万 = 10,000; 2071.4亿元 is 207.14 billion yuan; 10月 is October).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from builder.pickling import fast_pickle

ZH_NUMBER_RE = re.compile(r"(\d+(?:\.\d+)?)(万亿|亿|万|月)?")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
EN_NUMBER_RE = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?[\s-]*(trillion|billion|million|thousand)?")
# Figures English writes as words: "centenary" for 100周年, "Three Million-Mu" for 三个100万亩.
EN_WORDS = {"ten": 10, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
            "centenary": 100, "centennial": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9}
EN_WORD_RE = re.compile(r"\b(" + "|".join(EN_WORDS) + r")\b", re.IGNORECASE)
SCALE = {"": 1, "万": 10**4, "亿": 10**8, "万亿": 10**12}
EN_SCALE = {None: 1, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
# Ordinals and list numbers a translation writes as words or numerals differently.
SMALL = 10


@fast_pickle
@dataclass(frozen=True, slots=True)
class Problem:
    report: str
    anchor: str
    kind: str  # terms | numbers
    detail: str


def _values_zh(text: str) -> set[Decimal]:
    out = set()
    for number, unit in ZH_NUMBER_RE.findall(text):
        if unit == "月" and number.isdigit() and 1 <= int(number) <= 12:
            out.add(MONTHS[int(number) - 1])  # 10月 is October
            continue
        try:
            out.add(Decimal(number) * SCALE.get(unit or "", 1))
        except InvalidOperation:
            continue
    return out


def _values_en(text: str) -> set[Decimal]:
    out = set()
    for whole, frac, scale in EN_NUMBER_RE.findall(text):
        value = Decimal(whole.replace(",", "") + ("." + frac if frac else ""))
        out.add(value * EN_SCALE[scale or None])
        out.add(value)  # "1.25 billion sticks" also shows 1.25
    out |= {Decimal(EN_WORDS[w.lower()]) for w in EN_WORD_RE.findall(text)}
    out |= {month for month in MONTHS if month in text}
    return out


def check_memory(report, memory, concordance, english_matcher, glossary) -> list[Problem]:
    problems = []
    for block in report.blocks:
        rendering = memory.renderings.get(block.anchor)
        if rendering is None or not rendering.en:
            continue
        zh_terms = {m.term_id for m in concordance.matches[(report.id, block.anchor)]}
        en_terms = {m.term_id for m in english_matcher.find(rendering.en)}
        for term_id in sorted(zh_terms - en_terms):
            term = glossary[term_id]
            problems.append(Problem(report.id, block.anchor, "terms",
                                    f"{term.term} is not rendered as “{term.en}” (or an English variant)"))
        have = _values_en(rendering.en)
        for value in sorted(_values_zh(block.text), key=str):
            if (isinstance(value, str) or value >= SMALL) and value not in have:
                problems.append(Problem(report.id, block.anchor, "numbers",
                                        f"{_plain(value)} (from the Chinese) is not in the English"))
    return problems


def _plain(value) -> str:
    return value if isinstance(value, str) else format(value.normalize(), "f")
