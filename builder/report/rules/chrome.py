"""Web-page chrome around a report removed: the page's furniture, not the report's text."""
from __future__ import annotations

import re

from builder.report.records import Line
from builder.text import probe, width

MAX_WIDTH = 60  # a chrome line is short; a report paragraph that mentions 来源 is not touched
SENTENCE_RE = re.compile(r"[。！？!?]")
DATE = r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?"
# Where the page sits on its site: 您的位置：首页 >> 政务公开 >> 正文
BREADCRUMB_RE = re.compile(r"^(?:您的位置|您现在的位置|您当前的位置|当前位置|现在位置|所在位置)[：:]"
                           r"|^首页\s*(?:>>?|»|›|＞|→|/)"
                           r"|(?:>>?|»|›|＞|→)\s*正文$")
# Fields of the page's header and footer: 发表时间：2023/12/21 18:29:50　浏览次数：2361;
# 來源：青嵐日報　作者：記者 周文博; 责任编辑：王晓红. A bare 时间/日期 needs a date after it.
FIELD_RE = re.compile(
    r"^[【\[]?(?:(?:发布|发表|更新|发文|成文|印发|录入|上传)(?:时间|日期)|(?:时间|日期)[：:]\s*\d"
    r"|(?:信息|文章|稿件|新闻|图片|文字)?来源|作者|(?:责任|网络|值班|文字|图片|本文)?编辑|责编|审核|审校|校对|签发"
    r"|(?:浏览|阅读|点击|访问)(?:次数|量|数)?|字号|字体)\s*[：:]")
DATE_LINE_RE = re.compile(f"^{DATE}")
# Page tools: 【字体：大 中 小】【打印】【关闭】, 打印本页 关闭窗口.
TOOLS_RE = re.compile(r"打印本页|打印此页|打印|关闭窗口|关闭本页|关闭视窗|关闭|列印本页|列印|加入收藏|收藏本页|收藏"
                      r"|返回顶部|返回|字号|字体|我要纠错|纠错|默认|大|中|小|[【】\[\]〔〕()（）|｜：:\s·•]")
TOOL_WORDS_RE = re.compile(r"打印|关闭|列印|收藏|返回顶部|字号|字体|纠错")
# Share buttons: 分享到：微信　微博　QQ空间.
SHARE_RE = re.compile(r"^分享(?:到|至)?\s*[：:]?(?:\s*(?:微信|微博|朋友圈|QQ空间|QQ|豆瓣|人人网|腾讯微博|新浪微博|抖音))*\s*$")
# Previous/next links: 上一篇：…, 下一篇：….
NEIGHBOUR_RE = re.compile(r"^[【\[]?(?:上一篇|下一篇|上一条|下一条|上一页|下一页)\s*[】\]]?\s*[：:]?")
# "Scan to open on your phone": 扫一扫在手机打开当前页.
SCAN_RE = re.compile(r"扫一扫|扫描二维码|手机扫码|扫码阅读|用手机扫")


HINTS = ("：", ":", ">", "»", "›", "＞", "→", "【", "[", "扫", "掃", "打印", "列印", "关闭", "關閉", "收藏", "返回",
         "分享", "一篇", "一条", "一條", "一页", "一頁", "纠错", "糾錯", "字号", "字號", "字体", "字體")
"""Every chrome line holds one of these or starts with a date: other lines are not looked at."""


def is_chrome(text: str) -> bool:
    """Does this whole line belong to the page rather than to the report?"""
    if not text or len(text) > 2 * MAX_WIDTH or (not text[:1].isdigit() and not any(h in text for h in HINTS)):
        return False
    if width(text) > MAX_WIDTH:
        return False
    line = probe(text)  # 發佈時間 is 发布时间: Traditional pages carry the same furniture
    if BREADCRUMB_RE.search(line) or NEIGHBOUR_RE.match(line):
        return True
    if SENTENCE_RE.search(line):
        return False
    if FIELD_RE.match(line) or DATE_LINE_RE.match(line) or SHARE_RE.match(line):
        return True
    if SCAN_RE.search(line) and "手机" in line:
        return True
    return bool(TOOL_WORDS_RE.search(line)) and not TOOLS_RE.sub("", line)


def rule(lines: list[Line], ctx) -> list[Line]:
    """A report copied from a web page brings the page's furniture with it. Whole lines only,
    each logged with its text (general patterns, not strings of one site):

    breadcrumb ``您的位置：首页 >> 政务公开 >> 政府工作报告 >> 正文``; date, source, author and
    view-count lines ``发表时间：2023/12/21 18:29:50　　浏览次数：2361``,
    ``發佈時間：2025-01-22 08:30　來源：青嵐日報　作者：記者 周文博``; font-size and print/close
    links ``【字体：大 中 小】　【打印】　【关闭】``; editor credits ``责任编辑：王晓红``; share
    buttons ``分享到：微信　微博　QQ空间``; previous/next links ``上一篇：…``; ``扫一扫在手机打开当前页``
    (fixtures in tests/fixtures/other_cities/). A line over 60 characters or holding a sentence
    end (``来源：`` inside a paragraph) is report text and stays.
    """
    for line in lines:
        if is_chrome(line.text):
            ctx.change(line.number, line.text, "")
            line.text = ""
    return lines
