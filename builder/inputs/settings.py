"""The corpus settings: what makes a site the site of one place's reports.

The builder knows no city. Everything that names the place, its levels of government, the kinds
of report it publishes and how its glossary is cited is read from the ``corpus:`` section of the
builder's entry in ``mkdocs.yml`` (see docs/about.md, "Adding a report" and "Another city"); for
an invented city::

    plugins:
      - lvliang-reports:
          corpus:
            region: {zh: 青岚市, en: Qinglan}          # the place the reports are about
            publisher: 青岚市政府工作报告 · Qinglan Work Reports   # optional; default: site_name
            glossary_title: {zh: 青岚市政府工作报告政策术语表, en: "Qinglan Work Reports: Policy Glossary"}
            citation_key: qinglan-glossary           # BibTeX/CSL key prefix of a term citation
            levels:                                  # a glossary term's `level`, in this order
              national: {zh: 国家, en: National}
              provincial: {zh: 某某省, en: Provincial}
              municipal: {zh: 青岚市, en: Municipal (Qinglan)}
              county: {zh: 县（市、区）, en: County}
            kinds:                                   # a manifest entry's `kind`
              government-work-report: {zh: 政府工作报告, en: Government work report}

A key left out keeps its default below (generic names, no place). Every problem is a
SourceError naming mkdocs.yml, the key path and the line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from builder.errors import SourceError

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

DEFAULT_LEVELS: dict[str, tuple[str, str]] = {
    "national": ("国家", "National"),
    "provincial": ("省级", "Provincial"),
    "municipal": ("市级", "Municipal"),
}
DEFAULT_KINDS: dict[str, tuple[str, str]] = {
    "government-work-report": ("政府工作报告", "Government work report"),
    "party-congress-report": ("党代会报告", "Party congress report"),
    "summary": ("政府工作报告摘要", "Government work report (summary)"),
}
KEYS = {"region", "publisher", "glossary_title", "citation_key", "levels", "kinds"}


@dataclass(frozen=True)
class CorpusSettings:
    """The place-specific words of one site; the defaults name no place."""

    region: dict = field(default_factory=lambda: {"zh": "", "en": ""})
    """The place the reports are about, {zh, en}; in the data exports."""
    publisher: str = ""
    """Who publishes the site, as citations name it; empty: the site's name."""
    glossary_title: dict = field(default_factory=lambda: {"zh": "政策术语表", "en": "Policy Glossary"})
    """The glossary's title as citations give it (the container of a term entry), {zh, en}."""
    citation_key: str = "glossary"
    """Prefix of a term's BibTeX and CSL-JSON key: ``<citation_key>-<term id>``."""
    levels: dict = field(default_factory=lambda: dict(DEFAULT_LEVELS))
    """A glossary term's ``level``: id -> (zh label, en label), in display order."""
    kinds: dict = field(default_factory=lambda: dict(DEFAULT_KINDS))
    """A manifest entry's ``kind``: id -> (zh label, en label)."""

    def level_label(self, level: str) -> dict:
        zh, en = self.levels[level]
        return {"zh": zh, "en": en}

    def kind_label(self, kind: str) -> dict:
        zh, en = self.kinds[kind]
        return {"zh": zh, "en": en}


DEFAULT = CorpusSettings()


def _line(raw, key) -> int | None:
    line_of = getattr(raw, "line_of", None)
    return line_of(key) if line_of else None


def _bilingual(value, where: str, path, line) -> dict:
    if not isinstance(value, dict) or set(value) != {"zh", "en"} or not all(
            isinstance(v, str) and v.strip() for v in value.values()):
        raise SourceError(path, f"{where} must have exactly 'zh' and 'en', both non-empty text", line)
    return {"zh": value["zh"].strip(), "en": value["en"].strip()}


def _labels(raw, where: str, path, line) -> dict[str, tuple[str, str]]:
    if not isinstance(raw, dict) or not raw:
        raise SourceError(path, f"{where} must map ids to {{zh, en}} labels", line)
    out = {}
    for key, value in raw.items():
        if not isinstance(key, str) or not SLUG_RE.match(key):
            raise SourceError(path, f"{where}: '{key}' must be a lowercase slug (a-z, 0-9, -)", _line(raw, key) or line)
        label = _bilingual(value, f"{where}.{key}", path, _line(raw, key) or line)
        out[key] = (label["zh"], label["en"])
    return out


def parse(raw, path, line: int | None = None, prefix: str = "corpus") -> CorpusSettings:
    """The settings of a ``corpus:`` mapping (None: the defaults); ``path`` is the file named in
    errors, ``prefix`` the key path shown."""
    if raw is None:
        return DEFAULT
    if not isinstance(raw, dict):
        raise SourceError(path, f"{prefix} must be a mapping", line)
    unknown = sorted(set(raw) - KEYS)
    if unknown:
        raise SourceError(path, f"unknown key '{prefix}.{unknown[0]}' (known: {', '.join(sorted(KEYS))})",
                          _line(raw, unknown[0]) or line)
    values: dict = {}
    for key in ("region", "glossary_title"):
        if key in raw:
            values[key] = _bilingual(raw[key], f"{prefix}.{key}", path, _line(raw, key) or line)
    for key in ("publisher", "citation_key"):
        if key in raw:
            value = raw[key]
            if not isinstance(value, str) or not value.strip():
                raise SourceError(path, f"{prefix}.{key} must be non-empty text", _line(raw, key) or line)
            values[key] = value.strip()
    if "citation_key" in values and not SLUG_RE.match(values["citation_key"]):
        raise SourceError(path, f"{prefix}.citation_key must be a lowercase slug (a-z, 0-9, -)",
                          _line(raw, "citation_key") or line)
    for key in ("levels", "kinds"):
        if key in raw:
            values[key] = _labels(raw[key], f"{prefix}.{key}", path, _line(raw, key) or line)
    return CorpusSettings(**values)
