"""``kg export OUT --format neo4j-csv``: the graph model as ``neo4j-admin database import full``
files (one nodes CSV per label set, one relationships CSV per type, a README with the exact
command), for graphs too big to load over Bolt. The property-graph model is the Bolt loader's:
entity nodes labelled by type plus ``Entity``, ``Document``/``Task``/``Component`` nodes,
``MENTIONED_IN`` per mention and the SPEC relations, each with evidence and an ``id``.
"""

from __future__ import annotations

import contextlib
import csv
import math
import os
import re
import shlex
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from string import Template
from typing import Any

import networkx as nx

from kg.errors import KgError
from kg.graph.mapping import load_mapping
from kg.loaders.cypher_schema import (
    ENTITY_LABEL,
    NodeGroup,
    RelGroup,
    constraint_statements,
    node_groups,
    rel_groups,
)

# array delimiters in order of preference (the first is the import tool's default); the first
# that occurs in no array element is used
ARRAY_DELIMITERS = (";", "|", "\x1f")
README_TEMPLATE = "neo4j_csv_readme.md"
README_MARKER = "<!-- kg export neo4j-csv -->"

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
Scalar = str | int | float | bool


@dataclass(frozen=True, slots=True)
class Column:
    """A CSV column: the property key and its import type (``long``, ``string[]``, …)."""

    key: str
    type: str

    @property
    def header(self) -> str:
        return self.key if self.type == "string" else f"{self.key}:{self.type}"


def column_type(values: Iterable[Any]) -> str:
    """The import type of a column: ``boolean``, ``long``, ``double`` or ``string``, with ``[]``
    when any value is a list. 64-bit types, as Cypher's INTEGER and FLOAT (and the Bolt loader's
    values) are; amounts in yuan exceed 32 bits."""
    kinds: set[type] = set()
    array = False
    for value in values:
        if isinstance(value, list):
            array = True
            kinds.update(type(v) for v in value)
        else:
            kinds.add(type(value))
    if kinds == {bool}:
        base = "boolean"
    elif kinds and kinds <= {int}:
        base = "long"
    elif kinds and kinds <= {int, float}:
        base = "double"
    else:
        base = "string"
    return f"{base}[]" if array else base


def columns(rows: list[dict[str, Any]], leading: tuple[str, ...] = ()) -> list[Column]:
    """The property columns of ``rows`` in first-seen order, without the ``leading`` keys."""
    keys: dict[str, None] = {}
    for row in rows:
        keys.update(dict.fromkeys(k for k in row if k not in leading))
    for key in keys:
        if not _IDENTIFIER.fullmatch(key):
            raise KgError(f"graph property {key!r} is not a plain identifier; cannot be a column")
    return [Column(k, column_type(r[k] for r in rows if k in r)) for k in keys]


def _text(value: Scalar) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    return str(value)


def cell(value: Any, delimiter: str) -> str:
    """One CSV cell: a missing value and an empty list are an empty cell (no property)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return delimiter.join(_text(v) for v in value)
    return _text(value)


def array_delimiter(values: Iterable[str]) -> str:
    """The first of :data:`ARRAY_DELIMITERS` that occurs in none of ``values``."""
    seen = set("".join(values))
    for candidate in ARRAY_DELIMITERS:
        if candidate not in seen:
            return candidate
    raise KgError("every array delimiter kg knows occurs in the data: " + repr(ARRAY_DELIMITERS))


def _write_csv(path: Path, header: list[str], rows: Iterable[list[str]]) -> None:
    # CRLF line ends, so that the csv module quotes a lone \r in a value too
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)


@dataclass(slots=True)
class Table:
    """One CSV file: nodes of one label set, or relationships of one type. A row is the import
    tool's cells (id and labels, or start, end and type) and the properties."""

    name: str
    kind: str  # "nodes" or "relationships"
    leading: list[str]
    rows: list[tuple[list[Any], dict[str, Any]]] = field(default_factory=list)

    def write(self, folder: Path, delimiter: str) -> None:
        cols = columns([p for _, p in self.rows], leading=("id",) if self.kind == "nodes" else ())
        cols.sort(key=lambda c: c.key != "id")  # a relationship's id first
        header = [*self.leading, *(c.header for c in cols)]
        rows = (
            [cell(v, delimiter) for v in [*fixed, *(props.get(c.key) for c in cols)]]
            for fixed, props in self.rows
        )
        _write_csv(folder / self.name, header, rows)

    def values(self) -> Iterator[Any]:
        for fixed, props in self.rows:
            yield from fixed
            yield from props.values()


def tables(nodes: list[NodeGroup], rels: list[RelGroup]) -> list[Table]:
    """The CSV files of the Bolt loader's node and relationship groups: one per label set
    (``Park`` with ``Entity``, ``Document``, …) and one per relationship type."""
    out: list[Table] = []
    for group in nodes:
        labels = [group.label, ENTITY_LABEL] if group.is_entity else [group.label]
        table = Table(f"nodes_{group.label}.csv", "nodes", ["id:ID", ":LABEL"])
        table.rows = [([r["id"], labels], r["props"]) for r in group.rows]
        out.append(table)
    by_type: dict[str, Table] = {}
    for rel in rels:
        leading = [":START_ID", ":END_ID", ":TYPE"]
        name = f"relationships_{rel.type}.csv"
        table = by_type.setdefault(rel.type, Table(name, "relationships", leading))
        table.rows += [([r["head"], r["tail"], rel.type], r["props"]) for r in rel.rows]
    return out + [by_type[t] for t in sorted(by_type)]


def _strings(written: list[Table]) -> tuple[set[str], set[str]]:
    """The strings of scalar cells and the elements of array cells."""
    scalars: set[str] = set()
    elements: set[str] = set()
    for table in written:
        for value in table.values():
            if isinstance(value, str):
                scalars.add(value)
            elif isinstance(value, list):
                elements.update(v for v in value if isinstance(v, str))
    return scalars, elements


def _delimiter_option(delimiter: str) -> str:
    return delimiter if delimiter.isprintable() else f"U+{ord(delimiter):04X}"


def import_command(written: list[Table], delimiter: str, multiline: bool) -> str:
    """The ``neo4j-admin`` command that imports ``written`` (paths relative to the folder).

    The database name comes right after ``full``: from Neo4j 5.19 the file lists of ``--nodes``
    and ``--relationships`` would otherwise take it as one more file.
    """
    parts = ["neo4j-admin database import full neo4j"]
    parts += [f"--{t.kind}={shlex.quote(t.name)}" for t in written]
    parts.append(f"--array-delimiter={shlex.quote(_delimiter_option(delimiter))}")
    if multiline:
        parts.append("--multiline-fields=true")
    parts.append("--overwrite-destination=true")
    return " \\\n  ".join(parts)


def _readme(written: list[Table], delimiter: str, multiline: bool) -> str:
    template = Template(files("kg.loaders").joinpath(README_TEMPLATE).read_text(encoding="utf-8"))
    listing = "\n".join(f"| `{t.name}` | {t.kind} | {len(t.rows)} |" for t in written)
    shown = "`;`" if delimiter == ";" else f"`{_delimiter_option(delimiter)}`"
    return template.substitute(
        marker=README_MARKER,
        files=listing,
        command=import_command(written, delimiter, multiline),
        delimiter=shown,
    )


def write_files(graph: nx.MultiDiGraph, folder: Path) -> None:
    """Write the import files of ``graph``, ``schema.cypher`` and the README into ``folder``."""
    mapping = load_mapping()
    nodes, rels = node_groups(graph, mapping), rel_groups(graph, mapping)
    written = tables(nodes, rels)
    scalars, elements = _strings(written)
    delimiter = array_delimiter(elements)
    multiline = any("\n" in s or "\r" in s for s in scalars | elements)
    for table in written:
        table.write(folder, delimiter)
    schema = "".join(f"{s};\n" for s in constraint_statements(nodes))
    (folder / "schema.cypher").write_text(schema, encoding="utf-8")
    readme = _readme(written, delimiter, multiline)
    (folder / "README.md").write_text(readme, encoding="utf-8")


def _replaceable(path: Path) -> bool:
    """Whether ``path`` is an empty folder or one an earlier export wrote."""
    if not path.is_dir():
        return False
    if not any(path.iterdir()):
        return True
    readme = path / "README.md"
    return readme.is_file() and readme.read_text(encoding="utf-8").startswith(README_MARKER)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def _atomic_folder(target: Path) -> Iterator[Path]:
    """A temporary folder beside ``target``, put in its place only when the block succeeds."""
    if target.exists() and not _replaceable(target):
        raise KgError(f"{target}: exists and is not a folder of an earlier neo4j-csv export")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        yield tmp
        tmp.chmod(0o777 & ~_umask())
        if target.exists():
            old = Path(
                tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent)
            )
            os.replace(target, old / target.name)
            os.replace(tmp, target)
            shutil.rmtree(old)
        else:
            os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def write_neo4j_csv(graph: nx.MultiDiGraph, path: str | Path) -> None:
    """Write the ``neo4j-admin`` import folder ``path`` (replacing an earlier export there)."""
    with _atomic_folder(Path(os.path.abspath(path))) as tmp:
        write_files(graph, tmp)
