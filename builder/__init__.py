"""A static site generator for Chinese policy texts, as a library. The packages are the
pipeline, in order:

    inputs/       files → records: the manifest, the raw source texts, safe YAML
    report/       the per-report pipeline (``report.pipeline.STAGES``): normalise with the
                  cleaning ``rules/``, assemble paragraphs, structure, dedupe, anchor, notes
    glossary/     the glossary model, the term matcher, the concordance, the candidate finder
    translation/  the translation memory and its checks
    indicators/   the quantified targets and results of the reports, as typed records
    corpus.py     all of the above, once per build
    editions.py   the editions as objects (language, labels, templates, derivation)
    render/       pages per edition: the only owner of Jinja templates and of HTML
    export/       every edition as a plain project any engine builds; data files
    search/       each edition's search index from its exported pages, and the script that reads it
    adapters/     the MkDocs plugin (the only code importing mkdocs), engines, the command line

``config.py`` reads the one build configuration from ``mkdocs.yml``. Beside the pipeline:
``memory.py`` (what a serving process keeps between rebuilds), ``pickling.py`` (the records'
fast pickling), ``timing.py`` (the benchmark's stopwatch).
"""
from __future__ import annotations

from builder.config import BuildConfig, load as load_config
from builder.corpus import Corpus, load_for as load_corpus
from builder.editions import EDITIONS, Edition
from builder.errors import SourceError
from builder.export.tree import Export, export, export_files
from builder.render.pages import EditionSite, Page, build_edition

__all__ = ["BuildConfig", "Corpus", "EDITIONS", "Edition", "EditionSite", "Export", "Page", "SourceError",
           "build_edition", "export", "export_files", "load_config", "load_corpus"]
