#!/usr/bin/env python3
"""Pipelining order check for one contestant of the bench/ harness.

Opens one connection, sends DEPTH (24) pipelined GET requests in one write, and checks that
exactly DEPTH complete HTTP/1.1 responses come back, in order, and nothing after them.

Order is made observable without any cooperation from the server: a fixed, irregular subset of
the requests asks for a path that does not exist. A server that routes (answers 404 there)
must return the 200s and 404s in exactly that pattern; any reordering breaks it. A hello-world
server that answers every path alike can only be checked for completeness, and the report
says so. If the server echoes X-Request-Id, the echoed ids are checked too.

Standard library only. Exit status: 0 pass, 1 fail, 2 usage or connection error.
"""

import argparse
import random
import re
import socket
import sys
import time

# Requests at these indexes go to a missing path; irregular so that no shift maps it onto itself.
MISSING = frozenset({1, 2, 5, 9, 10, 16, 22})
STATUS_LINE = re.compile(rb"HTTP/1\.[01] (\d{3})(?: [^\r\n]*)?")


class Broken(Exception):
    """The byte stream is not a well-formed sequence of responses."""


def build_requests(host, port, depth):
    requests = []
    for i in range(depth):
        path = f"/__check_order_missing_{i}" if i in MISSING else "/"
        requests.append(
            f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nX-Request-Id: {i}\r\n\r\n".encode("ascii")
        )
    return requests


class Reader:
    """Reads responses off a socket with one overall deadline."""

    def __init__(self, sock, deadline):
        self.sock = sock
        self.deadline = deadline
        self.buf = bytearray()

    def fill(self):
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise Broken("timed out waiting for more response bytes")
        self.sock.settimeout(left)
        try:
            chunk = self.sock.recv(65536)
        except socket.timeout:
            raise Broken("timed out waiting for more response bytes") from None
        if not chunk:
            raise Broken("connection closed by the server")
        self.buf += chunk

    def take_until(self, marker):
        while True:
            at = self.buf.find(marker)
            if at >= 0:
                out = bytes(self.buf[:at])
                del self.buf[: at + len(marker)]
                return out
            if len(self.buf) > 64 * 1024:
                raise Broken("no end of line within 64 KiB")
            self.fill()

    def take(self, n):
        while len(self.buf) < n:
            self.fill()
        out = bytes(self.buf[:n])
        del self.buf[:n]
        return out

    def response(self):
        """Returns (status, headers dict of lower-case name -> list of values, body)."""
        head = self.take_until(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        match = STATUS_LINE.fullmatch(lines[0])
        if not match:
            raise Broken(f"bad status line {lines[0][:80]!r}")
        status = int(match.group(1))
        headers = {}
        for line in lines[1:]:
            name, sep, value = line.partition(b":")
            if not sep or not name or name != name.strip():
                raise Broken(f"bad header line {line[:80]!r}")
            headers.setdefault(name.decode("latin-1").lower(), []).append(value.strip().decode("latin-1"))
        if 100 <= status < 200:
            raise Broken(f"unexpected interim response {status}")
        if "chunked" in ",".join(headers.get("transfer-encoding", [])).lower():
            return status, headers, self.chunked_body()
        lengths = set(headers.get("content-length", []))
        if len(lengths) > 1:
            raise Broken(f"conflicting Content-Length {sorted(lengths)}")
        if lengths:
            value = lengths.pop()
            if not value.isdigit():
                raise Broken(f"bad Content-Length {value!r}")
            return status, headers, self.take(int(value))
        if status in (204, 304):
            return status, headers, b""
        # RFC 9112 §6.3: without a length the body runs to close, which cannot be pipelined.
        raise Broken(f"response {status} has neither Content-Length nor chunked encoding")

    def chunked_body(self):
        body = bytearray()
        while True:
            size_line = self.take_until(b"\r\n").split(b";", 1)[0].strip()
            try:
                size = int(size_line, 16)
            except ValueError:
                raise Broken(f"bad chunk size {size_line[:40]!r}") from None
            if size == 0:
                while self.take_until(b"\r\n"):  # trailer fields, then the empty line
                    pass
                return bytes(body)
            body += self.take(size)
            if self.take(2) != b"\r\n":
                raise Broken("chunk not followed by CRLF")


def send(sock, data, split, rng):
    if not split:
        sock.sendall(data)
        return
    at = 0
    while at < len(data):
        step = rng.randint(1, 97)
        sock.sendall(data[at : at + step])
        at += step
        time.sleep(0.001)


def check(host, port, depth, timeout, body, split):
    requests = build_requests(host, port, depth)
    deadline = time.monotonic() + timeout
    try:
        sock = socket.create_connection((host, port), timeout=timeout)
    except OSError as e:
        return 2, f"cannot connect to {host}:{port}: {e}"
    with sock:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        send(sock, b"".join(requests), split, random.Random(depth))
        reader = Reader(sock, deadline)
        responses = []
        try:
            for _ in range(depth):
                responses.append(reader.response())
        except Broken as e:
            return 1, f"{len(responses)}/{depth} complete responses, then: {e}"
        # Nothing may follow the last response (a duplicate or an unasked-for answer).
        sock.settimeout(0.3)
        try:
            extra = bytes(reader.buf) or sock.recv(4096)
        except socket.timeout:
            extra = b""
        except OSError:
            extra = b""
        if extra:
            return 1, f"{depth}/{depth} responses, but {len(extra)} unexpected bytes followed: {extra[:60]!r}"

    problems = []
    echoed = [r[1].get("x-request-id", [None])[0] for r in responses]
    if any(e is not None for e in echoed):
        wrong = [i for i, e in enumerate(echoed) if e != str(i)]
        if wrong:
            problems.append(f"X-Request-Id echo out of order at {wrong[:5]} (got {[echoed[i] for i in wrong[:5]]})")
    statuses = [r[0] for r in responses]
    found = {statuses[i] for i in range(depth) if i not in MISSING}
    missing = {statuses[i] for i in range(depth) if i in MISSING}
    if any(not 200 <= s < 300 for s in found):
        problems.append(f"GET / answered {sorted(found)}")
    if body is not None:
        bad = [i for i in range(depth) if i not in MISSING and responses[i][2] != body]
        if bad:
            problems.append(f"unexpected body for GET / at {bad[:5]}: {responses[bad[0]][2][:40]!r}")
    if found == missing and len(found) == 1:
        how = "server answers every path alike, so order is not observable; completeness checked"
    elif len(found) == 1 and len(missing) == 1:
        how = f"order verified by the {found.pop()}/{missing.pop()} pattern"
    else:
        how = ""
        problems.append(f"statuses out of the expected pattern: {statuses}")
    if any(e is not None for e in echoed) and not problems:
        how += "; X-Request-Id echo in order"
    if problems:
        return 1, "; ".join(problems)
    return 0, f"{depth}/{depth} complete responses; {how}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--depth", type=int, default=24, help="pipelined requests (default 24)")
    parser.add_argument("--timeout", type=float, default=5.0, help="overall deadline in seconds (default 5)")
    parser.add_argument("--body", default="Hello world!", help="expected body of GET / ('' to skip)")
    parser.add_argument("--split", action="store_true", help="send the requests in random small pieces")
    args = parser.parse_args()
    body = args.body.encode() if args.body else None
    code, message = check(args.host, args.port, args.depth, args.timeout, body, args.split)
    print(f"{('PASS', 'FAIL', 'ERROR')[code]} {args.host}:{args.port}: {message}")
    sys.exit(code)


if __name__ == "__main__":
    main()
