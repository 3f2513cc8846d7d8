"""kg.memory: what outlives a piece of work is kept out of the garbage collector's sight."""

from __future__ import annotations

import gc

from kg.memory import kept


def test_kept_results_leave_the_collectors_sight_once_taken_until_the_end() -> None:
    taken: list[list[int]] = []
    for item in kept([n] for n in range(3)):
        watched = {id(o) for o in gc.get_objects()}
        assert not any(id(t) in watched for t in taken)
        taken.append(item)
    watched = {id(o) for o in gc.get_objects()}
    assert all(id(t) in watched for t in taken)
    assert gc.get_freeze_count() == 0
