"""The site's editions: the Simplified Chinese original and its English and Traditional editions.

Each edition is a whole site under its own URL prefix, with the same page paths and the same
paragraph anchors, so any page or paragraph has a counterpart in every edition.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Edition:
    code: str
    """Identifier and, except for the default edition, the URL prefix."""
    theme_language: str
    """Material's UI language."""
    hreflang: str
    name: str
    """The edition's own name for itself, as shown in the switcher."""

    @property
    def prefix(self) -> str:
        return "" if self is DEFAULT else self.code + "/"


ZH = Edition("zh", "zh", "zh-Hans", "简体中文")
EN = Edition("en", "en", "en", "English")
ZH_HANT = Edition("zh-hant", "zh-Hant", "zh-Hant", "繁體中文")
DEFAULT = ZH
EDITIONS = (ZH, EN, ZH_HANT)
BY_CODE = {e.code: e for e in EDITIONS}


def counterpart(page_url: str, here: Edition, there: Edition) -> str:
    """Relative link from a page (its URL within ``here``) to the same page in ``there``."""
    depth = (here.prefix + page_url).count("/")
    up = "../" * depth
    target = there.prefix + page_url
    return (up + target) or "./"

