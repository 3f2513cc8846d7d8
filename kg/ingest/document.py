"""The document as kg sees it after ingest: original text, analysis text and metadata."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.records import DocMeta


@dataclass(slots=True)
class SourceDocument:
    """A decoded document.

    ``text`` is the document as read (decoded file, or the main text extracted from an HTML page);
    every offset kg reports points into it. ``analysis`` has exactly the same length: characters
    mapped one-to-one (ASCII punctuation to full width, odd spaces to spaces) and page furniture
    blanked to spaces (newlines kept), so that rules run on clean text while offsets stay valid.
    """

    text: str
    analysis: str
    meta: DocMeta
    furniture: list[tuple[int, int]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if len(self.text) != len(self.analysis):
            raise ValueError("analysis text must have the same length as the source text")
