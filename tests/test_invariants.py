"""Whole-corpus invariants: what every report page must satisfy, whatever the rules do."""
from __future__ import annotations

import re

import pytest
from conftest import MANIFEST

from builder.inputs.manifest import load_manifest
from builder.inputs.sources import read_source
from builder.report.records import BlockKind
from builder.report.rules import RuleContext, default_ruler
from builder.text import CJK, canonical, ends_sentence

IDS = [e.id for e in load_manifest(MANIFEST)]


@pytest.mark.parametrize("rid", IDS)
def test_no_space_inside_chinese_text(corpus, rid):
    for block in corpus[rid].blocks:
        assert not re.search(f"[{CJK}] +[{CJK}]", block.text), (block.lines, block.text[:40])


@pytest.mark.parametrize("rid", IDS)
def test_prose_paragraphs_end_a_sentence_or_are_flagged(corpus, rid):
    """Every paragraph ends with sentence-final punctuation, or the editorial notes say the
    source breaks off there (list items and call-outs may end without punctuation)."""
    report = corpus[rid]
    cut = {n.anchor for n in report.notes if n.kind == "breaks off mid-sentence"}
    for block in report.blocks:
        if block.kind is BlockKind.PARAGRAPH:
            assert ends_sentence(block.text) or block.anchor in cut, (block.lines, block.text[-20:])
    assert len(cut) <= 3, "only real truncations are flagged"


@pytest.mark.parametrize("rid", IDS)
def test_no_layout_noise_left(corpus, rid):
    for block in corpus[rid].blocks:
        assert not re.search(r"[（(]\s*[上下][接转]", block.text), block.text[:40]
        assert "**" not in block.text
        assert not re.fullmatch(r"(\d)\1( (\d)\3)*", block.text)
        assert "政 府" not in block.text and "\n" not in block.text


@pytest.mark.parametrize("rid", IDS)
def test_anchors_are_unique_on_a_page(corpus, rid):
    anchors = [b.anchor for b in corpus[rid].blocks]
    assert len(anchors) == len(set(anchors))
    assert all(re.fullmatch(r"[hp]-[0-9a-f]{7}(-\d+)?", a) for a in anchors)


@pytest.mark.parametrize("rid", IDS)
def test_every_letter_of_the_source_is_kept_in_order(corpus, rid):
    """Layout noise aside, the page holds the source's text: every letter and digit, in order.

    The noise rules (continuation markers, mastheads, vertical text, icon numbers) run first;
    what they remove is in the change log. Everything after them may join and split, but
    never drop, a character.
    """
    report = corpus[rid]
    lines, _, _ = read_source(report.entry)
    ruler = default_ruler()
    for name in ("spacing", "punctuation", "emphasis", "traditional"):
        ruler.disable(name)  # these change characters but not letters (traditional: checked below)
    cleaned = ruler.run(lines, RuleContext(mastheads=report.entry.mastheads))
    source = canonical("".join(line.text for line in cleaned))
    # Dropped repeats are part of the record: put each back at its source lines.
    pieces = [(b.first_line, 0, b.text) for b in report.blocks]
    pieces += [(r["removed_lines"][0], -1, "".join(r["removed_texts"])) for r in report.removals]
    page = canonical("".join(text for _, _, text in sorted(pieces, key=lambda p: (p[0], p[1]))))
    converted = {c.line for c in report.changes if c.rule == "traditional"}
    if converted:
        source = source.replace("堅", "坚")
    assert page == source


def test_every_report_has_a_table_of_contents(corpus):
    for rid, report in corpus.items():
        headings = [b for b in report.blocks if b.kind is BlockKind.HEADING]
        assert len(headings) >= 5, rid
        assert headings[0].level == 2


def test_reports_numbering_mirrored_in_headings(corpus):
    h = [b.text for b in corpus["2023-government-work-report"].blocks if b.kind is BlockKind.HEADING]
    assert h[0] == "二、2023年重点工作"
    assert [t[:3] for t in h[1:9]] == ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）", "（七）", "（八）"]
    assert "三、全面加强政府自身建设" in h
    h2021 = [b.text for b in corpus["2021-party-congress-report"].blocks if b.kind is BlockKind.HEADING]
    assert [t[:2] for t in h2021] == ["二、", "三、", "四、", "五、", "六、", "七、"]


def test_suspected_source_errors_are_flagged_not_fixed(corpus):
    notes2026 = " ".join(n.text for n in corpus["2026-government-work-report"].notes)
    assert "A1+" in notes2026 and "“and”" in notes2026
    assert any("A1+" in b.text for b in corpus["2026-government-work-report"].blocks)
    notes2021 = [n for n in corpus["2021-party-congress-report"].notes if "蹚蹚" in n.text]
    assert notes2021 and all(n.anchor for n in notes2021)
    assert any("蹚蹚" in b.text for b in corpus["2021-party-congress-report"].blocks)


def test_stray_traditional_character_converted_and_logged(corpus):
    report = corpus["2026-government-work-report"]
    assert not any("堅" in b.text for b in report.blocks)
    assert [c.line for c in report.changes if c.rule == "traditional"] == [51]


def test_continuations_recorded_as_metadata(corpus):
    assert corpus["2026-government-work-report"].continuations == [(3, "(上接1版)"), (129, "(下转4版)")]
    assert corpus["2021-party-congress-report"].continuations == [(1, "（上接1—4版）"), (1017, "（下转3版）")]
