"""The one factory that builds kg's spaCy pipeline from its config file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.util import load_model_from_config

from kg.nlp import components as _components  # noqa: F401  (registers the factories)
from kg.nlp import extensions as _extensions  # noqa: F401  (registers Doc/Span extensions)
from kg.nlp import tokenizer as _tokenizer  # noqa: F401  (registers kg.CharTokenizer.v1)

DEFAULT_CONFIG = Path(__file__).with_name("pipeline.cfg")


MAX_DOCUMENT_CHARS = 200_000_000


def build_pipeline(
    config_path: str | Path | None = None, overrides: dict[str, Any] | None = None
) -> Language:
    """Build the extraction pipeline from ``config_path`` (default: the packaged pipeline.cfg).

    ``overrides`` use spaCy's dotted config keys, e.g. ``{"components.kg_names.rules": "my.yaml"}``.
    """
    config = spacy.util.load_config(config_path or DEFAULT_CONFIG, overrides=overrides or {})
    nlp = load_model_from_config(config, auto_fill=True, validate=True)
    # spaCy's limit guards statistical components' memory; kg's rules are linear in the text,
    # and a year's report of a large city can exceed a million characters
    nlp.max_length = MAX_DOCUMENT_CHARS
    return nlp
