"""From a decoded document to its extraction record: run the pipeline, read spans back out."""

from __future__ import annotations

import gc
import os
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import InputError, KgError
from kg.ingest import iter_documents, load_document
from kg.ingest.document import SourceDocument
from kg.memory import kept
from kg.nlp.spans import details, doc_text, release
from kg.pools import (
    cpu_count,
    die_with_parent,
    ignore_sigint,
    sigint_deferred,
    stop_now,
    worker_deaths,
)
from kg.records import DocRecord, Entity, Relation, SectionInfo
from kg.structure.model import DocStructure

ENTITY_DETAIL_KEYS = (
    "value",
    "currency",
    "value_high",
    "approx",
    "count",
    "count_parts",
    "code",
    "level",
    "alias_reason",
    "status",
    "status_cue",
)


def run_pipeline(nlp: Language, source: SourceDocument) -> Doc:
    """Run ``nlp`` over the analysis text, with the metadata the gazetteer scope needs."""
    doc = nlp.make_doc(source.analysis)
    doc._.meta = source.meta
    return nlp(doc)


def original_form(canonical: Any, analysed: str, surface: str) -> str:
    """The canonical name, in the document's own characters when it is the mention itself."""
    if canonical is None or canonical == analysed:
        return surface
    return str(canonical)


class EvidenceLocator:
    """The sentence (or, outside sentences, the paragraph) and innermost section at an offset."""

    def __init__(self, structure: DocStructure | None, length: int) -> None:
        structure = structure or DocStructure()
        # what locate() answers for a mention inside a sentence (most are), made once
        self.in_sentence = [((s.start, s.end), s.section) for s in structure.sentences]
        self.sentence_starts = [s.start for s in structure.sentences]
        self.sentence_ends = [s.end for s in structure.sentences]
        self.paragraphs = list(structure.paragraphs) or [(0, length)]
        self.paragraph_starts = [p[0] for p in self.paragraphs]
        self.structure = structure
        self.sections = structure.sections

    def locate(self, start: int, end: int) -> tuple[tuple[int, int], int | None]:
        """The evidence span around ``start:end`` and the index of its innermost section."""
        i = bisect_right(self.sentence_starts, start) - 1
        if i >= 0 and self.sentence_ends[i] >= end:
            return self.in_sentence[i]
        j = bisect_right(self.paragraph_starts, start) - 1
        span = self.paragraphs[j] if j >= 0 and self.paragraphs[j][1] >= end else (start, end)
        return span, self.structure.section_at(start)

    def section_infos(self, text: str) -> list[SectionInfo]:
        return [
            SectionInfo(
                start=s.start,
                end=s.end,
                heading=text[s.heading_start : s.heading_end],
                role=s.role,
                level=s.level,
                parent=s.parent,
            )
            for s in self.sections
        ]


def to_record(source: SourceDocument, doc: Doc) -> DocRecord:
    """Entities and relations of ``doc`` with texts taken from the original document."""
    text = source.text
    locate = EvidenceLocator(doc._.structure, len(text))
    entities: list[Entity] = []
    analysed = doc_text(doc)
    for ent in doc.ents:
        info = details(ent)
        attrs = {k: info[k] for k in ENTITY_DETAIL_KEYS if k in info}
        attrs["rule"] = info.get("rule")
        start, end = ent.start_char, ent.end_char
        surface = text[start:end]
        canonical = original_form(info.get("canonical"), analysed[start:end], surface)
        scope = info.get("scope")
        sentence, section = locate.locate(start, end)
        entities.append(
            Entity(
                type=ent.label_,
                text=surface,
                start=start,
                end=end,
                canonical=canonical,
                scope=scope,
                attrs=attrs,
                sentence=sentence,
                section=section,
            )
        )
    relations: list[Relation] = []
    for rel in doc._.relations or []:
        head = text[rel.head_span[0] : rel.head_span[1]] if rel.head_span else rel.head
        tail = text[rel.tail_span[0] : rel.tail_span[1]] if rel.tail_span else rel.tail
        relations.append(
            Relation(
                rel.type, head, tail, rel.start, rel.end, rel.attrs, rel.head_span, rel.tail_span
            )
        )
    return DocRecord(
        doc=source.meta,
        entities=entities,
        relations=relations,
        text=text,
        sections=locate.section_infos(text),
        warnings=list(source.warnings),
    )


def extract_document(nlp: Language, source: SourceDocument) -> DocRecord:
    """The extraction record of one loaded document; the Doc is freed once the record is made."""
    doc = run_pipeline(nlp, source)
    record = to_record(source, doc)
    release(doc)
    return record


def extract_paths(
    nlp: Language, paths: Iterable[str | Path], overrides: dict[str, Any] | None = None
) -> Iterator[DocRecord | InputError]:
    """Records of every document under ``paths``, in order; unreadable files yield their error."""
    for path in iter_documents(paths):
        yield extract_file(nlp, path, overrides)


def extract_file(
    nlp: Language, path: Path, overrides: dict[str, Any] | None = None
) -> DocRecord | InputError:
    """The record of one document file, or the error saying why it cannot be read."""
    try:
        source = load_document(path, overrides)
    except InputError as err:
        return err
    return extract_document(nlp, source)


def extract_files(
    files: Sequence[Path],
    *,
    jobs: int = 1,
    overrides: dict[str, Any] | None = None,
    config: str | Path | None = None,
) -> Iterator[DocRecord | InputError]:
    """Records of ``files`` in their order, extracted by ``jobs`` processes (0: one per CPU).

    Each worker builds its own pipeline once and sends back only the small record, so no more
    than one spaCy Doc per worker exists at a time; results arrive in input order whatever the
    number of workers, so the output does not depend on it.

    Workers ignore SIGINT: Ctrl-C at a terminal, sent to the whole process group, interrupts
    only this process, which then ends the workers at once (see :mod:`kg.pools`).
    """
    workers = min(jobs or cpu_count(), len(files))
    if workers <= 1:
        nlp = ready_pipeline(config)
        # the gazetteer, spaCy's vocabulary and the records (extraction leaves no cycles)
        yield from kept(extract_file(nlp, path, overrides) for path in files)
        return
    pool = ProcessPoolExecutor(
        workers, initializer=_start_worker, initargs=(os.getpid(), config, overrides)
    )
    finished = False
    try:
        with worker_deaths("an extraction worker"):  # while tasks are handed out, or after
            with sigint_deferred():  # the workers are started here and inherit the blocked signal
                results = pool.map(_work, files)
            yield from kept(
                InputError(*item) if isinstance(item, tuple) else item for item in results
            )
        finished = True
    finally:
        if finished:
            pool.shutdown(wait=True)
        else:  # interrupted, failed, or the caller stopped reading
            with sigint_deferred():  # a second Ctrl-C must not cut the cleanup short
                stop_now(pool)


def ready_pipeline(config: str | Path | None = None) -> Language:
    """The pipeline with the gazetteer loaded."""
    from kg.gazetteer.admin import AdminGazetteer
    from kg.nlp.pipeline import build_pipeline

    nlp = build_pipeline(config)
    AdminGazetteer.load()
    return nlp


@dataclass(slots=True)
class _Worker:
    """What a worker process keeps between documents."""

    nlp: Language | None = None
    overrides: dict[str, Any] | None = None
    failure: str | None = None


_WORKER = _Worker()


def _start_worker(parent: int, config: str | Path | None, overrides: dict[str, Any] | None) -> None:
    """Build this worker's pipeline; a failure is kept and reported by the first task.

    SIGINT is left to the parent, which ends the workers (see :mod:`kg.pools`).
    """
    ignore_sigint()
    die_with_parent(parent)
    _WORKER.overrides = overrides
    try:
        _WORKER.nlp = ready_pipeline(config)
        gc.freeze()  # the pipeline lives as long as the worker (see long_lived)
    except Exception as exc:  # an exception escaping an initializer only breaks the pool
        _WORKER.failure = (
            f"{type(exc).__name__}: {exc}" if not isinstance(exc, KgError) else str(exc)
        )


def _work(path: Path) -> DocRecord | tuple[str, str]:
    """One document in a worker; an unreadable file comes back as ``(path, problem)``.

    InputError is sent as a tuple because its constructor takes two arguments, which
    exceptions do not survive pickling with.
    """
    if _WORKER.nlp is None:
        raise KgError(_WORKER.failure or "the extraction pipeline could not be built")
    result = extract_file(_WORKER.nlp, path, _WORKER.overrides)
    return (result.path, result.problem) if isinstance(result, InputError) else result
