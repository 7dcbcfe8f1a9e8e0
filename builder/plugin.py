"""MkDocs adapter: turns MkDocs events into calls of the builder library. Nothing more."""
from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from .errors import SourceError
from .pipeline import load_corpus
from .site import generated_pages

log = get_plugin_logger(__name__)


class ReportsConfig(Config):
    manifest = c.Type(str, default="source_texts/manifest.yaml")
    """Manifest of the source texts, relative to mkdocs.yml."""


class ReportsPlugin(BasePlugin[ReportsConfig]):
    def on_config(self, config):
        root = Path(config.config_file_path).parent
        self._manifest = root / self.config.manifest
        self._root = root
        self._pages: dict[str, str] = {}
        return config

    def on_pre_build(self, config):
        """Build every report before MkDocs cleans or writes the site, so bad input stops the
        build with a one-line error and the previous site stays whole."""
        try:
            reports = load_corpus(self._manifest)
        except SourceError as exc:
            raise PluginError(self._relative(exc)) from None
        self._pages = generated_pages(reports)
        for report in reports:
            if report.notes:
                log.info(f"{report.id}: {len(report.notes)} editorial notes")

    @event_priority(50)
    def on_files(self, files: Files, config) -> Files:
        """Add the generated pages; a hand-written file of the same path is replaced."""
        for rel, content in self._pages.items():
            existing = files.get_file_from_path(rel)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, rel, content=content))
        return files

    def on_serve(self, server, config, builder):
        """Rebuild when a source, the manifest or the glossary changes (see also `watch:`)."""
        for path in (self._manifest.parent, self._root / "glossary.yaml", Path(__file__).parent / "templates"):
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
