"""The models behind the lists: Qt's model tester, batching, filtering, threads."""

from __future__ import annotations

import threading
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex

from casebook.domain import (
    Action,
    Case,
    ChronologyEntry,
    Person,
    RecordSummary,
    Reflection,
    SearchHit,
)
from ui.actions import ActionListModel
from ui.case_pane import CaseListModel
from ui.case_view import ChronologyModel, PeopleModel, RecordListModel
from ui.reflections import ReflectionModel
from ui.search import SearchResultModel

AT = "2026-03-04T10:00:00+00:00"


def _summaries(n: int) -> list[RecordSummary]:
    return [
        RecordSummary(
            id=f"r{i}",
            case_ref="C-1",
            kind=("session", "child_work", "partner_support")[i % 3],
            title=f"Record {i}",
            event_at=AT,
            written_at=AT,
            status=("draft", "final")[i % 2],
            late=i % 5 == 0,
            significant=i % 7 == 0,
        )
        for i in range(n)
    ]


MODELS: dict[str, tuple[type, list[Any]]] = {
    "cases": (
        CaseListModel,
        [
            Case(1, "C-1", "Family A", "open", "2026-01-01", None, 3, AT),
            Case(2, "C-2", "Family B", "closed", "2025-01-01", "2025-06-01", 0),
        ],
    ),
    "records": (RecordListModel, _summaries(5)),
    "actions": (
        ActionListModel,
        [
            Action("Phone GP", "2020-01-01", False, 1, "r1", "C-1", "draft"),
            Action("Visit", None, True, 2, "r2", "C-2", "final"),
        ],
    ),
    "people": (
        PeopleModel,
        [
            Person(1, "C-1", "p1", "Łukasz Nowak", "subject", "", "1986-08-19", "Dr A"),
            Person(2, "C-1", "p2", "Agnieszka", "partner", "Aga"),
        ],
    ),
    "chronology": (
        ChronologyModel,
        [ChronologyEntry("r1", AT, "session", "Review session", True, True, "final")],
    ),
    "search": (
        SearchResultModel,
        [
            SearchHit(
                "r1", "C-1", "session", "Review <session>", AT, "final", False, "a \x02match\x03 b"
            )
        ],
    ),
    "reflections": (ReflectionModel, [Reflection(1, AT, "Hard day\nbut ok")]),
}


@pytest.mark.parametrize("name", sorted(MODELS))
def test_each_model_passes_qts_model_tester(name: str, qtmodeltester: Any) -> None:
    cls, rows = MODELS[name]
    model = cls()
    if isinstance(model, CaseListModel):
        model.set_filter(status=None)
        model.set_cases(rows)
    else:
        model.set_rows(rows)
    qtmodeltester.check(model, force_py=True)


def test_a_large_record_list_is_shown_in_batches_not_all_at_once(qtmodeltester: Any) -> None:
    model = RecordListModel()
    model.set_rows(_summaries(5000))
    assert model.rowCount() == model.BATCH
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * model.BATCH
    qtmodeltester.check(model, force_py=True)


def test_sorting_a_column_reorders_rows_in_the_model() -> None:
    model = RecordListModel()
    model.set_rows(_summaries(10))
    from PySide6.QtCore import Qt

    model.sort(0, Qt.SortOrder.DescendingOrder)
    titles = [model.row_at(i).title for i in range(model.rowCount())]
    assert titles == sorted(titles, key=str.casefold, reverse=True)


def test_the_case_list_filters_as_you_type_and_by_status() -> None:
    model = CaseListModel()
    model.set_cases(MODELS["cases"][1])
    assert [model.row_at(i).ref for i in range(model.rowCount())] == ["C-1"]
    model.set_filter(status=None)
    assert model.rowCount() == 2
    model.set_filter(text="family b")
    assert [model.row_at(i).ref for i in range(model.rowCount())] == ["C-2"]


def test_overdue_actions_are_marked_in_words_not_only_colour() -> None:
    model = ActionListModel()
    model.today = date(2026, 3, 1)
    model.set_rows(MODELS["actions"][1])
    assert model.index(0, 1).data().startswith("Overdue")
    assert not model.index(1, 1).data().startswith("Overdue")


def test_core_events_arrive_as_a_qt_signal_on_the_gui_thread(notebook: Any, qtbot: Any) -> None:
    from casebook.changes import ReflectionAdded
    from ui.bridge import Bridge

    bridge = Bridge(notebook)
    threads: list[threading.Thread] = []
    bridge.changed.connect(lambda change: threads.append(threading.current_thread()))
    with qtbot.waitSignal(bridge.changed, timeout=5000) as blocker:
        bridge.run(notebook.reflections.add, "From the worker thread")
    assert isinstance(blocker.args[0], ReflectionAdded)
    assert threads == [threading.main_thread()]
    bridge.detach()


def test_worker_results_come_back_in_order_on_the_gui_thread(qtbot: Any) -> None:
    from ui.bridge import Worker

    worker = Worker()
    seen: list[tuple[int, bool]] = []
    for i in range(5):
        worker.run(
            lambda i=i: i,
            on_done=lambda r: seen.append(
                (r, threading.current_thread() is threading.main_thread())
            ),
        )
    qtbot.waitUntil(lambda: len(seen) == 5)
    assert seen == [(i, True) for i in range(5)]
    errors: list[BaseException] = []
    worker.run(lambda: 1 / 0, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ZeroDivisionError)
