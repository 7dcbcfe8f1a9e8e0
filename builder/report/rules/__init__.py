"""The cleaning pipeline as an ordered chain of small named rules.

Each rule is one function in its own module, with the seed example it exists for in its
docstring. A rule receives the report's lines and a :class:`RuleContext`, returns the new
lines, and records every change it makes through the context, so that each report has a
change log the page shows and ``python -m builder changelog`` prints.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from builder.report.records import Change, EditorialNote, Line

MAX_EXCERPT = 60
CONTEXT = 8  # characters of unchanged text kept on each side of a change in the log


def excerpt(before: str, after: str) -> tuple[str, str]:
    """Trim what two versions share at both ends, keeping a little context, so that a change
    log entry shows the change and not the whole paragraph."""
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end = 0
    while end < min(len(before), len(after)) - start and before[-1 - end] == after[-1 - end]:
        end += 1
    lo = max(0, start - CONTEXT)
    b_hi, a_hi = len(before) - max(0, end - CONTEXT), len(after) - max(0, end - CONTEXT)
    lead = "…" if lo > 0 else ""

    def cut(text: str, hi: int) -> str:
        body = text[lo:hi]
        if len(body) > MAX_EXCERPT:  # many changes on one long line: show where they begin
            return lead + body[:MAX_EXCERPT] + "…"
        return lead + body + ("…" if hi < len(text) else "")

    return cut(before, b_hi), cut(after, a_hi)


LineRule = Callable[[list[Line], "RuleContext"], list[Line]]


@dataclass
class RuleContext:
    """What a rule may read (settings of the report) and where it records what it did."""

    mastheads: tuple[str, ...] = ()
    script: str = ""
    """The source's script, 'simplified' or 'traditional': declared in the manifest, else found
    by the traditional rule from the text."""
    rule: str = ""
    changes: list[Change] = field(default_factory=list)
    notes: list[EditorialNote] = field(default_factory=list)
    continuations: list[tuple[int, str]] = field(default_factory=list)

    def change(self, line: int, before: str, after: str) -> None:
        self.changes.append(Change(self.rule, line, *excerpt(before, after)))

    def note(self, kind: str, line: int, text: str) -> None:
        self.notes.append(EditorialNote(kind, line, text))


class Ruler:
    """An ordered list of named rules that can be enabled, disabled or inserted around."""

    def __init__(self, rules: list[tuple[str, LineRule]]):
        self._rules = list(rules)
        self._disabled: set[str] = set()

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self._rules]

    def disable(self, name: str) -> None:
        self._index(name)
        self._disabled.add(name)

    def enable(self, name: str) -> None:
        self._disabled.discard(name)

    def insert_before(self, before: str, name: str, rule: LineRule) -> None:
        self._rules.insert(self._index(before), (name, rule))

    def insert_after(self, after: str, name: str, rule: LineRule) -> None:
        self._rules.insert(self._index(after) + 1, (name, rule))

    def _index(self, name: str) -> int:
        for i, (existing, _) in enumerate(self._rules):
            if existing == name:
                return i
        raise KeyError(name)

    def run(self, lines: list[Line], ctx: RuleContext) -> list[Line]:
        for name, rule in self._rules:
            if name in self._disabled:
                continue
            ctx.rule = name
            lines = rule(lines, ctx)
        return lines


def default_ruler() -> Ruler:
    from . import (
        broken_title,
        chrome,
        continuation,
        emphasis,
        gaps,
        icon_numbers,
        masks,
        masthead,
        news_lead,
        punctuation,
        run_together,
        spacing,
        traditional,
        vertical_text,
    )

    return Ruler(
        [
            ("continuation", continuation.rule),
            ("masthead", masthead.rule),
            ("chrome", chrome.rule),
            ("news_lead", news_lead.rule),
            ("gaps", gaps.rule),
            ("broken_title", broken_title.rule),
            ("vertical_text", vertical_text.rule),
            ("icon_numbers", icon_numbers.rule),
            ("run_together", run_together.rule),  # before spacing, which closes up the indents it reads
            ("spacing", spacing.rule),
            ("punctuation", punctuation.rule),
            ("masks", masks.rule),  # before emphasis, which must leave a mask's ** alone
            ("emphasis", emphasis.rule),
            ("traditional", traditional.rule),
        ]
    )
