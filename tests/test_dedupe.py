"""Tests for builder.dedupe: small synthetic block lists, then the real corpus."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from builder.report.dedupe import MIN_CHARS, dedupe, similarity
from builder.report.records import Block, BlockKind

H, P, L = BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.LIST_ITEM

LONG = "2022年是党的二十大召开之年，是全面落实市第五次党代会部署的开局之年。"
PLAN = "培育壮大氢能、白酒、新材料、非常规天然气、文化旅游五大新兴产业集群。"


def blocks(*specs: tuple) -> list[Block]:
    """(kind, text[, level]) specs to Blocks on lines 1, 3, 5… like a blank-line separated text."""
    out = []
    for n, spec in enumerate(specs):
        kind, text, *level = spec
        out.append(Block(kind, text, 2 * n + 1, 2 * n + 1, level[0] if level else 0))
    return out


def plan(mark: str = "（一）") -> list[tuple]:
    return [(H, f"{mark}加快推进产业转型升级", 3), (L, PLAN), (L, "聚力高端融合，做大做强煤、焦、铁、铝、电。"),
            (H, "（二）加快推进乡村振兴战略", 3), (L, "抓好农村产业、农民就业“两业”"), (L, "提升村容村貌、精神面貌“两貌”")]


def texts(result) -> list[str]:
    return [b.text for b in result.blocks]


# --- similarity -------------------------------------------------------------------------------

def test_similarity_known_pair():
    # 天然气和文化旅游 (8) against 天然气文化旅游 (7, the 、 is punctuation): 2 × 7 / 15
    assert similarity("天然气和文化旅游", "天然气、文化旅游") == pytest.approx(14 / 15)
    assert similarity("实施污染防治攻坚战", "实施污染防治攻坚战。") == 1.0
    assert similarity("构建更高质量教育体系", "全力构建一流营商环境") < 0.5


# --- repeated runs ----------------------------------------------------------------------------

def test_exact_run_repeat_is_removed_once():
    source = blocks((H, "四、2022年工作安排", 2), *plan(), (H, "二、2021年工作回顾", 2), (P, LONG), *plan())
    result = dedupe(source)
    assert [r.kind for r in result.removals] == ["repeated run"]
    removal = result.removals[0]
    assert removal.kept_block is source[1]
    assert removal.kept_lines == (3, 13) and removal.removed_lines == (19, 29)
    assert removal.differences == ()
    assert removal.removed_texts == tuple(b.text for b in source[9:])
    assert result.blocks == source[:9]
    assert all(kept is original for kept, original in zip(result.blocks, source))


def test_longest_run_wins_over_copies_of_copies():
    source = blocks((H, "四、工作安排", 2), *plan(), *plan(), *plan())
    result = dedupe(source)
    assert [r.removed_lines for r in result.removals] == [(15, 25), (27, 37)]
    assert all(r.kept_block is source[1] for r in result.removals)
    assert texts(result) == [b.text for b in source[:7]]


def test_single_long_paragraph_repeat_is_removed():
    source = blocks((P, LONG), (H, "（一）项目建设", 3), (P, "推进重点项目建设，打造高质量发展硬支撑。"), (P, LONG))
    result = dedupe(source)
    assert texts(result).count(LONG) == 1
    assert result.removals[0].removed_lines == (7, 7)


def test_near_repeat_reports_the_differing_characters():
    copy = [(H, "（一）加快推进产业转型升级", 3), (L, PLAN.replace("天然气、文化", "天然气和文化")),
            (L, "聚力高端融合，做大做强煤、焦、铁、铝、电。")]
    source = blocks(*plan()[:3], (H, "二、回顾", 2), *copy)
    result = dedupe(source)
    assert len(result.removals) == 1
    (difference,) = result.removals[0].differences
    assert "和" in difference and "、" in difference
    assert "line 11" in difference and "line 3" in difference


def test_truncated_later_copy_is_removed_and_flagged():
    source = blocks(*plan(), (P, LONG), *plan()[:4])  # the copy stops after its （二） heading
    result = dedupe(source)
    assert texts(result) == [b.text for b in source[:7]]
    assert result.removals[0].removed_lines == (15, 21)
    assert [line for line, _ in result.flags] == [15]
    assert "cut-off" in result.flags[0][1]


def test_truncated_first_copy_gives_way_to_the_complete_one():
    source = blocks(*plan()[:4], (H, "二、回顾", 2), (P, LONG), *plan())
    result = dedupe(source)
    assert result.blocks == source[4:]
    (removal,) = result.removals
    assert removal.removed_lines == (1, 7) and removal.kept_block is source[6]
    assert [line for line, _ in result.flags] == [1]


def test_every_cut_off_copy_points_at_the_complete_one():
    cut = plan()[:4]
    source = blocks(*cut, (H, "二、回顾", 2), *cut, (H, "三、目标", 2), (P, LONG), *plan())
    result = dedupe(source)
    assert [(r.removed_lines, r.kept_block) for r in result.removals] == [((1, 7), source[11]), ((11, 17), source[11])]
    assert sorted(line for line, _ in result.flags) == [1, 11]
    assert result.blocks == [source[4], source[9], *source[10:]]


def test_heading_whose_bodies_differ_ends_the_run():
    source = blocks(*plan()[:4], (P, LONG), (H, "二、回顾", 2), *plan())
    result = dedupe(source)
    assert [r.removed_lines for r in result.removals] == [(13, 17)]  # （一） and its items
    assert [b.text for b in result.blocks].count("（二）加快推进乡村振兴战略") == 2
    assert result.flags == []


# --- list items and bodies --------------------------------------------------------------------

def test_repeated_item_inside_one_list():
    source = blocks((H, "（三）生态环境治理", 3), (L, "实施碳达峰、碳中和吕梁行动"), (L, "实施污染防治攻坚战"),
                    (L, "实施污染防治攻坚战"), (H, "（四）项目建设", 3), (L, "实施污染防治攻坚战"))
    result = dedupe(source)
    assert [(r.kind, r.kept_block, r.removed_lines) for r in result.removals] == [("repeated item", source[2], (7, 7))]
    assert texts(result).count("实施污染防治攻坚战") == 2  # the item of another list stays


def test_same_body_under_two_headings_keeps_both_headings():
    items = [(L, "构建更高质量教育体系"), (L, "提供丰富公共文化服务"), (L, "实现更为优质医疗供给")]
    source = blocks((H, "（五）城乡统筹发展", 3), *items, (H, "（六）改革创新进程", 3), *items,
                    (H, "（七）社会民生事业", 3), *items, (H, "（八）平安吕梁建设", 3), (L, "筑牢疫情防控之“堤”"))
    result = dedupe(source)
    assert [b.text for b in result.blocks if b.kind is H] == ["（五）城乡统筹发展", "（六）改革创新进程",
                                                              "（七）社会民生事业", "（八）平安吕梁建设"]
    assert texts(result).count("构建更高质量教育体系") == 1
    assert [r.kind for r in result.removals] == ["repeated body", "repeated body"]
    linked = {i: b.meta["repeats_body_of_block"] for i, b in enumerate(source) if "repeats_body_of_block" in b.meta}
    assert linked == {4: source[0], 8: source[0]}


# --- what must survive ------------------------------------------------------------------------

def test_legitimate_repetition_survives():
    source = blocks(
        (P, "各位代表："), (P, "现在，我代表市人民政府向大会报告政府工作，请予审议。"),
        (H, "一、过去一年工作回顾", 2), (H, "（一）主要做法", 3), (P, "一年来，我们坚持稳中求进，经济运行持续向好，全年生产总值增长6.5%。"),
        (H, "二、今后五年工作回顾", 2), (H, "（一）主要做法", 3), (P, "一年来，我们坚持改革创新，营商环境持续优化，市场主体增长12%。"),
        (P, "各位代表："), (P, "奋斗成就梦想。"), (P, "奋斗成就梦想。"),
        (L, "构建更高质量教育体系"), (P, "中间段落，与前后都不一样，足够长的一段话。"), (L, "构建更高质量教育体系"),
    )
    assert len("奋斗成就梦想。") < MIN_CHARS
    result = dedupe(source)
    assert result.removals == [] and result.flags == []
    assert not any("repeats_body_of_block" in b.meta for b in source)
    assert result.blocks == source


def test_different_text_with_shared_start_is_not_a_near_duplicate():
    first = "这五年，我们坚持把发展作为第一要务，地区生产总值突破2000亿元，年均增长6.5%。"
    second = "这五年，我们坚持把民生作为最大政绩，城乡居民收入年均增长7.8%，民生支出占比八成。"
    assert similarity(first, second) < 0.9
    assert dedupe(blocks((P, first), (P, second))).removals == []


def test_pasted_tail_is_flagged_not_removed():
    tail = "，推动污染物排放总量大幅减少、生态环境大幅改善，努力闯出一条绿色发展的新路子。"
    source = blocks((P, "统筹推进山水林田湖草系统治理" + tail), (P, "坚持高起点规划、高标准建设" + tail))
    result = dedupe(source)
    assert result.blocks == source and result.removals == []
    assert [line for line, _ in result.flags] == [3]
    assert "pasted" in result.flags[0][1]


# --- the real corpus --------------------------------------------------------------------------

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def corpus():
    from builder.report.pipeline import load_corpus
    return {report.id: report for report in load_corpus(ROOT / "source_texts" / "manifest.yaml")}


@pytest.fixture(scope="module")
def results():
    """The dedupe stage on each report's structured blocks (before dedupe), as the pipeline runs it."""
    from builder.inputs.manifest import load_manifest
    from builder.inputs.sources import read_source
    from builder.report.assemble import assemble
    from builder.report.rules import RuleContext, default_ruler
    from builder.report.structure import structure

    out = {}
    for entry in load_manifest(ROOT / "source_texts" / "manifest.yaml"):
        lines, _, _ = read_source(entry)
        lines = default_ruler().run(lines, RuleContext(mastheads=entry.mastheads))
        out[entry.id] = dedupe(structure(assemble(lines), []))
    return out


def summary_2022(results):
    return next(result for report_id, result in results.items() if report_id.startswith("2022"))


def test_2022_work_plan_once(results):
    result = summary_2022(results)
    headings = Counter(b.text for b in result.blocks if b.kind is BlockKind.HEADING)
    for mark in "一二三四五六七八":
        assert sum(n for text, n in headings.items() if text.startswith(f"（{mark}）")) == 1, mark
    for mark in "一二三四":
        assert sum(n for text, n in headings.items() if text.startswith(f"{mark}、")) == 1, mark
    assert sum(b.text.startswith("2022年是党的二十大召开之年") for b in result.blocks) == 1


def test_2022_removals_and_flags(results):
    result = summary_2022(results)
    kinds = Counter(r.kind for r in result.removals)
    assert kinds == {"repeated run": 5, "repeated body": 2, "repeated item": 1}
    assert sum("repeats_body_of_block" in b.meta for b in result.blocks) == 2
    flagged = " ".join(message for _, message in result.flags)
    assert "cut-off" in flagged and "pasted" in flagged


def test_no_long_paragraph_twice(results):
    for report_id, result in results.items():
        counts = Counter(b.text for b in result.blocks if b.kind is BlockKind.PARAGRAPH and len(b.text) >= MIN_CHARS)
        assert [text for text, n in counts.items() if n > 1] == [], report_id


def test_other_reports_lose_nothing(corpus, results):
    for report_id, result in results.items():
        if not report_id.startswith("2022"):
            assert result.removals == [] and result.flags == [], report_id
            assert [b.text for b in result.blocks] == [b.text for b in corpus[report_id].blocks], report_id


def test_every_removed_text_is_kept_or_explained(corpus, results):
    for report_id, result in results.items():
        kept = {id(b) for b in result.blocks}
        kept_texts = {b.text for b in result.blocks}
        for block in corpus[report_id].blocks:
            if id(block) in kept or block.text in kept_texts:
                continue
            explained = [d for r in result.removals for d in r.differences
                         if r.removed_lines[0] <= block.first_line <= r.removed_lines[1]
                         and str(block.first_line) in d]
            assert explained, (report_id, block.first_line, block.text)
