"""Character classes and measures of Chinese text shared by the rules."""
from __future__ import annotations

import re

# Han ideographs (BMP unified + extension A + compatibility).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Full-width punctuation and CJK symbols, including the curly quotes Chinese uses.
CJK_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2014\u2018\u2019\u201c\u201d\u2026\u00b7\u2022\u25cf"
CJK = HAN + CJK_PUNCT

HAN_RE = re.compile(f"[{HAN}]")
# Sentence-final punctuation, optionally followed by closing quotes or brackets.
TERMINAL_RE = re.compile(r"[。！？；…!?;][”’」』）)】]*$")
# Any punctuation that shows a line is prose rather than a bare title.
PROSE_PUNCT_RE = re.compile(r"[，。！？；：、,;:!?]")


def is_han(ch: str) -> bool:
    return bool(HAN_RE.match(ch))


def width(text: str) -> float:
    """Display width in ideograph units: a half-width character counts half.

    Justified newspaper columns have equal widths in this unit, whatever mix of
    digits and ideographs a line holds.
    """
    return sum(0.5 if ord(ch) < 0x2000 else 1.0 for ch in text if not ch.isspace())


def ends_sentence(text: str) -> bool:
    return bool(TERMINAL_RE.search(text.rstrip()))


def canonical(text: str) -> str:
    """The letters of a text without spaces, punctuation or markup: what a sentence *says*.

    Used to check that cleaning never loses words (see tests/test_invariants.py).
    """
    return "".join(ch for ch in text if ch.isalnum())
