"""Extract the main text of a saved government web page (selectolax / lexbor).

Page chrome (scripts, menus, navigation, footers, share bars; rules in ``data/html.yaml``) is
removed, the container holding most of the page's Chinese text is preferred when it clearly
dominates, and block structure becomes one line per paragraph, table cells joined by tabs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from selectolax.lexbor import LexborHTMLParser, LexborNode

from kg.regex import any_of
from kg.resources import load_yaml

_CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HTML_SPACE = re.compile("[ \t\n\r\f]+")
# A line break in the HTML source between two Chinese characters is not a space.
_CJK_CHAR = "[\u3400-\u9fff\u3000-\u303f\uff00-\uffef\u201c\u201d]"
_CJK_BREAK = re.compile(
    f"(?:(?<={_CJK_CHAR})|(?<={_CJK_CHAR}[,.;:!?)]))[ \t\r\f]*\n[ \t\n\r\f]*"
    f"(?={_CJK_CHAR}|[(]{_CJK_CHAR})"
)
_CELL_GAP = re.compile("[ ]*\t[ \t]*")
_SPACES = re.compile(" {2,}")


@dataclass(frozen=True, slots=True)
class _Config:
    drop_tags: frozenset[str]
    drop_outside_article: frozenset[str]
    junk_attr: re.Pattern[str]
    junk_keep_share: float
    hidden_style: re.Pattern[str]
    main_tags: frozenset[str]
    main_attr: re.Pattern[str]
    dominate_share: float
    tight_share: float
    keep_outside_max_length: int
    keep_outside_max_lines: int
    keep_outside: re.Pattern[str]
    title_separators: re.Pattern[str]
    block_tags: frozenset[str]
    cell_tags: frozenset[str]


@cache
def _config() -> _Config:
    """Compile ``data/html.yaml`` once."""
    cfg = load_yaml("ingest/data/html.yaml")
    return _Config(
        drop_tags=frozenset(cfg["drop_tags"]),
        drop_outside_article=frozenset(cfg["drop_tags_outside_article"]),
        junk_attr=any_of(cfg["junk_attr_patterns"]),
        junk_keep_share=float(cfg["junk_keep_share"]),
        hidden_style=re.compile(cfg["hidden_style_pattern"], re.I),
        main_tags=frozenset(cfg["main_tags"]),
        main_attr=any_of(cfg["main_attr_patterns"]),
        dominate_share=float(cfg["dominate_share"]),
        tight_share=float(cfg["tight_share"]),
        keep_outside_max_length=int(cfg["keep_outside_max_length"]),
        keep_outside_max_lines=int(cfg["keep_outside_max_lines"]),
        keep_outside=any_of(cfg["keep_outside_patterns"]),
        title_separators=re.compile(cfg["title_separators"]),
        block_tags=frozenset(cfg["block_tags"]),
        cell_tags=frozenset(cfg["cell_tags"]),
    )


def html_to_text(html: str) -> str:
    """The main text of an HTML page, one block per line; "" when the page has no text."""
    cfg = _config()
    tree = LexborHTMLParser(html)
    body = tree.body
    if body is None:
        return ""
    title_node = tree.css_first("title")
    page_title = _page_title(title_node.text() if title_node is not None else "", cfg)
    candidates = _prune(body, cfg)
    container = _choose_container(body, candidates, cfg)
    if container is None:
        return "\n".join(_lines(_render(body, None)[0]))
    pieces, (start, end) = _render(body, container)
    before = [
        line
        for line in _lines(pieces[:start])
        if len(line) <= cfg.keep_outside_max_length and cfg.keep_outside.search(line)
    ][-cfg.keep_outside_max_lines :]
    main = _lines(pieces[start:end])
    head = "\n".join(main[:3])
    if not before and cfg.keep_outside.search(page_title) and page_title not in head:
        before = [page_title]
    return "\n".join(before + main)


def _page_title(title: str, cfg: _Config) -> str:
    """The document part of a <title> ("…报告_某区人民政府" → "…报告")."""
    title = _HTML_SPACE.sub(" ", title).strip()
    return cfg.title_separators.split(title, maxsplit=1)[0].strip() if title else ""


def _cjk_count(node: LexborNode) -> int:
    return len(_CJK.findall(node.text()))


def _attr_tokens(node: LexborNode) -> list[str]:
    attrs = node.attributes
    tokens = (attrs.get("class") or "").lower().split()
    ident = (attrs.get("id") or "").lower().strip()
    if ident:
        tokens.append(ident)
    return tokens


def _is_hidden(node: LexborNode, cfg: _Config) -> bool:
    attrs = node.attributes
    return "hidden" in attrs or bool(cfg.hidden_style.search(attrs.get("style") or ""))


def _prune(body: LexborNode, cfg: _Config) -> list[LexborNode]:
    """Remove page chrome from the tree; return the main-text candidates left in it."""
    total = _cjk_count(body)
    doomed: list[LexborNode] = []
    candidates: list[LexborNode] = []
    stack: list[tuple[LexborNode, bool]] = [(body, False)]
    while stack:
        node, in_article = stack.pop()
        tag = node.tag or ""
        tokens = _attr_tokens(node)
        if (
            tag in cfg.drop_tags
            or (tag in cfg.drop_outside_article and not in_article)
            or _is_hidden(node, cfg)
        ):
            doomed.append(node)
            continue
        if (
            node is not body
            and any(cfg.junk_attr.search(t) for t in tokens)
            and (total == 0 or _cjk_count(node) < cfg.junk_keep_share * total)
        ):
            doomed.append(node)
            continue
        if tag in cfg.main_tags or any(cfg.main_attr.search(t) for t in tokens):
            candidates.append(node)
        inside = in_article or tag in cfg.main_tags
        stack.extend((child, inside) for child in node.iter(include_text=False))
    for node in doomed:
        node.decompose()
    return candidates


def _choose_container(
    body: LexborNode, candidates: list[LexborNode], cfg: _Config
) -> LexborNode | None:
    """The tightest candidate holding most of the page's Chinese text, if one dominates."""
    total = _cjk_count(body)
    if not candidates or total == 0:
        return None
    scored = [(_cjk_count(c), len(c.text()), c) for c in candidates]
    best = max(s[0] for s in scored)
    if best < cfg.dominate_share * total:
        return None
    near = [s for s in scored if s[0] >= cfg.tight_share * best]
    return min(near, key=lambda s: s[1])[2]


def _render(root: LexborNode, container: LexborNode | None) -> tuple[list[str], tuple[int, int]]:
    """Text pieces of ``root`` in document order, and the piece range of ``container``."""
    cfg = _config()
    target = container.mem_id if container is not None else None
    pieces: list[str] = []
    span = [0, 0]
    stack: list[tuple[LexborNode, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        if closing:
            tag = node.tag or ""
            pieces.append("\t" if tag in cfg.cell_tags else "\n")
            if target is not None and node.mem_id == target:
                span[1] = len(pieces)
            continue
        if node.is_text_node:
            raw = node.text_content or ""
            pieces.append(_HTML_SPACE.sub(" ", _CJK_BREAK.sub("", raw)))
            continue
        if not node.is_element_node:
            continue
        tag = node.tag or ""
        if tag == "br":
            pieces.append("\n")
            continue
        if target is not None and node.mem_id == target:
            span[0] = len(pieces)
        if tag in cfg.block_tags or tag in cfg.cell_tags:
            if tag in cfg.block_tags:
                pieces.append("\n")
            stack.append((node, True))
        elif target is not None and node.mem_id == target:
            stack.append((node, True))
        children = list(node.iter(include_text=True))
        stack.extend((child, False) for child in reversed(children))
    return pieces, (span[0], span[1])


def _lines(pieces: list[str]) -> list[str]:
    """Non-empty, trimmed lines of rendered pieces, table cells separated by one tab."""
    out: list[str] = []
    for line in "".join(pieces).split("\n"):
        line = _SPACES.sub(" ", _CELL_GAP.sub("\t", line)).strip()
        if line:
            out.append(line)
    return out
