"""The MkDocs adapter: MkDocs events turned into calls of the builder library, over its export.

The library writes every edition as a plain project (``builder.export.tree``); this plugin makes
MkDocs build the default edition from that tree (its files, navigation, language and search
settings) and each other edition from its exported configuration, which names no plugin, in a
worker process beside it (``builds``: the workers, and why ``mkdocs serve --dirty`` rebuilds equal
clean builds).
"""
from __future__ import annotations

import logging
import os

import yaml
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from builder import config as build_config, memory
from builder.adapters.mkdocs import builds
from builder.adapters.output import AtomicSite, BusyError, content_security_policy, show_banner
from builder.corpus import load_for, status
from builder.editions import with_derived
from builder.errors import SourceError
from builder.export.tree import export, material_fixes
from builder.render.renderer import TEMPLATES

log = get_plugin_logger(__name__)


class ReportsConfig(Config):
    """Declared so MkDocs validates them; the library reads them through ``builder.config``."""
    manifest = c.Type(str, default="source_texts/manifest.yaml")
    glossary = c.Type(str, default="glossary.yaml")
    translations = c.Type(str, default="translations")
    editions = c.ListOfItems(c.Type(str), default=["zh", "en", "zh-hant"])
    stale_translations = c.Choice(("warn", "info"), default="warn")
    out = c.Type(str, default=".cache/lvliang-reports/editions")
    published_anchors = c.Type(str, default="published_anchors.yaml")
    glossary_released = c.Type(str, default="")
    corpus = c.Type(dict, default={})
    """The place-specific words: region, levels, report kinds, citation titles (builder/inputs/settings.py)."""


class ReportsPlugin(BasePlugin[ReportsConfig]):
    command = "build"
    dirty = bannered = False
    workers = None

    def on_startup(self, command, dirty):  # also keeps this object across `mkdocs serve` rebuilds
        self.command, self.dirty = command, dirty
        if dirty:  # `mkdocs serve --dirty`: each edit rebuilds the pages whose files it changed
            logging.getLogger("mkdocs.commands.build").addFilter(builds.exact_dirty_builds)

    @event_priority(100)  # first: the other plugins see the exported edition's settings
    def on_config(self, config):
        self.error, self.notice, corpus, self.site = "", "", None, None
        builds.ServedWarnings.start(self.command == "serve")  # while serving, a warning stops no rebuild
        if self.command == "build":  # write beside the target; swap in only when every edition built
            try:  # taken first: a second build into the same folder stops before it writes anything
                self.site = AtomicSite(config.site_dir)
            except BusyError as exc:
                raise PluginError(str(exc)) from None
        try:
            self.cfg = build_config.load(config.config_file_path)
            memory.keep(self.command == "serve")  # while serving, remember between rebuilds (builder.memory)
            self.workers = builds.EditionWorkers.for_editions(  # started now: their imports overlap the corpus
                self.workers, [e.code for e in self.cfg.editions[1:]], self.command == "serve")
            here = with_derived(self.cfg.editions)  # exported here: they share the default edition's pages
            try:
                corpus = load_for(self.cfg, preview=self.command == "serve")  # edited sources: shown, with a notice
            finally:  # the others: exported from this corpus in their workers (or their last good export)
                if self.workers:
                    self.workers.start_all(config.config_file_path, str(self.site.staging) if self.site else
                                           config.site_dir, config.strict, self.dirty, corpus, here)
            self.notice = "; ".join(e.relative_to(os.path.dirname(config.config_file_path)) for e in corpus.edited)
            self.export = export(self.cfg, corpus, editions=here)
        except SourceError as exc:
            message = exc.relative_to(os.path.dirname(config.config_file_path))
            if self.command != "serve" or getattr(self, "export", None) is None:
                raise PluginError(message) from None
            # While serving, the last good pages stay up with the error shown on each of them;
            # saving a fixed file rebuilds as usual (raising would leave the browser waiting).
            self.error = message
            log.info(f"ERROR, shown on every page until fixed: {message}")
        for kind, line in status(corpus) if corpus else ():
            (log.warning if kind == "stale" and self.cfg.stale_translations == "warn" else log.info)(line)
        if self.notice:
            log.info(f"NOTICE, shown on the report's page until recorded: {self.notice}")
        for problem in material_fixes().problems:  # the stock file ships; the build goes on
            log.info(problem)
        exported = yaml.safe_load(self.export.config_file(self.cfg.editions[0]).read_text(encoding="utf-8"))
        config.nav = exported["nav"]
        config.theme["language"] = exported["theme"]["language"]
        config.extra["alternate"] = exported["extra"]["alternate"]
        config.validation.nav.omitted_files = logging.DEBUG  # as the export says: term pages are left out
        search = config.plugins.get("material/search") or config.plugins.get("search")
        if search:  # the library's search replaces the theme's (builder/search/)
            search.config["enabled"] = False
        listed = {str(script) for script in config.extra_javascript}
        config.extra_javascript.extend(ExtraScriptValue(s) for s in exported.get("extra_javascript", [])
                                       if s not in listed)
        if self.site:
            config.site_dir = str(self.site.staging)
        builds.CompiledTemplates().on_config(config)
        if self.dirty and not self.error:
            builds.before_dirty_builds(self.export, config.site_dir, [e.code for e in self.cfg.editions])
        return config

    def on_files(self, files: Files, config) -> Files:
        """The default edition's exported tree replaces docs/ (and the theme files it patches); the
        other editions, exported meanwhile, start building beside it (the site folder is clean now)."""
        for edition in self.cfg.editions[1:]:
            log.info(f"Building the {edition.name} edition into {edition.prefix}")
            self.workers.build(edition.code)
        docs, under = self.export.folder(self.cfg.editions[0]) / "docs", f"{self.cfg.editions[0].code}/docs/"
        exported = sorted(path[len(under):] for path in self.export.files if path.startswith(under))
        replaced, source = set(exported), os.path.abspath(config.docs_dir)
        out = Files([f for f in files if f.src_uri not in replaced and not (  # docs/ itself is the export's
            f.src_dir and os.path.abspath(f.src_dir) == source)])
        for rel in exported:
            out.append(File(rel, str(docs), config.site_dir, config.use_directory_urls))
        return out

    def on_env(self, env, config, files):
        return builds.CompiledTemplates().on_env(env, config, files)

    def on_post_build(self, config):
        failures = self.workers.wait() if self.workers else {}
        for message in failures.values():
            if self.command != "serve":
                raise PluginError(message)
            self.error = self.error or message
        if self.site and not _strict_warnings():
            content_security_policy(self.site.staging)
            self.site.publish()
        self.bannered = show_banner(config.site_dir, self.error, self.bannered)
        builds.ServedWarnings.report()
        memory.idle(after=1.0)  # while serving, once the browsers have reloaded

    def on_build_error(self, error, **kwargs):
        """Any failure, a strict-mode warning included, leaves the previous site whole."""
        if self.workers:
            self.workers.wait()  # nothing may still write into the staging folder
        if getattr(self, "site", None):
            self.site.discard()

    def on_shutdown(self):
        if self.workers:
            self.workers.close()
            self.workers = None
        if getattr(self, "site", None):
            self.site.discard()

    def on_serve(self, server, config, builder):
        """Rebuild when a source, the manifest, the glossary, a translation or a template changes."""
        # No extra 0.1 s wait for more changes: the watcher polls every 0.5 s and reports a
        # save's changes together; a later change just rebuilds again.
        server.build_delay = 0
        paths = (self.cfg.manifest.parent, self.cfg.glossary, self.cfg.translations, TEMPLATES, self.cfg.published_anchors)
        for path in filter(os.path.exists, paths):
            server.watch(str(path))
        return server


def _strict_warnings() -> bool:
    """Whether MkDocs' strict-mode counter has seen a warning (it aborts after this event)."""
    from mkdocs.utils import CountHandler

    return any(isinstance(h, CountHandler) and h.get_counts() for h in logging.getLogger("mkdocs").handlers)
