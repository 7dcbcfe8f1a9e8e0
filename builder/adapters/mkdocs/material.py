"""Two checked text patches to Material's shipped JavaScript (Material 9.x is in maintenance mode;
its code is not configurable here). If an expected piece of code is absent (a new release), the
build warns and the stock file ships.

1. Search worker: a one-character fix, so a Chinese phrase query can match itself.

Material segments a Han query greedily against the tokens in the index, but its loop tests
only substrings that stop before the query's last character (``for (j = i + 1; j < n; …)``).
A query such as ``两个维护`` can then never be found as the whole token jieba indexed (the
glossary's user dictionary keeps it whole); it falls back to pieces like ``两个*``, which match
every page holding 两个确立 or 两个毫不动摇 as well. Allowing ``j <= n`` makes the phrase
its own segment.

2. Main bundle: the "stay on the same page when switching language" helper is not started.
   It fetches ``sitemap.xml`` relative to every ``<link rel="alternate">``; this site's
   alternate links already name the same page in each edition (so they work without
   JavaScript), and the helper's lookups would request ``<page>/sitemap.xml`` and log 404s.
"""
from __future__ import annotations

import re

from mkdocs.structure.files import File, Files

WORKER_RE = re.compile(r"^assets/javascripts/workers/search\.[0-9a-f]+\.min\.js$")
BUNDLE_RE = re.compile(r"^assets/javascripts/bundle\.[0-9a-f]+\.min\.js$")
# ui({document$:ct}); — the alternate-link helper, started once at load
ALTERNATE_CALL_RE = re.compile(r"(?<=;)(\w+)\(\{document\$:(\w+)\}\);(?=var \w+=new \w+,\w+=\w+\(\w+\.base\))")
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


def patch_bundle(js: str) -> str:
    patched, count = ALTERNATE_CALL_RE.subn("", js)
    if count != 1:
        raise PatchError("Material's main bundle changed: its alternate-link helper was not disabled "
                         "(see builder/material_patches.py)")
    return patched


def patch(files: Files, config) -> list[str]:
    """Replace the theme's worker and bundle with patched copies; returns the problems found."""
    problems = []
    for pattern, fix in ((WORKER_RE, patch_source), (BUNDLE_RE, patch_bundle)):
        for file in [f for f in files if pattern.match(f.src_uri)]:
            with open(file.abs_src_path, encoding="utf-8") as fh:
                js = fh.read()
            try:
                content = fix(js)
            except PatchError as exc:
                problems.append(str(exc))
                continue
            files.remove(file)
            files.append(File.generated(config, file.src_uri, content=content))
    return problems
