"""The PyInstaller bundle carries every font, licence and review word list Casebook reads."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _spec_resources() -> set[tuple[str, str]]:
    spec = (REPO / "packaging" / "casebook.spec").read_text(encoding="utf-8")
    match = re.search(r"^RESOURCES = \[.*?^\]\n", spec, re.MULTILINE | re.DOTALL)
    assert match, "packaging/casebook.spec no longer defines RESOURCES"
    scope: dict[str, object] = {"ROOT": REPO, "Path": Path}
    exec(match.group(0), scope)  # the spec's own list expression, nothing else
    return {(Path(src).relative_to(REPO).as_posix(), dest) for src, dest in scope["RESOURCES"]}  # type: ignore[attr-defined]


def test_the_package_bundles_every_font_licence_and_review_word_list() -> None:
    bundled = _spec_resources()
    for folder in ("fonts", "review"):
        for path in sorted((REPO / "resources" / folder).iterdir()):
            if path.suffix in (".ttf", ".txt"):
                entry = (path.relative_to(REPO).as_posix(), f"resources/{folder}")
                assert entry in bundled, path.name


def test_pip_install_carries_the_same_resources() -> None:
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '"share/casebook/fonts" = ["resources/fonts/*"]' in pyproject
    assert '"share/casebook/review" = ["resources/review/*.txt"]' in pyproject


def test_the_package_bundles_the_demo_caseload() -> None:
    bundled = _spec_resources()
    assert ("resources/demo/demo.json", "resources/demo") in bundled
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '"share/casebook/demo" = ["resources/demo/*"]' in pyproject
