"""Loads the YAML rule files in ``kg/structure/data`` once per process."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"


@functools.cache
def load_rules(name: str) -> dict[str, Any]:
    """Return the parsed ``data/<name>.yaml``; cached, since rules never change at run time."""
    with (DATA_DIR / f"{name}.yaml").open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if not isinstance(data, dict):
        raise ValueError(f"{name}.yaml must hold a mapping")
    return data
