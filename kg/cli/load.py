"""``kg load STORE OUT …``: push a built graph into an external store. The table below maps each
store name to the loader module that adds its options and runs it, so adding a store touches
this table and one module in ``loaders/``."""

from __future__ import annotations

import argparse
import importlib

# store name → (loader module, one-line help). Each module defines
# ``add_arguments(parser)`` and ``run(args) -> int``.
STORES: dict[str, tuple[str, str]] = {
    "sparql": ("kg.loaders.sparql_endpoint", "a SPARQL 1.1 Graph Store Protocol endpoint"),
    "neo4j": ("kg.loaders.neo4j", "Neo4j (or another Bolt server) through the official driver"),
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``kg load`` with one sub-command per store whose loader is installed."""
    p = sub.add_parser("load", help="load the built graph into an external store")
    stores = p.add_subparsers(dest="store", required=True, metavar="STORE")
    for name, (module_name, help_text) in STORES.items():
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as err:
            if err.name != module_name:
                raise
            continue
        q = stores.add_parser(name, help=f"load into {help_text}")
        q.add_argument("out", metavar="OUT", help="output folder of kg build")
        module.add_arguments(q)
        q.set_defaults(func=module.run)
