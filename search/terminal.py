"""Text for a terminal: matched words in bold, sub-paragraphs indented, two languages side by side.

The CLI's human output is written here; click only styles it (bold is dropped
when the output is not a terminal).
"""

from __future__ import annotations

import shutil
import textwrap
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:  # a search's output needs none of the side-by-side view
    from .parallel import Cell, ParallelView

__all__ = ["bold_spans", "render_view"]

Spans = tuple[tuple[int, int], ...]
_INDENT = "    "


def bold_spans(text: str, spans: Spans, *, start: int = 0) -> str:
    """Return ``text`` with ``spans`` in bold (offsets counted from ``start``)."""
    out = []
    last = 0
    for s, e in sorted(spans):
        s, e = max(s - start, last), min(e - start, len(text))
        if e <= s:
            continue
        out.append(text[last:s])
        out.append(click.style(text[s:e], bold=True))
        last = e
    out.append(text[last:])
    return "".join(out)


def _lines(cell: Cell | None, width: int, indent: str, pad: bool) -> list[str]:
    """Return a cell's label, reference and text wrapped to ``width``, matches bold.

    With ``pad``, each line is padded to ``width`` so that a column can follow it.
    """
    if cell is None:
        return []
    p = cell.paragraph
    head = f"{indent}{p.label}  [{p.reference}]"
    out = [click.style(_fit(head, width) if pad else head, bold=True)]
    text = p.text
    pos = 0
    for line in textwrap.wrap(text, max(10, width - len(indent)), break_on_hyphens=False) or [""]:
        begin = text.find(line, pos)
        begin = pos if begin < 0 else begin
        pos = begin + len(line)
        fill = " " * (width - len(indent) - len(line)) if pad else ""
        out.append(indent + bold_spans(line, cell.highlights, start=begin) + fill)
    return out


def _fit(text: str, width: int) -> str:
    return text[:width].ljust(width)


def render_view(view: ParallelView, *, width: int | None = None) -> list[str]:
    """Return the lines that show a resolution, one column per language (two at most)."""
    total = width or shutil.get_terminal_size((100, 24)).columns
    columns = min(len(view.versions), 2)
    gap = "   "
    col = total if columns == 1 else (total - len(gap)) // 2
    lines: list[str] = []
    for row in view.rows:
        indent = _INDENT * row.depth
        cells = [_lines(c, col, indent, columns > 1) for c in row.cells[:columns]]
        height = max(len(c) for c in cells)
        lines.append("")
        for i in range(height):
            parts = [c[i] if i < len(c) else " " * col for c in cells]
            lines.append(gap.join(parts).rstrip())
    return lines
