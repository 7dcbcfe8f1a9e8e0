"""Every internal link and #anchor of a built site, resolved against the files on disk."""
from __future__ import annotations

import html
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

HREF_RE = re.compile(r'<(?:a|link)\b[^>]*?\bhref="([^"]*)"', re.S)
SRC_RE = re.compile(r'<(?:script|img)\b[^>]*?\bsrc="([^"]*)"', re.S)
ID_RE = re.compile(r'\b(?:id|name)="([^"]+)"')


@lru_cache(maxsize=None)
def ids_of(path: Path) -> frozenset[str]:
    return frozenset(html.unescape(i) for i in ID_RE.findall(path.read_text(encoding="utf-8")))


def target_file(site: Path, url_path: str) -> Path:
    path = site / unquote(url_path).lstrip("/")
    return path / "index.html" if url_path.endswith("/") or path.is_dir() else path


def broken_links(site: Path) -> list[str]:
    """``page: href`` for each link that names a missing file or a missing anchor."""
    problems = []
    for page in sorted(site.rglob("*.html")):
        url = "/" + page.relative_to(site).as_posix()
        text = page.read_text(encoding="utf-8")
        for href in HREF_RE.findall(text) + SRC_RE.findall(text):
            href = html.unescape(href)
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
                continue
            target = urlsplit(urljoin(url, href))
            file = target_file(site, target.path)
            if not file.exists():
                problems.append(f"{url}: {href} (no file)")
            elif target.fragment and file.suffix == ".html" and unquote(target.fragment) not in ids_of(file):
                if not target.fragment.startswith("__"):  # Material's own targets (#__search…)
                    problems.append(f"{url}: {href} (no anchor)")
    return problems
