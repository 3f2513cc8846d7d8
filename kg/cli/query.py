"""``kg query recurring`` and ``kg query slogans``: the researcher's questions across documents
and years, answered from the graph model of a build."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from kg.tables import FORMATTERS, Table


def _years(years: list[int]) -> str:
    return ", ".join(map(str, years))


def cmd_recurring(args: argparse.Namespace) -> int:
    from kg.analysis.recurrence import parse_types, recurring
    from kg.graph.store import load_graph

    types = parse_types(args.type)
    items = recurring(
        load_graph(args.out), district=args.district, types=types, min_years=args.min_years
    )
    if args.format == "json":
        return _print_json([i.to_json() for i in items])
    table = Table(
        ["canonical", "type", "district", "years", "status_by_year", "surfaces"],
        [
            [
                i.canonical,
                i.type,
                i.district,
                _years(i.years),
                "; ".join(f"{y} {s}" for y, s in i.status_by_year.items()),
                "、".join(i.surfaces),
            ]
            for i in items
        ],
    )
    sys.stdout.write(FORMATTERS[args.format](table))
    return 0


def _span(first: int | None, last: int | None) -> str:
    if first is None or last is None:
        return ""
    return str(first) if first == last else f"{first}–{last}"


def cmd_slogans(args: argparse.Namespace) -> int:
    from kg.analysis.slogans import slogans
    from kg.graph.store import load_graph

    uses = slogans(load_graph(args.out), district=args.district)
    if args.format == "json":
        return _print_json([u.to_json() for u in uses])

    def shared(use: Any) -> str:
        marks = {True: "same", False: "different", None: "?"}
        return "; ".join(f"{s.district} ({marks[s.same_definition]})" for s in use.shared_with)

    table = Table(
        ["slogan", "district", "years", "count", "components", "count_matches", "shared_with"],
        [
            [
                u.slogan,
                u.district,
                _span(u.first_year, u.last_year),
                u.count,
                "、".join(u.components),
                u.count_matches,
                shared(u),
            ]
            for u in uses
        ],
    )
    sys.stdout.write(FORMATTERS[args.format](table))
    return 0


def _print_json(data: list[dict[str, Any]]) -> int:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``kg query recurring`` and ``kg query slogans``."""
    p = sub.add_parser("query", help="recurring projects and slogans across documents and years")
    questions = p.add_subparsers(dest="question", required=True, metavar="QUESTION")

    q = questions.add_parser(
        "recurring", help="entities mentioned in documents of several years, with their status"
    )
    q.add_argument("out", metavar="OUT", help="output folder of kg build")
    q.add_argument("--district", help="only this district (e.g. 黄石港区)")
    q.add_argument("--type", help="comma-separated types (default: Project,Park,Institution,Place)")
    q.add_argument("--min-years", type=int, default=2, help="at least this many years (default 2)")
    q.add_argument("--format", choices=["table", "json", "csv"], default="table")
    q.set_defaults(func=cmd_recurring)

    q = questions.add_parser(
        "slogans", help="slogans per district: years, count, definition, other districts"
    )
    q.add_argument("out", metavar="OUT", help="output folder of kg build")
    q.add_argument("--district", help="only this district")
    q.add_argument("--format", choices=["table", "json", "csv"], default="table")
    q.set_defaults(func=cmd_slogans)
