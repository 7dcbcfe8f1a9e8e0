"""Atomic output: a build writes into a staging folder beside the target and swaps it in only
when every edition succeeded, so an interrupted or failed build leaves the previous site whole.
A lock beside the target makes a second concurrent build into the same folder stop with one
line instead of both writing into it."""
from __future__ import annotations

import fcntl
import os
import shutil
from pathlib import Path


class BusyError(Exception):
    pass


class AtomicSite:
    def __init__(self, target: str | os.PathLike):
        self.target = Path(target).resolve()
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self._lock = open(self.target.parent / f".{self.target.name}.lock", "w")
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock.close()
            raise BusyError(f"another build is writing {self.target.name}/ right now; "
                            "run this one when it has finished") from None
        # Staging folders of builds that were killed (no lock holds them any more).
        for stale in self.target.parent.glob(f".{self.target.name}.building-*"):
            shutil.rmtree(stale, ignore_errors=True)
        self.staging = self.target.parent / f".{self.target.name}.building-{os.getpid()}"
        self.staging.mkdir()
        self.done = False

    def publish(self) -> None:
        """Swap the staging folder in: two renames, so readers see the old or the new site."""
        old = self.target.parent / f".{self.target.name}.old-{os.getpid()}"
        if self.target.exists():
            os.replace(self.target, old)
        os.replace(self.staging, self.target)
        shutil.rmtree(old, ignore_errors=True)
        self._release()

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
        self._release()

    def _release(self) -> None:
        if not self.done:
            self.done = True
            fcntl.flock(self._lock, fcntl.LOCK_UN)
            self._lock.close()
