"""Pieces shared by kg's HTML pages (``kg show``, ``OUT/report.html``): the page templates and
their inline CSS, safe-by-default tables and labels from the ontology mapping."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from string import Template

from kg.resources import load_yaml

TEMPLATES = Path(__file__).resolve().parent / "templates"


class Html(str):
    """Markup that is already safe; every other string put into a page is escaped."""


def esc(value: object) -> str:
    """``value`` as text safe inside an element or a quoted attribute."""
    return value if isinstance(value, Html) else html.escape("" if value is None else str(value))


def tag(name: str, content: object = "", **attrs: object) -> Html:
    """``<name attrs>content</name>``; ``content`` and attribute values are escaped unless Html.
    A trailing underscore in an attribute name is dropped (``class_`` → ``class``)."""
    parts = "".join(
        f' {k.rstrip("_").replace("_", "-")}="{esc(v)}"' for k, v in attrs.items() if v is not None
    )
    return Html(f"<{name}{parts}>{esc(content)}</{name}>")


def void(name: str, **attrs: object) -> Html:
    """A void element (``<img>``, ``<br>``) with escaped attribute values."""
    return Html(tag(name, **attrs).removesuffix(f"</{name}>"))


def join(items: Iterable[object], sep: str = "") -> Html:
    """Items (escaped unless Html) joined by ``sep`` (escaped)."""
    return Html(esc(sep).join(esc(i) for i in items))


@cache
def _template(name: str) -> Template:
    return Template((TEMPLATES / name).read_text(encoding="utf-8"))


@cache
def _css() -> str:
    return (TEMPLATES / "page.css").read_text(encoding="utf-8")


def render_page(name: str, **fields: object) -> str:
    """The template ``templates/NAME`` filled with ``fields`` (escaped unless Html) and the CSS."""
    values = {k: esc(v) for k, v in fields.items()}
    return _template(name).substitute(values, css=_css())


def bilingual(zh: str, en: str) -> Html:
    """A heading in Chinese with its English gloss."""
    return Html(f'{esc(zh)} <span class="en">{esc(en)}</span>')


Header = str | tuple[str, str]  # a plain heading, or (zh, en)


def table(headers: Sequence[Header], rows: Iterable[Sequence[object]], *, cls: str = "") -> Html:
    """A table; header cells are escaped text or (zh, en) pairs, row cells escaped unless Html.
    Column headers ending in ``#`` (e.g. ``("篇数", "documents#")``) are right-aligned numbers."""
    head: list[str] = []
    numeric: list[bool] = []
    for h in headers:
        zh, en = (h, "") if isinstance(h, str) else h
        is_num = en.endswith("#")
        numeric.append(is_num)
        label = bilingual(zh, en.rstrip("#")) if en else esc(zh)
        head.append(f"<th{' class=num' if is_num else ''}>{label}</th>")
    body = []
    for row in rows:
        cells = (
            f"<td{' class=num' if numeric[i] else ''}>{esc(c)}</td>" for i, c in enumerate(row)
        )
        body.append(f"<tr>{''.join(cells)}</tr>")
    cls_attr = f' class="{esc(cls)}"' if cls else ""
    return Html(
        f"<table{cls_attr}><thead><tr>{''.join(head)}</tr></thead>\n"
        f"<tbody>\n{chr(10).join(body)}\n</tbody></table>"
    )


def type_label(name: str) -> tuple[str, str]:
    """(zh, en) label of an entity type or node kind from ontology/mapping.yaml."""
    from kg.graph.mapping import load_mapping

    try:
        kind = load_mapping().node_kind(name)
    except KeyError:
        return name, name
    return kind.zh, kind.en


def relation_label(name: str) -> tuple[str, str]:
    """(zh, en) label of a relation from ontology/mapping.yaml."""
    from kg.graph.mapping import load_mapping

    kind = load_mapping().relations.get(name)
    return (kind.zh, kind.en) if kind else (name, name)


@cache
def _colors() -> tuple[dict[str, str], str]:
    data = load_yaml(TEMPLATES / "entity_colors.yaml")
    return dict(data["colors"]), str(data["default"])


def type_color(name: str) -> str:
    """The background colour of an entity type (templates/entity_colors.yaml)."""
    colors, default = _colors()
    return colors.get(name, default)


@cache
def _labels() -> dict[str, dict[str, list[str]]]:
    return load_yaml(TEMPLATES / "labels.yaml")


def field_label(group: str, name: str) -> tuple[str, str]:
    """(zh, en) label of a metadata field or a status (templates/labels.yaml)."""
    zh, en = _labels()[group].get(name) or (name, name)
    return zh, en


def status_chip(year: object, status: str | None, color: str | None = None) -> Html:
    """A small label coloured by lifecycle status: ``2020 谋划`` (hover: planned)."""
    status = status or "mentioned"
    zh, en = field_label("status", status)
    style = f"background: {color}" if color else None
    return tag(
        "span", f"{year} {zh}", class_=f"chip status-{status}", title=f"{year}: {en}", style=style
    )
