"""The theme overrides against the templates they extend: each override may differ from the installed
theme only by its intended change, so a Material (or Zensical) release that changes a template we
extend fails here instead of drifting silently; and the overrides render the same links and meta
tags in both engines from a page's front matter (``edition_links``, ``citation``)."""
from __future__ import annotations

import difflib
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from conftest import ROOT, mkdocs_build

OVERRIDES = ROOT / "overrides"
COMMENT = re.compile(r"\{#.*?#\}", re.S)
BLOCK_TAG = re.compile(r"\{%-?\s*(block\s+(\w+)|endblock(?:\s+\w+)?)\s*-?%\}")

# overrides/partials/alternate.html against the theme's partials/alternate.html, normalised: the
# links are the page's edition_links (href as the builder wrote it, lang, aria-current), and a
# page without them shows no selector. Nothing else may differ.
ALTERNATE_DIFF = [
    "@@ -0,0 +1,2 @@",
    "+{% set links = page.meta.edition_links if page and page.meta and page.meta.edition_links else [] %}",
    "+{% if links %}",
    "@@ -9 +11 @@",
    "-{% for alt in config.extra.alternate %}",
    "+{% for alt in links %}",
    "@@ -11 +13 @@",
    '-<a href="{{ alt.link | url }}" hreflang="{{ alt.lang }}" class="md-select__link">',
    '+<a href="{{ alt.href }}" hreflang="{{ alt.lang }}" lang="{{ alt.lang }}" class="md-select__link"'
    '{% if alt.current %} aria-current="true"{% endif %}>',
    "@@ -19,0 +22 @@",
    "+{% endif %}",
]
# The blocks overrides/main.html fills: each must be empty in the theme's base.html (so nothing of
# the theme's is replaced) and must call super() (so a later theme addition would still show).
MAIN_BLOCKS = {"extrahead"}
# What main.html relies on instead of copying site_meta: the theme writes hreflang links only when
# extra.alternate is a list (the editions set it to true), and shows the selector when it is truthy.
SITE_META_ALTERNATE = [
    "{% if config.extra.alternate is iterable %}",
    "{% for alt in config.extra.alternate %}",
    """<link rel="alternate" href="{{ alt.link | url }}" hreflang="{{ alt.lang | d(lang.t('language')) }}">""",
    "{% endfor %}",
    "{% endif %}",
]
HEADER_SELECTOR = ["{% if config.extra.alternate %}", '{% include "partials/alternate.html" %}', "{% endif %}"]
USES_OF_ALTERNATE = {"base.html", "partials/header.html", "partials/alternate.html"}


def theme_dir(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None:
        if package == "material":
            raise AssertionError("mkdocs-material is not installed")
        pytest.skip(f"{package} is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "templates"


THEMES = ["material", "zensical"]  # Zensical's templates descend from Material's; checked when installed


def normalise(text: str) -> list[str]:
    """Lines without comments, indentation, blank lines and whitespace control."""
    text = COMMENT.sub("", text)
    for dash, plain in (("{%-", "{%"), ("-%}", "%}"), ("{{-", "{{"), ("-}}", "}}")):
        text = text.replace(dash, plain)
    return [line.strip() for line in text.splitlines() if line.strip()]


def blocks(text: str) -> dict[str, str]:
    """Every ``{% block name %}…{% endblock %}`` by name (nested blocks included), its body only."""
    found, stack = {}, []
    for tag in BLOCK_TAG.finditer(COMMENT.sub("", text)):
        if tag.group(2):
            stack.append((tag.group(2), tag.end()))
        else:
            name, start = stack.pop()
            found[name] = tag.string[start:tag.start()]
    assert not stack, "unbalanced blocks"
    return found


def diff(theirs: str, ours: str) -> list[str]:
    return list(difflib.unified_diff(normalise(theirs), normalise(ours), lineterm="", n=0))[2:]


def contains_run(lines: list[str], run: list[str]) -> bool:
    return any(lines[i:i + len(run)] == run for i in range(len(lines)))


def test_every_override_is_checked_here():
    files = {p.relative_to(OVERRIDES).as_posix() for p in OVERRIDES.rglob("*") if p.is_file()}
    assert files == {"main.html", "partials/alternate.html"}


@pytest.mark.parametrize("package", THEMES)
def test_main_html_fills_only_empty_blocks_of_base_html(package):
    theme = theme_dir(package)
    assert normalise((theme / "main.html").read_text(encoding="utf-8")) == ['{% extends "base.html" %}']
    ours = (OVERRIDES / "main.html").read_text(encoding="utf-8")
    assert normalise(ours)[0] == '{% extends "base.html" %}'
    base = blocks((theme / "base.html").read_text(encoding="utf-8"))
    filled = blocks(ours)
    assert set(filled) == MAIN_BLOCKS
    for name in MAIN_BLOCKS:
        assert normalise(base[name]) == [], f"{package}'s base.html now puts something in {name}"
        assert normalise(filled[name])[0] == "{{ super() }}"


@pytest.mark.parametrize("package", THEMES)
def test_theme_shows_selector_but_no_home_page_hreflang_links_when_alternate_is_true(package):
    theme = theme_dir(package)
    site_meta = normalise(blocks((theme / "base.html").read_text(encoding="utf-8"))["site_meta"])
    assert contains_run(site_meta, SITE_META_ALTERNATE)
    header = normalise((theme / "partials" / "header.html").read_text(encoding="utf-8"))
    assert contains_run(header, HEADER_SELECTOR)
    users = {p.relative_to(theme).as_posix() for p in theme.rglob("*.html")
             if "extra.alternate" in p.read_text(encoding="utf-8")}
    assert users == USES_OF_ALTERNATE
    # base.html reads it only in the guarded loop above
    assert sum("extra.alternate" in line for line in normalise((theme / "base.html").read_text(encoding="utf-8"))) == 2


@pytest.mark.parametrize("package", THEMES)
def test_alternate_partial_differs_from_the_theme_only_as_intended(package):
    theirs = (theme_dir(package) / "partials" / "alternate.html").read_text(encoding="utf-8")
    ours = (OVERRIDES / "partials" / "alternate.html").read_text(encoding="utf-8")
    assert diff(theirs, ours) == ALTERNATE_DIFF


def test_normalised_diff_notices_a_change_in_the_theme():
    theirs = (theme_dir("material") / "partials" / "alternate.html").read_text(encoding="utf-8")
    ours = (OVERRIDES / "partials" / "alternate.html").read_text(encoding="utf-8")
    assert diff(theirs.replace('class="md-select__list"', 'class="md-select__list md-new"'), ours) != ALTERNATE_DIFF
    assert diff("{#- a new comment -#}\n" + theirs.replace("  ", "    "), ours) == ALTERNATE_DIFF


# A tiny project built with the overrides in each engine, without the builder's plugin.
LINKS = """edition_links:
  - {{name: 简体中文, href: "{0}", lang: zh-Hans, current: true}}
  - {{name: English, href: "{1}", lang: en, current: false}}
  - {{name: 繁體中文, href: "{2}", lang: zh-Hant, current: false}}
"""
PAGES = {
    "index.md": "---\n" + LINKS.format("./", "en/", "zh-hant/") + "---\n# 首页\n",
    "glossary/two/index.md": "---\n" + LINKS.format("./", "../../en/glossary/two/", "../../zh-hant/glossary/two/")
    + 'citation:\n  citation_title: "两个维护 · Two Upholds & <more>"\n  citation_language: zh\n'
      '  DC.title: \'say "two"\'\n  citation_public_url: https://example.org/glossary/two/\n---\n# 两个维护\n',
    "plain.md": "# 无链接\n",
}
CONFIG = """site_name: 试验
docs_dir: docs
site_dir: site
theme:
  name: material
  custom_dir: overrides
  language: zh
  font: false
extra:
  alternate: true
plugins: []
"""
HREFLANG_RE = re.compile(r'<link rel="alternate" href="([^"]*)" hreflang="([^"]*)">')
SWITCH_RE = re.compile(r'<a href="([^"]*)" hreflang="([^"]*)" lang="([^"]*)" class="md-select__link"( aria-current="true")?>'
                       r"\s*([^<\s]+)\s*</a>")
META_RE = re.compile(r'<meta name="((?:citation|DC)[^"]*)" content="([^"]*)">')


def engine_command(engine: str) -> list[str]:
    if engine == "mkdocs":
        return []
    if os.environ.get("ZENSICAL"):  # e.g. a separate venv's bin/zensical
        return [os.environ["ZENSICAL"]]
    if importlib.util.find_spec("zensical") is None:
        pytest.skip("zensical is not installed (set ZENSICAL to its command to run this)")
    return [sys.executable, "-m", "zensical"]


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_overrides_render_edition_links_and_citation_from_front_matter(engine, tmp_path):
    command = engine_command(engine)
    shutil.copytree(OVERRIDES, tmp_path / "overrides")
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    for rel, text in PAGES.items():
        (tmp_path / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / rel).write_text(text, encoding="utf-8")
    if engine == "mkdocs":
        result = mkdocs_build(tmp_path)
    else:
        result = subprocess.run([*command, "build", "-f", str(tmp_path / "mkdocs.yml")],
                                capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"

    def read(rel):
        text = (site / rel).read_text(encoding="utf-8")
        return text.split("</head>")[0], text

    head, page = read("index.html")
    assert HREFLANG_RE.findall(head) == [("./", "zh-Hans"), ("en/", "en"), ("zh-hant/", "zh-Hant")]
    assert head.count('rel="alternate"') == 3  # none of the theme's links to home pages
    assert SWITCH_RE.findall(page) == [("./", "zh-Hans", "zh-Hans", ' aria-current="true"', "简体中文"),
                                       ("en/", "en", "en", "", "English"),
                                       ("zh-hant/", "zh-Hant", "zh-Hant", "", "繁體中文")]
    assert META_RE.findall(head) == []
    if engine == "mkdocs":  # the theme's own generator line, not a copy that drifts
        assert f'mkdocs-material-{metadata.version("mkdocs-material")}">' in head

    head, page = read("glossary/two/index.html")
    assert [href for href, _ in HREFLANG_RE.findall(head)] == ["./", "../../en/glossary/two/", "../../zh-hant/glossary/two/"]
    assert [href for href, *_ in SWITCH_RE.findall(page)] == ["./", "../../en/glossary/two/", "../../zh-hant/glossary/two/"]
    assert META_RE.findall(head) == [  # sorted by name, escaped the same way in both engines
        ("citation_language", "zh"),
        ("citation_public_url", "https://example.org/glossary/two/"),
        ("citation_title", "两个维护 · Two Upholds &amp; &lt;more&gt;"),
        ("DC.title", "say &quot;two&quot;"),
    ]

    for rel in ("plain/index.html", "404.html"):  # no edition links: no hreflang links, no selector
        head, page = read(rel)
        assert 'rel="alternate"' not in head and "md-select" not in page, rel
