"""``kg export`` and ``kg sparql``: the built graph in other formats, and questions to it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.errors import KgError


def cmd_export(args: argparse.Namespace) -> int:
    from kg.exports import EXPORTS
    from kg.graph.store import load_graph

    export = EXPORTS[args.format]
    graph = load_graph(args.out)
    target = Path(args.output) if args.output else Path(args.out) / export.filename
    export.write(graph, target)
    print(f"wrote {target}")
    return 0


def query_text(args: argparse.Namespace, suffix: str) -> str:
    """The query given inline, with --file, or by canned name with --query."""
    from kg.resources import queries_path

    given = [x for x in (args.text, args.file, args.query) if x]
    if len(given) != 1:
        raise KgError("give exactly one of: a query text, --file FILE, --query NAME")
    if args.text:
        return str(args.text)
    path = Path(args.file) if args.file else queries_path(f"{args.query}{suffix}")
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        if args.query:
            names = sorted(p.stem for p in queries_path().glob(f"*{suffix}"))
            raise KgError(f"no canned query {args.query!r}; known: {', '.join(names)}") from None
        raise KgError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as err:
        raise KgError(f"{path}: cannot read the query: {err}") from err


def cmd_sparql(args: argparse.Namespace) -> int:
    from kg.rdf.sparql import FORMATTERS, open_store, parse_params, select

    text = query_text(args, ".rq")
    table = select(open_store(args.out), text, parse_params(args.param))
    sys.stdout.write(FORMATTERS[args.format](table))
    return 0


def add_query_options(p: argparse.ArgumentParser, suffix: str) -> None:
    p.add_argument("out", metavar="OUT", help="output folder of kg build")
    p.add_argument("text", nargs="?", help="the query text")
    p.add_argument("--file", metavar="FILE", help=f"read the query from a file ({suffix})")
    p.add_argument("--query", metavar="NAME", help="run a canned query from queries/ by name")
    p.add_argument(
        "--param",
        action="append",
        metavar="NAME=VALUE",
        help="bind a query variable (e.g. district=黄石港区); repeatable",
    )
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the export and sparql commands."""
    from kg.exports import EXPORTS

    p = sub.add_parser(
        "export",
        help="write the built graph in one format",
        description="Formats: "
        + "; ".join(f"{e.name} ({e.description})" for e in EXPORTS.values()),
    )
    p.add_argument("out", metavar="OUT", help="output folder of kg build")
    p.add_argument("--format", required=True, choices=sorted(EXPORTS))
    p.add_argument("-o", "--output", metavar="PATH", help="where to write (default: in OUT)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("sparql", help="ask the embedded SPARQL store (SELECT or ASK)")
    add_query_options(p, ".rq")
    p.set_defaults(func=cmd_sparql)
