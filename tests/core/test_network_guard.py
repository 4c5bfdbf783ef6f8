"""The suite's network guard works: a test that touches the network fails, in process and in
the CLI's subprocesses (Casebook itself never opens a network connection)."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest


def test_guard_refuses_internet_sockets_in_process(no_network):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock, pytest.raises(OSError):
        sock.connect(("127.0.0.1", 9))
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock, pytest.raises(OSError):
        sock.sendto(b"x", ("127.0.0.1", 9))
    with pytest.raises(OSError):
        socket.create_connection(("example.org", 443))
    assert len(no_network) == 3
    no_network.clear()  # these attempts were the point of the test


def test_guard_allows_unix_sockets(no_network, tmp_path):
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    with sock, pytest.raises(FileNotFoundError):
        sock.connect(str(tmp_path / "no-such-socket"))
    assert no_network == []


def test_guard_is_installed_in_cli_subprocesses(cli):
    result = subprocess.run(
        [sys.executable, "-c",
         "import socket; socket.socket().connect(('127.0.0.1', 9))"],
        capture_output=True, text=True, env=cli.env(), timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert "network access attempted" in result.stderr
