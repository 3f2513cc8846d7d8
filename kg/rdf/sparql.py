"""The embedded SPARQL store: a persistent Oxigraph database in ``OUT/store``, bulk-loaded by
``kg build`` and queried by ``kg sparql``. Queries see every named graph as the default graph
(the union), so canned queries need no ``GRAPH`` clauses."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import KgError
from kg.rdf.sinks import STORE_DIR, StoreSink, write_chunks
from kg.tables import FORMATTERS, Table, format_csv, format_json, format_table

__all__ = [
    "FORMATTERS",
    "Table",
    "bind_params",
    "build_store",
    "format_csv",
    "format_json",
    "format_table",
    "open_store",
    "parse_params",
    "select",
]


def build_store(quads: Iterable[ox.Quad], out_dir: str | Path) -> Path:
    """Bulk-load ``quads`` into a new store at ``out_dir/store``, replacing any old one only
    once the new one is complete (an interrupted build leaves the previous store intact)."""
    sink = StoreSink(out_dir)
    write_chunks([list(quads)], [sink])
    return sink.commit()


def open_store(out_dir: str | Path) -> ox.Store:
    """The store ``kg build`` wrote under ``out_dir``, opened read-only."""
    path = Path(out_dir) / STORE_DIR
    if not path.is_dir():
        raise KgError(f"{out_dir}: no SPARQL store here; run `kg build CORPUS -o {out_dir}` first")
    try:
        return ox.Store.read_only(str(path))
    except OSError as err:
        raise KgError(f"{path}: cannot open the store: {err}") from err


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
    WHERE pattern. Values are bound as escaped string literals (never pasted raw, so a value
    cannot change the query's shape); a query wanting a number converts it (xsd:integer(?n)).
    A parameter the query does not use is an error, so a misspelt name does not go unnoticed."""
    if not params:
        return query
    unused = [name for name in params if not re.search(rf"[?$]{re.escape(name)}\b", query)]
    if unused:
        raise KgError(f"--param {unused[0]}: the query has no variable ?{unused[0]}")
    match = _WHERE.search(query)
    brace = match.end() if match else query.find("{") + 1
    if brace <= 0:
        raise KgError("cannot bind --param: the query has no WHERE pattern")
    names = " ".join(f"?{name}" for name in params)
    values = " ".join(str(ox.Literal(value)) for value in params.values())
    block = f" VALUES ({names}) {{ ({values}) }} "
    return query[:brace] + block + query[brace:]


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
