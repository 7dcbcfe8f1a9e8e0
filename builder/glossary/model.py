"""The policy glossary: terms, their forms, meanings and evidence, read strictly from YAML.

Schema (see docs/about.md for the editor's version)::

    categories:                 # id -> bilingual label; terms are grouped by these
      party: {zh: 党的建设, en: Party building}
    terms:
      - id: yi-hei-er-bai        # stable URL slug, never derived from position, never changed
        former_ids: []           # ids this term was published under; they keep redirecting
        term: 一黑二白            # Chinese form as the reports write it
        variants: []             # other Chinese forms marked as this term
        pinyin: yī hēi èr bái    # optional: generated with pypinyin when absent
        en: One Black, Two Whites
        en_variants: []          # other English forms (for the English edition); several: quote
                                 # each or write one per line (English names hold commas). No
                                 # single ordinary word ("Land"): see builder/glossary/english.py
        definition: ...          # English, one or two sentences
        definition_zh: ...       # the same in Chinese (释义), from the same evidence; no English
        expansion: 煤、铝、酒     # optional: the Chinese expansion, only from evidence
        level: municipal         # national | provincial | municipal
        category: industry
        related: [liang-da-san-xin]
        match: anywhere          # or 'quoted': mark only inside “…” (for forms like 两人 that
                                 # are also ordinary words)
        evidence:                # at least one; a report quote or a public source
          - report: 2023-government-work-report
            quote: 煤、铝、酒“一黑二白”传统产业
          - source: Report to the 19th CPC National Congress (2017)
    ignore:                      # candidates that are not glossary terms, each with a reason
      - text: 笼子
        reason: figurative (“制度的笼子”), not a term

Every problem is a SourceError naming the file, the line and the field.
"""
from __future__ import annotations

import pickle
import re
from dataclasses import dataclass, field
from pathlib import Path

from builder import memory
from builder.errors import SourceError
from builder.glossary.english import flow_list_problem, single_word_problem
from builder.inputs.settings import DEFAULT_LEVELS
from builder.inputs.yamlfile import LinedDict, load_yaml
from builder.pickling import fast_pickle

LEVELS = DEFAULT_LEVELS
"""Generic level names; a site names its own (``corpus.levels`` in mkdocs.yml, passed to
``load_glossary``), which the build validates against and the pages show."""
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
HAN_RE = re.compile(r"[\u4e00-\u9fff]")
LATIN_WORD_RE = re.compile(r"[A-Za-z]{4,}")
"""An English word in Chinese prose; shorter Latin runs are abbreviations the reports use
(5G, AI, APP, LNG) or parts of term forms (1+7+N)."""

TERM_REQUIRED = ("id", "term", "en", "definition", "definition_zh", "level", "category", "evidence")
TERM_OPTIONAL = ("former_ids", "variants", "pinyin", "en_variants", "expansion", "related", "note", "match")
MATCH_MODES = ("anywhere", "quoted")
EVIDENCE_KEYS = {"report", "quote", "source"}
TOP_KEYS = {"categories", "terms", "ignore"}


@fast_pickle
@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a term's meaning comes from: a quote in one of the reports, or a public source."""

    report: str = ""
    quote: str = ""
    source: str = ""
    line: int = 0
    """Line in glossary.yaml, so a quote that no longer matches the text can be pointed at."""


@fast_pickle
@dataclass(frozen=True, slots=True)
class Category:
    id: str
    zh: str
    en: str


@fast_pickle
@dataclass(frozen=True, slots=True)
class Term:
    id: str
    term: str
    en: str
    definition: str
    """English, for the English edition."""
    level: str
    category: str
    evidence: tuple[Evidence, ...]
    pinyin: str
    variants: tuple[str, ...] = ()
    en_variants: tuple[str, ...] = ()
    expansion: str = ""
    related: tuple[str, ...] = ()
    former_ids: tuple[str, ...] = ()
    note: str = ""
    match: str = "anywhere"
    definition_zh: str = ""
    """Chinese (释义), for the Chinese editions: what the same evidence establishes."""
    line: int = 0

    @property
    def forms(self) -> tuple[str, ...]:
        """Every Chinese form marked in the text as this term."""
        return (self.term, *self.variants)

    @property
    def sort_key(self) -> tuple:
        """Pinyin order without tones first, then with tones, then the characters."""
        return (_toneless(self.pinyin), self.pinyin, self.term)


@fast_pickle
@dataclass(frozen=True, slots=True)
class Ignored:
    text: str
    reason: str
    line: int = 0


@dataclass
class Glossary:
    path: Path
    categories: dict[str, Category] = field(default_factory=dict)
    terms: list[Term] = field(default_factory=list)
    ignored: dict[str, Ignored] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_id = {t.id: t for t in self.terms}

    def __getitem__(self, term_id: str) -> Term:
        return self._by_id[term_id]

    def __iter__(self):
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    @property
    def redirects(self) -> dict[str, str]:
        """Former id -> current id."""
        return {old: t.id for t in self.terms for old in t.former_ids}


def _toneless(pinyin: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", pinyin.replace("ü", "v"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def make_pinyin(text: str) -> str:
    """Hanyu pinyin with tone marks, one syllable per character; digits and Latin kept."""
    from pypinyin import Style, lazy_pinyin

    syllables = " ".join(s for s in lazy_pinyin(text, style=Style.TONE, errors=lambda chars: [chars])
                         if s.strip())
    return syllables.replace(" 、 ", ", ").replace(" ， ", ", ").replace(" · ", " · ")


class _Reader:
    """Reads one glossary file; every check raises a SourceError with the line and the field."""

    def __init__(self, path: Path, levels: dict | None = None):
        self.path = path
        self.levels = levels or LEVELS
        self.lines: list[str] = []
        """The file's source lines, for checks YAML's data cannot answer (how a list was written)."""

    def fail(self, message: str, line: int | None):
        raise SourceError(self.path, message, line)

    def text(self, raw: LinedDict, key: str, where: str, required: bool = True) -> str:
        if key not in raw:
            if required:
                self.fail(f"{where}: missing required field '{key}'", raw.line)
            return ""
        value = raw[key]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)  # 985, 13710: numbers are terms too
        if not isinstance(value, str) or not value.strip():
            self.fail(f"{where}: field '{key}' must be non-empty text", raw.line_of(key))
        if "\n" in value.strip() and key not in ("definition", "note", "quote", "source", "reason"):
            self.fail(f"{where}: field '{key}' must be one line", raw.line_of(key))
        return " ".join(value.split()) if key in ("definition", "note", "source", "reason") else value.strip()

    def chinese(self, raw: LinedDict, key: str, where: str) -> str:
        """Chinese prose: the lines of a folded (``>-``) value are joined without spaces, since
        Chinese text has none (the site's spacing convention); English words are refused, so
        the Chinese editions never explain a term in English."""
        if key not in raw:
            return ""
        value = raw[key]
        if not isinstance(value, str) or not value.strip():
            self.fail(f"{where}: field '{key}' must be non-empty text", raw.line_of(key))
        text = "".join(value.split())
        if not HAN_RE.search(text):
            self.fail(f"{where}: field '{key}' must be written in Chinese", raw.line_of(key))
        english = LATIN_WORD_RE.search(value)
        if english:
            self.fail(f"{where}: field '{key}' must be written in Chinese, without English "
                      f"('{english.group()}')", raw.line_of(key))
        return text

    def texts(self, raw: LinedDict, key: str, where: str) -> tuple[str, ...]:
        value = raw.get(key, [])
        if value is None:
            value = []
        if not isinstance(value, list):
            self.fail(f"{where}: field '{key}' must be a list", raw.line_of(key))
        out = []
        for item in value:
            if isinstance(item, int) and not isinstance(item, bool):
                item = str(item)
            if not isinstance(item, str) or not item.strip():
                self.fail(f"{where}: every item of '{key}' must be non-empty text", raw.line_of(key))
            if item.strip() in out:
                self.fail(f"{where}: '{item.strip()}' is listed twice in '{key}'", raw.line_of(key))
            out.append(item.strip())
        return tuple(out)

    def mapping(self, raw, what: str, line: int) -> LinedDict:
        if not isinstance(raw, LinedDict):
            self.fail(f"each {what} must be a mapping", line)
        return raw

    def categories(self, data: LinedDict) -> dict[str, Category]:
        raw = data.get("categories")
        if not isinstance(raw, LinedDict) or not raw:
            self.fail("'categories' must map category ids to {zh, en} labels", data.line_of("categories"))
        out = {}
        for cid, label in raw.items():
            if not ID_RE.match(cid):
                self.fail(f"category id '{cid}' must be a lowercase slug", raw.line_of(cid))
            if not isinstance(label, LinedDict) or set(label) != {"zh", "en"}:
                self.fail(f"category '{cid}' must have exactly 'zh' and 'en'", raw.line_of(cid))
            out[cid] = Category(cid, self.text(label, "zh", f"category '{cid}'"),
                                self.text(label, "en", f"category '{cid}'"))
        return out

    def evidence(self, raw: LinedDict, where: str) -> tuple[Evidence, ...]:
        items = raw["evidence"]
        if not isinstance(items, list) or not items:
            self.fail(f"{where}: 'evidence' must list at least one report quote or source",
                      raw.line_of("evidence"))
        out = []
        for item in items:
            item = self.mapping(item, "evidence item", raw.line_of("evidence"))
            unknown = sorted(set(item) - EVIDENCE_KEYS)
            if unknown:
                self.fail(f"{where}: unknown evidence field '{unknown[0]}' (use report+quote or source)",
                          item.line_of(unknown[0]))
            if "source" in item:
                if set(item) != {"source"}:
                    self.fail(f"{where}: an evidence item is either report+quote or source, not both",
                              item.line)
                out.append(Evidence(source=self.text(item, "source", where), line=item.line))
            else:
                out.append(Evidence(report=self.text(item, "report", where),
                                    quote=self.text(item, "quote", where), line=item.line_of("quote")))
        return tuple(out)

    def term(self, raw: LinedDict, categories: dict[str, Category]) -> Term:
        where = f"term '{raw.get('id', '?')}'"
        unknown = sorted(set(raw) - set(TERM_REQUIRED) - set(TERM_OPTIONAL))
        if unknown:
            self.fail(f"{where}: unknown field '{unknown[0]}'", raw.line_of(unknown[0]))
        for key in TERM_REQUIRED:
            if key not in raw:
                self.fail(f"{where}: missing required field '{key}'", raw.line)
        tid = self.text(raw, "id", where)
        if not ID_RE.match(tid):
            self.fail(f"{where}: field 'id' must be a lowercase slug (a-z, 0-9, -)", raw.line_of("id"))
        level = self.text(raw, "level", where)
        if level not in self.levels:
            self.fail(f"{where}: field 'level' must be one of {', '.join(self.levels)}", raw.line_of("level"))
        category = self.text(raw, "category", where)
        if category not in categories:
            self.fail(f"{where}: field 'category' names no category in 'categories' ('{category}')",
                      raw.line_of("category"))
        term = self.text(raw, "term", where)
        pinyin = self.text(raw, "pinyin", where, required=False) or make_pinyin(term)
        match = self.text(raw, "match", where, required=False) or "anywhere"
        if match not in MATCH_MODES:
            self.fail(f"{where}: field 'match' must be one of {', '.join(MATCH_MODES)}", raw.line_of("match"))
        self.english_forms(raw, where)
        former = self.texts(raw, "former_ids", where)
        for old in former:
            if not ID_RE.match(old):
                self.fail(f"{where}: former id '{old}' must be a lowercase slug", raw.line_of("former_ids"))
        return Term(
            id=tid, term=term, en=self.text(raw, "en", where),
            definition=self.text(raw, "definition", where), level=level, category=category,
            evidence=self.evidence(raw, where), pinyin=pinyin,
            variants=self.texts(raw, "variants", where), en_variants=self.texts(raw, "en_variants", where),
            expansion=self.text(raw, "expansion", where, required=False),
            related=self.texts(raw, "related", where), former_ids=former,
            note=self.text(raw, "note", where, required=False), match=match,
            definition_zh=self.chinese(raw, "definition_zh", where), line=raw.line,
        )

    def english_forms(self, raw: LinedDict, where: str) -> None:
        """English names the English edition can mark safely (see builder/glossary/english.py)."""
        variants = self.texts(raw, "en_variants", where)
        if flow_list_problem(self.lines, raw.line_of("en_variants"), variants):
            self.fail(f"{where}: field 'en_variants' is a [flow, list] of {len(variants)} names; English names "
                      "can hold commas, so quote each name or write one per line", raw.line_of("en_variants"))
        for key, name in (("en", self.text(raw, "en", where)), *(("en_variants", v) for v in variants)):
            problem = single_word_problem(name)
            if problem:
                self.fail(f"{where}: English name '{name}' {problem}: the English edition would mark that word "
                          "wherever it stands; give the full name", raw.line_of(key))

    def ignored(self, data: LinedDict) -> dict[str, Ignored]:
        raw = data.get("ignore", []) or []
        if not isinstance(raw, list):
            self.fail("'ignore' must be a list of {text, reason}", data.line_of("ignore"))
        out: dict[str, Ignored] = {}
        for item in raw:
            item = self.mapping(item, "ignore entry", data.line_of("ignore"))
            unknown = sorted(set(item) - {"text", "reason"})
            if unknown:
                self.fail(f"ignore entry: unknown field '{unknown[0]}'", item.line_of(unknown[0]))
            text = self.text(item, "text", "ignore entry")
            reason = self.text(item, "reason", f"ignore entry '{text}'")
            if text in out:
                self.fail(f"ignore entry '{text}' is listed twice (first at line {out[text].line})",
                          item.line_of("text"))
            out[text] = Ignored(text, reason, item.line_of("text"))
        return out


def load_glossary(path: Path, levels: dict | None = None) -> Glossary:
    """Read and validate glossary.yaml; the first problem found is raised as a SourceError.

    While serving (``builder.memory``), a glossary read before from the same bytes comes back as
    a copy of what was read then: an edit to a source or a translation does not parse it again."""
    return memory.remembered_file(path, lambda: _read_glossary(path, levels), pickle.dumps(levels))


def _read_glossary(path: Path, levels: dict | None = None) -> Glossary:
    reader = _Reader(path, levels)
    data = load_yaml(path)
    reader.lines = path.read_text(encoding="utf-8").splitlines()
    if not isinstance(data, LinedDict):
        reader.fail("expected a mapping with 'categories' and 'terms'", 1)
    unknown = sorted(set(data) - TOP_KEYS)
    if unknown:
        reader.fail(f"unknown top-level key '{unknown[0]}'", data.line_of(unknown[0]))
    categories = reader.categories(data)
    if not isinstance(data.get("terms"), list):
        reader.fail("'terms' must be a list", data.line_of("terms"))
    terms: list[Term] = []
    ids: dict[str, Term] = {}
    forms: dict[str, tuple[Term, int]] = {}
    english: dict[str, Term] = {}
    for raw in data["terms"]:
        term = reader.term(reader.mapping(raw, "term", data.line_of("terms")), categories)
        if term.id in ids:
            reader.fail(f"term '{term.id}': duplicate id (first at line {ids[term.id].line})", raw.line_of("id"))
        ids[term.id] = term
        for key, values in (("term", (term.term,)), ("variants", term.variants)):
            for form in values:
                if form in forms:
                    other, _ = forms[form]
                    what = "term" if other.term == form else "variant"
                    reader.fail(f"term '{term.id}': field '{key}': '{form}' is already the {what} of "
                                f"'{other.id}' (line {other.line})", raw.line_of(key))
                forms[form] = (term, raw.line_of(key))
        for name in (term.en, *term.en_variants):
            key = name.casefold()
            if key in english and english[key] is not term:
                reader.fail(f"term '{term.id}': English name '{name}' is already used by "
                            f"'{english[key].id}' (line {english[key].line})",
                            raw.line_of("en" if name == term.en else "en_variants"))
            english[key] = term
        terms.append(term)
    for term in terms:
        where = data["terms"][terms.index(term)]
        for rel in term.related:
            if rel == term.id:
                reader.fail(f"term '{term.id}': field 'related' lists the term itself", where.line_of("related"))
            if rel not in ids:
                reader.fail(f"term '{term.id}': field 'related' names unknown term '{rel}'",
                            where.line_of("related"))
        for old in term.former_ids:
            if old in ids:
                reader.fail(f"term '{term.id}': former id '{old}' is the id of a current term",
                            where.line_of("former_ids"))
    seen_old: dict[str, str] = {}
    for term in terms:
        for old in term.former_ids:
            if old in seen_old:
                reader.fail(f"term '{term.id}': former id '{old}' is also claimed by '{seen_old[old]}'",
                            term.line)
            seen_old[old] = term.id
    ignored = reader.ignored(data)
    for text, item in ignored.items():
        if text in forms:
            reader.fail(f"ignore entry '{text}' is a form of term '{forms[text][0].id}'", item.line)
    return Glossary(path=path, categories=categories, terms=terms, ignored=ignored)
