#!/usr/bin/env python3
"""Route check for one contestant of the bench/ harness: does each workload's route answer right?

  hello  GET /      200, body 'Hello world!', Content-Type text/plain, Content-Length
  json   GET /json  200, a JSON object equal to {"message": "Hello, World!"}, Content-Type application/json
  echo   POST /echo 200, the 4096-byte request body back (Content-Length or chunked)

One fresh connection per route. Prints one line per route checked: 'hello PASS ...', then a note of
what the response carried (Date, Content-Length or chunked). Standard library only.
Exit status: 0 all checked routes pass, 1 one failed, 2 usage error.
"""

import argparse
import http.client
import json
import os
import sys

EXPECTED_JSON = {"message": "Hello, World!"}
ECHO_BYTES = 4096


def request(host, port, method, path, body=None, headers=None):
    conn = http.client.HTTPConnection(host, port, timeout=5)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, resp.getheaders(), resp.read()
    finally:
        conn.close()


def framing(headers):
    names = {k.lower(): v for k, v in headers}
    parts = []
    if "content-length" in names:
        parts.append("Content-Length")
    if "chunked" in names.get("transfer-encoding", "").lower():
        parts.append("chunked")
    parts.append("Date" if "date" in names else "no Date")
    return names, ", ".join(parts)


def check_hello(host, port):
    status, headers, body = request(host, port, "GET", "/")
    names, how = framing(headers)
    problems = []
    if status != 200:
        problems.append(f"status {status}")
    if body != b"Hello world!":
        problems.append(f"body {body[:40]!r}")
    if not names.get("content-type", "").lower().startswith("text/plain"):
        problems.append(f"Content-Type {names.get('content-type')!r}")
    if "content-length" not in names:
        problems.append("no Content-Length")
    return problems, how


def check_json(host, port):
    status, headers, body = request(host, port, "GET", "/json")
    names, how = framing(headers)
    problems = []
    if status != 200:
        problems.append(f"status {status}")
    try:
        if json.loads(body) != EXPECTED_JSON:
            problems.append(f"body {body[:60]!r}")
    except ValueError:
        problems.append(f"not JSON: {body[:60]!r}")
    if not names.get("content-type", "").lower().startswith("application/json"):
        problems.append(f"Content-Type {names.get('content-type')!r}")
    return problems, how


def check_echo(host, port):
    sent = os.urandom(ECHO_BYTES)
    status, headers, body = request(host, port, "POST", "/echo", body=sent,
                                    headers={"Content-Type": "application/octet-stream"})
    names, how = framing(headers)
    problems = []
    if status != 200:
        problems.append(f"status {status}")
    if body != sent:
        problems.append(f"body of {len(body)} bytes is not the {len(sent)} sent")
    return problems, how


CHECKS = {"hello": check_hello, "json": check_json, "echo": check_echo}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--routes", default="hello,json,echo", help="comma-separated: hello, json, echo")
    args = parser.parse_args()
    routes = [r for r in args.routes.split(",") if r]
    unknown = [r for r in routes if r not in CHECKS]
    if unknown:
        parser.error(f"unknown route(s) {unknown}; known: {', '.join(CHECKS)}")
    failed = False
    for route in routes:
        try:
            problems, how = CHECKS[route](args.host, args.port)
        except (OSError, http.client.HTTPException) as e:
            problems, how = [f"{type(e).__name__}: {e}"], ""
        failed |= bool(problems)
        verdict = "FAIL " + "; ".join(problems) if problems else "PASS"
        print(f"{route} {verdict}" + (f" ({how})" if how else ""))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
