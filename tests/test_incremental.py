"""Incremental builds equal cold ones, byte for byte.

An editor's session under `mkdocs serve --dirty` (the README's command) rebuilds only the pages
whose exported files changed. After each kind of edit the served site must be exactly what a
fresh server would build from the same files: a glossary definition, a mistake and its fix,
a source text shown before its new hash is recorded, then recorded by the editor's command, a
translation, the title of a hand-written page (which changes every page's navigation).
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_project, tree_digest

SESSION = Path(__file__).with_name("serve_session.py")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "LVLIANG_STALE": "info", "SOURCE_DATE_EPOCH": "1764460800"}


class Session:
    def __init__(self, project: Path, site: Path) -> None:
        self.process = subprocess.Popen([sys.executable, str(SESSION), str(project), str(site), "dirty"],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=ENV)

    def rebuild(self) -> str:
        self.process.stdin.write("build\n")
        self.process.stdin.flush()
        return self.process.stdout.readline().strip()

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=120)


def cold(project: Path, site: Path) -> dict[str, str]:
    result = subprocess.run([sys.executable, str(SESSION), str(project), str(site), "cold"],
                            capture_output=True, text=True, env=ENV, timeout=600)
    assert result.stdout.strip() == "built", result.stdout + result.stderr[-2000:]
    return tree_digest(site)


def differences(a: dict[str, str], b: dict[str, str]) -> list[str]:
    return sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def session(tmp_path):
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")
    site = tmp_path / "served"
    serving = Session(project, site)
    try:
        assert serving.rebuild() == "built"
        yield project, site, serving
    finally:
        serving.close()


def test_each_kind_of_edit_rebuilds_to_what_a_cold_build_gives(session, tmp_path):
    project, site, serving = session
    colds = iter(range(100))

    def same_as_cold(what: str) -> None:
        reference = cold(project, tmp_path / f"cold-{next(colds)}")
        assert differences(tree_digest(site), reference) == [], what

    glossary = project / "glossary.yaml"
    edit(glossary, "吕梁的三大传统产业", "吕梁的三大支柱产业")
    edit(glossary, "Lüliang's three traditional industries", "Lüliang's three pillar industries")
    assert serving.rebuild() == "built"
    assert "三大支柱产业" in (site / "glossary" / "yi-hei-er-bai" / "index.html").read_text(encoding="utf-8")
    assert "pillar industries" in (site / "en" / "glossary" / "yi-hei-er-bai" / "index.html").read_text(encoding="utf-8")
    same_as_cold("a glossary definition")

    good = glossary.read_text(encoding="utf-8")
    edit(glossary, "  level: national", "  levle: national")
    assert serving.rebuild() == "built"  # while serving, the error is shown, not raised
    for page in ("index.html", "en/glossary/yi-hei-er-bai/index.html", "zh-hant/reports/index.html"):
        assert 'class="build-error"' in (site / page).read_text(encoding="utf-8"), page
    glossary.write_text(good, encoding="utf-8")
    assert serving.rebuild() == "built"
    same_as_cold("a glossary mistake, then its fix")

    source = project / "source_texts" / "2023-government-work-report.txt"
    source.write_bytes(source.read_bytes().replace("开局之年".encode(), "开局之年份".encode(), 1))
    assert serving.rebuild() == "built"
    for page in ("", "en/", "zh-hant/"):
        shown = (site / page / "reports" / "2023-government-work-report" / "index.html").read_text(encoding="utf-8")
        assert "开局之年份" in shown or "開局之年份" in shown, f"{page}: the edit shows at once, before its hash is recorded"
        assert 'class="build-notice"' in shown and "python3 -m builder rehash 2023-government-work-report" in shown, \
            f"{page}: the report's page says its text is a preview and names the command that records the hash"
    assert "build-notice" not in (site / "reports" / "index.html").read_text(encoding="utf-8")
    same_as_cold("a source text whose new hash is not recorded yet (previewed)")
    rehash = subprocess.run([sys.executable, "-m", "builder", "rehash", "2023-government-work-report"],
                            cwd=project, capture_output=True, text=True, env=ENV)
    assert rehash.returncode == 0, rehash.stderr
    assert serving.rebuild() == "built"
    shown = (site / "zh-hant" / "reports" / "2023-government-work-report" / "index.html").read_text(encoding="utf-8")
    assert "開局之年份" in shown and "build-notice" not in shown, "recorded: the notice is gone"
    same_as_cold("a source text, its hash recorded with the editor's command")

    translation = project / "translations" / "en" / "2023-government-work-report.yaml"
    edit(translation, "Our medical workers put on their white coats", "Our doctors and nurses put on their white coats")
    assert serving.rebuild() == "built"
    same_as_cold("a translation")

    edit(project / "docs" / "about.md", "title: 关于与方法", "title: 关于本站与方法")
    assert serving.rebuild() == "built"
    navigation = (site / "reports" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"关于本站与方法", navigation), "another page's navigation shows the new title"
    same_as_cold("the title of a hand-written page")


def test_only_a_changed_set_of_pages_rebuilds_an_edition_whole(tmp_path):
    """A search data file added or removed (an edit that moves text across a chunk boundary)
    concerns that file alone: its built copy is removed with it, and no page is rebuilt. A page
    added or removed changes every page's navigation: the edition's output is emptied first."""
    from builder.adapters.mkdocs.builds import before_dirty_build
    from builder.editions import BY_CODE
    from builder.export.tree import Export

    zh = BY_CODE["zh"]
    site = tmp_path / "site"
    (site / "search" / "t").mkdir(parents=True)
    (site / "search" / "t" / "9.json").write_text("[]", encoding="utf-8")
    (site / "index.html").write_text("<p>x</p>", encoding="utf-8")
    (site / "en").mkdir()
    data = Export(tmp_path, (zh,), {}, ("zh/docs/search/t/9.json", "zh/docs/search/t/10.json", "zh/docs/index.md"),
                  frozenset({"zh/docs/search/t/10.json"}), frozenset({"zh/docs/search/t/9.json"}))
    assert not data.site_wide(zh)
    before_dirty_build(data, zh, str(site), ["zh", "en"])
    assert not (site / "search" / "t" / "9.json").exists() and (site / "index.html").is_file()
    page = Export(tmp_path, (zh,), {}, ("zh/docs/new/index.md",), frozenset({"zh/docs/new/index.md"}))
    assert page.site_wide(zh)
    before_dirty_build(page, zh, str(site), ["zh", "en"])
    assert not (site / "index.html").exists() and (site / "en").is_dir(), "emptied, but the other editions' folders"
