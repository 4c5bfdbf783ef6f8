"""The window reads each change notice as the views it touches (issue 15)."""

from __future__ import annotations

import pytest

from casebook.changes import (
    ActionChanged,
    CaseChanged,
    CaseDeleted,
    Change,
    EventChanged,
    ExplanationChanged,
    NotebookReloaded,
    PersonChanged,
    RecordChanged,
    RecordFinalised,
    RecordSaved,
    ReflectionAdded,
    RetentionDefaultChanged,
)
from ui.notices import saved_record, touched


@pytest.mark.parametrize(
    ("notice", "views"),
    [
        (CaseChanged("C-1"), {"case", "case:C-1"}),
        (CaseDeleted("C-1"), {"case", "record"}),
        (RetentionDefaultChanged(), set()),
        (PersonChanged("C-1", "p2"), {"person", "case:C-1"}),
        (RecordChanged("C-1", "r1"), {"record", "case:C-1"}),
        (RecordFinalised("C-1", "r1"), {"record", "case:C-1"}),
        (ActionChanged("C-1", "r1", 7), {"action", "case:C-1"}),
        (EventChanged("C-1", 4), {"case:C-1"}),
        (ReflectionAdded(3), {"reflection"}),
        (ExplanationChanged("C-1", "p1"), {"explanation"}),
        (NotebookReloaded(), {"notebook"}),
        (Change("record", "C-1", "r1"), {"record", "case:C-1"}),
        (Change("reflection"), {"reflection"}),
    ],
)
def test_each_notice_touches_only_the_views_that_show_it(notice: object, views: set[str]) -> None:
    assert touched(notice) == views
    assert saved_record(notice) is None


def test_an_autosave_touches_no_view_and_names_its_record_for_an_update_in_place() -> None:
    notice = RecordSaved("C-1", "r1")
    assert touched(notice) == set()
    assert saved_record(notice) == ("C-1", "r1")
