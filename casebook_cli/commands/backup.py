"""``casebook backup`` (and ``backup --verify``) and ``casebook restore``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from casebook import paths
from casebook_cli.session import Handler, Session


def add_parsers(sub: Any) -> None:
    p = sub.add_parser(
        "backup",
        help="write an encrypted backup of the notebook to OUT",
        description="Write OUT.casebook-backup: the notebook's database file copied as it is "
        "(its pages are encrypted already; nothing is decrypted), its key file and a manifest "
        "with SHA-256 sums and the audit head. Writes wait while the copy is made.",
    )
    p.add_argument("out", metavar="OUT")
    p.add_argument("--verify", action="store_true", help="check the backup OUT; restore nothing")
    p = sub.add_parser("restore", help="restore a backup (the current notebook is kept aside)")
    p.add_argument("backup", metavar="BACKUP")
    p.add_argument("--to", metavar="PATH", help="restore to PATH (default: --notebook)")


def _backup(s: Session, args: argparse.Namespace) -> int:
    from casebook.backup import backup_notebook, backup_path, verify_backup

    if args.verify:
        report = verify_backup(backup_path(Path(args.out)), s.secret("Passphrase"))
        s.print(f"Backup verified: {report.path} (made {report.created}); "
                f"{report.records} records, {report.audit_entries} audit entries, "
                f"{report.size:,} bytes.")  # fmt: skip
        if report.audit_head is not None:
            s.print(f"Audit head: entry {report.audit_head.seq}, "
                    f"{report.audit_head.hash}")  # fmt: skip
        return 0
    with s.open() as notebook:
        written = backup_notebook(notebook, Path(args.out))
    s.print(f"Backup written: {written} ({written.stat().st_size:,} bytes, encrypted).")
    return 0


def _restore(s: Session, args: argparse.Namespace) -> int:
    from casebook.backup import restore_backup

    target = paths.notebook_folder(args.to) if args.to else s.folder
    aside = restore_backup(Path(args.backup), s.secret("Passphrase of the backup"), target)
    s.print(f"Restored to {target}.")
    if aside:
        s.print(f"The notebook that was there is kept at {aside}.")
    return 0


HANDLERS: dict[str, Handler] = {
    "backup": _backup,
    "restore": _restore,
}
