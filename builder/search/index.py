"""The search index of one edition, as static files a browser fetches piece by piece.

    search/meta.json        pages (address, title), section kinds, where pages and text chunks
                            start, the script folding table, the pinyin of the glossary's terms,
                            the English spelling rules and stop words, the shard count
    search/p/<n>.json       postings, sharded by a hash of the token: for each token the
                            sections it is in (and, for bigrams and words, its positions there)
    search/t/<n>.json       the sections' text, in page order, a few kilobytes per chunk: the
                            anchor, the text and the heading it is under

Every file also ships gzip-compressed (``.json.gz``, reproducible: no name, no time), which the
script fetches and decompresses itself (``DecompressionStream``), so a search transfers the
compressed size whatever the server does; the plain ``.json`` is the fallback for a browser
without it. Nothing is fetched before the reader types: a first search fetches ``meta``, the
shards of the query's tokens, and the text chunks of the results it shows.

Sections are numbered in page order (``meta.pages_at``: where each page starts). Postings
number them within their page: a negative number starts another page (minus its difference from
the previous page), then comes the section's number on that page, and each later number is the
difference from the previous section; positions are differences from the previous position. So
the numbers stay small, and a page that gains or loses a section changes the postings of its own
tokens only.
"""
from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Mapping

from builder import memory
from builder.pickling import fast_pickle
from builder.search.extract import Document
from builder.search.text import SPELLING_RULES, SPELLING_WORDS, STOP_WORDS, Folding, pinyin_key, section_tokens

FORMAT = 2
FOLDER = "search"
CHUNK_CHARS = 3000
"""Characters of section text per text chunk (about 3 KB of Chinese, gzip-compressed)."""
SHARD_BYTES = 12000
"""About this many bytes of uncompressed postings per shard (the shard count follows)."""


@fast_pickle
@dataclass(frozen=True, slots=True)
class PinyinTerm:
    key: str
    url: str
    form: str
    """The term as the edition writes it."""


def fnv1a(token: str) -> int:
    """32-bit FNV-1a over the UTF-16 code units of the token (what JavaScript strings hold)."""
    h = 0x811C9DC5
    data = token.encode("utf-16-le")
    for i in range(0, len(data), 2):
        h ^= data[i] | (data[i + 1] << 8)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@dataclass(slots=True)
class Postings:
    """An edition's merged postings, kept so that the next build of the same pages (same
    addresses) merges again only the tokens of pages whose text changed; every other token's
    encoding is unchanged, since sections are numbered within their page."""

    layout: tuple
    """The address of each page."""
    pages: list[dict]
    """Each page's postings (``_page_postings``), in page order."""
    encoded: dict[str, list[int]]
    pages_of: dict[str, list[int]]
    """The pages holding each token, in order."""
    total: int
    """The estimated size that sets the shard count."""
    shard_count: int = 0
    members: list = field(default_factory=list)
    """The tokens of each shard."""
    shard_files: list = field(default_factory=list)


def build(documents: list[Document], table: Mapping[str, str], terms: Iterable[PinyinTerm] = (),
          previous: Postings | None = None) -> tuple[dict[str, bytes], Postings]:
    """The index files of an edition, by path under its docs/ folder (plain and gzip), and the
    postings to pass as ``previous`` to the next build of the edition.

    ``table`` is the documents' ``fold_table``: it folds each character of a text the same way
    whatever the other texts hold, so a page's postings depend on its own text alone, and an edit
    that brings a new character into the table re-indexes only its own page."""
    pages, kinds, pages_at, chunks_at, chunks = [], [], [], [], []
    chunk: list[list[str]] = []
    chunk_chars = 0
    sid = 0
    page_of_url = {}
    fold = Folding(table)
    for number, doc in enumerate(documents):
        page_of_url[doc.url] = number
        pages.append([doc.url, doc.title])
        pages_at.append(sid)
        for section in doc.sections:
            kinds.append(section.kind)
            if chunk and chunk_chars + len(section.text) > CHUNK_CHARS:
                chunks.append(chunk)
                chunk, chunk_chars = [], 0
            if not chunk:
                chunks_at.append(sid)
                previous_heading = ""
            entry = [section.anchor, section.text]
            if section.heading != previous_heading:
                entry.append(section.heading)
                previous_heading = section.heading
            chunk.append(entry)
            chunk_chars += len(section.text)
            sid += 1
    if chunk:
        chunks.append(chunk)
    layout = tuple(doc.url for doc in documents)
    page_postings = [_page_postings(doc, fold) for doc in documents]
    if previous is not None and previous.layout == layout:
        postings = _merge_changed(previous, page_postings)
    else:
        postings = _merge_all(layout, page_postings)
    meta = {
        "format": FORMAT,
        "pages": pages,
        "kinds": "".join(kinds),
        "pages_at": pages_at,
        "chunks_at": chunks_at,
        "shards": postings.shard_count,
        "fold": "".join(k + v for k, v in sorted(table.items())),
        "stop": sorted(STOP_WORDS),
        "spelling": {"words": SPELLING_WORDS,
                     "rules": [[p.pattern, r.replace("\\", "$")] for p, r in SPELLING_RULES]},
        "pinyin": sorted([t.key, page_of_url[t.url], t.form] for t in terms if t.url in page_of_url and t.key),
    }
    files = {f"{FOLDER}/meta.json": _json(meta)}
    for n, shard in enumerate(postings.shard_files):
        files[f"{FOLDER}/p/{n}.json"] = shard
    for n, entries in enumerate(chunks):
        files[f"{FOLDER}/t/{n}.json"] = _json(entries)
    for path in list(files):
        files[path + ".gz"] = _gzip(files[path])
    return files, postings


def _size(token: str, code: list[int]) -> int:
    return len(token) * 3 + 3 * len(code)  # about 3 bytes a number


def _encoded(token: str, holders: list[int], page_postings: list[dict]) -> list[int]:
    """A token's postings over the whole edition, from the pages holding it: each page's own
    encoding after the (negative) difference from the previous page holding it."""
    code: list[int] = []
    last = -1
    for number in holders:
        first, tail, _ = page_postings[number][token]
        code.append(last - number)
        code.append(first)
        code.extend(tail)
        last = number
    return code


def _merge_all(layout: tuple, page_postings: list[dict]) -> Postings:
    pages_of: dict[str, list[int]] = {}
    for number, own in enumerate(page_postings):
        for token in own:
            holders = pages_of.get(token)
            if holders is None:
                pages_of[token] = [number]
            else:
                holders.append(number)
    encoded = {token: _encoded(token, holders, page_postings) for token, holders in pages_of.items()}
    postings = Postings(layout, page_postings, encoded, pages_of, sum(_size(t, c) for t, c in encoded.items()))
    _shard(postings)
    return postings


def _merge_changed(previous: Postings, page_postings: list[dict]) -> Postings:
    changed = [n for n, own in enumerate(page_postings) if own is not previous.pages[n]]
    tokens = set()
    for n in changed:  # only tokens whose postings on the page differ: an edit touches a few sections
        old, new = previous.pages[n], page_postings[n]
        tokens.update(token for token in old.keys() | new.keys() if old.get(token) != new.get(token))
    encoded, pages_of, total = previous.encoded, previous.pages_of, previous.total
    changed_set = set(changed)
    for token in tokens:
        old = encoded.pop(token, None)
        if old is not None:
            total -= _size(token, old)
        holders = sorted({n for n in pages_of.get(token, ()) if n not in changed_set}
                         | {n for n in changed if token in page_postings[n]})
        if holders:
            pages_of[token] = holders
            encoded[token] = code = _encoded(token, holders, page_postings)
            total += _size(token, code)
        else:
            pages_of.pop(token, None)
    postings = Postings(previous.layout, page_postings, encoded, pages_of, total)
    if _shard_count(total) == previous.shard_count:
        count = previous.shard_count
        members = previous.members
        touched = set()
        for token in tokens:
            n = _hash(token) % count
            touched.add(n)
            (members[n].add if token in encoded else members[n].discard)(token)
        files = previous.shard_files
        for n in touched:
            files[n] = _json({token: encoded[token] for token in sorted(members[n])})
        postings.shard_count, postings.members, postings.shard_files = count, members, files
    else:
        _shard(postings)
    return postings


def _shard_count(total: int) -> int:
    return max(1, round(total / SHARD_BYTES))


def _shard(postings: Postings) -> None:
    """Tokens to shards by hash; each shard's tokens in sorted order."""
    count = _shard_count(postings.total)
    members: list[set[str]] = [set() for _ in range(count)]
    for token in postings.encoded:
        members[_hash(token) % count].add(token)
    postings.shard_count, postings.members = count, members
    postings.shard_files = [_json({token: postings.encoded[token] for token in sorted(tokens)}) for tokens in members]


_PAGES: dict[tuple, dict[str, list]] = {}
"""Each page's postings by its address and section texts (see ``build`` on the folding table):
a rebuild while serving tokenises and encodes only the pages that changed."""


def _page_postings(doc: Document, fold: Folding) -> dict[str, list]:
    """For each token of the page: [its first section (page-local number), the rest of its
    encoding, its last section]. The encoding, per section holding the token: the section's
    difference from the previous one, then for a positional token (bigrams, words; not a Han
    unigram) the count of positions, the first, and each one's difference from the previous."""
    key = (doc.url, tuple(section.text for section in doc.sections))
    found = _PAGES.get(key)
    if found is None:
        found = {}
        for number, section in enumerate(doc.sections):
            for token, positions in _tokens(fold(section.text)).items():
                entry = found.get(token)
                if entry is None:
                    found[token] = entry = [number, [], number]
                else:
                    entry[1].append(number - entry[2])
                    entry[2] = number
                if positions:
                    code = entry[1]
                    code.append(len(positions))
                    code.append(positions[0])
                    code.extend([b - a for a, b in zip(positions, positions[1:])])
        if memory.KEEP:
            if len(_PAGES) > 3000:  # about four versions of every page of a site this size
                _PAGES.clear()
            _PAGES[key] = found
    return found


@lru_cache(maxsize=200000)
def _hash(token: str) -> int:
    return fnv1a(token)


@lru_cache(maxsize=4096)
def _gzip(data: bytes) -> bytes:
    """Reproducible gzip (no name, no time); an unchanged file is not compressed again."""
    return gzip.compress(data, compresslevel=6, mtime=0)


@lru_cache(maxsize=20000)
def _tokens(folded: str) -> dict[str, list[int]]:
    """A section's tokens, remembered: the Traditional edition folds to the Simplified text, and
    a rebuild while serving reindexes only what changed."""
    return section_tokens(folded)


def pinyin_terms(glossary, edition, url_of_page) -> list[PinyinTerm]:
    """The glossary's terms with their pinyin key, their page and the form the edition shows."""
    from builder.render.urls import term_page

    return [PinyinTerm(pinyin_key(term.pinyin), url_of_page(term_page(term.id)), edition.convert(term.term))
            for term in glossary if term.pinyin]
