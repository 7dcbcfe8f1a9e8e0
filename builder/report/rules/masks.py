"""Placeholder masks kept verbatim and noted once per report."""
from __future__ import annotations

from collections import Counter

from builder.report.records import Line
from builder.text import MASK_RE


def rule(lines: list[Line], ctx) -> list[Line]:
    """A copy that hides names or figures writes a mask in their place: ``在**县第十八届``,
    ``xx镇食用菌产业园``, ``新引进亿元以上项目xx个`` (fixture fengchuan-2024-county-web-page.txt),
    ``其中××新能源装备制造项目`` (luming-2024-one-line.txt). The mask is the text as received:
    it is never deleted as stray emphasis (the emphasis rule skips it) nor reported as a stray
    Latin word (the suspects stage skips it). This rule changes nothing; it writes one
    editorial note per report naming each mask, how often it occurs and where first
    (``builder.text.MASK_RE`` says what a mask is).
    """
    found: Counter = Counter()
    first: dict[str, tuple[int, str]] = {}
    for line in lines:
        if not any(ch in line.text for ch in "*＊×xXｘＸ"):
            continue
        for m in MASK_RE.finditer(line.text):
            found[m.group(0)] += 1
            first.setdefault(m.group(0), (line.number, line.text[max(0, m.start() - 4): m.end() + 4]))
    if found:
        masks = "; ".join(f"“{mask}” ×{n} (first on line {first[mask][0]}: “{first[mask][1]}”)"
                          for mask, n in found.most_common())
        ctx.note("placeholder masks", min(line for line, _ in first.values()),
                 f"the source hides names or figures behind placeholder masks: {masks}; they are "
                 "kept as received.")
    return lines
