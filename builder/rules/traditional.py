"""Stray Traditional characters in Simplified text converted with OpenCC."""
from __future__ import annotations

from functools import lru_cache

from ..records import Line
from ..text import is_han


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=None)
def simplified(ch: str) -> str:
    # Character by character, so that OpenCC's phrase tables cannot rewrite words.
    return _converter().convert(ch)


def rule(lines: list[Line], ctx) -> list[Line]:
    """Seed 001, line 51: ``要堅持稳中求进工作总基调`` → ``要坚持稳中求进工作总基调``.

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
