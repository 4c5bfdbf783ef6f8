"""Decrypt every page of a SQLCipher 4 file (and its -wal) with the notebook's raw key.

Free pages and old WAL frames are decrypted too, which no SQL query reads: a test can
look for text that was deleted but might still be in the file. SQLCipher 4: 4096 byte
pages, each ending in reserved bytes: a 16-byte IV, then the page's HMAC (64 bytes with
HMAC-SHA512, SQLCipher's default; 32 with HMAC-SHA256, what new notebooks use; the key
file says which); the first page's first 16 bytes are the salt; a raw key is the AES-256-CBC
key itself.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE = 4096
IV = 16
HMAC_BYTES = {"HMAC_SHA256": 32, "HMAC_SHA512": 64}
WAL_HEADER = 32
FRAME_HEADER = 24


def _decrypt_page(key: bytes, page: bytes, first: bool, page_hmac: str) -> bytes:
    start = 16 if first else 0
    reserve = IV + HMAC_BYTES[page_hmac]
    iv = page[PAGE - reserve : PAGE - reserve + IV]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(page[start : PAGE - reserve]) + decryptor.finalize()


def database_pages(path: Path, key: bytes, page_hmac: str) -> list[bytes]:
    """Every page of the database file, decrypted (free pages included)."""
    data = path.read_bytes() if path.exists() else b""
    pages = [data[i : i + PAGE] for i in range(0, len(data) - PAGE + 1, PAGE)]
    return [_decrypt_page(key, page, i == 0, page_hmac) for i, page in enumerate(pages)]


def wal_pages(path: Path, key: bytes, page_hmac: str) -> list[bytes]:
    """Every frame's page in a -wal file, decrypted (frames already checkpointed too)."""
    data = path.read_bytes() if path.exists() else b""
    out = []
    offset = WAL_HEADER
    while offset + FRAME_HEADER + PAGE <= len(data):
        number = int.from_bytes(data[offset : offset + 4], "big")
        page = data[offset + FRAME_HEADER : offset + FRAME_HEADER + PAGE]
        out.append(_decrypt_page(key, page, number == 1, page_hmac))
        offset += FRAME_HEADER + PAGE
    return out


def plaintext(folder_db: Path, key: bytes, page_hmac: str) -> bytes:
    """The decrypted pages of the database and its -wal, joined."""
    wal = folder_db.with_name(folder_db.name + "-wal")
    return b"".join(database_pages(folder_db, key, page_hmac) + wal_pages(wal, key, page_hmac))
