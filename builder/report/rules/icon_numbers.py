"""Remove icon numbers: the digits of numbered infographic icons, extracted as text."""
from __future__ import annotations

import re

from builder.report.records import Line

# Lines made only of doubled digits: the badge "1" is drawn twice (outline and fill).
ICON_LINE_RE = re.compile(r"^(\d)\1(?:\s+(\d)\2)*$")


def rule(lines: list[Line], ctx) -> list[Line]:
    """Seed 000, lines 285–291: ``11 22`` ``88`` ``33 44`` ``55 66 77`` → removed.

    Only lines that hold nothing but doubled digits are removed; a number inside text
    (``11个城市``) or a figure on its own (``6.1%``) stays.
    """
    for line in lines:
        if ICON_LINE_RE.match(line.text):
            ctx.change(line.number, line.text, "")
            line.text = ""
    return lines
