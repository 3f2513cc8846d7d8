"""The ``kg`` command line. Each module registers its commands: ``corpus`` (extract, build,
eval), ``graph`` (export, sparql), ``load`` (load sparql, load neo4j), ``query``
(recurring, slogans), ``show`` (one document as a page), ``viz`` (pictures), ``cypher``."""

from __future__ import annotations

import argparse
import atexit
import logging
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

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


# commands after which the console script exits at once (see run)
EXIT_AT_ONCE = frozenset({"build", "extract"})


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command ``argv`` (default: the process's arguments); its exit status."""
    return _run(make_parser().parse_args(argv))


def run() -> NoReturn:
    """The ``kg`` console script. After a successful ``kg build`` or ``kg extract`` the process
    ends at once: tearing the interpreter down would free the gazetteer, spaCy's vocabulary and
    the graph object by object (a third of a second after a build) only to give the memory
    back. Their outputs are closed and in place by then and their worker processes ended; what
    remains, exit handlers and the standard streams, is done here. Any other ending (an error,
    Ctrl-C) takes the ordinary way out, which also ends whatever a failure left running."""
    args = make_parser().parse_args()
    status = _run(args)
    if args.command not in EXIT_AT_ONCE or status != 0:
        sys.exit(status)
    atexit._run_exitfuncs()  # the handlers Python would run on the way out (no public call)
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except OSError:  # a closed pipe (kg extract … | head): nothing more can be said
            status = status or 1
    os._exit(status)


def _run(args: argparse.Namespace) -> int:
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
    run()
