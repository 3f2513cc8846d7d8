"""``OUT/report.html``, written by every ``kg build``: what the build found at a glance (counts,
documents, recurring projects, slogans) with links to the pictures it draws beside it (the
slogan network and one project timeline per district). One self-contained page; opens offline."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import networkx as nx

from kg.errors import InputError
from kg.graph.ids import document_id
from kg.graph.model import is_entity
from kg.records import ENTITY_TYPES
from kg.viz.page import (
    Html,
    bilingual,
    esc,
    field_label,
    join,
    relation_label,
    render_page,
    status_chip,
    table,
    tag,
    type_color,
    type_label,
    void,
)

if TYPE_CHECKING:
    from kg.analysis.slogans import SharedSlogan
    from kg.background import Submit

REPORT_FILE = "report.html"
SLOGANS_PICTURE = "slogans"
TIMELINE_PICTURE = "timeline-{district}"
PICTURE_SUFFIXES = (".html", ".png")
TOP_RECURRING = 40  # rows of the recurring table; the rest are a `kg query recurring` away


@dataclass(slots=True)
class Picture:
    """A picture written beside the report: what it shows and its files (HTML, PNG)."""

    zh: str
    en: str
    files: list[Path]


def picture_stem(district: str) -> str:
    """``timeline-黄石港区``: the file name (without suffix) of a district's timeline."""
    return TIMELINE_PICTURE.format(district=re.sub(r"[^\w-]+", "_", district))


def documents(graph: nx.MultiDiGraph) -> list[dict[str, object]]:
    """The Document nodes' attributes, by district, year and id."""
    docs = [d for _, d in graph.nodes(data=True) if d.get("type") == "Document"]
    return sorted(docs, key=lambda d: (d.get("district") or "", d.get("year") or 0, d["doc"]))


def districts(graph: nx.MultiDiGraph) -> list[str]:
    """Every district a document belongs to, sorted."""
    return sorted({str(d["district"]) for d in documents(graph) if d.get("district")})


class PendingReport:
    """The report of a build, begun: the pictures' pages rendered and their PNGs being drawn
    (in helper processes when ``submit`` runs elsewhere); nothing is written before
    :meth:`finish`, so a build that fails after :func:`start_report` leaves OUT as it was."""

    def __init__(self, graph: nx.MultiDiGraph, out: Path, submit: Submit | None = None) -> None:
        from kg.analysis.recurrence import recurring
        from kg.background import Background
        from kg.viz.network import network_html, slogan_network
        from kg.viz.png import network_png, timeline_png
        from kg.viz.timeline import timeline, timeline_html

        self.graph, self.out = graph, out
        self.pages: list[tuple[Path, str]] = []
        self.drawings: list[tuple[Path, Future[bytes]]] = []
        self.pictures: list[Picture] = []
        draw = submit or Background(0).submit
        network = slogan_network(graph)
        self._add(Picture("口号网络", "slogan network", []), SLOGANS_PICTURE, network_html(network))
        self.drawings.append((self.pictures[-1].files[-1], draw(network_png, network)))
        for district in districts(graph):
            if not recurring(graph, district=district):
                continue
            data = timeline(graph, district)
            picture = Picture(f"{district}项目时间线", f"timeline of {district}", [])
            self._add(picture, picture_stem(district), timeline_html(data))
            self.drawings.append((picture.files[-1], draw(timeline_png, data)))

    def _add(self, picture: Picture, stem: str, page: str) -> None:
        html, png = (self.out / f"{stem}{suffix}" for suffix in PICTURE_SUFFIXES)
        picture.files += [html, png]
        self.pages.append((html, page))
        self.pictures.append(picture)

    def finish(self, failed: Sequence[InputError] = ()) -> list[Path]:
        """Write the pictures (once drawn) and report.html linking them; the paths, report last."""
        from kg.io import write_text_atomic
        from kg.viz.png import write_png

        for path, page in self.pages:
            write_text_atomic(path, page)
        for path, drawing in self.drawings:
            write_png(path, drawing.result())
        report = self.out / REPORT_FILE
        write_text_atomic(report, render_report(self.graph, self.out, self.pictures, failed))
        written = [*(f for p in self.pictures for f in p.files), report]
        self._remove_stale(set(written))
        return written

    def _remove_stale(self, kept: set[Path]) -> None:
        """Remove the timelines an earlier build wrote into OUT for districts this one has no
        timeline of, so that OUT holds what a build into a new folder would."""
        for suffix in PICTURE_SUFFIXES:
            for path in self.out.glob(TIMELINE_PICTURE.format(district="*") + suffix):
                if path not in kept:
                    path.unlink(missing_ok=True)

    def abort(self) -> None:
        for _, drawing in self.drawings:
            drawing.cancel()


def start_report(
    graph: nx.MultiDiGraph, out_dir: str | Path, submit: Submit | None = None
) -> PendingReport:
    """Begin the report of ``graph`` (see :class:`PendingReport`); ``submit`` draws the PNGs
    elsewhere (:meth:`kg.background.Background.submit`)."""
    return PendingReport(graph, Path(out_dir), submit)


def href(path: Path, out: Path) -> str:
    """A link to ``path`` relative to the report folder, percent-encoded."""
    return quote(path.relative_to(out).as_posix())


def pictures_section(pictures: Sequence[Picture], out: Path) -> Html:
    """A thumbnail (the PNG, linking to the interactive page) and links per picture."""
    items = []
    for p in pictures:
        links = join(
            (tag("a", f.suffix.lstrip(".").upper(), href=href(f, out)) for f in p.files), " · "
        )
        pages = [f for f in p.files if f.suffix == ".html"]
        images = [f for f in p.files if f.suffix == ".png"]
        thumb = ""
        if images:
            img = void("img", src=href(images[0], out), alt=f"{p.zh} {p.en}", loading="lazy")
            thumb = tag("a", img, href=href((pages or images)[0], out))
        caption = Html(f"<figcaption>{bilingual(p.zh, p.en)}<br>{links}</figcaption>")
        items.append(f'<figure class="picture">{esc(thumb)}{caption}</figure>')
    if not items:
        return Html("<p>—</p>")
    return Html(f'<div class="pictures">{"".join(items)}</div>')


def documents_table(graph: nx.MultiDiGraph) -> Html:
    """District, year, kind, title of every document, with its number of entity mentions."""
    mentions = Counter(
        v for _, v, d in graph.edges(data=True) if d.get("relation") == "mentionedIn"
    )
    rows = []
    for d in documents(graph):
        count = mentions[document_id(str(d["doc"]))]
        rows.append(
            (
                d.get("district") or "—",
                d.get("year") or "—",
                d.get("kind") or "—",
                d.get("title") or "—",
                Html(f"<span class=small>{esc(d['doc'])}</span>"),
                count,
            )
        )
    headers = [
        field_label("meta", "district"),
        field_label("meta", "year"),
        field_label("meta", "kind"),
        field_label("meta", "title"),
        field_label("meta", "id"),
        ("提及", "mentions#"),
    ]
    return table(headers, rows, cls="documents")


def counts_section(graph: nx.MultiDiGraph) -> Html:
    """Nodes per type (entity types first, coloured) and edges per relation."""
    nodes = Counter(str(d["type"]) for _, d in graph.nodes(data=True))
    order = [t for t in ENTITY_TYPES if t in nodes] + sorted(set(nodes) - set(ENTITY_TYPES))
    node_rows = []
    for name in order:
        zh, en = type_label(name)
        swatch = tag("span", "", class_="swatch", style=f"background: {type_color(name)}")
        label = swatch if name in ENTITY_TYPES else Html("")
        node_rows.append((Html(f"{label}{esc(zh)}"), en, nodes[name]))
    edges = Counter(str(d["relation"]) for _, _, d in graph.edges(data=True))
    edge_rows = [(*relation_label(name), n) for name, n in sorted(edges.items())]
    node_table = table([("节点类型", "node type"), "", ("数量", "count#")], node_rows)
    edge_table = table([("关系", "relation"), "", ("数量", "count#")], edge_rows)
    return Html(f'<div class="columns"><div>{node_table}</div><div>{edge_table}</div></div>')


def recurring_section(graph: nx.MultiDiGraph) -> Html:
    """The things most often promised again: name, type, district, years, status per year."""
    from kg.analysis.recurrence import recurring
    from kg.viz.timeline import STATUSES  # the timelines' colours, so both pictures agree

    items = recurring(graph)
    if not items:
        return Html("<p>没有在两个以上年份出现的项目 (nothing recurs across years).</p>")
    rows = []
    for r in items[:TOP_RECURRING]:
        others = [s for s in r.surfaces if s != r.canonical]
        name = Html(
            f"<b>{esc(r.canonical)}</b>"
            + (f"<br><span class=small>{join(others, '、')}</span>" if others else "")
        )
        chips = []
        for year in r.years:
            status = r.status_by_year.get(year) or "mentioned"
            chip = status_chip(year, status, STATUSES.get(status, ("", None))[1])
            sentence = r.evidence_by_year.get(year)
            chips.append(tag("span", chip, title=sentence) if sentence else chip)
        rows.append(
            (
                name,
                type_label(r.type)[0],
                r.district or "—",
                join(map(str, r.years), "、"),
                join(chips, " "),
            )
        )
    shown = f"{min(len(items), TOP_RECURRING)} / {len(items)}"
    legend = join(
        (status_chip(field_label("status", s)[1], s, c) for s, (_, c) in STATUSES.items()), " "
    )
    note = Html(
        f"<p class=small>{esc(shown)} · 悬停查看证据句 (hover a year for its evidence) · "
        f"全部 all: <code>kg query recurring OUT</code><br>{legend}</p>"
    )
    headers = [
        ("名称", "name"),
        ("类型", "type"),
        ("地区", "district"),
        ("年份", "years"),
        ("各年状态", "status per year"),
    ]
    return Html(note + table(headers, rows, cls="recurring"))


def shared_text(uses: Sequence[SharedSlogan]) -> str:
    """``曾都区 (同义 same definition)``, ``硚口区`` (one side undefined) …"""
    words = {True: "同义 same definition", False: "异义 different definition", None: ""}
    return "、".join(
        f"{s.district} ({words[s.same_definition]})" if words[s.same_definition] else s.district
        for s in uses
    )


def slogans_section(graph: nx.MultiDiGraph) -> Html:
    """Every slogan: district, years, numeral count, components, whether the count matches,
    which other districts use the same string."""
    from kg.analysis.slogans import slogans

    uses = slogans(graph)
    if not uses:
        return Html("<p>—</p>")
    marks = {True: Html("<span class=yes>✓</span>"), False: Html("<span class=no>✗</span>")}
    rows = []
    for u in uses:
        years = (
            f"{u.first_year}–{u.last_year}"
            if u.first_year and u.last_year and u.first_year != u.last_year
            else str(u.first_year or "—")
        )
        slogan = tag("b", u.slogan, title="\n".join(u.evidence)) if u.evidence else u.slogan
        rows.append(
            (
                slogan,
                u.district or "—",
                years,
                "—" if u.count is None else u.count,
                join(u.components, "、") if u.components else "—",
                marks.get(u.count_matches, "—") if u.count_matches is not None else "—",
                shared_text(u.shared_with) or "—",
            )
        )
    defined = sum(1 for u in uses if u.components)
    note = Html(
        f"<p class=small>{len(uses)} 个口号 slogans, {defined} 有定义 defined · "
        f"悬停查看定义句 (hover a slogan for its defining sentence)</p>"
    )
    headers = [
        ("口号", "slogan"),
        ("地区", "district"),
        ("年份", "years"),
        ("数目", "count#"),
        ("组成", "components"),
        ("数目相符", "count matches"),
        ("其他地区", "shared with"),
    ]
    return Html(note + table(headers, rows, cls="slogans"))


def failed_note(failed: Sequence[InputError]) -> str:
    if not failed:
        return ""
    return f" · {len(failed)} 个文件无法读取 files could not be read: " + "; ".join(
        str(e) for e in failed
    )


def render_report(
    graph: nx.MultiDiGraph,
    out: Path,
    pictures: Sequence[Picture],
    failed: Sequence[InputError] = (),
) -> str:
    """The report page of a build whose pictures are already written."""
    docs = documents(graph)
    years = sorted({int(str(d["year"])) for d in docs if d.get("year")})
    span = f"{years[0]}–{years[-1]}" if years else "?"
    entities = sum(1 for _, d in graph.nodes(data=True) if is_entity(d))
    subtitle = (
        f"{len(docs)} 份文件 documents · {len(districts(graph))} 个地区 districts · {span} · "
        f"{entities} 个实体 entities · {graph.number_of_edges()} 条边 edges" + failed_note(failed)
    )
    return render_page(
        "report.html",
        title="政策文件知识图谱报告 · kg build report",
        subtitle=subtitle,
        pictures=pictures_section(pictures, out),
        documents=documents_table(graph),
        counts=counts_section(graph),
        recurring=recurring_section(graph),
        slogans=slogans_section(graph),
    )


def write_report(
    graph: nx.MultiDiGraph, out_dir: str | Path, *, failed: Sequence[InputError] = ()
) -> list[Path]:
    """Draw the pictures into ``out_dir`` and write ``report.html`` linking them; the paths
    written, report last."""
    return start_report(graph, out_dir).finish(failed)
