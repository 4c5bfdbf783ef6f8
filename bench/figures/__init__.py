"""The benchmark's figures: each module measures a few of them side by side with plain sqlite3.

:mod:`figures.harness` holds what every figure shares (timing, the prepared notebook and
its plaintext twin); :mod:`figures.plain` is the stdlib-sqlite3 baseline; the other
modules each register their figures with :func:`figures.harness.figure`.
"""
