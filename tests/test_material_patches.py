"""The two patches to Material's JavaScript (builder/adapters/mkdocs/material.py): applied only to the
exact assets they were verified on, with exactly one change each and a pinned result; anything
else ships the stock file with one line saying so."""
from __future__ import annotations

import hashlib
import subprocess
import sys
from dataclasses import replace
from importlib import metadata
from pathlib import Path

import pytest

from builder.adapters.mkdocs import material
from builder.adapters.mkdocs.material import PatchError, Verified, patch_source, patched_assets

WORKER = "assets/javascripts/workers/search.a7633da7.min.js"
BUNDLE = "assets/javascripts/bundle.a5f9d56c.min.js"
# Material 9.8.2: asset -> (original sha256, patched sha256, the one change: original piece, patched piece)
PINNED = {
    WORKER: ("da1b3df5e5f00cc73083c9e21ff0ec28bde85cd247057bdd05b7a167e5903bd4",
             "8ea491fae413f36b723ae7d7e57f6585173281e05affaf2686a0a732c461673d", ("", "=")),
    BUNDLE: ("b9a1ef14b5e91ad61fa8d7dd42e1f55e6af0ebd224bc8970dff0e7d7311b172f",
             "c094e596f524121df9006e9b374a732f953e35f222c2ee61d19d8cd7d4ca4932", ("ui({document$:ct});", "")),
}


def sha256(text: str | bytes) -> str:
    return hashlib.sha256(text.encode("utf-8") if isinstance(text, str) else text).hexdigest()


def the_change(before: str, after: str) -> tuple[str, str]:
    """The single differing stretch between two texts (after the common start and end)."""
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end = 0
    while end < min(len(before), len(after)) - start and before[-1 - end] == after[-1 - end]:
        end += 1
    return before[start:len(before) - end], after[start:len(after) - end]


@pytest.fixture
def theme(tmp_path) -> Path:
    """A copy of the installed theme's two assets (and its version line) to alter."""
    installed = material.material_theme_dir()
    root = tmp_path / "material"
    (root / "__init__.py").parent.mkdir()
    (root / "__init__.py").write_text('__version__ = "9.8.2"\n', encoding="utf-8")
    for rel in PINNED:
        (root / "templates" / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / "templates" / rel).write_bytes((installed / rel).read_bytes())
    return root / "templates"


def test_installed_material_is_the_verified_one():
    assert metadata.version("mkdocs-material") == "9.8.2"
    installed = material.material_theme_dir()
    result = patched_assets(installed)
    assert result.problems == ()
    assert set(result.assets) == set(PINNED)
    for rel, (original, patched, change) in PINNED.items():
        before = (installed / rel).read_bytes()
        assert sha256(before) == original
        assert sha256(result.assets[rel]) == patched
        assert the_change(before.decode("utf-8"), result.assets[rel]) == change


def test_the_table_records_what_the_test_pins():
    rows = {p.glob: p.verified for p in material.PATCHES}
    assert rows == {
        "assets/javascripts/workers/search.*.min.js": (Verified("9.8.2", *PINNED[WORKER][:2]),),
        "assets/javascripts/bundle.*.min.js": (Verified("9.8.2", *PINNED[BUNDLE][:2]),),
    }


def test_worker_fix_lets_the_segmenter_reach_the_last_character():
    js = ("function fe(t,e){let r=new Set,n=new Uint16Array(t.length);for(let s=0;s<t.length;s++)"
          "for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s);")
    assert "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e" in patch_source(js)
    with pytest.raises(PatchError):
        patch_source(js + js)  # twice is not once


def test_unknown_asset_ships_stock_with_one_line(theme):
    worker = theme / WORKER
    worker.write_bytes(worker.read_bytes().replace(b"o<t.length", b"o< t.length", 1))
    result = patched_assets(theme)
    assert set(result.assets) == {BUNDLE}
    assert result.problems == (
        f"Material 9.8.2's search worker (search.a7633da7.min.js, sha256 {sha256(worker.read_bytes())}) is not "
        "the one this fix was verified on (9.8.2); the stock file ships: Chinese phrase queries fall back "
        "to pieces. Update builder/adapters/mkdocs/material.py",)


def test_missing_or_renamed_asset_gives_one_line(theme):
    (theme / BUNDLE).rename(theme / BUNDLE.replace(".min.js", ".js"))
    result = patched_assets(theme)
    assert set(result.assets) == {WORKER}
    assert len(result.problems) == 1
    assert result.problems[0].startswith("Material 9.8.2 has no main bundle (assets/javascripts/bundle.*.min.js)")
    assert "Update builder/adapters/mkdocs/material.py" in result.problems[0]


def test_verified_asset_whose_fix_no_longer_reproduces_its_result(theme, monkeypatch):
    worker = material.PATCHES[0]
    wrong = Verified("9.8.2", PINNED[WORKER][0], "0" * 64)
    monkeypatch.setattr(material, "PATCHES", (replace(worker, verified=(wrong,)), material.PATCHES[1]))
    result = patched_assets(theme)
    assert set(result.assets) == {BUNDLE}
    assert len(result.problems) == 1 and f"not the {'0' * 64} verified on 9.8.2" in result.problems[0]


def test_computed_once_per_process_and_again_when_an_asset_changes(theme):
    first = patched_assets(theme)
    assert patched_assets(theme) is first
    bundle = theme / BUNDLE
    bundle.write_bytes(bundle.read_bytes() + b"\n")
    assert patched_assets(theme).problems != ()


def test_patch_logic_imports_no_mkdocs():
    code = "import sys, builder.adapters.mkdocs.material; print(sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
