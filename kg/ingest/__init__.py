"""Ingest: read a document file into a SourceDocument (text, analysis text, metadata).

``text`` is the decoded file (line endings made "\\n") or, for HTML, the extracted main text;
every offset kg reports points into it. ``analysis`` is the same length: normalised characters,
page furniture blanked to spaces with newlines kept.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import re
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.ingest.decode import decode_bytes, read_text_file
from kg.ingest.document import SourceDocument
from kg.ingest.furniture import blank, find_furniture
from kg.ingest.html import html_to_text
from kg.ingest.normalize import normalize
from kg.records import DOC_KINDS, DocMeta
from kg.resources import load_yaml

__all__ = [
    "SourceDocument",
    "decode_bytes",
    "find_furniture",
    "html_to_text",
    "iter_documents",
    "load_document",
    "normalize",
    "read_text_file",
]

_META_FIELDS = {f.name: f for f in dataclasses.fields(DocMeta)}


@dataclasses.dataclass(frozen=True, slots=True)
class _Formats:
    html_suffixes: frozenset[str]
    folder_suffixes: frozenset[str]
    html_sniff: re.Pattern[str]
    sidecar_suffix: str


@cache
def _formats() -> _Formats:
    """File kinds from ``data/ingest.yaml``."""
    cfg = load_yaml("ingest/data/ingest.yaml")
    return _Formats(
        html_suffixes=frozenset(s.lower() for s in cfg["html_suffixes"]),
        folder_suffixes=frozenset(s.lower() for s in cfg["folder_suffixes"]),
        html_sniff=re.compile(cfg["html_sniff_pattern"]),
        sidecar_suffix=cfg["sidecar_suffix"],
    )


def load_document(path: str | Path, overrides: dict[str, Any] | None = None) -> SourceDocument:
    """Read one document file; metadata from its text, then its sidecar, then ``overrides``."""
    p = Path(path)
    fmt = _formats()
    if p.is_dir():  # iter_documents passes on a folder only when it holds no documents
        kinds = ", ".join(sorted(fmt.folder_suffixes))
        raise InputError(p, f"folder holds no document files ({kinds})")
    raw_text, encoding, warnings = read_text_file(p)
    is_html = p.suffix.lower() in fmt.html_suffixes
    if not is_html and fmt.html_sniff.match(raw_text[:1000]):
        is_html = True
        warnings.append("file looks like an HTML page: its main text was extracted")
    text = html_to_text(raw_text) if is_html else raw_text
    if not text.strip():
        raise InputError(p, "HTML page has no text")
    normalized = normalize(text)
    furniture = find_furniture(normalized, normalized=True)
    analysis = blank(normalized, furniture)
    meta = _read_metadata(text, p)
    meta.encoding = encoding
    sidecar = _sidecar_path(p)
    if sidecar is not None:
        _apply(meta, _read_sidecar(sidecar), sidecar, "")
    if overrides:
        _apply(meta, overrides, p, "override: ")
    return SourceDocument(
        text=text, analysis=analysis, meta=meta, furniture=furniture, warnings=warnings
    )


def iter_documents(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Expand folders into their document files (recursive, sorted); keep files as given.

    A folder without any document file is yielded itself, so that reading it reports it."""
    suffixes = _formats().folder_suffixes
    for entry in paths:
        p = Path(entry)
        if not p.is_dir():
            yield p
            continue
        found = [
            f
            for f in p.rglob("*")
            if f.suffix.lower() in suffixes
            and f.is_file()
            and not any(part.startswith(".") for part in f.relative_to(p).parts)
        ]
        yield from sorted(found, key=lambda f: f.relative_to(p).parts) if found else [p]


def _read_metadata(text: str, path: Path) -> DocMeta:
    """Metadata from ``kg.ingest.metadata`` when that module exists; else just id and path."""
    try:
        module = importlib.import_module("kg.ingest.metadata")
    except ModuleNotFoundError as exc:
        if exc.name != "kg.ingest.metadata":
            raise
        return DocMeta(id=path.stem, path=str(path))
    meta: DocMeta = module.read_metadata(text, path)
    return meta


def _sidecar_path(path: Path) -> Path | None:
    suffix = _formats().sidecar_suffix
    for candidate in (path.with_name(path.stem + suffix), path.with_name(path.name + suffix)):
        if candidate.is_file():
            return candidate
    return None


def _read_sidecar(sidecar: Path) -> dict[str, Any]:
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(sidecar, f"cannot read metadata sidecar: {exc}") from None
    except json.JSONDecodeError as exc:
        raise InputError(
            sidecar, f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None
    if not isinstance(data, dict):
        raise InputError(sidecar, "metadata sidecar must be a JSON object")
    return data


def _apply(meta: DocMeta, values: dict[str, Any], where: Path, label: str) -> None:
    """Set DocMeta fields from a sidecar or overrides, checking names and types."""
    for key, value in values.items():
        if key not in _META_FIELDS:
            known = ", ".join(_META_FIELDS)
            raise InputError(where, f"{label}unknown metadata field {key!r} (known: {known})")
        setattr(meta, key, _checked(key, value, where, label))


def _checked(key: str, value: Any, where: Path, label: str) -> Any:
    if value is None:
        if key in {"id", "path", "kind"}:
            raise InputError(where, f"{label}metadata field {key!r} cannot be null")
        return None
    if key == "year":
        if isinstance(value, bool) or not (
            isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit())
        ):
            raise InputError(where, f"{label}metadata field 'year' must be a number, not {value!r}")
        return int(value)
    if not isinstance(value, str):
        raise InputError(where, f"{label}metadata field {key!r} must be a string, not {value!r}")
    if key == "kind" and value not in DOC_KINDS:
        raise InputError(
            where, f"{label}metadata field 'kind' must be one of {', '.join(DOC_KINDS)}"
        )
    return value
