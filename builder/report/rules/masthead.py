"""Remove running titles (mastheads) printed at the top of newspaper pages."""
from __future__ import annotations

import re

from builder.report.records import Line
from builder.text import probe


def rule(lines: list[Line], ctx) -> list[Line]:
    """A line that holds only a masthead of the report is layout, not text.

    Seed 002, line 1: `` 政 府 工 作 报 告`` (letter-spaced page title) → removed.
    The mastheads come from the manifest (``mastheads:``), so a title inside the text
    such as ``2022年政府工作报告(摘要)`` is left alone. Compared in Simplified characters, so
    that a source in Traditional characters loses its ``政 府 工 作 報 告`` too.
    """
    wanted = {re.sub(r"\s+", "", probe(m)) for m in ctx.mastheads}
    sizes = {len(m) for m in wanted}
    longest = 3 * max(sizes, default=0)  # a letter-spaced masthead: 政 府 工 作 报 告
    for line in lines:
        if line.text and len(line.text) <= longest and len("".join(line.text.split())) in sizes \
                and re.sub(r"\s+", "", probe(line.text)) in wanted:
            ctx.change(line.number, line.text, "")
            line.text = ""
    return lines
