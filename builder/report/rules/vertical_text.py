"""Rebuild vertical text (one character per line) into one horizontal line."""
from __future__ import annotations

from builder.report.records import Line

MIN_CHARS = 3


def _single(line: Line) -> bool:
    return len(line.text) == 1 and not line.text.isspace()


def rule(lines: list[Line], ctx) -> list[Line]:
    """Infographic labels set vertically come out one character per line.

    Seed 000, lines 82–85: ``总`` ``体`` ``要`` ``求`` → ``总体要求``;
    lines 305–310: ``2`` ``0`` ``2`` ``0`` (blank) ``年`` → ``2020年``.
    A run is at least three one-character lines, with at most one blank line between two
    of them. The rebuilt line is marked as a label (it names a box, it is not prose).
    """
    i = 0
    while i < len(lines):
        if not _single(lines[i]):
            i += 1
            continue
        run = [i]
        j = i + 1
        while j < len(lines):
            if _single(lines[j]):
                run.append(j)
                j += 1
            elif not lines[j].text and j + 1 < len(lines) and _single(lines[j + 1]):
                j += 1  # one blank line inside the run
            else:
                break
        if len(run) >= MIN_CHARS:
            first = lines[run[0]]
            before = "\\n".join(lines[k].text for k in range(run[0], run[-1] + 1))
            first.text = "".join(lines[k].text for k in run)
            first.label = True
            for k in range(run[0] + 1, run[-1] + 1):
                lines[k].text = ""
            ctx.change(first.number, before, first.text)
        i = j
    return lines
