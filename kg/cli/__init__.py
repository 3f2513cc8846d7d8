"""The ``kg`` command line. Each module registers its commands: ``corpus`` (extract, build,
eval), ``graph`` (export, sparql), ``load`` (load sparql, load neo4j), ``query``
(recurring, slogans), ``show`` (one document as a page), ``viz`` (pictures), ``cypher``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from kg import __version__
from kg.cli import corpus, cypher, graph, load, query, show, viz
from kg.errors import KgError

COMMAND_MODULES = (corpus, graph, load, cypher, query, show, viz)


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg", description="Knowledge graphs from Chinese local-government policy documents."
    )
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KgError as err:
        print(f"kg: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        say_interrupted()
        return 130


def say_interrupted() -> None:
    """``kg: interrupted`` on a line of its own: on a terminal it replaces the progress bar
    (and the ``^C`` the terminal echoed) instead of being appended to them."""
    from kg.progress import ERASE_TO_END

    start = "\r" + ERASE_TO_END if sys.stderr.isatty() else ""
    print(f"{start}kg: interrupted", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
