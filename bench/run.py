"""Run Casebook's benchmarks and write ``results.json`` and ``RESULTS.md``.

    python bench/run.py --size small|large [--out bench/results.json] [--only NAME ...]

``small`` is a quick check that everything runs (``make bench-quick``); ``large`` (200
cases, 100,000 records, 5,000 attachments) is the measurement (``make bench``). The
caseload is generated into ``bench/data/`` on first use; the ``import`` figure makes the
notebook the others work on, and without it the last one made is reused.
``RESULTS.md`` is written beside ``--out`` (by default ``bench/`` for ``large`` and
``bench/data/small/`` for ``small``). With ``--only``, the figures measured replace those
of the same size already in ``--out``.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
import time
import traceback
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH_DIR), str(BENCH_DIR.parent)]
# The benchmark notebooks use the cheap test KDF (the kdf figure measures the real one);
# without this switch Casebook refuses to read a key file below the scrypt floor.
os.environ.setdefault("CASEBOOK_KDF_COST", "test")

from figures import app, bulk, editing, keys, search, summary, writing  # noqa: E402, F401  (they register)
from figures.harness import GROUPS, Context, Figure, NotMeasured, ProductFailed, log  # noqa: E402
from figures.prepare import ensure_document, ensure_notebook  # noqa: E402
from figures.report import machine, markdown  # noqa: E402

ORDER = (
    "import", "kdf", "open", "save_draft", "finalise", "search", "open_case", "export_json",
    "cold_start", "summary", "passphrase", "backup", "memory", "audit_verify", "keystroke",
)  # fmt: skip


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Casebook benchmarks vs plain sqlite3.")
    parser.add_argument("--size", choices=("small", "large"), required=True)
    parser.add_argument("--out", type=Path,
                        help="results file, RESULTS.md is written beside it (default: "
                             "bench/results.json for large, bench/data/small/results.json "
                             "for small: a quick run never replaces the committed one)",
                        )  # fmt: skip
    parser.add_argument("--only", nargs="+", choices=ORDER, metavar="NAME",
                        help=f"run only these figure groups: {', '.join(ORDER)}")  # fmt: skip
    parser.add_argument("--data-dir", type=Path, default=BENCH_DIR / "data",
                        help="where the caseload and notebooks go (bench/data)")  # fmt: skip
    parser.add_argument("--render", action="store_true",
                        help="measure nothing: rewrite RESULTS.md from --out (after editing "
                             "bench/fixes.md)")  # fmt: skip
    parser.add_argument("--reuse-data", action="store_true",
                        help="use the caseload and notebook there even if the generator or the "
                             "schema changed since they were made")  # fmt: skip
    return parser.parse_args(argv)


# Run in a child process: the import holds the whole caseload in memory (GBs on large),
# which a Python process does not give back; the figures after it should not carry that.
IN_CHILD = {"import"}


def _in_child(name: str, ctx: Context) -> list[Figure]:
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def child() -> None:
        try:
            send.send(("ok", GROUPS[name](ctx), ctx.state))
        except BaseException as exc:
            send.send(("error", exc, traceback.format_exc()))

    process = context.Process(target=child)
    process.start()
    send.close()
    try:
        outcome, value, extra = receive.recv()
    except EOFError:
        process.join()
        raise RuntimeError(f"the {name} process died (exit code {process.exitcode})") from None
    process.join()
    if outcome == "error":
        print(extra, file=sys.stderr)
        raise value
    ctx.state.update(extra)
    return list(value)


def run_group(name: str, ctx: Context) -> tuple[list[Figure], bool]:
    """The group's figures, and whether it failed (a bug, not 'cannot be measured here')."""
    log(f"{name} ...")
    started = time.perf_counter()
    try:
        figures = _in_child(name, ctx) if name in IN_CHILD else GROUPS[name](ctx)
    except NotMeasured as exc:
        log(f"{name}: not measured: {exc}")
        return [Figure(name, None, "", note=f"not measured: {exc}")], False
    except ProductFailed as exc:
        log(f"{name}: the product failed: {exc}")
        return [Figure(name, None, "", note=f"FAILED: {exc}", failed=True)], False
    except Exception as exc:
        traceback.print_exc()
        return [Figure(name, None, "", note=f"failed: {type(exc).__name__}: {exc}")], True
    for f in figures:
        ratio = f" ({f.ratio:.2f}x plain)" if f.ratio else ""
        log(f"  {f.name}: {f.value:.4g} {f.unit}{ratio}  goal {f.goal}  met={f.met}")
    log(f"{name} took {time.perf_counter() - started:.1f} s")
    return figures, False


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.out is None:
        quick = args.data_dir / "small" / "results.json"
        args.out = BENCH_DIR / "results.json" if args.size == "large" else quick
    if args.render:
        args.out.with_name("RESULTS.md").write_text(markdown(json.loads(args.out.read_text())))
        return 0
    selected = [n for n in ORDER if not args.only or n in args.only]
    ctx = Context(size=args.size, data_dir=args.data_dir.resolve())
    load_before = _load()
    started = time.perf_counter()
    ensure_document(ctx, reuse=args.reuse_data)
    if "import" not in selected:
        ensure_notebook(ctx, reuse=args.reuse_data)
    measured: dict[str, dict[str, object]] = {}
    failed = False
    for name in selected:
        figures, broke = run_group(name, ctx)
        failed |= broke
        for f in figures:
            measured[f.name] = {**f.to_json(), "group": name}
    results = _merge(args.out, args.size, measured, bool(args.only))
    results.update(
        size=args.size,
        command=" ".join(["python bench/run.py", *(argv if argv is not None else sys.argv[1:])]),
        finished=time.strftime("%Y-%m-%d %H:%M:%S %z"),
        seconds=round(time.perf_counter() - started, 1),
        load_before=load_before,
        load_after=_load(),
        machine=machine(),
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    args.out.with_name("RESULTS.md").write_text(markdown(results))
    log(f"wrote {args.out} and {args.out.with_name('RESULTS.md')} in {results['seconds']} s")
    return 1 if failed else 0


def _merge(out: Path, size: str, measured: dict[str, dict[str, object]], partial: bool) -> dict:
    """With ``--only``, keep the other figures of the same size from the previous results."""
    figures: dict[str, dict[str, object]] = {}
    if partial and out.exists():
        try:
            previous = json.loads(out.read_text())
        except ValueError:
            previous = {}
        if previous.get("size") == size:
            groups = {m["group"] for m in measured.values()}
            figures = {
                k: v for k, v in previous.get("figures", {}).items() if v.get("group") not in groups
            }
    figures.update(measured)
    order = {name: i for i, name in enumerate(ORDER)}
    ordered = sorted(figures.items(), key=lambda kv: order.get(str(kv[1].get("group")), 99))
    return {"figures": dict(ordered)}


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


if __name__ == "__main__":
    sys.exit(main())
