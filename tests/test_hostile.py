"""Hostile text anywhere a page shows text — a source paragraph, a glossary definition, a term's
variant form — is shown literally: never executed, never read as Markdown, HTML or Jinja.

Property-based: Hypothesis draws strings from markup fragments and Chinese text; the pages are
rendered by the builder's templates and converted by Python-Markdown with the site's extensions,
and the text a reader sees must equal the input.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.editions import EN, ZH, ZH_HANT
from builder.glossary import concordance
from builder.glossary.matcher import TermMatcher
from builder.glossary.model import Category, Evidence, Glossary, Term
from builder.inputs.manifest import ManifestEntry
from builder.render.annotate import tooltip
from builder.corpus import Corpus
from builder.render.pages import SiteOptions, build_edition
from builder.report.records import Block, BlockKind, Report
from builder.translation.memory import resolve

PIECES = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "**", "*",
          "_", "#", "|", "{{ x }}", "{% if %}", "}}", "{%", "&amp;", "&", "<", ">", '"', "'", "`", "\\", "!",
          "[", "]", "(", ")", "{: #x }", "---", "<!--", "-->", ":", "~", "^", "=", "%", "$", "+", ".",
          "政府", "工作", "报告", "两个维护", "一黑二白", "1+7+N", "985", " "]
TEXT = st.lists(st.sampled_from(PIECES), min_size=1, max_size=25).map("".join).map(str.strip).filter(bool)
EXTENSIONS = ["attr_list", "tables", "admonition", "toc"]


class build_site:  # noqa: N801 - the rendered pages of one edition, as text
    def __init__(self, corpus, edition):
        self.corpus = corpus
        self.pages = {p: page.text() for p, page in build_edition(corpus, edition, SiteOptions()).pages.items()}


def entry() -> ManifestEntry:
    return ManifestEntry(id="r", path=Path("r.txt"), sha256="0" * 64, year=2024, kind="summary",
                         title={"zh": "标题", "en": "Title"}, covers={"zh": "全文", "en": "all"},
                         origin={"zh": "测试", "en": "test"})


def glossary(definition: str, variant: str) -> Glossary:
    forms = {"两个维护", "一黑二白"}
    variants = (variant,) if variant not in forms else ()
    terms = [
        Term(id="liang-ge-wei-hu", term="两个维护", en="Two Upholds", definition=definition, level="national",
             category="party", evidence=(Evidence(source=definition),), pinyin="liǎng gè wéi hù", variants=variants,
             definition_zh=definition),
        Term(id="yi-hei-er-bai", term="一黑二白", en="One Black, Two Whites", definition="coal, aluminum, liquor",
             level="municipal", category="party", evidence=(Evidence(source="s"),), pinyin="yī hēi èr bái",
             definition_zh="煤、铝、酒。"),
    ]
    return Glossary(path=Path("glossary.yaml"), categories={"party": Category("party", "党建", "Party")}, terms=terms)


def corpus_of(text: str, definition: str = "definition", variant: str = "维护两个") -> Corpus:
    report = Report(entry=entry(), blocks=[Block(BlockKind.PARAGRAPH, text, 1, 1, anchor="p-0000000")])
    g = glossary(definition, variant)
    conc = concordance.build([report], g, TermMatcher.for_glossary(g))
    return Corpus([report], g, conc, {"r": resolve(report, [])}, TermMatcher.for_english(g))


def to_html(page: str) -> str:
    body = page.split("---\n", 2)[2] if page.startswith("---\n") else page
    return markdown.markdown(body, extensions=EXTENSIONS)


def seen(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def assert_safe(rendered: str) -> None:
    lowered = rendered.lower()
    assert "<script" not in lowered and "<img" not in lowered and 'href="javascript' not in lowered
    assert not re.search(r"<[a-z][^>]*\son\w+=", re.sub(r'"[^"]*"', '""', lowered))  # no event handler in a tag


@settings(max_examples=120, deadline=None, derandomize=True)
@given(TEXT)
def test_source_paragraph_is_shown_literally(text):
    for edition in (ZH, EN, ZH_HANT):
        site = build_site(corpus_of(text), edition)
        rendered = to_html(site.pages["reports/r/index.md"])
        assert_safe(rendered)
        paragraph = re.search(r'<p id="p-0000000"[^>]*>(.*?)<a class="para-link"', rendered, re.S)
        assert paragraph, rendered
        if edition is not ZH_HANT:  # the Traditional edition shows the converted characters
            assert seen(paragraph.group(1)) == text


@settings(max_examples=80, deadline=None, derandomize=True)
@given(TEXT, TEXT)
def test_glossary_definition_and_variant_are_shown_literally(definition, variant):
    text = f"做到两个维护，{variant}。"
    site = build_site(corpus_of(text, definition, variant), ZH)
    term_page = to_html(site.pages["glossary/liang-ge-wei-hu/index.md"])
    assert_safe(term_page)
    dd = re.search(r'<dt>释义 · Definition</dt>\s*<dd class="term-definition">(.*?)</dd>', term_page, re.S)
    assert seen(dd.group(1)) == definition
    report = to_html(site.pages["reports/r/index.md"])
    assert_safe(report)
    titles = [html.unescape(t) for t in
              re.findall(r'<a class="term"[^>]* data-tip="([^"]*)" data-term="liang-ge-wei-hu"', report)]
    expected = tooltip(site.corpus.glossary["liang-ge-wei-hu"])
    assert titles and all(t == expected for t in titles)
    paragraph = re.search(r'<p id="p-0000000"[^>]*>(.*?)<a class="para-link"', report, re.S)
    assert seen(paragraph.group(1)) == text
    if variant not in ("两个维护", "一黑二白"):
        forms = re.search(r"<dt>其他写法 · Other forms</dt>\s*<dd>(.*?)</dd>", term_page, re.S)
        assert seen(forms.group(1)) == variant
