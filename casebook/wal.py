"""Check a left-over write-ahead log before SQLite replays it.

After a crash the ``-wal`` file holds committed transactions not yet copied into the
database. SQLite replays frames up to the first one whose checksum fails and silently
drops the rest, which is right for a write torn by the crash (that transaction never
committed) but would silently lose committed work if the file was damaged later. So
before opening, we walk the frames ourselves (the format is documented at
https://www.sqlite.org/fileformat2.html#walformat) and refuse the notebook when:

* a frame fails its checksum but later whole frames of the same log follow it, or
* the shared-memory index (``-shm``) says more frames were committed than are intact.

Either way the WAL is left exactly as found, for a backup restore or an expert.
"""

from __future__ import annotations

import struct
from pathlib import Path

from casebook.errors import NotebookDamaged

WAL_HEADER = 32
FRAME_HEADER = 24
_MAGIC_LE, _MAGIC_BE = 0x377F0682, 0x377F0683
_SHM_HEADER = 48


def check_wal(db_path: Path) -> None:
    """Raise :class:`NotebookDamaged` if ``db_path``'s WAL lost committed frames."""
    wal_path = db_path.with_name(db_path.name + "-wal")
    try:
        wal = wal_path.read_bytes()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise NotebookDamaged(wal_path, f"the log cannot be read: {exc.strerror}") from None
    if len(wal) < WAL_HEADER:
        if committed_frames(db_path, None) > 0:
            raise NotebookDamaged(wal_path, "the write-ahead log is truncated")
        return
    magic, _version, page_size, _seq, salt1, salt2, c1, c2 = struct.unpack(">8I", wal[:32])
    if magic not in (_MAGIC_LE, _MAGIC_BE) or page_size < 512 or page_size & (page_size - 1):
        if committed_frames(db_path, None) > 0:
            raise NotebookDamaged(wal_path, "the write-ahead log's header is damaged")
        return  # SQLite ignores a log with no valid header; nothing committed is in it
    big_endian = magic == _MAGIC_BE
    s0, s1 = _checksum(wal[:24], 0, 0, big_endian)
    if (s0, s1) != (c1, c2):
        # The salts themselves may be what is damaged: trust the index without them.
        if committed_frames(db_path, None) > 0:
            raise NotebookDamaged(wal_path, "the write-ahead log's header is damaged")
        return
    frame_size = FRAME_HEADER + page_size
    frames = (len(wal) - WAL_HEADER) // frame_size
    valid = 0
    for index in range(frames):
        offset = WAL_HEADER + index * frame_size
        header = wal[offset : offset + FRAME_HEADER]
        _page, _commit, f_salt1, f_salt2, f_c1, f_c2 = struct.unpack(">6I", header)
        if (f_salt1, f_salt2) != (salt1, salt2):
            break  # the rest belongs to an older log: ignored by SQLite, rightly
        s0, s1 = _checksum(header[:8], s0, s1, big_endian)
        s0, s1 = _checksum(wal[offset + FRAME_HEADER : offset + frame_size], s0, s1, big_endian)
        if (s0, s1) != (f_c1, f_c2):
            if _later_frame_of_same_log(wal, index + 1, frames, frame_size, salt1, salt2):
                raise NotebookDamaged(
                    wal_path, f"frame {index + 1} of the write-ahead log is damaged"
                )
            break
        valid = index + 1
    if committed_frames(db_path, wal[16:24]) > valid:
        raise NotebookDamaged(wal_path, "the write-ahead log is missing committed frames")


def _later_frame_of_same_log(
    wal: bytes, start: int, frames: int, frame_size: int, salt1: int, salt2: int
) -> bool:
    for index in range(start, frames):
        offset = WAL_HEADER + index * frame_size
        if struct.unpack(">2I", wal[offset + 8 : offset + 16]) == (salt1, salt2):
            return True
    return False


def committed_frames(db_path: Path, salts: bytes | None) -> int:
    """How many frames of the log hold committed work not yet copied into the database.

    That is ``mxFrame`` from the WAL index (``-shm``) when the index is whole, belongs
    to this log and has not backfilled them all; else 0 (SQLite rebuilds such an index).

    Args:
        salts: the log header's salt bytes; the index's copy is compared byte for byte.
    """
    shm_path = db_path.with_name(db_path.name + "-shm")
    try:
        with open(shm_path, "rb") as handle:
            raw = handle.read(2 * _SHM_HEADER + 8)
    except OSError:
        return 0
    if len(raw) < 2 * _SHM_HEADER + 8 or raw[:_SHM_HEADER] != raw[_SHM_HEADER : 2 * _SHM_HEADER]:
        return 0  # mid-update or never written: SQLite rebuilds it, so do we
    for order in ("<", ">"):
        version, _unused, _change, is_init, _big, _page = struct.unpack(order + "3IBBH", raw[:16])
        if version == 3007000 and is_init:
            (mx_frame,) = struct.unpack(order + "I", raw[16:20])
            if salts is not None and raw[32:40] != salts:
                return 0
            (backfilled,) = struct.unpack(order + "I", raw[96:100])
            return int(mx_frame) if mx_frame > backfilled else 0
    return 0


def _checksum(data: bytes, s0: int, s1: int, big_endian: bool) -> tuple[int, int]:
    """SQLite's WAL checksum, continued from (s0, s1) over ``data`` (a multiple of 8)."""
    words = struct.unpack((">" if big_endian else "<") + f"{len(data) // 4}I", data)
    mask = 0xFFFFFFFF
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & mask
        s1 = (s1 + words[i + 1] + s0) & mask
    return s0, s1
