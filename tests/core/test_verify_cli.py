"""``casebook verify`` and ``casebook countersign`` as a supervisor uses them.

The documented way to pin a practitioner: they run ``casebook identity export -o
practitioner.pem`` and hand the file over; the supervisor runs ``casebook verify
summary.pdf --trust practitioner.pem`` (and ``--trust`` again for each countersigner).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import signing_attacks as attacks

from casebook.signing import create_identity, fingerprint

PASSPHRASE = "correct horse battery staple"  # the test notebooks' (tests/conftest.py)


@pytest.fixture(scope="module")
def exported_once(sample_template: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with a signed summary of the sample notebook and its certificate (once)."""
    from casebook.service import Notebook
    from casebook.summary.export import export_summary

    folder = tmp_path_factory.mktemp("exported")
    shutil.copytree(sample_template.folder, folder / "sample.casebook")
    with Notebook.open(folder / "sample.casebook", PASSPHRASE) as notebook:
        (folder / "summary.pdf").write_bytes(export_summary(notebook, ["C-1042"]))
        (folder / "practitioner.pem").write_bytes(notebook.identity.signing_identity().cert_pem)
    return folder


@pytest.fixture
def exported(exported_once: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A fresh copy of the signed summary and the practitioner's certificate."""
    summary, cert = tmp_path / "summary.pdf", tmp_path / "practitioner.pem"
    summary.write_bytes((exported_once / "summary.pdf").read_bytes())
    cert.write_bytes((exported_once / "practitioner.pem").read_bytes())
    return summary, cert


def _no_traceback(*outputs: str) -> None:
    for output in outputs:
        assert "Traceback" not in output
        assert "pyhanko" not in output.lower()


def test_verify_without_trust_says_the_identity_was_not_checked_and_shows_the_fingerprint(
    cli: Any, exported: tuple[Path, Path]
) -> None:
    summary, cert = exported
    rc, out, err = cli("verify", summary)
    assert rc == 0, err
    assert "Signature 1 (Practitioner): Sam Tester, practitioner (author)" in out
    assert "  organisation: Test Service" in out
    assert "  trusted:      not checked (no --trust given)" in out
    assert f"  fingerprint:  {fingerprint(cert.read_bytes())}" in out
    assert "Changes after the practitioner signed: none." in out
    assert "but the signer's identity was NOT checked: compare this fingerprint" in out
    assert "or use --trust" in out
    assert out.rstrip().endswith(f"Sam Tester: {fingerprint(cert.read_bytes())}")
    assert "Verified" not in out


def test_identity_export_then_verify_with_trust_pins_the_practitioner(
    cli: Any, exported: tuple[Path, Path]
) -> None:
    summary, cert = exported
    rc, out, err = cli("verify", summary, "--trust", cert)
    assert rc == 0, err
    assert "  trusted:      yes" in out
    assert out.rstrip().splitlines()[-1].startswith("Verified: every signature is intact")
    assert "NOT checked" not in out


def test_a_look_alike_re_signature_fails_verification_with_trust_exit_8(
    cli: Any, exported: tuple[Path, Path], tmp_path: Path
) -> None:
    summary, cert = exported
    look_alike = create_identity("Sam Tester", "Test Service")
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(attacks.resign(summary.read_bytes(), look_alike))
    rc, out, err = cli("verify", forged)
    assert rc == 0
    assert "Sam Tester" in out and "NOT checked" in out
    assert fingerprint(look_alike.cert_pem) in out
    rc, out, err = cli("verify", forged, "--trust", cert)
    assert rc == 8
    assert "  trusted:      NO" in out
    assert "was not made with a trusted certificate" in err
    _no_traceback(out, err)


def test_verify_exits_8_and_names_the_revision_that_paints_over_the_text(
    cli: Any, exported: tuple[Path, Path], tmp_path: Path
) -> None:
    summary, cert = exported
    stranger = create_identity("Mallory", "")
    painted = tmp_path / "painted.pdf"
    painted.write_bytes(
        attacks.paint_over_with_new_signature(summary.read_bytes(), stranger, page=0)
    )
    stranger_cert = tmp_path / "stranger.pem"
    stranger_cert.write_bytes(stranger.cert_pem)
    for extra in ((), ("--trust", cert, "--trust", stranger_cert)):
        rc, out, err = cli("verify", painted, *extra)
        assert rc == 8
        assert (
            "  Revision 3 (signature 2): adds a signature field 'Review' with a visible"
            " appearance on page 1" in out
        )
        assert "[NOT ALLOWED]" in out
        assert err.startswith("casebook: Verification failed: revision 3 adds a signature field")
        _no_traceback(out, err)


def test_countersign_refuses_a_summary_that_does_not_verify(
    cli: Any, exported: tuple[Path, Path], empty_notebook_path: Path, tmp_path: Path
) -> None:
    summary, _ = exported
    annotated = tmp_path / "annotated.pdf"
    annotated.write_bytes(
        attacks.add_annotation(summary.read_bytes(), "/FreeText", page=0,
                               attacker=create_identity("Mallory", ""))
    )  # fmt: skip
    output = tmp_path / "countersigned.pdf"
    rc, out, err = cli.nb(empty_notebook_path, "countersign", annotated, "-o", output)
    assert rc == 8
    assert "Not countersigned" in err
    assert "adds a FreeText annotation on page 1" in err
    assert not output.exists()
    _no_traceback(out, err)


def test_countersign_with_trust_and_verify_with_both_certificates(
    cli: Any, exported: tuple[Path, Path], empty_notebook_path: Path, tmp_path: Path
) -> None:
    summary, practitioner = exported
    supervisor = tmp_path / "supervisor.pem"
    assert cli.nb(empty_notebook_path, "identity", "export", "-o", supervisor)[0] == 0
    output = tmp_path / "countersigned.pdf"
    rc, out, err = cli.nb(
        empty_notebook_path, "countersign", summary, "--trust", practitioner, "-o", output
    )
    assert rc == 0, err
    assert "NOT checked" not in out
    rc, out, err = cli("verify", output, "--trust", practitioner, "--trust", supervisor)
    assert rc == 0, err
    assert "Signature 2 (Supervisor): Sam Tester, countersignature" in out
    assert "filled the empty signature field 'Supervisor'" in out and "[allowed]" in out
    assert "Verified:" in out
    rc, out, err = cli("verify", output, "--trust", practitioner)
    assert rc == 8
    assert "signature 2 (Supervisor) by Sam Tester was not made with a trusted certificate" in err


def test_countersign_with_trust_refuses_a_look_alike_re_signature(
    cli: Any, exported: tuple[Path, Path], empty_notebook_path: Path, tmp_path: Path
) -> None:
    summary, practitioner = exported
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(attacks.resign(summary.read_bytes(), create_identity("Sam Tester", "")))
    output = tmp_path / "countersigned.pdf"
    rc, _, err = cli.nb(
        empty_notebook_path, "countersign", forged, "--trust", practitioner, "-o", output
    )
    assert rc == 8
    assert "not made with a trusted certificate" in err
    assert not output.exists()


def test_countersign_without_trust_says_the_practitioner_was_not_checked(
    cli: Any, exported: tuple[Path, Path], empty_notebook_path: Path, tmp_path: Path
) -> None:
    summary, practitioner = exported
    output = tmp_path / "countersigned.pdf"
    rc, out, err = cli.nb(empty_notebook_path, "countersign", summary, "-o", output)
    assert rc == 0, err
    assert "The practitioner's identity was NOT checked" in out
    assert fingerprint(practitioner.read_bytes()) in out


def test_verify_of_a_damaged_file_is_exit_8_with_one_sentence(
    cli: Any, exported: tuple[Path, Path], tmp_path: Path
) -> None:
    summary, _ = exported
    data = summary.read_bytes()
    for name, content in (
        ("garbage.pdf", b"not a pdf at all"),
        ("empty.pdf", b""),
        ("half.pdf", data[: len(data) // 2]),
        ("appended.pdf", data + b"\n% more\n"),
    ):
        path = tmp_path / name
        path.write_bytes(content)
        rc, out, err = cli("verify", path)
        assert rc == 8, name
        assert err.startswith("casebook: Verification failed: "), name
        assert len(err.strip().splitlines()) == 1, name
        _no_traceback(out, err)


def test_an_unreadable_trust_file_is_invalid_input(
    cli: Any, exported: tuple[Path, Path], tmp_path: Path
) -> None:
    summary, _ = exported
    junk = tmp_path / "junk.pem"
    junk.write_bytes(b"-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----\n")
    rc, _, err = cli("verify", summary, "--trust", junk)
    assert rc == 6
    assert "not a certificate" in err
    rc, _, err = cli("verify", summary, "--trust", tmp_path / "missing.pem")
    assert rc == 6


def test_verify_accepts_a_der_certificate_for_trust(
    cli: Any, exported: tuple[Path, Path], tmp_path: Path
) -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    summary, cert = exported
    der = tmp_path / "practitioner.der"
    der.write_bytes(
        x509.load_pem_x509_certificate(cert.read_bytes()).public_bytes(serialization.Encoding.DER)
    )
    rc, out, err = cli("verify", summary, "--trust", der)
    assert rc == 0, err
    assert "Verified:" in out


def test_verify_prints_certificate_names_without_terminal_control_characters(
    cli: Any, exported: tuple[Path, Path], tmp_path: Path
) -> None:
    summary, _ = exported
    sneaky = create_identity("Sam\x1b[2J\u202eTester", "")
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(attacks.resign(summary.read_bytes(), sneaky))
    rc, out, _ = cli("verify", forged)
    assert rc == 0
    assert "\x1b" not in out and "\u202e" not in out
    # Shown, escaped as the CLI escapes every text from outside (casebook.textview).
    assert "Sam\\x1b[2J\\u202eTester" in out
