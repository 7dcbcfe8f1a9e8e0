"""Paragraph assembly and structure on small fixtures taken from the seeds."""
from __future__ import annotations

from conftest import lines_of

from builder.report.assemble import assemble
from builder.report.records import BlockKind
from builder.report.structure import structure

COLUMN = [  # seed 002: a 17-character column, a blank line after every wrapped line
    "对于这些问题，我们将以更大力度、更", "", "实举措加快解决。", "",
    "二、2023年重点工作", "",
    "今年是全面贯彻落实党的二十大", "", "精神的开局之年，是实施“十四五”规划", "",
    "承上启下的关键之年。党的二十大擘", "", "画了全面建设社会主义现代化国家的", "",
    "新风，坚决反对形式主义、官僚主义。", "", "强化财政预算约束，加大审计监督力", "",
    "度，深化审计成果运用。", "",
]


def texts(lines):
    return [b.text for b in assemble(lines)]


def test_wrapped_lines_with_blank_lines_join_into_paragraphs():
    out = texts(lines_of(*COLUMN))
    assert out[0] == "对于这些问题，我们将以更大力度、更实举措加快解决。"
    assert out[1] == "二、2023年重点工作"
    # a full line ending in 。 is a sentence end inside the paragraph, not a paragraph end
    assert out[2].endswith("画了全面建设社会主义现代化国家的新风，坚决反对形式主义、官僚主义。强化财政预算约束，加大审计监督力度，深化审计成果运用。")
    assert len(out) == 3


def test_paragraph_cut_by_blank_line_mid_sentence_is_joined():
    # seed 001: one line per paragraph, a paragraph broken at 推动黄河 / 流域生态保护
    out = texts(lines_of("统筹推进中部地区加快崛起、推动黄河" + "甲" * 60, "", "流域生态保护和高质量发展等战略部署。", "",
                         "今后五年的奋斗目标是：", "", "（一）转型发展取得显著成效。传统产业加快转型升级。"))
    assert out[0].endswith("推动黄河" + "甲" * 60 + "流域生态保护和高质量发展等战略部署。")
    assert out[1:] == ["今后五年的奋斗目标是：", "（一）转型发展取得显著成效。传统产业加快转型升级。"]


def test_heading_broken_across_lines_is_rejoined():
    out = texts(lines_of(*(COLUMN[:4] + ["三、全面加强政府自", "身建设", "", "推动高质量发展，建设美丽幸福吕", "", "梁，必须不断提升政府治理效能。"])))
    assert out[1] == "三、全面加强政府自身建设"
    assert out[2] == "推动高质量发展，建设美丽幸福吕梁，必须不断提升政府治理效能。"


def test_standalone_labels_stay_apart_from_prose():
    # seed 000: subheadings printed beside their paragraphs
    lines = lines_of("数”换取人民群众的“幸福指数”。", "", "全面加强政治建设", "", "加快推进数字政府建设", "",
                     " 以习近平新时代中国特色社会主义思想为指导，全面贯彻党的十九大", "中、四中全会精神。")
    assert texts(lines) == ["数”换取人民群众的“幸福指数”。", "全面加强政治建设", "加快推进数字政府建设",
                            "以习近平新时代中国特色社会主义思想为指导，全面贯彻党的十九大中、四中全会精神。"]


def test_two_line_title_over_bullets_becomes_one_heading():
    lines = lines_of(" 全面贯彻新发展理念", "实施千亿产业培育工程", "", "●加快发展现代绿色煤化工产业。推动孝义、交城、汾阳等煤化工产",
                     "", "业园区淘汰落后产能。")
    raws = assemble(lines)
    blocks = structure(raws, [])
    assert [(b.kind, b.level, b.text) for b in blocks] == [
        (BlockKind.HEADING, 2, "全面贯彻新发展理念\u3000实施千亿产业培育工程"),
        (BlockKind.HEADING, 3, "加快发展现代绿色煤化工产业"),
        (BlockKind.PARAGRAPH, 0, "推动孝义、交城、汾阳等煤化工产业园区淘汰落后产能。"),
    ]


def test_run_in_headings_are_split_and_levels_have_no_gaps():
    lines = lines_of("二、2023年重点工作", "", "（一）奋力攻坚千亿产业，锻造高质量发展的坚固基石。紧扣资源型经济转型。", "",
                     "四是统筹推进城乡融合。实施城市更新行动。", "", "（二）奋力稳定经济增长。", "", "充分发挥投资的关键作用。")
    changes = []
    blocks = structure(assemble(lines), changes)
    assert [(b.kind.value, b.level, b.text) for b in blocks] == [
        ("heading", 2, "二、2023年重点工作"),
        ("heading", 3, "（一）奋力攻坚千亿产业，锻造高质量发展的坚固基石"),
        ("paragraph", 0, "紧扣资源型经济转型。"),
        ("heading", 4, "四是统筹推进城乡融合"),
        ("paragraph", 0, "实施城市更新行动。"),
        ("heading", 3, "（二）奋力稳定经济增长"),
        ("paragraph", 0, "充分发挥投资的关键作用。"),
    ]
    assert [c.rule for c in changes] == ["run_in_heading", "run_in_heading"]


def test_bullets_lists_and_callouts():
    lines = lines_of("● 继续提高城", "乡低保标准，每人每年提高480元。", "", "- 实施污染防治攻坚战", "- 实施碳达峰行动", "",
                     "全年地区生产总值完成", "1512.1亿元，增长5.7%，总量", "", "再创历史新高", "",
                     "深入开展“不忘初心、牢记使命”主题教育。严格落实政府系统全面从严治党主体责任，坚持不懈推进党风廉", "",
                     "政建设和反腐败斗争。")
    blocks = structure(assemble(lines), [])
    kinds = [(b.kind.value, b.text) for b in blocks]
    assert kinds[0] == ("list_item", "继续提高城乡低保标准，每人每年提高480元。")
    assert kinds[1:3] == [("list_item", "实施污染防治攻坚战"), ("list_item", "实施碳达峰行动")]
    assert ("callout", "全年地区生产总值完成1512.1亿元，增长5.7%，总量再创历史新高") in kinds
