"""``kg viz slogans`` and ``kg viz timeline``: pictures of a build, as an offline HTML page or a
PNG (the suffix of ``-o`` decides)."""

from __future__ import annotations

import argparse


def cmd_slogans(args: argparse.Namespace) -> int:
    from kg.graph.store import load_graph
    from kg.viz import output_format, write_slogan_network

    output_format(args.output)  # a wrong suffix fails before the graph is read
    path = write_slogan_network(load_graph(args.out), args.output, district=args.district)
    print(f"wrote {path}")
    return 0


def cmd_timeline(args: argparse.Namespace) -> int:
    from kg.analysis.recurrence import parse_types
    from kg.graph.store import load_graph
    from kg.viz import output_format, write_timeline

    output_format(args.output)
    types = parse_types(args.type)
    path = write_timeline(
        load_graph(args.out), args.output, args.district, types=types, min_years=args.min_years
    )
    print(f"wrote {path}")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``kg viz slogans`` and ``kg viz timeline``."""
    p = sub.add_parser("viz", help="pictures: the slogan network, the timeline of projects")
    pictures = p.add_subparsers(dest="picture", required=True, metavar="PICTURE")

    q = pictures.add_parser(
        "slogans",
        help="slogans, their definitions, the districts using them (HTML or PNG)",
        description="An interactive page (search, hover for definitions and evidence) that "
        "works offline, or a static PNG; the suffix of -o decides.",
    )
    q.add_argument("out", metavar="OUT", help="output folder of kg build")
    q.add_argument("-o", "--output", required=True, metavar="FILE", help="slogans.html or .png")
    q.add_argument("--district", help="only this district's slogans (e.g. 黄石港区)")
    q.set_defaults(func=cmd_slogans)

    q = pictures.add_parser(
        "timeline",
        help="recurring projects by year, status as colour (HTML or PNG)",
        description="Rows: things mentioned in several years; columns: years; colour: the "
        "status that year's documents give. The suffix of -o decides the format.",
    )
    q.add_argument("out", metavar="OUT", help="output folder of kg build")
    q.add_argument("-o", "--output", required=True, metavar="FILE", help="timeline.html or .png")
    q.add_argument("--district", required=True, help="the district (e.g. 黄石港区)")
    q.add_argument("--type", help="comma-separated types (default: Project,Park,Institution,Place)")
    q.add_argument("--min-years", type=int, default=2, help="at least this many years (default 2)")
    q.set_defaults(func=cmd_timeline)
