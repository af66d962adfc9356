#!/usr/bin/env python3
"""Summarises one bench/run.sh results directory: medians per contestant and workload, ratios
against the first listed contestant, start-up time and idle memory per contestant. Writes
summary.csv, summary.md and, when gnuplot is there, one bar chart per workload (chart-<workload>.png:
req/s and server CPU-µs per request) and prints the Markdown. Standard library and gnuplot only;
can be re-run on an old directory: report.py bench/results/<ts>
"""

import csv
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

WORKLOAD_TITLES = {
    "pipelined": "pipelined: 24 requests per write (Japronto's workload)",
    "plain": "plain keep-alive: one GET / at a time per connection",
    "json": "json: GET /json, {\"message\":\"Hello, World!\"} serialised per request, one at a time per connection",
    "post": "post: POST /echo with a 4 KiB body, echoed back, one at a time per connection",
}
# The check shown beside each workload: the pipelining order check, or the route check of its route.
CHECK_TITLE = {"pipelined": "order check", "plain": "route check", "json": "route check", "post": "route check"}
BASELINE_COLOR = 0xE8792B  # the first contestant's bars
PEER_COLOR = 0x4A7FB5
SATURATED = 95.0  # wrk CPU % from which req/s measures the client more than the server
NOISY = 10.0  # CPU % of the two cores used by neither server nor wrk, from which a run is suspect
# Pronto's performance targets (issue 4), checked from the medians of one run when their contestants were measured:
# (workload, what is compared, peer or None for Pronto's own plain figure, bound).
TARGETS = [
    ("pipelined", "req_per_s", "go-fasthttp", 1.45),
    ("pipelined", "req_per_s", "netty-epoll", 1.8),
    ("plain", "server_cpu_us_per_req", "go-fasthttp", 1.0),
    ("plain", "server_cpu_us_per_req", "nginx", 1.0),
    ("json", "server_cpu_us_per_req", None, 1.15),
]


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
        "route_check": runs[0].get("route_check", ""),
    }


def fmt_int(x):
    return f"{x:,.0f}"


def ms(x):
    return "n/a" if x is None else f"{x:.2f}"


def short(x):
    """1234567 -> 1.23M, 466511 -> 467k: bar labels."""
    if x >= 1e6:
        return f"{x / 1e6:.2f}M"
    if x >= 1e4:
        return f"{x / 1e3:.0f}k"
    return f"{x:,.0f}"


def chart(out, workload, names, summary):
    """chart-<workload>.png: req/s and server CPU-µs/req per contestant, drawn by gnuplot. Returns the file
    name, or None with the reason."""
    gnuplot = shutil.which("gnuplot")
    if not gnuplot:
        return None, "no gnuplot on PATH (Debian package gnuplot-nox)"
    data = out / f"chart-{workload}.dat"
    png = out / f"chart-{workload}.png"
    with open(data, "w") as f:
        for i, n in enumerate(names):
            s = summary[(n, workload)]
            mark = "*" if s["wrk_saturated_runs"] else ""
            color = BASELINE_COLOR if i == 0 else PEER_COLOR
            f.write(f'{i} "{n}" {s["req_per_s"]:.2f} {s["server_cpu_us_per_req"]:.4f} {color} '
                    f'"{short(s["req_per_s"])}{mark}" "{s["server_cpu_us_per_req"]:.2f}"\n')
    title = WORKLOAD_TITLES.get(workload, workload).replace('"', "'")
    note = ("* wrk used >= 95 % of its core: req/s bounded by the client" if any(
        summary[(n, workload)]["wrk_saturated_runs"] for n in names) else "")
    width = max(1200, 2 * (160 + 70 * len(names)))
    # gnuplot's %s%c scales to k or M: keep one decimal when whole millions would repeat the same tick label.
    top = max(summary[(n, workload)]["req_per_s"] for n in names)
    rps_format = "%.1s%c" if top >= 1e6 else "%.0s%c"
    script = f"""
set terminal pngcairo size {width},620 font "sans,11"
set output '{png}'
set multiplot layout 1,2 title "{title}\\n{note}" font "sans,13"
set style fill solid 0.9 border -1
set boxwidth 0.7
set grid ytics
set xtics rotate by 35 right nomirror
set ytics nomirror
set border 3
set yrange [0:*]
set offsets 0.5, 0.5, graph 0.1, 0
unset key
set title "requests per second (higher is better)"
set format y "{rps_format}"
plot '{data}' using 1:3:5:xtic(2) with boxes lc rgb variable, '' using 1:3:6 with labels offset 0,0.8
set title "server CPU-µs per request (lower is better)"
set format y "%g"
plot '{data}' using 1:4:5:xtic(2) with boxes lc rgb variable, '' using 1:4:7 with labels offset 0,0.8
unset multiplot
"""
    try:
        done = subprocess.run([gnuplot], input=script, text=True, capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, f"gnuplot failed: {e}"
    if done.returncode != 0 or not png.exists():
        return None, f"gnuplot failed: {done.stderr.strip()[:200]}"
    return png.name, None


def targets(summary):
    """Markdown lines, one per target whose contestants were measured: the two figures, the ratio, and ✓ or ✗."""
    out = []
    for workload, key, peer, bound in TARGETS:
        mine = summary.get(("pronto", workload))
        other = summary.get((peer, workload)) if peer else summary.get(("pronto", "plain"))
        if not mine or not other or not mine[key] or not other[key]:
            continue
        ratio = mine[key] / other[key]
        if key == "req_per_s":
            ok = ratio >= bound
            text = (f"{workload}: pronto {fmt_int(mine[key])} req/s = **{ratio:.2f}×** {peer}'s {fmt_int(other[key])} "
                    f"(target ≥ {bound:.2f}×)")
            if mine["wrk_saturated_runs"]:
                text += "; wrk saturated its core, so pronto's figure is a floor"
        elif peer:
            ok = ratio <= bound
            text = (f"{workload}: pronto {mine[key]:.2f} server CPU-µs/req = **{ratio:.2f}×** {peer}'s "
                    f"{other[key]:.2f} (target ≤ {bound:.2f}×)")
        else:
            ok = ratio <= bound
            text = (f"{workload}: pronto {mine[key]:.2f} server CPU-µs/req = **{ratio:.2f}×** its own plain "
                    f"{other[key]:.2f} (target ≤ {bound:.2f}×)")
        out.append(f"- {'✓' if ok else '✗'} {text}")
    return out


def read_contestants(path):
    if not path.exists():
        return {}
    with open(path, newline="") as f:
        return {r["contestant"]: r for r in csv.DictReader(f)}


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
              "socket_errors", "non_2xx_3xx", "order_check", "route_check"]
    with open(out / "summary.csv", "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(fields)
        for (n, w), s in summary.items():
            writer.writerow([n, w] + [round(s[k], 3) if isinstance(s[k], float) else "" if s[k] is None else s[k]
                                      for k in fields[2:]])

    md = [f"# Pronto benchmark, {settings.get('started_utc', out.name)}", ""]
    rounds = int(settings.get("rounds", "1"))
    spread = (f" in {rounds} rounds (every contestant restarted in each round, so that its runs are spread over "
              "the whole run)" if rounds > 1 else "")
    md.append(f"- load: `{settings.get('wrk', 'wrk')}`; median of {settings.get('reps', '?')} runs of "
              f"{settings.get('duration_s', '?')} s{spread}; before its runs, each workload warmed up for "
              f"{settings.get('warmup_s', '?')} s (discarded)")
    md.append(f"- {settings.get('pinning', '')}; JVM flags for every Java contestant: `{settings.get('jvm_flags', '')}`")
    md.append(f"- {settings.get('jdk', '')}; {settings.get('wrk_version', '')}")
    md.append(f"- {settings.get('cpu', '')}; {settings.get('kernel', '')}; governor {settings.get('governor', 'n/a')}; "
              f"commit {settings.get('git', '?')}")
    md.append("")

    checked = targets(summary)
    if checked:
        md += ["## Targets (medians of this run)", ""] + checked + [""]

    contestants = read_contestants(out / "contestants.csv")
    if contestants:
        md += ["## Contestants: one loop each, start-up and idle", ""]
        md.append("| contestant | version | one-loop setup | start-up ms | idle RSS MiB | threads (processes) |")
        md.append("|---|---|---|--:|--:|--:|")
        for n in names + [c for c in contestants if c not in names]:
            c = contestants.get(n)
            if c:
                md.append(f"| {n} | {c['version']} | {c['setup']} | {c['startup_ms']} | {float(c['idle_rss_mib']):.0f} | "
                          f"{c['idle_threads']} ({c['idle_processes']}) |")
        md.append("")
        md.append("Start-up: from launch to the first answered `GET /` (polled every 5 ms). Idle: resident memory and "
                  "threads of the server's process tree one second later, before any load.")
        md.append("")

    for w in workloads:
        measured = [n for n in names if (n, w) in summary]
        if not measured:
            continue
        md += [f"## {WORKLOAD_TITLES.get(w, w)}", ""]
        md.append("| contestant | req/s | server CPU-µs/req | server CPU % | wrk CPU % | other CPU % | p50 ms "
                  f"| p99 ms | peak RSS MiB | socket errors | non-2xx/3xx | {CHECK_TITLE.get(w, 'check')} |")
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
                      f"{s['order_check'] if w == 'pipelined' else s['route_check'] or 'n/a'} |")
        if w == "pipelined":
            md.append("")
            md.append("Latency here is wrk's time for a whole batch of 24 responses; n/a: wrk printed an unusable "
                      "percentile (bench/README.md, caveats); (k/n): median of the k runs out of n that had a usable one.")
        md.append("")
        png, why = chart(out, w, measured, summary)
        md += [f"![{w}: req/s and server CPU-µs per request]({png})" if png else f"(no chart: {why})", ""]
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

    skipped = lines(out / "skipped.txt") + lines(out / "skipped-workloads.txt")
    if skipped:
        md += ["## Not measured", ""] + [f"- {l}" for l in skipped] + [""]
    checks = lines(out / "order-check.txt")
    if checks:
        md += ["## Pipelining order check (bench/check-order.py, 24 requests in one write)", ""]
        md += [f"- {l}" for l in checks] + [""]
    routes = lines(out / "route-check.txt")
    if routes:
        md += ["## Route check (bench/check-routes.py: GET /, GET /json, POST /echo of 4 KiB)", ""]
        md += [f"- {l}" for l in routes] + [""]

    text = "\n".join(md)
    (out / "summary.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
