from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from builder.pipeline import load_corpus
from builder.records import Line

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
    for name in ("mkdocs.yml", "glossary.yaml"):
        shutil.copy(ROOT / name, dest / name)
    for name in ("docs", "source_texts", "overrides"):
        shutil.copytree(ROOT / name, dest / name)
    shutil.copytree(ROOT / "builder" / "templates", dest / "builder" / "templates")
    return dest


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path)
