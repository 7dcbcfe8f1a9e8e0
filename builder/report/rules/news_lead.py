"""A news article's lead around a report removed: the journalist's words, not the report's."""
from __future__ import annotations

import re

from builder.report.markers import SALUTATION_RE, SECTION_RE
from builder.report.records import Line
from builder.text import probe

# 本报讯（记者 周文博）1月20日…; 青岚日报讯 …; 新华社北京1月20日电 …; 据青岚日报消息，…
DATELINE_RE = re.compile(r"^(?:本报讯|本刊讯|本台讯|[^\s，。：:（(]{2,12}讯\s*[（(]|新华社.{0,12}电|据[^，。]{2,14}(?:报道|消息)[，,])")
# （以下为报告全文）, 现将报告全文刊发如下。, 全文如下：
FULL_TEXT_RE = re.compile(r"(?:全文如下|刊发如下|摘要如下|全文刊发|以下为(?:报告)?(?:全文|摘要)|下面是(?:报告)?全文)[。：:]?[）)]?$")
# （本报记者 张三 整理）, （记者 周文博 摄）
CREDIT_RE = re.compile(r"^[（(]\s*(?:本报|本刊)?(?:记者|通讯员|实习生)[^（）()。]{0,30}[）)]$")


HINTS = ("讯", "訊", "电", "電", "据", "據", "如下", "全文", "摘要", "记者", "記者", "通讯员", "通訊員", "实习生", "實習生")
"""A lead's or credit's words: lines holding none of them are not looked at (most lines)."""


def rule(lines: list[Line], ctx) -> list[Line]:
    """A report published in a newspaper or on a news site comes with a lead the journalist
    wrote: ``本報訊（記者 周文博）1月20日上午，青嵐市第六屆人民代表大會第五次會議隆重開幕。
    市長陳志遠代表市人民政府向大會作政府工作報告。現將報告全文刊發如下。`` (fixture
    qinglan-2025-traditional-news.txt). Removed and logged: a line that opens with a news
    dateline (本报讯, …讯（记者…）, 新华社…电) or announces the full text (…全文如下), as long as
    the report has not begun (before its salutation 各位代表 or first 一、 heading); and anywhere,
    a line that is only a journalist's credit ``（本报记者 张三 整理）``.
    """
    begun = False
    for line in lines:
        if not line.text:
            continue
        begun = begun or bool(SALUTATION_RE.match(line.text) or SECTION_RE.match(line.text))  # same in both scripts
        if not any(h in line.text for h in HINTS):
            continue
        text = probe(line.text)
        if CREDIT_RE.match(text) or (not begun and (DATELINE_RE.match(text) or FULL_TEXT_RE.search(text))):
            ctx.change(line.number, line.text, "")
            line.text = ""
    return lines
