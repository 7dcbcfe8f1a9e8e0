"""Stray or unbalanced Markdown emphasis from the web page removed."""
from __future__ import annotations

import re

from builder.report.records import Line
from builder.text import MASK_RE

# ——**lead phrase**: the summary's own run-in heading marker, read by the structure stage.
LEAD_RE = re.compile(r"^(——\*\*[^*]+\*\*)(.*)$")


def _unstarred(text: str) -> str:
    """The text without ``**``, except inside a placeholder mask (``在**县``), which stays."""
    out, pos = [], 0
    for m in MASK_RE.finditer(text):
        out += [text[pos:m.start()].replace("**", ""), m.group(0)]
        pos = m.end()
    return "".join(out) + text[pos:].replace("**", "")


def rule(lines: list[Line], ctx) -> list[Line]:
    """Seed 003 carries Markdown asterisks that no longer pair up.

    ``- 聚力高端融合**,做大做强煤、焦、铁、铝、电。`` → ``- 聚力高端融合，做大做强煤、焦、铁、铝、电。``;
    ``- 实施污染防治攻坚战**`` → ``- 实施污染防治攻坚战``.
    A leading ``——**…**`` pair is kept: it marks a run-in heading (see builder/structure.py);
    so is a placeholder mask ``在**县第十八届`` (see the masks rule).
    The site never lets source asterisks become Markdown: what stays is escaped on output.
    """
    for line in lines:
        if "**" not in line.text:
            continue
        m = LEAD_RE.match(line.text)
        after = m.group(1) + _unstarred(m.group(2)) if m else _unstarred(line.text)
        if after != line.text:
            ctx.change(line.number, line.text, after)
            line.text = after
    return lines
