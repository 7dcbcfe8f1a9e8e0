"""The cleaning on layouts it was not tuned to: four composed reports of other cities
(tests/fixtures/other_cities/, each with its expected structure) and layout variants of the
real reports (web-page chrome, Traditional characters, ASCII punctuation, PDF re-wrapping)."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
import yaml

from builder.editions import BY_CODE, KEEP_CLOSE, KEEP_OPEN, to_traditional
from builder.report.pipeline import load_corpus
from builder.report.records import BlockKind
from builder.text import canonical, width

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "other_cities"
SOURCES = ROOT / "source_texts"


@pytest.fixture(scope="module")
def cities():
    return {r.id: r for r in load_corpus(FIXTURES / "manifest.yaml")}


@pytest.fixture(scope="module")
def real():
    return {r.id: r for r in load_corpus(SOURCES / "manifest.yaml")}


EXPECTED = sorted(p.name[: -len(".expected.yaml")] for p in FIXTURES.glob("*.expected.yaml"))


@pytest.mark.parametrize("rid", EXPECTED)
def test_every_heading_and_paragraph_of_another_citys_report(cities, rid):
    report = cities[rid]
    expected = yaml.safe_load((FIXTURES / f"{rid}.expected.yaml").read_text(encoding="utf-8"))
    blocks = report.blocks
    texts = [b.text for b in blocks]
    assert report.script == expected["script"]
    assert blocks[0].kind is BlockKind.TITLE and blocks[0].text == expected["title"]
    assert [b.text for b in blocks if b.kind is BlockKind.HEADING] == expected["headings"]
    for paragraph in expected["paragraphs"]:  # intact: exactly one block, not a heading
        assert [b.kind for b in blocks if b.text == paragraph] == [BlockKind.PARAGRAPH], paragraph[:30]
    for kept in expected["kept"]:
        assert kept in texts, kept
    page = "".join(texts)
    for text in expected["contains"]:
        assert text in page, text
    for chrome in expected["absent"]:
        assert not any(chrome in t for t in texts), chrome
    kinds = [n.kind for n in report.notes]
    for kind, count in expected["notes"].items():
        assert kinds.count(kind) == count, (kind, kinds)
    for text in expected.get("no_notes", []):
        assert not any(text in n.text or text == n.kind for n in report.notes), text


def test_chrome_and_gaps_are_logged_and_noted(cities):
    report = cities["fengchuan-2024-county-web-page"]
    removed = [c.before for c in report.changes if c.rule == "chrome"]
    assert any("您的位置" in c for c in removed) and any("发表时间：2023/12/21 18:29:50" in c for c in removed)
    gaps = [n for n in report.notes if n.kind == "gap in the source"]
    assert "about 912 characters" in gaps[0].text and all(n.anchor for n in gaps)
    # the paragraph before a paywall line is not joined with the text after it
    cut = next(b for b in report.blocks if b.text.endswith("普及率提高到86%，"))
    assert any(n.kind == "breaks off mid-sentence" and n.anchor == cut.anchor for n in report.notes)
    lead = [c.before for c in cities["qinglan-2025-traditional-news"].changes if c.rule == "news_lead"]
    assert lead and lead[0].startswith("本報訊")


def test_masks_are_kept_and_noted_once(cities):
    report = cities["fengchuan-2024-county-web-page"]
    notes = [n for n in report.notes if n.kind == "placeholder masks"]
    assert len(notes) == 1 and "“xx” ×3" in notes[0].text and "“**” ×2" in notes[0].text
    assert not [c for c in report.changes if c.rule == "emphasis"]


def test_run_in_numbered_heading_is_split_from_the_sentence_before(cities):
    report = cities["luming-2024-one-line"]
    cuts = [c.after for c in report.changes if c.rule == "run_together"]
    assert any("8.9%。 ‖ 1.全力以赴" in c for c in cuts), cuts  # one log entry per cut
    assert len(cuts) == 17  # 18 units: title, salutation, 5 headings, 3 run-in headings with their paragraph, 8 paragraphs
    heads = [(b.level, b.text) for b in report.blocks if b.kind is BlockKind.HEADING]
    assert heads[:2] == [(2, "一、2023年工作回顾"), (3, "1.全力以赴拼经济，县域经济强劲复苏")]


def test_traditional_source_is_never_converted(cities):
    report = cities["qinglan-2025-traditional-news"]
    assert not [c for c in report.changes if c.rule == "traditional"]
    page = "".join(b.text for b in report.blocks)
    assert "苦干實干" in page and "苦幹實幹" in page and "群眾" in page
    note = next(n for n in report.notes if n.kind == "source in Traditional characters")
    assert "not converted" in note.text


def test_traditional_source_is_the_same_text_in_every_chinese_edition(tmp_path):
    """The original edition shows it as received, with a note; the Traditional edition's s2t
    (which would make 苦干實干 苦幹實幹) leaves it alone; no keep mark leaks into any page."""
    from builder.corpus import load
    from builder.render.pages import SiteOptions, build_edition

    glossary = tmp_path / "glossary.yaml"
    glossary.write_text("categories:\n  economy: {zh: 经济, en: Economy}\nterms: []\n", encoding="utf-8")
    (tmp_path / "translations" / "en").mkdir(parents=True)
    corpus = load(FIXTURES / "manifest.yaml", glossary, tmp_path / "translations")
    expected = yaml.safe_load((FIXTURES / "qinglan-2025-traditional-news.expected.yaml").read_text(encoding="utf-8"))
    bodies = {}
    for code in ("zh", "zh-hant", "en"):
        pages = build_edition(corpus, BY_CODE[code], SiteOptions()).pages
        assert not any(KEEP_OPEN in p.body or KEEP_CLOSE in p.body for p in pages.values())
        bodies[code] = pages["reports/qinglan-2025-traditional-news/index.md"].body
    for code in ("zh", "zh-hant"):
        text = re.sub(r"<[^>]+>", "", bodies[code])
        assert all(p in text for p in expected["paragraphs"]), code
        assert all(h in text for h in expected["headings"]), code
        assert 'class="report-script"' in bodies[code] and 'lang="zh-Hant"' in bodies[code]
    assert "來源為繁體字文本" in bodies["zh-hant"]  # the edition's own words are still converted
    assert "The Chinese source is written in Traditional characters" in bodies["en"]
    # a Simplified report is converted as before
    simplified = build_edition(corpus, BY_CODE["zh-hant"], SiteOptions()).pages[
        "reports/luming-2024-one-line/index.md"].body
    assert "縣域經濟強勁復甦" in simplified or "縣域經濟" in simplified


# --- layout variants of the real reports ---------------------------------------------------

CHROME_HEAD = ["您的位置：首页 >> 政务公开 >> 政府工作报告 >> 正文", "",
               "发布时间：2026-01-22 09:30　来源：市政府办公室　浏览次数：1024", "【字体：大 中 小】【打印】【关闭】", ""]
CHROME_TAIL = ["", "责任编辑：张三", "上一篇：关于召开全市经济工作会议的通知", "下一篇：市政府常务会议研究部署春节期间工作",
               "分享到：微信　微博　QQ空间", "扫一扫在手机打开当前页"]
ASCII = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "！": "!", "？": "?"})
NO_LINE_START = "，。、；：！？,.;:!?)）”’%"


def _rewrap(line: str, column: float = 32) -> list[str]:
    """A paragraph re-wrapped at a fixed width as a PDF's text comes out: numbers and Latin words
    unbroken, no line starting with a closing mark, no blank line between paragraphs."""
    out, current = [], ""
    for token in re.findall(r"[0-9A-Za-z.%]+|.", line):
        if width(current + token) > column and current and token[0] not in NO_LINE_START:
            out.append(current)
            current = token
        else:
            current += token
    return out + [current]


def variant(text: str, layout: str) -> str:
    lines = text.split("\n")
    if layout == "web page":
        lines = CHROME_HEAD + lines + CHROME_TAIL
    elif layout == "traditional":
        lines = [to_traditional(line) for line in lines]
    elif layout == "ascii punctuation":
        lines = [line.translate(ASCII) for line in lines]
    elif layout == "pdf re-wrap":
        lines = [piece for line in lines if line.strip() for piece in _rewrap(line.strip())]
    return "\n".join(lines)


def build_variant(tmp_path: Path, entry, layout: str):
    data = variant(entry.path.read_text(encoding="utf-8"), layout).encode("utf-8")
    (tmp_path / "variant.txt").write_bytes(data)
    manifest = tmp_path / "manifest.yaml"
    manifest.write_text(
        f"reports:\n  - id: {entry.id}\n    file: variant.txt\n    sha256: {hashlib.sha256(data).hexdigest()}\n"
        f"    year: {entry.year}\n    kind: {entry.kind}\n    title: {{zh: t, en: t}}\n    covers: {{zh: c, en: c}}\n"
        f"    origin: {{zh: o, en: o}}\n    mastheads: [{', '.join(entry.mastheads)}]\n", encoding="utf-8")
    return load_corpus(manifest)[0]


def _sentences(text: str) -> list[str]:
    return [s for s in re.findall(r"[^。！？!?]+[。！？!?]?", text) if len(s) >= 6]


VARIANTS = [(rid, layout) for layout in ("web page", "traditional", "ascii punctuation", "pdf re-wrap")
            for rid in ("2022-government-work-report-summary", "2023-government-work-report", "2026-government-work-report")]


@pytest.mark.parametrize("rid, layout", VARIANTS)
def test_seed_variant_keeps_every_sentence_and_heading(real, tmp_path, rid, layout):
    """Every sentence of the clean text in one block (compared by its letters: a line-based rule
    cannot make an ASCII comma full-width across a line end), every heading a heading, no
    chrome. In Traditional characters, the same blocks, kind for kind and length for length
    (OpenCC's s2t reads words across line ends differently, so the letters may differ), no
    conversion and the note that says so."""
    original = real[rid]
    got = build_variant(tmp_path, original.entry, layout)
    assert not any(c in b.text for b in got.blocks for c in ("您的位置", "发布时间", "责任编辑", "上一篇", "扫一扫"))
    if layout == "traditional":
        assert [(b.kind, len(b.text)) for b in got.blocks] == [(b.kind, len(b.text)) for b in original.blocks]
        assert got.script == "traditional" and not [c for c in got.changes if c.rule == "traditional"]
        assert any(n.kind == "source in Traditional characters" for n in got.notes)
        return
    blocks = [canonical(b.text) for b in got.blocks]
    sentences = [canonical(s) for b in original.blocks for s in _sentences(b.text)]
    broken = [s for s in sentences if not any(s in b for b in blocks)]
    assert not broken, broken[:3]
    headings = {canonical(b.text) for b in got.blocks if b.kind is BlockKind.HEADING}
    missed = [b.text for b in original.blocks if b.kind is BlockKind.HEADING and canonical(b.text) not in headings]
    allowed = 1 if (rid, layout) == ("2022-government-work-report-summary", "pdf re-wrap") else 0
    assert len(missed) <= allowed, missed  # a wrapped heading of the summary runs into its paragraph
    if layout in ("web page", "ascii punctuation") and rid != "2022-government-work-report-summary":
        assert [(b.kind, b.text) for b in got.blocks] == [(b.kind, b.text) for b in original.blocks]
