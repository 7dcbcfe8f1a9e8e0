"""Rendering reports to Markdown for MkDocs, behind one object that owns the templates.

Source text is data, never markup: heading text is escaped for Markdown, everything else is
written as HTML-escaped raw HTML blocks, which Markdown leaves alone. So ``*``, ``#``, ``<``,
``[``, ``|`` and ``{{`` in a report show literally.
"""
from __future__ import annotations

import functools
import hashlib
import pickle
import re
from collections import Counter
from itertools import groupby
from pathlib import Path
from typing import Callable

import jinja2
from markupsafe import escape

from builder import memory
from builder.report.records import Block, BlockKind, Report

TEMPLATES = Path(__file__).parent / "templates"

# Python-Markdown's backslash-escapable characters (with the tables extension's |).
_MD_SPECIAL_RE = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")


def md_heading(text: str) -> str:
    """Escape text for a Markdown ATX heading: backslash escapes and HTML entities."""
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    return _MD_SPECIAL_RE.sub(r"\\\1", text)


def one_line(text: str) -> str:
    return " ".join(text.split())


def front_matter(text: str) -> str:
    """A front-matter value: one line, HTML-escaped (the theme prints titles and descriptions
    unescaped, some inside attributes) and JSON-quoted (valid YAML whatever the text holds)."""
    import json

    return json.dumps(str(escape(one_line(text))), ensure_ascii=False)


class Renderer:
    """Owns the Jinja environment and the fixed template folder; logic stays in Python."""

    def __init__(self) -> None:
        self.env = _environment()
        self.version = tuple((p.name, p.stat().st_mtime_ns) for p in sorted(TEMPLATES.rglob("*.j2")))
        """The templates as they are now: what was rendered before another version is not reused."""

    def render(self, edition, template: str, **context) -> str:
        """A page kind in an edition: the edition's variant of the template if it has one."""
        return self.env.select_template(edition.template(template)).render(**context)

    def render_data(self, edition, template: str, **context) -> str:
        """``render`` for a context of records and plain data only. While serving
        (``builder.memory``), the text rendered before from an equal context is reused: a rebuild
        renders again only the term pages whose data changed (pickling the context costs a
        third of rendering it)."""
        return self.reused(edition, template, context, lambda: self.render(edition, template, **context))

    def reused(self, edition, template: str, data, make: Callable[[], str]) -> str:
        """``make()``, a text of ``template`` decided by ``data`` (records and plain data); while
        serving, the text made before from equal ``data`` and the same templates."""
        if not memory.KEEP:
            return make()
        key = hashlib.blake2b(pickle.dumps((self.version, edition.code, template, data), protocol=5),
                              digest_size=16).digest()
        text = _RENDERED.get(key)
        if text is None:
            if len(_RENDERED) > 6000:  # a few versions of every such page of the editions built here
                _RENDERED.clear()
            text = _RENDERED[key] = make()
        return text

    @staticmethod
    def groups(blocks: list[Block]):
        return list(_groups(blocks))

    @staticmethod
    def change_summary(report: Report) -> Counter:
        return Counter(change.rule for change in report.changes)


_RENDERED: dict[bytes, str] = {}


@functools.lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    """One environment per process: while serving, each rebuild reuses the compiled templates and
    recompiles only a template whose file changed (``auto_reload`` checks its modification time)."""
    env = jinja2.Environment(
        # The package's own folder, whatever the working directory holds (a copy's templates must not win).
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=False,  # output is Markdown; escaping is explicit, per context
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        auto_reload=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md_heading"] = md_heading
    env.filters["html"] = lambda s: escape(s)
    env.filters["one_line"] = one_line
    env.filters["front_matter"] = front_matter
    return env


def _groups(blocks: list[Block]):
    """Consecutive list items form one list; every other block stands alone."""
    for is_list, run in groupby(blocks, key=lambda b: b.kind is BlockKind.LIST_ITEM):
        if is_list:
            yield "list", list(run)
        else:
            for block in run:
                yield block.kind.value, block

