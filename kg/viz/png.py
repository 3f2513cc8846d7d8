"""Static pictures with matplotlib: a font that has the Chinese characters, a figure that does
not touch pyplot's global state, and an atomic save.

The font comes first from the Python package ``pylopdf-fonts-zh-cn`` (Noto Sans SC, SIL OFL
1.1), a dependency of kg, so that labels render on a machine without Chinese fonts; failing
that, from a font installed on the system (Noto Sans CJK, Source Han Sans, WenQuanYi, …).
"""

from __future__ import annotations

import functools
import math
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from kg.errors import KgError
from kg.io import atomic_path
from kg.viz.network import COMPONENT_COLOUR, EDGE_KINDS, NetNode, SloganNetwork
from kg.viz.timeline import NOT_MENTIONED, STATUSES, Timeline, title_of

if TYPE_CHECKING:
    import numpy as np
    from matplotlib.figure import Figure

    from kg.viz.labels import Label

# characters every font we accept must draw: a common sample of the documents' text
PROBE = "黄石港区临空智造产业园两带六稳"
# families tried when the packaged font is missing, most complete first
SYSTEM_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Droid Sans Fallback",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Heiti SC",
    "AR PL UMing CN",
)
DPI = 100
MAX_PIXELS = 6000  # longest side of a picture
PNG_COMPRESSION = 1  # zlib level


def _covers(path: str, text: str) -> bool:
    from matplotlib.ft2font import FT2Font

    try:
        font = FT2Font(path)
    except (OSError, RuntimeError):
        return False
    return all(font.get_char_index(ord(c)) for c in text)


def _packaged_font() -> Path | None:
    try:
        import pylopdf_fonts_zh_cn
    except ImportError:
        return None
    path = Path(pylopdf_fonts_zh_cn.sans_path())
    return path if path.is_file() else None


def _system_font() -> Path | None:
    from matplotlib import font_manager

    by_family: dict[str, list[str]] = {}
    for entry in font_manager.fontManager.ttflist:
        by_family.setdefault(entry.name, []).append(entry.fname)
    for family in SYSTEM_FAMILIES:
        for fname in by_family.get(family, []):
            if _covers(fname, PROBE):
                return Path(fname)
    return None


@functools.cache
def cjk_font() -> Path:
    """The font file labels are drawn with; a clear error when there is none."""
    path = _packaged_font() or _system_font()
    if path is None or not _covers(str(path), PROBE):
        raise KgError(
            "no font with Chinese characters for the PNG: reinstall kg (it depends on "
            "pylopdf-fonts-zh-cn) or install one, e.g. Debian's fonts-noto-cjk"
        )
    return path


@functools.cache
def cjk_family() -> str:
    """The family name of :func:`cjk_font`, registered with matplotlib."""
    from matplotlib import font_manager

    path = cjk_font()
    font_manager.fontManager.addfont(str(path))
    return str(font_manager.FontProperties(fname=str(path)).get_name())


@functools.cache
def label_fonts() -> tuple[Path, ...]:
    """The font files labels drawn by FreeType use: :func:`cjk_font`, then matplotlib's own
    DejaVu Sans for a character it lacks (as the figures' font family list does)."""
    from matplotlib import font_manager

    return cjk_font(), Path(font_manager.findfont("DejaVu Sans", fallback_to_default=False))


def png_bytes(width: float, height: float, draw: Callable[[Figure], None]) -> bytes:
    """A ``width`` × ``height`` inch figure drawn by ``draw`` in the CJK font, as PNG (no
    pyplot, no change to matplotlib's global settings). A very large figure is drawn at a
    lower resolution, so that the file stays openable."""
    import matplotlib
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    family = [cjk_family(), "DejaVu Sans"]
    with matplotlib.rc_context({"font.family": family, "axes.unicode_minus": False}):
        dpi = min(DPI, MAX_PIXELS / max(width, height))
        fig = Figure(figsize=(width, height), dpi=dpi, facecolor="white")
        canvas = FigureCanvasAgg(fig)
        draw(fig)
        canvas.draw()
    return rgb_png(np.asarray(canvas.buffer_rgba())[:, :, :3])


def rgb_png(pixels: np.ndarray) -> bytes:
    """An 8-bit RGB PNG of ``pixels`` (height × width × 3, uint8). The pictures are opaque and
    mostly flat white: rows left unfiltered and compressed at zlib level 1 make a smaller file
    in half the time of Pillow's PNG writer at its fastest (0.08 s for the seeds' network)."""
    import numpy as np

    height, width, _ = pixels.shape
    rows = np.zeros((height, 1 + 3 * width), dtype=np.uint8)  # a 0 byte before a row: no filter
    body = np.ndarray(  # the rows without their first byte, as pixels
        (height, width, 3), np.uint8, buffer=rows, offset=1, strides=(1 + 3 * width, 3, 1)
    )
    body[...] = pixels  # one copy, also from a view such as RGBA pixels without their alpha
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8 bits, RGB, no interlace
    return b"".join(
        (
            b"\x89PNG\r\n\x1a\n",
            _chunk(b"IHDR", header),
            _chunk(b"IDAT", zlib.compress(rows.data, PNG_COMPRESSION)),
            _chunk(b"IEND", b""),
        )
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def write_png(path: str | Path, data: bytes) -> Path:
    """Write PNG ``data`` to ``path`` atomically."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return Path(path)


# --- the slogan network -------------------------------------------------------------------
# Laid out by hand, in inches, so that every label has room: each district is a hub, its slogans
# sit on a ring around it, the parts of their definitions on an outer ring, labels along the rays.

SLOGAN_PT = 10.0
PART_PT = 7.5
DISTRICT_PT = 20.0
MIN_WIDTH = 11.0  # inches: room for the title and the legend
PART_CHARS = 16  # longer parts of definitions are cut (the HTML page shows them whole)
LineStyle = Literal["solid", "dashed", "dotted"]
EDGE_STYLES: dict[str, tuple[str, LineStyle, float]] = {  # kind → colour, line style, width
    "uses": ("#c8c8c8", "solid", 0.6),
    "definedAs": ("#9a9a9a", "solid", 0.7),
    "cooccurs": ("#d62728", "dashed", 1.0),
    "shared": ("#9467bd", "dotted", 1.4),
}


def _width(text: str, points: float) -> float:
    """Roughly how wide ``text`` is, in inches (a Chinese character is one em)."""
    ems = sum(1.0 if ord(c) > 0x2E80 else 0.55 for c in text)
    return ems * points / 72


def _short(text: str, limit: int = PART_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(slots=True)
class _Ray:
    """A node placed on a ray from its district's hub."""

    x: float
    y: float
    angle: float  # radians; the direction its label runs


@dataclass(slots=True)
class _Disc:
    hub: str
    rays: dict[str, _Ray]  # relative to the hub
    radius: float


def _disc(
    hub: str, slogans: list[NetNode], parts: dict[str, list[str]], labels: dict[str, str]
) -> _Disc:
    """One district: slogans on the inner ring, each with its parts fanned out beyond its label
    in the slogan's own sector, sectors as wide as their parts need."""
    slot_s = SLOGAN_PT / 72 * 1.6
    slot_p = PART_PT / 72 * 1.5
    counts = [len(parts.get(s.id, [])) for s in slogans]
    reach = [_width(s.label, SLOGAN_PT) + 0.4 for s in slogans]

    def sectors(inner: float) -> list[float]:
        return [
            max(slot_s / inner, n * slot_p / (inner + r))
            for n, r in zip(counts, reach, strict=True)
        ]

    inner = 0.9
    while sum(sectors(inner)) > 2 * math.pi:
        inner *= 1.05
    widths = sectors(inner)
    stretch = 2 * math.pi / sum(widths) if widths else 1.0
    rays: dict[str, _Ray] = {}
    radius = inner + 0.5
    start = math.pi / 2
    for slogan, sector, n, r in zip(slogans, widths, counts, reach, strict=True):
        sector *= stretch
        middle = start + sector / 2
        rays[slogan.id] = _Ray(inner * math.cos(middle), inner * math.sin(middle), middle)
        outer = inner + r
        for j, part in enumerate(parts.get(slogan.id, [])):
            angle = start + (j + 0.5) * sector / n
            rays[part] = _Ray(outer * math.cos(angle), outer * math.sin(angle), angle)
            radius = max(radius, outer + _width(_short(labels[part]), PART_PT) + 0.3)
        radius = max(radius, outer)
        start += sector
    return _Disc(hub, rays, radius)


def network_layout(network: SloganNetwork) -> dict[str, _Ray]:
    """Where every node of ``network`` goes, in inches: districts on a grid, each a disc."""
    by_id = {n.id: n for n in network.nodes}
    hubs = [n.id for n in network.nodes if n.kind == "district"]
    slogans_of: dict[str, list[NetNode]] = {h: [] for h in hubs}
    parts: dict[str, list[str]] = {}
    placed: set[str] = set()
    for edge in network.edges:
        if edge.kind == "uses":
            slogans_of[edge.source].append(by_id[edge.target])
        elif edge.kind == "definedAs" and edge.target not in placed:
            placed.add(edge.target)
            parts.setdefault(edge.source, []).append(edge.target)
    labels = {n.id: n.label for n in network.nodes}
    discs = [_disc(h, slogans_of[h], parts, labels) for h in hubs]
    cell = 2 * max((d.radius for d in discs), default=1.0)
    columns = max(1, math.ceil(math.sqrt(len(discs))))
    out: dict[str, _Ray] = {}
    for k, disc in enumerate(discs):
        cx, cy = (k % columns) * cell, -(k // columns) * cell
        out[disc.hub] = _Ray(cx, cy, 0.0)
        for node_id, ray in disc.rays.items():
            out[node_id] = _Ray(cx + ray.x, cy + ray.y, ray.angle)
    for node in network.nodes:  # a part whose slogan is in no disc (cannot happen; be safe)
        out.setdefault(node.id, _Ray(0.0, 0.0, 0.0))
    return out


def _ray_label(ray: _Ray, text: str, points: float, colour: str, offset: float) -> Label:
    """A label along ``ray``, ``offset`` inches beyond its node, turned to read left to right."""
    from kg.viz.labels import Label

    degrees = math.degrees(ray.angle) % 360
    flip = 90 < degrees < 270
    return Label(
        ray.x + offset * math.cos(ray.angle),
        ray.y + offset * math.sin(ray.angle),
        text,
        points,
        colour,
        degrees - 180 if flip else degrees,
        right=flip,
    )


def draw_network(network: SloganNetwork, path: str | Path) -> Path:
    """Write :func:`network_png` to ``path``."""
    return write_png(path, network_png(network))


def network_png(network: SloganNetwork) -> bytes:
    """The slogan network as a PNG: districts as hubs, slogans in their district's colour,
    parts of definitions in grey, co-occurrence and sharing as coloured lines; every label
    drawn in the CJK font."""
    rays = network_layout(network)
    xs = [r.x for r in rays.values()] or [0.0]
    ys = [r.y for r in rays.values()] or [0.0]
    reach = max((_width(_short(n.label), PART_PT) for n in network.nodes), default=1.0) + 0.4
    box = (min(xs) - reach, max(xs) + reach, min(ys) - reach, max(ys) + reach)
    if box[1] - box[0] < MIN_WIDTH:  # widen a small picture around its middle
        middle = (box[0] + box[1]) / 2
        box = (middle - MIN_WIDTH / 2, middle + MIN_WIDTH / 2, box[2], box[3])
    width, height = box[1] - box[0], box[3] - box[2]
    top, bottom = 0.8, 0.9  # inches for the title and the legend

    def draw(fig: Figure) -> None:
        total = height + top + bottom
        ax = fig.add_axes((0.0, bottom / total, 1.0, height / total))
        ax.set_xlim(box[0], box[1])
        ax.set_ylim(box[2], box[3])
        ax.set_aspect("equal")
        ax.set_axis_off()
        _draw_edges(ax, network, rays)
        _draw_nodes(ax, network, rays)
        if not network.nodes:
            ax.text(
                0,
                0,
                "no slogans in these documents",
                ha="center",
                va="center",
                fontsize=14,
                color="#666666",
            )
        fig.legend(
            handles=_network_legend(network),
            loc="lower center",
            ncol=4,
            fontsize=11,
            frameon=False,
        )
        scope = network.district or "all districts"
        fig.suptitle(
            f"口号网络 · Slogans of {scope}: {network.count('slogan')} slogans, "
            f"{network.count('component')} parts of their definitions",
            fontsize=18,
            y=1 - 0.25 / total,
        )

    return png_bytes(width, height + top + bottom, draw)


def _draw_edges(ax: Any, network: SloganNetwork, rays: dict[str, _Ray]) -> None:
    from matplotlib.collections import LineCollection

    for kind, (colour, style, width) in EDGE_STYLES.items():
        lines = [
            ((rays[e.source].x, rays[e.source].y), (rays[e.target].x, rays[e.target].y))
            for e in network.edges
            if e.kind == kind
        ]
        if lines:
            ax.add_collection(
                LineCollection(lines, colors=colour, linestyles=style, linewidths=width, zorder=1)
            )


def _draw_nodes(ax: Any, network: SloganNetwork, rays: dict[str, _Ray]) -> None:
    from kg.viz.labels import LabelLayer

    for kind, area in (("component", 14), ("slogan", 60), ("district", 700)):
        chosen = [n for n in network.nodes if n.kind == kind]
        if not chosen:
            continue
        ax.scatter(
            [rays[n.id].x for n in chosen],
            [rays[n.id].y for n in chosen],
            s=area,
            c=[n.colour for n in chosen],
            edgecolors="#666666" if kind == "component" else "white",
            linewidths=0.5,
            zorder=3,
        )
    labels: list[Label] = []
    for node in network.nodes:
        ray = rays[node.id]
        if node.kind == "district":
            ax.text(
                ray.x,
                ray.y - 0.3,
                node.label,
                ha="center",
                va="top",
                fontsize=DISTRICT_PT,
                zorder=5,
                bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": node.colour},
            )
        elif node.kind == "slogan":
            colour = "#b00020" if node.info.get("count_matches") is False else "#111111"
            labels.append(_ray_label(ray, node.label, SLOGAN_PT, colour, 0.08))
        else:
            labels.append(_ray_label(ray, _short(node.label), PART_PT, "#444444", 0.06))
    ax.add_artist(LabelLayer(labels, label_fonts(), zorder=4))


def _network_legend(network: SloganNetwork) -> list[Any]:
    from matplotlib.lines import Line2D

    used = {n.district for n in network.nodes if n.kind == "slogan"}
    handles: list[Any] = [
        Line2D([], [], marker="o", linestyle="", color=c, markersize=10, label=d)
        for d, c in network.colours.items()
        if d in used
    ]
    if network.count("component"):
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                color=COMPONENT_COLOUR,
                markeredgecolor="#666666",
                markersize=6,
                label="part of a definition",
            )
        )
    kinds = {e.kind for e in network.edges}
    handles += [
        Line2D([], [], color=c, linestyle=s, linewidth=max(w, 1.5), label=EDGE_KINDS[k])
        for k, (c, s, w) in EDGE_STYLES.items()
        if k != "uses" and k in kinds
    ]
    if any(n.info.get("count_matches") is False for n in network.nodes):
        handles.append(
            Line2D(
                [],
                [],
                color="#b00020",
                marker="s",
                linestyle="",
                markersize=8,
                label="red label: numeral count and definition disagree",
            )
        )
    return handles


# --- the timeline ---------------------------------------------------------------------------

ROW_PT = 11.0
ROW_HEIGHT = 0.36  # inches
YEAR_WIDTH = 1.05


def draw_timeline(data: Timeline, path: str | Path) -> Path:
    """Write :func:`timeline_png` to ``path``."""
    return write_png(path, timeline_png(data))


def timeline_png(data: Timeline) -> bytes:
    """The timeline as a PNG: rows of recurring things, a column per year, a coloured cell
    with the status word per year mentioned, a legend of the statuses."""
    names = [f"{r.canonical}  ({r.type})" for r in data.rows]
    name_width = max((_width(n, ROW_PT) for n in names), default=2.0) + 0.3
    width = max(9.0, name_width + YEAR_WIDTH * max(1, len(data.years)) + 0.6)
    top, bottom = 1.1, 1.0
    body = ROW_HEIGHT * len(data.rows) if data.rows else 1.0
    height = top + body + bottom

    def draw(fig: Figure) -> None:
        ax = fig.add_axes(
            (name_width / width, bottom / height, 1 - (name_width + 0.3) / width, body / height)
        )
        columns = max(1, len(data.years))
        rows = max(1, len(data.rows))
        ax.set_xlim(0, columns)
        ax.set_ylim(rows, 0)
        ax.set_xticks([i + 0.5 for i in range(len(data.years))], [str(y) for y in data.years])
        ax.xaxis.tick_top()
        ax.set_yticks([i + 0.5 for i in range(len(names))], names)
        ax.tick_params(length=0, labelsize=ROW_PT)
        for spine in ax.spines.values():
            spine.set_visible(False)
        _draw_cells(ax, data)
        if not data.rows:
            ax.text(
                columns / 2,
                0.5,
                f"nothing is mentioned in {data.min_years}+ years "
                f"(documents of {', '.join(map(str, data.years)) or 'no year'})",
                ha="center",
                va="center",
                fontsize=ROW_PT,
                color="#666666",
            )
        fig.legend(
            handles=_status_legend(),
            loc="lower center",
            ncol=3,
            fontsize=10,
            frameon=False,
        )
        fig.suptitle(title_of(data), fontsize=14, y=1 - 0.2 / height)

    return png_bytes(width, height, draw)


def _draw_cells(ax: Any, data: Timeline) -> None:
    from matplotlib.patches import Rectangle

    for i, row in enumerate(data.rows):
        for j, year in enumerate(data.years):
            status = row.status_by_year.get(year)
            colour = STATUSES[status][1] if status in STATUSES else NOT_MENTIONED
            ax.add_patch(
                Rectangle(
                    (j + 0.04, i + 0.08),
                    0.92,
                    0.84,
                    facecolor=colour,
                    edgecolor="#d8d8d8",
                    linewidth=0.6,
                )
            )
            if status:
                ax.text(
                    j + 0.5,
                    i + 0.5,
                    status,
                    ha="center",
                    va="center",
                    fontsize=8.5,
                    color="#222222",
                )


def _status_legend() -> list[Any]:
    from matplotlib.patches import Patch

    handles: list[Any] = [
        Patch(facecolor=colour, edgecolor="#999999", label=f"{status} ({cue})")
        for status, (cue, colour) in STATUSES.items()
    ]
    handles.append(Patch(facecolor=NOT_MENTIONED, edgecolor="#999999", label="not mentioned"))
    return handles
