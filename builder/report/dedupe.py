"""Dedupe: drop text the source repeats by accident, keep everything a reader needs.

Seed example, the 2022 summary: its work plan ``（一）…（八）`` with the items under each stands
six times in the text (the sixth copy breaks off after its ``（八）`` heading), the paragraph
``2022年是党的二十大召开之年…`` twice, the headings ``（五）（六）（七）`` share one bullet list,
and ``实施污染防治攻坚战`` is doubled inside its own list. The copies are not all alike: the
first (kept) reads ``非常规天然气、文化旅游`` where the five later ones read ``…天然气和文化旅游``;
the removals say so in ``differences``.

The stage reads the blocks once, left to right, and removes

* a *repeated run*: two or more consecutive blocks (or one paragraph of ``MIN_CHARS`` or more)
  that repeat an earlier, kept stretch block by block, each pair at least ``threshold``
  similar. The longest repeat wins, so a whole ``（一）…（八）`` copy goes as one run;
* a *repeated body*: the blocks under a heading that repeat the whole body of an earlier,
  differently worded heading. The heading stays; ``body_notes`` says whose body it repeated;
* a *repeated item*: a list item repeating an earlier item of the same list.

Recurring formulas (``各位代表：``), short repeated headings and paragraphs that merely start
alike (``一年来，我们…``) are kept: a single block is only dropped when it is a long paragraph
(or a heading's whole body) that repeats another nearly word for word.

Pure functions: blocks in, kept blocks plus a record of every removal out; nothing is mutated.

Cost: near-linear in the number of blocks. Comparing each block with every earlier one was
quadratic (a 4 MB source of short paragraphs, ~50 000 blocks, did not finish in minutes), so
``_Candidates`` proposes, for each block, only the earlier blocks that *can* reach the threshold:
a prefix filter over rare bigrams (or, for very short texts, rare characters) whose bound is
derived from ``similarity`` itself, so no alike pair is missed and the results are the same as
comparing every pair. ``pasted`` looks up paragraphs by their last ``PASTE_TAIL`` characters.
"""
from __future__ import annotations

import difflib
import math
import os
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

from builder.report.records import Block, BlockKind

NEAR_THRESHOLD = 0.9
"""Minimum similarity (see ``similarity``) for two blocks to count as the same text."""
MIN_CHARS = 20
"""Paragraphs shorter than this are never dropped alone (formulas like ``各位代表：``)."""
PASTE_TAIL = 15
"""Two different paragraphs ending in this many identical characters read as a paste."""
CONTEXT = 4
"""Characters of context either side of a difference in a near-duplicate message."""

RUN, BODY, ITEM = "repeated run", "repeated body", "repeated item"


@dataclass(frozen=True)
class Removal:
    kind: str
    """``"repeated run"`` | ``"repeated item"`` | ``"repeated body"``."""
    kept_block: Block
    """The first block of the kept occurrence (its anchor is known once anchors are assigned)."""
    kept_lines: tuple[int, int]
    removed_lines: tuple[int, int]
    removed_texts: tuple[str, ...]
    differences: tuple[str, ...]
    """How a near copy reads differently from the kept one; empty when the copy is exact."""


@dataclass
class DedupeResult:
    blocks: list[Block]
    """The blocks kept, in order: the input's own objects."""
    removals: list[Removal]
    flags: list[tuple[int, str]]
    """(source line, message): things only a human can decide (cut-off copies, pasted text)."""
    """A kept heading whose body was removed as a repeat carries the heading whose identical
    body is kept in ``meta["repeats_body_of_block"]`` (the anchor stage turns it into an anchor)."""


class _NotLetters(dict):
    """A ``str.translate`` table deleting punctuation, separators and controls (Unicode
    categories P, Z, C), filled in as characters are first seen."""

    def __missing__(self, code: int):
        value = None if unicodedata.category(chr(code))[0] in "PZC" else code
        self[code] = value
        return value


_NOT_LETTERS = _NotLetters()


@lru_cache(maxsize=None)
def _letters(text: str) -> str:
    """The text without punctuation and spaces: ``，`` against ``、`` is layout, not wording."""
    return text.translate(_NOT_LETTERS)


@lru_cache(maxsize=65536)
def similarity(a: str, b: str) -> float:
    """How alike two texts read, from 0.0 to 1.0.

    ``difflib.SequenceMatcher.ratio`` (2 × matching characters / total characters) on the
    texts with punctuation and whitespace removed. ``天然气和文化旅游`` against
    ``天然气、文化旅游`` compares ``天然气和文化旅游`` (8) with ``天然气文化旅游`` (7):
    7 matching, 2 × 7 / 15 ≈ 0.93. Texts differing only in punctuation score 1.0.
    """
    a, b = _letters(a), _letters(b)
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _alike(a: str, b: str, threshold: float) -> bool:
    if a == b:
        return True
    la, lb = len(_letters(a)), len(_letters(b))
    if la + lb == 0 or 2 * min(la, lb) / (la + lb) < threshold:  # ratio can't reach threshold
        return False
    if _shared_bound(_letters(a), _letters(b)) < threshold:  # nor with these characters
        return False
    return similarity(a, b) >= threshold


@lru_cache(maxsize=65536)
def _shared_bound(a: str, b: str) -> float:
    """An upper bound of the ratio from character counts alone (difflib's quick_ratio), far
    cheaper than the ratio itself: most pairs of different paragraphs stop here."""
    return difflib.SequenceMatcher(None, a, b, autojunk=False).quick_ratio()


def differences(kept: str, copy: str) -> list[tuple[str, str]]:
    """Where ``copy`` reads differently from ``kept``: (kept snippet, copy snippet) pairs with
    ``CONTEXT`` characters around each change; nearby changes share one snippet."""
    ops = [op for op in difflib.SequenceMatcher(None, kept, copy, autojunk=False).get_opcodes()
           if op[0] != "equal"]
    spans: list[list[int]] = []  # merged [i1, i2, j1, j2]
    for _, i1, i2, j1, j2 in ops:
        if spans and i1 - spans[-1][1] <= 2 * CONTEXT:
            spans[-1][1], spans[-1][3] = i2, j2
        else:
            spans.append([i1, i2, j1, j2])
    return [(_snippet(kept, i1, i2), _snippet(copy, j1, j2)) for i1, i2, j1, j2 in spans]


def _snippet(text: str, start: int, end: int) -> str:
    lo, hi = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
    return ("…" if lo else "") + text[lo:hi] + ("…" if hi < len(text) else "")


class _Candidates:
    """For block ``j``, the earlier blocks that may be alike it (``_alike``): a superset, found
    without comparing every pair, in increasing order.

    Why no alike pair is missed. Let ``a``, ``b`` be the two texts without punctuation
    (``_letters``), of lengths ``la``, ``lb``, and ``m`` the characters difflib matches, so
    ``ratio = 2m / (la + lb) >= t``. Then ``m >= t·la / (2 - t)`` (as ``m <= lb``), and

    * the texts share at least ``m >= t·la / (2 - t)`` characters (as a multiset);
    * they share at least ``(3t - 2)·la / (2 - t) - 1`` bigrams: difflib's ``k`` matching blocks
      hold ``m - k`` aligned bigrams, and adjacent blocks are merged, so ``k - 1`` is at most
      the ``la + lb - 2m`` unmatched characters.

    Prefix filtering: with tokens (a character or bigram and its occurrence number) sorted in
    one global order, rarest first, two texts sharing at least ``α`` tokens share one among the
    first ``n - α + 1`` tokens of each. Each block is posted under those first tokens; a block
    looks up its own. Bigrams are used when the bound is at least one shared bigram (above 3
    letters at t = 0.9), characters (keyed by length) for the shorter texts, and texts without
    letters are looked up whole (they are alike only when identical).
    """

    def __init__(self, blocks: list[Block], threshold: float):
        self.blocks = blocks
        self.t = t = threshold - 1e-6  # a hair lower: rounding can only add candidates
        self.wide = t <= 0  # no bound at all: every earlier block is a candidate
        self.letters = [None if b.kind is BlockKind.TITLE else _letters(b.text) for b in blocks]
        groups: dict[tuple, int] = {}  # (kind, level): only blocks of one group can be alike
        self.group = [groups.setdefault((b.kind, b.level), len(groups)) for b in blocks]
        # the longest text that may be alike a text too short for the bigram bound (plus one, for
        # rounding); every text when the threshold is too low for bigrams (t <= 2/3)
        if t > 2 / 3:
            small = math.floor((2 - t) / (3 * t - 2))
            self.char_limit = (self.band(small).stop if small >= 1 else 0) + 1
        else:
            self.char_limit = math.inf
        chars: Counter = Counter()
        bigrams: Counter = Counter()
        for text in self.letters:
            if text:
                bigrams.update(map(str.__add__, text, text[1:]))
                if len(text) <= self.char_limit:
                    chars.update(text)
        self.char_rank, self.bigram_rank = self._ranks(chars), self._ranks(bigrams)
        self.postings: dict[tuple, list[int]] = defaultdict(list)
        self.posted = 0  # blocks before this index are posted
        self._keys: dict[int, tuple[list[tuple], list[tuple]]] = {}

    @staticmethod
    def _ranks(freq: Counter) -> dict[str, int]:
        """The global token order: rarest first, ties by the text itself."""
        return {g: r for r, (g, _) in enumerate(sorted(freq.items(), key=itemgetter(1, 0)))}

    def char_alpha(self, n: int) -> int:
        """Characters two alike texts share at least, for a text of ``n`` letters."""
        return math.ceil(self.t * n / (2 - self.t))

    def bigram_alpha(self, n: int) -> int:
        """Bigrams two alike texts share at least, for a text of ``n`` letters."""
        t = self.t
        return math.ceil((3 * t - 2) * n / (2 - t) - 1) if t > 2 / 3 else 0

    def band(self, n: int) -> range:
        """Letter counts a text of ``n`` letters can be alike (``2·min / sum >= t``)."""
        t = self.t
        return range(max(1, math.ceil(n * t / (2 - t))), math.floor(n * (2 - t) / t) + 1)

    @staticmethod
    def _prefix(grams, rank: dict[str, int], need: int) -> list[tuple[str, int]]:
        """The first ``need`` tokens (gram, occurrence) of a text in the global order."""
        out: list[tuple[str, int]] = []
        if need <= 0:
            return out
        counts = Counter(grams)
        for g in sorted(counts, key=rank.__getitem__):
            for k in range(1, counts[g] + 1):
                out.append((g, k))
                if len(out) == need:
                    return out
        return out

    def keys(self, k: int) -> tuple[list[tuple], list[tuple]]:
        """(keys block ``k`` is posted under, keys it looks up)."""
        if k not in self._keys:
            self._keys[k] = self._make_keys(k)
        return self._keys[k]

    def _make_keys(self, k: int) -> tuple[list[tuple], list[tuple]]:
        text, group = self.letters[k], self.group[k]
        if not text:
            key = (group, self.blocks[k].text)
            return [key], [key]
        n = len(text)
        post: list[tuple] = []
        look: list[tuple] = []
        small = self.bigram_alpha(n) < 1
        if n <= self.char_limit:  # short enough to be alike a text too short for bigrams
            chars = self._prefix(text, self.char_rank, n - self.char_alpha(n) + 1)
            post = [(group, n, c, i) for c, i in chars]
            lengths = [m for m in self.band(n) if small or self.bigram_alpha(m) < 1]
            look = [(group, m, c, i) for m in lengths for c, i in chars]
        if not small:
            grams = self._prefix(map(str.__add__, text, text[1:]), self.bigram_rank, n - self.bigram_alpha(n))
            post += [(group, g, i) for g, i in grams]
            look += [(group, g, i) for g, i in grams]
        return post, look

    def before(self, j: int, taken: dict[int, str]) -> list[int]:
        """Earlier blocks that may be alike block ``j``, in increasing order (none removed as
        part of a repeated run: those can no longer be the source of anything)."""
        if self.letters[j] is None:
            return []
        if self.wide:
            return [i for i in range(j) if taken.get(i) != RUN]
        for k in range(self.posted, j):
            if self.letters[k] is not None and taken.get(k) != RUN:
                for key in self.keys(k)[0]:
                    self.postings[key].append(k)
            self._keys.pop(k, None)  # never looked up again: look-ups only go forward
        self.posted = max(self.posted, j)
        found: set[int] = set()
        for key in self.keys(j)[1]:
            posting = self.postings.get(key)
            if posting:
                live = [i for i in posting if taken.get(i) != RUN]
                if len(live) < len(posting):  # drop them once, not at every look-up
                    posting[:] = live
                found.update(live)
        return sorted(found)


@dataclass
class _Found:
    """One removal while scanning: ``length`` blocks at ``removed`` repeat those at ``kept``."""

    kind: str
    kept: int
    removed: int
    length: int


class _Scan:
    """One left-to-right pass over a report's blocks; ``taken`` marks what is removed."""

    def __init__(self, blocks: list[Block], threshold: float):
        self.blocks, self.threshold, self.n = blocks, threshold, len(blocks)
        self.taken: dict[int, str] = {}  # input index -> kind of the removal that took it
        self.found: list[_Found] = []
        self.flags: list[tuple[int, str]] = []
        self.body_notes: dict[int, int] = {}
        self._same: dict[tuple[int, int], bool] = {}
        self._body_end: dict[int, int] = {}
        self.candidates = _Candidates(blocks, threshold)
        self.list_start = list(range(self.n))  # index of the first item of the list holding k
        for k in range(1, self.n):
            if blocks[k].kind is BlockKind.LIST_ITEM and blocks[k - 1].kind is BlockKind.LIST_ITEM:
                self.list_start[k] = self.list_start[k - 1]

    def same(self, i: int, j: int) -> bool:
        key = (i, j)
        if key not in self._same:
            a, b = self.blocks[i], self.blocks[j]
            self._same[key] = (a.kind is b.kind and a.kind is not BlockKind.TITLE and a.level == b.level
                               and _alike(a.text, b.text, self.threshold))
        return self._same[key]

    def body_end(self, h: int) -> int:
        """Index after the body of heading ``h``: the next heading of the same or a higher level."""
        if h not in self._body_end:
            level, end = self.blocks[h].level, self.n
            for k in range(h + 1, self.n):
                b = self.blocks[k]
                if b.kind is BlockKind.TITLE or (b.kind is BlockKind.HEADING and b.level <= level):
                    end = k
                    break
            self._body_end[h] = end
        return self._body_end[h]

    def is_body(self, start: int, length: int) -> bool:
        """``blocks[start:start+length]`` is exactly the body of the heading just before it."""
        h = start - 1
        return h >= 0 and self.blocks[h].kind is BlockKind.HEADING and self.body_end(h) == start + length

    def goes_on(self, k: int) -> bool:
        """The block after ``k`` continues what ``k`` began: a heading's body, a list's next item.
        A copy that stops where the other goes on was cut off."""
        if k + 1 >= self.n:
            return False
        here, after = self.blocks[k], self.blocks[k + 1]
        if here.kind is BlockKind.HEADING:
            return after.kind is not BlockKind.TITLE and not (
                after.kind is BlockKind.HEADING and after.level <= here.level)
        return here.kind is BlockKind.LIST_ITEM and after.kind is BlockKind.LIST_ITEM

    def run_length(self, i: int, j: int) -> int:
        """How many blocks from ``j`` repeat those from ``i``. The source must lie before ``j``
        and outside removed copies (else copy 3 would match copies 1+2 "repeated" as one)."""
        length = 0
        while (j + length < self.n and i + length < j and self.taken.get(i + length) != RUN
               and j + length not in self.taken and self.same(i + length, j + length)):
            length += 1
        # A heading whose body differs in both copies is not part of the repeat: removing it
        # would leave the copy's own body under the wrong heading.
        while length and self.blocks[j + length - 1].kind is BlockKind.HEADING \
                and self.goes_on(i + length - 1) and self.goes_on(j + length - 1):
            length -= 1
        return length

    def worth_removing(self, i: int, j: int, length: int) -> bool:
        if sum(len(b.text) for b in self.blocks[j:j + length]) < MIN_CHARS:
            return False  # short headings and formulas recur legitimately
        if length >= 2:
            return True
        single = self.blocks[j]
        return single.kind is BlockKind.PARAGRAPH or (self.is_body(i, 1) and self.is_body(j, 1))

    def best_run(self, j: int) -> tuple[int, int] | None:
        """(source, length) of the longest earlier stretch repeated from ``j``; earliest wins ties."""
        best = None
        for i in self.candidates.before(j, self.taken):  # the others are not alike blocks[j]
            length = self.run_length(i, j)
            if length and (best is None or length > best[1]) and self.worth_removing(i, j, length):
                best = (i, length)
        return best

    def repeated_item(self, j: int) -> int | None:
        """Index of a kept earlier item of the same list that ``blocks[j]`` repeats."""
        if self.blocks[j].kind is not BlockKind.LIST_ITEM:
            return None
        start = self.list_start[j]
        return next((k for k in self.candidates.before(j, self.taken)
                     if k >= start and k not in self.taken and self.same(k, j)), None)

    def take(self, kind: str, kept: int, removed: int, length: int) -> None:
        for k in range(removed, removed + length):
            self.taken[k] = kind
        self.found.append(_Found(kind, kept, removed, length))

    def scan(self) -> None:
        j = 0
        while j < self.n:
            if j in self.taken:
                j += 1
                continue
            run = self.best_run(j)
            if run:
                i, length = run
                if self.is_body(i, length) and self.is_body(j, length) and j - 1 not in self.taken \
                        and self.blocks[i - 1].text != self.blocks[j - 1].text:
                    self.take(BODY, i, j, length)
                    self.body_notes[id(self.blocks[j - 1])] = id(self.blocks[i - 1])
                elif self.goes_on(j + length - 1) and not self.goes_on(i + length - 1):
                    self.keep_later(i, j, length)
                    continue  # look at j again: it now stays, unless it repeats something else
                else:
                    if self.goes_on(i + length - 1) and not self.goes_on(j + length - 1):
                        self.flag_cut(i, j, length)
                    self.take(RUN, i, j, length)
                j += length
                continue
            k = self.repeated_item(j)
            if k is not None:
                self.take(ITEM, k, j, 1)
            j += 1

    def keep_later(self, i: int, j: int, length: int) -> None:
        """The earlier occurrence is the cut-off one: remove it and keep the complete copy at ``j``.
        Removals already pointing into it now point at ``j``; those inside it are absorbed."""
        self.flag_cut(j, i, length)
        inside = range(i, i + length)
        self.found = [f for f in self.found if f.removed not in inside]
        for f in self.found:
            if f.kept in inside and f.kept + f.length <= i + length:
                f.kept += j - i
                if f.kind == RUN:  # it matched the cut-off copy, so it is cut off too
                    self.flag_cut(f.kept, f.removed, f.length)
        moved = {id(self.blocks[k]): id(self.blocks[k + j - i]) for k in inside}
        self.body_notes = {key: moved.get(value, value) for key, value in self.body_notes.items()
                           if key not in moved}
        for k in inside:
            self.taken.pop(k, None)
        self.take(RUN, j, i, length)

    def flag_cut(self, kept: int, cut: int, length: int) -> None:
        last = _snippet(self.blocks[cut + length - 1].text, 0, 16 - CONTEXT)
        self.flags.append((self.blocks[cut].first_line,
                           f"lines {self.lines(cut, length)} are a cut-off copy of lines "
                           f"{self.lines(kept, length)}: the copy stops after “{last}” "
                           f"where the kept one goes on; removed, check the original"))

    def lines(self, start: int, length: int) -> str:
        first, last = self.blocks[start].first_line, self.blocks[start + length - 1].last_line
        return f"{first}" if first == last else f"{first}–{last}"

    def removal(self, f: _Found) -> Removal:
        kept, copy = self.blocks[f.kept:f.kept + f.length], self.blocks[f.removed:f.removed + f.length]
        notes: dict[tuple[str, str], list[int]] = {}
        for a, b in zip(kept, copy):
            if a.text != b.text:
                for pair in differences(a.text, b.text):
                    notes.setdefault(pair + (str(a.first_line),), []).append(b.first_line)
        return Removal(
            kind=f.kind,
            kept_block=self.blocks[f.kept],
            kept_lines=(kept[0].first_line, kept[-1].last_line),
            removed_lines=(copy[0].first_line, copy[-1].last_line),
            removed_texts=tuple(b.text for b in copy),
            differences=tuple(
                f"{'line' if len(where) == 1 else 'lines'} {', '.join(map(str, where))} "
                f"{'reads' if len(where) == 1 else 'read'} “{theirs}” where the kept text "
                f"(line {kept_line}) reads “{ours}”"
                for (ours, theirs, kept_line), where in notes.items()),
        )

    def pasted(self, kept: list[Block]) -> list[tuple[int, str]]:
        """Different paragraphs with the same long ending: the later one reads as pasted."""
        flags = []
        # by last PASTE_TAIL characters: the first paragraph with that ending, and the first
        # whose text differs from it (the earliest earlier paragraph unlike any given one)
        endings: dict[str, list[Block]] = {}
        for later in (b for b in kept if b.kind is BlockKind.PARAGRAPH):
            if len(later.text) < PASTE_TAIL:
                continue
            firsts = endings.setdefault(later.text[-PASTE_TAIL:], [])
            earlier = next((b for b in firsts if b.text != later.text), None)
            if len(firsts) < 2 and (not firsts or firsts[0].text != later.text):
                firsts.append(later)
            if earlier is None:
                continue
            tail = os.path.commonprefix([earlier.text[::-1], later.text[::-1]])[::-1]
            flags.append((later.first_line,
                          f"line {later.lines} ends with the same {len(tail)} characters as "
                          f"line {earlier.lines} (“{tail[:12]}…{tail[-6:]}”): reads as pasted "
                          f"from elsewhere; check the original"))
        return flags


def dedupe(blocks: list[Block], threshold: float = NEAR_THRESHOLD) -> DedupeResult:
    """Remove repeated runs, repeated bodies and repeated list items; flag cut-off copies and
    pasted text. See the module docstring for the rules and the 2022 seed example."""
    scan = _Scan(blocks, threshold)
    scan.scan()
    kept = [b for k, b in enumerate(blocks) if k not in scan.taken]
    found = sorted(scan.found, key=lambda f: f.removed)
    by_id = {id(b): b for b in blocks}  # the scan's own bookkeeping, turned into links on the records
    for heading, kept_body in scan.body_notes.items():
        by_id[heading].meta["repeats_body_of_block"] = by_id[kept_body]
    return DedupeResult(
        blocks=kept,
        removals=[scan.removal(f) for f in found],
        flags=sorted(scan.flags + scan.pasted(kept)),
    )
