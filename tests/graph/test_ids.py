"""Node ids: readable, one IRI path segment per part, stable across builds and renamings."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.graph import ids


def test_ids_keep_chinese_and_encode_what_an_iri_cannot_hold() -> None:
    assert ids.entity_id("Park", "黄石港临空商务产业园") == "Park/黄石港临空商务产业园"
    assert ids.entity_id("Slogan", "五个临空", "黄石港区") == "Slogan/黄石港区/五个临空"
    odd = ids.entity_id("Company", 'A/B "C" #1 100%')
    assert odd == "Company/A%2FB%20%22C%22%20%231%20100%25"
    ox.NamedNode("https://w3id.org/kg-policy/id/" + odd)  # a valid IRI


def test_registry_keeps_an_id_when_the_canonical_name_changes(tmp_path: Path) -> None:
    registry = ids.IdRegistry()
    registry.add("Park/临空商务产业园", "Park", None, ["临空商务产业园"])
    registry.save(tmp_path / "ids.tsv")
    again = ids.IdRegistry.load(tmp_path / "ids.tsv")
    # a later build calls the node 黄石港临空商务产业园 and knows 临空商务产业园 as an alias
    found = again.find("Park", None, ["黄石港临空商务产业园", "临空商务产业园"])
    assert found == "Park/临空商务产业园"
    assert again.find("Park", "黄石港区", ["临空商务产业园"]) is None  # another scope
    assert again.find("Project", None, ["临空商务产业园"]) is None  # another type


def test_registry_round_trips_names_with_tabs_and_quotes(tmp_path: Path) -> None:
    registry = ids.IdRegistry()
    registry.add("Company/x", "Company", None, ['名称\t带"引号"'])
    registry.save(tmp_path / "ids.tsv")
    assert ids.IdRegistry.load(tmp_path / "ids.tsv").find("Company", None, ['名称\t带"引号"'])
