"""A checked text patch to Material's shipped JavaScript (Material 9.x is in maintenance mode;
its code is not configurable here).

Main bundle: the "stay on the same page when switching language" helper is not started. It
fetches ``sitemap.xml`` relative to every ``<link rel="alternate">``; this site's alternate
links already name the same page in each edition (so they work without JavaScript), and the
helper's lookups would request ``<page>/sitemap.xml`` and log 404s.

Retired: the fix to Material's search worker (its query segmenter tested only substrings
stopping before a Han query's last character, ``j < n``; the fix made it ``j <= n`` so that
``两个维护`` could match the whole token jieba indexed). The site's search is now the library's
own (builder/search/): Material's search plugin is off, its worker and index are never loaded,
so the fix had nothing left to fix and its regex-on-minified-code coupling went with it. It was
verified on Material 9.8.2, ``search.a7633da7.min.js``, sha256 da1b3df5…3bd4 → 8ea491fa…673d.

How patches are applied: each patch is keyed to the SHA-256 of the exact asset it was verified on
(``Patch.verified``: Material version, original hash, patched hash). ``patched_assets`` reads the
installed theme folder and returns the patched text under the asset's own path, which the export
writes into the edition's ``docs/`` folder (a docs file overrides the theme file of the same
path). An asset whose hash is not in the table, a fix that does not reproduce its recorded
result, or an asset that is missing or renamed gives no patch and one line saying what the reader
loses; the stock file then ships. Nothing here imports MkDocs.

To verify a new Material release: check that each fix still makes sense in the new minified code
(search for the regexes below), then add a ``Verified`` row per asset; tests/test_material_patches.py
pins the rows.
"""
from __future__ import annotations

import functools
import hashlib
import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Callable, Mapping, NamedTuple

# ui({document$:ct}); — the alternate-link helper, started once at load
ALTERNATE_CALL_RE = re.compile(r"(?<=;)(\w+)\(\{document\$:(\w+)\}\);(?=var \w+=new \w+,\w+=\w+\(\w+\.base\))")

HERE = "builder/adapters/mkdocs/material.py"


class PatchError(Exception):
    pass


def patch_bundle(js: str) -> str:
    """The main bundle without the call that starts the alternate-link helper; exactly one removal."""
    patched, count = ALTERNATE_CALL_RE.subn("", js)
    if count != 1:
        raise PatchError(f"the alternate-link helper's start was found {count} times, not once")
    return patched


class Verified(NamedTuple):
    material: str  # the Material release the asset ships in
    original: str  # SHA-256 of the asset as installed (bytes)
    patched: str  # SHA-256 of the patched text, UTF-8


@dataclass(frozen=True)
class Patch:
    asset: str  # what it is, for the reader of a problem line
    glob: str  # where it is, relative to the theme folder (= the path under the site)
    loss: str  # what the reader loses when the stock file ships
    fix: Callable[[str], str]
    verified: tuple[Verified, ...]


PATCHES = (
    Patch("main bundle", "assets/javascripts/bundle.*.min.js",
          "the language selector's helper requests <page>/sitemap.xml and logs 404s", patch_bundle, (
              Verified("9.8.2", "b9a1ef14b5e91ad61fa8d7dd42e1f55e6af0ebd224bc8970dff0e7d7311b172f",
                       "c094e596f524121df9006e9b374a732f953e35f222c2ee61d19d8cd7d4ca4932"),
          )),
)


class PatchResult(NamedTuple):
    assets: Mapping[str, str]  # path under the site (= under the theme folder) -> patched text
    problems: tuple[str, ...]  # one line per patch not applied


def material_theme_dir() -> Path:
    """The installed Material theme folder (``material/templates``), found without importing it."""
    spec = importlib.util.find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("mkdocs-material is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "templates"


def patched_assets(theme_dir: Path) -> PatchResult:
    """The patched copies of the theme's assets and the problems found, computed once per
    process for a given theme folder (and recomputed if one of its assets changes on disk)."""
    theme_dir = Path(theme_dir).resolve()
    stamp = tuple((str(p), st.st_size, st.st_mtime_ns)
                  for patch in PATCHES for p in sorted(theme_dir.glob(patch.glob)) for st in [p.stat()])
    return _patched_assets(theme_dir, stamp)


@functools.lru_cache(maxsize=8)
def _patched_assets(theme_dir: Path, stamp: tuple) -> PatchResult:
    version = material_version(theme_dir)
    assets: dict[str, str] = {}
    problems: list[str] = []
    for patch in PATCHES:
        found = sorted(theme_dir.glob(patch.glob))
        if not found:
            problems.append(f"Material {version} has no {patch.asset} ({patch.glob}): renamed or removed, "
                            f"so its fix is not applied and {patch.loss}. Update {HERE}")
        for path in found:
            text, problem = _apply(patch, path, version)
            if problem:
                problems.append(problem)
            else:
                assets[path.relative_to(theme_dir).as_posix()] = text
    return PatchResult(MappingProxyType(assets), tuple(problems))


def _apply(patch: Patch, path: Path, version: str) -> tuple[str, str]:
    """(patched text, "") or ("", the one line saying why not)."""
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    row = next((v for v in patch.verified if v.original == digest), None)
    stock = f"the stock file ships: {patch.loss}. Update {HERE}"
    if row is None:
        on = ", ".join(sorted({v.material for v in patch.verified}))
        return "", (f"Material {version}'s {patch.asset} ({path.name}, sha256 {digest}) is not the one "
                    f"this fix was verified on ({on}); {stock}")
    try:
        text = patch.fix(data.decode("utf-8"))
    except (PatchError, UnicodeDecodeError) as exc:
        return "", f"Material {version}'s {patch.asset} ({path.name}): the verified fix did not apply ({exc}); {stock}"
    result = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if result != row.patched:
        return "", (f"Material {version}'s {patch.asset} ({path.name}): the fix gave sha256 {result}, "
                    f"not the {row.patched} verified on {row.material}; {stock}")
    return text, ""


def material_version(theme_dir: Path) -> str:
    """The version in ``material/__init__.py`` next to the theme folder, read as text."""
    try:
        source = (Path(theme_dir).parent / "__init__.py").read_text(encoding="utf-8")
    except OSError:
        return "(unknown version)"
    match = re.search(r'^__version__\s*=\s*["\']([^"\']+)["\']', source, re.M)
    return match.group(1) if match else "(unknown version)"
