#!/usr/bin/env python3
"""The verdict of a soak run (bench/soak.sh), from its results directory.

Reads samples.csv (sample.sh), wrk-*.txt, abuse.json and server.log; prints and writes to verdict.txt one line,
  SOAK PASS: rss start X MiB end Y MiB, fds start A end B, unexpected errors 0
or SOAK FAIL with the same figures and the reasons, then the details. Exit status 0 on PASS, 1 on FAIL.
  * RSS: from the end of the warm-up (first "load" sample) to the end of the load (last "load" sample), growth above
    --rss-growth-mib fails;
  * fds: the last sample after the load must be at or below the baseline taken before it, with no connection left;
  * live heap after a full GC, idle before and idle after the load: growth above --heap-growth-mib fails;
  * unexpected errors: wrk socket errors and non-2xx answers, abuse.py's unexpected outcomes, errors or warnings in
    the server's log, a server that died or did not exit 0 on SIGTERM.
"""
import argparse
import csv
import glob
import json
import os
import re
import sys


def wrk_figures(path):
    text = open(path, errors="replace").read()
    requests = int(m.group(1)) if (m := re.search(r"(\d+) requests in", text)) else 0
    errors = {}
    if m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text):
        errors = dict(zip(("connect", "read", "write", "timeout"), map(int, m.groups())))
    if m := re.search(r"Non-2xx or 3xx responses: (\d+)", text):
        errors["non-2xx"] = int(m.group(1))
    if not re.search(r"requests in", text):
        errors["no result"] = 1
    return requests, {k: v for k, v in errors.items() if v}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--dir", required=True)
    p.add_argument("--rss-growth-mib", type=float, required=True)
    p.add_argument("--heap-growth-mib", type=float, required=True)
    p.add_argument("--fds-baseline", type=int, required=True)
    p.add_argument("--heap-live-start-kb", type=float, required=True)
    p.add_argument("--heap-live-end-kb", type=float, required=True)
    p.add_argument("--server-exit", required=True, help="exit status after SIGTERM, or 'died'")
    a = p.parse_args()
    d = a.dir

    rows = list(csv.DictReader(open(os.path.join(d, "samples.csv"))))
    load = [r for r in rows if r["phase"] == "load"]
    after = [r for r in rows if r["phase"] == "cooldown"]
    reasons, unexpected, details = [], [], []
    n_unexpected = 0
    if not load:
        reasons.append("no sample under load")
        rss_start = rss_end = float("nan")
    else:
        rss_start, rss_end = float(load[0]["rss_mib"]), float(load[-1]["rss_mib"])
        peak = max(float(r["rss_mib"]) for r in rows)
        growth = rss_end - rss_start
        details.append("RSS after warm-up %.1f MiB, at the end of the load %.1f MiB (%+.1f MiB, threshold %.0f), "
                       "peak %.1f MiB" % (rss_start, rss_end, growth, a.rss_growth_mib, peak))
        if growth > a.rss_growth_mib:
            reasons.append("RSS grew %.1f MiB after warm-up (threshold %.0f MiB)" % (growth, a.rss_growth_mib))
    fds_end = int(after[-1]["fds"]) if after else -1
    established_end = int(after[-1]["established"]) if after else -1
    details.append("fds %d before the load, peak %d, %d after it; established connections after it: %d"
                   % (a.fds_baseline, max(int(r["fds"]) for r in rows) if rows else -1, fds_end, established_end))
    if not after:
        reasons.append("no sample after the load")
    elif fds_end > a.fds_baseline or established_end > 0:
        reasons.append("fds not back to baseline after the load (%d, baseline %d; %d connections established)"
                       % (fds_end, a.fds_baseline, established_end))
    heap_growth = (a.heap_live_end_kb - a.heap_live_start_kb) / 1024
    details.append("live heap after a full GC: %.1f MiB idle before the load, %.1f MiB idle after it "
                   "(%+.1f MiB, threshold %.0f)" % (a.heap_live_start_kb / 1024, a.heap_live_end_kb / 1024,
                                                     heap_growth, a.heap_growth_mib))
    if heap_growth > a.heap_growth_mib:
        reasons.append("live heap grew %.1f MiB (threshold %.0f MiB)" % (heap_growth, a.heap_growth_mib))
    if rows and rows[-1]["young_gcs"]:
        details.append("GC: %s young and %s full collections, %s s in all" % (
            rows[-1]["young_gcs"], rows[-1]["full_gcs"], rows[-1]["gc_s"]))

    total_requests = 0
    for path in sorted(glob.glob(os.path.join(d, "wrk-*.txt"))):
        name = os.path.basename(path)[4:-4]
        requests, errors = wrk_figures(path)
        total_requests += requests
        details.append("wrk %s: %d requests%s" % (name, requests, ", errors %s" % errors if errors else ""))
        if errors:
            n_unexpected += sum(errors.values())
            unexpected.append("wrk %s: %s" % (name, ", ".join("%d %s" % (v, k) for k, v in errors.items())))
    abuse_path = os.path.join(d, "abuse.json")
    if os.path.exists(abuse_path):
        abuse = json.load(open(abuse_path))
        details.append("abuse.py: %d cases, %d unexpected" % (abuse["cases_run"], abuse["unexpected"]))
        if abuse["unexpected"]:
            n_unexpected += abuse["unexpected"]
            bad = {k: v["unexpected"] for k, v in abuse["by_case"].items() if v["unexpected"]}
            unexpected.append("abuse.py: %d unexpected %s; e.g. %s" % (abuse["unexpected"], bad,
                                                                      "; ".join(abuse["examples"][:3])))
    else:
        n_unexpected += 1
        unexpected.append("abuse.py wrote no summary")
    log_problems = [line.rstrip() for line in open(os.path.join(d, "server.log"), errors="replace")
                    if re.search(r"SEVERE|ERROR|WARNING|Exception|Error:", line)]
    if log_problems:
        n_unexpected += len(log_problems)
        unexpected.append("server log: %d lines of errors or warnings, first: %s" % (len(log_problems),
                                                                                     log_problems[0][:200]))
    if a.server_exit != "0":
        n_unexpected += 1
        unexpected.append("server %s" % ("died during the soak" if a.server_exit == "died"
                                         else "exited %s on SIGTERM" % a.server_exit))
    details.insert(0, "%d wrk requests in all" % total_requests)

    figures = "rss start %.0f MiB end %.0f MiB, fds start %d end %d, unexpected errors %d" % (
        rss_start, rss_end, a.fds_baseline, fds_end, n_unexpected)
    if reasons or unexpected:
        line = "SOAK FAIL: %s; %s" % (figures, "; ".join(reasons + unexpected))
    else:
        line = "SOAK PASS: %s" % figures
    with open(os.path.join(d, "verdict.txt"), "w") as f:
        f.write(line + "\n" + "".join("  " + x + "\n" for x in details))
    print(line)
    for x in details:
        print("  " + x)
    sys.exit(1 if reasons or unexpected else 0)


if __name__ == "__main__":
    main()
