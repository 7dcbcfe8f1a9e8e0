"""MkDocs adapter: turns MkDocs events into calls of the builder library. Nothing more.

Editions: the build MkDocs runs makes the default edition (Simplified Chinese) at the site
root; when it has finished, it builds each other edition as a site of its own under its prefix
(``en/``, ``zh-hant/``), from the same configuration with the edition's UI language and search
settings, sharing the corpus already built. Each edition thus has its own UI language and its own
search index, and any warning in any edition fails a strict build.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section

from builder.adapters.mkdocs import material as material_patches
from builder.editions import (
    BY_CODE,
    DEFAULT,
    EDITIONS,
    EN,
    ZH_HANT,
    Edition,
    counterpart,
)
from builder.errors import SourceError
from builder.export.data import jieba_user_dict
from builder.glossary.model import load_glossary
from builder.render.renderer import TEMPLATES
from builder.render.site import (
    COVERAGE_MARK,
    SiteOptions,
    build_site,
    coverage_table,
    load,
    to_traditional,
)
from builder.render.urls import GLOSSARY, REPORTS

log = get_plugin_logger(__name__)

# Search settings per edition. Chinese editions: jieba-segmented Han runs split on U+200B and
# Chinese punctuation; no stemmer (lunr's stemmers are for European languages). English: the
# English stemmer and stop words.
SEARCH = {
    "zh": {"lang": ["zh", "en"], "pipeline": ["stopWordFilter"]},
    "en": {"lang": ["en"], "separator": r"[\s\u200b\-,:!=\[\]()\"/]+", "pipeline": ["stopWordFilter", "stemmer"]},
}
SECTION_TITLES = {
    REPORTS: {"zh": "报告", "en": "Reports", "zh-hant": "報告"},
    GLOSSARY: {"zh": "术语表", "en": "Glossary", "zh-hant": "術語表"},
}


class ReportsConfig(Config):
    manifest = c.Type(str, default="source_texts/manifest.yaml")
    """Manifest of the source texts, relative to mkdocs.yml."""
    glossary = c.Type(str, default="glossary.yaml")
    """The policy glossary, relative to mkdocs.yml."""
    translations = c.Type(str, default="translations")
    """The translation memory folder (one subfolder per language), relative to mkdocs.yml."""
    editions = c.ListOfItems(c.Choice([e.code for e in EDITIONS]), default=[e.code for e in EDITIONS])
    """Editions to build; the first must be the default edition (zh)."""
    stale_translations = c.Choice(("warn", "info"), default="warn")
    """How to report translations whose Chinese has changed: a warning (fails a strict build) or
    an info line (while editing: LVLIANG_STALE=info mkdocs serve)."""
    cache_dir = c.Type(str, default=".cache/lvliang-reports")
    """Where the jieba user dictionary for search is written (never into docs/ or sources)."""


class ReportsPlugin(BasePlugin[ReportsConfig]):
    edition: Edition = DEFAULT
    """Set by the default edition's build on the plugin of each other edition's build."""
    corpus = None
    """Handed over with the edition, so the reports are built once per build."""

    @event_priority(100)  # before the search plugin's on_config, which loads the jieba dictionary
    def on_config(self, config):
        root = Path(config.config_file_path).parent
        self._root = root
        self._manifest = root / self.config.manifest
        self._glossary = root / self.config.glossary
        self._translations = root / self.config.translations
        self._site = None
        self._writing = False
        self._site_dir = config.site_dir
        if self.config.editions[:1] != [DEFAULT.code]:
            raise PluginError(f"editions must start with the default edition '{DEFAULT.code}'")
        config.theme["language"] = self.edition.theme_language
        # Material shows its language selector when `extra.alternate` is set; the links it shows
        # are the page's own (on_page_context, overrides/partials/alternate.html).
        config.extra["alternate"] = [{"name": e.name, "link": e.prefix, "lang": e.hreflang} for e in self._editions]
        search = config.plugins.get("material/search") or config.plugins.get("search")
        if search is not None and "jieba_dict_user" in search.config:
            glossary = self.corpus.glossary if self.corpus else self._load(load_glossary, self._glossary)
            path = root / self.config.cache_dir / "jieba_user.dict"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(jieba_user_dict(glossary, extra=to_traditional), encoding="utf-8")
            search.config["jieba_dict_user"] = str(path)
            if self.edition is not DEFAULT:
                search.config.update(SEARCH["en" if self.edition is EN else "zh"])
        return config

    @property
    def _editions(self) -> list[Edition]:
        """The configured editions; LVLIANG_EDITIONS=zh (comma-separated codes) narrows them for a
        quicker preview while editing."""
        only = [c.strip() for c in os.environ.get("LVLIANG_EDITIONS", "").split(",") if c.strip()]
        return [BY_CODE[code] for code in self.config.editions if not only or code in only or code == DEFAULT.code]

    def on_pre_build(self, config):
        """Build everything before MkDocs cleans or writes the site, so bad input stops the
        build with a one-line error and the previous site stays whole."""
        if self.corpus is None:
            self.corpus = self._load(load, self._manifest, self._glossary, self._translations)
            self._report_translations()
        options = SiteOptions(site_url=config.site_url or None, site_name=config.site_name,
                              directory_urls=config.use_directory_urls)
        self._site = build_site(self.corpus, self.edition, options)
        if self.edition is DEFAULT:
            for report in self.corpus.reports:
                if report.notes:
                    log.info(f"{report.id}: {len(report.notes)} editorial notes")

    def _report_translations(self) -> None:
        warn = log.warning if self.config.stale_translations == "warn" else log.info
        for rid, memory in self.corpus.memories.items():
            stale = [a for a, r in memory.renderings.items() if r.status == "stale"]
            if stale:
                warn(f"{rid}: {len(stale)} English translations may be outdated (the Chinese changed): "
                     f"{', '.join(stale[:5])}{' …' if len(stale) > 5 else ''}; see `python -m builder translations`")
            missing = memory.count("missing")
            if missing:
                log.info(f"{rid}: {missing} of {len(memory.renderings)} paragraphs not yet translated into English")

    @event_priority(50)
    def on_files(self, files: Files, config) -> Files:
        """Put in this edition's hand-written pages and the generated pages and files."""
        self._writing = True  # MkDocs has cleaned the site directory by now
        hand_written = list(files.documentation_pages())
        paths = {file.src_uri for file in hand_written}  # before any is removed: order varies
        for file in hand_written:
            stem, dot, suffix = file.src_uri[:-3].rpartition(".")
            if dot and suffix in BY_CODE:  # about.en.md: the English edition's about.md
                files.remove(file)
                if suffix == self.edition.code:
                    self._replace(files, config, stem + ".md", self._hand_written(file.content_string))
            elif f"{file.src_uri[:-3]}.{self.edition.code}.md" not in paths:
                self._replace(files, config, file.src_uri, self._hand_written(file.content_string))
        for rel, content in {**self._site.pages, **self._site.files}.items():
            self._replace(files, config, rel, content)
        for problem in material_patches.patch(files, config):
            log.warning(problem)
        return files

    def _hand_written(self, text: str) -> str:
        """A hand-written page in this edition: the coverage table filled in, Traditional
        characters in the Traditional edition."""
        text = text.replace(COVERAGE_MARK, coverage_table(self.corpus, self.edition))
        return to_traditional(text) if self.edition is ZH_HANT else text

    @staticmethod
    def _replace(files: Files, config, rel: str, content: str) -> None:
        existing = files.get_file_from_path(rel)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, rel, content=content))

    def on_nav(self, nav: Navigation, config, files):
        """Term pages are reached from the glossary index and the text, not from the sidebar
        (two hundred entries there would bury the reports); sections take the edition's words."""
        for item in nav.items:
            if not isinstance(item, Section):
                continue
            folder = next((p.file.src_uri.split("/")[0] for p in item.children if getattr(p, "file", None)), "")
            if folder in SECTION_TITLES:
                item.title = SECTION_TITLES[folder][self.edition.code]
            if folder == GLOSSARY:
                item.children = [p for p in item.children
                                 if not getattr(p, "file", None) or p.file.src_uri == f"{GLOSSARY}/index.md"]
        return nav

    def on_page_context(self, context, page, config, nav):
        """The edition switcher and the hreflang links name the same page in each edition
        (overrides/partials/alternate.html and overrides/main.html read ``edition_links``)."""
        root = (config.site_url or "").rstrip("/") + "/"
        if config.site_url and self.edition.prefix:
            root = root[: -len(self.edition.prefix)]
        context["edition_links"] = [{
            "name": edition.name, "lang": edition.hreflang, "current": edition is self.edition,
            "href": (root + edition.prefix + page.url) if config.site_url
            else counterpart(page.url, self.edition, edition),
        } for edition in self._editions]
        return context

    def on_post_build(self, config):
        """After the default edition, build the others into their prefixes."""
        if self.edition is not DEFAULT:
            return
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        for edition in self._editions[1:]:
            log.info(f"Building the {edition.name} edition into {edition.prefix}")
            sub = load_config(config.config_file_path, site_dir=os.path.join(config.site_dir, edition.code),
                              site_url=(config.site_url.rstrip("/") + "/" + edition.prefix) if config.site_url else None,
                              strict=config.strict, use_directory_urls=config.use_directory_urls)
            plugin = next(p for p in sub.plugins.values() if isinstance(p, ReportsPlugin))
            plugin.edition, plugin.corpus = edition, self.corpus
            build(sub)

    def on_build_error(self, error, **kwargs):
        """A build that fails once MkDocs has begun writing (in this edition or a later one)
        leaves no half-written site behind: the site directory is emptied. Bad input never
        gets this far; it stops the build in on_pre_build with the previous site intact."""
        if getattr(self, "_writing", False) and self.edition is DEFAULT and self._site_dir:
            for child in Path(self._site_dir).iterdir():
                shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
            log.error(f"the build failed after writing began; {self._site_dir} was emptied "
                      "so that no partial site is left")

    def on_serve(self, server, config, builder):
        """Rebuild when a source, the manifest, the glossary or a translation changes."""
        for path in (self._manifest.parent, self._glossary, self._translations, TEMPLATES):
            if path.exists():
                server.watch(str(path))
        return server

    def _load(self, func, *args):
        try:
            return func(*args)
        except SourceError as exc:
            raise PluginError(self._relative(exc)) from None

    def _relative(self, exc: SourceError) -> str:
        try:
            path = Path(exc.path).resolve().relative_to(self._root.resolve())
        except ValueError:
            path = Path(exc.path)
        where = f"{path}:{exc.line}" if exc.line else f"{path}"
        return f"{where}: {exc.message}"
