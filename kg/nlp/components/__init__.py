"""kg's spaCy components; importing this package registers their factories."""

from kg.nlp.components import (  # noqa: F401
    admin,
    amounts,
    bodies,
    canonical,
    names,
    patterns,
    propagate,
    relations,
    select,
    slogans,
    status,
    structure,
    tasks,
)
