"""Search in the built site: a glossary term finds the reports that contain it, and only those."""
from __future__ import annotations

import re

import pytest
from search_emulation import SearchIndex

from builder.adapters.mkdocs.material import PatchError, patch_source
from builder.glossary.model import load_glossary

HAN_ONLY = re.compile(r"^[\u3400-\u9fff]+$")


@pytest.fixture(scope="module")
def index(built):
    project, _, _ = built
    return SearchIndex(project / "site" / "search" / "search_index.json")


def reports_found(index, query):
    return {loc.split("/")[1] for loc in index.search(query) if loc.startswith("reports/") and loc != "reports/"}


def test_separator_splits_on_jiebas_marks(built):
    project, _, _ = built
    text = (project / "site" / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "\\u200b" in text or "\u200b" in text  # jieba segmented the Chinese text
    index = SearchIndex(project / "site" / "search" / "search_index.json")
    assert "一黑二白" in index.tokens  # kept whole by the glossary's user dictionary
    assert not any("\u200b" in t for t in index.tokens)


def test_every_glossary_term_finds_exactly_the_reports_that_contain_it(built, index, corpus):
    project, _, _ = built
    glossary = load_glossary(project / "glossary.yaml")
    checked = 0
    wrong = []
    for term in glossary:
        if not all(HAN_ONLY.match(f) for f in term.forms) or term.match == "quoted":
            continue
        # A report page holds its blocks and its description from the manifest.
        holding = {r.id for r in corpus.values()
                   if any(f in text for text in [b.text for b in r.blocks] + [r.entry.covers["zh"], r.entry.title["zh"]]
                          for f in term.forms)}
        found = reports_found(index, term.term)
        if holding and found != holding:
            wrong.append((term.term, sorted(found ^ holding)))
        checked += 1
    assert checked >= 2
    assert wrong == []


def test_worker_patch_applies_to_materials_segmenter():
    js = "function fe(t,e){let r=new Set,n=new Uint16Array(t.length);for(let s=0;s<t.length;s++)for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s);"
    assert "o<=t.length" in patch_source(js)
    with pytest.raises(PatchError):
        patch_source("function other(){}")


def test_built_worker_carries_the_fix(built):
    project, _, _ = built
    workers = list((project / "site" / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    assert len(workers) == 1 and "o<=t.length;o++)t.slice(s,o)in" in workers[0].read_text(encoding="utf-8")
