"""What the site holds, as generated Markdown pages keyed by their path under docs/.

Shared by the MkDocs plugin and the export command, so both produce the same pages.
"""
from __future__ import annotations

import json
from pathlib import Path

from .pipeline import load_corpus
from .records import Report
from .render import Renderer

REPORTS_DIR = "reports"


def generated_pages(reports: list[Report], renderer: Renderer | None = None) -> dict[str, str]:
    renderer = renderer or Renderer()
    pages = {f"{REPORTS_DIR}/index.md": renderer.index(reports)}
    for report in reports:
        pages[f"{REPORTS_DIR}/{report.id}.md"] = renderer.report(report)
    return pages


def dedupe_json(reports: list[Report]) -> str:
    """The machine-readable dedupe report: every removal with its source lines, per report."""
    data = {r.id: {"source": r.entry.path.name, "removals": r.removals} for r in reports}
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def export(manifest: Path, out: Path) -> list[Path]:
    """Write the generated Markdown pages to a folder; nothing is written if any report fails."""
    pages = generated_pages(load_corpus(manifest))
    written = []
    for rel, content in pages.items():
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
        written.append(target)
    return written

