"""Gaps in the source kept out of the prose: the text breaks there, and a note says so."""
from __future__ import annotations

import re

from builder.report.records import Line
from builder.text import probe

DOTS = r"(?:…+|\.{3,}|·{3,})?"  # the ellipsis around a gap (never a sentence's own 。)
# ……（…省略912字，正式会员可完整阅读）……; （此处省略500字）; （略）; （以下略）; ……（内容略）……
GAP_RE = re.compile(
    f"{DOTS}[（(]\\s*{DOTS}\\s*(?:此处|以下|下文|中间|部分|内容|全文|正文)?(?:省略|略去|略|删节)"
    f"(?:了)?\\s*(?:约)?\\s*(\\d+)?\\s*(?:个)?(?:字|段|处)?[^（）()]{{0,30}}[）)]{DOTS}"
    # a paywall line without a bracket: 正式会员可完整阅读 / 登录后阅读全文
    f"|{DOTS}[^。！？\\n]{{0,12}}(?:会员可(?:完整)?阅读|登录后(?:可)?(?:查看|阅读)全文|付费(?:后)?阅读全文|开通会员)[^。！？\\n]{{0,12}}{DOTS}"
    # a line of dots alone: an omission the copy marks without words
    f"|^[…\\.。·]{{4,}}$")


HINTS = ("略", "删", "刪", "会员", "會員", "登录", "登錄", "付费", "付費", "…", "...", "···")
"""A gap's words: lines holding none of them are not looked at (most lines)."""


def rule(lines: list[Line], ctx) -> list[Line]:
    """A copy that leaves text out says so in the text: a paywall line
    ``……（…省略912字，正式会员可完整阅读）……``, an editor's ``（略）``, a line of dots (fixture
    fengchuan-2024-county-web-page.txt). Joining the text around it would make one paragraph
    of two pieces that never met. So the gap is taken out of the text and logged, the text
    after it starts a new block (``hard_break``: the assembler never joins across), and an
    editorial note says what is missing where (the paragraph before it is then also flagged
    as breaking off mid-sentence if it does).
    """
    out: list[Line] = []
    pending_break = False
    for line in lines:
        if pending_break and line.text:
            line.hard_break = True
            pending_break = False
        matches = list(GAP_RE.finditer(probe(line.text))) if any(h in line.text for h in HINTS) else []
        if not matches or len(probe(line.text)) != len(line.text):
            out.append(line)
            continue
        before = line.text
        pieces, pos = [], 0
        for m in matches:
            pieces.append(line.text[pos:m.start()].strip())
            pos = m.end()
            gap = line.text[m.start():m.end()]
            count = f"about {m.group(1)} characters are" if m.group(1) else "text is"
            # the note goes with the text the gap follows: on this line, or the last line before it
            where = line.number if pieces[-1] else next(
                (prev.number for prev in reversed(out) if prev.text), line.number)
            ctx.note("gap in the source", where,
                     f"{count} missing after this point: the source marks the gap “{gap}”; the text "
                     "before and after it is not joined.")
        pieces.append(line.text[pos:].strip())
        ctx.change(line.number, before, " ‖ ".join(p for p in pieces if p) or "")
        kept = [(i, piece) for i, piece in enumerate(pieces) if piece]
        for i, piece in kept:  # a piece after a gap starts a block
            out.append(Line(line.number, piece, indent=line.indent and i == 0, label=line.label,
                            hard_break=line.hard_break if i == 0 else True))
        if not kept:  # the line was only the gap: keep it, blank, so line numbers stay whole
            out.append(Line(line.number, ""))
        pending_break = not pieces[-1]  # the gap ends the line: what comes next starts a block
    return out
