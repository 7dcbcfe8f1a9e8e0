"""Stable anchors: derived from a block's own text, so editing one paragraph never renumbers
the others. The same text twice on a page gets -2, -3… in reading order."""
from __future__ import annotations

import hashlib

from builder.report.records import Block, BlockKind
from builder.text import canonical

LENGTH = 7


def anchor_for(block: Block) -> str:
    prefix = "h" if block.kind is BlockKind.HEADING else "p"
    digest = hashlib.sha1(canonical(block.text).encode("utf-8")).hexdigest()[:LENGTH]
    return f"{prefix}-{digest}"


def assign(blocks: list[Block]) -> None:
    seen: dict[str, int] = {}
    for block in blocks:
        base = anchor_for(block)
        seen[base] = seen.get(base, 0) + 1
        block.anchor = base if seen[base] == 1 else f"{base}-{seen[base]}"
