"""Reading kg's data files (rules, word lists, gazetteer settings): one loader for all stages."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

PACKAGE_DIR = Path(__file__).resolve().parent
# libyaml's parser where PyYAML was built with it (ten times faster), else the pure-Python one
SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def package_path(path: str | Path) -> Path:
    """An absolute path as given, else a path relative to the kg package directory."""
    p = Path(path)
    return p if p.is_absolute() else PACKAGE_DIR / p


@cache
def _load(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=SAFE_LOADER)


def load_yaml(path: str | Path) -> dict[str, Any]:
    """The parsed YAML mapping at ``path`` (relative paths are inside the kg package).

    Cached per path, since rules do not change while kg runs; treat the result as read-only.
    """
    resolved = package_path(path)
    data = _load(resolved)
    if not isinstance(data, dict):
        raise ValueError(f"{resolved}: a rule file must hold a mapping at top level")
    return data


def ontology_path(name: str) -> Path:
    """A file of the ontology folder (installed as ``kg.ontology``): kg.ttl, mapping.yaml, …"""
    from importlib.resources import files

    return Path(str(files("kg.ontology").joinpath(name)))


def queries_path(name: str = "") -> Path:
    """The canned queries folder (installed as ``kg.queries``), or a file in it."""
    from importlib.resources import files

    return Path(str(files("kg.queries").joinpath(name))) if name else Path(str(files("kg.queries")))
