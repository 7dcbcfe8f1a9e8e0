"""Checks on a term's English forms (``en``, ``en_variants``), which the English edition marks
wherever they stand in the translated text (case-insensitively, as whole words).

Two mistakes this catches, each found in the glossary:

- a name split by YAML: ``en_variants: [Water Determines Cities, Land, Population and Industry]``
  is a flow list of three items, so the ordinary word "land" became a form of 四水四定 and was
  linked 21 times. English names hold commas, so a flow list of several unquoted names is
  refused: quote each name or write one per line (``- name``);
- a single word as a form ("Land", "belt-tightening", even a place name such as "Xinghuacun"):
  the matcher would mark that word wherever it stands, which is the ordinary word or the place,
  not the term. A one-word form is accepted only when it holds a digit or a symbol and so
  cannot be a word of running text (``AI+``, ``Tianhe-2``, ``1+N``). Decision: a rule rather
  than a list of common words, which could never be complete ("Safeguards" is as ordinary as
  "Land").
"""
from __future__ import annotations

import re

WORD_RE = re.compile(r"^[^\W\d_]+(?:['’-][^\W\d_]+)*$")
"""A single word: letters, joined by apostrophes or hyphens (no space, digit or symbol)."""


def single_word_problem(name: str) -> str | None:
    """Why an English form cannot be a term form, or None when it can."""
    if WORD_RE.match(name):
        return "is a single word"
    return None


def flow_list_problem(source_lines: list[str], line: int, items: tuple[str, ...]) -> bool:
    """True when the list starting at ``line`` (1-based) is written ``[a, b]`` with more than
    one item and not every item quoted: a comma inside a name would have split it."""
    if len(items) < 2 or not 0 < line <= len(source_lines):
        return False
    text, i = source_lines[line - 1], line
    if "[" not in text.partition(":")[2]:
        return False  # a block list, one item per line
    while "]" not in text and i < len(source_lines):
        text += " " + source_lines[i]
        i += 1
    quoted = all(f'"{item}"' in text or "'" + item.replace("'", "''") + "'" in text for item in items)
    return not quoted
