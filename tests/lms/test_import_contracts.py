"""The direction of imports between the apps is kept by import-linter
(contracts in pyproject.toml; `make lint` and .ci/run run `lint-imports`).
These tests make the suite fail too, and prove that the tool sees an import
made inside a function (the kind that hid the old loop)."""

import subprocess
import sys
import textwrap
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[2]


def test_every_import_contract_is_kept():
    result = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_grimp_sees_imports_inside_functions(tmp_path, monkeypatch):
    package = tmp_path / "house"
    (package / "ground").mkdir(parents=True)
    (package / "top").mkdir()
    for folder in (package, package / "ground", package / "top"):
        (folder / "__init__.py").write_text("")
    (package / "top" / "views.py").write_text("def view():\n    return 1\n")
    (package / "ground" / "leaf.py").write_text(
        textwrap.dedent(
            """
            def sneaky():
                from house.top import views

                return views.view()
            """
        )
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    graph = grimp.build_graph("house", cache_dir=None)
    assert graph.direct_import_exists(importer="house.ground.leaf", imported="house.top.views")
    assert graph.find_illegal_dependencies_for_layers(
        layers=["house.top", "house.ground"], containers=set()
    )
