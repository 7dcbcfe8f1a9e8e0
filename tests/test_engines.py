"""One core, two engines: `python -m builder export` writes what the MkDocs plugin builds from,
and Zensical builds the same exported editions with the same anchors, term marks, headings
and links as MkDocs."""
from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest

from conftest import ROOT, copy_project, tree_digest

EDITION_PREFIXES = ["", "en/", "zh-hant/"]


def test_no_module_outside_the_adapter_imports_mkdocs():
    offenders = []
    for path in (ROOT / "builder").rglob("*.py"):
        if "adapters/mkdocs" in path.as_posix():
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            offenders += [f"{path.relative_to(ROOT)}: {n}" for n in names if n.split(".")[0] == "mkdocs"]
    assert offenders == []


def test_the_adapter_is_thin():
    plugin = (ROOT / "builder" / "adapters" / "mkdocs" / "plugin.py").read_text(encoding="utf-8")
    code = [ln for ln in plugin.splitlines() if ln.strip() and not ln.strip().startswith("#")]
    assert len(code) < 150, len(code)


def test_no_edition_identity_checks_outside_the_edition_objects():
    pattern = re.compile(r"\bis (?:not )?(?:EN|ZH|ZH_HANT|DEFAULT)\b|== ?(?:EN|ZH_HANT)\b|\.code == ['\"]")
    hits = [f"{p.relative_to(ROOT)}:{i}" for p in (ROOT / "builder").rglob("*.py") if p.name != "editions.py"
            for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    assert hits == []


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("export"))
    out = project / "exported"
    run = subprocess.run([sys.executable, "-m", "builder", "export", str(out)], cwd=project,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return project, out


def test_export_and_plugin_build_from_byte_identical_pages(exported, built):
    """The plugin's own export (under .cache/) and the command's are the same files, and the
    default edition's pages MkDocs published come from it."""
    _, out = exported
    project, _, _ = built
    plugin_tree = tree_digest(project / ".cache" / "lvliang-reports" / "editions")
    command_tree = tree_digest(out)
    plugin_tree = {k: v for k, v in plugin_tree.items() if "/site/" not in k and "/.cache/" not in k}
    assert plugin_tree and plugin_tree == command_tree
    for code in ("zh", "en", "zh-hant"):
        assert any(k.startswith(f"{code}/docs/reports/") for k in command_tree)


def test_exported_configuration_names_no_plugin_of_the_builder(exported):
    _, out = exported
    for code in ("zh", "en", "zh-hant"):
        text = (out / code / "mkdocs.yml").read_text(encoding="utf-8")
        assert "lvliang-reports" not in text and "docs_dir: docs" in text


def test_export_writes_only_what_changed(exported):
    project, out = exported
    again = subprocess.run([sys.executable, "-m", "builder", "export", str(out)], cwd=project,
                           capture_output=True, text=True)
    assert again.returncode == 0 and "0 changed" in again.stdout, again.stdout


def test_an_export_rewrites_what_changed_and_removes_what_it_no_longer_writes(tmp_path):
    """Within one process (as while serving) and across processes: a file changed on disk behind
    the export's back is written again, a file no longer exported goes with its emptied folder,
    and a stray file an earlier run left in a managed folder is removed; nothing else is
    touched."""
    from builder.export.tree import write_tree

    out = tmp_path / "out"
    stray = out / "zh" / "docs" / "glossary" / "gone-term" / "index.md"
    stray.parent.mkdir(parents=True)
    stray.write_text("left by an earlier run", encoding="utf-8")
    (out / "zh" / "site").mkdir(parents=True)
    (out / "zh" / "site" / "index.html").write_text("the engine's", encoding="utf-8")
    files = {"zh/mkdocs.yml": b"site_name: x\n", "zh/docs/index.md": b"# A\n",
             "zh/docs/glossary/term/index.md": b"# T\n", "zh/docs/search/p/0.json": b"{}"}
    changed, added, removed = write_tree(out, files, ["zh"])
    assert sorted(added) == sorted(files) and removed == {"zh/docs/glossary/gone-term/index.md"}
    assert not stray.parent.exists() and (out / "zh" / "site" / "index.html").exists()
    assert write_tree(out, files, ["zh"]) == ([], set(), set())
    (out / "zh" / "docs" / "index.md").write_bytes(b"# edited by hand, same size?\n")
    files2 = {k: v for k, v in files.items() if k != "zh/docs/glossary/term/index.md"}
    changed, added, removed = write_tree(out, files2, ["zh"])
    assert sorted(changed) == ["zh/docs/glossary/term/index.md", "zh/docs/index.md"] and not added
    assert (out / "zh" / "docs" / "index.md").read_bytes() == b"# A\n"
    assert not (out / "zh" / "docs" / "glossary").exists(), "an emptied folder goes too"
    files2["zh/docs/search/p/0.json"] = b"[]"
    assert write_tree(out, files2, ["zh"])[0] == ["zh/docs/search/p/0.json"]
    assert (out / "zh" / "docs" / "search" / "p" / "0.json").read_bytes() == b"[]"
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()) == sorted(
        [*files2, "zh/site/index.html"])


def _pages(site: Path, prefix: str) -> dict[str, str]:
    root = site / prefix if prefix else site
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
            for p in root.rglob("index.html")
            if not any(p.relative_to(root).as_posix().startswith(e) for e in ("en/", "zh-hant/") if e != prefix)}


def _article(html: str) -> str:
    m = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', html, re.S)
    return m.group(1) if m else ""


def _facts(html: str, page: str) -> dict:
    body = _article(html)
    return {
        "anchors": re.findall(r'<(?:p|li|h[1-6])[^>]*\bid="((?:p|h)-[0-9a-f]+)"', body),
        "marks": re.findall(r'<a class="term" href="([^"]+)"[^>]*data-term="([^"]+)">', body),
        "headings": [re.sub(r"<[^>]+>|¶", "", h).strip() for h in re.findall(r"<h[1-6][^>]*>(.*?)</h[1-6]>", body, re.S)],
        "links": sorted(urljoin("/" + page, re.sub(r"^\./", "", h)).rstrip("/")
                        for h in re.findall(r'<a [^>]*href="([^"#][^"]*)"', body)
                        if not h.startswith(("http", "mailto"))),
    }


@pytest.mark.skipif(shutil.which("zensical") is None and not Path(sys.executable).with_name("zensical").exists(),
                    reason="zensical is installed with the test extra")
def test_zensical_builds_every_edition_with_the_same_anchors_marks_headings_and_links(exported, built):
    project, _ = exported
    site = project / "zsite"
    run = subprocess.run([sys.executable, "-m", "builder", "build", "--engine", "zensical", "--site-dir", str(site)],
                         cwd=project, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-2000:]
    mk_site = built[0] / "site"
    compared = 0
    for prefix in EDITION_PREFIXES:
        mk, zs = _pages(mk_site, prefix), _pages(site, prefix)
        assert set(mk) - {"404.html"} <= set(zs), sorted(set(mk) - set(zs))[:5]
        for page in [p for p in mk if p.startswith(("reports/", "glossary/"))]:
            page_dir = page[: -len("index.html")]
            a, b = _facts(mk[page], page_dir), _facts(zs[page], page_dir)
            assert a["anchors"] == b["anchors"], (prefix, page)
            assert a["marks"] == b["marks"], (prefix, page)
            assert a["headings"] == b["headings"], (prefix, page)
            assert a["links"] == b["links"], (prefix, page)
            compared += 1
        # The edition links are static data: the same hreflang links in both engines.
        home = "reports/2023-government-work-report/index.html"
        assert re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)"', mk[home]) == \
            re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)"', zs[home])
    assert compared > 700


def test_templates_come_from_the_package_whatever_the_working_directory(tmp_path):
    """A project folder holding template files (an old copy, say) must not supply the templates
    of `mkdocs build` run there: they come from the installed package."""
    project = copy_project(tmp_path)
    for folder in (project / "builder" / "templates", project / "templates", project / "render" / "templates"):
        folder.mkdir(parents=True)
        (folder / "report.md.j2").write_text("HIJACKED\n", encoding="utf-8")
    mkdocs = shutil.which("mkdocs") or str(Path(sys.executable).with_name("mkdocs"))
    run = subprocess.run([mkdocs, "build", "--strict"], cwd=project, capture_output=True, text=True,
                         env={"NO_MKDOCS_2_WARNING": "1", "PATH": str(Path(sys.executable).parent), "LVLIANG_EDITIONS": "zh"})
    assert run.returncode == 0, run.stderr[-2000:]
    page = (project / "site" / "reports" / "2023-government-work-report" / "index.html").read_text(encoding="utf-8")
    assert "HIJACKED" not in page and 'class="report-paragraph"' in page
