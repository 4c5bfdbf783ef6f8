"""Per-command overhead of the ``casebook`` CLI, and unlock time with the tuned KDF.

Creates throwaway notebooks in a temporary folder, then times whole ``casebook``
processes (start-up, unlock, query, exit) the way a script calling the CLI sees them.

    .venv/bin/python bench/cli_overhead.py [--runs 15] [--tuned]

``--tuned`` also creates a notebook with the scrypt parameters tuned for this machine
(0.5-1.0 s) and times unlocking it, in process and through the CLI. Without it every
notebook uses the cheap test KDF (``CASEBOOK_KDF_COST=test``), so the figures are the CLI's
own overhead. Nothing is asserted; figures are printed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PASSPHRASE = "bench passphrase"


def casebook_command() -> list[str]:
    script = Path(sys.executable).with_name("casebook")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "casebook_cli"]


def run(env: dict[str, str], *args: str, stdin: str = f"{PASSPHRASE}\n") -> float:
    start = time.perf_counter()
    result = subprocess.run(
        [*casebook_command(), *args], input=stdin.encode(), capture_output=True, env=env,
        check=False,
    )  # fmt: skip
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"casebook {' '.join(args)} failed: {result.stderr.decode()}")
    return elapsed


def describe(label: str, samples: list[float]) -> None:
    ms = sorted(s * 1000 for s in samples)
    print(f"{label:<44} median {statistics.median(ms):7.1f} ms   "
          f"min {ms[0]:7.1f}   max {ms[-1]:7.1f}   (n={len(ms)})")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--tuned", action="store_true", help="also time the tuned KDF")
    args = parser.parse_args()

    root = Path(tempfile.mkdtemp(prefix="casebook-bench-"))
    try:
        env = dict(os.environ, HOME=str(root), XDG_DATA_HOME=str(root / "data"),
                   TMPDIR=str(root), CASEBOOK_KDF_COST="test")  # fmt: skip
        env.pop("CASEBOOK_NOTEBOOK", None)
        nb = str(root / "bench.casebook")
        common = ["--notebook", nb, "--passphrase-stdin"]

        python_start = [
            _time_process([sys.executable, "-c", "pass"], env) for _ in range(args.runs)
        ]
        describe("python -c pass (interpreter start-up)", python_start)
        describe("casebook --version (imports, no notebook)",
                 [run(env, "--version", stdin="") for _ in range(args.runs)])  # fmt: skip
        describe("casebook init (test KDF)", [_init_once(env, root, i) for i in range(5)])
        run(env, *common, "init", "--name", "Bench")
        run(env, *common, "case", "add", "B-1", "--title", "Bench case")
        describe("casebook case list (test KDF)",
                 [run(env, *common, "case", "list") for _ in range(args.runs)])  # fmt: skip
        describe("casebook search x (test KDF)",
                 [run(env, *common, "search", "bench") for _ in range(args.runs)])  # fmt: skip
        describe(
            "casebook reflect (one write, test KDF)",
            [run(env, *common, "reflect", "--text", "x") for _ in range(args.runs)],
        )

        if args.tuned:
            tuned_env = dict(env)
            tuned_env.pop("CASEBOOK_KDF_COST")
            tuned = str(root / "tuned.casebook")
            start = time.perf_counter()
            run(tuned_env, "--notebook", tuned, "--passphrase-stdin", "init", "--name", "Bench")
            print(f"{'casebook init (tuned KDF, incl. calibration)':<44} "
                  f"{(time.perf_counter() - start) * 1000:7.1f} ms")  # fmt: skip
            _tuned_unlock(Path(tuned))
            describe("casebook case list (tuned KDF)",
                     [run(tuned_env, "--notebook", tuned, "--passphrase-stdin", "case", "list")
                      for _ in range(max(3, args.runs // 3))])  # fmt: skip
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _time_process(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def _init_once(env: dict[str, str], root: Path, i: int) -> float:
    folder = root / f"init-{i}.casebook"
    elapsed = run(env, "--notebook", str(folder), "--passphrase-stdin", "init", "--name", "B")
    shutil.rmtree(folder)
    return elapsed


def _tuned_unlock(folder: Path) -> None:
    from casebook import keyfile

    key_file = keyfile.read_key_file(folder / keyfile_name())
    samples = []
    for _ in range(3):
        start = time.perf_counter()
        keyfile.unlock_with_passphrase(key_file, PASSPHRASE)
        samples.append(time.perf_counter() - start)
    kdf = key_file.passphrase_kdf
    describe(f"unlock in process (scrypt n=2^{kdf.n.bit_length() - 1}, r={kdf.r})", samples)


def keyfile_name() -> str:
    from casebook.paths import KEY_FILE

    return KEY_FILE


if __name__ == "__main__":
    main()
