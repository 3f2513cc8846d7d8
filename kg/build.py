"""``kg build``: a corpus into an output folder, every product written from one graph model.

OUT holds extraction.jsonl (the SPEC records), summary.json, merges.tsv (alias decisions),
graph.json (the model), ids.tsv (node ids, kept across builds), the RDF files (graph.ttl,
graph.nt, graph.jsonld, graph.trig) and store/ (the embedded SPARQL store). Every file is
written to a temporary name and renamed, so an interrupted build leaves the old files whole.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import InputError, KgError
from kg.io import atomic_writer, write_text_atomic
from kg.memory import long_lived
from kg.records import DocRecord

if TYPE_CHECKING:
    import networkx as nx

    from kg.api import ExtractionResult, ProgressCallback
    from kg.background import Background

IDS_FILE = "ids.tsv"


@dataclass(slots=True)
class BuildResult:
    out: Path
    records: list[DocRecord]
    errors: list[InputError]
    summary: dict[str, Any]
    written: list[Path] = field(default_factory=list)


# what each helper process imports while the parent extracts (see kg.background)
PICTURE_MODULES = ("kg.viz.png", "kg.viz.labels", "matplotlib.backends.backend_agg")
CHECK_MODULES = ("kg.rdf.validate",)


def helper_count() -> int:
    """Helper processes of each kind (one for the pictures, one for the SHACL check) where
    there is a second CPU (they then run beside the writing of the other outputs), none on one
    CPU."""
    from kg.pools import cpu_count

    return 1 if cpu_count() > 1 else 0


def build(
    paths: Iterable[str | Path],
    out_dir: str | Path,
    *,
    overrides: dict[str, Any] | None = None,
    aliases: str | Path | None = None,
    config: str | Path | None = None,
    on_error: Callable[[InputError], None] | None = None,
    jobs: int = 1,
    on_progress: ProgressCallback | None = None,
) -> BuildResult:
    """Extract ``paths`` (in ``jobs`` processes, 0: one per CPU) and write every product into
    ``out_dir``; ``on_progress`` is told of each document extracted (see :func:`kg.api.extract`).
    """
    from kg.api import extract
    from kg.background import Background
    from kg.graph.ids import IdRegistry
    from kg.graph.model import build_graph
    from kg.pools import worker_deaths
    from kg.viz.report import start_report

    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise KgError(f"{out}: exists and is not a folder")
    with (
        worker_deaths("a helper process"),
        Background(helper_count(), PICTURE_MODULES) as pictures,
        Background(helper_count(), CHECK_MODULES) as checks,
    ):
        result = extract(
            paths,
            overrides=overrides,
            aliases=aliases,
            config=config,
            on_error=on_error,
            jobs=jobs,
            on_progress=on_progress,
        )
        if result.errors and not result.records:
            n = len(result.errors)
            raise KgError(f"none of the {n} documents could be read; {out} is left as it was")
        registry = IdRegistry.load(out / IDS_FILE)
        graph = build_graph(result.records, registry=registry)
        report = start_report(graph, out, pictures.submit)  # the PNGs are drawn meanwhile
        try:
            with long_lived():  # the records and the graph
                data, written = _write_products(graph, result, out, checks)
            registry.save(out / IDS_FILE)
            write_text_atomic(
                out / "summary.json", json.dumps(data, ensure_ascii=False, indent=1) + "\n"
            )
            written += [out / IDS_FILE, out / "summary.json"]
            written += report.finish(result.errors)
        except BaseException:
            report.abort()
            raise
    return BuildResult(out, result.records, result.errors, data, written)


def _write_products(
    graph: nx.MultiDiGraph, result: ExtractionResult, out: Path, checks: Background
) -> tuple[dict[str, Any], list[Path]]:
    """The RDF files, the store, extraction.jsonl, merges.tsv and graph.json; the summary.

    The RDF goes out one document graph at a time into temporary files and a new store, checked
    against the shapes on the way (in a helper process); nothing is in place until all of it
    passed, and a failure leaves the old files.
    """
    from kg.exports import EXPORTS, merged_triples, rdf_sink
    from kg.graph.model import summary_counts
    from kg.graph.store import GRAPH_FILE, save_graph
    from kg.rdf.convert import corpus_context, graph_chunks
    from kg.rdf.sinks import Sink, StoreSink, write_chunks
    from kg.rdf.validate import Validator
    from kg.reports import jsonl_lines, merges_tsv, summary

    # small batches keep the helper busy while the files are written
    validator = Validator(corpus_context(graph), batch=20_000, submit=checks.submit, in_flight=8)
    rdf = [e for e in EXPORTS.values() if e.in_build and e.rdf]
    merged = merged_triples()
    sinks: list[Sink] = [rdf_sink(str(e.rdf), out / e.filename, merged) for e in rdf]
    sinks.append(StoreSink(out))
    write_chunks(graph_chunks(graph), [*sinks, validator])
    try:
        data = summary(result.records, result.errors) | {"graph": summary_counts(graph)}
        data["shape_warnings"] = [str(w) for w in validator.warnings]
        written = [out / "extraction.jsonl", out / "merges.tsv", out / GRAPH_FILE]
        with atomic_writer(written[0]) as fh:
            fh.writelines(jsonl_lines(result.records))
        write_text_atomic(written[1], merges_tsv(result.records))
        save_graph(graph, written[2])
        for export in EXPORTS.values():
            if export.in_build and not export.rdf:
                export.write(graph, out / export.filename)
                written.append(out / export.filename)
        written += [path for sink in sinks if (path := sink.commit()) is not None]
    except BaseException:
        for sink in sinks:
            sink.abort()
        raise
    return data, written
