#!/usr/bin/env bash
# Large in-memory bodies (issue 12, bug 2): how long a 1 GiB Response.bytes takes over loopback, how long a small
# request on the same (single) event loop waits meanwhile, and how much memory the server keeps afterwards.
# Figures only, no assertion: see bench/README.md ("Large bodies").
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=$ROOT/examples/target/pronto-examples.jar
PORT=18190
MIB=1024
REPS=3
CONCURRENT=4
WORKERS=1
SERVER_CPU=0
CLIENT_CPU=1
# Response.bytes copies its array, so building a 1 GiB body holds 2 GiB at once; under taskset the JVM sees one
# CPU and picks the serial collector, whose old generation is 2/3 of the heap: 4 GiB leaves room for both copies.
JVM_FLAGS=${BIGBODY_JVM_FLAGS:--Xmx4g}

usage() {
  echo "usage: bench/bigbody.sh [--jar PATH] [--port P] [--mib N] [--reps N] [--concurrent N]" \
       "[--event-loops N] [--server-cpu N] [--client-cpu N]" >&2
  exit 2
}
while (( $# )); do
  case $1 in
    --jar) JAR=$2 ;;
    --port) PORT=$2 ;;
    --mib) MIB=$2 ;;
    --reps) REPS=$2 ;;
    --concurrent) CONCURRENT=$2 ;;
    --event-loops) WORKERS=$2 ;;
    --server-cpu) SERVER_CPU=$2 ;;
    --client-cpu) CLIENT_CPU=$2 ;;
    *) usage ;;
  esac
  shift 2 || usage
done

JDK=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
"$JDK/bin/java" -version 2>&1 | grep -q 'version "25' || JDK=/usr/lib/jvm/temurin-25-jdk-amd64
[[ -f $JAR ]] || { echo "no $JAR: build with mvn -B -q -DskipTests package" >&2; exit 1; }
for tool in curl taskset awk python3; do
  command -v "$tool" > /dev/null || { echo "bench/bigbody.sh needs $tool" >&2; exit 1; }
done

BASE=http://127.0.0.1:$PORT
BIG=$BASE/big?mib=$MIB
WORK=$(mktemp -d)
SERVER=
CLIENTS=()
cleanup() {
  for pid in "${CLIENTS[@]}" $SERVER; do
    kill "$pid" 2> /dev/null || true
  done
  [[ -n $SERVER ]] && wait "$SERVER" 2> /dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

client() { taskset -c "$CLIENT_CPU" "$@"; }
rss_mib() { awk '/^VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$SERVER/status"; }
hwm_mib() { awk '/^VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$SERVER/status"; }
# One download; prints curl's time_total in seconds, or "failed" with the size it got.
download() {
  local out
  out=$(client curl -s -o /dev/null --max-time 600 -w '%{http_code} %{size_download} %{time_total}' "$BIG") || true
  read -r code size secs <<< "$out"
  if [[ $code == 200 && $size == $(( MIB << 20 )) ]]; then echo "$secs"; else echo "failed($code,$size B)"; fi
}
# Median and maximum of a column of numbers (seconds), printed in milliseconds.
stats_ms() {
  sort -g | awk '{ v[NR] = $1 * 1000 } END {
    if (NR == 0) { print "no samples"; exit }
    m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%d samples, median %.1f ms, max %.1f ms\n", NR, m, v[NR] }'
}

if curl -s -o /dev/null --max-time 1 "$BASE/"; then
  echo "something already answers on port $PORT: choose another with --port" >&2
  exit 1
fi
echo "jar: $JAR, built $(date -r "$JAR" '+%F %T')"
# A jar built before --event-loops existed (as the "before" builds of this script's figures) knows only --workers.
LOOPS_FLAG=--event-loops
"$JDK/bin/java" -jar "$JAR" hello --help 2>&1 | grep -q -- --event-loops || LOOPS_FLAG=--workers
echo "server: taskset -c $SERVER_CPU java $JVM_FLAGS -jar … bigbody $LOOPS_FLAG $WORKERS; clients on core $CLIENT_CPU"
taskset -c "$SERVER_CPU" "$JDK/bin/java" $JVM_FLAGS -jar "$JAR" bigbody --host 127.0.0.1 --port "$PORT" \
  "$LOOPS_FLAG" "$WORKERS" > "$WORK/server.log" 2>&1 &
SERVER=$!
for (( i = 0; i < 300; i++ )); do
  curl -s -o /dev/null --max-time 1 "$BASE/" && break
  kill -0 "$SERVER" 2> /dev/null || { cat "$WORK/server.log" >&2; exit 1; }
  sleep 0.1
done
sleep 1
IDLE_FRESH=$(rss_mib)
# HEAD builds the body (kept by the example for every later request) and sends none of it; a full GC then drops
# the array Response.bytes copied it from. From here on the heap holds the body, so growth past this figure is
# what sending it costs.
client curl -s -o /dev/null --max-time 120 -I "$BIG"
"$JDK/bin/jcmd" "$SERVER" GC.run > /dev/null
sleep 2
IDLE=$(rss_mib)
echo "RSS idle: ${IDLE_FRESH} MiB fresh, ${IDLE} MiB with the ${MIB} MiB body built (the baseline below)"

echo "(a) ${MIB} MiB with curl, one at a time:"
TIMES=()
for (( r = 1; r <= REPS; r++ )); do
  t=$(download)
  after=$(rss_mib)
  TIMES+=("$t")
  echo "    run $r: $t s, RSS right after ${after} MiB"
done
sleep 3
echo "    RSS 3 s after the last: $(rss_mib) MiB"
printf '%s\n' "${TIMES[@]}" | awk '!/failed/' > "$WORK/times"
echo "    time: $(stats_ms < "$WORK/times")"

echo "(b) GET / to the same server (the same loop with --event-loops 1) while $REPS download(s) of ${MIB} MiB run one"
echo "    after another; a new connection every 20 ms:"
for (( r = 1; r <= REPS; r++ )); do download; done > "$WORK/bg-time" &
BG=$!
CLIENTS+=("$BG")
# One Python process probes, so that no fork and exec per sample competes with the download on the client core.
client python3 - "$PORT" "$BG" > "$WORK/probes" <<'PROBE' || true
import os, socket, sys, time
port, download = int(sys.argv[1]), sys.argv[2]
request = b"GET / HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n"
while os.path.exists("/proc/" + download):
    start = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port), timeout=60) as s:
        s.sendall(request)
        answer = b""
        while not answer.endswith(b"Hello world!"):
            chunk = s.recv(4096)
            if not chunk:
                break
            answer += chunk
    if answer.endswith(b"Hello world!"):
        print(time.perf_counter() - start, flush=True)
    time.sleep(0.02)
PROBE
wait "$BG" || true
echo "    downloads: $(tr '\n' ' ' < "$WORK/bg-time")s; GET /: $(stats_ms < "$WORK/probes")"
sleep 1

echo "(c) $CONCURRENT concurrent downloads of ${MIB} MiB:"
start=$EPOCHREALTIME
PIDS=()
for (( c = 1; c <= CONCURRENT; c++ )); do
  download > "$WORK/concurrent-$c" &
  PIDS+=("$!")
  CLIENTS+=("$!")
done
for pid in "${PIDS[@]}"; do wait "$pid" || true; done
end=$EPOCHREALTIME
after=$(rss_mib)
echo "    each: $(cat "$WORK"/concurrent-* | tr '\n' ' ')s; all done in $(awk -v a="$start" -v b="$end" \
  'BEGIN { printf "%.2f", b - a }') s; RSS right after ${after} MiB"
sleep 3
LATER=$(rss_mib)
echo "    RSS 3 s after: ${LATER} MiB; peak RSS of the run (VmHWM): $(hwm_mib) MiB"

echo "server log (stack frames left out):"
grep -v $'^\tat ' "$WORK/server.log" | cut -c1-200 | head -20 | sed 's/^/    /'
echo "targets (issue 12): ${MIB} MiB ≤ 1.5 s; GET / meanwhile ≤ 50 ms; RSS after ≤ 2 × idle, read here as the"
echo "    baseline plus the fresh idle figure (the body itself stays in the heap): ≤ $(( IDLE + IDLE_FRESH )) MiB"
