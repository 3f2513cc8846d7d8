"""The ``kg`` command line: extract, build, eval."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kg import __version__
from kg.errors import InputError, KgError
from kg.records import DocRecord

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
        else:
            out[key] = value
    return out


def collect(args: argparse.Namespace) -> tuple[list[DocRecord], list[InputError]]:
    """Extract every document under ``args.paths``; errors are reported as they happen."""
    from kg.api import extract

    def report(err: InputError) -> None:
        print(f"kg: error: {err}", file=sys.stderr)

    result = extract(
        args.paths,
        overrides=parse_meta(args.meta),
        aliases=args.aliases,
        config=args.config,
        on_error=report,
    )
    return result.records, result.errors


def jsonl(records: list[DocRecord]) -> str:
    return "".join(json.dumps(r.to_json(), ensure_ascii=False) + "\n" for r in records)


def summary(records: list[DocRecord], errors: list[InputError]) -> dict[str, Any]:
    """Counts a reader checks first: documents, entities and relations per type, failures."""
    return {
        "documents": [
            {k: v for k, v in r.doc.to_json().items() if k in ("id", "district", "year", "kind")}
            | {"entities": len(r.entities), "relations": len(r.relations)}
            for r in records
        ],
        "entities": dict(sorted(Counter(e.type for r in records for e in r.entities).items())),
        "relations": dict(sorted(Counter(x.type for r in records for x in r.relations).items())),
        "failed": [{"path": e.path, "problem": e.problem} for e in errors],
    }


def merges_tsv(records: list[DocRecord]) -> str:
    """Every surface resolved to another canonical name, with the reason, for review."""
    rows: Counter[tuple[str, str, str, str, str]] = Counter()
    for r in records:
        for e in r.entities:
            if e.canonical != e.text:
                reason = str(e.attrs.get("alias_reason", ""))
                rows[(r.doc.district or "", e.type, e.text, e.canonical, reason)] += 1
    lines = ["district\ttype\talias\tcanonical\treason\tmentions"]
    lines += ["\t".join((*k, str(n))) for k, n in sorted(rows.items())]
    return "\n".join(lines) + "\n"


def print_summary(data: dict[str, Any], out: Any = sys.stdout) -> None:
    docs = data["documents"]
    print(
        f"{len(docs)} documents, {sum(d['entities'] for d in docs)} entities, "
        f"{sum(d['relations'] for d in docs)} relations",
        file=out,
    )
    for d in docs:
        print(
            f"  {d['id']}: {d['district'] or '?'} {d['year'] or '?'} {d['kind']}: "
            f"{d['entities']} entities, {d['relations']} relations",
            file=out,
        )
    print("  entities:  " + ", ".join(f"{k} {v}" for k, v in data["entities"].items()), file=out)
    print("  relations: " + ", ".join(f"{k} {v}" for k, v in data["relations"].items()), file=out)
    if data["failed"]:
        print(f"{len(data['failed'])} failed:", file=out)
        for f in data["failed"]:
            print(f"  {f['path']}: {f['problem']}", file=out)


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
    from kg.io import write_text_atomic

    out = Path(args.output)
    if out.exists() and not out.is_dir():
        raise KgError(f"{out}: exists and is not a folder")
    records, errors = collect(args)
    data = summary(records, errors)
    write_text_atomic(out / "extraction.jsonl", jsonl(records))
    write_text_atomic(out / "merges.tsv", merges_tsv(records))
    write_text_atomic(out / "summary.json", json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    print_summary(data)
    print(f"wrote {out / 'extraction.jsonl'}, {out / 'summary.json'}, {out / 'merges.tsv'}")
    return 1 if errors else 0


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
    p.add_argument(
        "--meta",
        action="append",
        metavar="FIELD=VALUE",
        help="override a metadata field for every document (repeatable)",
    )
    p.add_argument("--aliases", metavar="FILE", help="alias file (YAML) overriding merges")
    p.add_argument("--config", metavar="FILE", help="pipeline config (default: the packaged one)")


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg", description="Knowledge graphs from Chinese local-government policy documents."
    )
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KgError as err:
        print(f"kg: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
