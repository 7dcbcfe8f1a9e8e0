"""Remove page-continuation markers and record them in the report's metadata."""
from __future__ import annotations

import re

from builder.report.records import Line

# （上接 1版）  (下转4版)  （上接 1—4版）  （下转 3版）
MARKER_RE = re.compile(r"[（(]\s*[上下]\s*[接转轉]\s*(?:第\s*)?[0-9０-９A-Za-z]+(?:\s*[—\-－~～、,，]\s*[0-9０-９A-Za-z]+)*\s*版\s*[)）]")


def rule(lines: list[Line], ctx) -> list[Line]:
    """Newspaper pages say where a text continues; the site shows one continuous text.

    Seed 002, line 2: ``（上接 1版）广大医务人员白衣执甲、逆`` → ``广大医务人员白衣执甲、逆``;
    seed 001 ends with ``(下转4版)``; seed 004 begins ``（上接 1—4版）``.
    """
    for line in lines:
        found = MARKER_RE.findall(line.text)
        if not found:
            continue
        before = line.text
        line.text = MARKER_RE.sub("", line.text).strip()
        for marker in found:
            ctx.continuations.append((line.number, re.sub(r"\s+", "", marker)))
        ctx.change(line.number, before, line.text)
    return lines
