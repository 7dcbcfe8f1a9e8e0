"""Where build time goes: a stopwatch the stages report to, used by the benchmark.

The library's stages take an optional stopwatch; without one they pay nothing.
"""
from __future__ import annotations

import time
from collections import defaultdict
from contextlib import contextmanager


class Stopwatch:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    @contextmanager
    def stage(self, name: str):
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] += time.perf_counter() - start


class _Off:
    @contextmanager
    def stage(self, name: str):
        yield


OFF = _Off()
