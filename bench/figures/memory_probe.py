"""Run in a fresh process by the ``memory`` figure; prints one JSON line.

    python bench/figures/memory_probe.py NOTEBOOK CASE_REF [--qt] [--searches]

Opens the notebook, lists the cases, opens the case, runs one search, and reports the
process's resident memory (VmRSS) and its peak (VmHWM). With ``--qt`` the results go
into the app's own views (offscreen) as the app would show them. With ``--searches``
the search figure's 200 queries run first, filling the page cache as a day of searching
would.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from casebook.service import Notebook
from figures.harness import PASSPHRASE, SEED


def _status_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _show(cases: Any, overview: Any, hits: Any) -> str:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ui.case_pane import CaseListModel
    from ui.case_view import CaseView
    from ui.search import SearchView

    app = QApplication.instance() or QApplication([])
    case_list = CaseListModel()
    case_list.set_cases(cases)
    view = CaseView()
    view.show_overview(overview)
    view.resize(1280, 800)
    view.show()
    search = SearchView()
    search.show_hits("safeguarding", hits)
    search.show()
    for _ in range(20):
        app.processEvents()
    _show.keep = (app, case_list, view, search)  # type: ignore[attr-defined]
    return "the app's CaseListModel, CaseView and SearchView (offscreen)"


def main() -> int:
    folder, ref = Path(sys.argv[1]), sys.argv[2]
    with_qt = "--qt" in sys.argv[3:]
    notebook = Notebook.open(folder, PASSPHRASE)
    try:
        if "--searches" in sys.argv[3:]:
            import generate

            for query in generate.search_queries(SEED):
                notebook.records.search(query)
        cases = notebook.cases.list()
        if with_qt:
            from ui.queries import case_overview

            overview: Any = case_overview(notebook, ref)
        else:
            overview = notebook.records.list(ref)
        hits = notebook.records.search("safeguarding")
        what = _show(cases, overview, hits) if with_qt else "the core (no Qt)"
        print(json.dumps({"rss_mb": _status_mb("VmRSS"), "hwm_mb": _status_mb("VmHWM"),
                          "what": what}))  # fmt: skip
    finally:
        notebook.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
