"""Stray Traditional characters in Simplified text converted with OpenCC; a text written in
Traditional characters recognised and kept as received.

Decision: the script of a source is measured, not guessed from where it came from. Among its Han
characters, those OpenCC's t2s would change are Traditional forms (``報``, ``眾``), those s2t
would change are Simplified ones (``报``; also ``干`` and ``群``, which Traditional texts share).
A text is Traditional when it has at least ``MIN_TRADITIONAL`` Traditional forms and they are at
least ``TRADITIONAL_SHARE`` of both kinds together. Measured: the five reports of the first site
have 0–1 Traditional forms against about 3 300 Simplified ones (share 0.000); the Traditional
fixture (tests/fixtures/other_cities/) 298 against 5 (share 0.983). The manifest may declare
``script:`` instead. A Traditional text is never converted: every edition shows it as received
(the Traditional edition's s2t conversion leaves it alone, builder/editions.py), and the page
says the source is in Traditional characters.
"""
from __future__ import annotations

from functools import lru_cache

from builder.report.records import Line
from builder.text import is_han

MIN_TRADITIONAL = 10
TRADITIONAL_SHARE = 0.5
SCRIPTS = ("simplified", "traditional")


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


@lru_cache(maxsize=None)
def _kind(ch: str) -> int:
    """1: a Traditional form (t2s changes it); -1: a Simplified form (s2t changes it); 0: both."""
    if _converter("t2s.json").convert(ch) != ch:
        return 1
    return -1 if _converter("s2t.json").convert(ch) != ch else 0


def script_of(texts) -> tuple[str, int, int]:
    """('traditional' or 'simplified', Traditional forms, Simplified forms) of some text."""
    from collections import Counter

    traditional = simplified_forms = 0
    for ch, count in Counter("".join(texts)).items():  # each distinct character once
        if is_han(ch):
            kind = _kind(ch)
            traditional += count * (kind == 1)
            simplified_forms += count * (kind == -1)
    share = traditional / max(traditional + simplified_forms, 1)
    script = "traditional" if traditional >= MIN_TRADITIONAL and share >= TRADITIONAL_SHARE else "simplified"
    return script, traditional, simplified_forms


def rule(lines: list[Line], ctx) -> list[Line]:
    """Seed 001, line 51: ``要堅持稳中求进工作总基调`` → ``要坚持稳中求进工作总基调``; ``乾坤`` stays.
    Only characters that OpenCC's t2s table maps to another character change; every
    change is in the change log, with the character before and after.

    A text written in Traditional characters (``苦干實干、攻堅克難``, fixture
    qinglan-2025-traditional-news.txt) is not a Simplified text with stray characters: nothing
    is converted, and one editorial note says the source is in Traditional characters.
    """
    script, traditional, simplified_forms = script_of(line.text for line in lines)
    declared = bool(ctx.script)
    ctx.script = ctx.script or script
    if ctx.script == "traditional":
        first = next((line.number for line in lines if line.text), 1)
        how = ("declared in the manifest" if declared else
               f"{traditional} Traditional forms against {simplified_forms} Simplified ones")
        ctx.note("source in Traditional characters", first,
                 f"the source is written in Traditional characters ({how}); it is shown as received "
                 "on every edition, not converted.")
        return lines
    for line in lines:
        if not any(is_han(ch) and simplified(ch) != ch for ch in line.text):
            continue
        after = "".join(simplified(ch) if is_han(ch) else ch for ch in line.text)
        ctx.change(line.number, line.text, after)
        line.text = after
    return lines
