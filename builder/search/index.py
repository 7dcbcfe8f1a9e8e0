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

Sections are numbered in page order; postings hold the number's difference from the previous
one, positions their difference from the previous position, so the numbers stay small.
"""
from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Mapping

from builder.search.extract import Document
from builder.search.text import SPELLING_RULES, SPELLING_WORDS, STOP_WORDS, Folding, pinyin_key, section_tokens

FORMAT = 1
FOLDER = "search"
CHUNK_CHARS = 3000
"""Characters of section text per text chunk (about 3 KB of Chinese, gzip-compressed)."""
SHARD_BYTES = 12000
"""About this many bytes of uncompressed postings per shard (the shard count follows)."""


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


def build(documents: list[Document], table: Mapping[str, str], terms: Iterable[PinyinTerm] = ()) -> dict[str, bytes]:
    """The index files of an edition, by path under its docs/ folder (plain and gzip)."""
    pages, kinds, pages_at, chunks_at, chunks = [], [], [], [], []
    postings: dict[str, list[tuple[int, list[int]]]] = {}
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
            for token, positions in _tokens(fold(section.text)).items():
                where = postings.get(token)
                if where is None:
                    postings[token] = [(sid, positions)]
                else:
                    where.append((sid, positions))
            sid += 1
    if chunk:
        chunks.append(chunk)
    encoded = {token: _encode(where) for token, where in postings.items()}
    total = sum(len(t) * 3 + 3 * len(v) for t, v in encoded.items())  # about 3 bytes a number
    shard_count = max(1, round(total / SHARD_BYTES))
    shards: list[dict[str, list[int]]] = [{} for _ in range(shard_count)]
    for token in sorted(encoded):
        shards[fnv1a(token) % shard_count][token] = encoded[token]
    meta = {
        "format": FORMAT,
        "pages": pages,
        "kinds": "".join(kinds),
        "pages_at": pages_at,
        "chunks_at": chunks_at,
        "shards": shard_count,
        "fold": "".join(k + v for k, v in sorted(table.items())),
        "stop": sorted(STOP_WORDS),
        "spelling": {"words": SPELLING_WORDS,
                     "rules": [[p.pattern, r.replace("\\", "$")] for p, r in SPELLING_RULES]},
        "pinyin": sorted([t.key, page_of_url[t.url], t.form] for t in terms if t.url in page_of_url and t.key),
    }
    files = {f"{FOLDER}/meta.json": _json(meta)}
    for n, shard in enumerate(shards):
        files[f"{FOLDER}/p/{n}.json"] = _json(shard)
    for n, entries in enumerate(chunks):
        files[f"{FOLDER}/t/{n}.json"] = _json(entries)
    for path in list(files):
        files[path + ".gz"] = gzip.compress(files[path], compresslevel=6, mtime=0)
    return files


@lru_cache(maxsize=20000)
def _tokens(folded: str) -> dict[str, list[int]]:
    """A section's tokens, remembered: the Traditional edition folds to the Simplified text, and
    a rebuild while serving reindexes only what changed."""
    return section_tokens(folded)


def _encode(where: list[tuple[int, list[int]]]) -> list[int]:
    """Positional: [section delta, count, first position, position deltas…]…; otherwise
    (a Han unigram) [section delta…]."""
    out: list[int] = []
    last = 0
    for sid, positions in where:
        out.append(sid - last)
        last = sid
        if positions:
            out.append(len(positions))
            previous = 0
            for p in positions:
                out.append(p - previous)
                previous = p
    return out


def pinyin_terms(glossary, edition, url_of_page) -> list[PinyinTerm]:
    """The glossary's terms with their pinyin key, their page and the form the edition shows."""
    from builder.render.urls import term_page

    return [PinyinTerm(pinyin_key(term.pinyin), url_of_page(term_page(term.id)), edition.convert(term.term))
            for term in glossary if term.pinyin]
