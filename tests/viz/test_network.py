"""kg viz slogans: the slogan network of the seeds as an offline HTML page and a PNG."""

from __future__ import annotations

import io
import warnings
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pytest
from matplotlib.ft2font import FT2Font
from PIL import Image

from kg.analysis.slogans import slogans
from kg.cli import main
from kg.errors import KgError
from kg.graph.store import load_graph
from kg.viz import script_json, write_slogan_network
from kg.viz.network import slogan_network
from kg.viz.png import cjk_font, rgb_png

FIVE = "Slogan/黄石港区/五个临空"


@pytest.fixture(scope="module")
def graph(seed_build: Path) -> nx.MultiDiGraph:
    return load_graph(seed_build)


@pytest.fixture(scope="module")
def pictures(seed_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``kg viz slogans`` run as a user would, once as HTML, once as PNG."""
    folder = tmp_path_factory.mktemp("slogans")
    for name in ("slogans.html", "slogans.png"):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            assert main(["viz", "slogans", str(seed_build), "-o", str(folder / name)]) == 0
        missing = [str(w.message) for w in caught if "missing from" in str(w.message)]
        assert missing == [], missing  # a glyph the font lacks is drawn as a box
    return folder


def test_five_linkong_is_linked_to_its_five_parts_and_its_district(graph: Any) -> None:
    network = slogan_network(graph)
    parts = [e.target for e in network.edges if e.source == FIVE and e.kind == "definedAs"]
    labels = {n.id: n.label for n in network.nodes}
    assert sorted(labels[p] for p in parts) == sorted(
        ["科创临空", "产业临空", "智慧临空", "生态临空", "人文临空"]
    )
    assert ("district:黄石港区", FIVE, "uses") in {
        (e.source, e.target, e.kind) for e in network.edges
    }


def test_the_network_holds_every_slogan_the_query_gives(graph: Any) -> None:
    network = slogan_network(graph)
    assert {n.id for n in network.nodes if n.kind == "slogan"} == {
        u.node_id for u in slogans(graph)
    }


def test_liuwen_and_liubao_said_in_one_sentence_are_linked(graph: Any) -> None:
    network = slogan_network(graph, "岳阳楼区")
    pairs = {frozenset((e.source, e.target)) for e in network.edges if e.kind == "cooccurs"}
    assert frozenset(("Slogan/岳阳楼区/六稳", "Slogan/岳阳楼区/六保")) in pairs


def test_a_slogan_used_in_two_districts_is_linked_across_them(graph: Any) -> None:
    network = slogan_network(graph)
    shared = {frozenset((e.source, e.target)) for e in network.edges if e.kind == "shared"}
    assert frozenset(("Slogan/岳阳楼区/六稳", "Slogan/黄石港区/六稳")) in shared


def test_one_district_keeps_only_its_own_slogans(graph: Any) -> None:
    network = slogan_network(graph, "黄石港区")
    assert {n.district for n in network.nodes if n.kind == "slogan"} == {"黄石港区"}
    assert [n.label for n in network.nodes if n.kind == "district"] == ["黄石港区"]


def test_an_unknown_district_or_format_is_refused_without_writing(
    graph: Any, tmp_path: Path
) -> None:
    with pytest.raises(KgError, match="黄石港"):
        write_slogan_network(graph, tmp_path / "a.html", district="黄石港")
    with pytest.raises(KgError, match=r"\.svg"):
        write_slogan_network(graph, tmp_path / "a.svg")
    assert list(tmp_path.iterdir()) == []


def test_text_from_documents_cannot_end_the_script() -> None:
    literal = script_json({"sentence": "“四区”</script><script>alert(1)</script><!--"})
    assert "</script" not in literal.lower() and "<!--" not in literal


def test_the_font_draws_every_label_of_the_network(graph: Any) -> None:
    font = FT2Font(str(cjk_font()))
    labels = "".join(n.label for n in slogan_network(graph).nodes)
    missing = sorted({c for c in labels if not c.isspace() and font.get_char_index(ord(c)) == 0})
    assert missing == []


def test_the_png_is_a_large_picture_with_something_drawn(pictures: Path) -> None:
    image = Image.open(pictures / "slogans.png")
    assert image.format == "PNG"
    assert min(image.size) >= 1500 and max(image.size) <= 6000
    pixels = np.asarray(image.convert("L"), dtype=float)
    assert pixels.std() > 10
    assert 0.01 < (pixels < 200).mean() < 0.5  # ink, but mostly paper


def test_the_page_is_one_file_that_fetches_nothing(pictures: Path) -> None:
    page = (pictures / "slogans.html").read_text(encoding="utf-8")
    assert "<script src" not in page and "<link" not in page
    assert "sourceMappingURL" not in page


def test_the_page_draws_the_whole_network_without_errors(
    pictures: Path, graph: Any, open_page: Any
) -> None:
    page = open_page(pictures / "slogans.html")
    page.wait_for("window.kgReady === true")
    page.settle()
    assert page.errors == []
    assert page.remote_requests == []
    network = slogan_network(graph)
    assert page.evaluate("kgNetwork.body.data.nodes.length") == len(network.nodes)
    assert page.evaluate("kgNetwork.body.data.edges.length") == len(network.edges)
    assert page.evaluate("document.querySelectorAll('#legend li').length") >= 4


def test_typing_a_slogan_in_the_search_box_finds_and_describes_it(
    pictures: Path, open_page: Any
) -> None:
    page = open_page(pictures / "slogans.html")
    page.wait_for("window.kgReady === true")
    page.evaluate("document.getElementById('search').focus()")
    page.send("Input.insertText", {"text": "五个临空"})
    assert page.wait_for("document.getElementById('hits').textContent") == "1 match"
    assert page.evaluate("kgNetwork.getSelectedNodes()") == [FIVE]
    details = page.evaluate("document.getElementById('details').textContent")
    assert "科创临空、产业临空、智慧临空、生态临空、人文临空" in details
    assert "5 announced, 5 listed" in details
    assert page.errors == []


def test_hovering_a_slogan_shows_its_definition_sentence(pictures: Path, open_page: Any) -> None:
    page = open_page(pictures / "slogans.html")
    page.wait_for("window.kgReady === true")
    page.evaluate("kgSearch('五个临空')")
    x, y = page.evaluate(
        "(() => { const p = kgNetwork.canvasToDOM(kgNetwork.getPosition('" + FIVE + "'));"
        " const r = document.getElementById('network').getBoundingClientRect();"
        " return [p.x + r.left, p.y + r.top]; })()"
    )
    for dx in (0, 1, 2):  # vis-network shows the tip after the pointer rests
        page.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x + dx, "y": y})
    tip = page.wait_for(
        "(() => { const t = document.querySelector('div.vis-tooltip');"
        " return t && t.style.visibility === 'visible' && t.textContent; })()"
    )
    assert tip.startswith("五个临空")
    assert "五个临空:科创临空、产业临空、智慧临空、生态临空、人文临空。" in tip


def test_the_png_writer_keeps_every_pixel() -> None:
    rng = np.random.default_rng(7)
    pixels = rng.integers(0, 256, size=(37, 53, 3), dtype=np.uint8)
    pixels[5:9] = 255  # flat rows, as most of a picture is
    image = Image.open(io.BytesIO(rgb_png(pixels)))
    assert image.format == "PNG" and image.mode == "RGB" and image.size == (53, 37)
    assert np.array_equal(np.asarray(image), pixels)
