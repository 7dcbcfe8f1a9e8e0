"""MkDocs copies the same theme files with the adapter's theme loader as with its own, which
walks every hidden icon folder (builder/adapters/mkdocs/builds.py: ThemeLoader)."""
from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config
from mkdocs.structure.files import get_files

from builder.adapters.mkdocs.builds import CompiledTemplates

ROOT = Path(__file__).resolve().parent.parent


def _theme_files(config) -> list[tuple[str, str]]:
    files = get_files(config)
    files.add_files_from_theme(config.theme.get_env(), config)
    return sorted((f.src_uri, f.abs_src_path) for f in files)


def test_the_theme_loader_lists_what_mkdocs_copies(tmp_path):
    overrides = tmp_path / "overrides"
    (overrides / ".icons" / "custom").mkdir(parents=True)
    (overrides / ".icons" / "custom" / "mark.svg").write_text("<svg/>", encoding="utf-8")
    (overrides / "assets").mkdir()
    (overrides / "assets" / "extra.css").write_text("a{}", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# x\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\ntheme:\n  name: material\n  custom_dir: overrides\n",
                                         encoding="utf-8")
    stock, listed = load_config(str(tmp_path / "mkdocs.yml")), load_config(str(tmp_path / "mkdocs.yml"))
    CompiledTemplates().on_config(listed)
    expected = _theme_files(stock)
    assert _theme_files(listed) == expected
    assert ("assets/extra.css", str(overrides / "assets" / "extra.css")) in expected
    assert not any("/.icons/" in f"/{uri}" for uri, _ in expected)
    env = listed.theme.get_env()
    assert env.get_template(".icons/custom/mark.svg").render() == "<svg/>", "hidden files still load by name"
    assert env.get_template(".icons/material/home.svg").render().startswith("<svg")
