"""Whether this process keeps what it made for the next build.

While serving, the builder remembers reports, page conversions and search postings between
rebuilds, so an edit redoes only what it changed (the MkDocs adapter turns this on under
``mkdocs serve``). A one-off build keeps nothing beyond itself, so its memory stays that of one
build, whatever the corpus size.
"""
from __future__ import annotations

import gc
import hashlib
import pickle
import threading
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")

KEEP = False


def keep(on: bool = True) -> None:
    global KEEP
    KEEP = on


_MADE: dict[str, dict[bytes, bytes]] = {}


def idle(after: float = 0.0) -> None:
    """A build is done: while serving, collect cyclic garbage now (``after`` seconds later, in
    the background) and set what survives aside from later collections.

    What a serving process remembers is hundreds of thousands of objects; a full collection of
    them, which Python starts on its own every few builds, took 0.2 s in the middle of a rebuild.
    Here it runs in the pause after one, and the survivors are frozen (``gc.freeze``), so a
    collection during the next rebuild looks only at what that rebuild made. Each pause unfreezes
    first: whatever was set aside and has become garbage since is collected then."""
    if not KEEP:
        return

    def tidy() -> None:
        gc.unfreeze()
        gc.collect()
        gc.freeze()

    if after:
        timer = threading.Timer(after, tidy)
        timer.daemon = True
        timer.start()
    else:
        tidy()


def remembered(kind: str, inputs: Callable[[], list[bytes]], make: Callable[[], T], versions: int = 1) -> T:
    """``make()``; while serving, a copy of what it made before from the same ``inputs()``
    (asked only while serving: a one-off build reads nothing more).

    The copy is unpickled (later steps may change the records they are given). ``kind`` names
    the store, which keeps the last ``versions`` results: one for a file read whole, more for a
    store that holds one result per report."""
    if not KEEP:
        return make()
    key = hashlib.sha256(b"\0".join(hashlib.sha256(part).digest() for part in inputs())).digest()
    store = _MADE.setdefault(kind, {})
    if key in store:
        return pickle.loads(store[key])
    made = make()
    if len(store) >= versions:
        store.clear()
    store[key] = pickle.dumps(made)
    return made


def remembered_file(path: Path, make: Callable[[], T], *also: bytes) -> T:
    """``make()``, a reading of the file at ``path``; while serving, reused while the file's
    bytes (and ``also``) are unchanged. A file that cannot be read is left to ``make()``, which
    says what is wrong."""
    from builder.inputs.files import FileProblem, read_limited
    from builder.inputs.yamlfile import MAX_BYTES

    def inputs() -> list[bytes]:
        return [str(path).encode(), *also, read_limited(path, MAX_BYTES)]

    try:
        return remembered(f"file {path}", inputs, make)
    except FileProblem:
        return make()
