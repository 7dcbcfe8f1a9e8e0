"""A held-out query set for the site's search, with the expected reports computed from the
records (not from the index), and how an engine's answers score against it.

The queries are drawn with a fixed seed, so the set is the same on every run and was not looked
at while the engine was tuned:

- ``term``: every glossary term written in Chinese characters only;
- ``phrase``: Chinese character runs of 2–6 characters cut at random from report paragraphs
  (most are not terms, and many cross what a word segmenter would call word boundaries);
- ``simplified`` / ``traditional`` (Traditional edition): the same phrases typed in Simplified,
  and converted to Traditional (OpenCC s2tw), expected where the Simplified original has them;
- ``english``: English words and two-word phrases (quoted) from the translations, expected where
  a paragraph has the same words up to spelling and inflection (the same word keys);
- ``variant``: British spellings in the translations typed the American way (revitalization);
- ``pinyin``: each term's pinyin without tones, with tone marks, and run together
  (``liang ge wei hu``, ``liǎng gè wéi hù``, ``lianggeweihu``); the term's page must be found.

A report "contains" a Chinese query when its title, coverage note, paragraphs or editorial notes
hold it; an English one when its English title, coverage note or translated paragraphs hold the
same sequence of word keys. Scores count (query, report) pairs: recall is the share of the
expected pairs returned, precision the share of returned pairs expected.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from builder.pickling import fast_pickle
from builder.search.text import HAN_CLASS, LATIN_RE, STOP_WORDS, pinyin_key, word_key

HAN_RUN_RE = re.compile(f"[{HAN_CLASS}]{{2,}}")
BRITISH_RE = re.compile(r"\b([a-z]{3,}(?:isation|isations|ise|ised|ises|ising|our|ours|ourable|ogue|ogues)|"
                        r"[a-z]{2,}[bcdfghjklmnpqrstvwxz]re|[a-z]{2,}[ea]ll(?:ed|ing))\b")


@fast_pickle
@dataclass(frozen=True, slots=True)
class Query:
    text: str
    group: str
    edition: str
    expected: frozenset
    """Report ids whose text holds the query."""
    page: str = ""
    """For a pinyin query: the address of the term's page, which must be among the results."""


@dataclass
class Score:
    queries: int = 0
    expected: int = 0
    returned: int = 0
    correct: int = 0
    pages_found: int = 0
    """Pinyin: queries whose term page was found."""
    missed: list = field(default_factory=list)
    wrong: list = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.returned if self.returned else 1.0

    def as_dict(self) -> dict:
        return {"queries": self.queries, "pairs_expected": self.expected, "pairs_returned": self.returned,
                "pairs_correct": self.correct, "recall": round(self.recall, 4), "precision": round(self.precision, 4),
                "term_pages_found": self.pages_found}


def _keys(text: str) -> list[str]:
    """The word keys of an English text, stop words as None (they keep their place)."""
    out = []
    for m in LATIN_RE.finditer(text.lower()):
        key = word_key(m.group())
        out.append(None if m.group() in STOP_WORDS or key in STOP_WORDS else key)
    return out


def _holds_keys(haystack: list, needle: list) -> bool:
    n = len(needle)
    return any(haystack[i:i + n] == needle for i in range(len(haystack) - n + 1))


def report_texts(corpus) -> dict[str, dict[str, list[str]]]:
    """Per report: its Chinese texts and its English texts, as the pages show them."""
    out = {}
    for report in corpus.reports:
        entry = report.entry
        zh = [entry.title["zh"], entry.covers["zh"], *(b.text for b in report.blocks),
              *(n.text for n in report.notes)]
        memory = corpus.memories[report.id]
        en = [entry.title["en"], entry.covers["en"],
              *(memory.renderings[b.anchor].en for b in report.blocks if b.anchor in memory.renderings)]
        shown = [entry.title["zh"], *(b.text for b in report.blocks)]  # the Chinese on English pages
        out[report.id] = {"zh": zh, "en": [t for t in en if t], "zh_on_en": shown}
    return out


def query_set(corpus, seed: int = 16, phrases: int = 120, english: int = 60) -> list[Query]:
    from builder.editions import to_traditional
    from builder.render.urls import term_page, url_of

    rng = random.Random(seed)
    texts = report_texts(corpus)

    def zh_expected(q: str, side: str = "zh") -> frozenset:
        return frozenset(rid for rid, t in texts.items() if any(q in s for s in t[side]))

    en_keys = {rid: [_keys(s) for s in t["en"]] for rid, t in texts.items()}

    def en_expected(q: str) -> frozenset:
        needle = [k for k in _keys(q)]
        while needle and needle[0] is None:
            needle.pop(0)
        return frozenset(rid for rid, ks in en_keys.items() if any(_holds_keys(k, needle) for k in ks))

    queries: list[Query] = []
    terms = [t for t in corpus.glossary if all(HAN_RUN_RE.fullmatch(f) for f in t.forms)]
    for term in terms:
        queries.append(Query(term.term, "term", "zh", zh_expected(term.term)))
    runs = [m.group() for r in corpus.reports for b in r.blocks for m in HAN_RUN_RE.finditer(b.text)]
    sampled: list[str] = []
    while len(sampled) < phrases:
        run = rng.choice(runs)
        length = rng.randint(2, min(6, len(run)))
        start = rng.randint(0, len(run) - length)
        phrase = run[start:start + length]
        if phrase not in sampled:
            sampled.append(phrase)
    for phrase in sampled:
        expected = zh_expected(phrase)
        queries.append(Query(phrase, "phrase", "zh", expected))
        queries.append(Query(phrase, "simplified", "zh-hant", expected))
        queries.append(Query(to_traditional(phrase), "traditional", "zh-hant", expected))
        queries.append(Query(phrase, "chinese", "en", zh_expected(phrase, "zh_on_en")))
    words = [w for t in texts.values() for s in t["en"] for w in re.findall(r"[A-Za-z]{4,}", s)]
    pairs = [m.group(1) + " " + m.group(2) for t in texts.values() for s in t["en"]
             for m in re.finditer(r"\b([A-Za-z]{3,}) (?=([A-Za-z]{3,})\b)", s)
             if m.group(1).lower() not in STOP_WORDS and m.group(2).lower() not in STOP_WORDS]
    chosen: list[str] = []
    while len(chosen) < english:
        pick = rng.choice(words) if len(chosen) % 2 == 0 else '"' + rng.choice(pairs) + '"'
        if pick.lower().strip('"').split()[0] in STOP_WORDS or pick in chosen:
            continue
        chosen.append(pick)
    for q in chosen:
        queries.append(Query(q, "english", "en", en_expected(q.strip('"'))))
    british = sorted({m.group() for t in texts.values() for s in t["en"] for m in BRITISH_RE.finditer(s.lower())})
    for word in british:
        american = _american(word)
        if american != word:
            queries.append(Query(american, "variant", "en", en_expected(word)))
    for term in terms:
        spaced = pinyin_key_spaced(term.pinyin)
        page = url_of(term_page(term.id))
        for form in dict.fromkeys((spaced, term.pinyin, spaced.replace(" ", ""))):
            queries.append(Query(form, "pinyin", "zh", zh_expected(term.term), page))
            queries.append(Query(form, "pinyin", "en", zh_expected(term.term, "zh_on_en"), page))
    return queries


def pinyin_key_spaced(pinyin: str) -> str:
    """Pinyin as most readers type it: no tone marks, syllables apart (``liang ge wei hu``)."""
    from builder.search.text import plain

    return " ".join(re.sub(r"[^a-z]", "", plain(s)) for s in pinyin.split() if re.sub(r"[^a-z]", "", plain(s)))


def _american(word: str) -> str:
    for pattern, repl in ((r"isation", "ization"), (r"ise(s|d)?$", r"ize\1"), (r"ising$", "izing"),
                          (r"our(s|able)?$", r"or\1"), (r"ogue(s)?$", r"og\1"), (r"([^aeiou])re$", r"\1er"),
                          (r"([ea])ll(ed|ing)$", r"\1l\2")):
        changed = re.sub(pattern, repl, word)
        if changed != word:
            return changed
    return word


def score(queries: list[Query], answers: dict[tuple[str, str], dict], reports_of) -> dict[tuple[str, str], Score]:
    """Scores per (edition, group). ``answers[(edition, query text)]`` is the engine's answer:
    {"results": [addresses], "pinyin": [addresses]}; ``reports_of`` turns addresses into ids."""
    out: dict[tuple[str, str], Score] = {}
    for q in queries:
        answer = answers[(q.edition, q.text)]
        s = out.setdefault((q.edition, q.group), Score())
        s.queries += 1
        returned = reports_of(answer["results"])
        s.expected += len(q.expected)
        s.returned += len(returned)
        s.correct += len(returned & q.expected)
        if q.expected - returned:
            s.missed.append((q.text, sorted(q.expected - returned)))
        if returned - q.expected:
            s.wrong.append((q.text, sorted(returned - q.expected)))
        if q.page and (q.page in answer.get("pinyin", []) or q.page in answer["results"][:3]):
            s.pages_found += 1
    return out


__all__ = ["Query", "Score", "pinyin_key", "query_set", "report_texts", "score"]
