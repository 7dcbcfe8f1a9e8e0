"""A title broken over several lines at the top of a text rebuilt into one line."""
from __future__ import annotations

import re

from builder.report.markers import front_matter, starts_block, starts_numbered
from builder.report.records import Line
from builder.text import PROSE_PUNCT_RE, probe, width

LINE_MAX = 16  # widest piece of a title set in large type
MAX_LINES = 4
TITLE_END_RE = re.compile(r"(?:报告|摘要|[（(]摘要[）)]|[（(]节选[）)]|[（(]草案[）)])$")


def _piece(line: Line) -> bool:
    text = line.text
    return (bool(text) and width(text) <= LINE_MAX and not PROSE_PUNCT_RE.search(text)
            and not starts_block(text) and not starts_numbered(text) and not front_matter(text)
            and not text.startswith("——"))


def rule(lines: list[Line], ctx) -> list[Line]:
    """A PDF's title page sets the title in large type over several lines:
    ``沅丰市`` / ``2023年政府`` / ``工作报告`` → ``沅丰市2023年政府工作报告`` (fixture
    yuanfeng-2023-pdf-ascii.txt). Only at the top of the text (its first nonblank lines), only
    consecutive short lines without punctuation (at most four), and only when the last one
    ends the title (…报告, …摘要, （节选）); the pieces close up, as Chinese does. A one-line
    title (``2022年政府工作报告(摘要)``) is left alone.
    """
    start = next((i for i, line in enumerate(lines) if line.text), None)
    if start is None:
        return lines
    run = [start]
    while len(run) < MAX_LINES and run[-1] + 1 < len(lines) and _piece(lines[run[-1] + 1]) \
            and lines[run[-1] + 1].number == lines[run[-1]].number + 1:
        run.append(run[-1] + 1)
    while len(run) > 1 and not TITLE_END_RE.search(probe(lines[run[-1]].text)):
        run.pop()
    if len(run) < 2 or not all(_piece(lines[i]) for i in run):
        return lines
    first = lines[run[0]]
    before = "\\n".join(lines[i].text for i in run)
    first.text = "".join(lines[i].text for i in run)
    for i in run[1:]:
        lines[i].text = ""
    ctx.change(first.number, before, first.text)
    return lines
