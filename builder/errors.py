"""Errors a person can act on: one line, naming the file and, where it applies, the line."""
from __future__ import annotations

from pathlib import Path


class SourceError(Exception):
    """Bad input: a source text, the manifest or the glossary cannot be used as it is."""

    def __init__(self, path: Path | str, message: str, line: int | None = None):
        self.path = str(path)
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __reduce__(self):  # picklable with its fields (a corpus carries notices to the edition workers)
        return SourceError, (self.path, self.message, self.line)

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"

    def relative_to(self, root: Path | str) -> str:
        """The message with the file named relative to the project (as a person reads it)."""
        try:
            path = Path(self.path).resolve().relative_to(Path(root).resolve())
        except ValueError:
            path = Path(self.path)
        return f"{path}:{self.line}: {self.message}" if self.line else f"{path}: {self.message}"
