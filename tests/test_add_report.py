"""Adding a report is one command; recording a fixed source's hash is another. Run on copies
of the project: the report added must build, bad input must leave nothing behind."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import copy_project

from builder.errors import SourceError
from builder.inputs.adding import NewReport, add_report, rehash
from builder.inputs.manifest import load_manifest, sha256_of

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "other_cities"
COUNTY = FIXTURES / "fengchuan-2024-county-web-page.txt"
FLAGS = ["--title-en", "Fengchuan County Government Work Report 2024", "--covers-zh", "全文，部分段落被网页隐去",
         "--covers-en", "Full text, some passages hidden by the web page", "--origin-zh", "政府网站网页",
         "--origin-en", "government web page"]


def builder(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "builder", *args], cwd=project, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, env={"PATH": "", "PYTHONPATH": str(ROOT)})


def test_a_newcomer_adds_a_report_with_one_command_and_it_builds(tmp_path):
    project = copy_project(tmp_path)
    manifest = project / "source_texts" / "manifest.yaml"
    before = manifest.read_text(encoding="utf-8")
    result = builder(project, "add", str(COUNTY), *FLAGS)
    assert result.returncode == 0, result.stderr
    rid = "2024-government-work-report"  # inferred from the title the text begins with
    assert f"added {rid}" in result.stdout and f"python3 -m builder notes {rid}" in result.stdout
    copied = project / "source_texts" / f"{rid}.txt"
    assert copied.read_bytes() == COUNTY.read_bytes()
    after = manifest.read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n"))  # comments and earlier entries as they were
    entry = next(e for e in load_manifest(manifest) if e.id == rid)
    assert entry.sha256 == sha256_of(COUNTY.read_bytes()) and entry.title["zh"] == "2024年枫川县人民政府工作报告"
    assert (entry.year, entry.kind, entry.seed) == (2024, "government-work-report", COUNTY.name)

    check = builder(project, "check")
    assert check.returncode == 0, check.stderr
    assert f"{rid}: 24 blocks" in check.stdout

    from builder import config as build_config
    from builder.corpus import load_for
    from builder.editions import BY_CODE
    from builder.export.tree import options_for
    from builder.render.pages import build_edition

    cfg = build_config.load(project / "mkdocs.yml")
    page = build_edition(load_for(cfg), BY_CODE["zh"], options_for(cfg)).pages[f"reports/{rid}/index.md"]
    headings = [line for line in page.body.splitlines() if line.startswith("## ") or line.startswith("### ")]
    assert len(headings) == 8 and headings[0].startswith("## 一、2023年工作回顾")  # its own TOC


def _new(**fields) -> NewReport:
    new = NewReport(file=COUNTY, title={"zh": "", "en": "E"}, covers={"zh": "全文", "en": "Full text"},
                    origin={"zh": "网页", "en": "web page"})
    for key, value in fields.items():
        setattr(new, key, value)
    return new


@pytest.mark.parametrize("change, message", [
    (dict(id="2023-government-work-report"), "a report with id '2023-government-work-report' is already listed"),
    (dict(kind="speech"), "unknown kind 'speech'"),
    (dict(id="Not A Slug"), "must be a lowercase slug"),
    (dict(covers={"zh": "", "en": ""}), "cannot add without --covers-zh, --covers-en"),
])
def test_bad_input_is_refused_in_one_line_and_nothing_is_written(tmp_path, change, message):
    project = copy_project(tmp_path)
    manifest = project / "source_texts" / "manifest.yaml"
    before = (manifest.read_bytes(), sorted(p.name for p in manifest.parent.iterdir()))
    with pytest.raises(SourceError) as info:
        add_report(manifest, _new(**change))
    assert message in str(info.value) and "\n" not in str(info.value)
    assert (manifest.read_bytes(), sorted(p.name for p in manifest.parent.iterdir())) == before


@pytest.mark.parametrize("content, message", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
    (b"", "file is empty"),
    ("政府工作报告".encode("utf-16-le"), "not"),  # no BOM: neither UTF-8 nor plausible GB18030
])
def test_a_file_that_is_not_text_is_refused(tmp_path, content, message):
    project = copy_project(tmp_path)
    manifest = project / "source_texts" / "manifest.yaml"
    bad = tmp_path / "report.txt"
    bad.write_bytes(content)
    with pytest.raises(SourceError) as info:
        add_report(manifest, _new(file=bad, id="x-report", year=2024, kind="summary",
                                  title={"zh": "标题", "en": "Title"}))
    assert message in str(info.value)
    assert not (manifest.parent / "x-report.txt").exists()


def test_command_line_refusal_is_one_line(tmp_path):
    project = copy_project(tmp_path)
    result = builder(project, "add", str(COUNTY), "--kind", "speech", *FLAGS)
    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    result = builder(project, "add", str(COUNTY))  # not at a terminal: no questions, one line
    assert result.returncode == 1 and "--title-en" in result.stderr and result.stderr.count("\n") == 1


def test_rehash_records_the_hash_of_a_fixed_source(tmp_path):
    project = copy_project(tmp_path)
    manifest = project / "source_texts" / "manifest.yaml"
    source = project / "source_texts" / "2026-government-work-report.txt"
    source.write_bytes(source.read_bytes().replace("A1+".encode(), "AI+".encode(), 1))  # an editor's fix
    result = builder(project, "notes", "2026-government-work-report")
    assert result.returncode == 1 and "python -m builder rehash 2026-government-work-report" in result.stderr
    before = manifest.read_text(encoding="utf-8").splitlines()
    old, new, _ = rehash(manifest, "2026-government-work-report")
    after = manifest.read_text(encoding="utf-8").splitlines()
    assert new == sha256_of(source.read_bytes()) != old
    assert [i for i, (a, b) in enumerate(zip(before, after)) if a != b] == [before.index(f"    sha256: {old}")]
    assert builder(project, "notes", "2026-government-work-report").returncode == 0
