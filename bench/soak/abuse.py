#!/usr/bin/env python3
"""Hostile clients for bench/soak.sh, standard library only.

Loops until --seconds have passed, round-robin over two kinds of case, at most --rate cases a second:
  * malformed requests: each must get its exact 4xx status with "Connection: close", then a clean end of stream;
  * abrupt disconnects: connect and close or reset at once, reset half-way through a request line, a head or a
    body, reset right after a whole request or while a pipelined burst is being answered.
Every --health-every cases a normal GET / must be answered 200 "Hello world!" within 2 s. Anything else (no answer,
another status, a reset where a clean close is due, a refused connection, a timeout) is an unexpected outcome.
Writes a JSON summary to --out and prints one line; exits 0 unless it could not run at all.
Only ever connects to --host (default 127.0.0.1).
"""
import argparse
import json
import socket
import struct
import sys
import time

TIMEOUT = 5.0
HEALTH_TIMEOUT = 2.0

MALFORMED = [
    # name, request bytes, expected status (RFC 9112 / RFC 9110 and the server's limits: 8 KiB request line,
    # 16 KiB and 100 header fields, 10 MiB body by default)
    ("duplicate-content-length", b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", 400),
    ("content-length-and-chunked", b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
    ("obs-fold", b"GET / HTTP/1.1\r\nHost: x\r\nX-Folded: a\r\n b\r\n\r\n", 400),
    ("no-host", b"GET / HTTP/1.1\r\nAccept: */*\r\n\r\n", 400),
    ("space-before-colon", b"GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400),
    ("nul-in-value", b"GET / HTTP/1.1\r\nHost: x\r\nX-Bad: a\x00b\r\n\r\n", 400),
    ("bad-chunk-size", b"POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n", 400),
    ("garbage-request-line", b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 not http\r\n\r\n", 400),
    ("request-line-too-long", b"GET /" + b"a" * 10000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414),
    ("header-section-too-large", b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"b" * 20000 + b"\r\n\r\n", 431),
    ("too-many-header-fields", b"GET / HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-F%d: v\r\n" % i for i in range(150)) + b"\r\n", 431),
    ("body-over-the-limit", b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\n\r\n", 413),
]

HELLO = b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"
JSON = b"GET /json HTTP/1.1\r\nHost: x\r\n\r\n"


def post(size):
    return b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n" % size + b"e" * size


class Unexpected(Exception):
    pass


def connect(host, port, timeout=TIMEOUT):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(timeout)
    try:
        s.connect((host, port))
    except OSError as e:
        s.close()
        raise Unexpected("connect failed: %s" % e)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def reset(s):
    """Closes with SO_LINGER 0: the kernel sends RST instead of FIN."""
    try:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    except OSError:
        pass  # already reset by the server: closing is all that is left
    s.close()


def read_response(s, buf=b""):
    """Reads one response; returns (status, headers dict lower-cased, body, rest of the buffer)."""
    while b"\r\n\r\n" not in buf:
        chunk = s.recv(65536)
        if not chunk:
            raise Unexpected("end of stream before a whole response head (%d bytes)" % len(buf))
        buf += chunk
    head, buf = buf.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/1."):
        raise Unexpected("malformed status line %r" % lines[0][:80])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    while len(buf) < length:
        chunk = s.recv(65536)
        if not chunk:
            raise Unexpected("end of stream inside a body")
        buf += chunk
    return int(parts[1]), headers, buf[:length], buf[length:]


def expect_clean_end(s, rest):
    if rest:
        raise Unexpected("%d bytes after the rejection" % len(rest))
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                return
            raise Unexpected("bytes after the rejection")
    except ConnectionResetError:
        raise Unexpected("reset instead of a clean close after the rejection")


def malformed(host, port, request, status, pipelined_ok):
    s = connect(host, port)
    try:
        s.sendall((HELLO if pipelined_ok else b"") + request)
        rest = b""
        if pipelined_ok:
            got, _, body, rest = read_response(s)
            if got != 200 or body != b"Hello world!":
                raise Unexpected("the valid request before it got %d %r" % (got, body[:40]))
        got, headers, _, rest = read_response(s, rest)
        if got != status:
            raise Unexpected("status %d, expected %d" % (got, status))
        if headers.get("connection", "").lower() != "close":
            raise Unexpected("no Connection: close on the %d" % got)
        expect_clean_end(s, rest)
    except (socket.timeout, TimeoutError):
        raise Unexpected("timed out")
    except ConnectionResetError:
        raise Unexpected("reset before the rejection was read")
    finally:
        s.close()


def abrupt(host, port, kind):
    s = connect(host, port)
    try:
        if kind == "close-at-once":
            s.close()
        elif kind == "reset-at-once":
            reset(s)
        elif kind == "reset-mid-request-line":
            s.sendall(b"GET /js")
            reset(s)
        elif kind == "close-mid-head":
            s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-Half: ")
            s.close()
        elif kind == "reset-mid-body":
            s.sendall(post(65536)[:40000])
            reset(s)
        elif kind == "reset-after-request":
            s.sendall(JSON)
            reset(s)
        elif kind == "reset-mid-pipeline":
            s.sendall(HELLO * 200 + JSON * 200)
            s.recv(4096)  # the answers have started
            reset(s)
        elif kind == "reset-mid-echo":
            s.sendall(post(1 << 20))
            s.recv(4096)
            reset(s)
        else:
            raise ValueError(kind)
    except (socket.timeout, TimeoutError):
        s.close()
        raise Unexpected("timed out")
    except (ConnectionResetError, BrokenPipeError) as e:
        s.close()
        raise Unexpected("the server reset first: %s" % e)


ABRUPT = ["close-at-once", "reset-at-once", "reset-mid-request-line", "close-mid-head", "reset-mid-body",
          "reset-after-request", "reset-mid-pipeline", "reset-mid-echo"]


def health(host, port):
    s = connect(host, port, HEALTH_TIMEOUT)
    try:
        s.sendall(HELLO)
        got, _, body, _ = read_response(s)
        if got != 200 or body != b"Hello world!":
            raise Unexpected("health check got %d %r" % (got, body[:40]))
    except (socket.timeout, TimeoutError):
        raise Unexpected("health check not answered within %.0f s" % HEALTH_TIMEOUT)
    except ConnectionResetError:
        raise Unexpected("health check reset")
    finally:
        s.close()


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--seconds", type=float, required=True)
    p.add_argument("--rate", type=float, default=200.0, help="most cases a second (default 200)")
    p.add_argument("--health-every", type=int, default=50)
    p.add_argument("--out", required=True, help="JSON summary file")
    a = p.parse_args()
    if a.host not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("abuse.py: loopback only")

    cases = [("malformed/" + name, (lambda r=req, st=status: malformed(a.host, a.port, r, st, False)))
             for name, req, status in MALFORMED]
    cases += [("malformed-after-valid/" + name, (lambda r=req, st=status: malformed(a.host, a.port, r, st, True)))
              for name, req, status in MALFORMED[:4]]
    cases += [("abrupt/" + kind, (lambda k=kind: abrupt(a.host, a.port, k))) for kind in ABRUPT]
    counts = {name: {"run": 0, "unexpected": 0} for name, _ in cases}
    counts["health"] = {"run": 0, "unexpected": 0}
    examples = []

    def run(name, fn):
        counts[name]["run"] += 1
        try:
            fn()
        except Unexpected as e:
            counts[name]["unexpected"] += 1
            if len(examples) < 20:
                examples.append("%.1fs %s: %s" % (time.monotonic() - start, name, e))

    start = time.monotonic()
    end = start + a.seconds
    n = 0
    while time.monotonic() < end:
        name, fn = cases[n % len(cases)]
        run(name, fn)
        n += 1
        if n % a.health_every == 0:
            run("health", lambda: health(a.host, a.port))
        pace = start + n / a.rate - time.monotonic()  # this client's own pace, not a wait for the server
        if pace > 0:
            time.sleep(pace)

    unexpected = sum(c["unexpected"] for c in counts.values())
    total = sum(c["run"] for c in counts.values())
    with open(a.out, "w") as f:
        json.dump({"cases_run": total, "unexpected": unexpected, "by_case": counts, "examples": examples}, f,
                  indent=2)
    print("abuse: %d cases in %.0f s, %d unexpected%s" % (total, time.monotonic() - start, unexpected,
                                                          "".join("\n  " + e for e in examples)))


if __name__ == "__main__":
    main()
