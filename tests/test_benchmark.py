"""The benchmark's synthetic corpora are real inputs: distinct ids, valid checksums, other figures."""
from __future__ import annotations

import importlib.util

from conftest import ROOT

from builder.inputs.manifest import load_manifest
from builder.report.pipeline import load_corpus

spec = importlib.util.spec_from_file_location("bench", ROOT / "benchmarks" / "run.py")
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)


def test_synthetic_corpus_has_distinct_valid_reports(tmp_path):
    project = bench.synthetic_project(tmp_path / "p", 3)
    entries = load_manifest(project / "source_texts" / "manifest.yaml")
    assert len(entries) == 15 and len({e.id for e in entries}) == 15
    reports = {r.id: r for r in load_corpus(project / "source_texts" / "manifest.yaml")}  # checksums hold
    original = reports["2023-government-work-report"].blocks
    copy = reports["2023-government-work-report-copy-1"].blocks
    assert len(copy) == len(original)
    assert [b.text for b in copy] != [b.text for b in original]  # figures differ, prose is the same
    assert abs(bench.source_mb(project) - 3 * bench.source_mb(bench.synthetic_project(tmp_path / "q", 1))) < 0.01
