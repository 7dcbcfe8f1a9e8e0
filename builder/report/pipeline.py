"""The per-report pipeline: an ordered list of named stages over one state object.

    load → normalise → assemble → structure → dedupe → anchor → notes

Like markdown-it-py's core rule list: each stage is a small function of the state, named after
what it does; ``STAGES`` is the order, and a caller may run a different list (the benchmark
times each stage by name). A pure library: it reads the manifest and sources and returns
Report records; it knows nothing of any engine and writes nothing.
"""
from __future__ import annotations

import bisect
import pickle
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from builder import memory
from builder.errors import SourceError
from builder.inputs.manifest import ManifestEntry, load_manifest, sha256_of
from builder.inputs.sources import read_source, source_bytes
from builder.report import anchors, editorial, suspects
from builder.report.assemble import assemble
from builder.report.dedupe import dedupe
from builder.report.records import BlockKind, EditorialNote, Report
from builder.report.rules import RuleContext, Ruler, default_ruler
from builder.report.structure import structure
from builder.text import ends_sentence
from builder.timing import OFF


@dataclass
class ReportState:
    """What the stages of one report share; each stage fills in the next part."""

    entry: ManifestEntry
    ruler: Ruler
    lines: list = field(default_factory=list)
    encoding: str = ""
    ctx: RuleContext | None = None
    raws: list = field(default_factory=list)
    structured: list = field(default_factory=list)
    deduped: object = None
    report: Report | None = None


def load(state: ReportState) -> None:
    state.lines, state.encoding, changes = read_source(state.entry)
    state.ctx = RuleContext(mastheads=state.entry.mastheads, script=state.entry.script, changes=changes)


def normalise(state: ReportState) -> None:
    state.lines = state.ruler.run(state.lines, state.ctx)


def assemble_blocks(state: ReportState) -> None:
    state.raws = assemble(state.lines)


def structure_blocks(state: ReportState) -> None:
    state.structured = structure(state.raws, state.ctx.changes)


def dedupe_blocks(state: ReportState) -> None:
    state.deduped = dedupe(state.structured)


def anchor(state: ReportState) -> None:
    """After dedupe, so dropped copies never shift a kept anchor; a heading whose body repeats
    an earlier section's learns that section's anchor."""
    blocks = state.deduped.blocks
    anchors.assign(blocks)
    for block in blocks:
        if "repeats_body_of_block" in block.meta:
            block.meta["repeats_body_of"] = block.meta.pop("repeats_body_of_block").anchor
    state.report = Report(entry=state.entry, blocks=blocks, changes=state.ctx.changes,
                          continuations=state.ctx.continuations, encoding=state.encoding,
                          script=state.ctx.script or "simplified",
                          removals=[_removal_record(r, state.structured) for r in state.deduped.removals])


def notes(state: ReportState) -> None:
    _add_notes(state.report, state.ctx, state.report.blocks, state.raws, state.deduped)


Stage = Callable[[ReportState], None]
STAGES: list[tuple[str, Stage]] = [
    ("load", load),
    ("normalise", normalise),
    ("assemble", assemble_blocks),
    ("structure", structure_blocks),
    ("dedupe", dedupe_blocks),
    ("anchor", anchor),
    ("notes", notes),
]


def build_report(entry: ManifestEntry, ruler: Ruler | None = None, watch=OFF,
                 stages: list[tuple[str, Stage]] | None = None) -> Report:
    state = ReportState(entry, ruler or default_ruler())
    for name, stage in stages or STAGES:
        with watch.stage(name):
            stage(state)
    return state.report


def _add_notes(report, ctx, blocks, raws, deduped) -> None:
    report.notes = (_anchor_notes(ctx.notes, report) + suspects.find(blocks) + _join_notes(raws, blocks)
                    + _truncation_notes(blocks)
                    + _anchor_notes([EditorialNote("dedupe", line, text) for line, text in deduped.flags], report))


def _anchor_notes(notes: list[EditorialNote], report: Report) -> list[EditorialNote]:
    """Each note with the anchor of the first block whose lines hold the note's line. Blocks
    come in source order, so that block is found by bisection (a scan per note was quadratic
    in a long text with many notes)."""
    blocks = report.blocks
    lasts = [b.last_line for b in blocks]
    in_order = all(a.first_line <= b.first_line and a.last_line <= b.last_line for a, b in zip(blocks, blocks[1:]))
    out = []
    for note in notes:
        if in_order:
            k = bisect.bisect_left(lasts, note.line)  # the first block ending on or after the line
            block = blocks[k] if k < len(blocks) and blocks[k].first_line <= note.line else None
        else:
            block = next((b for b in blocks if b.first_line <= note.line <= b.last_line), None)
        out.append(EditorialNote(note.kind, note.line, note.text, block.anchor if block else ""))
    return out


UNWRAPPED_LINE = 60  # longer than any newspaper or PDF column: a whole paragraph on one line


def _join_notes(raws, blocks) -> list[EditorialNote]:
    """A paragraph continued across a blank line in a one-line-per-paragraph text is a guess
    (seed 001: ``推动黄河`` / ``流域生态保护``): show it so a human can confirm it."""
    notes = []
    for raw in raws:
        if raw.loose and not raw.tight and len(raw.lines) == 2 and raw.lines[0].text and len(raw.lines[0].text) > UNWRAPPED_LINE:
            line = raw.lines[1].number
            block = next((b for b in blocks if b.first_line <= line <= b.last_line), None)
            notes.append(EditorialNote(
                "joined across a blank line", raw.lines[0].number,
                f"lines {raw.lines[0].number} and {line} were joined: the first breaks off mid-sentence "
                f"(“…{raw.lines[0].text[-8:]}” / “{raw.lines[1].text[:8]}…”); check the join against the original.",
                block.anchor if block else ""))
    return notes


def _removal_record(removal, structured) -> dict:
    """A removal as plain data, for the page's dedupe note and the JSON dedupe report."""
    return {
        "kind": removal.kind,
        "kept_lines": list(removal.kept_lines),
        "kept_anchor": removal.kept_block.anchor,
        "removed_lines": list(removal.removed_lines),
        "removed_blocks": len(removal.removed_texts),
        "removed_texts": list(removal.removed_texts),
        "differences": list(removal.differences),
    }


def _truncation_notes(blocks) -> list[EditorialNote]:
    """A paragraph that breaks off mid-sentence is shown as it is, and said to be cut."""
    return [
        EditorialNote("breaks off mid-sentence", b.last_line,
                      f"the paragraph ends “…{b.text[-10:]}” without finishing its sentence; "
                      "the source breaks off here.", b.anchor)
        for b in blocks
        if b.kind is BlockKind.PARAGRAPH and not ends_sentence(b.text)
    ]


def load_corpus(manifest: Path, watch=OFF, kinds: dict | None = None,
                edited: list[SourceError] | None = None) -> list[Report]:
    """Build every report of the manifest, in year order (``kinds``: the site's report kinds).

    A source whose bytes no longer match the SHA-256 the manifest records is an error, unless
    ``edited`` is a list (a preview while an editor works: ``mkdocs serve``): the report is then
    built from the file as it is now (its page says so: ``ManifestEntry.recorded``), and a
    notice naming the manifest line and the command that records the new hash is added to
    ``edited``."""
    with watch.stage("load"):
        entries = sorted(load_manifest(manifest, kinds), key=lambda e: (e.year, e.id))
    if edited is not None:
        entries = [_as_edited(entry, edited) for entry in entries]
    reports = [_built(entry, watch) for entry in entries]
    with watch.stage("notes"):
        editorial.apply(reports, manifest.parent / editorial.FILE_NAME)
    return reports


def _as_edited(entry: ManifestEntry, edited: list[SourceError]) -> ManifestEntry:
    actual = sha256_of(source_bytes(entry))
    if actual == entry.sha256:
        return entry
    edited.append(SourceError(entry.manifest, f"{entry.path.name} was edited and its new SHA-256 is not recorded; "
                              f"the pages show the edited text. Record it: python -m builder rehash {entry.id}",
                              entry.line))
    return replace(entry, sha256=actual, recorded=False)


def _built(entry: ManifestEntry, watch=OFF) -> Report:
    """The report; while serving, remembered by its manifest entry and source bytes, so an edit
    rebuilds only the reports whose text or entry changed (a long session keeps a few hundred)."""
    return memory.remembered("report", lambda: [pickle.dumps(entry), source_bytes(entry)],  # bad input: one line
                             lambda: build_report(entry, watch=watch), versions=256)
