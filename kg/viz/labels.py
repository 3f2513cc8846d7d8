"""Many short rotated labels drawn fast: FreeType lays out and rasterises each label at its angle
in one call, and the glyphs are blended straight into the Agg canvas. A matplotlib ``Text``
costs about 2 ms a label (layout, font look-ups, a bounding-box patch, glyphs rendered one by
one), which for the seeds' slogan network of 440 labels was 0.9 s, most of the picture.

Each label sits on a translucent white box, as a ``Text`` with a ``bbox`` would; all the boxes
are drawn before all the glyphs, so no box covers another label's text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from matplotlib import font_manager
from matplotlib.artist import Artist
from matplotlib.backend_bases import RendererBase
from matplotlib.colors import to_rgb
from matplotlib.ft2font import FT2Font
from matplotlib.path import Path as MplPath
from matplotlib.transforms import IdentityTransform

# where the middle of a line of Chinese text is, above its baseline, in ems: the ideographic
# em box of CJK fonts runs from -0.12 to 0.88 em
MIDDLE_EM = 0.38
BOX_PAD_EM = 0.05  # the white box around a label, beyond its em box
BOX_ALPHA = 0.75


@dataclass(frozen=True, slots=True)
class Label:
    """A label starting (or, with ``right``, ending) at ``x, y`` in data coordinates, running
    at ``degrees`` (counter-clockwise), centred on that point across its line."""

    x: float
    y: float
    text: str
    points: float
    colour: str
    degrees: float
    right: bool = False


class LabelLayer(Artist):
    """An artist drawing ``labels`` (of an Axes, in its data coordinates) in the font files
    ``fonts`` (the first that has a character draws it); Agg canvases only."""

    def __init__(self, labels: Sequence[Label], fonts: Sequence[str | Path], zorder: float) -> None:
        super().__init__()
        self.labels = list(labels)
        self.fonts = [str(f) for f in fonts]
        self.set_zorder(zorder)

    def draw(self, renderer: RendererBase) -> None:
        if not self.get_visible() or not self.labels:
            return
        transform = self.axes.transData if self.axes is not None else IdentityTransform()
        anchors = transform.transform([(label.x, label.y) for label in self.labels])
        font = font_manager.get_font(self.fonts)
        dpi = float(renderer.dpi)  # type: ignore[attr-defined]
        canvas = np.asarray(renderer.buffer_rgba())  # type: ignore[attr-defined]
        advances: dict[tuple[str, float], float] = {}
        inked = [
            _rasterise(font, dpi, label, x, canvas.shape[0] - y, canvas.shape[0], advances)
            for label, (x, y) in zip(self.labels, anchors, strict=True)
        ]
        gc = renderer.new_gc()
        gc.set_linewidth(0)
        for ink in inked:
            renderer.draw_path(gc, ink.box, IdentityTransform(), (1.0, 1.0, 1.0, BOX_ALPHA))
        gc.restore()
        for ink in inked:
            _composite(canvas, ink.mask, ink.left, ink.top, ink.rgb)
        self.stale = False


@dataclass(frozen=True, slots=True)
class _Ink:
    """A rasterised label: its coverage ``mask`` and where it goes (``left``/``top`` from the
    canvas' top-left corner), its colour, and its box (display pixels)."""

    mask: np.ndarray
    left: int
    top: int
    rgb: tuple[float, float, float]
    box: MplPath


def _rasterise(
    font: FT2Font,
    dpi: float,
    label: Label,
    x: float,
    y: float,
    height: int,
    advances: dict[tuple[str, float], float],
) -> _Ink:
    """``label`` anchored at ``x, y`` (pixels from the canvas' left and top edges), laid out and
    rasterised by FreeType at its angle; ``advances`` caches the width of a label's last
    character."""
    last = label.text[-1:]
    if (last, label.points) not in advances:
        font.set_size(label.points, dpi)
        font.set_text(last, 0.0)
        advances[last, label.points] = font.get_width_height()[0] / 64
    font.set_size(label.points, dpi)
    pens = font.set_text(label.text, label.degrees)  # unrotated pen positions, 26.6 units
    width = (float(pens[-1][0]) / 64 if len(pens) else 0.0) + advances[last, label.points]
    em = label.points * dpi / 72
    angle = math.radians(label.degrees)
    cos, sin = math.cos(angle), math.sin(angle)
    start = -width if label.right else 0.0

    def at(u: float, v: float) -> tuple[float, float]:
        """The point ``u`` along the label and ``v`` across it (upwards) from the anchor."""
        return x + u * cos - v * sin, y - u * sin - v * cos

    font.draw_glyphs_to_bitmap(antialiased=True)
    ox, oy = at(start, -MIDDLE_EM * em)  # the start of the baseline
    # FreeType puts the baseline's start at (-xMin, yMax + 1) of the bitmap (26.6 units)
    x_min = font.get_bitmap_offset()[0] / 64
    y_max = (font.get_width_height()[1] - font.get_descent()) / 64
    pad = BOX_PAD_EM * em
    u0, u1 = start - pad, start + width + pad
    v0, v1 = -em / 2 - pad, em / 2 + pad
    corners = [at(u0, v0), at(u1, v0), at(u1, v1), at(u0, v1), at(u0, v0)]
    return _Ink(
        np.asarray(font.get_image()),
        round(ox + x_min),
        round(oy - y_max - 1),
        to_rgb(label.colour),
        MplPath([(cx, height - cy) for cx, cy in corners], closed=True),
    )


def _composite(
    canvas: np.ndarray, mask: np.ndarray, left: int, top: int, rgb: tuple[float, float, float]
) -> None:
    """Blend ``rgb`` into ``canvas`` with coverage ``mask`` placed at ``left, top``, clipped."""
    height, width = canvas.shape[:2]
    r0, c0 = max(top, 0), max(left, 0)
    r1, c1 = min(top + mask.shape[0], height), min(left + mask.shape[1], width)
    if r0 >= r1 or c0 >= c1:
        return
    cover = mask[r0 - top : r1 - top, c0 - left : c1 - left, None].astype(np.float32) / 255
    region = canvas[r0:r1, c0:c1, :3]
    colour = np.array(rgb, dtype=np.float32) * 255
    region[...] = (region * (1 - cover) + colour * cover + 0.5).astype(np.uint8)
