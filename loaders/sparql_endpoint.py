"""``kg load sparql OUT --endpoint URL``: push the built graph to a SPARQL 1.1 Graph Store
Protocol endpoint (Oxigraph server, Fuseki, GraphDB, Virtuoso), one HTTP PUT per named graph.

A PUT replaces its graph, so loading twice changes nothing and re-loading a changed document
replaces its old facts. Each PUT is atomic on the server but the load as a whole is not: an
interrupted load leaves some graphs new and some old, and running it again completes it.
Only the standard library speaks HTTP here (urllib), so the loader needs no extra package.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from http.client import HTTPException
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import KgError

PASSWORD_ENV = "KG_SPARQL_PASSWORD"
TURTLE = "text/turtle"
SPARQL_JSON = "application/sparql-results+json"

# Path ending of a server's Graph Store endpoint → what replaces it to name the same server's
# SPARQL query endpoint (used by --replace-all to list the graphs on the server).
QUERY_ENDPOINT_RULES = (
    ("/store", "/query"),  # Oxigraph
    ("/data", "/query"),  # Fuseki: /DATASET/data → /DATASET/query
    ("/rdf-graphs/service", ""),  # GraphDB: /repositories/REPO
    ("/sparql-graph-crud-auth", "/sparql"),  # Virtuoso
    ("/sparql-graph-crud", "/sparql"),  # Virtuoso
)

DESCRIPTION = """\
Push the built graph to a SPARQL 1.1 Graph Store Protocol endpoint: one HTTP PUT per
named graph (one per document, plus the corpus graph), each replacing that graph on the
server, so loading again changes nothing and a changed document's old facts are replaced.
"""

EPILOG = f"""\
endpoints (the Graph Store Protocol URL for --endpoint; the SPARQL query URL that
--replace-all uses, derived from --endpoint for these servers):
  Oxigraph  http://HOST:7878/store                        http://HOST:7878/query
  Fuseki    http://HOST:3030/DATASET/data                 http://HOST:3030/DATASET/query
  GraphDB   http://HOST:7200/repositories/REPO/rdf-graphs/service
                                                          http://HOST:7200/repositories/REPO
  Virtuoso  http://HOST:8890/sparql-graph-crud-auth       http://HOST:8890/sparql

Each document's facts go to the named graph of its document IRI; what is computed across
documents (aliases, years, districts) to the corpus graph. A document removed from the corpus
keeps its old graph on the server until a load with --replace-all, which drops (HTTP DELETE)
every graph under kg's id base that this build does not have, including graphs pushed there
from another build.

With --user NAME the password is read from the environment variable {PASSWORD_ENV}
(HTTP Basic or Digest authentication); it is never given on the command line.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``kg load sparql``."""
    parser.description = DESCRIPTION
    parser.epilog = EPILOG
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument(
        "--endpoint",
        required=True,
        metavar="URL",
        help="the Graph Store endpoint, e.g. http://127.0.0.1:7878/store (Oxigraph) or "
        "http://127.0.0.1:3030/ds/data (Fuseki)",
    )
    parser.add_argument(
        "--user", metavar="NAME", help=f"log in as NAME; the password is read from ${PASSWORD_ENV}"
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=120.0,
        metavar="SECONDS",
        help="give up on a request after this long (default: %(default)g)",
    )
    parser.add_argument(
        "--replace-all",
        action="store_true",
        help="also drop graphs under kg's id base that are not in this build (stale documents)",
    )
    parser.add_argument(
        "--query-endpoint",
        metavar="URL",
        help="the SPARQL query endpoint --replace-all lists graphs with (default: derived "
        "from --endpoint for the servers below)",
    )


def run(args: argparse.Namespace) -> int:
    """Push every named graph of ``args.out``; with --replace-all, drop stale ones after."""
    from kg.graph.mapping import load_mapping
    from kg.graph.store import GRAPH_FILE, load_graph
    from kg.rdf.convert import graph_quads

    endpoint = check_url(args.endpoint, "--endpoint")
    query_endpoint = None
    if args.replace_all:
        query_endpoint = check_url(
            args.query_endpoint or derive_query_endpoint(endpoint), "--query-endpoint"
        )
    client = Client(endpoint, query_endpoint, args.user, password(args.user), args.timeout)
    mapping = load_mapping()
    graphs = named_graphs(graph_quads(load_graph(Path(args.out) / GRAPH_FILE), mapping))
    progress = sys.stderr.isatty()
    total = 0
    for i, (iri, triples) in enumerate(graphs.items(), 1):
        client.put_graph(iri, serialize(triples))
        total += len(triples)
        if progress:
            print(f"[{i}/{len(graphs)}] {iri}: {len(triples)} triples", file=sys.stderr)
    print(f"pushed {len(graphs)} graphs ({total} triples) to {endpoint}")
    if args.replace_all:
        stale = sorted(set(client.graphs_under(mapping.id_base)) - set(graphs))
        for iri in stale:
            client.delete_graph(iri)
            print(f"dropped stale graph <{iri}>")
        print(f"dropped {len(stale)} stale graphs under {mapping.id_base}")
    return 0


def named_graphs(quads: Iterable[ox.Quad]) -> dict[str, list[ox.Triple]]:
    """The triples of each named graph, each once, keyed by graph IRI in first-seen order."""
    graphs: dict[str, dict[ox.Triple, None]] = {}
    for q in quads:
        if not isinstance(q.graph_name, ox.NamedNode):
            raise KgError(f"quad outside a named graph: {q}")
        graphs.setdefault(q.graph_name.value, {})[q.triple] = None
    return {iri: list(triples) for iri, triples in graphs.items()}


def serialize(triples: list[ox.Triple]) -> bytes:
    """Turtle, which every Graph Store endpoint accepts."""
    from kg.rdf.serialize import PREFIXES

    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b""


def check_url(url: str, option: str) -> str:
    """``url`` if it is an absolute http(s) URL without credentials in it."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise KgError(f"{option} {url}: not an http:// or https:// URL")
    if parts.username or parts.password:
        raise KgError(
            f"{option} {url}: give the user with --user and the password in ${PASSWORD_ENV}"
        )
    try:
        parts.port  # noqa: B018 (raises on a port that is not a number)
    except ValueError as err:
        raise KgError(f"{option} {url}: {err}") from None
    return url


def derive_query_endpoint(endpoint: str) -> str:
    """The SPARQL query URL of the server whose Graph Store endpoint is ``endpoint``."""
    parts = urllib.parse.urlsplit(endpoint)
    path = parts.path.rstrip("/")
    for suffix, replacement in QUERY_ENDPOINT_RULES:
        if path.endswith(suffix):
            path = path[: -len(suffix)] + replacement
            return urllib.parse.urlunsplit(parts._replace(path=path, query="", fragment=""))
    raise KgError(
        f"--endpoint {endpoint}: cannot tell the server's SPARQL query endpoint, "
        "which --replace-all needs; give it with --query-endpoint URL"
    )


def password(user: str | None) -> str | None:
    """The password for ``user`` from the environment (never from the command line)."""
    if user is None:
        return None
    secret = os.environ.get(PASSWORD_ENV)
    if secret is None:
        raise KgError(f"--user {user}: set the password in the environment variable {PASSWORD_ENV}")
    return secret


class Client:
    """The few Graph Store Protocol and SPARQL Protocol requests the loader makes."""

    def __init__(
        self,
        endpoint: str,
        query_endpoint: str | None,
        user: str | None,
        secret: str | None,
        timeout: float,
    ) -> None:
        self.endpoint = endpoint
        self.query_endpoint = query_endpoint
        self.timeout = timeout
        handlers: list[urllib.request.BaseHandler] = []
        if user is not None:
            # Basic or Digest, whichever the server asks for; after a Basic login succeeds,
            # later requests send it at once instead of uploading each graph twice.
            passwords = urllib.request.HTTPPasswordMgrWithPriorAuth()
            for url in (endpoint, query_endpoint):
                if url:
                    passwords.add_password(None, url, user, secret or "", is_authenticated=False)
            handlers += [
                urllib.request.HTTPBasicAuthHandler(passwords),
                urllib.request.HTTPDigestAuthHandler(passwords),
            ]
        self.opener = urllib.request.build_opener(*handlers)

    def graph_url(self, iri: str) -> str:
        parts = urllib.parse.urlsplit(self.endpoint)
        query = "&".join(q for q in (parts.query, urllib.parse.urlencode({"graph": iri})) if q)
        return urllib.parse.urlunsplit(parts._replace(query=query, fragment=""))

    def put_graph(self, iri: str, body: bytes) -> None:
        """Replace graph ``iri`` on the server with ``body`` (Turtle)."""
        request = urllib.request.Request(
            self.graph_url(iri), data=body, method="PUT", headers={"Content-Type": TURTLE}
        )
        self.send(request, self.endpoint, f"replacing graph <{iri}>")

    def delete_graph(self, iri: str) -> None:
        """Drop graph ``iri`` from the server (already gone is fine)."""
        request = urllib.request.Request(self.graph_url(iri), method="DELETE")
        self.send(request, self.endpoint, f"dropping graph <{iri}>", missing_ok=True)

    def graphs_under(self, base: str) -> list[str]:
        """The names of the non-empty graphs on the server whose IRI starts with ``base``."""
        assert self.query_endpoint is not None
        query = (
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
            f"FILTER(STRSTARTS(STR(?g), {json.dumps(base)})) }}"
        )
        request = urllib.request.Request(
            self.query_endpoint,
            data=urllib.parse.urlencode({"query": query}).encode("utf-8"),
            method="POST",
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": SPARQL_JSON,
            },
        )
        body = self.send(request, self.query_endpoint, "listing the graphs on the server")
        try:
            bindings: list[dict[str, Any]] = json.loads(body)["results"]["bindings"]
            return [b["g"]["value"] for b in bindings if b.get("g", {}).get("type") == "uri"]
        except (ValueError, KeyError, TypeError) as err:
            raise KgError(
                f"{self.query_endpoint}: not a SPARQL JSON result listing the graphs ({err!r})"
            ) from None

    def send(
        self, request: urllib.request.Request, url: str, doing: str, missing_ok: bool = False
    ) -> bytes:
        """The response body of ``request``; any failure as a one-line KgError naming ``url``."""
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                body: bytes = response.read()
                return body
        except urllib.error.HTTPError as err:
            if missing_ok and err.code == 404:
                return b""
            raise KgError(f"{url}: HTTP {err.code} {err.reason} {doing}{_detail(err)}") from None
        except urllib.error.URLError as err:
            reason = getattr(err.reason, "strerror", None) or err.reason
            raise KgError(f"{url}: cannot connect ({reason}) {doing}") from None
        except TimeoutError:
            raise KgError(f"{url}: no answer within {self.timeout:g} s {doing}") from None
        except (HTTPException, OSError) as err:
            raise KgError(f"{url}: connection failed ({err!r}) {doing}") from None


def _detail(err: urllib.error.HTTPError) -> str:
    """The first line of an error response, and a hint for refused logins."""
    try:
        text = err.read(2000).decode("utf-8", "replace").strip()
    except (OSError, HTTPException):
        text = ""
    first = text.splitlines()[0][:300] if text else ""
    hint = f" (check --user and ${PASSWORD_ENV})" if err.code in (401, 403) else ""
    return (f": {first}" if first else "") + hint
