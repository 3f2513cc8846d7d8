"""Records cross process boundaries (``--jobs``) whole: pickling keeps every field."""

from __future__ import annotations

import copy
import pickle
from pathlib import Path
from typing import Any

from kg.extraction import extract_file
from kg.records import DocRecord, Entity, Relation, SectionInfo

SEEDS = Path(__file__).resolve().parent.parent / "examples" / "corpus"


def test_a_seed_record_survives_pickling_field_for_field(nlp: Any) -> None:
    record = extract_file(nlp, SEEDS / "003_435c7080c0d33384.txt")
    assert isinstance(record, DocRecord)
    assert record.relations and record.sections and record.entities
    assert any(e.scope for e in record.entities) and any(e.attrs for e in record.entities)
    back = pickle.loads(pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == record
    assert type(back.entities[0]) is Entity and type(back.relations[0]) is Relation
    assert type(back.sections[0]) is SectionInfo
    assert back.to_json() == record.to_json()


def test_copies_of_records_are_equal_and_shallow() -> None:
    entity = Entity("Park", "临空经济区", 3, 8, "临空经济区", "黄石港区", {"rule": "suffix"})
    shallow, deep = copy.copy(entity), copy.deepcopy(entity)
    assert shallow == entity == deep
    assert shallow.attrs is entity.attrs and deep.attrs is not entity.attrs
