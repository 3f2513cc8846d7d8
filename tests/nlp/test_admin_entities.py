"""AdminDivision and GovernmentBody entities, canonicals and subdivisionOf on seed text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kg.extraction import run_pipeline
from kg.ingest import load_document
from kg.resolve.aliases import resolve_aliases

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "corpus"


@pytest.fixture(scope="module")
def docs(nlp: Any) -> dict[str, Any]:
    """The pipeline's Doc of each seed, by file-name prefix (000 … 004)."""
    return {p.name[:3]: run_pipeline(nlp, load_document(p)) for p in sorted(SEEDS.glob("*.txt"))}


def ents(doc: Any, label: str) -> list[tuple[str, str]]:
    return [(e.text, e._.kg.get("canonical", e.text)) for e in doc.ents if e.label_ == label]


def ent_at(doc: Any, snippet: str, offset: int, length: int) -> Any:
    """The entity starting ``offset`` characters into the first occurrence of ``snippet``."""
    pos = doc.text.index(snippet) + offset
    return next((e for e in doc.ents if e.start_char == pos and len(e.text) == length), None)


def test_village_and_street_short_forms_are_not_ordinary_words(docs: dict[str, Any]) -> None:
    # 发展, 万人, 综合, 生活 (short forms of villages elsewhere in 硚口区) and 街道 were divisions
    divisions = {text for text, _ in ents(docs["002"], "AdminDivision")}
    assert not divisions & {"发展", "万人", "综合", "生活", "劳动", "团结"}
    assert "硚口" in divisions
    assert "街道" not in {text for doc in docs.values() for text, _ in ents(doc, "AdminDivision")}


def test_short_names_inside_longer_names_are_not_divisions(docs: dict[str, Any]) -> None:
    doc = docs["000"]
    # 黄石大道 is a road, 武汉路 a street: not 黄石 / 武汉
    assert ent_at(doc, "黄石大道北延", 0, 2) is None
    assert ent_at(doc, "武汉路、天津路", 0, 2) is None
    # but 湖北 standing alone is 湖北省
    assert ("湖北", "湖北省") in ents(doc, "AdminDivision")


def test_community_short_forms_match_in_a_list_of_communities(docs: dict[str, Any]) -> None:
    doc = docs["000"]
    hit = ent_at(doc, "其中天虹、南岳等10个社区", 2, 2)
    assert hit is not None and hit.label_ == "AdminDivision"
    assert hit._.kg["canonical"] == "天虹社区"


def test_hierarchy_written_out_finds_towns_and_villages_of_other_counties(
    docs: dict[str, Any],
) -> None:
    doc = docs["000"]
    town = ent_at(doc, "阳新县龙港镇", 3, 3)
    assert town is not None and town.label_ == "AdminDivision"
    rels = {(r.type, r.head, r.tail) for r in doc._.relations}
    assert ("subdivisionOf", "龙港镇", "阳新县") in rels
    rels = {(r.type, r.head, r.tail) for r in docs["003"]._.relations}
    assert ("subdivisionOf", "汇龙村", "平江") in rels  # 平江 is 平江县's short name
    assert ("subdivisionOf", "建中村", "郭镇") in rels


def test_organs_after_a_division_are_one_body(docs: dict[str, Any]) -> None:
    bodies = ents(docs["001"], "GovernmentBody")
    assert ("洛阳镇党委", "洛阳镇党委") in bodies
    assert ("曾都区人民政府", "曾都区人民政府") in bodies
    assert ("区委政法委", "区委政法委") in ents(docs["004"], "GovernmentBody")


def test_party_and_government_written_together_are_two_bodies(docs: dict[str, Any]) -> None:
    doc = docs["002"]
    pos = doc.text.index("市委市政府和区委")
    found = [e.text for e in doc.ents if pos <= e.start_char < pos + 8]
    assert found == ["市委", "市政府", "区委"]


def test_department_shaped_words_are_not_bodies(docs: dict[str, Any]) -> None:
    texts = {t for doc in docs.values() for t, _ in ents(doc, "GovernmentBody")}
    assert not any(t.endswith(("布局", "格局", "服务中心")) for t in texts)
    assert "区卫生服务中心" not in texts  # the 区 of 社区
    assert "市场主体开办" not in texts


def test_own_government_takes_the_district_full_name(docs: dict[str, Any]) -> None:
    canon = dict(ents(docs["004"], "GovernmentBody"))
    assert canon["区政府"] == "黄石港区人民政府"
    assert canon["区政府办"] == "区政府办公室"
    assert dict(ents(docs["003"], "GovernmentBody"))["市政府"] == "岳阳市政府"


def test_level_prefix_prefers_the_documents_own_level() -> None:
    merges = {
        m.alias: m.canonical
        for m in resolve_aliases(
            [
                ("GovernmentBody", "人大"),
                ("GovernmentBody", "区人大"),
                ("GovernmentBody", "市人大"),
            ],
            district="黄石港区",
            city="黄石市",
        )
    }
    assert merges["人大"] == "区人大"
