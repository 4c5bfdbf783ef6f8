"""Decrypt every page of a SQLCipher 4 file (and its -wal) with the notebook's raw key.

Free pages and old WAL frames are decrypted too, which no SQL query reads: a test can
look for text that was deleted but might still be in the file. SQLCipher 4 defaults: 4096
byte pages, each ending in 80 reserved bytes (a 16-byte IV, then a 64-byte HMAC); the
first page's first 16 bytes are the salt; a raw key is the AES-256-CBC key itself.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE = 4096
RESERVE = 80
WAL_HEADER = 32
FRAME_HEADER = 24


def _decrypt_page(key: bytes, page: bytes, first: bool) -> bytes:
    start = 16 if first else 0
    iv = page[PAGE - RESERVE : PAGE - RESERVE + 16]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(page[start : PAGE - RESERVE]) + decryptor.finalize()


def database_pages(path: Path, key: bytes) -> list[bytes]:
    """Every page of the database file, decrypted (free pages included)."""
    data = path.read_bytes() if path.exists() else b""
    pages = [data[i : i + PAGE] for i in range(0, len(data) - PAGE + 1, PAGE)]
    return [_decrypt_page(key, page, i == 0) for i, page in enumerate(pages)]


def wal_pages(path: Path, key: bytes) -> list[bytes]:
    """Every frame's page in a -wal file, decrypted (frames already checkpointed too)."""
    data = path.read_bytes() if path.exists() else b""
    out = []
    offset = WAL_HEADER
    while offset + FRAME_HEADER + PAGE <= len(data):
        number = int.from_bytes(data[offset : offset + 4], "big")
        page = data[offset + FRAME_HEADER : offset + FRAME_HEADER + PAGE]
        out.append(_decrypt_page(key, page, number == 1))
        offset += FRAME_HEADER + PAGE
    return out


def plaintext(folder_db: Path, key: bytes) -> bytes:
    """The decrypted pages of the database and its -wal, joined."""
    wal = folder_db.with_name(folder_db.name + "-wal")
    return b"".join(database_pages(folder_db, key) + wal_pages(wal, key))
