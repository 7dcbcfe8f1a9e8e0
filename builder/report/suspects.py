"""Suspected extraction errors, flagged as editorial notes and never rewritten.

The site reproduces official texts: where the text looks wrong, a human decides.
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache

from builder.report.records import Block, EditorialNote
from builder.text import HAN, MASK_RE, probe

# A capital letter and the digit 1 before "+": OCR's 1 for I (seed 001: ``A1+煤矿安全智能``).
DIGIT_FOR_LETTER_RE = re.compile(r"(?<![A-Za-z0-9])([A-Z])1(?=\+)")
# A lowercase Latin word between Chinese characters (seed 001: ``综合承载力 and 辐射带动能力``).
STRAY_WORD_RE = re.compile(f"(?<=[{HAN}])\\s*([a-z]{{2,}})\\s*(?=[{HAN}])")
NUMERALS = "一二三四五六七八九十百千万亿两"
DOUBLED_RE = re.compile(f"([{HAN}])\\1")


@lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def doubled_characters(text: str) -> list[str]:
    """Doubled characters that segmentation cannot read as words.

    ``奋勇争先蹚蹚出`` segments as 奋勇争先/蹚/蹚/出 and is flagged; ``实现现代`` (实现/现代),
    ``牢牢把握`` (牢牢) and ``一个个`` are ordinary Chinese and are not.
    """
    if not DOUBLED_RE.search(text):
        return []
    found = []
    pos = 0
    previous = ""
    simplified = probe(text)  # 青嵐市市長 segments as 青岚市/市长 only in Simplified characters
    original, text = text, simplified if len(simplified) == len(text) else text
    for token in _jieba().cut(text, HMM=False):
        start = pos
        pos += len(token)
        if len(token) == 1 and previous and previous[-1] == token and re.match(f"[{HAN}]", token) \
                and token not in NUMERALS:  # 十五五 is 十五 + 五
            found.append(original[max(0, start - 3): start + 3])
        previous = token
    return found


def find(blocks: list[Block]) -> list[EditorialNote]:
    notes: list[EditorialNote] = []
    for block in blocks:
        for m in DIGIT_FOR_LETTER_RE.finditer(block.text):
            notes.append(EditorialNote(
                "suspected extraction error", block.first_line,
                f"“{m.group(0)}+” may be “{m.group(1)}I+” (digit 1 read for the letter I); the text is left as received.",
                block.anchor))
        for m in STRAY_WORD_RE.finditer(block.text):
            if MASK_RE.fullmatch(m.group(1)) or set(m.group(1)) <= set("xX"):
                continue  # a placeholder mask (xx镇), noted once by the masks rule
            notes.append(EditorialNote(
                "suspected extraction error", block.first_line,
                f"stray Latin word “{m.group(1)}” inside Chinese text; the text is left as received.", block.anchor))
        for context in doubled_characters(block.text):
            notes.append(EditorialNote(
                "suspected extraction error", block.first_line,
                f"doubled character in “{context}”; the text is left as received.", block.anchor))
    return notes
