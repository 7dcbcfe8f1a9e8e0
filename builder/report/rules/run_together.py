"""Text that runs several units together split at the report's own structure."""
from __future__ import annotations

import re

from builder.report.markers import NUM
from builder.report.records import Line
from builder.text import PROSE_PUNCT_RE, probe, width

LONG_LINE = 80  # wider than any newspaper or PDF column: a line holding a whole paragraph or more
HEADING_MAX = 30  # widest numbered heading that stands before a space without punctuation
GAP = r"[ \t\u00a0\u3000]"
AFTER_END = r"(?:(?<=[。！？!?])|(?<=[。！？!?][”’」』）)]))"  # just after a sentence end
MARKER = f"(?:[{NUM}]+、|[（(][{NUM}]+[）)]|[1-9][0-9]?[.．、](?=[^\\d\\s.．、]))"
# …8.9%。1.全力以赴拼经济，…  /  …意见。一、2023年工作回顾  (any line: a sentence never runs into
# a numbered heading inside one paragraph of these reports; measured: none in the five sources)
RUN_IN_RE = re.compile(f"{AFTER_END}{GAP}*(?={MARKER})")
# 2024年鹿鸣县政府工作报告 各位代表：现在，我代表…  (the salutation stands on its own)
SALUTATION_RE = re.compile(f"(?:{AFTER_END}|(?<=报告)|(?<=摘要)|(?<=[）)])|{GAP}+)(?=各位(?:代表|委员)[：:])")
AFTER_SALUTATION_RE = re.compile(f"(?:(?<=各位代表[：:])|(?<=各位委员[：:])){GAP}*")
# In a long line only: a paragraph indent (　　), or a space after a sentence end.
INDENT_RE = re.compile(f"{GAP}*\u3000{{2,}}{GAP}*|{AFTER_END}{GAP}+")
HEAD_RE = re.compile(f"^{MARKER}")


def _cuts(text: str) -> list[tuple[int, int]]:
    """(start, end) of each separator to cut out; an empty span cuts between two characters."""
    spans = [m.span() for m in RUN_IN_RE.finditer(text)]
    if "各位" in text:
        simplified = probe(text) if len(probe(text)) == len(text) else text  # 報告 is 报告
        spans += [m.span() for m in SALUTATION_RE.finditer(simplified) if m.start() > 0]
        spans += [m.span() for m in AFTER_SALUTATION_RE.finditer(simplified) if m.end() < len(text)]
    if len(text) > LONG_LINE // 2 and width(text) > LONG_LINE:
        spans += [m.span() for m in INDENT_RE.finditer(text)]
    return sorted(set(spans))


def _pieces(text: str, cuts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of the text between the cuts."""
    out, pos = [], 0
    for start, end in cuts:
        out.append((pos, start))
        pos = end
    return out + [(pos, len(text))]


def split_points(text: str) -> list[tuple[int, int]]:
    """Every cut, in order, without overlaps."""
    cuts, pos = [], 0
    for start, end in _cuts(text):
        if start >= pos:
            cuts.append((start, end))
            pos = end
    more = []
    for start, end in _pieces(text, cuts):
        # 一、2023年工作回顾 2023年，全县…: a bare numbered heading, then a space, then prose
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip())
        m = re.search(f"{GAP}+", piece[lead:]) if HEAD_RE.match(piece[lead:]) else None
        if m and width(piece[lead:lead + m.start()]) <= HEADING_MAX \
                and not PROSE_PUNCT_RE.search(piece[lead:lead + m.start()]) and PROSE_PUNCT_RE.search(piece[lead + m.end():]):
            more.append((start + lead + m.start(), start + lead + m.end()))
    return sorted(cuts + more)


def rule(lines: list[Line], ctx) -> list[Line]:
    """A page copied without its paragraph tags runs title, salutation, headings and
    paragraphs into one line (fixture luming-2024-one-line.txt):
    ``2024年鹿鸣县政府工作报告 各位代表：现在，我代表县人民政府…。一、2023年工作回顾　　2023年，
    …增长8.9%。1.全力以赴拼经济，县域经济强劲复苏。全年…`` → ``2024年鹿鸣县政府工作报告`` ‖
    ``各位代表：`` ‖ ``现在，我代表…`` ‖ ``一、2023年工作回顾`` ‖ ``2023年，…增长8.9%。`` ‖
    ``1.全力以赴拼经济，…``. Splits at the report's own structure only: a numbered heading
    (一、 （一） 1.) right after a sentence end, on any line; the salutation 各位代表：; and, in a
    line wider than any column, a paragraph indent (　　) or a space after a sentence end (a
    justified newspaper column also has spaces after 。, so short lines are never cut there).
    Each piece after the first starts a block (``hard_break``); the change log shows each cut
    as ‖, with the text on both sides. Runs before the spacing rule, which would close the
    indents up.
    """
    out: list[Line] = []
    for line in lines:
        cuts = split_points(line.text) if line.text else []
        pieces = [line.text[a:b].strip() for a, b in _pieces(line.text, cuts)]
        if not cuts or sum(1 for p in pieces if p) <= 1:
            out.append(line)
            continue
        text = line.text
        for start, end in cuts:  # one log entry per cut, with the text on both sides
            lo, hi = max(0, start - 12), min(len(text), end + 12)
            ctx.change(line.number, text[lo:hi], text[lo:start].rstrip() + " ‖ " + text[end:hi].lstrip())
        first = True
        for piece in pieces:
            if piece:
                out.append(Line(line.number, piece, indent=line.indent and first, label=line.label,
                                hard_break=line.hard_break or not first))
                first = False
    return out
