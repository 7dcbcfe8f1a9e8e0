"""The translation memory: English paragraphs keyed by the anchor of the Chinese they translate.

One YAML file per report under ``translations/en/``::

    report: 2022-government-work-report-summary
    language: en
    entries:
      - anchor: p-3c4adbb          # the paragraph's anchor on every edition's page
        fingerprint: '10e007a43dc5'  # first 12 hex digits of SHA-1 of `zh`, quoted
        zh: 坚持以煤、铝、酒……       # the Chinese as it stood when translated
        en: ...
        note: ...                  # optional translator's note

A paragraph's status:

- ``current``: an entry with its anchor translates exactly its present text;
- ``stale``: the Chinese changed since the translation. Anchors derive from the text, so a
  changed paragraph usually gets a new anchor; its old entry is then found by similarity
  (the same report, difflib ratio >= ``STALE_SIMILARITY``) and shown, marked as possibly outdated;
- ``missing``: no translation.

Entries that match no paragraph at all are ``orphaned`` (listed by the command, never shown).
"""
from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from builder.errors import SourceError
from builder.inputs.yamlfile import LinedDict, load_yaml
from builder.memory import remembered_file
from builder.pickling import fast_pickle
from builder.text import canonical

STALE_SIMILARITY = 0.6
KEYS = {"anchor", "kind", "fingerprint", "zh", "en", "note"}


def fingerprint(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


@fast_pickle
@dataclass(frozen=True, slots=True)
class Entry:
    anchor: str
    fingerprint: str
    zh: str
    en: str
    note: str = ""
    line: int = 0


@fast_pickle
@dataclass(frozen=True, slots=True)
class Rendering:
    """What the English page shows for one block."""

    status: str  # current | stale | missing
    en: str = ""
    note: str = ""
    was: str = ""
    """For a stale translation: the Chinese it was made from."""


@dataclass(slots=True)
class Memory:
    """All entries for one report, and the status of each of its blocks."""

    report: str
    path: Path | None
    entries: list[Entry] = field(default_factory=list)
    renderings: dict[str, Rendering] = field(default_factory=dict)
    orphans: list[Entry] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for r in self.renderings.values() if r.status == status)

    @property
    def coverage(self) -> float:
        return self.count("current") / len(self.renderings) if self.renderings else 1.0


def _text(path: Path, item: LinedDict, key: str, required: bool = True) -> str:
    value = item.get(key)
    if value is None or value == "":
        if required:
            raise SourceError(path, f"entry {item.get('anchor', '?')}: missing '{key}'", item.line)
        return ""
    if not isinstance(value, str):
        raise SourceError(path, f"entry {item.get('anchor', '?')}: '{key}' must be text", item.line_of(key))
    return value.strip()


def load_entries(path: Path, report_id: str) -> list[Entry]:
    """A report's translation file, checked (while serving, read again only when it changed)."""
    return remembered_file(path, lambda: _read_entries(path, report_id), report_id.encode())


def _read_entries(path: Path, report_id: str) -> list[Entry]:
    data = load_yaml(path)
    if not isinstance(data, LinedDict) or not isinstance(data.get("entries"), list):
        raise SourceError(path, "expected 'report', 'language' and an 'entries' list", getattr(data, "line", 1))
    unknown = sorted(set(data) - {"report", "language", "entries"})
    if unknown:
        raise SourceError(path, f"unknown top-level key '{unknown[0]}'", data.line_of(unknown[0]))
    if data.get("report") != report_id:
        raise SourceError(path, f"'report' must be '{report_id}' (the file's name)", data.line_of("report"))
    entries, seen = [], {}
    for item in data["entries"]:
        if not isinstance(item, LinedDict):
            raise SourceError(path, "each entry must be a mapping", data.line_of("entries"))
        unknown = sorted(set(item) - KEYS)
        if unknown:
            raise SourceError(path, f"entry {item.get('anchor', '?')}: unknown field '{unknown[0]}'",
                              item.line_of(unknown[0]))
        anchor = _text(path, item, "anchor")
        if anchor in seen:
            raise SourceError(path, f"entry {anchor}: duplicate anchor (first at line {seen[anchor]})", item.line)
        seen[anchor] = item.line
        zh = _text(path, item, "zh")
        fp = _text(path, item, "fingerprint")
        if fp != fingerprint(zh):
            raise SourceError(path, f"entry {anchor}: fingerprint {fp} does not match its 'zh' text "
                              f"(expected {fingerprint(zh)})", item.line_of("fingerprint"))
        entries.append(Entry(anchor, fp, zh, _text(path, item, "en", required=False),
                             _text(path, item, "note", required=False), item.line))
    return entries


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, canonical(a), canonical(b), autojunk=False).ratio()


def resolve(report, entries: list[Entry], path: Path | None = None) -> Memory:
    """The status of every block of the report against the entries."""
    memory = Memory(report.id, path, entries)
    by_anchor = {e.anchor: e for e in entries if e.en}
    used: set[str] = set()
    unmatched = []
    for block in report.blocks:
        entry = by_anchor.get(block.anchor)
        if entry is None:
            unmatched.append(block)
            continue
        used.add(entry.anchor)
        status = "current" if entry.fingerprint == fingerprint(block.text) else "stale"
        memory.renderings[block.anchor] = Rendering(status, entry.en, entry.note, entry.zh if status == "stale" else "")
    candidates = [e for e in entries if e.en and e.anchor not in used]
    for block in unmatched:
        best, score = None, STALE_SIMILARITY
        for entry in candidates:
            s = _similarity(entry.zh, block.text)
            if s >= score:
                best, score = entry, s
        if best is not None:
            candidates.remove(best)
            used.add(best.anchor)
            memory.renderings[block.anchor] = Rendering("stale", best.en, best.note, best.zh)
        else:
            memory.renderings[block.anchor] = Rendering("missing")
    memory.orphans = [e for e in entries if e.en and e.anchor not in used]
    return memory


def load_memories(folder: Path, reports) -> dict[str, Memory]:
    """The English memory of every report; a report without a file has every block missing."""
    out = {}
    for report in reports:
        path = folder / f"{report.id}.yaml"
        entries = load_entries(path, report.id) if path.exists() else []
        out[report.id] = resolve(report, entries, path if path.exists() else None)
    return out
