"""Where each glossary term occurs across the reports, and where its evidence stands.

An occurrence is one marked span of one block: the report, the paragraph anchor, the offset,
and a keyword-in-context line (a few characters either side) for the term's page.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from builder.errors import SourceError
from builder.glossary.matcher import Match, TermMatcher
from builder.pickling import fast_pickle

KWIC_WIDTH = 18  # characters either side of the term on a concordance line


@fast_pickle
@dataclass(frozen=True, slots=True)
class Occurrence:
    term_id: str
    form: str
    report: str
    year: int
    anchor: str
    start: int
    left: str
    right: str
    heading: bool = False


@fast_pickle
@dataclass(frozen=True, slots=True)
class EvidenceLink:
    """A glossary evidence quote resolved to the paragraph that holds it."""

    report: str
    anchor: str
    quote: str


@dataclass(slots=True)
class Concordance:
    matches: dict[tuple[str, str], list[Match]]
    """(report id, block anchor) -> marked spans, in order."""
    occurrences: dict[str, list[Occurrence]]
    """term id -> occurrences in year order, then reading order."""
    evidence: dict[str, list[EvidenceLink]]
    """term id -> its report-quote evidence, resolved to anchors."""

    def evidence_of(self, term):
        """Each evidence item of the term with its resolved paragraph (None for a public source)."""
        links = iter(self.evidence.get(term.id, []))
        return [(item, next(links) if item.report else None) for item in term.evidence]

    def per_year(self, term_id: str) -> dict[int, int]:
        counts: dict[int, int] = defaultdict(int)
        for occ in self.occurrences.get(term_id, []):
            counts[occ.year] += 1
        return dict(counts)


def _kwic(text: str, start: int, end: int) -> tuple[str, str]:
    left = text[max(0, start - KWIC_WIDTH):start]
    right = text[end:end + KWIC_WIDTH]
    return ("…" + left if start > KWIC_WIDTH else left), (right + "…" if end + KWIC_WIDTH < len(text) else right)


def build(reports, glossary, matcher: TermMatcher | None = None) -> Concordance:
    """Mark every block of every report and resolve the glossary's evidence quotes.

    A quote that no longer occurs in its report (the text was re-cleaned, the source fixed) is
    an error naming the glossary line: the evidence a definition rests on must be checkable.
    """
    from builder.report.records import BlockKind

    matcher = matcher or TermMatcher.for_glossary(glossary)
    matches: dict[tuple[str, str], list[Match]] = {}
    occurrences: dict[str, list[Occurrence]] = defaultdict(list)
    for report in reports:
        for block in report.blocks:
            found = matcher.find(block.text)
            matches[(report.id, block.anchor)] = found
            for m in found:
                left, right = _kwic(block.text, m.start, m.end)
                occurrences[m.term_id].append(Occurrence(
                    m.term_id, m.form, report.id, report.entry.year, block.anchor, m.start, left, right,
                    heading=block.kind is BlockKind.HEADING))
    by_id = {r.id: r for r in reports}
    evidence: dict[str, list[EvidenceLink]] = defaultdict(list)
    for term in glossary:
        for item in term.evidence:
            if not item.report:
                continue
            report = by_id.get(item.report)
            if report is None:
                raise SourceError(glossary.path, f"term '{term.id}': evidence names unknown report "
                                  f"'{item.report}'", item.line)
            block = next((b for b in report.blocks if item.quote in b.text), None)
            if block is None:
                raise SourceError(glossary.path, f"term '{term.id}': evidence quote not found in "
                                  f"report '{item.report}': {item.quote}", item.line)
            evidence[term.id].append(EvidenceLink(report.id, block.anchor, item.quote))
    return Concordance(matches, dict(occurrences), dict(evidence))
