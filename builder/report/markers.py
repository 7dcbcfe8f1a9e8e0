"""The reports' own structural markers: numbering, bullets, paragraph openers."""
from __future__ import annotations

import re

NUM = "一二三四五六七八九十"
SECTION_RE = re.compile(f"^[{NUM}]+、")  # 一、 二、
SUBSECTION_RE = re.compile(f"^[（(][{NUM}]+[）)]")  # （一） (一)
ENUM_RE = re.compile(f"^[{NUM}]+是")  # 一是 二是
# 1. 2．3、 followed by words, not by a digit (1.5亿元 is a number): the level below （一）.
DIGIT_RE = re.compile(r"^[1-9][0-9]?[.．、](?=[^\d\s.．、])")
# The report's own front matter (fixtures in tests/fixtures/other_cities/): the salutation, the
# dateline under the title and the speaker's line. Matched on ``probe(text)`` (Simplified).
SALUTATION_RE = re.compile(r"^各位(?:代表|委员)[：:，,！!]")
SALUTATION_LINE_RE = re.compile(r"^各位(?:代表|委员)[：:]$")  # 各位代表： on its own
DATELINE_RE = re.compile(r"^——\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*在")  # ——2025年1月20日在…会议上
DATELINE_END_RE = re.compile(r"(?:会议|大会|会)上$")
# 青嵐市市長　陳志遠, 县长　xx: a place (or none), an office, a name of two to four characters.
SPEAKER_RE = re.compile(r"^(?:(?:中共)?[\u4e00-\u9fff]{1,10}?(?:市|县|区|省|州|旗|盟)(?:委|人民政府|人大常委会|政协)?)?"
                        r"(?:代理?)?(?:市长|县长|区长|旗长|州长|省长|盟长|书记|主任|主席)"
                        r"[\s\u3000]*(?:[\u4e00-\u9fff·]{2,4}|[xX×*＊]{1,3})$")
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
    return bool(SECTION_RE.match(text) or SUBSECTION_RE.match(text) or DIGIT_RE.match(text))


FRONT_HINTS = ("长", "長", "书记", "書記", "主任", "主席")
"""A speaker's line holds one of these (a salutation and a dateline start with 各位 and ——)."""

# The end of a report's title: …工作报告, …（摘要）, …（节选）. Matched on ``probe(text)``.
TITLE_END_RE = re.compile(r"(?:报告|摘要|[（(](?:摘要|节选|草案)[）)])$")
TITLE_MAX = 40


def title_like(text: str) -> bool:
    """A title line: no prose punctuation inside it, and it ends as report titles end
    (2024年枫川县人民政府工作报告, 2022年政府工作报告（摘要）, 政府工作報告)."""
    from builder.text import PROSE_PUNCT_RE, probe, width

    if len(text) > 2 * TITLE_MAX or not text.endswith(("报告", "報告", "摘要", "）", ")")):
        return False
    bare = text.replace("（", "").replace("）", "").replace("(", "").replace(")", "")
    return width(text) <= TITLE_MAX and not PROSE_PUNCT_RE.search(bare) and bool(TITLE_END_RE.search(probe(text)))


def starts_front_matter(text: str) -> bool:
    """A line that begins a unit of the front matter: the salutation on its own, a dateline
    (——2025年1月20日在…), the speaker's line."""
    from builder.text import probe

    if len(text) > 40 or not (text.startswith(("各位", "——")) or any(h in text for h in FRONT_HINTS)):
        return False
    text = probe(text)
    return bool(SALUTATION_LINE_RE.match(text) or DATELINE_RE.match(text) or SPEAKER_RE.match(text))


def front_matter(text: str) -> bool:
    """The salutation on its own, a dateline (——…会议上) or the speaker's line (…市长 陈志远):
    each stands alone, never run into prose."""
    from builder.text import probe

    if len(text) > 80 or not (text.startswith(("各位", "——")) or any(h in text for h in FRONT_HINTS)):
        return False
    text = probe(text)
    return bool(SALUTATION_LINE_RE.match(text) or (DATELINE_RE.match(text) and DATELINE_END_RE.search(text))
                or SPEAKER_RE.match(text))


def opens_paragraph(text: str) -> bool:
    from builder.text import probe

    return probe(text[:8]).startswith(PARAGRAPH_OPENERS) or bool(ENUM_RE.match(text) or DASH_RE.match(text))
