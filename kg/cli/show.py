"""``kg show FILE -o doc.html``: one document with its entities highlighted and its relations
listed, for checking what was extracted."""

from __future__ import annotations

import argparse

from kg.cli.corpus import add_pipeline_options, parse_meta


def cmd_show(args: argparse.Namespace) -> int:
    from kg.viz.show import show

    record = show(
        args.path,
        args.output,
        overrides=parse_meta(args.meta),
        aliases=args.aliases,
        config=args.config,
    )
    print(
        f"wrote {args.output}: {len(record.entities)} entities, {len(record.relations)} relations"
    )
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the show command."""
    p = sub.add_parser("show", help="one document as HTML: entities highlighted, relations listed")
    p.add_argument("path", metavar="FILE", help="a document (.txt, .html, .htm)")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the HTML page to write")
    add_pipeline_options(p)
    p.set_defaults(func=cmd_show)
