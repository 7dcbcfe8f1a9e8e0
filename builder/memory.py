"""Whether this process keeps what it made for the next build.

While serving, the builder remembers reports, page conversions and search postings between
rebuilds, so an edit redoes only what it changed (the MkDocs adapter turns this on under
``mkdocs serve``). A one-off build keeps nothing beyond itself, so its memory stays that of one
build, whatever the corpus size.
"""
from __future__ import annotations

KEEP = False


def keep(on: bool = True) -> None:
    global KEEP
    KEEP = on
