"""Character classes and measures of Chinese text shared by the rules."""
from __future__ import annotations

import re
from functools import lru_cache

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


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=4096)
def probe(text: str) -> str:
    """The text in Simplified characters, only for *recognising* words (``發佈時間`` is the
    ``发布时间`` of a chrome line, ``市長`` a ``市长``): what is shown is never this."""
    return _t2s().convert(text) if any(ord(ch) > 0x2000 for ch in text) else text


# A placeholder mask: the source hides a name or a figure (``在**县第十八届``, ``xx镇``,
# ``项目xx个``, ``××新能源``, ``20xx年``, ``县长xx``). Kept verbatim and noted, never deleted as
# stray emphasis nor reported as a stray Latin word. Stars need Chinese or digits on both sides
# (``实施污染防治攻坚战**`` is unbalanced Markdown, not a mask), or else an administrative unit
# after them (``，**乡卫生院``; but ``。**立足资源禀赋`` is emphasis); a single ``×`` needs Chinese
# on both sides (``2×35万千瓦`` is a multiplication).
UNIT = "县市区乡镇村街社局委厂矿园场站所校院馆省州旗盟"
MASK_RE = re.compile(
    f"(?<=[{HAN}0-9])(?:\\*{{2,}}|＊{{2,}}|×{{2,3}})(?=[{HAN}0-9])"
    f"|(?<![*＊×])(?:\\*\\*|＊＊|××)(?=[{UNIT}])"
    f"|(?<=[{HAN}])×(?=[{HAN}])"
    f"|(?<=[{HAN}0-9])(?:[xX]{{1,3}}|[ｘＸ]{{1,3}})(?![A-Za-z0-9ａ-ｚＡ-Ｚ])"
    f"|(?<![A-Za-z0-9])(?:[xX]{{2,3}}|[ｘＸ]{{2,3}})(?=[{HAN}])"
)
