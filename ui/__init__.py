"""Casebook's desktop app (PySide6): a thin shell over :class:`casebook.service.Notebook`.

Start-up is split so the unlock window appears fast: :mod:`ui.main` parses arguments
and runs early checks without Qt, then imports :mod:`ui.app` late.

Where things are:

* :mod:`ui.app` moves between the welcome (:mod:`ui.welcome`), unlock (:mod:`ui.unlock`)
  and main windows and locks; :mod:`ui.bridge` runs notebook work on one worker thread.
* :mod:`ui.mainwindow` composes the main window from its parts: the case list
  (:mod:`ui.case_pane`), the pages on the right (:mod:`ui.record_pane`: a case
  :mod:`ui.case_view`, a record :mod:`ui.editors`, actions due :mod:`ui.actions`, the
  reflective log :mod:`ui.reflections`, search :mod:`ui.search`), the summary and backup
  flows (:mod:`ui.export_flows`, work in :mod:`ui.exports`) and the menus and toolbar
  (:mod:`ui.menus`).
* :mod:`ui.models` is the base of the list models (each list's model sits beside its
  view); :mod:`ui.tables` the read-only table they show in; :mod:`ui.widgets` the small
  pieces dialogs are built from.
"""
