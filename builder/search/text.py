"""How search reads text: the same rules here (building the index) and in ``assets/search.js``
(reading the query, highlighting the landing page). tests/test_search.py runs both on
the corpus's whole vocabulary and requires the same keys.

A text is a sequence of *units*, each with a position: every Han character is one unit, every
Latin word (letters and digits) is one unit; anything else separates units without taking a
position. Positions count within the sentence (``runs``): an edit moves only its own sentence's
positions, and a phrase is found within a sentence. What is indexed per unit:

- Han: the character folded to one script (``fold``: Traditional and variant forms to the
  Simplified character, e.g. 營 → 营, 為/爲 → 为), as a *unigram*, and the *bigram* of it and the
  next character when that is a Han character too. A phrase of n characters is found by its
  n−1 bigrams at consecutive positions: that is the phrase itself, not its words.
- Latin: the word's *key*: lower case, accents removed (ǎ → a), British and American spellings
  made one (``spelling``: revitalisation → revitalization, labour → labor, centre → center),
  then the Porter stemmer (revitalization, revitalizing → revit). Stop words (``STOP_WORDS``)
  take a position but are not indexed.
- Pinyin (``pinyin_key``): letters only, no tones, no spaces, ü and v as u: ``liǎng gè wéi hù``,
  ``liang ge wei hu``, ``liang3 ge4 wei2 hu4`` and ``lianggeweihu`` are one key.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterator, Mapping

HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FA1F))
LATIN_RE = re.compile(r"[0-9A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]+")
"""A Latin word: ASCII letters and digits, and the accented letters of Latin-1 and Latin
Extended (pinyin's tone marks: ā á ǎ à, ü, ǜ)."""

STOP_WORDS = frozenset(
    "a an and are as at be been but by for from has have in into is it its of on or s t that the their "
    "this to was were which will with".split())
"""English words too common to search for: not indexed; a query drops them (they still count
as a position in a phrase)."""


HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"


def is_han(ch: str) -> bool:
    o = ord(ch)
    return any(lo <= o <= hi for lo, hi in HAN_RANGES)


class Folding:
    """Per character, so positions do not move: the table's script folding (Traditional →
    Simplified), full-width ASCII to ASCII (Ａ１ → A1), ASCII letters to lower case."""

    def __init__(self, table: Mapping[str, str]):
        self.table = dict(table)
        trans = {o: chr(o - 0xFEE0) for o in range(0xFF01, 0xFF5F)}
        trans.update({o: chr(o).lower() for o in range(ord("A"), ord("Z") + 1)})
        trans.update({o: chr(o - 0xFEE0 + 32) for o in range(0xFF21, 0xFF3B)})  # Ａ → a
        trans.update({ord(k): v for k, v in self.table.items()})
        self._trans = trans

    def __call__(self, text: str) -> str:
        return text.translate(self._trans)


def fold(text: str, table: Mapping[str, str]) -> str:
    return Folding(table)(text)


def plain(word: str) -> str:
    """Lower case without accents (``Lǜsè`` → ``luse``)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# British spelling → the American one, so both spellings have one key. Whole words first.
SPELLING_WORDS = {
    "programme": "program", "programmes": "programs", "ageing": "aging", "judgement": "judgment",
    "judgements": "judgments", "grey": "gray", "tyre": "tire", "tyres": "tires", "defence": "defense",
    "offence": "offense", "offences": "offenses", "licence": "license", "licences": "licenses",
    "pretence": "pretense", "whilst": "while", "amongst": "among", "towards": "toward", "kerb": "curb",
    "enrol": "enroll", "enrolment": "enrollment", "enrolments": "enrollments", "fulfil": "fulfill",
    "fulfils": "fulfills", "fulfilment": "fulfillment", "skilful": "skillful", "instalment": "installment",
    "instalments": "installments", "plough": "plow", "cheque": "check", "cheques": "checks",
}
SPELLING_RULES = (
    # -ise, -isation, -ising … → -ize … (organise, revitalisation); -yse → -yze (analyse)
    (re.compile(r"^(\w{3,})is(e|es|ed|ing|ation|ations|er|ers|able)$"), r"\1iz\2"),
    (re.compile(r"^(\w{2,})ys(e|es|ed|ing|er|ers)$"), r"\1yz\2"),
    # -our → -or (labour, favourable, behaviour; not four, hour, tour: three letters before it)
    (re.compile(r"^(\w{3,})our(s|ed|ing|able|ably|ite|ites|ful|less|er|ers|hood|hoods|y)?$"), r"\1or\2"),
    # consonant + -re → -er (centre, metre, fibre; not more, sure)
    (re.compile(r"^(\w{2,}[bcdfghjklmnpqrstvwxz])re(s?)$"), r"\1er\2"),
    # -elled, -alling … → -eled … (travelled, modelling, labelled, signalled)
    (re.compile(r"^(\w{2,}[ea])ll(ed|ing|er|ers)$"), r"\1l\2"),
    # -ogue → -og (catalogue, dialogue)
    (re.compile(r"^(\w{3,})ogue(s?)$"), r"\1og\2"),
)


def spelling(word: str) -> str:
    """One spelling for British and American variants (lower case, unaccented input)."""
    if word in SPELLING_WORDS:
        return SPELLING_WORDS[word]
    for pattern, repl in SPELLING_RULES:
        if pattern.match(word):
            return pattern.sub(repl, word)
    return word


@lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """A Latin word's key: plain, one spelling, Porter stem; words with digits only plain."""
    w = plain(word)
    if any(c.isdigit() for c in w):
        return w
    return porter(spelling(w))


@lru_cache(maxsize=8192)  # pure; asked for every term of every edition each build
def pinyin_key(text: str) -> str:
    """Letters only, no tones, ü/v as u: the key that pinyin typed any way maps to."""
    return re.sub(r"[^a-z]", "", plain(text).replace("v", "u"))


RUN_RE = re.compile(f"([{HAN_CLASS}]+)|{LATIN_RE.pattern}")

SENTENCE_END_RE = re.compile(r"[。!?;]|\.(?=.)", re.DOTALL)
"""What ends a sentence, between two units of a folded text: 。 ！ ？ ； (folded to ASCII), or a
full stop followed by something other than a unit (``3.5`` is one number, ``growth. The`` two
sentences)."""
SENTENCE_STRIDE = 32
"""Where sentences start: at multiples of this (a longer sentence takes more than one stride)."""


def runs(text: str) -> Iterator[tuple[int, re.Match]]:
    """Each run of Han characters and each Latin word of a folded text, with the position of its
    first unit. Positions count within the sentence: a sentence starts at the next multiple of
    ``SENTENCE_STRIDE`` after the previous one's last unit, so an edit moves the positions of its
    own sentence's tokens only (a rebuild rewrites few index files), and a phrase is found
    within a sentence."""
    pos = start = last = 0
    for m in RUN_RE.finditer(text):
        if pos > start and SENTENCE_END_RE.search(text, last, m.start()):
            pos = start = -(-pos // SENTENCE_STRIDE) * SENTENCE_STRIDE
        last = m.end()
        yield pos, m
        pos += len(m.group(1)) if m.group(1) else 1


def section_tokens(text: str) -> dict[str, list[int]]:
    """Each token of a folded text with its positions (an empty list for a Han unigram)."""
    out: dict[str, list[int]] = {}
    for pos, m in runs(text):
        run = m.group(1)
        if run:
            for ch in run:
                if ch not in out:
                    out[ch] = []
            for i in range(len(run) - 1):
                bigram = run[i:i + 2]
                positions = out.get(bigram)
                if positions is None:
                    out[bigram] = [pos + i]
                else:
                    positions.append(pos + i)
        else:
            unit = m.group()
            key = word_key(unit)
            if key not in STOP_WORDS and unit not in STOP_WORDS:
                positions = out.get(key)
                if positions is None:
                    out[key] = [pos]
                else:
                    positions.append(pos)
    return out


# --- the Porter stemmer (M. F. Porter, "An algorithm for suffix stripping", 1980), as written
#     in the paper; search.js has the same function, line for line.

def _cons(w: str, i: int) -> bool:
    c = w[i]
    if c in "aeiou":
        return False
    if c == "y":
        return i == 0 or not _cons(w, i - 1)
    return True


def _m(stem: str) -> int:
    """The number of VC sequences in the stem."""
    n, i, length = 0, 0, len(stem)
    while i < length and _cons(stem, i):
        i += 1
    while i < length:
        while i < length and not _cons(stem, i):
            i += 1
        if i >= length:
            break
        while i < length and _cons(stem, i):
            i += 1
        n += 1
    return n


def _has_vowel(stem: str) -> bool:
    return any(not _cons(stem, i) for i in range(len(stem)))


def _double_cons(w: str) -> bool:
    return len(w) >= 2 and w[-1] == w[-2] and _cons(w, len(w) - 1)


def _cvc(w: str) -> bool:
    n = len(w)
    return n >= 3 and _cons(w, n - 3) and not _cons(w, n - 2) and _cons(w, n - 1) and w[-1] not in "wxy"


STEP2 = (("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"),
         ("abli", "able"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"),
         ("ization", "ize"), ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("iveness", "ive"),
         ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble"))
STEP3 = (("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""),
         ("ness", ""))
STEP4 = ("al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou",
         "ism", "ate", "iti", "ous", "ive", "ize")


def porter(w: str) -> str:
    if len(w) <= 2 or not w.isascii() or not w.isalpha():
        return w
    # step 1a
    if w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("ies"):
        w = w[:-2]
    elif w.endswith("ss"):
        pass
    elif w.endswith("s"):
        w = w[:-1]
    # step 1b
    if w.endswith("eed"):
        if _m(w[:-3]) > 0:
            w = w[:-1]
    else:
        for suffix in ("ed", "ing"):
            if w.endswith(suffix) and _has_vowel(w[:-len(suffix)]):
                w = w[:-len(suffix)]
                if w.endswith(("at", "bl", "iz")):
                    w += "e"
                elif _double_cons(w) and w[-1] not in "lsz":
                    w = w[:-1]
                elif _m(w) == 1 and _cvc(w):
                    w += "e"
                break
    # step 1c
    if w.endswith("y") and _has_vowel(w[:-1]):
        w = w[:-1] + "i"
    # step 2
    for suffix, repl in STEP2:
        if w.endswith(suffix):
            if _m(w[:-len(suffix)]) > 0:
                w = w[:-len(suffix)] + repl
            break
    # step 3
    for suffix, repl in STEP3:
        if w.endswith(suffix):
            if _m(w[:-len(suffix)]) > 0:
                w = w[:-len(suffix)] + repl
            break
    # step 4
    for suffix in STEP4:
        if w.endswith(suffix):
            stem = w[:-len(suffix)]
            if _m(stem) > 1 and (suffix != "ion" or stem.endswith(("s", "t"))):
                w = stem
            break
    # step 5a
    if w.endswith("e"):
        stem = w[:-1]
        if _m(stem) > 1 or (_m(stem) == 1 and not _cvc(stem)):
            w = stem
    # step 5b
    if _m(w) > 1 and _double_cons(w) and w.endswith("l"):
        w = w[:-1]
    return w


@lru_cache(maxsize=1)
def _to_simplified() -> dict[str, str]:
    """OpenCC's t2s of every Han character of the BMP, one at a time, where it changes it."""
    import opencc

    t2s = opencc.OpenCC("t2s")
    table = {}
    for lo, hi in HAN_RANGES[:3]:
        for o in range(lo, hi + 1):
            ch = chr(o)
            to = t2s.convert(ch)
            if to != ch and len(to) == 1:
                table[ch] = to
    return table


def fold_table(texts) -> dict[str, str]:
    """The script folding for a corpus: every character OpenCC's t2s turns into a character
    these texts use (once folded), so a query in either script, typed with Taiwan, Hong Kong or
    OpenCC forms alike (為, 爲 → 为), meets the text. Characters, not vocabulary: 乾 and 幹 both
    fold to 干, as in the Simplified original."""
    every = _to_simplified()
    used = set()
    for text in texts:
        used.update(text)
    targets = {every.get(ch, ch) for ch in used}
    return {ch: to for ch, to in every.items() if to in targets}
