"""Page furniture found on the seeds and the corpus-extra excerpts; report text left alone."""

from __future__ import annotations

import itertools
import random
import re
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.ingest.furniture import _rules, blank, find_furniture
from kg.ingest.normalize import normalize

from ._corpus import EXTRA, SEEDS, extra, seed

Span = tuple[int, int]

# Junk that must be blanked entirely, per file.
JUNK: dict[str, list[str]] = {
    "000": [
        "发布时间:2020-12-27 来源:黄石港区政府",
        "相关解读:一图看懂政府工作报告",
        "首页 | 网站声明 | 使用帮助 | 联系我们 | 关于我们 | 网站地图",
        "主办单位:黄石港区人民政府 版权所有 联系地址:湖北黄石市黄石港区人民政府磁湖路180#",
        "鄂公网安备 42020202000007号 网站标识码:4202020002 鄂ICP备16019304号",
    ],
    "001": [
        "  • 发布时间:2022-02-01 17:41",
        "  • 信息来源:曾都区人民政府",
        "  • 审核人:张艳艳",
        "  • 【字体:",
        "\n打印\n",
        "扫一扫在手机上查看当前页面",
    ],
    "002": [
        "索 引 号: 755148572/2023-01220 主题分类: 综合政务",
        "发布机构: 硚口区政府办 发文日期: 2022-12-29 13:50",
        "效力状态: 有效 文\xa0\xa0\xa0号: 政府工作报告",
        "名\xa0\xa0\xa0称: 2022年政府工作报告 发布日期: 2022-12-29 13:50",
        "发布时间:2022-12-29 13:50",
        "扫一扫在手机上查看当前页面",
    ],
    "004": [
        "当前位置:首页\xa0>\xa0政府信息公开\xa0>\xa0政策\xa0>\xa0规范性文件",
        "发布时间:2025-01-13",
        "相关解读:http://www.huangshigang.gov.cn/zwpd/zc/zcjd/202512/t20251202_1285291.html",
        "联系电话:0714-3042828",
        "鄂ICP备16019304号",
    ],
    "03.txt": ["公文搜 2021-07-23 10:26:26 政府报告", "列席会议的同志提出意见。pbY"[-3:]],
    "06.txt": ["\n|\xa0\xa0\xa0\n"],
    "08.txt": ["发布日期:2022-01-21", "字体:【\xa0默认\xa0超大\xa0|"],
    "10.txt": [
        "索引号: | 113304240025561412/2022-69894 | 成文日期: | 2022-04-18 |",
        "文件编号: | 盐政办发〔2022〕16号 | 组配分类: | 政府工作报告 |",
        "发布机构: | 县政府办公室 | 有效性: |",
        "\n||\n|\n||\n",
    ],
    "18.txt": ["导航菜单"],
    "20.txt": ["\n|\n"],
    "22.txt": [
        "会员登录  新用户注册 退出",
        "您现在的位置是: 首页 > 专题材料 > 政府报告",
        "公文搜 2021-07-22 14:31:00 政府报告",
    ],
    "25.txt": ["公文搜 2021-07-27 17:06:58 政府报告", "Zeu"],
}

# Report text that must not be touched, per file (every file also keeps its 各位代表 line).
KEEP: dict[str, list[str]] = {
    "000": ["2020年黄石港区政府工作报告(2020年12月27日)", "代区长\u2002 严荣勇", "[5]五个临空:"],
    "001": ["政府工作报告(2021年11月8日)", "曾都区人民政府代区长何胜"],
    "002": ["\n2022年政府工作报告\n", "区长苏海峰"],
    "004": [
        "港政发〔2025〕1号 黄石港区人民政府 关于印发2025年区政府重点工作分解意见的通知",
        "1.地方生产总值增长7%左右。(责任单位:区发改局)",
    ],
    "08.txt": ["重庆市沙坪坝区人民政府办公室关于印发2022年区政府工作报告目标任务的通知"],
    "10.txt": ["海盐县人民政府办公室关于印发政府工作报告2022年重点工作责任分解的通知"],
    "22.txt": ["(陕西省)2015年西安市雁塔区人民政府工作报告(全文)"],
}


def _path(key: str) -> Path:
    return extra(key) if key.endswith(".txt") else seed(key)


def _covered(spans: list[Span], start: int, end: int, newlines: set[int]) -> bool:
    """Whether every non-newline character of [start, end) lies in some span."""
    text_range = range(start, end)
    return all(any(s <= i < e for s, e in spans) for i in text_range if i not in newlines)


def _touched(spans: list[Span], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _newline_free(spans: list[Span], text: str) -> bool:
    return all("\n" not in text[s:e] for s, e in spans)


@pytest.mark.parametrize("key", sorted(JUNK))
def test_obvious_junk_is_blanked(key: str) -> None:
    text = _path(key).read_text(encoding="utf-8")
    spans = find_furniture(text)
    for junk in JUNK[key]:
        start = text.index(junk)
        core = junk.strip("\n")
        offset = start + junk.index(core) if core else start
        newlines = {i for i in range(offset, offset + len(core)) if text[i] == "\n"}
        assert _covered(spans, offset, offset + len(core), newlines), f"{key}: {junk!r} missed"


@pytest.mark.parametrize("path", SEEDS + EXTRA, ids=lambda p: p.name)
def test_report_text_is_not_blanked(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    spans = find_furniture(text)
    key = path.name if path.parent.name == "corpus-extra" else path.name[:3]
    keep = [*KEEP.get(key, []), *re.findall(r"[^\n]*各位代表", text)]
    for phrase in keep:
        start = text.index(phrase)
        assert not _touched(spans, start, start + len(phrase)), f"{phrase!r} was blanked"
    # furniture is a small part of any report: a few dozen Chinese characters or under 5%
    blanked = sum(len(re.findall("[\u4e00-\u9fff]", text[s:e])) for s, e in spans)
    assert blanked < max(60, 0.05 * len(re.findall("[\u4e00-\u9fff]", text)))
    assert _newline_free(spans, text)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_seed_furniture_is_only_at_top_and_bottom(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    lines = text.count("\n")
    for start, _ in find_furniture(text):
        line = text.count("\n", 0, start)
        assert line < 12 or line > lines - 8, f"line {line}: {text[start : start + 40]!r}"


def test_long_single_line_page_loses_only_the_fields() -> None:
    body = "现在,我代表区人民政府向大会报告工作,请予审议。" * 80_000  # ~2 MB, one line
    text = f"发布时间:2020-12-27 来源:黄石港区政府 {body} 版权所有 鄂ICP备16019304号 {body}"
    start = time.perf_counter()
    spans = find_furniture(text)
    assert time.perf_counter() - start < 10
    blanked = sum(e - s for s, e in spans)
    assert 0 < blanked < 80
    for junk in ("发布时间:2020-12-27", "版权所有", "鄂ICP备16019304号"):
        at = text.index(junk)
        assert _covered(spans, at, at + len(junk), set())


def test_spans_are_sorted_and_disjoint() -> None:
    text = seed("000").read_text(encoding="utf-8")
    spans = find_furniture(text)
    assert spans == sorted(spans)
    assert all(e1 < s2 for (_, e1), (s2, _) in itertools.pairwise(spans))


def test_inline_url_and_font_tool_are_blanked_inside_text() -> None:
    text = "详见http://www.gov.cn/zhengce/2020.htm。【字体:大 中 小】各位代表:"
    analysis = blank(normalize(text), find_furniture(text))
    assert "http" not in analysis and "字体" not in analysis
    assert analysis.startswith("详见") and analysis.endswith("各位代表：")


@pytest.mark.parametrize(
    "notice", ["Copyright © 2023 黄石港区", "COPYRIGHT 2020", "copyRight 2021"]
)
def test_copyright_lines_are_blanked_in_any_case(notice: str) -> None:
    text = f"各位代表:\n现在,我代表区人民政府向大会报告工作。\n{notice}\n"
    analysis = blank(normalize(text), find_furniture(text))
    assert analysis.splitlines()[2].strip() == ""
    assert analysis.splitlines()[1] == normalize("现在,我代表区人民政府向大会报告工作。")


@pytest.mark.parametrize(("lines", "blanked"), [(5, True), (4, False)])
def test_watermark_is_blanked_once_it_ends_enough_lines(lines: int, blanked: bool) -> None:
    text = "\n".join(f"第{i}段正文，提出意见。pbY" for i in range(lines)) + "\n各位代表 GDP"
    analysis = blank(normalize(text), find_furniture(text))
    assert ("pbY" not in analysis) is blanked
    assert analysis.endswith("各位代表 GDP")


@pytest.mark.parametrize("key", ["field_line", "buttons"])
def test_line_patterns_match_at_line_starts_only_as_re_does(key: str) -> None:
    """Field and button lines are looked for after each newline: the same matches as re's own
    scan of the ``^`` pattern, also at the text's start and on blank or indented lines."""
    scanner = getattr(_rules(), key)
    rng = random.Random(5)
    atoms = [
        "来源：",
        "索 引 号 ：",
        "首页",
        "打印",
        "关闭窗口",
        "|",
        "：",
        " ",
        "\t",
        "\n",
        "\n",
        "• ",
        "正文",
    ]
    found = 0
    for _ in range(3000):
        text = "".join(rng.choices(atoms, k=rng.randint(0, 16)))
        expected = [m.span() for m in scanner.pattern.finditer(text)]
        assert [m.span() for m in scanner.finditer(text)] == expected, text
        found += len(expected)
    assert found > 500


LINES = [
    "发布时间:2020-12-27 来源:黄石港区政府",
    "  • 审核人:张艳艳",
    "首页 | 网站声明 | 网站地图",
    "鄂ICP备16019304号",
    "现在,我代表区人民政府向大会报告工作,请予审议。",
    "(一)突出疫后重振,经济运行加速恢复。",
    "打印",
    "|",
    "http://example.gov.cn/a.html",
    "",
]


@given(
    st.lists(
        st.one_of(st.sampled_from(LINES), st.text(alphabet=st.characters(codec="utf-8"))),
        max_size=12,
    )
)
def test_blanking_keeps_length_and_newlines(lines: list[str]) -> None:
    text = "\n".join(lines)
    spans = find_furniture(text)
    analysis = blank(normalize(text), spans)
    assert len(analysis) == len(text)
    assert [i for i, c in enumerate(text) if c == "\n"] == [
        i for i, c in enumerate(analysis) if c == "\n"
    ]
    assert all(0 <= s < e <= len(text) for s, e in spans)
    for s, e in spans:
        assert analysis[s:e].strip(" \n") == ""
