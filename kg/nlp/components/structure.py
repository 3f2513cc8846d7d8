"""``kg_structure_v1``: sections, sentences, notes and definitions of the document."""

from __future__ import annotations

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from kg.structure.analyse import analyse


class StructureComponent:
    """Analyses the layout once and marks sentence starts, so later components can stay local."""

    def __call__(self, doc: Doc) -> Doc:
        structure = analyse(doc.text)
        doc._.structure = structure
        if len(doc) and structure.sentences:
            offsets = doc.to_array("IDX")
            for sentence in structure.sentences:
                i = int(np.searchsorted(offsets, sentence.start))
                if i < len(doc) and offsets[i] == sentence.start:
                    doc[i].is_sent_start = True
        return doc


@Language.factory("kg_structure_v1")
def make_structure(nlp: Language, name: str) -> StructureComponent:
    return StructureComponent()
