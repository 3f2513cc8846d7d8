"""The timeline of a district's recurring things: one row per project (park, institution,
place) mentioned in several years, one column per year the district has documents of, the
status the year's documents give it as the cell's colour, the evidence sentence on hover.

The rows are :func:`kg.analysis.recurrence.recurring`, so the picture and ``kg query recurring``
agree. Drawn as an HTML table (a few lines of script show a cell's evidence in full) or a PNG.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from kg.analysis.recurrence import DEFAULT_TYPES, Recurring, check_types, recurring
from kg.io import write_text_atomic
from kg.viz import asset_text, escape, inline_script, output_format
from kg.viz.network import check_district

# statuses from least to most advanced, with the cue words a reader recognises, and colours
STATUSES = {
    "planned": ("谋划、计划、力争", "#9ecae1"),
    "started": ("开工、启动建设", "#fdae6b"),
    "ongoing": ("加快推进、续建", "#fdd835"),
    "completed": ("建成、投入使用", "#74c476"),
    "mentioned": ("only mentioned", "#d0d0d0"),
}
NOT_MENTIONED = "#ffffff"


@dataclass(slots=True)
class Timeline:
    district: str | None
    types: tuple[str, ...]
    min_years: int
    rows: list[Recurring]
    years: list[int]  # the columns: every year of the district's documents
    documents: dict[int, list[str]] = field(default_factory=dict)  # year → document titles

    @property
    def scope(self) -> str:
        return self.district or "all districts"


def timeline(
    graph: nx.MultiDiGraph,
    district: str | None,
    *,
    types: tuple[str, ...] | None = None,
    min_years: int = 2,
) -> Timeline:
    """The recurring things of ``district`` and the years to show them in."""
    check_district(graph, district)
    chosen = check_types(types) if types else DEFAULT_TYPES
    rows = recurring(graph, district=district, types=chosen, min_years=min_years)
    documents: dict[int, list[str]] = {}
    for _, data in graph.nodes(data=True):
        if data["type"] != "Document" or data.get("year") is None:
            continue
        if district is None or data.get("district") == district:
            documents.setdefault(int(data["year"]), []).append(str(data["name"]))
    years = sorted(set(documents) | {y for r in rows for y in r.years})
    return Timeline(district, chosen, min_years, rows, years, documents)


def write_timeline(
    graph: nx.MultiDiGraph,
    path: str | Path,
    district: str | None,
    *,
    types: tuple[str, ...] | None = None,
    min_years: int = 2,
) -> Path:
    """The timeline at ``path``: an HTML page (.html) or a picture (.png)."""
    kind = output_format(path)
    data = timeline(graph, district, types=types, min_years=min_years)
    if kind == "png":
        from kg.viz.png import draw_timeline

        return draw_timeline(data, path)
    write_text_atomic(path, timeline_html(data))
    return Path(path)


def title_of(data: Timeline) -> str:
    kinds = ", ".join(data.types)
    return f"项目时间线 · Recurring {kinds} of {data.scope} (in at least {data.min_years} years)"


def cell_hint(row: Recurring, year: int) -> str:
    """What hovering a cell tells: the status and the sentence it was read from."""
    status = row.status_by_year.get(year)
    if status is None:
        return f"{row.canonical}: not mentioned in the {year} documents"
    evidence = row.evidence_by_year.get(year, "")
    return f"{row.canonical} · {year} · {status}\n{evidence}"


def timeline_html(data: Timeline) -> str:
    """The page: a legend and a table, every cell's evidence in its ``title`` (hover)."""
    head = "".join(
        f'<th scope="col" title="{escape("; ".join(data.documents.get(y, [])))}">{y}</th>'
        for y in data.years
    )
    body = "\n".join(_row_html(row, data.years) for row in data.rows)
    if data.rows:
        table = (
            '<table class="timeline" id="timeline">\n<thead><tr><th scope="col">name</th>'
            f'<th scope="col">type</th>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>'
        )
    else:
        table = (
            f'<p class="empty" id="timeline">Nothing of these types is mentioned in '
            f"{data.min_years} or more years of {escape(data.scope)}'s documents "
            f"(years: {escape(', '.join(map(str, data.years)) or 'none')}).</p>"
        )
    legend = "".join(
        f'<li><span class="swatch status status-{s}"></span>{escape(s)} '
        f'<span class="cue">({escape(cue)})</span></li>'
        for s, (cue, _) in STATUSES.items()
    )
    legend += '<li><span class="swatch status status-none"></span>not mentioned that year</li>'
    title = title_of(data)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>
{asset_text("viz.css")}
{_status_css()}
</style>
</head>
<body class="timeline-page">
<header>
  <h1>{escape(title)}</h1>
  <p class="summary">{len(data.rows)} rows; hover over a cell for the sentence its status
  comes from, over a name for the forms it appears in.</p>
  <ul class="legend">{legend}</ul>
</header>
<main>
{table}
<div id="evidence" class="evidence" aria-live="polite">Hover over a cell to read its evidence
here.</div>
</main>
{inline_script(asset_text("timeline.js"))}
</body>
</html>
"""


def _status_css() -> str:
    colours = {s: colour for s, (_, colour) in STATUSES.items()} | {"none": NOT_MENTIONED}
    return "\n".join(f".status-{s} {{ background: {c}; }}" for s, c in colours.items())


def _row_html(row: Recurring, years: list[int]) -> str:
    seen = "seen as: " + "、".join(row.surfaces)
    cells = []
    for year in years:
        status = row.status_by_year.get(year)
        css = f"status-{status}" if status else "status-none"
        label = escape(status) if status else "—"
        cells.append(
            f'<td class="cell {css}" data-year="{year}" title="{escape(cell_hint(row, year))}">'
            f"{label}</td>"
        )
    return (
        f'<tr><th scope="row" class="name" title="{escape(seen)}">{escape(row.canonical)}</th>'
        f'<td class="type">{escape(row.type)}</td>{"".join(cells)}</tr>'
    )
