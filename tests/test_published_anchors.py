"""Anchors that outlive edits: a corrected paragraph keeps answering to its published anchor,
and a published anchor that lands nowhere stops the build with one line."""
from __future__ import annotations

import hashlib
import re
import subprocess
import sys

import pytest

from builder import config as build_config
from builder.corpus import load_for
from builder.errors import SourceError
from builder.export.tree import export_files
from conftest import ROOT, copy_project

REPORT = "2023-government-work-report"


def _edit_source(project, old: str, new: str) -> None:
    """Change the text of a source and record its new hash, as an editor would."""
    source = project / "source_texts" / f"{REPORT}.txt"
    data = source.read_bytes()
    assert old.encode() in data
    changed = data.replace(old.encode(), new.encode(), 1)
    source.write_bytes(changed)
    manifest = project / "source_texts" / "manifest.yaml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace(hashlib.sha256(data).hexdigest(), hashlib.sha256(changed).hexdigest()),
                        encoding="utf-8")


def test_every_current_anchor_is_recorded():
    run = subprocess.run([sys.executable, "-m", "builder", "anchors"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-1500:] + run.stderr


def test_an_edited_paragraph_keeps_its_published_anchor(tmp_path):
    project = copy_project(tmp_path)
    cfg = build_config.load(project / "mkdocs.yml")
    before = load_for(cfg)
    assert before.reports[3].id == REPORT
    raw = (project / "source_texts" / f"{REPORT}.txt").read_text(encoding="utf-8")
    # Correct one character in the middle of a long paragraph (a stretch that stands on one line
    # of the source, so the edit is a plain text edit).
    block, old = next((b, b.text[i - 6:i + 6]) for b in before.reports[3].blocks
                      if b.kind.value == "paragraph" and len(b.text) > 80
                      for i in range(len(b.text) // 2, len(b.text) - 6) if raw.count(b.text[i - 6:i + 6]) == 1)
    new = old[:6] + ("的" if old[6] != "的" else "了") + old[7:]
    _edit_source(project, old, new)
    after = load_for(cfg)
    moved = next(b for b in after.reports[3].blocks if new in b.text)
    assert moved.anchor != block.anchor  # the anchor is a hash of the text…
    assert block.anchor in moved.meta["aliases"]  # …and the published one still lands here
    page = export_files(cfg, after)[f"zh/docs/reports/{REPORT}/index.md"].decode()
    paragraph = re.search(rf'<p id="{moved.anchor}"[^>]*>(.*?)</p>', page).group(1)
    assert f'<span id="{block.anchor}" class="anchor-alias"></span>' in paragraph


def test_a_published_anchor_that_lands_nowhere_is_one_line(tmp_path):
    project = copy_project(tmp_path)
    record = project / "published_anchors.yaml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace(f"{REPORT}:\n", f"{REPORT}:\n  p-0000000: 这一段文字从来不在报告里面，也找不到相似的段落。\n", 1),
                      encoding="utf-8")
    with pytest.raises(SourceError) as info:
        load_for(build_config.load(project / "mkdocs.yml"))
    message = str(info.value)
    assert re.search(r"published_anchors\.yaml:\d+: published anchor p-0000000 of '2023-government-work-report' "
                     r"matches no paragraph", message) and "\n" not in message
