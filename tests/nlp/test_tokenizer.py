"""kg's character tokenizer makes exactly the tokens of spaCy's Chinese ``char`` segmenter."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.util import get_words_and_spaces

from kg.nlp.tokenizer import char_words_and_spaces

TEXTS = st.text(alphabet=st.sampled_from(list("黄石港区 \n\r\t\u3000a1,。“”\x1c")), max_size=60)


@given(TEXTS)
def test_same_words_and_spaces_as_spacy(text: str) -> None:
    assert char_words_and_spaces(text) == get_words_and_spaces(list(text), text)


def test_seed_document_tokens_unchanged(nlp) -> None:
    from pathlib import Path

    text = (Path(__file__).parents[2] / "examples/corpus/000_2902ce684fdbffb1.txt").read_text(
        encoding="utf-8"
    )[:5000]
    doc = nlp.make_doc(text)
    words, spaces = get_words_and_spaces(list(text), text)
    assert [t.text for t in doc] == words
    assert [bool(t.whitespace_) for t in doc] == spaces
    assert doc.text == text


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.text(
        alphabet=st.sampled_from(list("黄石港 \n\t\u3000a,“\U00020000\U0001f600龘𪚥")), max_size=40
    )
)
def test_docs_have_the_characters_of_the_text(nlp: Any, text: str) -> None:
    # characters are looked up by code point, astral ones and first-seen ones included
    doc = nlp.make_doc(text)
    words, spaces = get_words_and_spaces(list(text), text)
    assert [t.text for t in doc] == words
    assert [bool(t.whitespace_) for t in doc] == spaces
