from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from builder.report.pipeline import load_corpus
from builder.report.records import Line

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "source_texts" / "manifest.yaml"


@pytest.fixture(scope="session")
def corpus():
    return {report.id: report for report in load_corpus(MANIFEST)}


def lines_of(*texts: str) -> list[Line]:
    """Lines as the rules see them, numbered from 1; a leading space marks an indented line."""
    return [Line(i, t.strip(), indent=t[:1].isspace() and bool(t.strip())) for i, t in enumerate(texts, 1)]


def copy_project(dest: Path) -> Path:
    """A copy of the project (config, docs, sources) to build or break without touching ours."""
    for name in ("mkdocs.yml", "glossary.yaml", "published_anchors.yaml"):
        shutil.copy(ROOT / name, dest / name)
    for name in ("docs", "source_texts", "overrides", "translations"):
        shutil.copytree(ROOT / name, dest / name)
    return dest


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path)


def mkdocs_build(project: Path, *extra: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", *extra, "-f", str(project / "mkdocs.yml")],
                          capture_output=True, text=True, cwd=project,
                          env={"NO_MKDOCS_2_WARNING": "1", "PATH": "", **(env or {})})


def tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def inputs_digest(project: Path) -> dict[str, str]:
    """Digests of everything a build reads and must never change: sources, glossary, translations."""
    digest = {**tree_digest(project / "source_texts"), **tree_digest(project / "translations")}
    digest["glossary.yaml"] = hashlib.sha256((project / "glossary.yaml").read_bytes()).hexdigest()
    return digest


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("site"))
    before = inputs_digest(project)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project, result, before
