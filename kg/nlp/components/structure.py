"""``kg_structure_v1``: sections, sentences, notes and definitions of the document."""

from __future__ import annotations

from typing import Any, cast

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.spans import doc_text
from kg.structure.analyse import analyse


class StructureComponent:
    """Analyses the layout once and marks sentence starts (``doc.sents``) in one array write."""

    def __call__(self, doc: Doc) -> Doc:
        structure = analyse(doc_text(doc))
        doc._.structure = structure
        if len(doc) and structure.sentences:
            offsets = doc.to_array("IDX")
            starts = np.array([s.start for s in structure.sentences], dtype=offsets.dtype)
            index = np.searchsorted(offsets, starts).clip(max=len(doc) - 1)
            flags = np.full(len(doc), -1, dtype=np.int64)
            flags[index[offsets[index] == starts]] = 1
            flags[0] = 1
            # spaCy reads attribute arrays as uint64: -1 ("not a start") wraps as it expects
            doc.from_array(["SENT_START"], cast(Any, flags.astype(np.uint64).reshape(-1, 1)))
        return doc


@Language.factory("kg_structure_v1")
def make_structure(nlp: Language, name: str) -> StructureComponent:
    return StructureComponent()
