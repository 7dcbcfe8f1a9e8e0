"""MkDocs adapter: turns MkDocs events into calls of the builder library. Nothing more."""
from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section

from . import material_search
from .errors import SourceError
from .exports import jieba_user_dict
from .glossary import load_glossary
from .site import SiteOptions, build_site
from .urls import GLOSSARY

log = get_plugin_logger(__name__)


class ReportsConfig(Config):
    manifest = c.Type(str, default="source_texts/manifest.yaml")
    """Manifest of the source texts, relative to mkdocs.yml."""
    glossary = c.Type(str, default="glossary.yaml")
    """The policy glossary, relative to mkdocs.yml."""
    cache_dir = c.Type(str, default=".cache/lvliang-reports")
    """Where the jieba user dictionary for search is written (never into docs/ or sources)."""


class ReportsPlugin(BasePlugin[ReportsConfig]):
    @event_priority(100)  # before the search plugin's on_config, which loads the jieba dictionary
    def on_config(self, config):
        root = Path(config.config_file_path).parent
        self._root = root
        self._manifest = root / self.config.manifest
        self._glossary = root / self.config.glossary
        self._site = None
        try:
            glossary = load_glossary(self._glossary)
        except SourceError as exc:
            raise PluginError(self._relative(exc)) from None
        search = config.plugins.get("material/search") or config.plugins.get("search")
        if search is not None and "jieba_dict_user" in search.config:
            path = root / self.config.cache_dir / "jieba_user.dict"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(jieba_user_dict(glossary), encoding="utf-8")
            search.config["jieba_dict_user"] = str(path)
        return config

    def on_pre_build(self, config):
        """Build everything before MkDocs cleans or writes the site, so bad input stops the
        build with a one-line error and the previous site stays whole."""
        options = SiteOptions(site_url=config.site_url or None, site_name=config.site_name,
                              directory_urls=config.use_directory_urls)
        try:
            self._site = build_site(self._manifest, self._glossary, options)
        except SourceError as exc:
            raise PluginError(self._relative(exc)) from None
        for report in self._site.reports:
            if report.notes:
                log.info(f"{report.id}: {len(report.notes)} editorial notes")

    @event_priority(50)
    def on_files(self, files: Files, config) -> Files:
        """Add the generated pages and files; a hand-written file of the same path is replaced."""
        for rel, content in {**self._site.pages, **self._site.files}.items():
            existing = files.get_file_from_path(rel)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, rel, content=content))
        try:
            material_search.patch_worker(files, config)
        except material_search.PatchError as exc:
            log.warning(str(exc))
        return files

    def on_nav(self, nav: Navigation, config, files):
        """Term pages are reached from the glossary index and the text, not from the sidebar:
        a hundred entries there would bury the reports."""
        for item in nav.items:
            if isinstance(item, Section) and any(_is_glossary(p) for p in item.children):
                item.children = [p for p in item.children
                                 if not _is_glossary(p) or p.file.src_uri == f"{GLOSSARY}/index.md"]
        return nav

    def on_serve(self, server, config, builder):
        """Rebuild when a source, the manifest or the glossary changes (see also `watch:`)."""
        for path in (self._manifest.parent, self._glossary, Path(__file__).parent / "templates"):
            if path.exists():
                server.watch(str(path))
        return server

    def _relative(self, exc: SourceError) -> str:
        try:
            path = Path(exc.path).resolve().relative_to(self._root.resolve())
        except ValueError:
            path = Path(exc.path)
        where = f"{path}:{exc.line}" if exc.line else f"{path}"
        return f"{where}: {exc.message}"


def _is_glossary(item) -> bool:
    file = getattr(item, "file", None)
    return file is not None and file.src_uri.startswith(f"{GLOSSARY}/")
