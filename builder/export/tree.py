"""The engine-neutral output: per edition, a complete project any engine builds without plugins.

    <out>/<edition>/mkdocs.yml      the site configuration for this edition (theme language,
                                     search settings, navigation, edition selector)
    <out>/<edition>/docs/…          every page (generated and hand-written) and data file, with the
                                     edition links and citation metadata in each page's front matter
    <out>/<edition>/overrides/…     the theme extension (reads that front matter)
    <out>/<edition>/docs/search/…   the edition's search index, and docs/assets/search.js that
                                     reads it (builder/search/; the engine's own search is off)

Only files whose content changed are written, so an engine's own change detection and a file
watcher see exactly what an edit touched. Files the export no longer produces are removed.
"""
from __future__ import annotations

import copy
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from builder.config import BuildConfig
from builder import search
from builder.corpus import Corpus, load_for
from builder.pickling import fast_pickle
from builder.text import CJK
from builder.editions import Edition
from builder.render.pages import COVERAGE_MARK, SiteOptions, build_edition, coverage_table, edition_links
from builder.render.indicator_page import FOLDER as INDICATORS_FOLDER, NAV as INDICATORS_NAV, PAGE as INDICATORS_PAGE
from builder.render.urls import GLOSSARY, REPORTS, report_page
from builder.timing import OFF

MANAGED = ("docs", "overrides")
"""Subfolders of an edition folder that the export owns (an engine's site/ and .cache/ are not)."""


@fast_pickle
@dataclass(frozen=True, slots=True)
class Export:
    out: Path
    editions: tuple[Edition, ...]
    files: dict[str, bytes]
    """Every exported file by its path under ``out``."""
    changed: tuple[str, ...]
    """The paths written or removed by this export (new, different or gone)."""
    added: frozenset[str] = frozenset()
    removed: frozenset[str] = frozenset()

    def folder(self, edition: Edition) -> Path:
        return self.out / edition.code

    def config_file(self, edition: Edition) -> Path:
        return self.folder(edition) / "mkdocs.yml"

    def site_wide(self, edition: Edition) -> bool:
        """Whether this export changed what every page of the edition shows: its configuration
        and navigation, the theme extension, or its set of pages (a page added or removed). An
        engine that rebuilds only the pages whose files changed must then rebuild the whole
        edition; otherwise a page depends on its own file alone (the navigation names every page
        with its title), and a data file (a search shard, say) on nothing else."""
        base = edition.code + "/"
        return any(path.startswith(base) and (path == base + "mkdocs.yml" or path.startswith(base + "overrides/")
                                              or (path.endswith(".md") and (path in self.added or path in self.removed)))
                   for path in self.changed)

    def removed_files(self, edition: Edition) -> list[str]:
        """The edition's files (not pages) this export removed, by path under its docs/: their
        built copies must go too."""
        docs = edition.code + "/docs/"
        return sorted(path[len(docs):] for path in self.removed if path.startswith(docs) and not path.endswith(".md"))


def options_for(config: BuildConfig) -> SiteOptions:
    return SiteOptions(site_url=config.site_url, site_name=config.corpus.publisher or config.site_name,
                       directory_urls=config.directory_urls, editions=tuple(e.code for e in config.editions),
                       released=config.glossary_released)


def export_files(config: BuildConfig, corpus: Corpus | None = None, watch=OFF,
                 editions: list[Edition] | None = None) -> dict[str, bytes]:
    """Everything the export writes, by path under ``config.out``; nothing is written.
    ``editions``: only these of the configuration's editions (each still links to all)."""
    editions = editions or list(config.editions)
    corpus = corpus or load_for(config, watch)
    options = options_for(config)
    files: dict[str, bytes] = {}
    theme_fixes = material_fixes()
    with watch.stage("render"):
        for edition in editions:
            base = edition.code + "/"
            site = build_edition(corpus, edition, options)
            titles = {}  # for the navigation: the page records' own, a hand-written page's from its text
            for path, page in site.pages.items():
                files[base + "docs/" + path] = page.text().encode("utf-8")
                titles[path] = page.meta["title"]
            for path, content in site.files.items():
                files[base + "docs/" + path] = content.encode("utf-8")
            for path, content in _hand_written(config, corpus, edition, options).items():
                files[base + "docs/" + path] = content
                if path.endswith(".md"):
                    titles[path] = page_title_of(content.decode("utf-8"), path)
            for path, content in _theme(config).items():
                files[base + path] = content
            for path, content in theme_fixes.assets.items():  # the theme's files they replace
                files[base + "docs/" + path] = content.encode("utf-8")
            files[base + "mkdocs.yml"] = edition_config(config, corpus, edition, titles).encode("utf-8")
    with watch.stage("search"):
        for edition in editions:
            docs = edition.code + "/docs/"
            pages = {p[len(docs):]: content.decode("utf-8") for p, content in files.items()
                     if p.startswith(docs) and p.endswith(".md")}
            for path, content in search.edition_files(edition, pages, corpus.glossary, options.directory_urls).items():
                files[docs + path] = content
    return files


def export(config: BuildConfig, corpus: Corpus | None = None, watch=OFF,
           editions: list[Edition] | None = None) -> Export:
    """Write the edition trees under ``config.out`` (``editions``: only these); bad input stops
    before anything is written."""
    editions = editions or list(config.editions)
    files = export_files(config, corpus, watch, editions)
    with watch.stage("write"):
        changed, added, removed = write_tree(config.out, files, [e.code for e in editions])
    return Export(config.out, tuple(editions), files, tuple(changed), frozenset(added), frozenset(removed))


def write_tree(out: Path, files: dict[str, bytes], editions: list[str]) -> tuple[list[str], set[str], set[str]]:
    """Write what changed (each file replaced atomically), remove what is no longer exported.
    Returns (every path written or removed, the paths that are new, the paths removed)."""
    changed, added, removed = [], set(), set()
    root = str(out)
    for rel, content in files.items():
        target = os.path.join(root, rel)
        state = _state(target, content)
        if state == "same":
            continue
        if state == "new":
            added.add(rel)
        tmp = os.path.join(os.path.dirname(target), f".{os.path.basename(target)}.tmp{os.getpid()}")
        with open(tmp, "wb") as f:
            f.write(content)
        os.replace(tmp, target)
        _WRITTEN[target] = (content, _signature(target))
        changed.append(rel)
    for code in editions:
        listed = _LISTED.get((root, code))
        if listed is None:  # what an earlier process (or a hand) left there: read once
            listed = _listing(root, code)
        kept = {rel for rel in files if rel.startswith(code + "/") and rel.split("/", 2)[1] in MANAGED}
        for rel in sorted(listed - kept):
            path = os.path.join(root, rel)
            try:
                os.unlink(path)
            except FileNotFoundError:
                pass
            _WRITTEN.pop(path, None)
            changed.append(rel)
            removed.add(rel)
            _prune(os.path.dirname(path), os.path.join(root, code))
        _LISTED[(root, code)] = kept
    return changed, added, removed


_WRITTEN: dict[str, tuple[bytes, tuple]] = {}
"""What this process last wrote to each exported file, with the file's size and time then: a
rebuild while serving compares contents and reads back only a file changed behind its back."""

_LISTED: dict[tuple[str, str], set[str]] = {}
"""The files under each edition's managed folders after this process last wrote them (read from
the disk the first time): a rebuild finds the files it no longer exports without walking the
edition's folders."""


def _listing(root: str, code: str) -> set[str]:
    """The files under the edition's managed folders; empty folders are removed."""
    found = set()
    for sub in MANAGED:
        for folder, _, names in os.walk(os.path.join(root, code, sub), topdown=False):
            base = os.path.relpath(folder, root).replace(os.sep, "/") + "/"
            found.update(base + name for name in names)
            if not names and not os.listdir(folder):
                os.rmdir(folder)
    return found


def _prune(folder: str, stop: str) -> None:
    """Remove ``folder`` and its parents up to ``stop`` while they are empty."""
    while len(folder) > len(stop) and folder.startswith(stop + os.sep):
        try:
            os.rmdir(folder)
        except OSError:  # not empty (or gone)
            return
        folder = os.path.dirname(folder)


def _signature(path: str) -> tuple:
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns, st.st_ino


def _state(target: str, content: bytes) -> str:
    """'same' if the file holds ``content``, 'new' if there is none, else 'different'."""
    try:
        last = _WRITTEN.get(target)
        if last is not None and last[1] == _signature(target):
            return "same" if last[0] == content else "different"
        with open(target, "rb") as f:
            if f.read() == content:
                _WRITTEN[target] = (content, _signature(target))
                return "same"
    except FileNotFoundError:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        return "new"
    except OSError:
        pass
    return "different"


def material_fixes():
    """Material's JavaScript with the two verified fixes (builder/adapters/mkdocs/material.py), as
    files that replace the theme's own in docs/ (an engine without those assets ignores them)."""
    from builder.adapters.mkdocs.material import PatchResult, material_theme_dir, patched_assets

    try:
        return patched_assets(material_theme_dir())
    except ImportError:  # Material is not installed: nothing to fix
        return PatchResult({}, ())


def _hand_written(config: BuildConfig, corpus: Corpus, edition: Edition, options: SiteOptions) -> dict[str, bytes]:
    """The project's own pages and assets in this edition. ``about.en.md`` is the English
    edition's ``about.md``; a derived edition converts its source edition's page."""
    out: dict[str, bytes] = {}
    if not config.docs.is_dir():
        return out
    from builder.editions import BY_CODE

    codes = set(BY_CODE)  # about.en.md is a variant whether or not its edition is built
    for path in sorted(p for p in config.docs.rglob("*") if p.is_file()):
        rel = path.relative_to(config.docs).as_posix()
        if not rel.endswith(".md"):
            out[rel] = path.read_bytes()
            continue
        stem, dot, suffix = rel[:-3].rpartition(".")
        if dot and suffix in codes:
            continue  # a variant; taken below by the edition it belongs to
        own = config.docs / f"{rel[:-3]}.{edition.code}.md"
        source_edition = edition.derived_from or edition.code
        variant = config.docs / f"{rel[:-3]}.{source_edition}.md"
        chosen, convert = path, edition.convert if edition.derived_from else (lambda t: t)
        if own.is_file():
            chosen, convert = own, (lambda t: t)
        elif edition.derived_from and variant.is_file():
            chosen = variant
        text = chosen.read_text(encoding="utf-8")
        if COVERAGE_MARK in text:
            text = text.replace(COVERAGE_MARK, coverage_table(corpus, BY_CODE[source_edition], rel,
                                                              options.directory_urls))
        text = join_cjk_soft_breaks(convert(text))
        out[rel] = _with_edition_links(text, edition_links(rel, edition, options)).encode("utf-8")
    return out


_BLOCK_START = re.compile(r"^(?:\s*$|#|>|\||[-*+] |\d+[.)] |<|```|~~~|!!!|\?\?\?|---|\{:)")
_CJK_END = re.compile(f"[{CJK}]$")
_CJK_START = re.compile(f"^[{CJK}]")


def join_cjk_soft_breaks(markdown: str) -> str:
    """A line break inside a paragraph between two Chinese characters is a space to Markdown
    (`PDF，` / `带有` renders `PDF， 带有`); join such lines, as the generated pages have no spaces
    inside Chinese text. Code blocks, front matter, tables, lists and HTML are left alone."""
    out: list[str] = []
    fenced = False
    front = markdown.startswith("---\n")
    for i, line in enumerate(markdown.split("\n")):
        if front:
            out.append(line)
            if i > 0 and line == "---":
                front = False
            continue
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif (not fenced and out and _CJK_END.search(out[-1]) and _CJK_START.search(line)
              and not _BLOCK_START.match(out[-1].lstrip()) and not _BLOCK_START.match(line)
              and not out[-1].startswith("    ")):
            out[-1] += line
            continue
        out.append(line)
    return "\n".join(out)


def _with_edition_links(text: str, links: list[dict]) -> str:
    """Add the edition links to a hand-written page's front matter (made if there is none)."""
    import json

    line = f"edition_links: {json.dumps(links, ensure_ascii=False)}\n"
    if text.startswith("---\n"):
        end = text.find("\n---\n", 3)
        if end != -1:
            return text[: end + 1] + line + text[end + 1:]
    return f"---\n{line}---\n\n{text}"


def _theme(config: BuildConfig) -> dict[str, bytes]:
    """The theme extension (``theme.custom_dir``), copied into each edition folder so each is
    a self-contained project."""
    out: dict[str, bytes] = {}
    custom = config.custom_dir
    if custom and custom.is_dir():
        for path in sorted(p for p in custom.rglob("*") if p.is_file()):
            out["overrides/" + path.relative_to(custom).as_posix()] = path.read_bytes()
    return out


def edition_config(config: BuildConfig, corpus: Corpus, edition: Edition, titles: dict[str, str]) -> str:
    """The edition's site configuration: the project's, with this edition's language, search,
    navigation and selector. Plain data; no plugin of this builder is named."""
    engine = copy.deepcopy(config.engine)
    for key in ("site_name", "site_description"):  # the Traditional edition's name is Traditional too
        if isinstance(engine.get(key), str):
            engine[key] = edition.convert(engine[key])
    engine["docs_dir"] = "docs"
    engine["site_dir"] = "site"
    if config.site_url:
        engine["site_url"] = config.site_url.rstrip("/") + "/" + edition.prefix
    theme = engine.setdefault("theme", {"name": "material"})
    theme["language"] = edition.theme_language
    if config.custom_dir:
        theme["custom_dir"] = "overrides"
    extra = engine.setdefault("extra", {})
    # True, not a list: the theme shows its selector for any true value but writes home-page
    # hreflang links only for a list; the overrides write the page's own links from its front matter.
    extra["alternate"] = len(config.editions) > 1
    # The library's search (builder/search/) replaces the engine's: its plugin is listed, off
    # (Zensical turns search on when it is not listed), and the search script is added.
    plugins = [item for item in engine.get("plugins", [])
               if (next(iter(item)) if isinstance(item, dict) else item) not in ("search", "material/search")]
    engine["plugins"] = [{"search": {"enabled": False}}, *plugins]
    scripts = engine.setdefault("extra_javascript", [])
    if search.SCRIPT not in scripts:
        scripts.append(search.SCRIPT)
    engine["nav"] = navigation(corpus, edition, titles)
    # Term pages are reached from the glossary index and the text, not from the sidebar (two
    # hundred entries would bury the reports), and every other page is listed: the engine's list
    # of pages left out would only bury, on every rebuild, the lines an editor reads.
    validation = engine.setdefault("validation", {})
    validation["omitted_files"] = "ignore"
    return yaml.safe_dump(engine, allow_unicode=True, sort_keys=False, width=10**6)


def navigation(corpus: Corpus, edition: Edition, titles: dict[str, str]) -> list:
    """Hand-written pages (home first), then the reports, the indicators and the glossary index
    as sections titled in the edition's words.

    Every page is listed with its title (``titles``: by path under docs/), so the navigation of
    a page never depends on reading another page: an engine that rebuilds only the pages that
    changed (``mkdocs serve --dirty``) shows the same navigation as a full build."""
    generated = (REPORTS + "/", GLOSSARY + "/", INDICATORS_FOLDER + "/")
    own = [p for p in titles if not p.startswith(generated)]
    own.sort(key=lambda p: (p != "index.md", p))

    def item(path: str) -> dict:
        return {titles[path]: path}

    return [*(item(p) for p in own),
            {edition.label("reports"): [item(f"{REPORTS}/index.md"), *(item(report_page(r.id)) for r in corpus.reports)]},
            {edition.text(INDICATORS_NAV): [item(INDICATORS_PAGE)]},
            {edition.label("glossary"): [item(f"{GLOSSARY}/index.md")]}]


def _yaml_value(text: str):
    """A one-line YAML scalar; a double-quoted one is read as JSON (what the pages write, faster)."""
    text = text.strip()
    try:
        return json.loads(text) if text.startswith('"') else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError):
        try:
            return yaml.safe_load(text)
        except yaml.YAMLError:
            return None


_TITLE_LINE = re.compile(r"^title:.*$", re.M)
_H1 = re.compile(r"^#[ \t]+(.+?)[ \t]*#*[ \t]*$", re.M)
_ATTR_LIST = re.compile(r"[ \t]*\{[:#.][^}]*\}[ \t]*$")


def page_title_of(markdown: str, path: str) -> str:
    """The title an engine gives a page: its front matter's ``title``, else its first level-one
    heading, else its file name (as MkDocs does)."""
    body = markdown
    if markdown.startswith("---\n"):
        end = markdown.find("\n---\n", 3)
        if end != -1:
            line = _TITLE_LINE.search(markdown, 4, end)  # that line alone: the rest can be long
            title = _yaml_value(line.group()[6:]) if line else None
            if isinstance(title, str):
                return title
            body = markdown[end + 5:]
    heading = _H1.search(body)
    if heading:
        return _ATTR_LIST.sub("", heading.group(1))
    stem = path[:-3].rsplit("/", 1)[-1]
    if stem == "index":
        stem = path[:-3].rsplit("/", 2)[-2] if "/" in path else "Home"
    name = stem.replace("-", " ").replace("_", " ")
    return name.capitalize() if name.lower() == name else name
