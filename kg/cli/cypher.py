"""``kg cypher OUT "MATCH …"``: Cypher over the built graph with nothing to install or start.

kg runs a private ArcadeDB server (from the arcadedb-embedded wheel) on 127.0.0.1, loads
``OUT/graph.json`` into ``OUT/arcadedb`` with the Neo4j loader unless it already holds that
very graph, answers, and stops the server. Queries written for it are Neo4j 5 Cypher.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator, Mapping
from typing import Any, TextIO

from kg.errors import KgError

DESCRIPTION = """\
Ask the built graph in Cypher (Neo4j 5 dialect), with nothing to install or start: kg runs a
private ArcadeDB server on 127.0.0.1, loads OUT/graph.json into OUT/arcadedb (only when that
database does not already hold this very graph), answers, and stops the server.
"""
SHELL_HELP = """\
--shell keeps the server running and reads queries from standard input until end of input
(Ctrl-D). On a terminal each line is a query, unless its brackets or quotes are still open;
from a pipe or file, queries end with ';' at the end of a line (or, when no line ends with ';',
each line is a query). Lines starting with // are comments.
"""


_COMMENT_OR_STRING = re.compile(r"//[^\n]*|/\*.*?\*/|'(?:\\.|[^'\\])*'|\"(?:\\.|[^\"\\])*\"", re.S)
_PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def parameter_names(query: str) -> set[str]:
    """The ``$name`` parameters a query uses (outside comments and string literals)."""
    return set(_PARAMETER.findall(_COMMENT_OR_STRING.sub(" ", query)))


def query_params(query: str, params: Mapping[str, str]) -> dict[str, Any]:
    """``--param`` values as string parameters (as kg sparql binds them; a query wanting a
    number converts it: ``toInteger($min_years)``), and ``None`` for every parameter the query
    uses that was not given, so that optional ones read ``$name IS NULL OR …``."""
    used = parameter_names(query)
    unknown = sorted(set(params) - used)
    if unknown:
        known = ", ".join(sorted(used)) or "none"
        raise KgError(f"--param {unknown[0]}: the query has no ${unknown[0]} (it has: {known})")
    return {name: params.get(name) for name in sorted(used)}


def plain(value: Any) -> Any:
    """A driver value as plain Python data: nodes and relationships as their properties."""
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        return {"labels": sorted(value.labels), **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, Relationship):
        return {"type": value.type, **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, Path):  # node, relationship, node, …, node
        steps = [plain(value.nodes[0])]
        for rel, node in zip(value.relationships, value.nodes[1:], strict=True):
            steps += [plain(rel), plain(node)]
        return steps
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


def flat(value: Any) -> Any:
    """A cell for a table or CSV: lists and maps as JSON text."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else value


def run_query(driver: Any, database: str, text: str, params: Mapping[str, Any]) -> Any:
    """Run one query; returns the Table and whether the query changed the database."""
    from kg.rdf.sparql import Table

    with driver.session(database=database) as session:
        result = session.run(text, dict(params))
        rows = [[plain(v) for v in record.values()] for record in result]
        # ArcadeDB sends no column names with an empty result
        columns = list(result.keys()) or (return_columns(text) if not rows else [])
        summary = result.consume()
    return Table(columns, rows), bool(summary.counters.contains_updates)


_KEYWORD = re.compile(r"\b(RETURN|ORDER\s+BY|SKIP|LIMIT|UNION)\b", re.I)


def return_columns(query: str) -> list[str]:
    """The column names of a query's last RETURN, read from its text (the alias after AS,
    else the expression as written); [] for ``RETURN *`` or when there is none."""
    masked = _COMMENT_OR_STRING.sub(lambda m: "_" * len(m.group()), query)
    found = [(m.start(), m.end(), m.group(1).upper()) for m in _KEYWORD.finditer(masked)]
    returns = [i for i, f in enumerate(found) if f[2] == "RETURN"]
    if not returns:
        return []
    i = returns[-1]
    start, end = found[i][1], found[i + 1][0] if i + 1 < len(found) else len(query)
    items, depth, begin = [], 0, start
    for pos in range(start, end):
        ch = masked[pos]
        depth += ch in "([{"
        depth -= ch in ")]}"
        if ch == "," and depth == 0:
            items.append(query[begin:pos])
            begin = pos + 1
    items.append(query[begin:end])
    items = [" ".join(x.split()).rstrip(";") for x in items]
    if items and items[0].upper().startswith("DISTINCT "):
        items[0] = items[0][9:]
    if items == ["*"]:
        return []
    return [re.split(r"\s+AS\s+", x, flags=re.I)[-1].strip("` ") for x in items if x]


def render(table: Any, fmt: str) -> str:
    from kg.rdf.sparql import FORMATTERS, Table

    if fmt != "json":
        table = Table(table.columns, [[flat(v) for v in row] for row in table.rows])
    return str(FORMATTERS[fmt](table))


def balanced(text: str) -> bool:
    """Whether brackets and quotes opened in ``text`` are all closed (a rough Cypher lexer:
    enough to tell whether a line typed on a terminal continues)."""
    depth, quote, escape = 0, "", False
    for ch in text:
        if quote:
            if escape:
                escape = False
            elif ch == "\\":
                escape = True
            elif ch == quote:
                quote = ""
        elif ch in "'\"`":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
    return depth <= 0 and not quote


def _is_blank(text: str) -> bool:
    return all(not ln.strip() or ln.strip().startswith("//") for ln in text.splitlines())


def split_script(text: str) -> list[str]:
    """Queries of a script: ``;``-terminated when any line ends with ``;``, else one a line."""
    lines = text.splitlines()
    if not any(ln.rstrip().endswith(";") for ln in lines):
        return [ln.strip() for ln in lines if not _is_blank(ln)]
    queries, buf = [], []
    for ln in lines:
        buf.append(ln)
        if ln.rstrip().endswith(";"):
            queries.append("\n".join(buf).rstrip().rstrip(";"))
            buf = []
    queries.append("\n".join(buf))
    return [q.strip() for q in queries if not _is_blank(q)]


def terminal_queries(stream: TextIO, prompt: TextIO) -> Iterator[str]:
    """Queries typed on a terminal: a line ends a query unless brackets or quotes are open."""
    buf: list[str] = []
    while True:
        prompt.write("cypher> " if not buf else "   ...> ")
        prompt.flush()
        line = stream.readline()
        if not line:
            prompt.write("\n")
            break
        if not buf and _is_blank(line):
            continue
        buf.append(line.rstrip("\n"))
        text = "\n".join(buf)
        if text.rstrip().endswith(";") or balanced(text):
            buf = []
            if not _is_blank(text):
                yield text.strip().rstrip(";")
    if buf and not _is_blank("\n".join(buf)):
        yield "\n".join(buf).strip().rstrip(";")


def shell(args: argparse.Namespace, driver: Any, database: str, params: dict[str, str]) -> int:
    """Answer queries from stdin until end of input; 1 if any failed."""
    from kg.loaders.arcadedb import forget
    from kg.loaders.neo4j import error_line

    if sys.stdin.isatty():
        print("kg cypher shell: one query a line; Ctrl-D to end", file=sys.stderr)
        queries: Iterator[str] | list[str] = terminal_queries(sys.stdin, sys.stderr)
    else:
        queries = split_script(sys.stdin.read())
    failed = 0
    for text in queries:
        try:
            table, changed = run_query(driver, database, text, shell_params(text, params))
        except Exception as err:
            if not _is_driver_error(err):
                raise
            failed += 1
            print(f"kg: error: {error_line(err, 'cypher', '', database)}", file=sys.stderr)
            continue
        if changed:
            forget(args.out)
        sys.stdout.write(render(table, args.format))
        sys.stdout.flush()
    return 1 if failed else 0


def shell_params(query: str, params: Mapping[str, str]) -> dict[str, Any]:
    """In the shell, ``--param`` values bind the queries that use them; others are None."""
    return query_params(query, {k: v for k, v in params.items() if k in parameter_names(query)})


def _is_driver_error(err: Exception) -> bool:
    import neo4j.exceptions as nx_err

    return isinstance(err, nx_err.Neo4jError | nx_err.DriverError)


def cmd_cypher(args: argparse.Namespace) -> int:
    from kg.cli.graph import query_text
    from kg.loaders.arcadedb import embedded, forget
    from kg.rdf.sparql import parse_params

    params = parse_params(args.param)
    if args.shell:
        if args.text or args.file or args.query:
            raise KgError("--shell reads queries from standard input; give no query with it")
        with embedded(args.out) as (server, driver):
            return shell(args, driver, server.database, params)
    text = query_text(args, ".cypher")
    bound = query_params(text, params)  # before starting anything: a typo fails at once
    with embedded(args.out) as (server, driver):
        table, changed = run_query(driver, server.database, text, bound)
    if changed:
        forget(args.out)
        print("kg: the query changed the database; it is reloaded next time", file=sys.stderr)
    sys.stdout.write(render(table, args.format))
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the cypher command."""
    from kg.cli.graph import add_query_options

    p = sub.add_parser(
        "cypher",
        help="ask the built graph in Cypher (an embedded ArcadeDB; nothing to set up)",
        description=DESCRIPTION,
        epilog=SHELL_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_query_options(p, ".cypher")
    p.add_argument("--shell", action="store_true", help="read queries from standard input")
    p.set_defaults(func=cmd_cypher)
