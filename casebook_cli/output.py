"""What the command line prints: tables, one-line text, times, JSON safe for terminals.

User text may come from anyone (an imported document, a summary's signer): everything
printed goes through :func:`casebook.textview.terminal_text` or these escapes.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, BinaryIO, cast

if TYPE_CHECKING:
    from casebook_cli.session import Session

# The CLI's one rule for times (docs/input-rules.md); the app shows them in local time.
TIMES_NOTE = "Times are as recorded, with their UTC offset."


def when(time: str) -> str:
    """A stored time as the CLI shows it: ``2026-03-04 10:00 +01:00`` (its own offset)."""
    from datetime import datetime

    try:
        value = datetime.fromisoformat(time)
    except ValueError:
        return time
    offset = value.strftime("%z")  # +0100
    return value.strftime("%Y-%m-%d %H:%M") + (f" {offset[:3]}:{offset[3:5]}" if offset else "")


def one_line(text: str, width: int = 100) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def table(
    s: Session, header: Sequence[str], rows: Sequence[Sequence[str]], indent: str = ""
) -> None:
    rows = [tuple(one_line(str(cell)) for cell in row) for row in rows]
    widths = [max(len(str(h)), *(len(r[i]) for r in rows)) if rows else len(h)
              for i, h in enumerate(header)]  # fmt: skip
    for row in [tuple(header), *rows]:
        cells = [cell.ljust(widths[i]) for i, cell in enumerate(row[:-1])] + [row[-1]]
        s.print(indent + "  ".join(cells).rstrip())


@contextlib.contextmanager
def stdout_bytes(s: Session) -> Iterator[BinaryIO]:
    """The session's output as a binary stream (UTF-8), flushed at the end.

    Bidi controls and line separators are written as JSON ``\\u`` escapes (the same
    JSON value), as print_json does: this output may be a terminal.
    """
    buffer = getattr(s.out, "buffer", None)
    if buffer is not None:
        s.out.flush()
        yield cast(BinaryIO, _JsonEscaping(buffer))
        buffer.flush()
        return
    chunks = io.BytesIO()
    yield cast(BinaryIO, _JsonEscaping(chunks))
    s.out.write(chunks.getvalue().decode("utf-8"))


class _JsonEscaping:
    """Writes UTF-8 JSON text with the characters of session.JSON_UNSAFE as ``\\u`` escapes.

    Each write must hold whole characters (write_document writes whole strings).
    """

    _UNSAFE = re.compile(rb"\xe2\x80[\xa8-\xae]|\xe2\x81[\xa6-\xa9]")

    def __init__(self, out: BinaryIO) -> None:
        self._out = out

    def write(self, data: bytes) -> int:
        self._out.write(
            self._UNSAFE.sub(lambda m: f"\\u{ord(m.group().decode()):04x}".encode(), data)
        )
        return len(data)

    def flush(self) -> None:
        self._out.flush()
