"""Half-width punctuation inside Chinese text made full-width."""
from __future__ import annotations

import re

from builder.report.records import Line
from builder.text import CJK, HAN

FULL = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？"}
# A half-width mark with Chinese on at least one side; a comma between digits (1,000) is not.
# Justification spaces before a mark go with it (seed 002, line 836: ``组群建设 ,`` at a line end).
MARK_RE = re.compile(f"(?<=[{CJK}])[ \t\u3000]*[,:;!?]|[,:;!?](?=[{CJK}])")
# A bracketed span touching Chinese outside, or holding Chinese inside.
PAREN_RE = re.compile(f"(?<=[{CJK}])\\(([^()]*)\\)|\\(([^()]*)\\)(?=[{CJK}])|\\(([^()]*[{HAN}][^()]*)\\)")


def fullwidth(text: str) -> str:
    text = PAREN_RE.sub(lambda m: "（" + (m.group(1) or m.group(2) or m.group(3) or "") + "）", text)
    return MARK_RE.sub(lambda m: FULL[m.group(0).strip(" \t\u3000")], text)


def rule(lines: list[Line], ctx) -> list[Line]:
    """Seeds 001 and 003 use ASCII punctuation in Chinese sentences.

    Seed 001, line 5: ``四是统筹推进城乡融合。实施城市更新行动,高质量完成城市体检,`` →
    ``…实施城市更新行动，高质量完成城市体检，``; ``5县(区)`` → ``5县（区）``.
    Numbers and formulas are untouched: ``4.5%``, ``1+7+N``, ``1,000``, ``2×35``.
    """
    for line in lines:
        after = fullwidth(line.text)
        if after != line.text:
            ctx.change(line.number, line.text, after)
            line.text = after
    return lines
