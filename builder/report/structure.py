"""Name each assembled block: heading, paragraph, list item or call-out, from the reports' own
numbering; split run-in headings from their paragraphs; give headings a level."""
from __future__ import annotations

import re

from builder.report.assemble import RawBlock
from builder.report.markers import (
    BULLET_RE,
    DASH_RE,
    DIGIT_RE,
    ENUM_RE,
    LIST_RE,
    SECTION_RE,
    SUBSECTION_RE,
    front_matter,
    title_like,
)
from builder.report.records import Block, BlockKind, Change
from builder.text import PROSE_PUNCT_RE, ends_sentence, width

RUN_IN_MAX = 40  # widest first sentence read as a run-in heading
BULLET_HEAD_MAX = 20  # widest bullet lead read as a heading (●加快发展现代绿色煤化工产业。…)
LEAD_PHRASE_RE = re.compile(r"^——\*\*([^*]+)\*\*(.*)$")
FIRST_SENTENCE_RE = re.compile(r"^([^。！？]+)[。！？](.*)$")
DIGIT_DEPTH = 3.5
"""``1.`` headings sit between （一） (3) and 一是 (4): only the order of depths matters (``_level``)."""


def _bare(text: str) -> bool:
    return not PROSE_PUNCT_RE.search(text)


def _strip_end(text: str) -> str:
    return re.sub(r"[。；]$", "", text)


def _split_run_in(text: str, limit: float) -> tuple[str, str] | None:
    """``（一）奋力攻坚千亿产业，锻造高质量发展的坚固基石。紧扣…`` → heading, paragraph."""
    m = FIRST_SENTENCE_RE.match(text)
    if not m or width(m.group(1)) > limit:
        return None
    return m.group(1), m.group(2)


class _Builder:
    def __init__(self, changes: list[Change]):
        self.blocks: list[Block] = []
        self.changes = changes

    def add(self, raw: RawBlock, kind: BlockKind, text: str, level: int = 0, **meta) -> None:
        self.blocks.append(Block(kind, text, raw.lines[0].number, raw.lines[-1].number, level, meta=meta))

    def heading(self, raw: RawBlock, level: int, head: str, rest: str = "") -> None:
        self.add(raw, BlockKind.HEADING, head, level)
        if rest:
            self.changes.append(Change("run_in_heading", raw.lines[0].number, raw.text, f"{head} ‖ {rest}"))
            self.add(raw, BlockKind.PARAGRAPH, rest)


def structure(raws: list[RawBlock], changes: list[Change]) -> list[Block]:
    b = _Builder(changes)
    for n, raw in enumerate(raws):
        text = raw.text
        after_number = SECTION_RE.sub("", text)
        if raw.title:
            b.add(raw, BlockKind.HEADING, text, 2)
        elif raw.lines[0].label:
            b.add(raw, BlockKind.CALLOUT, text, label=True)
        elif n == 0 and title_like(text):
            b.add(raw, BlockKind.TITLE, text)
        elif SECTION_RE.match(text) and _bare(after_number):
            b.add(raw, BlockKind.HEADING, text, 2)
        elif SUBSECTION_RE.match(text) and (_bare(SUBSECTION_RE.sub("", text).replace("，", "")) or
                                            (FIRST_SENTENCE_RE.match(text) and not FIRST_SENTENCE_RE.match(text).group(2)
                                             and width(text) <= RUN_IN_MAX)):
            b.heading(raw, 3, _strip_end(text))
        elif SUBSECTION_RE.match(text) and (split := _split_run_in(text, RUN_IN_MAX)):
            b.heading(raw, 3, *split)
        elif m := LEAD_PHRASE_RE.match(text):
            lead, rest = m.group(1), m.group(2)
            if rest.startswith("。"):
                b.heading(raw, 3, lead, rest[1:])
            else:
                # A bold lead phrase inside the sentence: the paragraph keeps it, unbolded.
                plain = "——" + lead + rest
                changes.append(Change("emphasis", raw.lines[0].number, text, plain))
                b.add(raw, BlockKind.PARAGRAPH, plain)
        elif DASH_RE.match(text) and ends_sentence(text) and FIRST_SENTENCE_RE.match(text) \
                and not FIRST_SENTENCE_RE.match(text).group(2) and width(text) <= RUN_IN_MAX:
            b.heading(raw, 3, _strip_end(text))
        elif ENUM_RE.match(text) and (split := _split_run_in(text, RUN_IN_MAX)) and split[1]:
            b.heading(raw, 4, *split)
        elif DIGIT_RE.match(text) and (_bare(DIGIT_RE.sub("", text).replace("，", "")) or (
                (split := _split_run_in(text, RUN_IN_MAX)) and not split[1])):
            b.heading(raw, DIGIT_DEPTH, _strip_end(text))  # 1.全力以赴拼经济
        elif DIGIT_RE.match(text) and (split := _split_run_in(text, RUN_IN_MAX)):
            b.heading(raw, DIGIT_DEPTH, *split)  # 1.全力以赴拼经济，县域经济强劲复苏。全年…
        elif BULLET_RE.match(text):
            body = text[1:].strip()
            split = _split_run_in(body, BULLET_HEAD_MAX)
            if split and split[1] and "，" not in split[0]:
                b.heading(raw, 4, *split)
            else:
                b.add(raw, BlockKind.LIST_ITEM, body, marker="●")
        elif LIST_RE.match(text):
            b.add(raw, BlockKind.LIST_ITEM, text[2:].strip(), marker="-")
        elif ends_sentence(text) or n == len(raws) - 1 or (
                not _bare(text) and not front_matter(text) and raws[n + 1].lines[0].hard_break):
            # prose the source breaks off (a gap follows) is a paragraph, flagged as cut
            b.add(raw, BlockKind.PARAGRAPH, text)
        else:
            b.add(raw, BlockKind.CALLOUT, text)
    _level(b.blocks)
    return b.blocks


def _level(blocks: list[Block]) -> None:
    """Map the reports' numbering depths to page levels without gaps (the page title is h1).

    A heading's level is one below the nearest earlier heading of a shallower numbering,
    so siblings share a level and an excerpt that starts at ``四是…`` starts at h2.
    """
    stack: list[tuple[int, int]] = []  # (numbering depth, page level)
    for block in blocks:
        if block.kind is not BlockKind.HEADING:
            continue
        while stack and stack[-1][0] >= block.level:
            stack.pop()
        depth = block.level
        block.level = stack[-1][1] + 1 if stack else 2
        stack.append((depth, block.level))
