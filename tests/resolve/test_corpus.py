"""Resolution across documents: automatic merges, the user alias file, keep-apart pairs."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import KgError
from kg.records import DocMeta, DocRecord, Entity
from kg.resolve.aliases import resolve_aliases
from kg.resolve.corpus import AliasTable, resolve_corpus


def record(doc_id: str, district: str, year: int, *names: tuple[str, str]) -> DocRecord:
    entities = [Entity(t, n, 0, len(n), n) for t, n in names]
    meta = DocMeta(id=doc_id, path=f"{doc_id}.txt", district=district, year=year)
    return DocRecord(doc=meta, entities=entities)


def canon(rec: DocRecord) -> dict[str, str]:
    return {e.text: e.canonical for e in rec.entities}


def test_short_names_join_the_full_name_used_in_another_year() -> None:
    y2020 = record("a", "黄石港区", 2020, ("Park", "黄石港临空商务产业园"))
    y2025 = record("b", "黄石港区", 2025, ("Park", "临空商务产业园"), ("Park", "临空智造产业园"))
    merges = resolve_corpus([y2020, y2025])
    assert canon(y2025)["临空商务产业园"] == "黄石港临空商务产业园"
    assert canon(y2025)["临空智造产业园"] == "临空智造产业园"  # a different park stays apart
    assert [(m.district, m.merge.alias) for m in merges] == [("黄石港区", "临空商务产业园")]
    assert y2025.entities[0].attrs["alias_reason"] == "suffix of a longer name"


def test_districts_do_not_share_names() -> None:
    a = record("a", "黄石港区", 2020, ("Park", "黄石港临空商务产业园"))
    b = record("b", "曾都区", 2021, ("Park", "临空商务产业园"))
    resolve_corpus([a, b])
    assert canon(b)["临空商务产业园"] == "临空商务产业园"


def test_a_project_never_merges_with_the_park_it_sits_in() -> None:
    merges = resolve_aliases([("Park", "黄石港临空商务产业园"), ("Project", "临空商务产业园")])
    assert merges == []


def test_inserted_characters_merge_institutions() -> None:
    names = [("Institution", "胜阳港社区卫生服务中心"), ("Institution", "胜阳港卫生服务中心")]
    (merge,) = resolve_aliases(names)
    assert (merge.alias, merge.canonical) == ("胜阳港卫生服务中心", "胜阳港社区卫生服务中心")


def test_alias_file_overrides_and_keeps_apart(tmp_path: Path) -> None:
    path = tmp_path / "aliases.yaml"
    path.write_text(
        "黄石港区:\n  智能输送产业园: 智能输送装备产业园\n"
        "keep_apart:\n  - [临空商务产业园, 黄石港临空商务产业园]\n",
        encoding="utf-8",
    )
    table = AliasTable.load(path)
    rec = record(
        "a",
        "黄石港区",
        2020,
        ("Park", "智能输送产业园"),
        ("Park", "黄石港临空商务产业园"),
        ("Park", "临空商务产业园"),
    )
    resolve_corpus([rec], table)
    assert canon(rec)["智能输送产业园"] == "智能输送装备产业园"
    assert canon(rec)["临空商务产业园"] == "临空商务产业园"
    assert rec.entities[0].attrs["alias_reason"] == "alias file"


def test_bad_alias_file_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "aliases.yaml"
    path.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(KgError, match=r"aliases\.yaml"):
        AliasTable.load(path)


def test_abbreviated_unit_takes_the_level_prefixed_body() -> None:
    names = [("GovernmentBody", n) for n in ("科经", "科经局", "区科经局", "区发改局")]
    found = {(m.alias, m.canonical, m.reason) for m in resolve_aliases(names)}
    assert ("科经", "区科经局", "abbreviation") in found
    assert ("科经局", "区科经局", "level prefix") in found
