"""The site's editions: the Simplified Chinese original and its English and Traditional editions.

Each edition is a whole site under its own URL prefix, with the same page paths and the same
paragraph anchors, so any page or paragraph has a counterpart in every edition. An edition
object owns everything that differs between editions: its names and UI language, which side
of the bilingual data it shows, its template variant, its labels and the conversion that
derives it from another edition. Code elsewhere asks the edition; it never
asks which edition it is.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from builder import memory


def _same(text: str) -> str:
    return text


@lru_cache(maxsize=1)
def _s2t():
    import opencc

    return opencc.OpenCC("s2tw")


def to_traditional(text: str) -> str:
    """Characters, not vocabulary: OpenCC's s2tw, the Taiwan standard character forms (為 not
    爲, 群眾 not 羣眾, 著 not 着), which most readers of Traditional Chinese expect, and no word
    substitutions (s2twp would replace vocabulary), since the pages quote official documents.
    ASCII (markup, anchors, URLs) passes through unchanged."""
    if len(text) < 64 or not memory.KEEP:
        return _s2t().convert(text)
    return _converted(text)


@lru_cache(maxsize=2048)
def _converted(text: str) -> str:
    """Whole pages, remembered: a rebuild while serving converts only the pages that changed."""
    return _s2t().convert(text)


# Text a derived edition must leave as it is: a source written in Traditional characters is shown
# as received in every edition, so the Traditional edition's s2t never touches it (s2t of an
# already Traditional text is not the identity: 苦干實干 → 苦幹實幹). Pages mark such text with
# two Unicode noncharacters (never interchanged, so never in a source that means them); every
# edition's pages leave without them.
KEEP_OPEN, KEEP_CLOSE = "\ufdd0", "\ufdd1"


def keep(text: str) -> str:
    """Mark text (plain or HTML) that a derived edition must not convert."""
    return f"{KEEP_OPEN}{text}{KEEP_CLOSE}"


def unkept(text: str) -> str:
    """The text without keep marks (what the edition the marks were made in shows)."""
    return text.replace(KEEP_OPEN, "").replace(KEEP_CLOSE, "") if KEEP_OPEN in text else text


@dataclass(frozen=True)
class Edition:
    code: str
    """Identifier and, except for the default edition, the URL prefix."""
    name: str
    """The edition's own name for itself, as shown in the switcher."""
    hreflang: str
    theme_language: str
    """The theme's UI language."""
    language: str
    """Which side of the bilingual data (titles, kinds, categories) the edition shows: zh or en."""
    labels: dict[str, str]
    """The edition's words for the builder's own UI: section titles, status notes."""
    templates: str = ""
    """Subfolder of template variants; a page kind without a variant uses the shared template."""
    derived_from: str = ""
    """Code of the edition whose pages this one converts instead of rendering its own."""
    convert: Callable[[str], str] = _same
    """How a page of ``derived_from`` becomes a page of this edition."""
    translated: bool = False
    """Shows the translation memory's text instead of the Chinese."""
    default: bool = False

    @property
    def prefix(self) -> str:
        return "" if self.default else self.code + "/"

    def text(self, bilingual: dict) -> str:
        """This edition's side of a {zh, en} field."""
        return self.convert(bilingual[self.language])

    def template(self, name: str) -> list[str]:
        """Template names to try, the edition's variant first."""
        return [f"{self.templates}/{name}", name] if self.templates else [name]

    def derive(self, text: str) -> str:
        """A page text of ``derived_from`` made this edition's: converted, except what is kept."""
        if KEEP_OPEN not in text:
            return self.convert(text)
        out = []
        for i, part in enumerate(text.replace(KEEP_CLOSE, KEEP_OPEN).split(KEEP_OPEN)):
            out.append(part if i % 2 else self.convert(part))
        return "".join(out)

    def label(self, key: str) -> str:
        if key not in self.labels and self.derived_from:
            return self.convert(BY_CODE[self.derived_from].label(key))
        return self.labels[key]


ZH = Edition(
    "zh", "简体中文", "zh-Hans", "zh", "zh", default=True,
    labels={"reports": "报告", "glossary": "术语表", "glossary_title": "术语表 · Glossary",
            "missing": "未译", "stale": "可能过时", "link_item": "链接到本条", "link_paragraph": "链接到本段",
            "cov_report": "报告 Report", "cov_current": "已译 Translated", "cov_stale": "可能过时 Outdated",
            "cov_missing": "未译 Missing", "cov_coverage": "覆盖率 Coverage"},
)
EN = Edition(
    "en", "English", "en", "en", "en", templates="en", translated=True,
    labels={"reports": "Reports", "glossary": "Glossary", "glossary_title": "Glossary",
            "missing": "Not yet translated", "stale": "Translation may be outdated",
            "link_item": "Link to this item", "link_paragraph": "Link to this paragraph",
            "cov_report": "Report", "cov_current": "Translated", "cov_stale": "Outdated",
            "cov_missing": "Not yet translated", "cov_coverage": "Coverage"},
)
ZH_HANT = Edition(
    "zh-hant", "繁體中文", "zh-Hant", "zh-Hant", "zh", derived_from="zh", convert=to_traditional,
    labels={},
)
DEFAULT = ZH
EDITIONS = (ZH, EN, ZH_HANT)
BY_CODE = {e.code: e for e in EDITIONS}


def with_derived(editions) -> list[Edition]:
    """The first of ``editions`` and those derived from it: exported together, they render its
    pages once."""
    return [e for e in editions if e is editions[0] or e.derived_from == editions[0].code]


def counterpart(page_url: str, here: Edition, there: Edition) -> str:
    """Relative link from a page (its URL within ``here``) to the same page in ``there``."""
    depth = (here.prefix + page_url).count("/")
    up = "../" * depth
    target = there.prefix + page_url
    return (up + target) or "./"
