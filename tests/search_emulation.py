"""Material's client-side search, replayed in Python on a built search_index.json.

Enough of it to tell which pages a query returns: the index is tokenised with the configured
separator (after jieba's U+200B marks), a Han query is segmented greedily against the index's
tokens (Material's ``segment``, with the fix builder/adapters/mkdocs/material.py ships), and every
segment becomes a trailing-wildcard clause; lunr returns a page when any clause matches.
The browser tests (issue 7) check the real thing.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


class SearchIndex:
    def __init__(self, path: Path):
        data = json.loads(path.read_text(encoding="utf-8"))
        self.separator = re.compile(data["config"]["separator"])
        self.docs: dict[str, set[str]] = {}
        for doc in data["docs"]:
            text = html.unescape(re.sub(r"<[^>]+>", " ", f"{doc['title']} {doc['text']}"))
            tokens = {t.lower() for t in self.separator.split(text) if t}
            self.docs.setdefault(doc["location"].split("#")[0], set()).update(tokens)
        self.tokens = set().union(*self.docs.values())

    def segment(self, query: str) -> set[str]:
        """Port of Material's segment(), with ``j <= n`` (see builder/adapters/mkdocs/material.py)."""
        n = len(query)
        cuts = [0] * (n + 1)
        for i in range(n):
            for j in range(i + 1, n + 1):
                if query[i:j] in self.tokens:
                    cuts[i] = j - i
        segments, stack = set(), [0]
        while stack:
            p = stack.pop()
            for q in range(1, cuts[p]):
                if cuts[p + q] > cuts[p] - q:
                    segments.add(query[p:p + q])
                    stack.append(p + q)
            q = p + cuts[p]
            if q < n and cuts[q] and q < n - 1:
                stack.append(q)
            segments.add(query[p:q])
        return {query} if "" in segments else segments

    def search(self, query: str) -> set[str]:
        clauses: list[str] = []
        for part in self.separator.split(query):
            if not part:
                continue
            pos = 0
            for m in HAN_RUN.finditer(part):
                clauses += [part[pos:m.start()]] if m.start() > pos else []
                clauses += sorted(self.segment(m.group()))
                pos = m.end()
            clauses += [part[pos:]] if pos < len(part) else []
        clauses = [c.lower() for c in clauses if c]
        return {loc for loc, tokens in self.docs.items()
                if any(t.startswith(c) for c in clauses for t in tokens)}
