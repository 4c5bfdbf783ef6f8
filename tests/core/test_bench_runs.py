"""The benchmark runner runs on the small caseload and writes well-formed results.

No figure is asserted: machines are noisy. These only prove that ``make bench-quick``
(and so ``make bench``) works end to end.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RUNNER = ROOT / "bench" / "run.py"
QUICK = ("open", "save_draft", "finalise", "search", "passphrase")


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One generated caseload and notebook for the module's runs."""
    return tmp_path_factory.mktemp("bench-data")


def run_bench(data_dir: Path, out: Path, *only: str, timeout: float) -> dict:
    command = [sys.executable, str(RUNNER), "--size", "small", "--out", str(out),
               "--data-dir", str(data_dir)] + (["--only", *only] if only else [])  # fmt: skip
    done = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(out.read_text())
    assert isinstance(results, dict)
    return results


def assert_well_formed(results: dict, out: Path) -> None:
    figures = results["figures"]
    assert figures
    for name, figure in figures.items():
        assert {"value", "unit", "baseline", "ratio", "goal"} <= set(figure), name
        value, baseline, ratio = figure["value"], figure["baseline"], figure["ratio"]
        assert value is None or isinstance(value, int | float), name
        assert baseline is None or isinstance(baseline, int | float), name
        if value is None:
            assert figure["note"].startswith(("not measured", "FAILED")), (name, figure["note"])
        if value is not None and baseline:
            assert ratio == pytest.approx(value / baseline, rel=0.01), name
        else:
            assert ratio is None, name
    assert results["size"] == "small"
    assert results["machine"]["cores"]
    markdown = (out.parent / "RESULTS.md").read_text()
    assert "## Machine" in markdown
    for name in figures:
        assert f"`{name}`" in markdown


def test_quick_figures_run_on_the_small_caseload(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    results = run_bench(data_dir, out, *QUICK, timeout=120)
    assert_well_formed(results, out)
    groups = {figure["group"] for figure in results["figures"].values()}
    assert groups == set(QUICK)
    assert results["figures"]["search_p95"]["baseline"] is not None


@pytest.mark.slow
def test_every_figure_runs_on_the_small_caseload(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    results = run_bench(data_dir, out, timeout=600)
    assert_well_formed(results, out)
    assert "import" in results["figures"]
    assert results["figures"]["kdf_unlock"]["value"] is not None
