"""Editorial notes written by people: suspected source errors the checks cannot see.

``source_texts/editorial-notes.yaml`` (beside the manifest) lists, per report, an exact quote of
the cleaned text and the note. The quote is resolved to its paragraph on every build, so a note
never drifts from the passage it is about; a quote that is no longer in the text stops the build
with the note's line. The text itself is never corrected (faithfulness first).

    notes:
      - report: 2022-government-work-report-summary
        quote: 自动食用菌产业扶持计划
        note: 自动 is probably 启动 (“launched a support plan”).
"""
from __future__ import annotations

from pathlib import Path

from builder.errors import SourceError
from builder.inputs.yamlfile import LinedDict, load_yaml
from builder.report.records import EditorialNote

FILE_NAME = "editorial-notes.yaml"
KIND = "editor"


def apply(reports, path: Path) -> None:
    """Attach the notes of ``path`` (if it exists) to their reports' editorial notes."""
    if not path.exists():
        return
    data = load_yaml(path)
    if not isinstance(data, LinedDict) or set(data) != {"notes"} or not isinstance(data["notes"], list):
        raise SourceError(path, "expected a mapping with only a 'notes' list", getattr(data, "line", 1))
    by_id = {r.id: r for r in reports}
    for item in data["notes"]:
        if not isinstance(item, LinedDict):
            raise SourceError(path, "each note must be a mapping with report, quote and note", data.line_of("notes"))
        unknown = sorted(set(item) - {"report", "quote", "note"})
        if unknown:
            raise SourceError(path, f"unknown field '{unknown[0]}'", item.line_of(unknown[0]))
        for key in ("report", "quote", "note"):
            if not isinstance(item.get(key), str) or not item[key].strip():
                raise SourceError(path, f"field '{key}' must be non-empty text", item.line_of(key))
        report = by_id.get(item["report"])
        if report is None:
            raise SourceError(path, f"unknown report '{item['report']}'", item.line_of("report"))
        block = next((b for b in report.blocks if item["quote"] in b.text), None)
        if block is None:
            raise SourceError(path, f"quote not found in report '{report.id}': {item['quote']}", item.line_of("quote"))
        report.notes.append(EditorialNote(KIND, block.first_line,
                                          f"“{item['quote']}”: {' '.join(item['note'].split())}", block.anchor))
