"""The installed package: kg only in site-packages, every package folder listed, data shipped."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_folder_is_listed_in_pyproject() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    mapped = config["tool"]["setuptools"]["package-dir"]
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "kg").rglob("__init__.py")}
    found |= {name for name, folder in mapped.items() if (ROOT / folder / "__init__.py").is_file()}
    assert found == listed


def test_top_level_folders_are_installed_inside_kg(tmp_path: Path) -> None:
    probe = (
        "import importlib.util as u, kg.resources as r;"
        "print(u.find_spec('loaders') is None, u.find_spec('kg.loaders') is not None,"
        " r.ontology_path('mapping.yaml').is_file(), r.queries_path().is_dir())"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["True", "True", "True", "True"]


def test_the_wheel_holds_kg_only_with_its_data(tmp_path: Path) -> None:
    pip_wheel = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation"]
    subprocess.run(
        [*pip_wheel, "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("*.whl")
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
    assert {n.split("/")[0] for n in names} == {"kg", wheel.name.split("-")[0] + "-0.1.0.dist-info"}
    expected = {
        "kg/" + str(p.relative_to(ROOT / "kg"))
        for p in (ROOT / "kg").rglob("*")
        if p.is_file()
        and ("data" in p.parts or "rules" in p.parts)
        and "__pycache__" not in p.parts
    }
    for folder in ("ontology", "queries", "loaders"):
        expected |= {
            f"kg/{folder}/{p.name}"
            for p in (ROOT / folder).iterdir()
            if p.is_file() and p.suffix != ".pyc"
        }
    assert expected - names == set()
