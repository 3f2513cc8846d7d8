"""Main text of saved government web pages."""

from __future__ import annotations

import html as html_lib

from kg.ingest.html import html_to_text

from ._corpus import seed_text

SEED = seed_text("000")
PARAGRAPHS = [line for line in SEED.split("\n")[8:40] if len(line) > 30][:4]


def _page(paragraphs: list[str], *, truncate: bool = False) -> str:
    """A saved government page around ``paragraphs``, with the usual chrome."""
    body = "\n".join(f"<p style='text-indent:2em'>{html_lib.escape(p)}</p>" for p in paragraphs)
    page = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>2020年黄石港区政府工作报告_黄石港区人民政府</title>
<style>.nav {{ color: red }}</style>
<script>var msg = "各位代表不应出现在正文里";</script></head>
<body>
<div class="header"><div class="logo">黄石港区人民政府门户网站</div>
 <ul id="mainNav"><li><a href="/">首页</a></li><li><a>政务公开</a></li><li><a>互动交流</a></li></ul>
</div>
<nav><a>办事服务</a><a>政民互动</a></nav>
<div class="location">当前位置:<a>首页</a>&nbsp;&gt;&nbsp;<a>政府信息公开</a></div>
<div class="wrap">
 <div class="article-title"><h1>2020年黄石港区政府工作报告(2020年12月27日)</h1></div>
 <div class="article-info">发布时间:2020-12-27 来源:黄石港区政府
   <span class="fontsize">【字体:大 中 小】</span></div>
 <div class="bdshare_t">分享到:微信 微博 QQ空间</div>
 <div id="zoom" class="TRS_Editor">
  <p>各位代表:</p>
  {body}
  <div style="display:none">隐藏的统计代码文字</div>
 </div>
 <div class="xgwz"><h3>相关文章</h3><ul><li>2019年黄石港区政府工作报告</li></ul></div>
</div>
<div id="footer">主办单位:黄石港区人民政府 版权所有 鄂ICP备16019304号</div>
<noscript>您的浏览器不支持脚本</noscript>
</body></html>"""
    if truncate:
        cut = page.index(paragraphs[-1][: len(paragraphs[-1]) // 2])
        page = page[:cut] + paragraphs[-1][: len(paragraphs[-1]) // 2]
    return page


def test_main_text_of_a_government_page() -> None:
    text = html_to_text(_page(PARAGRAPHS))
    lines = text.split("\n")
    for paragraph in PARAGRAPHS:
        assert paragraph in lines  # each paragraph survives verbatim, on its own line
    assert lines[0] == "2020年黄石港区政府工作报告(2020年12月27日)"
    assert "发布时间:2020-12-27 来源:黄石港区政府" in lines[1]
    assert "各位代表:" in lines
    for junk in (
        "var msg",
        "不应出现",
        "政务公开",
        "办事服务",
        "当前位置",
        "分享到",
        "相关文章",
        "ICP备",
        "版权所有",
        "隐藏的",
        "浏览器",
        "字体",
        "门户网站",
        ".nav",
    ):
        assert junk not in text, junk
    assert "\n\n" not in text


def test_truncated_page_keeps_what_it_has() -> None:
    text = html_to_text(_page(PARAGRAPHS, truncate=True))
    for paragraph in PARAGRAPHS[:-1]:
        assert paragraph in text
    assert text.endswith(PARAGRAPHS[-1][: len(PARAGRAPHS[-1]) // 2])


def test_tables_keep_rows_as_lines_and_cells_apart() -> None:
    page = """<body><div class="content"><table>
      <tr><th>序号</th><th>工作任务</th><th>牵头单位</th></tr>
      <tr><td>1</td><td>地方生产总值增长7%左右</td><td>区发改局</td></tr>
      <tr><td>2</td><td><table><tr><td>推进临空</td><td>商务产业园</td></tr></table></td>
          <td>区商务办</td></tr>
    </table></div></body>"""
    lines = html_to_text(page).split("\n")
    assert lines[0] == "序号\t工作任务\t牵头单位"
    assert lines[1] == "1\t地方生产总值增长7%左右\t区发改局"
    assert "推进临空\t商务产业园" in lines
    assert "区商务办" in lines[-1]


def test_line_breaks_and_entities() -> None:
    page = "<div>一、工作回顾<br>(一)突出疫后重振<br/><br/>经济运行&nbsp;加速恢复&gt;预期</div>"
    assert html_to_text(page) == "一、工作回顾\n(一)突出疫后重振\n经济运行\u00a0加速恢复>预期"


def test_source_line_breaks_inside_chinese_text_are_not_spaces() -> None:
    page = "<p>在市委、市政府和区委的坚强领导下,\n    在区人大、区政协的监督支持下</p>"
    assert html_to_text(page) == "在市委、市政府和区委的坚强领导下,在区人大、区政协的监督支持下"


def test_page_without_named_container_uses_the_body() -> None:
    page = "<html><body><h2>政府工作报告</h2><p>各位代表:</p><p>现在,我代表区人民政府。</p>"
    assert html_to_text(page) == "政府工作报告\n各位代表:\n现在,我代表区人民政府。"


def test_title_from_head_when_the_page_shows_none() -> None:
    page = (
        "<html><head><title>2022年政府工作报告 - 硚口区人民政府</title></head><body>"
        "<div class='menu'>首页 政务公开</div><div class='article-content'>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        + "</div></body></html>"
    )
    lines = html_to_text(page).split("\n")
    assert lines[0] == "2022年政府工作报告"
    assert lines[1:] == PARAGRAPHS


def test_deeply_nested_and_empty_pages() -> None:
    assert html_to_text("<div>" * 20000 + "深层文字" + "</div>" * 20000) == "深层文字"
    assert html_to_text("<table><tr><td>" * 3000 + "表格") == "表格"
    assert html_to_text("") == ""
    assert html_to_text("<html><body><script>x()</script></body></html>") == ""


def test_wrongly_named_wrapper_around_the_article_is_kept() -> None:
    page = (
        "<body><div class='nav-wrapper'>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        + "</div></body>"
    )
    assert html_to_text(page).split("\n") == PARAGRAPHS
