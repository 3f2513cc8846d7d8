"""Labels drawn by FreeType straight into the canvas (kg.viz.labels): each starts (or ends) at
its anchor, runs in its direction, is centred across it, sits on its white box, and is drawn
in its colour."""

from __future__ import annotations

import math

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from kg.viz.labels import Label, LabelLayer
from kg.viz.png import label_fonts

TEXT = "坚持服务群众"
SIZE = 400  # pixels: a 4-inch square at 100 dpi, data coordinates in pixels
ANCHOR = (200.0, 200.0)


def draw(*labels: Label, background: str | None = None) -> np.ndarray:
    """The RGB pixels of a white square with ``labels`` (data coordinates are pixels from the
    bottom-left corner) drawn over an optional black rectangle ``background``."""
    fig = Figure(figsize=(SIZE / 100, SIZE / 100), dpi=100, facecolor="white")
    canvas = FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, SIZE)
    ax.set_ylim(0, SIZE)
    ax.set_axis_off()
    if background:
        ax.axhspan(0, SIZE, color=background, zorder=1)
    ax.add_artist(LabelLayer(labels, label_fonts(), zorder=4))
    canvas.draw()
    return np.asarray(canvas.buffer_rgba())[:, :, :3].copy()


def ink(pixels: np.ndarray) -> np.ndarray:
    """(x, y) of the dark pixels, y upwards, as data coordinates."""
    rows, cols = np.nonzero(pixels.min(axis=2) < 128)
    return np.column_stack([cols + 0.5, SIZE - rows - 0.5])


@pytest.mark.parametrize(
    ("degrees", "right"), [(0.0, False), (30.0, False), (90.0, False), (-40.0, True)]
)
def test_a_label_runs_from_its_anchor_in_its_direction_centred_across(
    degrees: float, right: bool
) -> None:
    points = ink(draw(Label(*ANCHOR, TEXT, 10.0, "#111111", degrees, right=right)))
    assert len(points) > 100
    angle = math.radians(degrees)
    along = (points - ANCHOR) @ np.array([math.cos(angle), math.sin(angle)])
    across = (points - ANCHOR) @ np.array([-math.sin(angle), math.cos(angle)])
    em = 10.0 * 100 / 72  # pixels
    expected = (-len(TEXT) * em, 0.0) if right else (0.0, len(TEXT) * em)  # one em a character
    assert along.min() == pytest.approx(expected[0], abs=3)
    assert along.max() == pytest.approx(expected[1], abs=3)
    assert abs(np.median(across)) < 1.5  # the line's middle is on the ray
    assert abs(across.max() + across.min()) < 3  # as much ink on either side of it
    assert across.max() - across.min() < 1.2 * em


def test_a_label_is_drawn_in_its_colour_on_a_light_box() -> None:
    pixels = draw(Label(*ANCHOR, TEXT, 10.0, "#b00020", 0.0), background="black")
    row = SIZE - int(ANCHOR[1])
    strip = pixels[row - 3 : row + 3, int(ANCHOR[0]) + 2 : int(ANCHOR[0]) + 70]
    darkest = strip.reshape(-1, 3)[strip.sum(axis=2).argmin()]
    assert darkest[0] > 120 and darkest[1] < 60 and darkest[2] < 60  # red ink
    gaps = strip[(strip.min(axis=2) > 150)]
    assert len(gaps) > 0  # between strokes the box shows: light, not the black behind
    outside = pixels[row, int(ANCHOR[0]) - 20]
    assert outside.max() < 30  # beyond the box the background is untouched
