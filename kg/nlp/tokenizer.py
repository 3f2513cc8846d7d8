"""``kg.CharTokenizer.v1``: one token per character, as spaCy's Chinese ``char`` segmenter
makes them, in linear time. spaCy's own aligns the characters to the text by searching the rest
of the text for each one, which is quadratic: a 2 MB report took minutes. Same tokens, same
whitespace handling (a single space after a character is its trailing space; other whitespace
runs are tokens of their own), so every offset stays the same."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TypeVar

import numpy as np
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from kg.nlp.spans import TEXT

_WHITESPACE = re.compile(r"\s+")
T = TypeVar("T")


def char_words_and_spaces(text: str) -> tuple[list[str], list[bool]]:
    """The words and trailing-space flags spaCy's ``get_words_and_spaces(list(text), text)``
    returns, computed in one pass: each character is a word; a single space right after one is
    its trailing space; any other whitespace run is a word of its own."""
    return char_tokens(text, str, list(text))


def char_tokens(
    text: str, word: Callable[[str], T], chars: Sequence[T]
) -> tuple[list[T], list[bool]]:
    """:func:`char_words_and_spaces` with each word given as ``word(w)`` (its hash, say), where
    ``chars`` holds that already for every character of ``text``."""
    words: list[T] = []
    spaces: list[bool] = []
    pos = 0
    for run in _WHITESPACE.finditer(text):
        start, end = run.span()
        words.extend(chars[pos:start])  # the characters before the run
        spaces.extend([False] * (start - pos))
        if text[start] == " " and words:  # words[-1] is a character here
            spaces[-1] = True
            start += 1
        if start < end:
            words.append(word(text[start:end]))
            spaces.append(False)
        pos = end
    words.extend(chars[pos:])
    spaces.extend([False] * (len(text) - pos))
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
        self._by_code: np.ndarray | None = None  # code point -> hash, 0 until first seen

    def __call__(self, text: str) -> Doc:
        orths, spaces = char_tokens(text, self.orths.__getitem__, self.char_hashes(text))
        # spaCy takes words as hashes too (Doc.__init__), though its type stub says str
        doc = Doc(self.vocab, words=orths, spaces=spaces)  # type: ignore[arg-type]
        doc.user_data[TEXT] = text  # doc.text, which spaCy would rebuild from every token
        return doc

    def char_hashes(self, text: str) -> list[int]:
        """The hash of every character of ``text``, looked up by code point in one array
        operation: a dictionary look-up per character was two thirds of building the Doc."""
        if self._by_code is None:
            # 8.9 MB of virtual memory; only the pages of code points met become resident
            self._by_code = np.zeros(0x110000, dtype=np.uint64)
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        hashes = self._by_code[codes]
        unseen = np.unique(codes[hashes == 0])
        if len(unseen):
            for code in unseen.tolist():
                self._by_code[code] = self.orths[chr(code)]
            hashes = self._by_code[codes]
        return hashes.tolist()

    def _forget(self) -> None:
        """The vocabulary is loaded anew alongside: add the strings again."""
        self.orths.clear()
        self._by_code = None

    # spaCy serialises a pipeline's tokenizer; this one has no state worth saving
    def to_bytes(self, **_: object) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **__: object) -> CharTokenizer:
        self._forget()
        return self

    def to_disk(self, _path: object, **_: object) -> None:
        return None

    def from_disk(self, _path: object, **_: object) -> CharTokenizer:
        self._forget()
        return self


@registry.tokenizers("kg.CharTokenizer.v1")
def make_char_tokenizer() -> Callable[[object], CharTokenizer]:
    def create(nlp: object) -> CharTokenizer:
        return CharTokenizer(nlp.vocab)  # type: ignore[attr-defined]

    return create
