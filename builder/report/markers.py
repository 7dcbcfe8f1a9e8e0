"""The reports' own structural markers: numbering, bullets, paragraph openers."""
from __future__ import annotations

import re

NUM = "一二三四五六七八九十"
SECTION_RE = re.compile(f"^[{NUM}]+、")  # 一、 二、
SUBSECTION_RE = re.compile(f"^[（(][{NUM}]+[）)]")  # （一） (一)
ENUM_RE = re.compile(f"^[{NUM}]+是")  # 一是 二是
BULLET_RE = re.compile(r"^●")
LIST_RE = re.compile(r"^[-*+] ")  # Markdown bullets of the web summary
LEAD_RE = re.compile(r"^——\*\*")  # ——**lead phrase**
DASH_RE = re.compile(r"^——")

# Formulas that open a paragraph in these reports. After a sentence end they start a new
# paragraph even when the previous line filled the column (seed 004: a full line ending
# in 。 followed by ``这五年，我们…``).
PARAGRAPH_OPENERS = (
    "各位代表",
    "这五年",
    "五年来",
    "一年来",
    "过去一年",
    "过去五年",
    "今后五年",
    "今年是",
    "新的一年",
    "我们也清醒",
    "我们将",
    "以上目标",
)


def starts_block(text: str) -> bool:
    """Markers that always start a new block: bullets, list items, lead phrases."""
    return bool(BULLET_RE.match(text) or LIST_RE.match(text) or LEAD_RE.match(text))


def starts_numbered(text: str) -> bool:
    return bool(SECTION_RE.match(text) or SUBSECTION_RE.match(text))


def opens_paragraph(text: str) -> bool:
    return text.startswith(PARAGRAPH_OPENERS) or bool(ENUM_RE.match(text) or DASH_RE.match(text))
