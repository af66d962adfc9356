#!/usr/bin/env bash
# Soak test: the 'bench' example (GET /, GET /json, POST /echo) with one event loop on core 0, under mixed load from
# core 1 for N minutes: wrk pipelined, plain and POST, a wrk client that reconnects for every request, and
# bench/soak/abuse.py (malformed requests that must get their 4xx and a clean close; abrupt disconnects and
# resets). The server's RSS, open fds, established connections and GC counters are sampled once a second into a
# CSV and plotted; the verdict line says whether memory and descriptors stayed put and nothing unexpected happened.
# Output: bench/results/soak-<UTC timestamp>/ (samples.csv, soak.png, verdict.txt, the logs). See --help.
set -euo pipefail

usage() {
  cat <<'EOF_USAGE'
usage: bench/soak.sh [options]
  --minutes N           minutes of load, 1 to 120 (default 10); a warm-up of min(60 s, a quarter of it) included
  --port P              the server's port on 127.0.0.1 (default 18470)
  --rss-growth-mib M    most RSS growth allowed from the end of the warm-up to the end of the load (default 32)
  --heap-growth-mib M   most growth of the live heap after a full GC, idle before vs idle after (default 16)
  --no-build            do not build, even if the examples jar is older than the sources
  -h, --help
Environment: SOAK_JVM_FLAGS overrides the server's JVM flags (default -Xms256m -Xmx256m -XX:+AlwaysPreTouch).
Exit status: 0 on SOAK PASS, 1 on SOAK FAIL, 2 on a usage or setup error.
EOF_USAGE
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SOAK=$ROOT/bench/soak
JAR=$ROOT/examples/target/pronto-examples.jar
MINUTES=10
PORT=18470
RSS_GROWTH_MIB=32
HEAP_GROWTH_MIB=16
BUILD=1
SERVER_CPU=0
CLIENT_CPU=1
# A fixed, pre-touched heap: the heap is resident from the start, so RSS growth after the warm-up can only be native
# memory (code cache, malloc arenas, NIO buffers, thread stacks); heap growth is judged by the live set instead.
read -r -a JVM_FLAGS <<< "${SOAK_JVM_FLAGS:--Xms256m -Xmx256m -XX:+AlwaysPreTouch}"

while (( $# )); do
  case $1 in
    --minutes) MINUTES=${2:?}; shift ;;
    --port) PORT=${2:?}; shift ;;
    --rss-growth-mib) RSS_GROWTH_MIB=${2:?}; shift ;;
    --heap-growth-mib) HEAP_GROWTH_MIB=${2:?}; shift ;;
    --no-build) BUILD=0 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "soak.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
for n in "$MINUTES" "$PORT" "$RSS_GROWTH_MIB" "$HEAP_GROWTH_MIB"; do
  [[ $n =~ ^[0-9]+$ ]] || { echo "soak.sh: '$n' is not a whole number" >&2; exit 2; }
done
(( MINUTES >= 1 && MINUTES <= 120 )) || { echo "soak.sh: --minutes must be 1 to 120" >&2; exit 2; }
(( PORT >= 1024 && PORT <= 65535 )) || { echo "soak.sh: --port must be 1024 to 65535" >&2; exit 2; }
LOAD_SECS=$(( MINUTES * 60 ))
WARM_SECS=$(( LOAD_SECS / 4 < 60 ? LOAD_SECS / 4 : 60 ))
COOLDOWN_MIN=10   # seconds sampled after the load at least, for the plot
COOLDOWN_MAX=30   # seconds allowed for the fds and connections to come back to their baseline

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 2; }

# ---- tools ----
JAVA_HOME_25=${JAVA_HOME:-}
java_major() { "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1; }
if [[ -z $JAVA_HOME_25 || ! -x $JAVA_HOME_25/bin/java ]] || (( $(java_major "$JAVA_HOME_25/bin/java") < 25 )); then
  JAVA_HOME_25=/usr/lib/jvm/temurin-25-jdk-amd64
fi
[[ -x $JAVA_HOME_25/bin/java ]] || die "no JDK 25: set JAVA_HOME"
JAVA=$JAVA_HOME_25/bin/java
JSTAT=$JAVA_HOME_25/bin/jstat
JCMD=$JAVA_HOME_25/bin/jcmd
(( $(nproc) >= 2 )) || die "needs 2 cores: the server on core $SERVER_CPU, the load on core $CLIENT_CPU"
for tool in wrk taskset ss python3 curl; do
  command -v "$tool" > /dev/null || die "$tool is missing (apt-get install -y wrk util-linux iproute2 python3 curl)"
done
if ! command -v gnuplot > /dev/null; then
  log "installing gnuplot-nox for the plot"
  { apt-get install -y gnuplot-nox || { apt-get update && apt-get install -y gnuplot-nox; }; } > /dev/null 2>&1 \
    || log "gnuplot could not be installed: no plot"
fi

# ---- build ----
if (( BUILD )); then
  if [[ ! -f $JAR ]] || [[ -n $(find "$ROOT/pom.xml" "$ROOT"/core/pom.xml "$ROOT"/core/src/main "$ROOT"/json/src/main \
        "$ROOT"/examples/pom.xml "$ROOT"/examples/src/main -newer "$JAR" -type f -print -quit 2>/dev/null) ]]; then
    log "building (mvn -B -q -DskipTests package)"
    (cd "$ROOT" && JAVA_HOME=$JAVA_HOME_25 mvn -B -q -DskipTests package) || die "the build failed"
  fi
fi
[[ -f $JAR ]] || die "$JAR is missing: build it, or drop --no-build"
[[ -z $(ss -Htln "( sport = :$PORT )") ]] || die "port $PORT is in use: pick another with --port"

OUT=$ROOT/bench/results/soak-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
PHASE=$OUT/.phase
echo idle > "$PHASE"

# ---- processes: every one started here is stopped by its pid on exit or Ctrl-C ----
SERVER_PID=
HELPER_PIDS=()
stop_pid() {  # TERM, then KILL after 10 s
  local pid=$1
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}
cleanup() {
  local pid
  for pid in "${HELPER_PIDS[@]}"; do stop_pid "$pid"; done
  [[ -n $SERVER_PID ]] && stop_pid "$SERVER_PID"
  rm -f "$PHASE"
}
trap cleanup EXIT
trap 'log "interrupted: partial results in ${OUT#"$ROOT"/}"; exit 130' INT TERM

# ---- the server ----
log "server: taskset -c $SERVER_CPU java ${JVM_FLAGS[*]} -jar pronto-examples.jar bench --host 127.0.0.1 --port $PORT --event-loops 1"
taskset -c "$SERVER_CPU" "$JAVA" "${JVM_FLAGS[@]}" -jar "$JAR" bench --host 127.0.0.1 --port "$PORT" --event-loops 1 \
  > "$OUT/server.log" 2>&1 &
SERVER_PID=$!   # taskset execs java: this is the JVM's pid
for _ in $(seq 300); do
  curl -fsS -m 1 "http://127.0.0.1:$PORT/" > /dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || die "the server exited at start: $(tail -5 "$OUT/server.log")"
  sleep 0.1
done
[[ $(curl -fsS -m 2 "http://127.0.0.1:$PORT/") == "Hello world!" ]] || die "the server does not answer GET /"

taskset -c "$CLIENT_CPU" "$JSTAT" -gcutil -t "$SERVER_PID" 1000 > "$OUT/jstat-gcutil.txt" 2>&1 &
HELPER_PIDS+=($!)
taskset -c "$CLIENT_CPU" "$SOAK/sample.sh" "$SERVER_PID" "$PORT" "$OUT/samples.csv" "$OUT/jstat-gcutil.txt" "$PHASE" &
HELPER_PIDS+=($!)

# The live heap: used heap right after a full GC (jcmd GC.run), from jstat -gc (KB). The first jcmd starts the
# JVM's attach listener, which keeps a socket open: it runs before the fds baseline is taken.
live_heap_kb() {
  taskset -c "$CLIENT_CPU" "$JCMD" "$SERVER_PID" GC.run > /dev/null
  taskset -c "$CLIENT_CPU" "$JSTAT" -gc "$SERVER_PID" | awk 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i }
    NR == 2 { printf "%.0f\n", $c["S0U"] + $c["S1U"] + $c["EU"] + $c["OU"] }'
}
HEAP_START_KB=$(live_heap_kb)
FDS_BASELINE=$(ls "/proc/$SERVER_PID/fd" | wc -l)
log "baseline: $FDS_BASELINE fds, live heap $(( HEAP_START_KB / 1024 )) MiB; results in ${OUT#"$ROOT"/}"

# ---- the load, all on core $CLIENT_CPU, for $LOAD_SECS s ----
URL=http://127.0.0.1:$PORT
echo warmup > "$PHASE"
LOAD_START=$(date +%s)
log "load for $MINUTES min (warm-up ${WARM_SECS} s): wrk pipelined, plain /json, POST /echo, reconnecting; abuse.py"
LOAD_PIDS=()
run_wrk() {  # name, then wrk's arguments
  local name=$1; shift
  taskset -c "$CLIENT_CPU" wrk -t1 -d"${LOAD_SECS}s" --timeout 5s "$@" > "$OUT/wrk-$name.txt" 2>&1 &
  LOAD_PIDS+=($!); HELPER_PIDS+=($!)
}
run_wrk pipelined -c32 -s "$ROOT/bench/pipeline.lua" "$URL/"
run_wrk plain-json -c32 "$URL/json"
run_wrk post-echo -c16 -s "$ROOT/bench/post.lua" "$URL/echo"
run_wrk reconnecting -c4 -H "Connection: close" "$URL/"
taskset -c "$CLIENT_CPU" python3 "$SOAK/abuse.py" --port "$PORT" --seconds "$LOAD_SECS" --out "$OUT/abuse.json" \
  > "$OUT/abuse.log" 2>&1 &
LOAD_PIDS+=($!); HELPER_PIDS+=($!)

sleep "$WARM_SECS" &  # in the background: a trap (Ctrl-C) interrupts wait, not a foreground sleep
HELPER_PIDS+=($!)
wait $!
echo load > "$PHASE"
SERVER_EXIT=
for pid in "${LOAD_PIDS[@]}"; do wait "$pid" || log "a load process ($pid) exited with status $?"; done
echo cooldown > "$PHASE"
LOAD_END=$(date +%s)
kill -0 "$SERVER_PID" 2>/dev/null || SERVER_EXIT=died
log "load over after $(( LOAD_END - LOAD_START )) s: waiting for fds and connections to come back (${COOLDOWN_MAX} s at most)"

# ---- cool-down: at least COOLDOWN_MIN s, until back to the baseline or COOLDOWN_MAX s ----
for (( s = 1; s <= COOLDOWN_MAX; s++ )); do
  sleep 1
  [[ -z $SERVER_EXIT ]] || break
  kill -0 "$SERVER_PID" 2>/dev/null || { SERVER_EXIT=died; break; }
  fds=$(ls "/proc/$SERVER_PID/fd" | wc -l)
  established=$(ss -Htn state established "( sport = :$PORT )" | wc -l)
  (( s >= COOLDOWN_MIN && fds <= FDS_BASELINE && established == 0 )) && break
done
sleep 1.5  # one more sample row after the last check
HEAP_END_KB=0
[[ -z $SERVER_EXIT ]] && HEAP_END_KB=$(live_heap_kb)

# ---- stop: helpers, then the server (SIGTERM: a graceful shutdown, exit status 0) ----
for pid in "${HELPER_PIDS[@]}"; do stop_pid "$pid"; done
HELPER_PIDS=()
if [[ -z $SERVER_EXIT ]]; then
  kill -TERM "$SERVER_PID"
  SERVER_EXIT=0
  wait "$SERVER_PID" || SERVER_EXIT=$?
fi
SERVER_PID=

# ---- plot and verdict ----
if command -v gnuplot > /dev/null; then
  warm_at=$(awk -F, '$2 == "load" { print $1; exit }' "$OUT/samples.csv")
  end_at=$(awk -F, '$2 == "cooldown" { print $1; exit }' "$OUT/samples.csv")
  gnuplot -e "csv='$OUT/samples.csv'; png='$OUT/soak.png'; warm=${warm_at:-0}; loadend=${end_at:-0}; \
title='Pronto soak: bench example, 1 loop on core $SERVER_CPU, $MINUTES min of mixed load from core $CLIENT_CPU'" \
    "$SOAK/plot.gp" || log "gnuplot failed: no plot"
fi
VERDICT_ARGS=(--dir "$OUT" --rss-growth-mib "$RSS_GROWTH_MIB" --heap-growth-mib "$HEAP_GROWTH_MIB"
  --fds-baseline "$FDS_BASELINE" --heap-live-start-kb "$HEAP_START_KB" --heap-live-end-kb "$HEAP_END_KB"
  --server-exit "$SERVER_EXIT")
echo "bench/soak/verdict.py ${VERDICT_ARGS[*]}" > "$OUT/verdict-command.txt"  # to re-run the verdict later
set +e
python3 "$SOAK/verdict.py" "${VERDICT_ARGS[@]}"
status=$?
set -e
[[ -f $OUT/soak.png ]] && log "plot: ${OUT#"$ROOT"/}/soak.png"
log "results: ${OUT#"$ROOT"/}/ (samples.csv, verdict.txt, server.log, wrk-*.txt, abuse.json)"
exit "$status"
