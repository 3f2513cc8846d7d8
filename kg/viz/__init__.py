"""Pictures of a build for researchers: the slogan network and the project timeline, each as a
self-contained HTML page (vendored JavaScript inlined, opens offline) or a static PNG.

The small helpers here (asset text, JSON safe inside ``<script>``, the output format from a
path's suffix) are shared by every page kg writes.
"""

from __future__ import annotations

import html
import json
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from kg.errors import KgError

if TYPE_CHECKING:
    import networkx as nx

FORMATS = {".html": "html", ".htm": "html", ".png": "png"}


def output_format(path: str | Path) -> Literal["html", "png"]:
    """``html`` or ``png`` from the suffix of ``path``; any other suffix is the user's error."""
    kind = FORMATS.get(Path(path).suffix.lower())
    if kind is None:
        raise KgError(f"{path}: unknown picture format; name the output *.html or *.png")
    return "html" if kind == "html" else "png"


def asset_text(name: str) -> str:
    """A vendored file from kg/viz/assets/ (JavaScript, CSS) as text."""
    return resources.files("kg.viz").joinpath("assets", name).read_text(encoding="utf-8")


def script_json(data: Any) -> str:
    """``data`` as a JavaScript literal that cannot end the ``<script>`` element it sits in
    (document text may hold ``</script>`` or ``<!--``)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def inline_script(source: str) -> str:
    """A ``<script>`` element holding ``source`` (vendored code; its source-map comment dropped,
    since the map is not shipped)."""
    lines = [ln for ln in source.splitlines() if not ln.startswith("//# sourceMappingURL=")]
    body = "\n".join(lines).replace("</script", "<\\/script")
    return f"<script>\n{body}\n</script>"


def escape(text: object) -> str:
    """Text placed into HTML element content or a quoted attribute."""
    return html.escape(str(text), quote=True)


def write_slogan_network(
    graph: nx.MultiDiGraph, path: str | Path, district: str | None = None
) -> Path:
    """The slogan network of ``graph`` (of ``district`` if given) at ``path`` (.html or .png)."""
    from kg.viz.network import write_slogan_network as write

    return write(graph, path, district=district)


def write_timeline(
    graph: nx.MultiDiGraph,
    path: str | Path,
    district: str | None,
    *,
    types: tuple[str, ...] | None = None,
    min_years: int = 2,
) -> Path:
    """The timeline of recurring things of ``district`` at ``path`` (.html or .png)."""
    from kg.viz.timeline import write_timeline as write

    return write(graph, path, district, types=types, min_years=min_years)


__all__ = [
    "asset_text",
    "escape",
    "inline_script",
    "output_format",
    "script_json",
    "write_slogan_network",
    "write_timeline",
]
