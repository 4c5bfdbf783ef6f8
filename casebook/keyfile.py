"""The notebook's key file: a random data key wrapped under the passphrase and a recovery key.

The database is encrypted with a random 256-bit *data key* passed raw to SQLCipher. The
key file stores that data key twice, each wrapped with AES-256-GCM:

* under a key derived from the passphrase with scrypt (memory-hard; parameters stored
  beside it and tuned at creation to take 0.5-1.0 s on this machine), and
* under a key derived with HKDF from a random 160-bit *recovery key* that is shown once.

A SHA-256 checksum over the whole file tells damage apart from a wrong passphrase:
damage fails the checksum, a wrong passphrase passes it and then fails the GCM tag.
So "Wrong passphrase" is decided from the key file alone, before the database is opened.
Changing the passphrase rewrites only this file (atomically); the database is untouched
unless a new data key is asked for (see :mod:`casebook.rekey`).

The checksum is no defence against someone who edits the file on purpose, so the scrypt
cost it names is bounded when it is read, before any key derivation runs: a floor (an
edited file must not make guessing cheap) and a ceiling (nor make unlocking hang or
exhaust memory). Every rewrap tunes fresh parameters and never copies the stored ones.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from casebook.atomic import write_atomic
from casebook.errors import InvalidInput, NewerNotebook, NotebookDamaged, WrongPassphrase

KEY_FILE_FORMAT = "casebook-key/2"
# casebook-key/1 files are read as before: their notebook's pages use SQLCipher 4's
# default HMAC (see PAGE_HMACS). The wrapped keys' associated data keeps naming format 1,
# so a key file moves from 1 to 2 without unwrapping anything.
_KEY_FILE_FORMAT_1 = "casebook-key/1"
_WRAP_AAD_FORMAT = _KEY_FILE_FORMAT_1
# The HMAC SQLCipher keeps beside every page of the database (PRAGMA
# cipher_hmac_algorithm), as the key file names it. A notebook made since issue 19 uses
# HMAC-SHA256: the same AES-256 pages, with a 256-bit HMAC computed by the CPU's SHA
# instructions where it has them (40 % less time per page read from disk than SQLCipher
# 4's default HMAC-SHA512, bench/RESULTS.md). Older notebooks keep the default.
PAGE_HMAC_SHA256 = "HMAC_SHA256"
PAGE_HMAC_SHA512 = "HMAC_SHA512"
PAGE_HMACS = (PAGE_HMAC_SHA256, PAGE_HMAC_SHA512)
NEW_PAGE_HMAC = PAGE_HMAC_SHA256
DATA_KEY_BYTES = 32
RECOVERY_KEY_BYTES = 20  # 160 bits: 32 base32 characters, 8 groups of 4
MIN_UNLOCK_SECONDS = 0.5
# Bounds on the scrypt cost a key file may name. Memory is 128 * n * r bytes and time
# grows with n * r * p, so the ceilings keep both at or below the costliest parameters
# tuned_scrypt() can choose (n = 2^20, r = 8, p = 1: 1 GiB, about 2 s on a laptop).
MIN_SCRYPT_N = 2**17  # 128 MiB: STACK_NOTES measures 0.27 s here
MIN_SCRYPT_R = 8
MAX_SCRYPT_N = 2**20  # 1 GiB of memory: the ceiling on any laptop
MAX_SCRYPT_R = 32
MAX_SCRYPT_P = 16
MAX_SCRYPT_WORK = MAX_SCRYPT_N * 8  # n * r * p
# Tests set CASEBOOK_KDF_COST=test to create notebooks with a cheap KDF; never in use.
KDF_COST_ENV = "CASEBOOK_KDF_COST"


@dataclass(frozen=True)
class ScryptParams:
    """scrypt cost parameters, stored in the key file so they can be raised later."""

    n: int
    r: int = 8
    p: int = 1

    def derive(self, secret: bytes, salt: bytes) -> bytes:
        """Derive a 256-bit wrapping key from ``secret``."""
        kdf = Scrypt(salt=salt, length=32, n=self.n, r=self.r, p=self.p)
        return kdf.derive(secret)


TEST_SCRYPT = ScryptParams(n=2**10)


def kdf_cost_is_test() -> bool:
    """Whether ``CASEBOOK_KDF_COST=test`` is set (the test suite's cheap scrypt)."""
    return os.environ.get(KDF_COST_ENV) == "test"


def scrypt_params_problem(params: ScryptParams) -> str | None:
    """Why a key file may not use ``params``, in plain words; None if they are in bounds.

    The floor is ``n >= 2^17, r >= 8`` (``n >= 2^10`` while ``CASEBOOK_KDF_COST=test``
    is set, so the suite's notebooks stay readable); the ceilings always apply.
    """
    n, r, p = params.n, params.r, params.p
    shown = f"scrypt n={n}, r={r}, p={p}"
    if n < 2 or n & (n - 1) or r < 1 or p < 1:
        return f"its passphrase protection ({shown}) is not a valid scrypt cost"
    min_n = TEST_SCRYPT.n if kdf_cost_is_test() else MIN_SCRYPT_N
    if n < min_n or r < MIN_SCRYPT_R:
        return f"its passphrase protection ({shown}) is weaker than Casebook allows"
    if n > MAX_SCRYPT_N or r > MAX_SCRYPT_R or p > MAX_SCRYPT_P or n * r * p > MAX_SCRYPT_WORK:
        return f"its passphrase protection ({shown}) is costlier than Casebook allows"
    return None


def tuned_scrypt(target_seconds: float = MIN_UNLOCK_SECONDS) -> ScryptParams:
    """The cheapest scrypt cost (a power of two) that takes at least ``target_seconds`` here.

    Each doubling of ``n`` doubles the time, so the result lands between 0.5 and 1.0 s.
    Calibrating costs about as much again as one unlock, at creation and at every rewrap.
    Never below the floor :func:`scrypt_params_problem` enforces on reading.
    Honours ``CASEBOOK_KDF_COST=test`` (cheap parameters for the test suite only).
    """
    if kdf_cost_is_test():
        return TEST_SCRYPT
    salt = secrets.token_bytes(16)
    n = MIN_SCRYPT_N
    while n < MAX_SCRYPT_N:
        params = ScryptParams(n=n)
        start = time.perf_counter()
        params.derive(b"calibration", salt)
        elapsed = time.perf_counter() - start
        if elapsed >= target_seconds:
            break
        # Skip straight past steps that cannot reach the target.
        n *= 2 if elapsed * 4 >= target_seconds else 4
    return ScryptParams(n=min(n, MAX_SCRYPT_N))


@dataclass(frozen=True)
class KeyFile:
    """The parsed key file; immutable, write with :func:`write_key_file`."""

    created: str
    passphrase_kdf: ScryptParams
    passphrase_salt: bytes
    passphrase_nonce: bytes
    passphrase_wrapped: bytes
    recovery_salt: bytes
    recovery_nonce: bytes
    recovery_wrapped: bytes
    # The HMAC of the database's pages (one of PAGE_HMACS); casebook-key/1: SHA512.
    page_hmac: str = PAGE_HMAC_SHA512

    def to_bytes(self) -> bytes:
        """Serialise with its checksum."""
        body = self._body()
        body["checksum"] = _checksum(body)
        return (json.dumps(body, indent=2, sort_keys=True) + "\n").encode("ascii")

    def _body(self) -> dict[str, Any]:
        return {
            "format": KEY_FILE_FORMAT,
            "created": self.created,
            "passphrase": {
                "kdf": {
                    "name": "scrypt",
                    "n": self.passphrase_kdf.n,
                    "r": self.passphrase_kdf.r,
                    "p": self.passphrase_kdf.p,
                    "salt": _b64(self.passphrase_salt),
                },
                "nonce": _b64(self.passphrase_nonce),
                "wrapped_key": _b64(self.passphrase_wrapped),
            },
            "recovery": {
                "kdf": {"name": "hkdf-sha256", "salt": _b64(self.recovery_salt)},
                "nonce": _b64(self.recovery_nonce),
                "wrapped_key": _b64(self.recovery_wrapped),
            },
            "database": {"cipher": "sqlcipher4", "page_hmac": self.page_hmac},
        }


def new_key_file(
    passphrase: str, kdf: ScryptParams, created: str, page_hmac: str = NEW_PAGE_HMAC
) -> tuple[bytes, str, KeyFile]:
    """A fresh data key wrapped under ``passphrase`` and a new recovery key.

    Returns:
        (data key, recovery key as shown to the user, key file)

    Raises:
        InvalidInput: ``kdf`` is outside the bounds a key file may use.
    """
    _refuse_out_of_bounds(kdf)
    data_key = secrets.token_bytes(DATA_KEY_BYTES)
    recovery_secret = secrets.token_bytes(RECOVERY_KEY_BYTES)
    p_salt, p_nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    r_salt, r_nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    p_wrapped = AESGCM(kdf.derive(_passphrase_bytes(passphrase), p_salt)).encrypt(
        p_nonce, data_key, _aad("passphrase")
    )
    r_wrapped = AESGCM(_recovery_wrapping_key(recovery_secret, r_salt)).encrypt(
        r_nonce, data_key, _aad("recovery")
    )
    key_file = KeyFile(
        created=created,
        passphrase_kdf=kdf,
        passphrase_salt=p_salt,
        passphrase_nonce=p_nonce,
        passphrase_wrapped=p_wrapped,
        recovery_salt=r_salt,
        recovery_nonce=r_nonce,
        recovery_wrapped=r_wrapped,
        page_hmac=page_hmac,
    )
    return data_key, format_recovery_key(recovery_secret), key_file


def rewrap_passphrase(
    key_file: KeyFile, data_key: bytes, new_passphrase: str, kdf: ScryptParams
) -> KeyFile:
    """The same key file with the data key wrapped under a new passphrase (fresh salt).

    Args:
        kdf: the scrypt cost to use, normally a fresh :func:`tuned_scrypt`; the stored
            cost is never reused, so a lowered one cannot outlive a rewrap.

    Raises:
        InvalidInput: ``kdf`` is outside the bounds a key file may use.
    """
    _refuse_out_of_bounds(kdf)
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    wrapped = AESGCM(kdf.derive(_passphrase_bytes(new_passphrase), salt)).encrypt(
        nonce, data_key, _aad("passphrase")
    )
    return KeyFile(
        created=key_file.created,
        passphrase_kdf=kdf,
        passphrase_salt=salt,
        passphrase_nonce=nonce,
        passphrase_wrapped=wrapped,
        recovery_salt=key_file.recovery_salt,
        recovery_nonce=key_file.recovery_nonce,
        recovery_wrapped=key_file.recovery_wrapped,
        page_hmac=key_file.page_hmac,
    )


def rewrap_recovery(key_file: KeyFile, data_key: bytes) -> tuple[KeyFile, str]:
    """The same key file with the data key wrapped under a new recovery key.

    The old recovery key no longer opens this key file (copies of the old file, in
    backups, still open with it: they hold the same data key until a rekey).

    Returns:
        (the new key file, the new recovery key as shown to the user)
    """
    secret = secrets.token_bytes(RECOVERY_KEY_BYTES)
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    wrapped = AESGCM(_recovery_wrapping_key(secret, salt)).encrypt(
        nonce, data_key, _aad("recovery")
    )
    updated = KeyFile(
        created=key_file.created,
        passphrase_kdf=key_file.passphrase_kdf,
        passphrase_salt=key_file.passphrase_salt,
        passphrase_nonce=key_file.passphrase_nonce,
        passphrase_wrapped=key_file.passphrase_wrapped,
        recovery_salt=salt,
        recovery_nonce=nonce,
        recovery_wrapped=wrapped,
        page_hmac=key_file.page_hmac,
    )
    return updated, format_recovery_key(secret)


def read_key_file(path: Path) -> KeyFile:
    """Parse and checksum the key file, and check its scrypt cost is within bounds.

    Raises:
        NotebookDamaged: missing, truncated, altered or not a key file, or a scrypt cost
            outside :func:`scrypt_params_problem`'s bounds (checked before any KDF runs).
        NewerNotebook: a key file format this version does not know.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise NotebookDamaged(path, "the key file is missing") from exc
    except OSError as exc:
        raise NotebookDamaged(path, f"the key file cannot be read: {exc.strerror}") from exc
    try:
        body = json.loads(raw.decode("ascii"))
        if not isinstance(body, dict):
            raise ValueError("not an object")
        fmt = body.get("format")
        checksum = body.pop("checksum")
        if checksum != _checksum(body):
            raise ValueError("checksum")
        # Every format keeps this checksum, so a changed byte (say 2 to 3 in the format)
        # is damage, never "made by a newer Casebook".
        if (
            isinstance(fmt, str)
            and fmt.startswith("casebook-key/")
            and _format_number(fmt) > _format_number(KEY_FILE_FORMAT)
        ):
            raise NewerNotebook(path, _format_number(fmt), _format_number(KEY_FILE_FORMAT))
        if fmt not in (KEY_FILE_FORMAT, _KEY_FILE_FORMAT_1):
            raise ValueError("format")
        page_hmac = PAGE_HMAC_SHA512
        if fmt == KEY_FILE_FORMAT:
            database = body["database"]
            page_hmac = database["page_hmac"]
            if database["cipher"] != "sqlcipher4" or page_hmac not in PAGE_HMACS:
                raise ValueError("unknown cipher")
        pp, rc = body["passphrase"], body["recovery"]
        if pp["kdf"]["name"] != "scrypt" or rc["kdf"]["name"] != "hkdf-sha256":
            raise ValueError("unknown kdf")
        kdf = ScryptParams(n=_int(pp["kdf"]["n"]), r=_int(pp["kdf"]["r"]), p=_int(pp["kdf"]["p"]))
        key_file = KeyFile(
            created=str(body["created"]),
            passphrase_kdf=kdf,
            passphrase_salt=_unb64(pp["kdf"]["salt"]),
            passphrase_nonce=_unb64(pp["nonce"]),
            passphrase_wrapped=_unb64(pp["wrapped_key"]),
            recovery_salt=_unb64(rc["kdf"]["salt"]),
            recovery_nonce=_unb64(rc["nonce"]),
            recovery_wrapped=_unb64(rc["wrapped_key"]),
            page_hmac=page_hmac,
        )
    except NewerNotebook:
        raise
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, binascii.Error) as exc:
        raise NotebookDamaged(path, "the key file is damaged") from exc
    problem = scrypt_params_problem(key_file.passphrase_kdf)
    if problem:
        raise NotebookDamaged(path, f"the key file is damaged: {problem}")
    return key_file


def unlock_with_passphrase(key_file: KeyFile, passphrase: str) -> bytes:
    """The data key, or :class:`WrongPassphrase` if the GCM tag does not authenticate."""
    wrapping = key_file.passphrase_kdf.derive(
        _passphrase_bytes(passphrase), key_file.passphrase_salt
    )
    try:
        return AESGCM(wrapping).decrypt(
            key_file.passphrase_nonce, key_file.passphrase_wrapped, _aad("passphrase")
        )
    except InvalidTag:
        raise WrongPassphrase() from None


def unlock_with_recovery_key(key_file: KeyFile, recovery_key: str) -> bytes:
    """The data key from the recovery key shown at creation."""
    secret = parse_recovery_key(recovery_key)
    wrapping = _recovery_wrapping_key(secret, key_file.recovery_salt)
    try:
        return AESGCM(wrapping).decrypt(
            key_file.recovery_nonce, key_file.recovery_wrapped, _aad("recovery")
        )
    except InvalidTag:
        raise WrongPassphrase("Wrong recovery key.") from None


def write_key_file(path: Path, key_file: KeyFile) -> None:
    """Atomically replace the key file (temp, fsync, rename)."""
    write_atomic(path, key_file.to_bytes())


def format_recovery_key(secret: bytes) -> str:
    """``ABCD-EFGH-...``: 8 groups of 4 base32 letters and digits, easy to copy by hand."""
    text = base64.b32encode(secret).decode("ascii").rstrip("=")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(text: str) -> bytes:
    """Read a recovery key as typed: any case, spaces or dashes between groups."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    # Hand-copied keys confuse these; base32 has no 0, 1 or 8.
    cleaned = cleaned.translate(str.maketrans("018", "OIB"))
    try:
        secret = base64.b32decode(cleaned)
    except (binascii.Error, ValueError):
        secret = b""
    if len(secret) != RECOVERY_KEY_BYTES:
        raise InvalidInput("recovery key", "a recovery key is 8 groups of 4 letters and digits")
    return secret


def _refuse_out_of_bounds(kdf: ScryptParams) -> None:
    # Never write a key file that reading would refuse.
    problem = scrypt_params_problem(kdf)
    if problem:
        raise InvalidInput("kdf", problem.replace("its ", "the ", 1))


def _recovery_wrapping_key(secret: bytes, salt: bytes) -> bytes:
    # The recovery key is 160 random bits, so a fast KDF is enough.
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=salt, info=b"casebook recovery key"
    ).derive(secret)


def _passphrase_bytes(passphrase: str) -> bytes:
    import unicodedata

    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def _aad(purpose: str) -> bytes:
    return f"{_WRAP_AAD_FORMAT}|{purpose}".encode("ascii")


def _checksum(body: dict[str, Any]) -> str:
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":")).encode("ascii")
    return hashlib.sha256(canonical).hexdigest()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise ValueError("expected base64 text")
    return base64.b64decode(text, validate=True)


def _int(value: Any) -> int:
    # JSON numbers only: no strings, floats or booleans (bool is an int in Python).
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError("expected an integer")
    return value


def _format_number(fmt: str) -> int:
    try:
        return int(fmt.rsplit("/", 1)[1])
    except ValueError:
        return 0
