"""Join hard-wrapped lines into paragraphs, keeping real paragraph and heading boundaries.

The raw texts come in three shapes, told apart by measuring, not by file name:
- *wrapped*: lines cut at a column width, with or without a blank line after each
  (2020, 2021, 2023); most lines end mid-sentence;
- *unwrapped*: one line per paragraph (2022 summary, 2026), where a blank line inside a
  sentence is extraction noise (``推动黄河`` / ``流域生态保护``).
Within wrapped text a line that ends a sentence ends its paragraph only when it is shorter
than the column around it; a full line ending in 。 is a sentence end inside a paragraph.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from statistics import quantiles

from builder.report.markers import (
    BULLET_RE,
    LIST_RE,
    SECTION_RE,
    front_matter,
    opens_paragraph,
    starts_block,
    starts_front_matter,
    starts_numbered,
    title_like,
)
from builder.report.records import Line
from builder.text import PROSE_PUNCT_RE, ends_sentence, width

WINDOW = 4  # nonblank lines on each side that define the local column width
TITLE_MAX = 14  # widest line of a multi-line title (2020 infographic)
IDEOGRAPHIC_SPACE = "\u3000"
CLOSING = "”’）)》」』、，。；：！？"


@dataclass
class RawBlock:
    lines: list[Line] = field(default_factory=list)
    tight: bool = False  # some lines were joined without a blank line between them
    loose: bool = False  # some lines were joined across a blank line
    title: bool = False  # a multi-line title, joined with an ideographic space

    @property
    def text(self) -> str:
        if self.title:
            return IDEOGRAPHIC_SPACE.join(line.text for line in self.lines)
        out = ""
        for line in self.lines:
            # Two Latin words cut at a line end keep their space; Chinese closes up.
            if out and out[-1].isascii() and out[-1].isalpha() and line.text[:1].isascii() and line.text[:1].isalpha():
                out += " "
            out += line.text
        return out


class _Layout:
    """Measures of one text: whether it is wrapped and how wide its column is at each line."""

    def __init__(self, lines: list[Line]):
        self.lines = lines
        self.widths = [width(line.text) for line in lines]
        prose = [line for line in lines if not (starts_block(line.text) or starts_numbered(line.text) or line.label)]
        cut = sum(1 for line in prose if not ends_sentence(line.text))
        self.wrapped = bool(prose) and cut / len(prose) >= 0.5
        self._cols: dict[int, float] = {}

    def column(self, i: int) -> float:
        if i not in self._cols:
            lo, hi = max(0, i - WINDOW), min(len(self.lines), i + WINDOW + 1)
            ws = [self.widths[k] for k in range(lo, hi) if not self.lines[k].label]
            self._cols[i] = quantiles(ws, n=4)[2] if len(ws) >= 2 else ws[0]
        return self._cols[i]

    def full(self, i: int) -> bool:
        return self.widths[i] >= self.column(i) - 0.75

    def tight_after(self, i: int) -> bool:
        return i + 1 < len(self.lines) and self.lines[i + 1].number == self.lines[i].number + 1


def _bare(text: str) -> bool:
    """No prose punctuation: a title or label rather than a sentence."""
    return not PROSE_PUNCT_RE.search(text)


def _is_title_pair(layout: _Layout, i: int) -> bool:
    """Lines i and i+1 are a two-line title standing over a bullet list (2020 layout).

    Seed 000, lines 311–312: ``全面贯彻新发展理念`` / ``实施千亿产业培育工程`` then ``●加快…``.
    """
    lines = layout.lines
    if i + 2 >= len(lines) or not layout.tight_after(i):
        return False
    a, b, after = lines[i], lines[i + 1], lines[i + 2]
    return (
        _bare(a.text) and _bare(b.text)
        and 4 <= layout.widths[i] <= TITLE_MAX and 4 <= layout.widths[i + 1] <= TITLE_MAX
        and not starts_block(a.text) and not starts_numbered(a.text)
        and bool(BULLET_RE.match(after.text))
    )


def _boundary(layout: _Layout, block: RawBlock, i: int) -> bool:
    """Does line i start a new block, given the block built so far?"""
    lines = layout.lines
    a, b = lines[i - 1], lines[i]
    blank = b.number - a.number > 1
    if b.indent or a.label or b.label or block.title or b.hard_break:
        return True
    if starts_front_matter(b.text) or front_matter(block.text) \
            or (len(block.lines) <= 3 and title_like(block.text) and b.text[:1] not in CLOSING):
        return True  # the title, dateline, speaker and salutation each stand alone
    first = block.lines[0].text
    if SECTION_RE.match(first) and _bare(SECTION_RE.sub("", block.text)):
        # A section heading broken across lines: 三、全面加强政府自 / 身建设 (seed 002).
        return not (not blank and _bare(b.text) and layout.widths[i] <= 12)
    if b.text[:1] in CLOSING:
        return False  # a line never starts a block with a closing quote or mark
    if starts_block(b.text) or (blank and LIST_RE.match(first)):
        return True
    if starts_numbered(b.text):
        return ends_sentence(a.text) or not (layout.wrapped and layout.full(i - 1))
    if ends_sentence(a.text):
        if opens_paragraph(b.text) or not layout.wrapped:
            return True
        if blank and (block.tight or layout.tight_after(i)):
            return True  # a tight frame ends, or a new one begins, at a blank line
        return not layout.full(i - 1)
    if not layout.wrapped or not blank:
        return False
    if len(block.lines) == 1 and not starts_block(a.text) \
            and layout.widths[i - 1] < 0.6 * layout.column(i - 1):
        return True  # a standalone title or label: 全面加强政治建设 (seed 000)
    if block.loose and layout.widths[i - 1] < 0.5 * layout.column(i - 1) \
            and layout.widths[i] >= 0.5 * layout.column(i):
        return True  # a short last line of a box, then wider text: 第二 (seed 000)
    if layout.tight_after(i) and layout.widths[i - 1] < 0.7 * layout.column(i - 1):
        return True  # a new tight frame begins after a blank line
    return False


def assemble(lines: list[Line]) -> list[RawBlock]:
    """Group the nonblank lines into blocks; the structure stage then names each block."""
    text_lines = [line for line in lines if line.text]
    if not text_lines:
        return []
    layout = _Layout(text_lines)
    blocks: list[RawBlock] = []
    block: RawBlock | None = None
    i = 0
    while i < len(text_lines):
        line = text_lines[i]
        if block is None or _boundary(layout, block, i):
            block = RawBlock([line])
            blocks.append(block)
            if _is_title_pair(layout, i):
                block.title = True
                block.lines.append(text_lines[i + 1])
                i += 1
        else:
            if line.number - block.lines[-1].number > 1:
                block.loose = True
            else:
                block.tight = True
            block.lines.append(line)
        i += 1
    return blocks
