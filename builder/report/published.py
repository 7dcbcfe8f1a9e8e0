"""Anchors that outlive edits: the record of every paragraph anchor ever published.

An anchor is derived from its paragraph's text (builder/report/anchors.py), so correcting one
character of a source gives the paragraph a new anchor. ``published_anchors.yaml`` (committed,
like ``tests/fixtures/published_glossary_ids.txt`` for terms) keeps each published anchor with
the text it named::

    2023-government-work-report:
      p-1a2b3c4: 今年是全面贯彻落实党的二十大精神的开局之年……

At build time each recorded anchor that no current block carries is matched to the most
similar block of the same report (difflib ratio >= ``SIMILARITY``, as the translation memory
matches stale entries) and kept as an alias on it: old links land on the corrected paragraph.
A recorded anchor that matches nothing stops the build with one line naming the record's line.
The build only reads the record; ``python -m builder anchors --record`` adds new anchors to it.
"""
from __future__ import annotations

import difflib
from pathlib import Path

import yaml

from builder.errors import SourceError
from builder.inputs.yamlfile import LinedDict, load_yaml
from builder.report.records import Report

SIMILARITY = 0.6
FILE_NAME = "published_anchors.yaml"
HEADER = ("# Every paragraph anchor ever published, with the text it named (python -m builder anchors --record\n"
          "# adds new ones). A build keeps each one working: an anchor whose paragraph changed lands on the\n"
          "# most similar paragraph of the report. Never remove entries: published links depend on them.\n")


def load_record(path: Path) -> LinedDict | None:
    if not path.is_file():
        return None
    data = load_yaml(path)
    if data is None:
        return None
    if not isinstance(data, dict):
        raise SourceError(path, "expected a mapping of report ids to {anchor: text}", 1)
    for rid, anchors in data.items():
        if not isinstance(anchors, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in anchors.items()):
            raise SourceError(path, f"'{rid}' must map anchors to the text they named", data.line_of(rid))
    return data


def resolve(reports: list[Report], record: LinedDict | None, path: Path) -> None:
    """Give every recorded anchor a block to land on (``block.meta['aliases']``)."""
    if not record:
        return
    by_id = {r.id: r for r in reports}
    for rid, anchors in record.items():
        report = by_id.get(rid)
        if report is None:
            raise SourceError(path, f"report '{rid}' has published anchors but is no longer in the manifest",
                              record.line_of(rid))
        current = {b.anchor for b in report.blocks}
        for anchor, text in anchors.items():
            if anchor in current:
                continue
            block = _most_similar(report, anchor, text)
            if block is None:
                raise SourceError(path, f"published anchor {anchor} of '{rid}' matches no paragraph any more "
                                  f"(it named “{text[:20]}…”); restore the text or keep an alias by hand",
                                  anchors.line_of(anchor))
            block.meta.setdefault("aliases", []).append(anchor)


def _most_similar(report: Report, anchor: str, text: str):
    kind = "h" if anchor.startswith("h-") else "p"
    best, best_ratio = None, SIMILARITY
    for block in report.blocks:
        if block.anchor[:1] != kind:
            continue
        matcher = difflib.SequenceMatcher(None, text, block.text, autojunk=False)
        if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio >= best_ratio:
            best, best_ratio = block, ratio
    return best


def record(reports: list[Report], path: Path) -> int:
    """Add the current anchors to the record (never removing any); returns how many were added."""
    existing = load_record(path) or {}
    data = {rid: dict(anchors) for rid, anchors in existing.items()}
    added = 0
    for report in reports:
        anchors = data.setdefault(report.id, {})
        for block in report.blocks:
            if block.anchor not in anchors:
                anchors[block.anchor] = block.text
                added += 1
    if added:
        body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6)
        path.write_text(HEADER + body, encoding="utf-8")
    return added
