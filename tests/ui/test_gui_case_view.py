"""Opening a case: one read of its records, columns that do not measure every row."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from guihelpers import PASSPHRASE, open_case, unlock, wait_idle
from PySide6.QtWidgets import QHeaderView

from ui.queries import case_overview, chronology_of


def test_the_chronology_drawn_from_the_records_matches_the_notebooks_own(notebook: Any) -> None:
    # Records at the same moment (one written with another offset) keep the core's order.
    for event_at in (
        "2026-03-05T09:00:00+00:00",
        "2026-03-05T10:00:00+01:00",
        "2026-03-05T09:00:00+00:00",
        "2026-01-01T08:00:00+00:00",
    ):
        notebook.records.create("C-1042", {"kind": "session", "event_at": event_at})
    for case in notebook.cases.list():
        records = notebook.records.list(case.ref)
        for significant in (False, True):
            mine = chronology_of(records, significant_only=significant)
            theirs = notebook.records.chronology(case.ref, significant_only=significant)
            assert [
                (s.id, s.event_at, s.kind, s.title, s.late, s.significant, s.status) for s in mine
            ] == [
                (e.record_id, e.event_at, e.kind, e.title, e.late, e.significant, e.status)
                for e in theirs
            ]


def test_opening_a_case_reads_its_records_once(notebook: Any, monkeypatch: Any) -> None:
    calls: list[str] = []
    for name in ("list", "chronology"):
        real = getattr(notebook.records, name)
        monkeypatch.setattr(
            notebook.records,
            name,
            lambda *a, _n=name, _r=real, **k: (calls.append(_n), _r(*a, **k))[1],
        )
    overview = case_overview(notebook, "C-1042")
    assert calls == ["list"]
    assert [e.id for e in overview.chronology] == [r.id for r in overview.records[::-1]]


def test_case_columns_are_not_sized_to_contents_and_dragged_widths_are_remembered(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    open_case(qtbot, main, "C-1042")
    view = main.case_view
    for table in (view.record_table, view.chronology_table, view.actions_table):
        header = table.horizontalHeader()
        modes = {header.sectionResizeMode(c) for c in range(header.count())}
        assert QHeaderView.ResizeMode.ResizeToContents not in modes
        assert QHeaderView.ResizeMode.Stretch in modes
    header = view.record_table.horizontalHeader()
    assert header.sectionResizeMode(1) == QHeaderView.ResizeMode.Interactive
    header.resizeSection(1, 333)
    main.close()
    qtbot.waitUntil(lambda: controller.notebook is None)

    again = make_controller(notebook_path)
    main = unlock(qtbot, again)
    assert main.case_view.record_table.horizontalHeader().sectionSize(1) == 333


def test_the_significant_filter_narrows_the_chronology_without_reading_the_notebook_again(
    notebook_path: Path, make_controller: Any, qtbot: Any, monkeypatch: Any
) -> None:
    from casebook.service import Notebook

    with Notebook.open(notebook_path, PASSPHRASE) as nb:
        nb.records.create(
            "C-1042",
            {"kind": "session", "event_at": "2026-02-02T10:00:00+00:00", "significant": True},
        )
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    open_case(qtbot, main, "C-1042")
    view = main.case_view
    records = view.records.rows()
    significant = [r.id for r in records[::-1] if r.significant]
    assert significant and len(significant) < len(records)  # the sample has both kinds
    reads: list[str] = []
    real = main.notebook.records.list
    monkeypatch.setattr(
        main.notebook.records, "list", lambda *a, **k: (reads.append("read"), real(*a, **k))[1]
    )

    view.significant_box.setChecked(True)
    assert [e.id for e in view.chronology.rows()] == significant
    view.significant_box.setChecked(False)
    assert len(view.chronology.rows()) == len(records)
    assert reads == []

    view.significant_box.setChecked(True)
    main.open_case("C-1042")  # a reload (after an edit, say) keeps the filter
    qtbot.waitUntil(lambda: reads == ["read"])
    wait_idle(qtbot, main)
    assert [e.id for e in view.chronology.rows()] == significant
