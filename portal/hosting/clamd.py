"""A small client of ClamAV's daemon (clamd), over its socket: ``INSTREAM`` sends the bytes themselves,
so clamd needs no access to any file of ours and may run on another host.

``CLAMD_URL`` says where it listens: ``unix:///run/clamav/clamd.ctl`` (Debian's clamav-daemon) or
``tcp://10.0.0.5:3310``. The protocol (clamd(8)): the command ``zINSTREAM\\0``, then the content in
chunks, each preceded by its length as four bytes in network order, then a zero length; clamd answers
``stream: OK``, ``stream: NAME FOUND`` or ``... ERROR``, ended by a NUL.
"""

from __future__ import annotations

import socket
import struct
from dataclasses import dataclass
from urllib.parse import urlsplit

# clamd's StreamMaxLength defaults to 25 MB; pieces of 64 KB keep each write small.
PIECE = 64 * 1024


class ScannerUnavailable(Exception):
    """clamd could not be reached or did not give a verdict (down, timed out, over its size limit): the
    file is kept in quarantine and scanned again later, never passed."""


@dataclass(frozen=True)
class Verdict:
    clean: bool
    finding: str | None = None  # the signature clamd named when it found something


def _connect(url: str, timeout: float) -> socket.socket:
    parts = urlsplit(url)
    try:
        if parts.scheme == "unix":
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.settimeout(timeout)
            sock.connect(parts.path)
        elif parts.scheme == "tcp":
            sock = socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 3310), timeout=timeout)
        else:
            raise ScannerUnavailable(f"CLAMD_URL must start unix:// or tcp://, not {parts.scheme!r}")
    except OSError as error:
        raise ScannerUnavailable(f"cannot reach clamd: {type(error).__name__}") from error
    return sock


def _answer(sock: socket.socket) -> str:
    received = b""
    while not received.endswith(b"\0"):
        piece = sock.recv(4096)
        if not piece:
            break
        received += piece
    return received.rstrip(b"\0").decode("utf-8", "replace").strip()


def scan(data: bytes, url: str, timeout: float = 30.0) -> Verdict:
    """Scan ``data``; raises ScannerUnavailable when there is no verdict."""
    sock = _connect(url, timeout)
    try:
        with sock:
            sock.sendall(b"zINSTREAM\0")
            for start in range(0, len(data), PIECE):
                piece = data[start:start + PIECE]
                sock.sendall(struct.pack("!L", len(piece)) + piece)
            sock.sendall(struct.pack("!L", 0))
            answer = _answer(sock)
    except OSError as error:  # a timeout, or clamd closing on us (over StreamMaxLength, for instance)
        raise ScannerUnavailable(f"clamd did not answer: {type(error).__name__}") from error
    verdict = answer.partition(": ")[2] if answer.startswith("stream") else answer
    if verdict == "OK":
        return Verdict(clean=True)
    if verdict.endswith(" FOUND"):
        return Verdict(clean=False, finding=verdict.removesuffix(" FOUND")[:120])
    raise ScannerUnavailable(f"clamd gave no verdict: {verdict[:80]!r}")


def ping(url: str, timeout: float = 2.0) -> bool:
    """Whether clamd answers (``/health`` reports it; a scan needs it)."""
    try:
        with _connect(url, timeout) as sock:
            sock.sendall(b"zPING\0")
            return _answer(sock) == "PONG"
    except (ScannerUnavailable, OSError):
        return False
