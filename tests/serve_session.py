"""A `mkdocs serve` build loop without the HTTP server, for tests: builds the project in the
given folder as `mkdocs serve` does (its site address, its plugin life cycle), once per line
read from standard input ("dirty": as `mkdocs serve --dirty` rebuilds after an edit), or once
and exit ("cold": a fresh server's first build). Prints "built" or "failed: <message>" per build.

    python tests/serve_session.py <project> <site_dir> dirty|cold
"""
from __future__ import annotations

import os
import sys

from mkdocs.commands.build import build
from mkdocs.config import load_config

SERVE_URL = "http://127.0.0.1:8000/"


def main(project: str, site_dir: str, mode: str) -> None:
    os.chdir(project)
    dirty = mode == "dirty"
    config = None
    lines = sys.stdin if dirty else iter(["build\n"])
    try:
        for _ in lines:
            first = config is None
            config = load_config("mkdocs.yml", site_dir=site_dir)
            config.site_url = SERVE_URL
            if first:  # as `mkdocs serve`: once, and the plugin object lives across rebuilds
                config.plugins.on_startup(command="serve", dirty=dirty)
            try:
                build(config, serve_url=SERVE_URL, dirty=dirty)
                print("built", flush=True)
            except BaseException as exc:  # noqa: BLE001 - the test reads the line
                print("failed:", " ".join(str(exc).split()), flush=True)
    finally:
        if config is not None:
            config.plugins.on_shutdown()


if __name__ == "__main__":
    main(*sys.argv[1:4])
