"""The search index is keyed newest first: moving a draft's event moves it in the results,
and nothing is left behind in the index when a draft moves or goes."""

from __future__ import annotations

DOC = {
    "format": "casebook/1",
    "cases": [
        {
            "ref": "K-1",
            "records": [
                {"id": f"k{i}", "kind": "session", "event_at": f"2026-0{i}-10T10:00:00+00:00",
                 "fields": {"narrative": f"Talked about the kestrel, visit {i}."}}
                for i in range(1, 6)
            ],
        }
    ],
}  # fmt: skip


def ids(hits) -> list[str]:
    return [h.record_id for h in hits]


def index_rows(notebook) -> int:
    return notebook.database.query_one("SELECT count(*) FROM search_index")[0]


def test_moving_a_drafts_event_moves_it_in_the_results(empty_notebook):
    empty_notebook.interchange.import_document(DOC)
    assert ids(empty_notebook.records.search("kestrel")) == ["k5", "k4", "k3", "k2", "k1"]
    empty_notebook.records.save_draft(
        "k1", {"event_at": "2026-09-10T10:00:00+02:00", "fields": {"narrative": "The kestrel."}}
    )
    assert ids(empty_notebook.records.search("kestrel")) == ["k1", "k5", "k4", "k3", "k2"]
    assert ids(empty_notebook.records.search("kes", limit=2)) == ["k1", "k5"]
    assert index_rows(empty_notebook) == 5


def test_deleting_a_moved_draft_leaves_no_index_entry(empty_notebook):
    empty_notebook.interchange.import_document(DOC)
    empty_notebook.records.save_draft("k2", {"event_at": "2020-01-01T00:00:00+00:00"})
    empty_notebook.records.delete_draft("k2")
    assert "k2" not in ids(empty_notebook.records.search("k"))
    assert index_rows(empty_notebook) == 4
    assert empty_notebook.database.query_one("SELECT count(*) FROM search_keys")[0] == 4
