"""Each edition explains terms in its own language, and the English edition links only names.

Library-level (pages made with builder.render.pages.build_edition, no engine): the Chinese
tooltips and term pages of the Simplified and Traditional editions are Chinese; the English
edition marks no lone word and honours ``match: quoted``; the glossary and the translation memory
use the official English names and one spelling convention (US, as official PRC English does).
"""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from builder.corpus import load
from builder.editions import EN, ZH, ZH_HANT
from builder.glossary.model import HAN_RE, LATIN_WORD_RE
from builder.render.annotate import ELLIPSIS_ZH, _short, _short_zh, tooltip
from builder.render.pages import SiteOptions, build_edition

MARK_RE = re.compile(r'<a class="term" href="[^"]*" data-tip="([^"]*)" data-term="([^"]+)">([^<]*)</a>')


@pytest.fixture(scope="module")
def corpus():
    return load(ROOT / "source_texts" / "manifest.yaml", ROOT / "glossary.yaml", ROOT / "translations")


@pytest.fixture(scope="module")
def sites(corpus):
    return {e.code: build_edition(corpus, e, SiteOptions()) for e in (ZH, EN, ZH_HANT)}


def marks(site):
    for path, page in site.pages.items():
        if path.startswith("reports/"):
            for tip, term_id, text in MARK_RE.findall(page.body):
                yield path, html.unescape(tip), term_id, html.unescape(text), page.body


# --- Chinese editions explain in Chinese ----------------------------------------------------

@pytest.mark.parametrize("code", ["zh", "zh-hant"])
def test_chinese_tooltips_on_chinese_pages_are_chinese(corpus, sites, code):
    edition = ZH if code == "zh" else ZH_HANT
    seen = 0
    for _, tip, term_id, _, _ in marks(sites[code]):
        term = corpus.glossary[term_id]
        definition = tip.split("\n")[-1]
        assert definition == edition.convert(_short_zh(term.definition_zh)), term_id
        assert HAN_RE.search(definition) and not LATIN_WORD_RE.search(definition), (term_id, definition)
        assert term.definition[:30] not in tip  # never the English definition
        seen += 1
    assert seen > 300


@pytest.mark.parametrize("code", ["zh", "zh-hant"])
def test_chinese_term_pages_show_the_chinese_definition(corpus, sites, code):
    edition = ZH if code == "zh" else ZH_HANT
    for term in corpus.glossary:
        page = sites[code].pages[f"glossary/{term.id}/index.md"]
        shown = re.search(r'<dt>[^<]*</dt>\s*<dd class="term-definition">(.*?)</dd>', page.body, re.S)
        assert html.unescape(shown.group(1)) == edition.convert(term.definition_zh), term.id
        assert term.definition not in html.unescape(page.body)
        assert page.meta["description"].startswith(html.escape(edition.convert(term.term)))


def test_the_english_edition_keeps_the_english_definition(corpus, sites):
    for term in corpus.glossary:
        page = sites["en"].pages[f"glossary/{term.id}/index.md"]
        shown = re.search(r'<dt>Definition</dt>\s*<dd class="term-definition">(.*?)</dd>', page.body, re.S)
        assert html.unescape(shown.group(1)) == term.definition, term.id
    for _, tip, term_id, _, _ in marks(sites["en"]):
        assert tip.split("\n")[-1] == _short(corpus.glossary[term_id].definition)


def test_tooltip_definitions_end_at_a_sentence_or_word_boundary(corpus):
    for term in corpus.glossary:
        zh = _short_zh(term.definition_zh)
        if zh != term.definition_zh:
            assert zh.endswith(("。", ELLIPSIS_ZH)), zh
            kept = zh.removesuffix(ELLIPSIS_ZH)
            assert term.definition_zh.startswith(kept)
            assert zh.endswith("。") or term.definition_zh[len(kept)] in "；，、", zh
        en = _short(term.definition)
        if en != term.definition:
            kept = en.removesuffix("…")
            assert term.definition.startswith(kept)
            assert term.definition[len(kept)] in " .,;:", (term.id, en)  # never inside a word
    # the example: cut between phrases, not "…the Party Constitution and rules and Xi…"
    assert not _short(corpus.glossary["liang-xue-yi-zuo"].definition).endswith("and Xi…")
    assert tooltip(corpus.glossary["yi-hei-er-bai"]).endswith(corpus.glossary["yi-hei-er-bai"].definition_zh)


# --- the English edition marks names, never a lone word ----------------------------------------

def test_no_english_term_mark_on_a_lone_word(corpus, sites):
    """Every mark in the English edition is a name: several words, or a form with a digit or a
    symbol (``AI+``, ``Tianhe-2``) that running text never uses as a word."""
    found = 0
    for path, _, term_id, text, _ in marks(sites["en"]):
        found += 1
        assert re.search(r"[\s\d+]", text) or not text.replace("-", "").isalpha(), (path, term_id, text)
        assert text.casefold() != "land"
    assert found > 300
    land = sum(1 for *_, term_id, text, _ in marks(sites["en"]) if term_id == "si-shui-si-ding")
    assert land == 1  # the “Four Water Determinations”, not the word "land" (21 marks before)


def test_english_marks_of_quoted_only_terms_stand_inside_quotes(corpus, sites):
    quoted = {t.id for t in corpus.glossary if t.match == "quoted"}
    checked = 0
    for path, _, term_id, text, body in marks(sites["en"]):
        if term_id in quoted:
            at = body.index(f'data-term="{term_id}">{html.escape(text, quote=False)}</a>')
            before = body[:at].rsplit("<a ", 1)[0][-1]
            assert before in "“\"‘", (path, term_id, text)
            checked += 1
    assert checked >= 20
    # “Lüliang Green” (吕梁绿, quoted-only) is not marked inside "Lüliang Green Development Fund"
    assert not any(term_id == "lv-liang-lv" and "Fund" in body[body.index(text):][:60]
                   for _, _, term_id, text, body in marks(sites["en"]))


# --- official names, faithful translations, one spelling ---------------------------------------

def english_texts():
    """Every English text the English edition shows from data: the glossary's English fields,
    the translation memory's translations and notes, and the hand-written English pages."""
    data = yaml.safe_load((ROOT / "glossary.yaml").read_text(encoding="utf-8"))
    for cid, label in data["categories"].items():
        yield f"glossary.yaml categories.{cid}", label["en"]
    for term in data["terms"]:
        for key in ("en", "definition", "note"):
            if isinstance(term.get(key), str):
                yield f"glossary.yaml {term['id']}.{key}", term[key]
        for name in term.get("en_variants") or []:
            yield f"glossary.yaml {term['id']}.en_variants", str(name)
        for item in term["evidence"]:
            if "source" in item:
                yield f"glossary.yaml {term['id']}.evidence", item["source"]
    for item in data.get("ignore") or []:
        yield "glossary.yaml ignore", item["reason"]
    for path in sorted((ROOT / "translations" / "en").glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["entries"]:
            for key in ("en", "note"):
                if entry.get(key):
                    yield f"{path.name} {entry['anchor']}.{key}", entry[key]
    for path in sorted((ROOT / "docs").glob("*.en.md")):
        # Inline code is what a reader types or a file holds (`revitalisation` as a search example).
        yield path.name, re.sub(r"`[^`]*`", "", path.read_text(encoding="utf-8"))


BRITISH = [
    r"\w{3,}is(?:e|es|ed|ing|ation|ations|able)",  # organise, revitalisation
    r"\w+our(?:s|ed|ing|able|ably)?",                # labour, favourable
    r"\w+tres?",                                      # centre, kilometres
    r"\w+ys(?:e|es|ed|ing)",                          # analyse
    r"\w+(?:ell|ll)(?:ed|ing)",                       # levelled, modelling (see the exceptions)
    r"aluminium|tonnes?|programmes?|fulfil|fulfils|fulfilment|enrolment|judgement|licences?|defence"
    r"|offence|practised?|liveable|ageing|grey|catalogue|enquir(?:y|ies)",
]
BRITISH_RE = re.compile(r"(?<![\w-])(?:" + "|".join(BRITISH) + r")(?![\w])|(?<=-)isations?(?!\w)", re.IGNORECASE)
US_EXCEPTIONS = set("""
arise arises arising exercise exercises exercised exercising enterprise enterprises devise devised
devises devising paradise praise praised praises precise premise premises promise promises promised
raise raised raises raising rise rises rising wise likewise otherwise supervise supervised supervises
supervising franchise expertise advertise compromise surprise surprised comprise comprised comprises
concise revise revised revising noise poise cruise liaise liaising treatise merchandise disguise
four hour hours our ours your yours tour tours pour detour contour flour sour devour concours
called calling controlled controlling falling fulfilled installed killing pulled pulling rolling
skilled spelled spelling filled filling backfilling drilled drilling enrolled compelled compelling
excelled excelling patrolled patrolling expelled propelled dwelling selling telling yelling
smelling swelling spilled stalled stalling recalled walled tolled polled polling
""".split())
"""Words the patterns catch that US spelling shares (rise, our, called) or proper names."""


def test_one_spelling_convention_us_english():
    british = sorted({(where, m.group()) for where, text in english_texts() for m in BRITISH_RE.finditer(text)
                      if m.group().lower() not in US_EXCEPTIONS})
    assert british == [], british[:20]


def test_the_spelling_check_catches_british_forms():
    for word in ("revitalisation", "organised", "Labour", "centres", "kilometre", "programme", "aluminium",
                 "modelling", "analyse", "favourable", "tonnes", "-isations"):
        assert BRITISH_RE.search(f"the {word} here") and word.lower().lstrip("-") not in US_EXCEPTIONS, word
    for word in ("revitalization", "organized", "labor", "centers", "kilometer", "program", "aluminum",
                 "modeling", "analyze", "favorable", "tons", "enterprise", "our", "called"):
        found = BRITISH_RE.search(f"the {word} here")
        assert not found or found.group().lower() in US_EXCEPTIONS, word


OFFICIAL = {  # term id: (official English name, names it replaced)
    "liang-ge-que-li": ("Two Establishments", ("Two Establishes",)),
    "liu-wen": ("Stability on Six Fronts", ("Six Stabilities",)),
    "fang-guan-fu": ("Streamline Administration, Delegate Power, Improve Regulation and Upgrade Services",
                     ("Delegate, Regulate, Serve Reform",)),
}


def test_official_english_names_in_the_glossary_and_the_translations(corpus):
    translations = "\n".join(text for where, text in english_texts() if not where.startswith("glossary"))
    for term_id, (name, old) in OFFICIAL.items():
        term = corpus.glossary[term_id]
        assert term.en == name
        assert set(old) <= set(term.en_variants)  # kept as other English forms
        assert name.casefold() in translations.casefold(), name
        for was in old:
            assert was not in translations, was


def test_translations_add_no_gloss_to_glossary_names(corpus):
    """A glossary name in running text is the name alone: what the Chinese does not say goes to
    a translator's note (the memory's ``note``)."""
    for term in corpus.glossary:
        for name in (term.en, *term.en_variants):
            assert "(" not in name, (term.id, name)
    text = "\n".join(t for where, t in english_texts() if where.endswith(".en"))
    for gloss in ("(Baishi Shi'an brand)", "(Two Ye)", "(Non-Core and Non-Advantageous)",
                  "(water resources determine", "(medical services, medical insurance",
                  "(equipment upgrades and consumer goods", "(energy-intensive and high-emission"):
        assert gloss not in text, gloss
    notes = "\n".join(t for where, t in english_texts() if where.endswith(".note"))
    assert "“Lüliang Shanzhu” (吕粮山猪" in notes and "Four Water Determinations" in notes


def test_the_glossary_exports_carry_both_definitions(corpus, sites):
    import csv
    import io
    import json

    data = json.loads(sites["zh"].files["glossary/glossary.json"])
    by_id = {t["id"]: t for t in data["terms"]}
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(sites["zh"].files["glossary/glossary.csv"]))}
    for term in corpus.glossary:
        assert by_id[term.id]["definition"] == term.definition
        assert by_id[term.id]["definition_zh"] == term.definition_zh
        assert rows[term.id]["definition_zh"] == term.definition_zh
    assert sites["en"].files["glossary/glossary.json"] == sites["zh"].files["glossary/glossary.json"]
