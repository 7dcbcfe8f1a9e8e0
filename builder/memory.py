"""Whether this process keeps what it made for the next build.

While serving, the builder remembers reports, page conversions and search postings between
rebuilds, so an edit redoes only what it changed (the MkDocs adapter turns this on under
``mkdocs serve``). A one-off build keeps nothing beyond itself, so its memory stays that of one
build, whatever the corpus size.
"""
from __future__ import annotations

import hashlib
import pickle
from typing import Callable, TypeVar

T = TypeVar("T")

KEEP = False


def keep(on: bool = True) -> None:
    global KEEP
    KEEP = on


_MADE: dict[str, dict[bytes, bytes]] = {}


def remembered(kind: str, inputs: list[bytes], make: Callable[[], T], versions: int = 1) -> T:
    """``make()``; while serving, a copy of what it made before from the same ``inputs``.

    The copy is unpickled (later steps may change the records they are given). ``kind`` names
    the store, which keeps the last ``versions`` results: one for a file read whole, more for a
    store that holds one result per report."""
    if not KEEP:
        return make()
    key = hashlib.sha256(b"\0".join(hashlib.sha256(part).digest() for part in inputs)).digest()
    store = _MADE.setdefault(kind, {})
    if key in store:
        return pickle.loads(store[key])
    made = make()
    if len(store) >= versions:
        store.clear()
    store[key] = pickle.dumps(made)
    return made
