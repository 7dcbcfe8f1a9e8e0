"""One typed build configuration, read from the project's ``mkdocs.yml``.

``mkdocs.yml`` is the site's configuration for every engine (MkDocs and Zensical both read it):
its ``lvliang-reports`` plugin entry names the builder's inputs, and the rest (theme, Markdown
extensions, CSS) is the engine configuration each edition's exported tree starts from. The
MkDocs plugin, the command line, the benchmark and the tests all load it through ``load``, so
they build the same thing.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from builder.editions import BY_CODE, DEFAULT, EDITIONS, Edition
from builder.errors import SourceError
from builder.inputs import settings as corpus_settings
from builder.inputs.settings import CorpusSettings

PLUGIN = "lvliang-reports"
OPTIONS = {"manifest", "glossary", "translations", "editions", "stale_translations", "out", "corpus", "published_anchors",
           "glossary_released"}


@dataclass(frozen=True)
class BuildConfig:
    root: Path
    """The project folder (where mkdocs.yml is)."""
    manifest: Path
    glossary: Path
    translations: Path
    docs: Path
    """Hand-written pages and assets (the engine's docs_dir)."""
    out: Path
    """Where the exported edition trees are written."""
    published_anchors: Path | None = None
    """The record of every paragraph anchor ever published (builder/report/published.py)."""
    glossary_released: str = ""
    """The glossary's release date (YYYY-MM-DD), the date its term pages are cited with:
    set by the editors when they publish, never the build time (builds are reproducible)."""
    editions: tuple[Edition, ...] = EDITIONS
    stale_translations: str = "warn"
    """'warn' (fails a strict build) or 'info' (while editing)."""
    engine: dict = field(default_factory=dict)
    """The engine configuration (mkdocs.yml without this builder's plugin), per edition adapted."""
    corpus: CorpusSettings = corpus_settings.DEFAULT
    """The place-specific words (region, levels, report kinds, citation titles): the ``corpus:``
    option, see builder/inputs/settings.py."""

    @property
    def site_url(self) -> str | None:
        return self.engine.get("site_url") or None

    @property
    def site_name(self) -> str:
        return self.engine.get("site_name", "")

    @property
    def directory_urls(self) -> bool:
        return bool(self.engine.get("use_directory_urls", True))

    @property
    def custom_dir(self) -> Path | None:
        theme = self.engine.get("theme")
        custom = theme.get("custom_dir") if isinstance(theme, dict) else None
        return self.root / custom if custom else None


class _Loader(yaml.SafeLoader):
    """mkdocs.yml as data: ``!ENV`` resolved as MkDocs does; other tags refused by name."""


def _env(loader: _Loader, node: yaml.Node):
    """``!ENV NAME`` or ``!ENV [NAME, …, default]``: the first variable set, else the default."""
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(loader.construct_scalar(node))
    items = loader.construct_sequence(node)
    *names, default = items if len(items) > 1 else (*items, None)
    return next((os.environ[n] for n in names if n in os.environ), default)


_Loader.add_constructor("!ENV", _env)


def load(config_file: Path | str = "mkdocs.yml") -> BuildConfig:
    path = Path(config_file).resolve()
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 (safe subclass)
    except FileNotFoundError:
        raise SourceError(path, "file not found") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise SourceError(path, f"cannot read the site configuration: {getattr(exc, 'problem', exc)}",
                          mark.line + 1 if mark else None) from None
    if not isinstance(data, dict):
        raise SourceError(path, "expected a mapping")
    root = path.parent
    plugins = data.get("plugins") or []
    options: dict = {}
    engine_plugins = []
    for item in plugins:
        name = next(iter(item)) if isinstance(item, dict) else item
        if name == PLUGIN:
            options = (item[name] if isinstance(item, dict) else None) or {}
        else:
            engine_plugins.append(item)
    unknown = sorted(set(options) - OPTIONS)
    if unknown:
        raise SourceError(path, f"unknown option '{unknown[0]}' of the {PLUGIN} plugin")
    codes = list(options.get("editions") or [e.code for e in EDITIONS])
    bad = [c for c in codes if c not in BY_CODE]
    if bad:
        raise SourceError(path, f"unknown edition '{bad[0]}' (editions: {', '.join(BY_CODE)})")
    if codes[:1] != [DEFAULT.code]:
        raise SourceError(path, f"editions must start with the default edition '{DEFAULT.code}'")
    # LVLIANG_EDITIONS=zh (comma-separated codes) narrows the editions for a quicker preview.
    only = [c.strip() for c in os.environ.get("LVLIANG_EDITIONS", "").split(",") if c.strip()]
    codes = [c for c in codes if not only or c in only or c == DEFAULT.code]
    stale = options.get("stale_translations") or "warn"
    if stale not in ("warn", "info"):
        raise SourceError(path, "stale_translations must be 'warn' or 'info'")
    corpus = corpus_settings.parse(options.get("corpus"), path, _line_of(path, "corpus:"),
                                   prefix=f"plugins.{PLUGIN}.corpus")
    engine = {k: v for k, v in data.items() if k not in ("plugins", "watch")}
    engine["plugins"] = engine_plugins
    return BuildConfig(
        root=root,
        manifest=root / options.get("manifest", "source_texts/manifest.yaml"),
        glossary=root / options.get("glossary", "glossary.yaml"),
        translations=root / options.get("translations", "translations"),
        docs=root / data.get("docs_dir", "docs"),
        out=root / options.get("out", ".cache/lvliang-reports/editions"),
        published_anchors=root / options.get("published_anchors", "published_anchors.yaml"),
        glossary_released=str(options.get("glossary_released") or ""),
        editions=tuple(BY_CODE[c] for c in codes),
        stale_translations=stale,
        engine=engine,
        corpus=corpus,
    )


def _line_of(path: Path, key: str) -> int | None:
    """The line where ``key`` first begins a line of the file (for error messages)."""
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text.lstrip().startswith(key):
            return number
    return None
