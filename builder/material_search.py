"""A one-character fix to Material's search worker, so a Chinese phrase query can match itself.

Material segments a Han query greedily against the tokens in the index, but its loop tests
only substrings that stop before the query's last character (``for (j = i + 1; j < n; …)``).
A query such as ``两个维护`` can then never be found as the whole token jieba indexed (the
glossary's user dictionary keeps it whole); it falls back to pieces like ``两个*``, which match
every page holding 两个确立 or 两个毫不动摇 as well. Allowing ``j <= n`` makes the phrase
its own segment.

The worker is minified and versioned, so the fix is a checked text substitution: if the
expected code is absent (a new Material release), the build warns and the stock worker ships.
"""
from __future__ import annotations

import re

from mkdocs.structure.files import File, Files

WORKER_RE = re.compile(r"^assets/javascripts/workers/search\.[0-9a-f]+\.min\.js$")
# for(let s=0;s<t.length;s++)for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)
LOOP_RE = re.compile(
    r"for\(let (\w)=(\w)\+1;\1<(\w)\.length;\1\+\+\)(\3\.slice\(\2,\1\)in \w&&\(\w\[\2\]=\1-\2\))")


class PatchError(Exception):
    pass


def patch_source(js: str) -> str:
    patched, count = LOOP_RE.subn(r"for(let \1=\2+1;\1<=\3.length;\1++)\4", js)
    if count != 1:
        raise PatchError("Material's search worker changed: the Chinese query fix was not applied "
                         "(see builder/material_search.py)")
    return patched


def patch_worker(files: Files, config) -> None:
    workers = [f for f in files if WORKER_RE.match(f.src_uri)]
    if not workers:
        return  # search plugin disabled
    for worker in workers:
        with open(worker.abs_src_path, encoding="utf-8") as fh:
            js = fh.read()
        files.remove(worker)
        files.append(File.generated(config, worker.src_uri, content=patch_source(js)))
