"""``kg extract``, ``kg build`` and ``kg eval``: from documents to records and the graph."""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from collections.abc import Sequence
from typing import Any

from kg.errors import InputError, KgError
from kg.records import DocRecord
from kg.reports import jsonl, print_summary

META_FIELDS = ("title", "district", "city", "province", "year", "date", "kind", "speaker")


def parse_meta(items: Sequence[str] | None) -> dict[str, Any]:
    """``--meta district=黄石港区 --meta year=2020`` → a dict of DocMeta overrides."""
    out: dict[str, Any] = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or key not in META_FIELDS:
            raise KgError(
                f"--meta {item!r}: expected FIELD=VALUE with FIELD one of {', '.join(META_FIELDS)}"
            )
        if key == "year":
            if not value.isdigit():
                raise KgError(f"--meta {item!r}: year must be a number")
            out[key] = int(value)
        elif key == "date":
            try:
                out[key] = datetime.date.fromisoformat(value).isoformat()
            except ValueError:
                raise KgError(f"--meta {item!r}: date must be YYYY-MM-DD") from None
        else:
            out[key] = value
    return out


def jobs_count(value: str) -> int:
    """``--jobs N``: a whole number, 0 meaning one process per CPU."""
    if not value.isdigit():
        raise argparse.ArgumentTypeError(
            f"expected 0 (one per CPU) or a positive number, not {value!r}"
        )
    return int(value)


def extraction_options(args: argparse.Namespace) -> dict[str, Any]:
    """Keyword arguments of ``kg.extract``/``kg.build`` from the command line: errors are printed
    as they happen, and a progress bar is drawn on stderr when it is a terminal."""
    from kg.progress import Progress

    progress = Progress(sys.stderr)

    def report(err: InputError) -> None:
        progress.message(f"kg: error: {err}")

    def advance(done: int, total: int, name: str) -> None:
        progress.update(done, total, name)
        if done == total:
            progress.clear()

    return {
        "overrides": parse_meta(args.meta),
        "aliases": args.aliases,
        "config": args.config,
        "on_error": report,
        "jobs": args.jobs,
        "on_progress": advance,
    }


def collect(args: argparse.Namespace) -> tuple[list[DocRecord], list[InputError]]:
    """Extract every document under ``args.paths``; errors are reported as they happen."""
    from kg.api import extract

    result = extract(args.paths, **extraction_options(args))
    report_warnings(result.records)
    return result.records, result.errors


def report_warnings(records: list[DocRecord]) -> None:
    """One line per thing reading a file noticed (damaged bytes and where, a guessed encoding)."""
    for record in records:
        for warning in record.warnings:
            print(f"kg: warning: {record.doc.path}: {warning}", file=sys.stderr)


def cmd_extract(args: argparse.Namespace) -> int:
    from kg.io import write_text_atomic

    records, errors = collect(args)
    if args.format == "json":
        text = json.dumps([r.to_json() for r in records], ensure_ascii=False, indent=1) + "\n"
    else:
        text = jsonl(records)
    if args.output:
        write_text_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    if errors:
        total = len(records) + len(errors)
        print(f"kg: {len(errors)} of {total} documents could not be read", file=sys.stderr)
    return 1 if errors else 0


def cmd_build(args: argparse.Namespace) -> int:
    from kg.build import build

    result = build(args.paths, args.output, **extraction_options(args))
    report_warnings(result.records)
    print_summary(result.summary)
    warnings = result.summary.get("shape_warnings") or []
    if warnings:
        shown = "; ".join(warnings[:3]) + (f" (and {len(warnings) - 3} more)" * (len(warnings) > 3))
        print(
            f"kg: warning: {len(warnings)} relations with unexpected types: {shown}",
            file=sys.stderr,
        )
    graph = result.summary["graph"]
    print(
        f"graph: {sum(graph['nodes'].values())} nodes, {sum(graph['edges'].values())} edges; "
        f"wrote {', '.join(p.name for p in result.written)} in {result.out}"
    )
    return 1 if result.errors else 0


def cmd_eval(args: argparse.Namespace) -> int:
    from kg.evaluate import evaluate, format_markdown, format_report

    report = evaluate(args.predictions, args.gold)
    if args.format == "json":
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=1))
    elif args.format == "markdown":
        print(format_markdown(report), end="")
    else:
        print(format_report(report))
    if args.errors:
        from kg.io import write_text_atomic

        write_text_atomic(args.errors, json.dumps(report.errors, ensure_ascii=False, indent=1))
    return 0


def add_extraction_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", help="documents or folders (.txt, .html, .htm)")
    add_pipeline_options(p)
    p.add_argument(
        "-j",
        "--jobs",
        type=jobs_count,
        default=1,
        metavar="N",
        help="extract documents in N processes (0: one per CPU; default 1); same output for any N",
    )


def add_pipeline_options(p: argparse.ArgumentParser) -> None:
    """--meta, --aliases and --config: how documents are read and resolved."""
    p.add_argument(
        "--meta",
        action="append",
        metavar="FIELD=VALUE",
        help="override a metadata field for every document (repeatable)",
    )
    p.add_argument("--aliases", metavar="FILE", help="alias file (YAML) overriding merges")
    p.add_argument("--config", metavar="FILE", help="pipeline config (default: the packaged one)")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the extract, build and eval commands."""
    p = sub.add_parser("extract", help="extract entities and relations (SPEC JSONL)")
    add_extraction_options(p)
    p.add_argument("--format", choices=["jsonl", "json"], default="jsonl")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("build", help="extract a corpus into an output folder")
    add_extraction_options(p)
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="output folder")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("eval", help="score extraction records against gold annotations")
    p.add_argument("predictions", help="JSONL written by kg extract or kg build")
    p.add_argument("gold", help="folder of gold JSON files (see tests/gold/)")
    p.add_argument("--format", choices=["table", "json", "markdown"], default="table")
    p.add_argument("--errors", metavar="FILE", help="also write false positives/negatives here")
    p.set_defaults(func=cmd_eval)
