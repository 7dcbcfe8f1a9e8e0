"""Longest-match marking of glossary forms in Chinese text.

Chinese has no word boundaries, so ``\\b``-based matchers (Python-Markdown's ``abbr``) miss
``两个维护`` in ``做到两个维护``. This matcher walks a character trie of every form: at each
position it takes the longest form that starts there, then resumes after it. Forms are matched
literally (``1+7+N``, ``985``: no regular expressions), and the cost is linear in the text for a
fixed glossary, whatever the number of terms.

A form registered as quoted-only matches only directly inside “…”: ``两人`` is a coinage in
``“两人”`` but an ordinary word elsewhere. The English matcher honours the same setting: the
English name of a quoted-only term (``Two Leaders``) is marked only when the whole name stands
inside quotation marks (“…”, "…" or ‘…’), so "Two Leaders Training Programme" is not a mark.

Digit forms match only where they are not part of a longer number: ``985`` is not marked
inside ``19851``, nor ``1+7+N`` inside ``11+7+N``.
"""
from __future__ import annotations

from dataclasses import dataclass

from builder.pickling import fast_pickle

_END = ""  # trie key that holds the term id of a form ending here


@fast_pickle
@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    term_id: str
    form: str


def _alnum_ascii(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


class TermMatcher:
    def __init__(self, forms: dict[str, str], quoted_only: frozenset[str] = frozenset()):
        """``forms`` maps each surface form to its term id; ``quoted_only`` lists the forms
        to mark only inside quotation marks."""
        self._made_from = (forms, quoted_only)
        self._trie: dict = {}
        self._found: dict[str, list[Match]] = {}
        """Matches by text: the same forms find the same matches (a matcher is reused across
        rebuilds while serving as long as its forms are unchanged)."""
        for form, term_id in forms.items():
            node = self._trie
            for ch in form:
                node = node.setdefault(ch, {})
            node[_END] = (term_id, form in quoted_only)

    QUOTES = (("“", "”"),)
    """Quotation marks that make a quoted-only form a mark: (opening, closing)."""

    def __reduce__(self):
        """Pickled as its forms: unpickled, it is the receiving process's matcher of the same
        forms, with what that one has found (a corpus is sent to the edition workers)."""
        return _made, (type(self), *self._made_from)

    @classmethod
    def for_english(cls, glossary) -> "EnglishMatcher":
        names = {name.casefold(): term for term in glossary for name in (term.en, *term.en_variants)}
        quoted = frozenset(name for name, term in names.items() if term.match == "quoted")
        return _made(EnglishMatcher, {name: term.id for name, term in names.items()}, quoted)

    @classmethod
    def for_glossary(cls, glossary) -> "TermMatcher":
        forms = {form: term.id for term in glossary for form in term.forms}
        quoted = frozenset(form for term in glossary if term.match == "quoted" for form in term.forms)
        return _made(cls, forms, quoted)

    def find(self, text: str) -> list[Match]:
        """Non-overlapping matches, left to right, each the longest form starting there."""
        found = self._found.get(text)
        if found is None:
            found = self._found[text] = self._find(text)
        return list(found)

    def _find(self, text: str) -> list[Match]:
        return self._scan(text, None)

    def _scan(self, text: str, starts) -> list[Match]:
        """``starts(i)`` may rule out positions where no form can begin (inside a word)."""
        matches: list[Match] = []
        i, n = 0, len(text)
        while i < n:
            if starts is not None and not starts(i):
                i += 1
                continue
            node, j, best = self._trie, i, None
            while j < n and text[j] in node:
                node = node[text[j]]
                j += 1
                if _END in node and self._bounded(text, i, j):
                    term_id, quoted = node[_END]
                    if not quoted or self._quoted(text, i, j):
                        best = (j, term_id)
            if best is None:
                i += 1
                continue
            end, term_id = best
            matches.append(Match(i, end, term_id, text[i:end]))
            i = end
        return matches

    @staticmethod
    def _bounded(text: str, start: int, end: int) -> bool:
        """A form that begins or ends with a Latin letter or digit must not cut into a longer
        Latin/digit run (``985`` in ``19851``)."""
        if _alnum_ascii(text[start]) and start > 0 and _alnum_ascii(text[start - 1]):
            return False
        if _alnum_ascii(text[end - 1]) and end < len(text) and _alnum_ascii(text[end]):
            return False
        return True

    def _quoted(self, text: str, start: int, end: int) -> bool:
        return start > 0 and end < len(text) and (text[start - 1], text[end]) in self.QUOTES


class EnglishMatcher(TermMatcher):
    """Glossary English names in English text: case-insensitive, whole words only (a name
    that begins or ends with a letter or digit never cuts into a longer word); a quoted-only
    term's name only inside “…”, "…" or ‘…’."""

    QUOTES = (("“", "”"), ('"', '"'), ("‘", "’"))

    def _find(self, text: str) -> list[Match]:
        folded = text.casefold()
        if len(folded) != len(text):  # casefolding changed lengths (ß…): match as written
            folded = text
        # A name begins a word: skip positions inside one (the trie walk is the costly part).
        def starts(i: int) -> bool:
            return i == 0 or not folded[i - 1].isalnum() or not folded[i].isalnum()
        return [Match(m.start, m.end, m.term_id, text[m.start:m.end]) for m in self._scan(folded, starts)]


_MATCHERS: dict[tuple, TermMatcher] = {}


def _made(cls, forms: dict[str, str], quoted: frozenset[str]) -> TermMatcher:
    """The matcher of these forms: made once per process and reused while they are unchanged."""
    key = (cls, tuple(sorted(forms.items())), quoted)
    if key not in _MATCHERS:
        if len(_MATCHERS) >= 8:
            _MATCHERS.clear()
        _MATCHERS[key] = cls(forms, quoted)
    return _MATCHERS[key]
