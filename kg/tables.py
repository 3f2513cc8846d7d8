"""Query answers as plain tables, printed the same way by every query command (kg sparql,
kg cypher, kg query): a readable table, JSON records or CSV."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from dataclasses import dataclass
from typing import Any


@dataclass(slots=True)
class Table:
    """SELECT results as plain values: column names and rows of strings, ints or None."""

    columns: list[str]
    rows: list[list[Any]]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell(value: Any, limit: int = 60) -> str:
    text = "" if value is None else str(value).replace("\n", " ")
    if _width(text) <= limit:
        return text
    out, width = [], 0
    for ch in text:
        width += _width(ch)
        if width > limit - 1:
            break
        out.append(ch)
    return "".join(out) + "…"


def format_table(table: Table, limit: int = 60) -> str:
    """A readable fixed-width table (Chinese characters count as two columns)."""
    cells = [[_cell(v, limit) for v in row] for row in table.rows]
    widths = [_width(c) for c in table.columns]
    for row in cells:
        widths = [max(w, _width(c)) for w, c in zip(widths, row, strict=True)]

    def line(values: list[str]) -> str:
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths, strict=True))

    out = [line(table.columns).rstrip(), line(["-" * w for w in widths])]
    out += [line(row).rstrip() for row in cells]
    out.append(f"({len(table.rows)} row{'s' if len(table.rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def format_json(table: Table) -> str:
    return json.dumps(table.records(), ensure_ascii=False, indent=1) + "\n"


def format_csv(table: Table) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(table.columns)
    writer.writerows([["" if v is None else v for v in row] for row in table.rows])
    return buf.getvalue()


FORMATTERS = {"table": format_table, "json": format_json, "csv": format_csv}
