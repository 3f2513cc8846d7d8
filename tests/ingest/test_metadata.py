"""Document metadata read from the seed documents, the corpus-extra excerpts and short snippets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.ingest.metadata import read_metadata
from kg.records import DocMeta

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "examples" / "corpus"
EXTRA = ROOT.parent / "shared" / "corpus-extra"


def read(path: Path) -> DocMeta:
    with open(path, encoding="utf-8") as fh:
        return read_metadata(fh.read(), path)


def seed(prefix: str) -> Path:
    (path,) = CORPUS.glob(f"{prefix}_*.txt")
    return path


def snippet(text: str) -> DocMeta:
    return read_metadata(text, Path("snippet.txt"))


@pytest.mark.parametrize(
    ("prefix", "district", "city", "province", "year", "kind", "date", "speaker"),
    [
        ("000", "黄石港区", "黄石市", "湖北省", 2020, "work_report", "2020-12-27", "严荣勇"),
        ("001", "曾都区", "随州市", "湖北省", 2021, "work_report", "2021-11-08", "何胜"),
        ("002", "硚口区", "武汉市", "湖北省", 2022, "work_report", "2022-12-28", "苏海峰"),
        ("003", "岳阳楼区", "岳阳市", "湖南省", 2020, "work_report", None, "白再兴"),
        ("004", "黄石港区", "黄石市", "湖北省", 2025, "task_breakdown", "2025-01-13", None),
    ],
)
def test_seed_documents(
    prefix: str,
    district: str,
    city: str,
    province: str,
    year: int,
    kind: str,
    date: str | None,
    speaker: str | None,
) -> None:
    path = seed(prefix)
    meta = read(path)
    assert meta.id == path.stem
    assert meta.path == str(path)
    assert (meta.district, meta.city, meta.province) == (district, city, province)
    assert (meta.year, meta.kind) == (year, kind)
    assert meta.date == date
    assert meta.speaker == speaker


def test_seed_titles() -> None:
    assert read(seed("000")).title == "2020年黄石港区政府工作报告"
    assert read(seed("002")).title == "2022年政府工作报告"
    title = read(seed("004")).title
    assert title is not None
    assert title.endswith("关于印发2025年区政府重点工作分解意见的通知")
    assert "港政发" not in title  # the document number is not part of the title
    assert read(seed("003")).title is None  # the file starts at the speaker line


def _extra_cases() -> list[dict[str, object]]:
    if not (EXTRA / "index.json").exists():
        return []
    cases: list[dict[str, object]] = json.loads((EXTRA / "index.json").read_text(encoding="utf-8"))
    return cases


# An excerpt whose text names its district but nothing that tells the homonyms apart.
UNRESOLVABLE = {"14.txt": "新华区 is in 3 cities; the excerpt names no city, province or town"}


@pytest.mark.skipif(not EXTRA.exists(), reason="shared/corpus-extra is not beside the repo")
@pytest.mark.parametrize("case", _extra_cases(), ids=lambda c: str(c["file"]))
def test_corpus_extra(case: dict[str, object]) -> None:
    if case["file"] in UNRESOLVABLE:
        pytest.xfail(UNRESOLVABLE[str(case["file"])])
    meta = read(EXTRA / str(case["file"]))
    got = (meta.district, meta.city, meta.province, meta.year, meta.kind)
    want = (case["district"], case["city"], case["province"], case["year"], case["kind"])
    assert got == want


@pytest.mark.skipif(not EXTRA.exists(), reason="shared/corpus-extra is not beside the repo")
def test_unresolvable_homonym_keeps_district_but_not_city() -> None:
    meta = read(EXTRA / "14.txt")
    assert (meta.district, meta.city, meta.province, meta.year) == ("新华区", None, None, 2021)


# -- snippets: behaviour on the forms the seeds show, in other words ---------------------------

REPORT = """政府工作报告
——{date}在{place}第五届人民代表大会第二次会议上
{speaker}
各位代表:
现在,我代表{unit}人民政府向大会报告工作,请予审议。
{review}
"""


def test_report_in_january_reviews_previous_year() -> None:
    meta = snippet(
        REPORT.format(
            date="2023年1月6日", place="武昌区", speaker="区长 张三", unit="区", review=""
        )
    )
    assert (meta.district, meta.city, meta.province) == ("武昌区", "武汉市", "湖北省")
    assert (meta.date, meta.year, meta.kind) == ("2023-01-06", 2022, "work_report")
    assert meta.speaker == "张三"


def test_report_in_december_reviews_same_year() -> None:
    meta = snippet(
        REPORT.format(date="2019年12月20日", place="阳新县", speaker="", unit="县", review="")
    )
    assert (meta.district, meta.year) == ("阳新县", 2019)


def test_review_heading_beats_delivery_date() -> None:
    text = REPORT.format(
        date="2021年4月2日", place="阳新县", speaker="", unit="县", review="一、2019年工作回顾"
    )
    assert snippet(text).year == 2019


def test_chinese_numeral_year_and_compact_date() -> None:
    text = (
        "政府工作报告\n──20191230在区第九届人民代表大会第四次会议上\n"
        "区长李四\n各位代表:\n二〇一九年工作回顾\n"
    )
    meta = snippet(text)
    assert meta.date == "2019-12-30"
    assert meta.year == 2019
    assert meta.speaker == "李四"


def test_chinese_numeral_date() -> None:
    meta = snippet("政府工作报告\n(二〇二〇年十二月二十八日)\n各位代表:\n")
    assert meta.date == "2020-12-28"


def test_traditional_characters() -> None:
    text = (
        "2019年西陵區政府工作報告 2019年1月9日在西陵區第九屆人民代表大會第四次會議上"
        " 區長 王五 各位代表:"
    )
    meta = snippet(text)
    assert meta.kind == "work_report"
    assert meta.date == "2019-01-09"
    assert meta.year == 2018
    assert meta.speaker == "王五"
    assert meta.title == "2019年西陵區政府工作報告"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("县人民政府县长:石进\n各位代表:", "石进"),
        ("阳新县人民政府代县长 赵六\n各位代表:", "赵六"),
        ("县 长 周永根\n各位代表:", "周永根"),
        ("常务副县长牵头重点工作\n", None),
    ],
)
def test_speaker_forms(text: str, speaker: str | None) -> None:
    assert snippet(text).speaker == speaker


def test_homonym_resolved_by_city_named_in_text() -> None:
    base = "政府工作报告\n——2020年1月8日在河东区第十七届人民代表大会第三次会议上\n各位代表:\n"
    tianjin = snippet(base + "全区上下深入贯彻天津市委决策部署。")
    linyi = snippet(base + "全区上下深入贯彻临沂市委决策部署,沂河两岸。")
    assert (tianjin.city, tianjin.province) == ("天津市", "天津市")
    assert (linyi.city, linyi.province) == ("临沂市", "山东省")


def test_own_district_beats_neighbours_mentioned_more_often() -> None:
    text = (
        "2021年西塞山区政府工作报告\n各位代表:\n"
        + "与下陆区、铁山区协同发展,对接下陆区,支持下陆区。" * 3
        + "西塞山区人民政府"
    )
    assert snippet(text).district == "西塞山区"


def test_mid_document_excerpt_uses_short_county_name() -> None:
    text = "一年来,我县坚持稳中求进,为加快通山脱贫攻坚作出贡献。县委县政府要求全县上下真抓实干。"
    meta = snippet(text)
    assert (meta.district, meta.city, meta.province) == ("通山县", "咸宁市", "湖北省")


def test_generic_word_is_not_taken_for_a_district() -> None:
    meta = snippet("改造老城区、振兴古城区、拓展新城区,城区面貌焕然一新。")
    assert meta.district is None


@pytest.mark.parametrize(
    ("title", "kind", "year"),
    [
        ("关于印发2024年县政府重点工作目标任务分解的通知", "task_breakdown", 2024),
        ("阳新县国土空间总体规划(2021-2035年)", "plan", 2021),
        ("2022年全区优化营商环境实施方案", "plan", 2022),
        ("关于开展安全生产大检查的通知", "other", None),
    ],
)
def test_kind_from_title(title: str, kind: str, year: int | None) -> None:
    meta = snippet(f"{title}\n发布时间:2023-05-06\n\n各有关单位:\n现将有关事项通知如下。\n")
    assert (meta.title, meta.kind) == (title, kind)
    if year is not None:
        assert meta.year == year
    assert meta.date == "2023-05-06"


def test_empty_text_gives_empty_metadata() -> None:
    meta = snippet("")
    assert meta == DocMeta(id="snippet", path="snippet.txt")
