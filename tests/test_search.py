"""The site's search (builder/search/): what the index holds, and what a query finds.

Library level: the text rules, the page reader and the index files, in Python. Query
semantics: the browser's own engine (builder/search/assets/search.js) run by Node on indexes
built here, from small pages and from the real corpus (held-out queries with expected reports
computed from the records: recall and precision per (query, report) pair, per edition).
"""
from __future__ import annotations

import gzip
import json

import pytest
from search_support import reports_of, run, write_index

from builder import load_config
from builder.editions import BY_CODE
from builder.search import edition_files
from builder.search.extract import document
from builder.search.index import FORMAT, build, fnv1a
from builder.search.text import Folding, fold_table, pinyin_key, section_tokens, spelling, word_key
from conftest import ROOT

ZH, EN, ZH_HANT = BY_CODE["zh"], BY_CODE["en"], BY_CODE["zh-hant"]


# --- the text rules ------------------------------------------------------------------------------

def test_han_text_is_indexed_as_bigrams_at_their_positions_and_characters():
    tokens = section_tokens("营商环境，优化营商")
    assert tokens["营商"] == [0, 6] and tokens["商环"] == [1] and tokens["环境"] == [2]
    assert "境优" not in tokens  # punctuation breaks the run
    assert tokens["营"] == [] and tokens["境"] == []  # characters: where, not at which position


def test_positions_count_within_the_sentence_so_an_edit_moves_only_its_own():
    fold = Folding({})  # the index reads folded text: ； is ;
    first = section_tokens(fold("今年是开局之年。党的二十大擘画了蓝图；3.5 percent growth. Growth rate"))
    assert first["党的"] == [32] and first["蓝图"] == [32 + 8]  # the next sentence starts at a stride
    assert first["3"] == [64] and first["5"] == [65] and first["percent"] == [66]  # 3.5: no sentence end
    assert first["rate"] == [97]  # "growth. Growth": two sentences
    edited = section_tokens(fold("今年是全面开局之年。党的二十大擘画了蓝图；3.5 percent growth. Growth rate"))
    moved = {t for t in first.keys() | edited.keys() if first.get(t) != edited.get(t)}
    assert moved == {"是开", "开局", "局之", "之年", "是全", "全面", "面开", "全", "面"}  # the first sentence's


def test_english_words_are_keys_that_unite_spellings_and_inflections():
    same = [("revitalisation", "revitalization", "revitalising", "revitalized", "revitalise"),
            ("labour", "labor", "labours"), ("centre", "center", "centres"), ("travelled", "traveled", "travelling"),
            ("programme", "program"), ("organisation", "organization"), ("favourable", "favorable"),
            ("catalogue", "catalog"), ("analyse", "analyze")]
    for words in same:
        assert len({word_key(w) for w in words}) == 1, words
    for a, b in [("four", "for"), ("hour", "her"), ("more", "mor"), ("rural", "rule"), ("uphold", "hold")]:
        assert word_key(a) != word_key(b)
    assert spelling("four") == "four" and spelling("wise") == "wise"


def test_stop_words_keep_their_place_but_are_not_indexed():
    tokens = section_tokens("the Two Upholds of the Party")
    assert "the" not in tokens and "of" not in tokens
    assert tokens[word_key("two")] == [1] and tokens[word_key("upholds")] == [2] and tokens[word_key("party")] == [5]


def test_pinyin_typed_any_way_has_one_key():
    assert pinyin_key("liǎng gè wéi hù") == pinyin_key("liang ge wei hu") == pinyin_key("lianggeweihu") \
        == pinyin_key("Liang3 ge4 wei2 hu4") == "lianggeweihu"
    assert pinyin_key("lǜ sè") == pinyin_key("lv se") == "luse"


def test_folding_maps_traditional_and_variant_forms_to_the_corpus_characters():
    table = fold_table(["营商环境为民", "發展"])
    fold = Folding(table)
    assert fold("營商環境") == "营商环境"
    assert fold("為") == fold("爲") == "为"  # Taiwan and OpenCC forms alike
    assert fold("ＡＩ＋产业") == "ai+产业"  # full-width ASCII, lower case
    assert "乾" not in table or table["乾"] == "干"
    assert all(len(k) == 1 and len(v) == 1 for k, v in table.items())  # positions never move


# --- the page reader -----------------------------------------------------------------------------

REPORT = """---
title: "2023年报告"
---

# 2023年报告

<div class="report-meta"><p>政府工作报告 · 2023</p></div>

<p id="p-1" class="report-paragraph">持续优化<a class="term" href="x" data-tip="营商 &#10;tip">营商环境</a>。<a class="para-link" href="#p-1" aria-label="链接到本段"></a></p>

## 二、重点工作 {: #h-2 data-lines="74" }

<p class="zh-heading" lang="zh">二、重点工作</p>
<ul class="report-list">
<li id="p-3">数字经济<a class="para-link" href="#p-3"></a><div class="tm-extra"><details class="zh-original"><summary>中文原文</summary><span class="zh-text">数字经济原文</span></details></div></li>
</ul>

### 2023 · 出现 (3) {: #in-2023 }

<ol class="kwic" data-search-exclude><li>营商环境 repeated</li></ol>

<details class="abstract change-log" id="change-log" data-search-exclude>
<summary>清理记录</summary><table><tr><td>低空经济</td></tr></table>
</details>
"""


def test_a_page_is_read_as_sections_by_anchor():
    doc = document("reports/2023/", REPORT)
    assert doc.title == "2023年报告"
    got = [(s.anchor, s.kind, s.text) for s in doc.sections]
    assert got == [
        ("", "t", "2023年报告 政府工作报告 · 2023"),
        ("p-1", "p", "持续优化营商环境。"),
        ("h-2", "h", "二、重点工作"),
        ("h-2", "p", "二、重点工作"),
        ("p-3", "p", "数字经济 中文原文 数字经济原文"),
    ]
    text = " ".join(s.text for s in doc.sections)
    assert "repeated" not in text and "低空经济" not in text and "tip" not in text  # left out, as marked
    assert doc.sections[-1].heading == "二、重点工作"


def test_hand_written_markdown_is_read_as_text():
    page = ("---\ntitle: 关于\n---\n\n# 关于 · About\n\n## 来源 · Sources {: #sources }\n\n"
            "See <https://example.org> and `<p>` in **bold** [a link](x.md), `code_name`.\n\n"
            "| 规则 rule | 作用 |\n| --- | --- |\n| `decode` | 读取 |\n\n## Next {#next}\n\ntext\n")
    doc = document("about/", page)
    assert doc.title == "关于"
    sources = next(s for s in doc.sections if s.anchor == "sources" and s.kind == "p")
    assert sources.text == "See <https://example.org> and <p> in bold a link, code_name. 规则 rule 作用 decode 读取"
    assert [s.anchor for s in doc.sections if s.kind == "h"] == ["sources", "next"]  # headings still found


# --- the index files -----------------------------------------------------------------------------

PAGES = {
    "a/index.md": "# 甲\n\n<p id=\"p-a\">持续优化营商环境，数字经济。</p>\n",
    "b/index.md": "# 乙\n\n<p id=\"p-b\">营商有道，环境优美。</p>\n",
    "c/index.md": "# 丙\n\n<p id=\"p-c\">低空飞行，经济发展。</p>\n",
    "d/index.md": "# Rural\n\n<p id=\"p-d\">Rural revitalisation and the labour market; the Two Upholds.</p>\n",
    "e/index.md": "# Other\n\n<p id=\"p-e\">Revitalising rural areas.</p>\n",
    "glossary/liang-ge-wei-hu/index.md": "# 两个维护\n\n<p class=\"term-pinyin\">liǎng gè wéi hù</p>\n",
}


class _Term:
    def __init__(self, id, term, pinyin):
        self.id, self.term, self.pinyin = id, term, pinyin


GLOSSARY = [_Term("liang-ge-wei-hu", "两个维护", "liǎng gè wéi hù")]


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """The small pages as a Simplified and as a Traditional edition."""
    out = {}
    for edition in (ZH, ZH_HANT):
        pages = {path: edition.convert(text) for path, text in PAGES.items()}
        folder = tmp_path_factory.mktemp(edition.code)
        out[edition.code] = write_index(edition_files(edition, pages, GLOSSARY), folder)
    return out


def test_every_file_has_a_compressed_twin_and_the_build_is_reproducible():
    import builder.search

    first = edition_files(ZH, PAGES, GLOSSARY)
    builder.search._LAST.clear()  # made again, not reused
    again = edition_files(ZH, PAGES, GLOSSARY)
    assert first == again and first is not again
    for path, content in first.items():
        if path.endswith(".gz"):
            assert gzip.decompress(content) == first[path[:-3]]
    meta = json.loads(first["search/meta.json"])
    assert meta["format"] == FORMAT and [p[0] for p in meta["pages"]] == ["a/", "b/", "c/", "d/", "e/",
                                                                        "glossary/liang-ge-wei-hu/"]
    assert meta["pinyin"] == [["lianggeweihu", 5, "两个维护"]]
    shard = json.loads(first[f"search/p/{fnv1a('营商') % meta['shards']}.json"])
    assert "营商" in shard
    assert "builder/search/" in first["assets/search.js"].decode("utf-8")[:200]


def test_index_of_the_real_site_is_fetched_in_pieces(exported):
    meta = json.loads(exported["zh"]["search/meta.json"])
    sizes = {p: len(c) for p, c in exported["zh"].items() if p.endswith(".gz")}
    assert meta["shards"] >= 16 and len(meta["chunks_at"]) >= 16
    assert max(sizes.values()) < 60_000  # no piece is the whole index
    assert sum(sizes.values()) < 1_200_000  # all of it, compressed, is less than Material's one file was


# --- query semantics (the browser's engine, in Node) ---------------------------------------------

def answers(index, *queries):
    return {a["query"]: a for a in run(index, queries)["answers"]}


def urls(answer, kind="results"):
    return [r["url"] for r in answer[kind]]


def test_a_chinese_phrase_finds_the_pages_holding_it_not_its_parts_elsewhere(small):
    got = answers(small["zh"], "营商环境", "营商 环境", "低空经济")
    assert urls(got["营商环境"]) == ["a/"]  # b/ has 营商 and 环境 apart: not a result
    assert got["营商环境"]["partial"] == []
    assert all(r["missing"] == [] for r in got["营商环境"]["results"])
    assert set(urls(got["营商 环境"])) == {"a/", "b/"}  # two terms, each anywhere on the page
    none = got["低空经济"]
    assert none["results"] == [] and none["phraseMissing"] == "低空经济"
    assert urls(none, "partial") == ["c/", "a/"]  # its words; a page with some names what it lacks
    assert none["partial"][0]["marked"] == ["低空", "经济"] and none["partial"][0]["missing"] == ["低空经济"]
    assert none["partial"][1]["missing"] == ["低空"]


def test_either_script_finds_either_edition(small):
    zh_hant = answers(small["zh-hant"], "营商环境", "營商環境")
    assert urls(zh_hant["营商环境"]) == urls(zh_hant["營商環境"]) == ["a/"]
    assert zh_hant["营商环境"]["results"][0]["marked"] == ["營商環境"]  # the edition's own characters
    zh = answers(small["zh"], "營商環境")
    assert urls(zh["營商環境"]) == ["a/"]


def test_english_finds_spelling_variants_and_inflections_and_quoted_phrases(small):
    got = answers(small["zh"], "revitalization", "rural revitalizing", '"rural revitalization"', "labor",
                  '"revitalising rural"')
    assert set(urls(got["revitalization"])) == {"d/", "e/"}
    assert set(urls(got["rural revitalizing"])) == {"d/", "e/"}
    assert urls(got['"rural revitalization"']) == ["d/"]  # as a phrase: in that order, side by side
    assert urls(got['"revitalising rural"']) == ["e/"]
    assert urls(got["labor"]) == ["d/"] and got["labor"]["results"][0]["marked"] == ["labour"]


def test_a_quoted_phrase_across_a_sentence_end_finds_the_page_with_both_sentences(tmp_path):
    pages = {"f/index.md": "# 丁\n\n<p id=\"p-f\">今年是开局之年。党的二十大擘画了蓝图。</p>\n",
             "g/index.md": "# 戊\n\n<p id=\"p-g\">开局之年，新的蓝图。</p>\n"}
    index = write_index(edition_files(ZH, pages, []), tmp_path)
    got = answers(index, '"开局之年。党的二十大"', '"开局之年！党的"', "开局之年")
    assert urls(got['"开局之年。党的二十大"']) == ["f/"]
    assert got['"开局之年。党的二十大"']["terms"] == ["开局之年", "党的二十大"]  # one phrase per sentence
    assert urls(got['"开局之年！党的"']) == ["f/"]
    assert set(urls(got["开局之年"])) == {"f/", "g/"}


def test_pinyin_with_or_without_tones_or_spaces_finds_the_term_page(small):
    got = answers(small["zh"], "liang ge wei hu", "liǎng gè wéi hù", "lianggeweihu", "Liang3 ge4 wei2 hu4")
    for answer in got.values():
        assert [p["url"] for p in answer["pinyin"]] == ["glossary/liang-ge-wei-hu/"]
        assert urls(answer)[0] == "glossary/liang-ge-wei-hu/"


# --- the real corpus -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def exported():
    from builder.export.tree import export_files

    cfg = load_config(ROOT / "mkdocs.yml")
    files = export_files(cfg)
    out = {}
    for path, content in files.items():
        code, _, rest = path.partition("/docs/")
        if rest.startswith(("search/", "assets/search.js")):
            out.setdefault(code, {})[rest] = content
    return out


@pytest.fixture(scope="module")
def indexes(exported, tmp_path_factory):
    return {code: write_index(files, tmp_path_factory.mktemp(code)) for code, files in exported.items()}


def test_the_engine_computes_the_same_keys_as_the_index(indexes, exported):
    """search.js and builder/search/text.py agree on every word of the English edition, on the
    folding of every character and on pinyin keys."""
    import re

    meta = json.loads(exported["en"]["search/meta.json"])
    words = sorted({w for path, content in exported["en"].items() if path.startswith("search/t/") and path.endswith(".json")
                    for w in re.findall(r"[0-9A-Za-z\u00c0-\u024f]+", content.decode("utf-8"))})
    chars = sorted(set(meta["fold"]) | set("营商環境為爲ＡＢ１"))
    pinyin = ["liǎng gè wéi hù", "lǜ sè", "Lüliang", "xi'an"]
    got = run(indexes["en"], keys=words, fold=chars, pinyin=pinyin)
    fold = Folding({meta["fold"][i]: meta["fold"][i + 1] for i in range(0, len(meta["fold"]), 2)})
    assert len(words) > 3000
    assert [w for w, k in zip(words, got["keys"]) if k != word_key(fold(w))] == []
    assert got["folded"] == [fold(c) for c in chars]
    assert got["pinyin"] == [pinyin_key(p) for p in pinyin]


def test_the_engine_counts_positions_as_the_index_does(indexes, exported):
    """search.js and builder/search/text.py give every unit of every section of the Simplified
    and English editions the same position (sentence ends, strides, numbers like 3.5)."""
    from builder.search.text import runs

    for code in ("zh", "en"):
        meta = json.loads(exported[code]["search/meta.json"])
        fold = Folding({meta["fold"][i]: meta["fold"][i + 1] for i in range(0, len(meta["fold"]), 2)})
        texts = [fold(entry[1]) for path, content in exported[code].items()
                 if path.startswith("search/t/") and path.endswith(".json") for entry in json.loads(content)]
        assert len(texts) > 1000 and any(t.count("。") > 3 for t in texts)
        expected = [[[ch, pos + i] for pos, m in runs(text)
                     for i, ch in enumerate(m.group(1) or [m.group()])] for text in texts]
        got = run(indexes[code], units=texts, sections=False)["units"]
        assert [text for text, a, b in zip(texts, got, expected) if a != b] == [], code


def test_held_out_queries_find_every_report_that_holds_them(indexes, capsys):
    """Recall 100% of (query, report) pairs and at least 95% of returned reports holding the
    query, in each edition and for each kind of query; pinyin finds every term's page."""
    from builder.corpus import load_for
    from builder.search.evaluate import query_set, score

    corpus = load_for(load_config(ROOT / "mkdocs.yml"))
    queries = query_set(corpus)
    found = {}
    for code in ("zh", "en", "zh-hant"):
        texts = sorted({q.text for q in queries if q.edition == code})
        for a in run(indexes[code], texts, sections=False)["answers"]:
            found[(code, a["query"])] = {"results": urls(a), "pinyin": [p["url"] for p in a["pinyin"]]}
    scores = score(queries, found, reports_of)
    with capsys.disabled():
        print()
        for (code, group), s in sorted(scores.items()):
            print(f"  search {code:8} {group:12} {s.queries:4} queries  recall {s.recall:.1%}  "
                  f"precision {s.precision:.1%}" + (f"  term pages {s.pages_found}/{s.queries}" if group == "pinyin" else ""))
    for (code, group), s in scores.items():
        assert s.recall == 1.0, (code, group, s.missed[:5])
        assert s.precision >= 0.95, (code, group, s.wrong[:5])
        if group == "pinyin":
            assert s.pages_found == s.queries, (code, group)


def test_a_first_search_transfers_little(indexes):
    got = answers(indexes["zh-hant"], "营商环境")["营商环境"]
    assert got["files"][0] == "meta.json"
    assert got["bytes"] < 160_000, got["bytes"]  # meta, the query's shards, the text of ten results


def test_an_index_merged_again_after_an_edit_equals_one_built_afresh():
    """While serving, a rebuild re-merges only the tokens whose postings on a changed page
    differ (builder/search/index.py); its files must be those of an index built from nothing,
    and a page that gains a section rewrites only the shards of its own tokens."""
    from builder.search.extract import Document, Section

    def documents(edited: str, title: str, added: str = "") -> list[Document]:
        return [Document(f"p{n}/", f"页面{n}", [Section("", "t", f"页面{n}"),
                                                Section("h1", "h", "营商环境" if n else title, ""),
                                                Section("p1", "p", edited if n == 1 else f"第{n}段：持续优化营商环境，推进放管服改革。",
                                                        "营商环境")]
                         + ([Section("p2", "p", added, "营商环境")] if added and n == 1 else []))
                for n in range(6)]

    first, postings = build(documents("深化放管服改革，优化营商环境。", "总体要求"), {})
    assert first
    for edited, title, added in (("深化放管服改革，优化营商环境和创新生态。", "总体要求", ""),  # new tokens, in one section
                                 ("深化改革。", "总体要求", ""),  # tokens gone from the page, kept on others
                                 ("深化改革。", "主要目标", ""),  # a heading: another page's section changes
                                 ("深化改革。", "主要目标", "新增一段：数字经济。")):  # a page gains a section
        before = {token: list(code) for token, code in postings.encoded.items()}
        again, postings = build(documents(edited, title, added), {}, previous=postings)
        fresh, _ = build(documents(edited, title, added), {})
        assert again == fresh, edited
        assert again != first
    changed = {token for token in before.keys() | postings.encoded.keys()
               if before.get(token) != postings.encoded.get(token)}
    assert changed == set(section_tokens("新增一段：数字经济。")), "sections of other pages keep their numbers"
    # a character new to the corpus with a Traditional form (發 → 发) enters the folding table:
    # still only the edited page's tokens are merged again
    texts = lambda docs: (section.text for doc in docs for section in doc.sections)  # noqa: E731
    edited = documents("深化改革，发展经济。", "主要目标", "新增一段：数字经济。")
    table = fold_table(texts(edited))
    assert table.get("發") == "发" and "發" not in fold_table(texts(documents("深化改革。", "主要目标", "新增一段：数字经济。")))
    from builder import memory

    was, _ = memory.KEEP, memory.keep(True)  # as while serving: each page's postings are remembered
    try:
        _, postings = build(documents("深化改革。", "主要目标", "新增一段：数字经济。"), {}, previous=postings)
        again, merged = build(edited, table, previous=postings)
    finally:
        memory.keep(was)
    assert again == build(edited, table)[0]
    kept = [n for n, own in enumerate(merged.pages) if own is postings.pages[n]]
    assert kept == [0, 2, 3, 4, 5], "the other pages' postings are not made again"
