"""The patch to Material's JavaScript (builder/adapters/mkdocs/material.py): applied only to the
exact asset it was verified on, with exactly one change and a pinned result; anything else ships
the stock file with one line saying so. (The search worker's fix is retired: the site's search is
builder/search/, and Material's worker is not loaded.)"""
from __future__ import annotations

import hashlib
import subprocess
import sys
from dataclasses import replace
from importlib import metadata
from pathlib import Path

import pytest

from builder.adapters.mkdocs import material
from builder.adapters.mkdocs.material import PatchError, Verified, patch_bundle, patched_assets

BUNDLE = "assets/javascripts/bundle.a5f9d56c.min.js"
# Material 9.8.2: asset -> (original sha256, patched sha256, the one change: original piece, patched piece)
PINNED = {
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
    """A copy of the installed theme's patched asset (and its version line) to alter."""
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
        "assets/javascripts/bundle.*.min.js": (Verified("9.8.2", *PINNED[BUNDLE][:2]),),
    }


def test_bundle_fix_removes_exactly_one_start_of_the_helper():
    js = "x;ui({document$:ct});var a=new b,c=d(e.base);"
    assert patch_bundle(js) == "x;var a=new b,c=d(e.base);"
    with pytest.raises(PatchError):
        patch_bundle(js + js)  # twice is not once


def test_unknown_asset_ships_stock_with_one_line(theme):
    bundle = theme / BUNDLE
    bundle.write_bytes(bundle.read_bytes() + b"\n")
    result = patched_assets(theme)
    assert set(result.assets) == set()
    assert result.problems == (
        f"Material 9.8.2's main bundle (bundle.a5f9d56c.min.js, sha256 {sha256(bundle.read_bytes())}) is not "
        "the one this fix was verified on (9.8.2); the stock file ships: the language selector's helper "
        "requests <page>/sitemap.xml and logs 404s. Update builder/adapters/mkdocs/material.py",)


def test_missing_or_renamed_asset_gives_one_line(theme):
    (theme / BUNDLE).rename(theme / BUNDLE.replace(".min.js", ".js"))
    result = patched_assets(theme)
    assert set(result.assets) == set()
    assert len(result.problems) == 1
    assert result.problems[0].startswith("Material 9.8.2 has no main bundle (assets/javascripts/bundle.*.min.js)")
    assert "Update builder/adapters/mkdocs/material.py" in result.problems[0]


def test_verified_asset_whose_fix_no_longer_reproduces_its_result(theme, monkeypatch):
    bundle = material.PATCHES[0]
    wrong = Verified("9.8.2", PINNED[BUNDLE][0], "0" * 64)
    monkeypatch.setattr(material, "PATCHES", (replace(bundle, verified=(wrong,)),))
    result = patched_assets(theme)
    assert set(result.assets) == set()
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
