"""``kg load neo4j OUT --uri bolt://…``: write the built graph into Neo4j (or another Bolt
server, such as the ArcadeDB that ``kg cypher`` runs) through the official driver.

Constraints first, then one ``UNWIND $rows … MERGE`` statement per label and relationship type
(:mod:`kg.loaders.cypher_schema`), sent in batches, each batch its own transaction. MERGE on
the model's stable ids makes loading idempotent: loading the same OUT twice leaves the same
counts, loading a build with one more document adds what is new, and an interrupted load is
completed by running it again.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import os
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import networkx as nx

from kg.errors import KgError
from kg.loaders.cypher_schema import NodeGroup, RelGroup, constraint_statements

PASSWORD_ENV = "NEO4J_PASSWORD"
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
DEFAULT_BATCH = 1000

Progress = Callable[[str, int, int], None]


@dataclass(slots=True)
class Counts:
    created: int = 0
    present: int = 0

    @property
    def total(self) -> int:
        return self.created + self.present


@dataclass(slots=True)
class LoadSummary:
    """What a load wrote: per label and per relationship type, created vs already present."""

    nodes: dict[str, Counts] = field(default_factory=dict)
    relationships: dict[str, Counts] = field(default_factory=dict)
    missing_ends: int = 0  # relationships whose end nodes were not found (should stay 0)

    def lines(self) -> list[str]:
        out = []
        for title, table in (("nodes", self.nodes), ("relationships", self.relationships)):
            created = sum(c.created for c in table.values())
            present = sum(c.present for c in table.values())
            out.append(f"{title}: {created + present} ({created} created, {present} present)")
            out += [
                f"  {name}: {c.total} ({c.created} created, {c.present} present)"
                for name, c in sorted(table.items())
            ]
        if self.missing_ends:
            out.append(f"relationships not written (an end node is missing): {self.missing_ends}")
        return out


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``kg load neo4j``."""
    parser.description = (
        "Write the built graph into Neo4j over Bolt: constraints, then MERGE in batches on the "
        "model's stable ids, so loading again changes nothing and a bigger build adds to it."
    )
    parser.epilog = (
        f"The password is read from the environment variable {PASSWORD_ENV}, or asked for "
        "on the terminal; it is never given on the command line."
    )
    parser.add_argument(
        "--uri",
        required=True,
        help="bolt://HOST:7687, or neo4j:// for a cluster or Aura; +s / +ssc for TLS",
    )
    parser.add_argument("--database", metavar="NAME", help="database (default: the server's)")
    parser.add_argument("--user", metavar="NAME", default="neo4j", help="default: %(default)s")
    parser.add_argument(
        "--batch-size",
        type=int,
        default=DEFAULT_BATCH,
        metavar="N",
        help="rows per transaction (default: %(default)s)",
    )


def run(args: argparse.Namespace) -> int:
    """Load ``args.out`` into the server at ``args.uri`` and print the counts."""
    from kg.graph.store import load_graph

    if args.batch_size < 1:
        raise KgError("--batch-size must be at least 1")
    uri = check_uri(args.uri)
    graph = load_graph(args.out)
    password = read_password(args.user, uri)
    progress = terminal_progress if sys.stderr.isatty() else None
    with connect(uri, args.user, password, args.database) as driver:
        summary = load(
            driver,
            graph,
            database=args.database,
            batch_size=args.batch_size,
            progress=progress,
            where=uri,
        )
    where = f"{uri} (database {args.database})" if args.database else uri
    print(f"loaded {Path(args.out)} into {where}")
    print("\n".join(summary.lines()))
    return 1 if summary.missing_ends else 0


def check_uri(uri: str) -> str:
    """``uri`` if it is a Bolt URI without credentials in it."""
    parts = urlsplit(uri)
    if parts.scheme not in SCHEMES or not parts.hostname:
        schemes = ", ".join(f"{s}://" for s in SCHEMES)
        raise KgError(f"--uri {uri!r}: expected a Bolt URI: {schemes} followed by HOST[:PORT]")
    if parts.username or parts.password:
        raise KgError("--uri: give no user or password in the URI (use --user and $NEO4J_PASSWORD)")
    return uri


def read_password(user: str, uri: str) -> str:
    """The password from $NEO4J_PASSWORD, else asked for on the terminal."""
    password = os.environ.get(PASSWORD_ENV)
    if password is not None:
        return password
    if not sys.stdin.isatty():
        raise KgError(f"set {PASSWORD_ENV} to the password of {user!r} at {uri}")
    return getpass.getpass(f"password of {user} at {uri}: ")


_REASON = re.compile(r"\(reason \[Errno -?\d+\] ([^)]*)\)|\[(\w+Error)\]")


def error_line(err: Exception, uri: str, user: str, database: str | None) -> str:
    """One line saying what went wrong talking to the server at ``uri``."""
    import neo4j.exceptions as nx_err

    if isinstance(err, nx_err.AuthError):
        return f"{uri}: authentication failed for user {user!r} (check ${PASSWORD_ENV})"
    code = getattr(err, "code", None) or ""
    if code.endswith("DatabaseNotFound"):
        return f"{uri}: no database {database!r} on this server"
    if isinstance(err, nx_err.ServiceUnavailable):
        match = _REASON.search(str(err))
        reason = next((g for g in match.groups() if g), "") if match else ""
        first = str(err).splitlines()[0] if str(err) else type(err).__name__
        return f"{uri}: cannot connect ({reason or first})"
    if isinstance(err, nx_err.Neo4jError):
        message = " ".join((err.message or str(err)).split())
        return f"{uri}: {code or type(err).__name__}: {message}"
    return f"{uri}: {' '.join(str(err).split()) or type(err).__name__}"


@contextlib.contextmanager
def bolt_errors(uri: str, user: str, database: str | None) -> Iterator[None]:
    """Turn the driver's exceptions into one-line KgErrors."""
    import neo4j.exceptions as nx_err

    try:
        yield
    except (nx_err.Neo4jError, nx_err.DriverError) as err:
        raise KgError(error_line(err, uri, user, database)) from err


@contextlib.contextmanager
def connect(uri: str, user: str, password: str, database: str | None) -> Iterator[Any]:
    """A driver connected to ``uri`` whose ``database`` answers; closed on exit."""
    import neo4j

    with bolt_errors(uri, user, database):
        try:
            driver = neo4j.GraphDatabase.driver(uri, auth=(user, password))
        except (ValueError, neo4j.exceptions.ConfigurationError) as err:
            raise KgError(f"--uri {uri!r}: {err}") from err
        try:
            with driver.session(database=database) as session:
                session.run("RETURN 1").consume()
            yield driver
        finally:
            driver.close()


def load(
    driver: Any,
    graph: nx.MultiDiGraph,
    *,
    database: str | None = None,
    batch_size: int = DEFAULT_BATCH,
    progress: Progress | None = None,
    where: str = "the server",
) -> LoadSummary:
    """Write ``graph`` through ``driver``: constraints, then nodes, then relationships."""
    from kg.graph.mapping import load_mapping
    from kg.loaders.cypher_schema import node_groups, rel_groups

    mapping = load_mapping()
    nodes, rels = node_groups(graph, mapping), rel_groups(graph, mapping)
    summary = LoadSummary()
    with bolt_errors(where, "", database), driver.session(database=database) as session:
        for statement in constraint_statements(nodes):
            session.run(statement).consume()
        total = sum(len(g.rows) for g in nodes)
        done = 0
        for group in nodes:
            counts = summary.nodes.setdefault(group.label, Counts())
            for batch in batches(group.rows, batch_size):
                created = session.execute_write(_write_nodes, group, batch)
                counts.created += created
                counts.present += len(batch) - created
                done += len(batch)
                if progress:
                    progress("nodes", done, total)
        total, done = sum(len(g.rows) for g in rels), 0
        for rel in rels:
            counts = summary.relationships.setdefault(rel.type, Counts())
            for batch in batches(rel.rows, batch_size):
                merged, created = session.execute_write(_write_rels, rel, batch)
                counts.created += created
                counts.present += merged - created
                summary.missing_ends += len(batch) - merged
                done += len(batch)
                if progress:
                    progress("relationships", done, total)
    return summary


def _write_nodes(tx: Any, group: NodeGroup, rows: list[dict[str, Any]]) -> int:
    summary = tx.run(group.statement, rows=rows).consume()
    return int(summary.counters.nodes_created)


def _write_rels(tx: Any, group: RelGroup, rows: list[dict[str, Any]]) -> tuple[int, int]:
    result = tx.run(group.statement, rows=rows)
    record = result.single()
    merged = int(record["merged"]) if record else 0
    return merged, int(result.consume().counters.relationships_created)


def batches(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def terminal_progress(what: str, done: int, total: int) -> None:
    """A progress line on stderr, rewritten in place; ended when a stage is complete."""
    end = "\n" if done >= total else ""
    print(f"\r{what}: {done}/{total}", end=end, file=sys.stderr, flush=True)
