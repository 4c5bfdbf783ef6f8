"""The machine's details and the two outputs: ``results.json`` and ``RESULTS.md``."""

from __future__ import annotations

import os
import platform
import sqlite3
from importlib import metadata
from pathlib import Path
from typing import Any

from figures.harness import BENCH_DIR

FIXES = BENCH_DIR / "fixes.md"


def machine() -> dict[str, Any]:
    """CPU, cores, memory and the versions that matter to the figures."""
    import sqlcipher3

    conn = sqlcipher3.connect(":memory:")
    cipher = conn.execute("PRAGMA cipher_version").fetchone()[0]
    cipher_sqlite = conn.execute("SELECT sqlite_version()").fetchone()[0]
    conn.close()
    info: dict[str, Any] = {
        "cpu": _cpuinfo("model name") or platform.processor() or platform.machine(),
        "cores": os.cpu_count(),
        "ram_gb": round(_meminfo_kb("MemTotal") / 1024 / 1024, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "sqlite3_stdlib": sqlite3.sqlite_version,
        "sqlcipher": f"{cipher} on SQLite {cipher_sqlite}",
    }
    for dist in ("sqlcipher3", "cryptography", "PySide6-Essentials", "pyHanko", "reportlab"):
        try:
            info[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            info[dist] = None
    return info


def _cpuinfo(field: str) -> str | None:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith(field):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return None


def _meminfo_kb(field: str) -> int:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _fmt(x: Any) -> str:
    if x is None:
        return "—"
    if isinstance(x, float):
        return f"{x:,.3g}" if abs(x) < 1000 else f"{x:,.0f}"
    return str(x)


_MET = {True: "yes", False: "**no**", None: "—"}


def markdown(results: dict[str, Any]) -> str:
    """``RESULTS.md``: machine, every figure against its goal, fixes, what was not measured."""
    m = results["machine"]
    lines = [
        "# Casebook benchmark results",
        "",
        f"Written by `bench/run.py` ({results['command']}) on {results['finished']}; "
        f"caseload `{results['size']}`. Every figure is measured in one process beside the "
        "same work on plain stdlib `sqlite3` (same schema and pragmas, no key) where a "
        "baseline exists; *ratio* is Casebook / plain.",
        "",
        "## Machine",
        "",
        "| | |",
        "| --- | --- |",
        f"| CPU | {m['cpu']} |",
        f"| Cores | {m['cores']} (shared with other work while measuring; "
        f"load average {results['load_before']} before, {results['load_after']} after) |",
        f"| RAM | {m['ram_gb']} GB |",
        f"| OS | {m['os']} |",
        f"| Python | {m['python']} |",
        f"| SQLCipher (sqlcipher3 {m['sqlcipher3']}) | {m['sqlcipher']} |",
        f"| stdlib sqlite3 (baseline) | SQLite {m['sqlite3_stdlib']} |",
        f"| cryptography / PySide6 / pyHanko / reportlab | {m['cryptography']} / "
        f"{m['PySide6-Essentials']} / {m['pyHanko']} / {m['reportlab']} |",
        "",
        "## Figures",
        "",
        "| Figure | Casebook | Plain sqlite3 | Ratio | Goal | Met | Notes |",
        "| --- | ---: | ---: | ---: | --- | :---: | --- |",
    ]
    not_measured = []
    for name, f in results["figures"].items():
        if f["value"] is None and f.get("met") is not False:
            not_measured.append(f"- `{name}`: {f['note']}")
            continue
        unit = f" {f['unit']}" if f["unit"] else ""
        baseline = _fmt(f["baseline"]) + unit if f["baseline"] is not None else "—"
        ratio = f"{f['ratio']:.2f}" if f["ratio"] is not None else "—"
        lines.append(
            f"| `{name}` | {_fmt(f['value'])}{unit} | {baseline} | {ratio} | {f['goal'] or '—'} | "
            f"{_MET[f['met']]} | {f['note']} |"
        )
    if not_measured:
        lines += ["", "## Not measured", "", *not_measured]
    if FIXES.exists():
        lines += ["", FIXES.read_text().strip()]
    return "\n".join(lines) + "\n"
