"""The candidate finder: slogan-like expressions in the reports that the glossary should explain.

Three patterns, measured on the five reports:

- ``quoted``: a short expression in Chinese quotation marks. Policy prose quotes exactly its
  coinages — numbered formulas (“四个意识”, “1+7+N”, “13710”) and unnumbered ones (“放管服”,
  “证照分离”, “一网通办”) alike — and also figures of speech (“笼子”); the latter go to the
  glossary's ignore list, each with its reason.
- ``enumeration``: a count with 大/个/项 before a word, unquoted (三大攻坚战, 两个维护, 八项规定).
- ``congress``: a party congress by its number (党的二十大).

A candidate is covered when glossary terms, matched in place, cover every letter of it, or when
its text is in the ignore list.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from builder.glossary.matcher import Match
from builder.pickling import fast_pickle

QUOTED_RE = re.compile(r"“([^“”，。；！？\n]{2,16})”")
# A count (not part of a longer number such as 二十三), a measure word, then a word of 2–6
# Han characters up to the next punctuation or function character.
ENUMERATION_RE = re.compile(
    r"(?<![一二三四五六七八九十百千万\d])([两三四五六七八九十]+[大个项][\u4e00-\u9fff]{2,6}?)"
    r"(?=[，。、；：“”（）的和与及等为在是]|$)")
CONGRESS_RE = re.compile(r"党的([一二三四五六七八九十]+大)")


@fast_pickle
@dataclass(frozen=True, slots=True)
class Candidate:
    text: str
    pattern: str
    report: str
    anchor: str
    start: int
    """Offset of the candidate in its block's text."""


def find(reports) -> list[Candidate]:
    out = []
    for report in reports:
        for block in report.blocks:
            t = block.text
            for m in QUOTED_RE.finditer(t):
                out.append(Candidate(m.group(1), "quoted", report.id, block.anchor, m.start(1)))
            for m in ENUMERATION_RE.finditer(t):
                if not _inside_quotes(t, m.start(1)) and not t.startswith("党的", m.start(1) - 2):
                    out.append(Candidate(m.group(1), "enumeration", report.id, block.anchor, m.start(1)))
            for m in CONGRESS_RE.finditer(t):
                out.append(Candidate(m.group(1), "congress", report.id, block.anchor, m.start(1)))
    return out


def _inside_quotes(text: str, at: int) -> bool:
    return text.count("“", 0, at) > text.count("”", 0, at)


def covered(candidate: Candidate, matches: list[Match]) -> bool:
    """Every letter or digit of the candidate lies inside some match."""
    span = range(candidate.start, candidate.start + len(candidate.text))
    letters = [i for i, ch in zip(span, candidate.text) if ch.isalnum()]
    return all(any(m.start <= i < m.end for m in matches) for i in letters)


def uncovered(reports, glossary, matches) -> dict[str, list[Candidate]]:
    """Candidates neither covered by glossary terms nor ignored, grouped by their text.
    ``matches`` are the concordance's marks: (report id, block anchor) -> matches."""
    out: dict[str, list[Candidate]] = defaultdict(list)
    for cand in find(reports):
        if cand.text in glossary.ignored:
            continue
        if not covered(cand, matches[(cand.report, cand.anchor)]):
            out[cand.text].append(cand)
    return dict(out)


def unused_ignores(reports, glossary) -> list[str]:
    """Ignore entries that no longer match any candidate: stale, worth removing."""
    texts = {c.text for c in find(reports)}
    return [text for text in glossary.ignored if text not in texts]
