"""Typed records a report flows through, from raw lines to rendered blocks."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from builder.pickling import fast_pickle


@dataclass(slots=True)
class Line:
    """One line of a source text, as the line rules see it."""

    number: int
    """1-based line number in the raw source file."""
    text: str
    """Current text; rules rewrite it."""
    indent: bool = False
    """The raw line began with whitespace: in these layouts a new text frame."""
    label: bool = False
    """The line was rebuilt from vertical text (one character per line)."""
    hard_break: bool = False
    """A block must start here: a gap in the source lies just before it, or a rule split a line
    that ran several units together (the assembler never joins across it)."""


class BlockKind(str, Enum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    CALLOUT = "callout"
    """Infographic call-out, figure box or label: kept, but not run into prose."""
    TITLE = "title"
    """The document's own title line at the top of the source."""


@dataclass(slots=True)
class Block:
    """A unit of the report's structure: a heading, paragraph, list item or call-out."""

    kind: BlockKind
    text: str
    first_line: int
    """Source line where the block starts (1-based)."""
    last_line: int
    """Source line where the block ends (inclusive)."""
    level: int = 0
    """Heading level (2 = 一、, 3 = （一）, 4 = 一是 / ● run-in); 0 for other kinds."""
    anchor: str = ""
    """Stable id on the page; see builder/anchors.py."""
    meta: dict = field(default_factory=dict)
    """Free slot for later stages (dedupe notes, glossary marks)."""

    @property
    def lines(self) -> str:
        if self.first_line == self.last_line:
            return f"{self.first_line}"
        return f"{self.first_line}–{self.last_line}"


@fast_pickle
@dataclass(slots=True, frozen=True)
class Change:
    """What one rule changed on one line (or block) of one report."""

    rule: str
    line: int
    before: str
    after: str


@fast_pickle
@dataclass(slots=True, frozen=True)
class EditorialNote:
    """Something a human should decide: a suspected source error, a truncated copy…"""

    kind: str
    line: int
    text: str
    anchor: str = ""


@dataclass(slots=True)
class Report:
    """One report as the builder knows it after all stages."""

    entry: "ManifestEntry"  # noqa: F821 - defined in builder.manifest
    blocks: list[Block] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    notes: list[EditorialNote] = field(default_factory=list)
    continuations: list[tuple[int, str]] = field(default_factory=list)
    """Page-continuation markers removed from the text: (line, marker)."""
    encoding: str = "utf-8"
    removals: list = field(default_factory=list)
    """Repeated text dropped by the dedupe stage (builder.dedupe.Removal records)."""
    script: str = "simplified"
    """The source's script: 'simplified', or 'traditional' for a text written in Traditional
    characters, which every edition shows as received (builder/report/rules/traditional.py)."""

    @property
    def id(self) -> str:
        return self.entry.id
