"""The site as MkDocs builds it: strict build, pages, escaping, failures that leave no half site."""
from __future__ import annotations

import hashlib
import html
import re

from conftest import inputs_digest, mkdocs_build, tree_digest

from builder.render.renderer import Renderer

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "**粗体**",
    "# 不是标题",
    "| 表 | 格 |",
    "{{ x }}",
    "{% if %}",
    "&amp; &lt;",
]


def test_strict_build_has_no_warnings(built):
    _, result, _ = built
    assert "WARNING" not in result.stderr


def test_every_report_has_a_page_with_toc_and_change_log(built):
    project, _, _ = built
    site = project / "site"
    for rid in ("2020-government-work-report", "2021-party-congress-report", "2022-government-work-report-summary",
                "2023-government-work-report", "2026-government-work-report"):
        page = (site / "reports" / rid / "index.html").read_text(encoding="utf-8")
        assert 'class="md-nav md-nav--secondary"' in page  # Material's table of contents
        assert 'id="change-log"' in page and "<details" in page
        assert re.search(r'<p id="p-[0-9a-f]{7}" class="report-paragraph"', page)
    summary = (site / "reports" / "2022-government-work-report-summary" / "index.html").read_text(encoding="utf-8")
    assert 'id="dedupe-log"' in summary and len(re.findall(r"<h3[^>]*>（三）加快推进生态环境治理", summary)) == 1
    assert summary.count('class="report-repeat-note"') == 2  # （六）（七） repeat （五）'s body
    index = (site / "reports" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<td><a href=\"2020-government-work-report/\">2020年吕梁市政府工作报告", index)


def test_build_leaves_sources_untouched(built):
    project, _, before = built
    assert inputs_digest(project) == before


def test_search_index_holds_report_text(built):
    """The library's index (builder/search/) is in the site; the theme's is not."""
    project, _, _ = built
    import gzip
    import json
    search = project / "site" / "search"
    meta = json.loads(gzip.decompress((search / "meta.json.gz").read_bytes()))
    page = next(i for i, (url, _) in enumerate(meta["pages"]) if url == "reports/2023-government-work-report/")
    first, end = meta["pages_at"][page], meta["pages_at"][page + 1]
    text = "".join(entry[1] for chunk in sorted(search.glob("t/*.json")) for n, entry in
                   enumerate(json.loads(chunk.read_text(encoding="utf-8")), meta["chunks_at"][int(chunk.stem)])
                   if first <= n < end)
    assert "一黑二白" in text
    assert not (search / "search_index.json").exists()


def test_hostile_text_is_shown_literally(project):
    text = "一、" + " ".join(HOSTILE) + "\n\n" + "。".join(HOSTILE) + "。\n"
    data = text.encode("utf-8")
    (project / "source_texts" / "hostile.txt").write_bytes(data)
    manifest = project / "source_texts" / "manifest.yaml"
    manifest.write_text(
        "reports:\n  - id: hostile\n    file: hostile.txt\n"
        f"    sha256: '{hashlib.sha256(data).hexdigest()}'\n    year: 2024\n    kind: summary\n"
        "    title: {zh: '<b>标题</b> {{ t }}', en: T}\n    covers: {zh: '*全文*', en: all}\n    origin: {zh: 测试, en: test}\n",
        encoding="utf-8")
    (project / "source_texts" / "editorial-notes.yaml").unlink()  # its notes are about the real reports
    (project / "published_anchors.yaml").unlink()  # so are its anchors
    (project / "glossary.yaml").write_text(
        "categories:\n  party: {zh: 党建, en: Party}\nterms:\n"
        "  - id: hostile-term\n    term: 标题\n    en: '<b>Title</b>'\n"
        "    definition: '<script>alert(2)</script> {{ x }} **b** [x](javascript:alert(3))'\n"
        "    definition_zh: '<img/src=x>释义{{x}}**粗**'\n"
        "    level: national\n    category: party\n    evidence:\n      - source: '<i>src</i>'\n",
        encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "reports" / "hostile" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<img src=x" not in page and 'href="javascript' not in page
    visible = html.unescape(re.sub(r"<[^>]+>", "", page))
    for piece in HOSTILE:
        assert piece.replace(" ", "") in visible.replace(" ", ""), piece
    assert "<b>标题</b> {{ t }}" in visible
    term = (project / "site" / "glossary" / "hostile-term" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(2)" not in term and "<i>src</i>" not in term and 'href="javascript' not in term
    visible = html.unescape(re.sub(r"<[^>]+>", "", term))
    assert "<img/src=x>释义{{x}}**粗**" in visible  # the Chinese definition, as text
    assert "<img/src=x" not in term
    assert "<i>src</i>" in visible
    english = (project / "site" / "en" / "glossary" / "hostile-term" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(2)" not in english and 'href="javascript' not in english
    visible = html.unescape(re.sub(r"<[^>]+>", "", english))
    assert "<script>alert(2)</script> {{ x }} **b** [x](javascript:alert(3))" in visible


def test_bad_source_stops_build_with_one_line_and_keeps_previous_site(project):
    first = mkdocs_build(project)
    assert first.returncode == 0, first.stderr
    before = tree_digest(project / "site")
    source = project / "source_texts" / "2023-government-work-report.txt"
    source.chmod(0o644)
    source.write_bytes(source.read_bytes() + "新增一句。".encode())
    result = mkdocs_build(project)
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if "ERROR" in line or "Error" in line]
    assert any("source_texts/manifest.yaml:" in line and "2023-government-work-report.txt does not match the SHA-256"
               in line for line in errors)
    assert "Traceback" not in result.stderr
    assert tree_digest(project / "site") == before, "a failed build leaves the previous site whole"


def test_heading_escaping_roundtrips_through_markdown():
    import markdown
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from builder.render.renderer import md_heading

    alphabet = st.sampled_from(list("*_#<>[]()!|{}`\\&-+.~^=:%") + list("政府工作报告一二三") + ["{{", "{%", "**"])

    @settings(max_examples=300, deadline=None)
    @given(st.lists(alphabet, min_size=1, max_size=30).map("".join))
    def roundtrip(text):
        text = text.strip()
        if not text:
            return
        out = markdown.markdown("## " + md_heading(text) + " {: #h-x }", extensions=["attr_list", "tables", "admonition", "toc"])
        inner = re.fullmatch(r'<h2 id="h-x">(.*)</h2>', out, re.S)
        assert inner, out
        assert html.unescape(inner.group(1)) == text

    roundtrip()


def test_renderer_escapes_paragraph_html():
    from builder.render.renderer import _groups
    from builder.report.records import Block, BlockKind
    blocks = [Block(BlockKind.PARAGRAPH, "<i>x</i>", 1, 1, anchor="p-1")]
    assert list(_groups(blocks))[0][0] == "paragraph"
    assert Renderer().env.filters["html"]("<i>x</i>") == "&lt;i&gt;x&lt;/i&gt;"


def test_failure_in_a_later_edition_keeps_the_previous_site_whole(project):
    """The English edition is built after the Chinese one: if it fails, the previous site stays
    as it was (the build wrote into a staging folder that is dropped), with nothing left beside it."""
    first = mkdocs_build(project)
    assert first.returncode == 0, first.stderr
    before = tree_digest(project / "site")
    about = project / "docs" / "about.en.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n[broken](no-such-page.md)\n", encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode != 0 and "no-such-page.md" in result.stderr
    assert tree_digest(project / "site") == before
    assert not list(project.glob(".site.building-*"))


def test_two_builds_are_byte_identical(built, tmp_path):
    """Reproducible: a second build from the same inputs, in another folder, writes the same
    bytes (sitemaps aside: they carry the build date)."""
    from conftest import copy_project

    first, _, _ = built
    second = copy_project(tmp_path)
    result = mkdocs_build(second)
    assert result.returncode == 0, result.stderr
    def digest(root):
        return {k: v for k, v in tree_digest(root / "site").items() if not k.rsplit("/", 1)[-1].startswith("sitemap.xml")}
    a, b = digest(first), digest(second)
    assert a.keys() == b.keys()
    assert [k for k in a if a[k] != b[k]] == []
    assert len(a) > 3 * 270  # three editions of ~270 pages, with their assets
