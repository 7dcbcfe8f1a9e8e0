"""The layout rules for other cities' texts, each on small fixtures: what it changes, what it
must leave alone, and that it records what it did."""
from __future__ import annotations

import pytest
from conftest import lines_of

from builder.report.assemble import assemble
from builder.report.rules import RuleContext, broken_title, chrome, gaps, masks, news_lead, run_together, traditional

CASES = [
    # (rule, input lines, expected lines)
    (chrome, ["您的位置：首页 >> 政务公开 >> 政府工作报告 >> 正文", "2024年枫川县人民政府工作报告"], ["", "2024年枫川县人民政府工作报告"]),
    (chrome, ["发表时间：2023/12/21 18:29:50　　浏览次数：2361"], [""]),
    (chrome, ["發佈時間：2025-01-22 08:30　來源：青嵐日報　作者：記者 周文博"], [""]),
    (chrome, ["【字体：大 中 小】　【打印】　【关闭】", "【字號：大 中 小】【打印本頁】【關閉窗口】"], ["", ""]),
    (chrome, ["责任编辑：王晓红", "上一篇：枫川县召开经济运行分析会", "分享到：微信　微博　QQ空间", "扫一扫在手机打开当前页"],
     ["", "", "", ""]),
    (chrome, ["来源：国家统计局。全年粮食产量创历史新高。", "大", "中", "小"],  # prose and vertical text stay
     ["来源：国家统计局。全年粮食产量创历史新高。", "大", "中", "小"]),
    (news_lead, ["本報訊（記者 周文博）1月20日上午，大會隆重開幕。現將報告全文刊發如下。", "各位代表："], ["", "各位代表："]),
    (news_lead, ["各位代表：", "本报讯不是报告的话，但报告已经开始。", "（本报记者 张三 整理）"],
     ["各位代表：", "本报讯不是报告的话，但报告已经开始。", ""]),
    (broken_title, ["沅丰市", "2023年政府", "工作报告", "——2023年1月12日在沅丰市第七届"],
     ["沅丰市2023年政府工作报告", "", "", "——2023年1月12日在沅丰市第七届"]),
    (broken_title, ["2022年政府工作报告(摘要)", "一、第三届政府工作回顾"], ["2022年政府工作报告(摘要)", "一、第三届政府工作回顾"]),
    (broken_title, ["全面建设人民满意政府", "坚持用习近平新时代中国特色社会主义思想武装头脑、指导实"],
     ["全面建设人民满意政府", "坚持用习近平新时代中国特色社会主义思想武装头脑、指导实"]),
    (masks, ["在**县第十八届人民代表大会", "全市GDP**", "新引进亿元以上项目xx个"],
     ["在**县第十八届人民代表大会", "全市GDP**", "新引进亿元以上项目xx个"]),
]


@pytest.mark.parametrize("module, raw, expected", CASES, ids=lambda v: getattr(v, "__name__", None))
def test_layout_rule(module, raw, expected):
    ctx = RuleContext(rule=module.__name__)
    out = module.rule(lines_of(*raw), ctx)
    assert [line.text for line in out] == expected
    changed = sum(1 for a, b in zip(raw, expected) if a.strip() != b)
    assert (len(ctx.changes) > 0) == (changed > 0), "a rule records exactly when it changes something"


def test_masks_write_one_note_and_change_nothing():
    ctx = RuleContext()
    masks.rule(lines_of("在**县第十八届", "xx镇食用菌", "项目xx个", "其中××新能源"), ctx)
    assert not ctx.changes and len(ctx.notes) == 1
    assert "“xx” ×2" in ctx.notes[0].text and "“**” ×1" in ctx.notes[0].text and "“××” ×1" in ctx.notes[0].text


def test_a_gap_is_taken_out_and_never_joined_across():
    ctx = RuleContext()
    lines = gaps.rule(lines_of("农村卫生厕所普及率提高到86%，", "", "……（…省略612字，正式会员可完整阅读）……", "",
                               "农村生活垃圾收运处置体系实现行政村全覆盖。"), ctx)
    assert [b.text for b in assemble(lines)] == ["农村卫生厕所普及率提高到86%，", "农村生活垃圾收运处置体系实现行政村全覆盖。"]
    assert [n.kind for n in ctx.notes] == ["gap in the source"] and ctx.notes[0].line == 1  # with the text it cuts
    assert "about 612 characters" in ctx.notes[0].text and ctx.changes[0].rule == ""


def test_a_gap_inside_a_line_splits_it():
    ctx = RuleContext(rule="gaps")
    lines = gaps.rule(lines_of("建成投产。……（…省略912字，正式会员可完整阅读）……全年粮食播种面积稳定。"), ctx)
    assert [(line.text, line.hard_break) for line in lines] == [("建成投产。", False), ("全年粮食播种面积稳定。", True)]
    assert [(c.rule, c.line) for c in ctx.changes] == [("gaps", 1)]
    assert gaps.rule(lines_of("实施乡村振兴战略", "（见附件）"), RuleContext())[0].text == "实施乡村振兴战略"


def test_run_together_splits_at_the_reports_own_structure_only():
    ctx = RuleContext(rule="run_together")
    text = ("2024年鹿鸣县政府工作报告 各位代表：现在，我代表县人民政府向大会报告工作。一、2023年工作回顾"
            "\u3000\u30002023年，全县经济稳中向好，地区生产总值增长8.9%。1.全力以赴拼经济，县域经济强劲复苏。全年实施重点项目。")
    out = run_together.rule(lines_of(text), ctx)
    assert [line.text for line in out] == [
        "2024年鹿鸣县政府工作报告", "各位代表：", "现在，我代表县人民政府向大会报告工作。", "一、2023年工作回顾",
        "2023年，全县经济稳中向好，地区生产总值增长8.9%。", "1.全力以赴拼经济，县域经济强劲复苏。全年实施重点项目。"]
    assert [line.hard_break for line in out] == [False] + [True] * 5
    assert len(ctx.changes) == 5 and "8.9%。 ‖ 1.全力" in ctx.changes[-1].after
    # a justified newspaper column has spaces after 。 too: short lines are never cut there
    column = "不 起 ，每 个 人 都 值 得 点 赞 。 我 们 始 终"
    assert [line.text for line in run_together.rule(lines_of(column), RuleContext())] == [column]
    # 1.5亿元 after a sentence end is a number, not a heading
    assert len(run_together.rule(lines_of("完成投资86亿元。1.5亿元用于民生。"), RuleContext())) == 1


def test_script_is_measured_and_a_traditional_text_is_left_alone():
    simplified = RuleContext()
    out = traditional.rule(lines_of("要堅持稳中求进工作总基调，推动经济社会高质量发展，持续增进民生福祉。"), simplified)
    assert out[0].text.startswith("要坚持") and simplified.script == "simplified"
    text = "過去一年，面對複雜嚴峻的外部環境，全市上下苦干實干、攻堅克難，經濟社會發展主要目標任務較好完成，群眾獲得感不斷提升。"
    ctx = RuleContext()
    out = traditional.rule(lines_of(text), ctx)
    assert out[0].text == text and ctx.script == "traditional" and not ctx.changes
    assert [n.kind for n in ctx.notes] == ["source in Traditional characters"]
    declared = RuleContext(script="traditional")
    assert traditional.rule(lines_of("要堅持稳中求进"), declared)[0].text == "要堅持稳中求进"
    assert "declared in the manifest" in declared.notes[0].text
