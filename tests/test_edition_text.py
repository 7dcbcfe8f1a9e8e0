"""Text rules every edition keeps, checked on the exported projects (no engine needed): the
Traditional edition is Traditional throughout, in the character standard its readers expect,
and hand-written Chinese pages have no stray spaces where their source lines break."""
from __future__ import annotations

import re

import pytest
import yaml

from builder import config as build_config
from builder.export.tree import export_files, join_cjk_soft_breaks
from builder.text import CJK
from conftest import ROOT


@pytest.fixture(scope="module")
def files():
    return export_files(build_config.load(ROOT / "mkdocs.yml"))


def test_traditional_site_name_and_description_are_traditional(files):
    hant = yaml.safe_load(files["zh-hant/mkdocs.yml"])
    zh = yaml.safe_load(files["zh/mkdocs.yml"])
    assert hant["site_name"].startswith("呂梁市政府工作報告") and zh["site_name"].startswith("吕梁市政府工作报告")
    assert "與黨代會報告" in hant["site_description"]


def test_traditional_edition_uses_the_standard_forms_readers_expect(files):
    """OpenCC s2tw: 為 and 群眾, not the older 爲 and 羣眾 of s2t; characters, never vocabulary."""
    pages = "".join(v.decode() for k, v in files.items() if k.startswith("zh-hant/docs/reports/") and k.endswith(".md"))
    assert "為" in pages and "爲" not in pages and "羣" not in pages
    assert "群眾" in pages


def test_hand_written_pages_have_no_line_break_inside_chinese_text(files):
    for key, content in files.items():
        if not key.endswith(".md") or "/docs/reports/" in key or "/docs/glossary/" in key:
            continue
        lines = content.decode().split("\n")
        for a, b in zip(lines, lines[1:]):
            if re.search(f"[{CJK}]$", a) and re.match(f"[{CJK}]", b):
                assert a.lstrip().startswith(("|", "-", "*", "#", "<", ">")), (key, a[-10:], b[:10])


def test_soft_breaks_are_joined_only_inside_paragraphs():
    text = "---\ntitle: 标题\n---\n第一行，\n第二行。\n\n- 条目\n- 条目\n\n```\n代码，\n代码\n```\nEnglish line\nnext\n"
    assert join_cjk_soft_breaks(text) == ("---\ntitle: 标题\n---\n第一行，第二行。\n\n- 条目\n- 条目\n\n```\n代码，\n代码\n```\n"
                                          "English line\nnext\n")
