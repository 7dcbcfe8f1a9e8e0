"""Stray or unbalanced Markdown emphasis from the web page removed."""
from __future__ import annotations

import re

from builder.report.records import Line

# ——**lead phrase**: the summary's own run-in heading marker, read by the structure stage.
LEAD_RE = re.compile(r"^(——\*\*[^*]+\*\*)(.*)$")


def rule(lines: list[Line], ctx) -> list[Line]:
    """Seed 003 carries Markdown asterisks that no longer pair up.

    ``- 聚力高端融合**,做大做强煤、焦、铁、铝、电。`` → ``- 聚力高端融合，做大做强煤、焦、铁、铝、电。``;
    ``- 实施污染防治攻坚战**`` → ``- 实施污染防治攻坚战``.
    A leading ``——**…**`` pair is kept: it marks a run-in heading (see builder/structure.py).
    The site never lets source asterisks become Markdown: what stays is escaped on output.
    """
    for line in lines:
        if "**" not in line.text:
            continue
        m = LEAD_RE.match(line.text)
        after = m.group(1) + m.group(2).replace("**", "") if m else line.text.replace("**", "")
        if after != line.text:
            ctx.change(line.number, line.text, after)
            line.text = after
    return lines
