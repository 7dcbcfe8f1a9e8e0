"""Stray Traditional characters in Simplified text converted with OpenCC."""
from __future__ import annotations

from functools import lru_cache

from builder.report.records import Line
from builder.text import is_han


@lru_cache(maxsize=2)
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


@lru_cache(maxsize=None)
def simplified(ch: str) -> str:
    """The Simplified form of a character that is a Traditional form, else the character.

    Character by character, so that OpenCC's phrase tables cannot rewrite words. A character
    changes only if it is the standard Traditional form of its Simplified counterpart
    (堅 → 坚, since 坚 → 堅); characters that Simplified Chinese also uses in their own right,
    such as 乾 in 乾坤, stay.
    """
    target = _converter("t2s.json").convert(ch)
    if target != ch and _converter("s2t.json").convert(target) == ch:
        return target
    return ch


def rule(lines: list[Line], ctx) -> list[Line]:
    """Seed 001, line 51: ``要堅持稳中求进工作总基调`` → ``要坚持稳中求进工作总基调``; ``乾坤`` stays.

    Only characters that OpenCC's t2s table maps to another character change; every
    change is in the change log, with the character before and after.
    """
    for line in lines:
        if not any(is_han(ch) and simplified(ch) != ch for ch in line.text):
            continue
        after = "".join(simplified(ch) if is_han(ch) else ch for ch in line.text)
        ctx.change(line.number, line.text, after)
        line.text = after
    return lines
