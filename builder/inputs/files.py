"""Reading an input file safely: a regular, readable file under a size limit, checked before
any of it is read (a sparse 8 GB file must not be loaded to find it is too big)."""
from __future__ import annotations

import os
import stat
from pathlib import Path


class FileProblem(Exception):
    """Why a file cannot be read; the caller names it in its own words (which file, which line)."""

    def __init__(self, kind: str, message: str):
        self.kind = kind
        """``missing``, ``unreadable`` (the file exists), ``not-regular`` or ``too-big``."""
        super().__init__(message)


def read_limited(path: Path, limit: int) -> bytes:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise FileProblem("missing", "file not found") from None
    except OSError as exc:
        raise FileProblem("unreadable", f"cannot read the file ({exc.strerror})") from None
    if not stat.S_ISREG(info.st_mode):
        raise FileProblem("not-regular", "not a regular file")
    if info.st_size > limit:
        raise FileProblem("too-big", f"file is {info.st_size // 2**20} MB, over the {limit // 2**20} MB limit")
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise FileProblem("unreadable", f"cannot read the file ({exc.strerror})") from None
    if len(data) > limit:  # grew while being read
        raise FileProblem("too-big", f"file is over the {limit // 2**20} MB limit")
    return data
