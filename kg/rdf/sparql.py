"""The embedded SPARQL store: a persistent Oxigraph database in ``OUT/store``, bulk-loaded by
``kg build`` and queried by ``kg sparql``. Queries see every named graph as the default graph
(the union), so canned queries need no ``GRAPH`` clauses."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import KgError

STORE_DIR = "store"


def build_store(quads: Iterable[ox.Quad], out_dir: str | Path) -> Path:
    """Bulk-load ``quads`` into a new store at ``out_dir/store``, replacing any old one only
    once the new one is complete (an interrupted build leaves the previous store intact)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    target = out / STORE_DIR
    tmp = Path(tempfile.mkdtemp(prefix=".store.", dir=out))
    try:
        store = ox.Store(str(tmp))
        store.bulk_extend(quads)
        store.flush()
        store.optimize()
        del store
        old = out / f".store.old.{tmp.name}"
        if target.exists():
            target.rename(old)
        tmp.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target


def open_store(out_dir: str | Path) -> ox.Store:
    """The store ``kg build`` wrote under ``out_dir``, opened read-only."""
    path = Path(out_dir) / STORE_DIR
    if not path.is_dir():
        raise KgError(f"{out_dir}: no SPARQL store here; run `kg build CORPUS -o {out_dir}` first")
    try:
        return ox.Store.read_only(str(path))
    except OSError as err:
        raise KgError(f"{path}: cannot open the store: {err}") from err


@dataclass(slots=True)
class Table:
    """SELECT results as plain values: column names and rows of strings, ints or None."""

    columns: list[str]
    rows: list[list[Any]]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def _plain(term: Any) -> Any:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if datatype.endswith(("#integer", "#int", "#long")):
            with contextlib.suppress(ValueError):
                return int(term.value)
        if datatype.endswith("#boolean"):
            return term.value == "true"
        return term.value
    return term.value


def parse_params(items: Iterable[str] | None) -> dict[str, str]:
    """``["district=黄石港区", "min_years=2"]`` → a dict; raises KgError on a malformed item."""
    out: dict[str, str] = {}
    for item in items or ():
        key, sep, value = item.partition("=")
        if not sep or not key.isidentifier():
            raise KgError(f"--param {item!r}: expected NAME=VALUE")
        out[key] = value
    return out


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def bind_params(query: str, params: Mapping[str, str]) -> str:
    """``query`` with a ``VALUES`` block binding each parameter, placed at the start of the
    WHERE pattern. Values are written as escaped RDF literals (integers when all digits), never
    pasted raw, so a value cannot change the query's shape."""
    if not params:
        return query
    match = _WHERE.search(query)
    brace = match.end() if match else query.find("{") + 1
    if brace <= 0:
        raise KgError("cannot bind --param: the query has no WHERE pattern")
    names = " ".join(f"?{name}" for name in params)
    values = " ".join(str(_literal(value)) for value in params.values())
    block = f" VALUES ({names}) {{ ({values}) }} "
    return query[:brace] + block + query[brace:]


def _literal(value: str) -> ox.Literal:
    if value.lstrip("-").isdigit():
        return ox.Literal(value, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    return ox.Literal(value)


def select(store: ox.Store, query: str, params: Mapping[str, str] | None = None) -> Table:
    """Run a SELECT query over the union of all graphs; ``params`` bind variables by name
    (values are bound as terms, never pasted into the query text)."""
    try:
        result = store.query(bind_params(query, params or {}), use_default_graph_as_union=True)
    except SyntaxError as err:
        raise KgError(f"SPARQL syntax error: {err}") from err
    except OSError as err:
        raise KgError(f"SPARQL query failed: {err}") from err
    if isinstance(result, bool):
        return Table(["result"], [[result]])
    if not isinstance(result, ox.QuerySolutions):
        raise KgError("kg sparql answers SELECT and ASK queries (use kg export for graphs)")
    columns = [v.value for v in result.variables]
    rows = [[_plain(solution[c]) for c in columns] for solution in result]
    return Table(columns, rows)


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
