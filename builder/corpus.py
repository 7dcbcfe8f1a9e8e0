"""The corpus: everything the editions share, built once per build from the inputs.

Reports (through the per-report pipeline), the glossary with its concordance, the
translation memory and the indicators read from the reports. Raises SourceError on bad input,
before anything is written.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from builder.errors import SourceError
from builder.glossary import concordance as concordance_mod
from builder.glossary.matcher import TermMatcher
from builder.glossary.model import Glossary, load_glossary
from builder.inputs.settings import DEFAULT as DEFAULT_SETTINGS, CorpusSettings
from builder.indicators import Indicators, extract_all as extract_indicators
from builder.report import published
from builder.report.pipeline import load_corpus
from builder.report.records import Report
from builder.timing import OFF
from builder.translation.memory import Memory, load_memories

TRANSLATION_LANGUAGE = "en"


@dataclass(slots=True)
class Corpus:
    reports: list[Report]
    glossary: Glossary
    concordance: concordance_mod.Concordance
    memories: dict[str, Memory]
    """English translation memory per report id."""
    english: TermMatcher
    """Glossary terms by their English names, for marking translated text."""
    indicators: Indicators | None = None
    """Quantified targets and results of every report (builder.indicators); extracted once, when
    the corpus is made, if not given."""
    cache: dict = field(default_factory=dict)
    """Work shared by the editions of one build (data exports, pages a derived edition converts)."""
    settings: CorpusSettings = DEFAULT_SETTINGS
    """The site's place-specific words: level and kind labels, citation titles (mkdocs.yml ``corpus:``)."""
    edited: list[SourceError] = field(default_factory=list)
    """Sources shown as edited although the manifest does not record their hash yet (a preview:
    ``load(..., preview=True)``), one notice each."""

    def __post_init__(self) -> None:
        if self.indicators is None:
            self.indicators = extract_indicators(self.reports)


def load(manifest: Path, glossary_path: Path, translations: Path, watch=OFF,
         published_anchors: Path | None = None, *, settings: CorpusSettings = DEFAULT_SETTINGS,
         preview: bool = False) -> Corpus:
    """``preview``: an edited source whose new hash is not recorded yet is shown as it is now,
    with a notice (``Corpus.edited``), instead of stopping the build (builder.report.pipeline)."""
    with watch.stage("load"):
        glossary = load_glossary(glossary_path, settings.levels)
    edited: list[SourceError] | None = [] if preview else None
    reports = load_corpus(manifest, watch, settings.kinds, edited)
    if published_anchors is not None:
        with watch.stage("anchor"):
            published.resolve(reports, published.load_record(published_anchors), published_anchors)
    with watch.stage("annotate"):
        conc = concordance_mod.build(reports, glossary, TermMatcher.for_glossary(glossary))
    with watch.stage("translate"):
        memories = load_memories(translations / TRANSLATION_LANGUAGE, reports)
    with watch.stage("indicators"):
        indicators = extract_indicators(reports)
    return Corpus(reports, glossary, conc, memories, TermMatcher.for_english(glossary), indicators,
                  settings=settings, edited=edited or [])


def load_for(config, watch=OFF, *, preview: bool = False) -> Corpus:
    """The corpus a build configuration names."""
    return load(config.manifest, config.glossary, config.translations, watch, config.published_anchors,
                settings=config.corpus, preview=preview)


def status(corpus: Corpus) -> list[tuple[str, str]]:
    """What a build reports about the corpus, as (kind, line): 'stale' lines are warnings while
    editing is not declared, the others notes."""
    lines = []
    for rid, memory in corpus.memories.items():
        stale = [a for a, r in memory.renderings.items() if r.status == "stale"]
        if stale:
            lines.append(("stale", f"{rid}: {len(stale)} English translations may be outdated (the Chinese "
                          f"changed): {', '.join(stale[:5])}{' …' if len(stale) > 5 else ''}; "
                          "see `python -m builder translations`"))
        missing = memory.count("missing")
        if missing:
            lines.append(("info", f"{rid}: {missing} of {len(memory.renderings)} paragraphs not yet "
                          "translated into English"))
    lines += [("info", f"{r.id}: {len(r.notes)} editorial notes") for r in corpus.reports if r.notes]
    return lines
