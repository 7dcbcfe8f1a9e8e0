"""A small static bar chart of a term's occurrences per report year, as inline SVG.

Only the years that have a report get a bar: a zero for a year with no report in the corpus
would read as "not mentioned that year".
"""
from __future__ import annotations

from markupsafe import Markup, escape

BAR, GAP, HEIGHT, TOP, BOTTOM = 34, 18, 90, 18, 22


def occurrences_svg(counts: dict[int, int], years: list[int], label: str) -> Markup:
    peak = max([counts.get(y, 0) for y in years] + [1])
    width = len(years) * (BAR + GAP) + GAP
    total = HEIGHT + TOP + BOTTOM
    parts = [*svg_open("term-chart", width, total, label),
             f'<line x1="0" y1="{TOP + HEIGHT}" x2="{width}" y2="{TOP + HEIGHT}" class="axis"/>']
    for i, year in enumerate(years):
        n = counts.get(year, 0)
        h = round(HEIGHT * n / peak)
        x = GAP + i * (BAR + GAP)
        parts.append(f'<rect x="{x}" y="{TOP + HEIGHT - h}" width="{BAR}" height="{h}" class="bar"/>')
        parts.append(f'<text x="{x + BAR // 2}" y="{TOP + HEIGHT - h - 4}" class="count">{n}</text>')
        parts.append(f'<text x="{x + BAR // 2}" y="{TOP + HEIGHT + 16}" class="year">{year}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def svg_open(css_class: str, width: int, height: int, label: str) -> list[str]:
    """The opening of an inline chart: an accessible image whose label is escaped text."""
    return [f'<svg class="{css_class}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" role="img" aria-label="{escape(label)}">',
            f"<title>{escape(label)}</title>"]
