"""glossary.yaml: strict validation (one test per error), matching, candidates, concordance."""
from __future__ import annotations

import textwrap

import pytest
from conftest import ROOT

from builder.errors import SourceError
from builder.glossary import candidates, concordance
from builder.glossary.matcher import TermMatcher
from builder.glossary.model import load_glossary, make_pinyin

BASE = """\
categories:
  party: {zh: 党建, en: Party}
  economy: {zh: 经济, en: Economy}
terms:
  - id: si-ge-yi-shi
    term: 四个意识
    en: Four Consciousnesses
    definition: Political integrity, thinking in big-picture terms, following the core, keeping in line.
    definition_zh: 政治意识、大局意识、核心意识、看齐意识。
    expansion: 政治意识、大局意识、核心意识、看齐意识
    level: national
    category: party
    related: [liang-ge-wei-hu]
    evidence:
      - source: CPC Central Committee Politburo meeting, 29 January 2016
  - id: liang-ge-wei-hu
    term: 两个维护
    en: Two Upholds
    definition: Uphold the core status of the General Secretary and the Party Central Committee's authority.
    definition_zh: >-
      坚决维护核心地位，
      坚决维护党中央权威。
    level: national
    category: party
    evidence:
      - source: 19th CPC Central Committee (2018)
ignore:
  - text: 笼子
    reason: figurative
"""


def write(tmp_path, text: str):
    path = tmp_path / "glossary.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def error_of(tmp_path, text: str) -> SourceError:
    with pytest.raises(SourceError) as info:
        load_glossary(write(tmp_path, text))
    return info.value


def line_of(text: str, needle: str) -> int:
    """The line of the needle's last occurrence: a repeat is reported where it repeats."""
    return [i for i, line in enumerate(text.splitlines(), 1) if needle in line][-1]


def test_valid_glossary_loads_with_generated_pinyin(tmp_path):
    g = load_glossary(write(tmp_path, BASE))
    assert [t.id for t in g] == ["si-ge-yi-shi", "liang-ge-wei-hu"]
    assert g["liang-ge-wei-hu"].pinyin == "liǎng gè wéi hù"
    assert g["si-ge-yi-shi"].related == ("liang-ge-wei-hu",)
    assert "笼子" in g.ignored


@pytest.mark.parametrize("variants", [
    "['Water Determines Cities, Land, Population and Industry']",
    "[\"One Belt, One Road\", 'Leaders'' Dashboard']",
    "\n      - Delegate, Regulate, Serve Reform\n      - Run at Most Once",
    "['AI+', 'Tianhe-2', 'Fenjiu Liquor']",
    "[Lüliang’s Models]",
])
def test_english_forms_that_are_names_load(tmp_path, variants):
    text = BASE.replace("    en: Two Upholds\n", f"    en: Two Upholds\n    en_variants: {variants}\n")
    names = load_glossary(write(tmp_path, text))["liang-ge-wei-hu"].en_variants
    assert all("," in n or " " in n or not n.islower() for n in names) and len(names) >= 1


def test_a_folded_chinese_definition_is_joined_without_spaces(tmp_path):
    g = load_glossary(write(tmp_path, BASE))
    assert g["liang-ge-wei-hu"].definition_zh == "坚决维护核心地位，坚决维护党中央权威。"


def test_pinyin_can_be_overridden_and_keeps_digits():
    assert make_pinyin("1+7+N") == "1+7+N"
    assert make_pinyin("双五") == "shuāng wǔ"


@pytest.mark.parametrize("mutation, needle, message", [
    (lambda t: t.replace("    en: Two Upholds\n", "    en: Two Upholds\n    colour: red\n"),
     "colour: red", "unknown field 'colour'"),
    (lambda t: t.replace("  - id: liang-ge-wei-hu", "  - id: si-ge-yi-shi"),
     "  - id: si-ge-yi-shi", "duplicate id"),
    (lambda t: t.replace("    term: 两个维护", "    term: 四个意识"),
     "    term: 四个意识", "already the term of 'si-ge-yi-shi'"),
    (lambda t: t.replace("    term: 两个维护", "    term: 两个维护\n    variants: [四个意识]"),
     "variants: [四个意识]", "already the term of 'si-ge-yi-shi'"),
    (lambda t: t.replace("    level: national\n    category: party\n    evidence:\n      - source: 19th",
                         "    level: national\n    category: party\n    evidence:\n      - source: 19th")
     .replace("    definition: Uphold", "    definitio: Uphold"),
     "definitio:", "unknown field 'definitio'"),
    (lambda t: t.replace("    definition: Uphold the core status of the General Secretary and the Party "
                         "Central Committee's authority.\n", ""),
     "  - id: liang-ge-wei-hu", "missing required field 'definition'"),
    (lambda t: t.replace("    definition_zh: 政治意识、大局意识、核心意识、看齐意识。\n", ""),
     "  - id: si-ge-yi-shi", "missing required field 'definition_zh'"),
    (lambda t: t.replace("definition_zh: 政治意识、大局意识、核心意识、看齐意识。",
                         "definition_zh: Political and big-picture awareness."),
     "definition_zh: Political", "must be written in Chinese"),
    (lambda t: t.replace("definition_zh: 政治意识、大局意识、核心意识、看齐意识。",
                         "definition_zh: 政治意识、大局意识（political awareness）。"),
     "definition_zh: 政治意识", "without English ('political')"),
    (lambda t: t.replace("definition_zh: 政治意识、大局意识、核心意识、看齐意识。", "definition_zh: ''"),
     "definition_zh: ''", "must be non-empty text"),
    (lambda t: t.replace("level: national\n    category: party\n    evidence:\n      - source: 19th",
                         "level: county\n    category: party\n    evidence:\n      - source: 19th"),
     "level: county", "field 'level' must be one of"),
    (lambda t: t.replace("    category: party\n    related", "    category: culture\n    related"),
     "category: culture", "names no category"),
    (lambda t: t.replace("related: [liang-ge-wei-hu]", "related: [wu-ge-yi]"),
     "related: [wu-ge-yi]", "unknown term 'wu-ge-yi'"),
    (lambda t: t.replace("  - id: liang-ge-wei-hu", "  - id: Liang_Ge"),
     "  - id: Liang_Ge", "lowercase slug"),
    (lambda t: t.replace("      - source: 19th CPC Central Committee (2018)", "      - source: ''"),
     "      - source: ''", "must be non-empty text"),
    (lambda t: t.replace("      - source: 19th CPC Central Committee (2018)",
                         "      - report: 2023-government-work-report"),
     "      - report: 2023", "missing required field 'quote'"),
    (lambda t: t.replace("    en: Two Upholds", "    en: four consciousnesses"),
     "    en: four consciousnesses", "English name 'four consciousnesses' is already used"),
    (lambda t: t.replace("  - text: 笼子\n    reason: figurative\n",
                         "  - text: 笼子\n    reason: figurative\n  - text: 笼子\n    reason: again\n"),
     "  - text: 笼子", "listed twice"),
    (lambda t: t.replace("  - text: 笼子", "  - text: 两个维护"),
     "  - text: 两个维护", "is a form of term 'liang-ge-wei-hu'"),
    (lambda t: t.replace("    term: 两个维护", "    term: 两个维护\n    match: sometimes"),
     "match: sometimes", "field 'match' must be one of"),
    (lambda t: t.replace("    term: 两个维护", "    term: 两个维护\n    former_ids: [si-ge-yi-shi]"),
     "former_ids: [si-ge-yi-shi]", "is the id of a current term"),
    (lambda t: t.replace("terms:", "termz:"), "termz:", "unknown top-level key 'termz'"),
    # English forms the English edition could not mark safely
    (lambda t: t.replace("    en: Two Upholds\n",
                         "    en: Two Upholds\n    en_variants: [Water Determines Cities, Land, Population and Industry]\n"),
     "en_variants: [Water", "is a [flow, list] of 3 names"),
    (lambda t: t.replace("    en: Two Upholds\n", "    en: Two Upholds\n    en_variants: [Two Safeguards, Land]\n"),
     "en_variants: [Two", "is a [flow, list] of 2 names"),
    (lambda t: t.replace("    en: Two Upholds\n", "    en: Two Upholds\n    en_variants:\n      - Two Safeguards\n      - Land\n"),
     "    en_variants:", "English name 'Land' is a single word"),
    (lambda t: t.replace("    en: Two Upholds\n", "    en: Xinghuacun\n"),
     "    en: Xinghuacun", "English name 'Xinghuacun' is a single word"),
    (lambda t: t.replace("    en: Two Upholds\n", "    en: Two Upholds\n    en_variants: [belt-tightening]\n"),
     "en_variants: [belt", "English name 'belt-tightening' is a single word"),
])
def test_each_validation_error_names_file_line_and_field(tmp_path, mutation, needle, message):
    text = mutation(BASE)
    assert text != BASE, "the mutation must change the glossary"
    err = error_of(tmp_path, text)
    assert message in err.message
    assert err.line == line_of(text, needle)
    assert str(err).startswith(f"{tmp_path / 'glossary.yaml'}:{err.line}: ")
    assert "\n" not in str(err)


def test_malformed_yaml_is_one_line_with_its_line(tmp_path):
    text = BASE.replace("    en: Two Upholds", "    en: [Two Upholds")
    err = error_of(tmp_path, text)
    assert "malformed YAML" in err.message and err.line is not None


def test_duplicate_yaml_key_is_an_error(tmp_path):
    text = BASE.replace("    en: Two Upholds", "    en: Two Upholds\n    en: Again")
    err = error_of(tmp_path, text)
    assert "duplicate key 'en'" in err.message and err.line == line_of(text, "en: Again")


# --- matching -----------------------------------------------------------------------------

def matcher(*forms, quoted=()):
    return TermMatcher({f: f"t{i}" for i, f in enumerate(forms)}, frozenset(quoted))


def test_marks_terms_without_word_boundaries():
    # The sentence Python-Markdown's abbr fails on (see ../shared/NOTES.md).
    text = "深入学习贯彻党的二十大精神，增强“四个意识”、做到两个维护，以“985”重点产业链为抓手"
    found = [m.form for m in matcher("二十大", "四个意识", "两个维护", "985").find(text)]
    assert found == ["二十大", "四个意识", "两个维护", "985"]


def test_longest_form_wins_and_matches_do_not_overlap():
    m = matcher("两个", "两个维护", "维护")
    assert [x.form for x in m.find("做到两个维护和两个确立")] == ["两个维护", "两个"]


def test_metacharacters_are_literal():
    m = matcher("1+7+N", "5G+", "(x)", "a.b")
    assert [x.form for x in m.find("构建1+7+N体系，5G+应用，(x)与a.b，11+7+N不算，aXb")] == ["1+7+N", "5G+", "(x)", "a.b"]


def test_digit_terms_do_not_cut_into_longer_numbers():
    m = matcher("985", "13710")
    assert [x.form for x in m.find("“985”工程，19851年，137100，13710机制")] == ["985", "13710"]


def test_quoted_only_forms():
    m = matcher("两人", quoted=("两人",))
    assert [x.start for x in m.find("两人一组，培育“两人”")] == [8]


def test_english_names_of_quoted_only_terms_are_marked_only_inside_quotes(tmp_path):
    text = BASE.replace("    term: 两个维护\n", "    term: 两个维护\n    match: quoted\n")
    english = TermMatcher.for_english(load_glossary(write(tmp_path, text)))
    sentence = ("Two Upholds alone, the “Two Upholds”, \"two upholds\", ‘Two Upholds’, "
                "the Two Upholds Fund and “Four Consciousnesses” and Four Consciousnesses")
    found = [(sentence[m.start - 1], m.form) for m in english.find(sentence)]
    assert found == [("“", "Two Upholds"), ('"', "two upholds"), ("‘", "Two Upholds"),
                     ("“", "Four Consciousnesses"), (" ", "Four Consciousnesses")]


# --- the real glossary ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def glossary():
    return load_glossary(ROOT / "glossary.yaml")


@pytest.fixture(scope="module")
def conc(corpus, glossary):
    return concordance.build(list(corpus.values()), glossary)


def test_every_term_has_an_english_and_a_chinese_definition(glossary):
    from builder.glossary.model import HAN_RE, LATIN_WORD_RE

    assert len(glossary) >= 259
    for term in glossary:
        assert term.definition.strip() and term.definition_zh.strip(), term.id
        assert HAN_RE.search(term.definition_zh) and not LATIN_WORD_RE.search(term.definition_zh), term.id
        assert " " not in term.definition_zh, term.id  # Chinese text has no spaces


def test_the_glossary_validates_and_every_evidence_quote_resolves(glossary, conc):
    for term in glossary:
        quotes = [e for e in term.evidence if e.report]
        assert len(conc.evidence.get(term.id, [])) == len(quotes)


def test_concordance_equals_a_plain_substring_count(corpus, glossary, conc):
    """Every place a term's form stands in the text is in its concordance, and nothing else.

    For forms no other form contains or is contained in, that is ``str.count``; for the rest, a
    second, independent matcher (one regular expression, longest alternatives first) decides.
    """
    import re

    reports = list(corpus.values())
    forms = {f: t for t in glossary for f in t.forms}
    alone = {f for f in forms if not any(f != g and (f in g or g in f) for g in forms)}
    ordered = sorted(forms, key=len, reverse=True)
    def pattern(f):
        core = re.escape(f)
        if forms[f].match == "quoted":
            core = f"(?<=“){core}(?=”)"
        if f[0].isascii() and f[0].isalnum():
            core = f"(?<![A-Za-z0-9]){core}"
        if f[-1].isascii() and f[-1].isalnum():
            core = f"{core}(?![A-Za-z0-9])"
        return core
    regex = re.compile("|".join(pattern(f) for f in ordered))
    for term in glossary:
        expected = 0
        for report in reports:
            for block in report.blocks:
                if all(f in alone for f in term.forms) and term.match == "anywhere" and not any(
                        f[0].isascii() or f[-1].isascii() for f in term.forms):
                    expected += sum(block.text.count(f) for f in term.forms)
                else:
                    expected += sum(1 for m in regex.finditer(block.text) if forms[m.group()] is term)
        assert len(conc.occurrences.get(term.id, [])) == expected, term.id
    assert sum(len(v) for v in conc.occurrences.values()) > 0


def test_the_glossary_covers_every_candidate(corpus, glossary, conc):
    """Done when: the check command reports zero uncovered candidates."""
    reports = list(corpus.values())
    missing = candidates.uncovered(reports, glossary, conc.matches)
    assert missing == {}, sorted(missing)
    assert candidates.unused_ignores(reports, glossary) == []


def test_candidate_finder_finds_the_issue_examples(corpus):
    found = {c.text for c in candidates.find(list(corpus.values()))}
    for text in ("四个意识", "1+7+N", "13710", "三化三制", "两业", "三大攻坚战", "五水同治", "二十大"):
        assert text in found, text


def test_terms_command_reports_uncovered_candidates(tmp_path, capsys):
    from builder.adapters.cli import main

    assert main(["--manifest", str(ROOT / "source_texts/manifest.yaml"), "--glossary", str(ROOT / "glossary.yaml"),
                 "terms"]) == 0
    assert "0 uncovered candidates" in capsys.readouterr().out
    text = (ROOT / "glossary.yaml").read_text(encoding="utf-8")
    # Drop the ignore entry for a figure of speech: it becomes an uncovered candidate.
    broken = tmp_path / "glossary.yaml"
    broken.write_text(text.replace("- text: 笼子\n", "- text: 笼子x\n"), encoding="utf-8")
    assert main(["--manifest", str(ROOT / "source_texts/manifest.yaml"), "--glossary", str(broken), "terms"]) == 1
    out = capsys.readouterr().out
    assert "uncovered\t笼子\tquoted" in out and "stale ignore\t笼子x" in out
