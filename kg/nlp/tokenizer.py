"""``kg.CharTokenizer.v1``: one token per character, as spaCy's Chinese ``char`` segmenter
makes them, in linear time. spaCy's own aligns the characters to the text by searching the rest
of the text for each one, which is quadratic: a 2 MB report took minutes. Same tokens, same
whitespace handling (a single space after a character is its trailing space; other whitespace
runs are tokens of their own), so every offset stays the same."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from kg.nlp.spans import TEXT

_WHITESPACE = re.compile(r"(\s+)")
T = TypeVar("T")


def char_words_and_spaces(text: str) -> tuple[list[str], list[bool]]:
    """The words and trailing-space flags spaCy's ``get_words_and_spaces(list(text), text)``
    returns, computed in one pass: each character is a word; a single space right after one is
    its trailing space; any other whitespace run is a word of its own."""
    return char_tokens(text, str)


def char_tokens(text: str, word: Callable[[str], T]) -> tuple[list[T], list[bool]]:
    """:func:`char_words_and_spaces` with each word given as ``word(w)`` (its hash, say), without
    a list of the words in between."""
    words: list[T] = []
    spaces: list[bool] = []
    for k, part in enumerate(_WHITESPACE.split(text)):
        if k % 2 == 0:  # characters between whitespace runs
            words.extend(map(word, part))
            spaces.extend([False] * len(part))
            continue
        if part[0] == " " and words:  # words[-1] is a character here
            spaces[-1] = True
            part = part[1:]
        if part:
            words.append(word(part))
            spaces.append(False)
    return words, spaces


class _Orths(dict[str, int]):
    """A word's hash in a vocabulary's string store, added on first sight."""

    def __init__(self, vocab: Vocab) -> None:
        super().__init__()
        self.strings = vocab.strings

    def __missing__(self, word: str) -> int:
        orth: int = self.strings.add(word)
        self[word] = orth
        return orth


class CharTokenizer:
    """A Doc of one token per character of the text.

    The Doc is made from the words' hashes, not the words: spaCy then finds each lexeme by its
    hash instead of hashing the string again, which made building the Doc five times slower
    (a tenth of the extraction time)."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.orths = _Orths(vocab)

    def __call__(self, text: str) -> Doc:
        orths, spaces = char_tokens(text, self.orths.__getitem__)
        # spaCy takes words as hashes too (Doc.__init__), though its type stub says str
        doc = Doc(self.vocab, words=orths, spaces=spaces)  # type: ignore[arg-type]
        doc.user_data[TEXT] = text  # doc.text, which spaCy would rebuild from every token
        return doc

    # spaCy serialises a pipeline's tokenizer; this one has no state worth saving
    def to_bytes(self, **_: object) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **__: object) -> CharTokenizer:
        self.orths.clear()  # the vocabulary is loaded anew alongside: add the strings again
        return self

    def to_disk(self, _path: object, **_: object) -> None:
        return None

    def from_disk(self, _path: object, **_: object) -> CharTokenizer:
        self.orths.clear()  # the vocabulary is loaded anew alongside: add the strings again
        return self


@registry.tokenizers("kg.CharTokenizer.v1")
def make_char_tokenizer() -> Callable[[object], CharTokenizer]:
    def create(nlp: object) -> CharTokenizer:
        return CharTokenizer(nlp.vocab)  # type: ignore[attr-defined]

    return create
