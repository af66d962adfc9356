#!/usr/bin/env python3
"""Summarises one bench/run.sh results directory: medians per contestant and workload, ratios
against the first listed contestant. Writes summary.csv and summary.md there and prints the
Markdown. Standard library only; can be re-run on an old directory: report.py bench/results/<ts>
"""

import csv
import statistics
import sys
from pathlib import Path

WORKLOAD_TITLES = {
    "pipelined": "pipelined: 24 requests per write (Japronto's workload)",
    "plain": "plain keep-alive: one request at a time per connection",
}
SATURATED = 95.0  # wrk CPU % from which req/s measures the client more than the server
NOISY = 10.0  # CPU % of the two cores used by neither server nor wrk, from which a run is suspect


def read_settings(path):
    settings = {}
    if path.exists():
        for line in path.read_text().splitlines():
            key, sep, value = line.partition("=")
            if sep:
                settings[key] = value
    return settings


def lines(path):
    return [l for l in path.read_text().splitlines() if l.strip()] if path.exists() else []


def summarise(runs):
    def med(key):
        values = [float(r[key]) for r in runs if r[key] != ""]  # "" = wrk printed no usable value
        return statistics.median(values) if values else None

    return {
        "runs": len(runs),
        "req_per_s": med("req_per_s"),
        "server_cpu_us_per_req": med("server_cpu_us_per_req"),
        "server_cpu_pct": med("server_cpu_pct"),
        "wrk_cpu_pct": med("wrk_cpu_pct"),
        "wrk_saturated_runs": sum(r["wrk_saturated"] == "yes" for r in runs),
        "other_cpu_pct": med("other_cpu_pct"),
        "noisy_runs": sum(float(r["other_cpu_pct"]) > NOISY for r in runs),
        "latency_runs": sum(r["p99_ms"] != "" for r in runs),
        "p50_ms": med("p50_ms"),
        "p99_ms": med("p99_ms"),
        "server_peak_rss_mib": max(float(r["server_peak_rss_mib"]) for r in runs),
        "socket_errors": sum(int(r["socket_errors"]) for r in runs),
        "non_2xx_3xx": sum(int(r["non_2xx_3xx"]) for r in runs),
        "order_check": runs[0]["order_check"],
    }


def fmt_int(x):
    return f"{x:,.0f}"


def ms(x):
    return "n/a" if x is None else f"{x:.2f}"


def main():
    out = Path(sys.argv[1])
    settings = read_settings(out / "settings.txt")
    with open(out / "runs.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    names = [n for n in settings.get("contestants", "").split(",") if n]
    for r in rows:  # contestants absent from settings still get reported, after the listed ones
        if r["contestant"] not in names:
            names.append(r["contestant"])
    workloads = settings.get("workloads", "pipelined plain").split()

    summary = {}
    for w in workloads:
        for n in names:
            runs = [r for r in rows if r["contestant"] == n and r["workload"] == w]
            if runs:
                summary[(n, w)] = summarise(runs)

    fields = ["contestant", "workload", "runs", "req_per_s", "server_cpu_us_per_req", "server_cpu_pct",
              "wrk_cpu_pct", "wrk_saturated_runs", "other_cpu_pct", "noisy_runs", "latency_runs", "p50_ms", "p99_ms", "server_peak_rss_mib",
              "socket_errors", "non_2xx_3xx", "order_check"]
    with open(out / "summary.csv", "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(fields)
        for (n, w), s in summary.items():
            writer.writerow([n, w] + [round(s[k], 3) if isinstance(s[k], float) else "" if s[k] is None else s[k]
                                      for k in fields[2:]])

    md = [f"# Pronto benchmark, {settings.get('started_utc', out.name)}", ""]
    md.append(f"- load: `{settings.get('wrk', 'wrk')}`; median of {settings.get('reps', '?')} runs of "
              f"{settings.get('duration_s', '?')} s after a {settings.get('warmup_s', '?')} s warm-up (discarded)")
    md.append(f"- {settings.get('pinning', '')}; JVM flags for every Java contestant: `{settings.get('jvm_flags', '')}`")
    md.append(f"- {settings.get('jdk', '')}; {settings.get('wrk_version', '')}")
    md.append(f"- {settings.get('cpu', '')}; {settings.get('kernel', '')}; governor {settings.get('governor', 'n/a')}; "
              f"commit {settings.get('git', '?')}")
    md.append("")

    for w in workloads:
        measured = [n for n in names if (n, w) in summary]
        if not measured:
            continue
        md += [f"## {WORKLOAD_TITLES.get(w, w)}", ""]
        md.append("| contestant | req/s | server CPU-µs/req | server CPU % | wrk CPU % | other CPU % | p50 ms "
                  "| p99 ms | peak RSS MiB | socket errors | non-2xx/3xx | order check |")
        md.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|:-:|")
        for n in measured:
            s = summary[(n, w)]
            wrk = f"{s['wrk_cpu_pct']:.0f}" + (" ⚠" if s["wrk_saturated_runs"] else "")
            other = f"{s['other_cpu_pct']:.0f}" + (" ⚠" if s["noisy_runs"] else "")
            # Latency medians are over the runs where wrk printed a usable distribution only.
            partial = f" ({s['latency_runs']}/{s['runs']})" if 0 < s["latency_runs"] < s["runs"] else ""
            md.append(f"| {n} | {fmt_int(s['req_per_s'])} | {s['server_cpu_us_per_req']:.2f} | "
                      f"{s['server_cpu_pct']:.0f} | {wrk} | {other} | {ms(s['p50_ms'])}{partial} | {ms(s['p99_ms'])}{partial} | "
                      f"{s['server_peak_rss_mib']:.0f} | {s['socket_errors']} | {s['non_2xx_3xx']} | "
                      f"{s['order_check']} |")
        if w == "pipelined":
            md.append("")
            md.append("Latency here is wrk's time for a whole batch of 24 responses; n/a: wrk printed an unusable "
                      "percentile (bench/README.md, caveats); (k/n): median of the k runs out of n that had a usable one.")
        md.append("")
        base = measured[0]
        if base != names[0]:
            md.append(f"{names[0]}, listed first, was not measured: ratios are against {base}.")
            md.append("")
        b = summary[(base, w)]
        if len(measured) > 1:
            md.append(f"Ratios against {base} (req/s: higher is better; CPU-µs/req: lower is better):")
            md.append("")
            for n in measured[1:]:
                s = summary[(n, w)]
                rps = s["req_per_s"] / b["req_per_s"] if b["req_per_s"] else float("nan")
                cpu = (s["server_cpu_us_per_req"] / b["server_cpu_us_per_req"]
                       if b["server_cpu_us_per_req"] else float("nan"))
                md.append(f"- {n} / {base} = **{rps:.2f}× req/s**, {cpu:.2f}× CPU-µs/req")
            md.append("")
        saturated = [f"{n} ({summary[(n, w)]['wrk_saturated_runs']}/{summary[(n, w)]['runs']} runs)"
                     for n in measured if summary[(n, w)]["wrk_saturated_runs"]]
        if saturated:
            md.append(f"⚠ wrk used ≥ {SATURATED:.0f} % of its core for {', '.join(saturated)}: there req/s is bounded "
                      "by the client, so compare server CPU-µs per request instead.")
            md.append("")

    noisy = [f"{n}/{w} ({s['noisy_runs']}/{s['runs']} runs)" for (n, w), s in summary.items() if s["noisy_runs"]]
    if noisy:
        md.append(f"⚠ Other load took more than {NOISY:.0f} % of a core during {', '.join(noisy)}, even after the "
                  "retries: something else ran on the benchmark cores (see other_cpu_pct and steal_pct in runs.csv). "
                  "Re-run on a quiet machine.")
        md.append("")

    discarded = max(len(lines(out / "discarded.csv")) - 1, 0)
    if discarded:
        md.append(f"{discarded} run(s) disturbed by other load were discarded and measured again (discarded.csv).")
        md.append("")

    skipped = lines(out / "skipped.txt")
    if skipped:
        md += ["## Not measured", ""] + [f"- {l}" for l in skipped] + [""]
    checks = lines(out / "order-check.txt")
    if checks:
        md += ["## Pipelining order check (bench/check-order.py, 24 requests in one write)", ""]
        md += [f"- {l}" for l in checks] + [""]

    text = "\n".join(md)
    (out / "summary.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
