"""``kg show``: one document as an HTML page for checking what was extracted: its text with the
entities highlighted by spaCy's displaCy (hover for canonical name and status), the relations
with their evidence sentences below, its metadata on top. Self-contained; opens offline."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from kg.errors import KgError
from kg.records import DocRecord, Entity, Relation
from kg.viz.page import (
    TEMPLATES,
    Html,
    bilingual,
    esc,
    field_label,
    join,
    relation_label,
    render_page,
    table,
    tag,
    type_color,
    type_label,
)

META_FIELDS = ("title", "district", "city", "province", "year", "date", "kind", "speaker")
SOURCE_FIELDS = ("id", "path", "encoding")
# relation attributes shown in their own columns or not worth showing
HIDDEN_ATTRS = ("role", "head_type", "tail_type")


@cache
def _entity_template() -> str:
    return (TEMPLATES / "entity.html").read_text(encoding="utf-8").strip()


def anchor(start: int, end: int) -> str:
    """The element id of the entity mark at ``start:end``."""
    return f"e-{start}-{end}"


def tooltip(entity: Entity) -> str:
    """What hovering over an entity shows: type, canonical name, status, scope, rule."""
    zh = type_label(entity.type)[0]
    lines = [f"{zh} {entity.type}", f"规范名 canonical: {entity.canonical}"]
    status = entity.attrs.get("status")
    if status:
        cue = entity.attrs.get("status_cue")
        status_zh, _ = field_label("status", str(status))
        lines.append(f"状态 status: {status_zh} {status}" + (f" ({cue})" if cue else ""))
    if entity.scope:
        lines.append(f"范围 scope: {entity.scope}")
    for key in ("value", "count", "code", "alias_reason", "rule"):
        if entity.attrs.get(key) is not None:
            lines.append(f"{key}: {entity.attrs[key]}")
    return "\n".join(lines)


def non_overlapping(entities: list[Entity], length: int) -> Iterator[Entity]:
    """Entities in text order, skipping any that overlap an earlier one or leave the text
    (displaCy draws only a flat sequence of marks)."""
    end = 0
    for entity in sorted(entities, key=lambda e: (e.start, -e.end)):
        if entity.start >= end and entity.end <= length and entity.start < entity.end:
            yield entity
            end = entity.end


def highlighted_text(record: DocRecord) -> Html:
    """The document's original text with its entities marked, rendered by displaCy."""
    from spacy import displacy

    text = record.text or ""
    labels = {t: esc(type_label(t)[0]) for t in {e.type for e in record.entities}}
    ents: list[dict[str, Any]] = [
        {
            "start": e.start,
            "end": e.end,
            "label": labels[e.type],
            "params": {
                "anchor": anchor(e.start, e.end),
                "type": esc(e.type),
                "tooltip": esc(tooltip(e)),
            },
        }
        for e in non_overlapping(record.entities, len(text))
    ]
    options = {
        "colors": {label: type_color(t) for t, label in labels.items()},
        "template": _entity_template(),
    }
    markup = displacy.render(
        {"text": text, "ents": ents, "title": None},
        style="ent",
        manual=True,
        page=False,
        jupyter=False,
        options=options,
    )
    return Html(markup)


def metadata(record: DocRecord) -> Html:
    """``<dt>``/``<dd>`` pairs of the document's metadata (empty fields left out)."""
    meta = record.doc.to_json()
    rows = []
    for name in (*META_FIELDS, *SOURCE_FIELDS):
        if meta.get(name) in (None, ""):
            continue
        zh, en = field_label("meta", name)
        rows.append(f"<dt>{bilingual(zh, en)}</dt><dd>{esc(meta[name])}</dd>")
    return Html("\n".join(rows))


def legend(record: DocRecord) -> Html:
    """One coloured chip per entity type found, with its count."""
    counts = Counter(e.type for e in record.entities)
    chips = []
    for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        zh, en = type_label(name)
        chips.append(
            tag(
                "span",
                f"{zh} {en} · {n}",
                class_="chip",
                style=f"background: {type_color(name)}",
                data_type=name,
            )
        )
    return Html(f"<p>{join(chips, ' ')}</p>") if chips else Html("<p>—</p>")


def evidence(text: str, relation: Relation) -> Html:
    """The evidence sentence with the relation's head and tail marked."""
    start, end = relation.start, relation.end
    marks = [
        (span[0], span[1], cls)
        for span, cls in ((relation.head_span, "arg head"), (relation.tail_span, "arg tail"))
        if span and start <= span[0] < span[1] <= end
    ]
    marks.sort()
    out: list[str] = []
    pos = start
    for m_start, m_end, cls in marks:
        if m_start < pos:  # head and tail overlap: mark the first only
            continue
        out += [esc(text[pos:m_start]), tag("mark", text[m_start:m_end], class_=cls)]
        pos = m_end
    out.append(esc(text[pos:end]))
    return Html("".join(out))


def argument(name: str, span: tuple[int, int] | None, marked: set[tuple[int, int]]) -> Html:
    """A relation argument, linked to its mark in the text when there is one."""
    if span and span in marked:
        return tag("a", name, href=f"#{anchor(*span)}")
    return Html(esc(name))


def relations_table(record: DocRecord) -> Html:
    """Every relation: type, head, tail, role, other attributes and the evidence sentence."""
    if not record.relations:
        return Html("<p>—</p>")
    text = record.text or ""
    marked = {(e.start, e.end) for e in non_overlapping(record.entities, len(text))}
    rows = []
    for r in sorted(record.relations, key=lambda r: (r.start, r.head_span or (0, 0))):
        zh = relation_label(r.type)[0]
        extra = "; ".join(
            f"{k}={json.dumps(v, ensure_ascii=False)}"
            for k, v in r.attrs.items()
            if k not in HIDDEN_ATTRS
        )
        rows.append(
            (
                Html(f"{esc(zh)}<br><span class=small>{esc(r.type)}</span>"),
                argument(r.head, r.head_span, marked),
                argument(r.tail, r.tail_span, marked),
                r.attrs.get("role") or "",
                Html(f"<span class=small>{esc(extra)}</span>"),
                Html(f"<span class=evidence>{evidence(text, r)}</span>"),
            )
        )
    headers = [
        ("关系", "type"),
        ("主体", "head"),
        ("客体", "tail"),
        ("角色", "role"),
        ("属性", "attributes"),
        ("证据句", "evidence sentence"),
    ]
    return table(headers, rows, cls="relations")


def render_document(record: DocRecord) -> str:
    """The whole ``kg show`` page of one extracted document."""
    if record.text is None:
        raise KgError(f"{record.doc.path}: the record carries no text to show")
    title = record.doc.title or Path(record.doc.path).name
    counts = (
        f"{len(record.entities)} 个实体 entities · {len(record.relations)} 条关系 relations · "
        f"{record.doc.district or '?'} {record.doc.year or '?'} {record.doc.kind}"
    )
    return render_page(
        "show.html",
        title=title,
        counts=counts,
        meta=metadata(record),
        legend=legend(record),
        text=highlighted_text(record),
        relations=relations_table(record),
    )


def show(
    path: str | Path,
    output: str | Path,
    *,
    overrides: dict[str, Any] | None = None,
    aliases: str | Path | None = None,
    config: str | Path | None = None,
) -> DocRecord:
    """Extract the document at ``path`` and write its page to ``output``; returns the record."""
    from kg.api import extract
    from kg.io import write_text_atomic

    source = Path(path)
    if source.is_dir():
        raise KgError(f"{source}: is a folder; kg show takes one document")
    result = extract([source], overrides=overrides, aliases=aliases, config=config)
    if result.errors:
        raise result.errors[0]
    if not result.records:
        raise KgError(f"{source}: no document read")
    record = result.records[0]
    write_text_atomic(output, render_document(record))
    return record
