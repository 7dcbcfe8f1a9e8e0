"""Each cleaning rule on small fixtures taken from the seeds."""
from __future__ import annotations

import pytest
from conftest import lines_of

from builder.report.rules import (
    RuleContext,
    continuation,
    default_ruler,
    emphasis,
    excerpt,
    icon_numbers,
    masthead,
    punctuation,
    spacing,
    traditional,
    vertical_text,
)

CASES = [
    # (rule, input lines, expected lines), from the seeds
    (continuation, ["（上接 1版）广大医务人员白衣执甲、逆"], ["广大医务人员白衣执甲、逆"]),
    (continuation, ["强化殡葬行业监督管理。(下转4版)"], ["强化殡葬行业监督管理。"]),
    (continuation, [" （上接 1—4版）我们必须坚定站稳人民立场，坚"], ["我们必须坚定站稳人民立场，坚"]),
    (continuation, ["培育文化产业主体， （下转 3版）"], ["培育文化产业主体，"]),
    (continuation, ["建设1个中心（上下）结合"], ["建设1个中心（上下）结合"]),
    (masthead, [" 政 府 工 作 报 告", "2022年政府工作报告(摘要)"], ["", "2022年政府工作报告(摘要)"]),
    (vertical_text, ["总", "体", "要", "求", "", "● 省 政 府"], ["总体要求", "", "", "", "", "● 省 政 府"]),
    (vertical_text, ["2", "0", "2", "0", "", "年", " 全面贯彻新发展理念"], ["2020年", "", "", "", "", "", "全面贯彻新发展理念"]),
    (vertical_text, ["一", "", "二"], ["一", "", "二"]),
    (icon_numbers, ["11 22", "", "88", "33 44", "55 66 77", "11个城市第一。", "6.1%"],
     ["", "", "", "", "", "11个城市第一。", "6.1%"]),
    (spacing, ["板 ；营 商 环 境 与 市 场 主 体 期 盼 仍 有 差"], ["板；营商环境与市场主体期盼仍有差"]),
    (spacing, ["1512.1 亿元，增长 5.7%，总量"], ["1512.1亿元，增长5.7%，总量"]),
    (spacing, ["市区 PM2.5 平均浓度最低、"], ["市区PM2.5平均浓度最低、"]),
    (spacing, ["基 新 材 料 产 业 ，围 绕“ 碳 材 料 -碳 基 合"], ["基新材料产业，围绕“碳材料-碳基合"]),
    (spacing, ["- 实施“双五”战略"], ["- 实施“双五”战略"]),
    (spacing, ["Lan County 岚县"], ["Lan County岚县"]),
    (punctuation, ["实施城市更新行动,高质量完成城市体检,新改造老旧小区190个"],
     ["实施城市更新行动，高质量完成城市体检，新改造老旧小区190个"]),
    (punctuation, ["中部引黄工程5县(区)配套水网"], ["中部引黄工程5县（区）配套水网"]),
    (punctuation, ["增长4.5%—5%,1+7+N,共1,000个"], ["增长4.5%—5%,1+7+N，共1,000个"]),
    (punctuation, ["今后五年的奋斗目标是:"], ["今后五年的奋斗目标是："]),
    (punctuation, ["全力推进离柳中方、交汾文孝两个城镇组群建设 ,"], ["全力推进离柳中方、交汾文孝两个城镇组群建设，"]),
    (emphasis, ["- 聚力高端融合**,做大做强煤、焦、铁、铝、电。"], ["- 聚力高端融合,做大做强煤、焦、铁、铝、电。"]),
    (emphasis, ["- 实施污染防治攻坚战**"], ["- 实施污染防治攻坚战"]),
    (emphasis, ["——**一是坚持稳中求进**。全市GDP**"], ["——**一是坚持稳中求进**。全市GDP"]),
    (traditional, ["要堅持稳中求进工作总基调"], ["要坚持稳中求进工作总基调"]),
    (traditional, ["乾坤、著作、干部、發"], ["乾坤、著作、干部、发"]),
]


@pytest.mark.parametrize("module, raw, expected", CASES, ids=lambda v: getattr(v, "__name__", None))
def test_rule_on_seed_fixture(module, raw, expected):
    ctx = RuleContext(mastheads=("政府工作报告",), rule=module.__name__)
    out = module.rule(lines_of(*raw), ctx)
    assert [line.text for line in out] == expected
    changed = sum(1 for a, b in zip(raw, expected) if a.strip() != b)
    assert (len(ctx.changes) > 0) == (changed > 0), "a rule records exactly when it changes something"


def test_continuation_markers_go_to_metadata():
    ctx = RuleContext()
    continuation.rule(lines_of("（上接 1版）广大医务人员", "管理。(下转4版)"), ctx)
    assert ctx.continuations == [(1, "（上接1版）"), (2, "(下转4版)")]


def test_vertical_text_is_marked_as_label():
    out = vertical_text.rule(lines_of("总", "体", "要", "求"), RuleContext())
    assert out[0].label and out[0].text == "总体要求"


def test_change_log_names_rule_and_line():
    ctx = RuleContext(mastheads=("政府工作报告",))
    default_ruler().run(lines_of(" 政 府 工 作 报 告", "营 商 环 境,好"), ctx)
    assert [(c.rule, c.line) for c in ctx.changes] == [("masthead", 1), ("spacing", 2), ("punctuation", 2)]


def test_excerpt_keeps_the_change_and_a_little_context():
    before = "甲" * 30 + "营 商" + "乙" * 30
    after = "甲" * 30 + "营商" + "乙" * 30
    b, a = excerpt(before, after)
    assert "营 商" in b and "营商" in a and len(b) < 25


def test_ruler_can_disable_and_insert():
    ruler = default_ruler()
    ruler.disable("spacing")
    ruler.insert_after("punctuation", "shout", lambda lines, ctx: lines)
    assert ruler.names.index("shout") == ruler.names.index("punctuation") + 1
    out = ruler.run(lines_of("营 商"), RuleContext())
    assert out[0].text == "营 商"
