"""One spacing convention: no spaces inside Chinese text, nor between Chinese and digits/Latin."""
from __future__ import annotations

import re

from builder.report.records import Line
from builder.text import CJK

GAP = r"[ \t\u00a0\u3000]+"
# Justification spaces between two Chinese characters or punctuation marks.
CJK_GAP_RE = re.compile(f"(?<=[{CJK}]){GAP}(?=[{CJK}])")
# Spaces between Chinese and a number, a Latin word or a joining sign (-, +, ~, /, ×).
CJK_ASCII_GAP_RE = re.compile(f"(?<=[{CJK}]){GAP}(?=[A-Za-z0-9\\-+~/×])")
ASCII_CJK_GAP_RE = re.compile(f"(?<=[A-Za-z0-9%\\-+~/×]){GAP}(?=[{CJK}])")
# A list marker at the start of a line keeps its space ("- 实施…").
LIST_MARKER_RE = re.compile(r"^([-*+] )")


def despace(text: str) -> str:
    marker = ""
    m = LIST_MARKER_RE.match(text)
    if m:
        marker, text = m.group(1), text[m.end():]
    text = CJK_GAP_RE.sub("", text)
    text = CJK_ASCII_GAP_RE.sub("", text)
    text = ASCII_CJK_GAP_RE.sub("", text)
    return marker + text


def rule(lines: list[Line], ctx) -> list[Line]:
    """Justified newspaper columns spread characters apart; the site writes them closed up.

    Seed 002, line 66: ``板 ；营 商 环 境 与 市 场 主 体 期 盼 仍 有 差`` → ``板；营商环境与市场主体期盼仍有差``;
    seed 000, line 121: ``1512.1 亿元，增长 5.7%，总量`` → ``1512.1亿元，增长5.7%，总量``.
    Convention (as in the printed official texts): no space between Chinese characters,
    nor between Chinese and digits or Latin letters; spaces between two Latin words stay.
    """
    for line in lines:
        after = despace(line.text)
        if after != line.text:
            ctx.change(line.number, line.text, after)
            line.text = after
    return lines
