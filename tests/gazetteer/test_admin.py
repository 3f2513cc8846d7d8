"""The administrative gazetteer on real names from the seed documents and known homonyms."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from kg.gazetteer.admin import DATA_DIR, AdminGazetteer, Division, load


@pytest.fixture(scope="module")
def gaz() -> AdminGazetteer:
    return AdminGazetteer.load()


def one(gaz: AdminGazetteer, name: str) -> Division:
    found = gaz.lookup(name)
    assert len(found) == 1, found
    return found[0]


def chain(gaz: AdminGazetteer, name: str) -> list[str]:
    return [a.name for a in gaz.ancestors(one(gaz, name))]


def test_loads_once() -> None:
    load.cache_clear()
    first = load()
    assert load() is first
    assert AdminGazetteer.load() is first


@pytest.mark.parametrize(
    ("county", "ancestors"),
    [
        ("黄石港区", ["黄石市", "湖北省"]),
        ("曾都区", ["随州市", "湖北省"]),
        ("硚口区", ["武汉市", "湖北省"]),
        ("岳阳楼区", ["岳阳市", "湖南省"]),
        ("新巴尔虎左旗", ["呼伦贝尔市", "内蒙古自治区"]),
        ("牟定县", ["楚雄彝族自治州", "云南省"]),
    ],
)
def test_seed_counties_sit_under_their_city_and_province(
    gaz: AdminGazetteer, county: str, ancestors: list[str]
) -> None:
    d = one(gaz, county)
    assert d.level == "county"
    assert chain(gaz, county) == ancestors
    assert gaz.get(d.code) == d


def test_municipality_district_has_city_and_province_of_same_name(gaz: AdminGazetteer) -> None:
    d = gaz.resolve_district("沙坪坝区")
    assert d is not None
    assert [(a.name, a.level) for a in gaz.ancestors(d)] == [
        ("重庆市", "city"),
        ("重庆市", "province"),
    ]


@pytest.mark.parametrize(
    ("name", "full"),
    [("湖北", "湖北省"), ("黄石", "黄石市"), ("黄石港", "黄石港区"), ("广西", "广西壮族自治区")],
)
def test_short_names_find_the_division(gaz: AdminGazetteer, name: str, full: str) -> None:
    assert [d.name for d in gaz.lookup(name)] == [full]


def test_autonomous_names_keep_their_proper_short_form(gaz: AdminGazetteer) -> None:
    assert "楚雄" in one(gaz, "楚雄彝族自治州").aliases
    banner = one(gaz, "新巴尔虎左旗")
    assert banner.name == "新巴尔虎左旗"
    assert "新巴尔虎" not in banner.aliases


def test_former_name_finds_renamed_city(gaz: AdminGazetteer) -> None:
    assert [d.name for d in gaz.lookup("襄樊市")] == ["襄阳市"]


def test_streets_of_huangshigang(gaz: AdminGazetteer) -> None:
    district = one(gaz, "黄石港区")
    streets = {d.name for d in gaz.children(district)}
    assert {"花湖街道", "胜阳港街道", "黄石港街道", "沈家营街道"} <= streets
    for name in ("花湖街道", "胜阳港街道"):
        (street,) = gaz.within(name, district)
        assert street.level == "town"
        assert gaz.ancestors(street)[:2] == [district, one(gaz, "黄石市")]


def test_towns_of_zengdu(gaz: AdminGazetteer) -> None:
    district = one(gaz, "曾都区")
    for name in ("万店镇", "何店镇"):
        (town,) = gaz.within(name, district)
        assert gaz.parent(town) == district
    assert gaz.within("何店镇", one(gaz, "黄石港区")) == []


def test_street_short_form_is_flagged_and_needs_a_scope(gaz: AdminGazetteer) -> None:
    district = one(gaz, "黄石港区")
    street = gaz.within("花湖街道", district)[0]
    assert street.short == ("花湖",)
    assert street not in gaz.lookup("花湖")  # short forms are not looked up nationwide
    assert street in gaz.lookup("花湖", include_short=True)
    assert gaz.within("花湖", district)[0] == street


def test_names_elsewhere_do_not_match_inside_scope(gaz: AdminGazetteer) -> None:
    district = one(gaz, "黄石港区")
    assert gaz.lookup("桃园镇")  # exists in many other counties
    assert gaz.lookup("小城镇")
    assert gaz.within("桃园", district) == []
    assert gaz.within("桃园镇", district) == []
    assert gaz.within("小城镇", district) == []


def test_communities_load_with_their_county(gaz: AdminGazetteer) -> None:
    district = one(gaz, "黄石港区")
    (community,) = [d for d in gaz.within("胜阳港社区", district) if d.level == "village"]
    assert gaz.parent(community) == gaz.within("胜阳港街道", district)[0]
    assert gaz.get(community.code) == community


def test_all_villages_are_those_loaded_per_county(gaz: AdminGazetteer, tmp_path: Path) -> None:
    """``load_all_villages`` on the shipped data cut down to 黄石港区 finds every village that
    the full gazetteer loads for that county, and looks them up by name."""
    county = "420202"
    for name in ("admin_divisions.tsv.gz", "admin_villages.tsv.gz"):
        lines = gzip.decompress((DATA_DIR / name).read_bytes()).decode().splitlines()
        kept = [x for x in lines if x.startswith(("#", "420000\t", "420200\t", county))]
        (tmp_path / name).write_bytes(gzip.compress("".join(x + "\n" for x in kept).encode()))
    small = load(tmp_path)
    small.load_all_villages()
    expected = {
        (d.code, d.name, d.parent)
        for d in gaz.descendants(one(gaz, "黄石港区"))
        if d.level == "village"
    }
    assert {(d.code, d.name, d.parent) for d in small.divisions("village")} == expected
    assert len(expected) > 30
    (community,) = small.lookup("胜阳港社区", include_villages=True)
    assert small.parent(community) == small.lookup("胜阳港街道")[0]


def test_homonymous_districts(gaz: AdminGazetteer) -> None:
    cities = {gaz.ancestors(d)[0].name for d in gaz.lookup("新华区")}
    assert {"石家庄市", "沧州市", "平顶山市"} <= cities
    assert gaz.resolve_district("新华区") is None  # ambiguous without a hint
    pds = gaz.resolve_district("新华区", hint_city="平顶山市")
    assert pds is not None and gaz.ancestors(pds)[0].name == "平顶山市"
    assert gaz.resolve_district("新华区", hint_city="平顶山") == pds  # short city names work
    tianjin = gaz.resolve_district("河东区", hint_province="天津市")
    linyi = gaz.resolve_district("河东区", hint_city="临沂市")
    assert tianjin is not None and linyi is not None and tianjin != linyi
    assert gaz.ancestors(linyi)[-1].name == "山东省"


def test_names_for_scope_feeds_a_matcher(gaz: AdminGazetteer) -> None:
    names = gaz.names_for_scope(one(gaz, "黄石港区"))
    assert names["花湖街道"].name == "花湖街道"
    assert names["花湖"].name == "花湖街道"
    assert names["胜阳港社区"].level == "village"
    assert names["黄石港"].name == "黄石港区"  # the district, not 黄石港街道
    assert names["黄石"].name == "黄石市"
    assert names["湖北"].name == "湖北省"
    assert names["曾都区"].name == "曾都区"  # county names nationwide
    assert "万店镇" not in names  # towns of other counties are not
    assert "新华" not in names  # county short names are not, outside the scope
    assert "城区" not in names  # generic words are left out


def test_names_for_scope_prefers_local_township_short_over_distant_city(
    gaz: AdminGazetteer,
) -> None:
    names = gaz.names_for_scope(one(gaz, "曾都区"))
    assert names["洛阳"].name == "洛阳镇"
    assert names["洛阳市"].name == "洛阳市"
