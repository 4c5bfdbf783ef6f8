"""A fresh machine: `make run` installs what the app needs and says what is missing."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


def _make(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(REPO), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )


def _install_lines(target: str, venv: Path) -> list[str]:
    dry = _make("-n", target, f"VENV={venv}")
    assert dry.returncode == 0, dry.stderr
    return [line for line in dry.stdout.splitlines() if " install " in line]


def test_make_run_installs_the_app_without_the_test_extras_and_shows_pips_progress(
    tmp_path: Path,
) -> None:
    lines = _install_lines("run", tmp_path / "venv")
    assert any(
        line.rstrip().endswith("install --constraint constraints.txt -e .") for line in lines
    ), lines
    assert not any("[test]" in line or "[dev]" in line for line in lines), lines
    assert not any("--quiet" in line or " -q" in line for line in lines), lines


def test_make_test_adds_the_test_extras_on_top_of_the_app(tmp_path: Path) -> None:
    lines = _install_lines("test", tmp_path / "venv")
    assert any(
        line.rstrip().endswith("install --constraint constraints.txt -e .") for line in lines
    ), lines
    assert any("'.[test]'" in line for line in lines), lines


def test_every_install_takes_the_versions_the_suite_passed_with(tmp_path: Path) -> None:
    for target in ("run", "test", "lint", "package"):
        lines = [line for line in _install_lines(target, tmp_path / "venv") if "-e " in line]
        assert lines, target
        assert all("--constraint constraints.txt" in line for line in lines), (target, lines)


def test_constraints_pin_every_dependency_and_extra_within_what_pyproject_allows() -> None:
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    pinned: dict[str, str] = {}
    for line in (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"not a pin: {line!r}"
            pinned[canonicalize_name(name)] = version
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = list(project["dependencies"])
    wanted += [req for extra in project["optional-dependencies"].values() for req in extra]
    for text in wanted:
        req = Requirement(text)
        version = pinned.get(canonicalize_name(req.name))
        assert version, f"{req.name} is not in constraints.txt: run make constraints"
        assert req.specifier.contains(version, prereleases=True), (text, version)


def test_make_names_the_debian_venv_package_when_python_cannot_make_a_venv(
    tmp_path: Path,
) -> None:
    # A Python like Debian's without python3-venv: `-m venv` leaves a half-made folder and
    # fails about ensurepip; everything else is the real interpreter.
    fake = tmp_path / "python3"
    fake.write_text(
        "#!/bin/sh\n"
        'if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then\n'
        '    mkdir -p "$3/bin"\n'
        '    echo "The virtual environment was not created successfully because ensurepip'
        ' is not available." >&2\n'
        "    exit 1\n"
        "fi\n"
        f'exec "{sys.executable}" "$@"\n',
        encoding="utf-8",
    )
    fake.chmod(0o755)
    venv = tmp_path / "venv"
    env = {**os.environ, "PATH": f"{tmp_path}:{os.environ.get('PATH', '')}"}
    result = _make("run", f"PYTHON={fake}", f"VENV={venv}", env=env)
    assert result.returncode != 0
    package = f"python{sys.version_info[0]}.{sys.version_info[1]}-venv"
    assert f"apt-get install {package}" in result.stderr, result.stderr
    assert "venv module is missing" in result.stderr
    assert not venv.exists(), "a half-made venv would make the next `make run` skip the step"


def test_the_licence_is_a_plain_string_as_setuptools_asks_no_deprecated_table() -> None:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert isinstance(pyproject["project"]["license"], str)
    assert not any(c.startswith("License ::") for c in pyproject["project"].get("classifiers", []))
    # A license string (PEP 639) needs setuptools 77 or later in the build environment.
    versions = [
        int(match.group(1))
        for req in pyproject["build-system"]["requires"]
        if (match := re.fullmatch(r"setuptools>=(\d+)(\.\d+)*", req.replace(" ", "")))
    ]
    assert versions and versions[0] >= 77, pyproject["build-system"]["requires"]
