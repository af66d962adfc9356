#!/usr/bin/env bash
# Side-by-side load benchmark of Pronto and its peers: each server alone on core 0, wrk on core 1,
# Japronto's workload (wrk -t1 -c100, 24 pipelined requests per write) and/or plain keep-alive.
# One command on a fresh 2-core Debian machine: installs wrk, builds, checks, measures, reports.
# See bench/README.md for what is measured and how to read it.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: bench/run.sh [options]
  --contestants LIST   comma-separated, first one is the ratio baseline
                       (default and known: pronto,netty-epoll,netty-nio)
  --workload W         pipelined | plain | all            (default pipelined)
  --duration S         seconds per measured run           (default 10)
  --reps N             measured runs per contestant and workload, median reported (default 3)
  --warmup S           seconds of discarded wrk load before measuring (default 10)
  --connections C      wrk connections                    (default 100)
  --port P             first port; contestant i listens on P+i (default 18080)
  --server-cpu N       core for the servers               (default 0)
  --client-cpu N       core for wrk                       (default 1)
  --retries N          re-measure a run disturbed by other load (> 10 % of a core) up to N times (default 2)
  --no-build           do not build Pronto (peers are still built when their jar is missing or stale)
  -h, --help
Environment: BENCH_JVM_FLAGS overrides the JVM flags shared by every Java contestant.
EOF
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench

CONTESTANTS=pronto,netty-epoll,netty-nio
WORKLOAD=pipelined
DURATION=10
REPS=3
WARMUP=10
CONNECTIONS=100
BASE_PORT=18080
SERVER_CPU=0
CLIENT_CPU=1
BUILD=1
RETRIES=2
NOISY_PCT=10  # CPU % of the two cores used by neither server nor wrk above which a run is re-measured
# Every JVM contestant gets exactly these flags (default GC: with one visible core that is Serial).
read -r -a JVM_FLAGS <<< "${BENCH_JVM_FLAGS:--Xms256m -Xmx256m}"

while (( $# )); do
  case $1 in
    --contestants) CONTESTANTS=$2; shift ;;
    --workload) WORKLOAD=$2; shift ;;
    --duration) DURATION=$2; shift ;;
    --reps) REPS=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    --connections) CONNECTIONS=$2; shift ;;
    --port) BASE_PORT=$2; shift ;;
    --server-cpu) SERVER_CPU=$2; shift ;;
    --client-cpu) CLIENT_CPU=$2; shift ;;
    --retries) RETRIES=$2; shift ;;
    --no-build) BUILD=0 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

case $WORKLOAD in
  pipelined|plain) WORKLOADS=("$WORKLOAD") ;;
  all) WORKLOADS=(pipelined plain) ;;
  *) echo "run.sh: --workload must be pipelined, plain or all" >&2; exit 2 ;;
esac
for n in "$DURATION" "$REPS" "$WARMUP" "$CONNECTIONS" "$BASE_PORT" "$SERVER_CPU" "$CLIENT_CPU" "$RETRIES"; do
  [[ $n =~ ^[0-9]+$ ]] || { echo "run.sh: '$n' is not a whole number" >&2; exit 2; }
done
(( DURATION >= 1 && REPS >= 1 )) || { echo "run.sh: --duration and --reps must be at least 1" >&2; exit 2; }
IFS=, read -r -a NAMES <<< "$CONTESTANTS"

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------------------------------------
# Contestants: one function each, named peer_<name with - as _>.
#   peer_x build      make sure it can start: build or check its artifact; on failure set WHY
#                     (one line) and return 1, and the contestant is skipped.
#   peer_x cmd PORT   set CMD to the command serving GET / -> 200 "Hello world!" on 127.0.0.1:PORT
#                     with one worker, staying in the foreground (taskset and the pid are ours).
# To add a peer (Vert.x, Undertow, Go fasthttp, nginx...), add one function here.
# ---------------------------------------------------------------------------------------------
PRONTO_JAR=$ROOT/examples/target/pronto-examples.jar
NETTY_DIR=$BENCH/peers/netty
NETTY_JAR=$NETTY_DIR/target/netty-peer.jar

peer_pronto() {
  case $1 in
    build)
      if (( BUILD )); then
        need_maven || return 1
        log "building Pronto (mvn -q -DskipTests package at the repo root)"
        if ! (cd "$ROOT" && JAVA_HOME=$JDK timeout 1800 mvn -q -B -DskipTests package) \
             > "$OUT/logs/build-pronto.log" 2>&1; then
          WHY="Pronto build failed: see ${OUT#"$ROOT"/}/logs/build-pronto.log"; return 1
        fi
      fi
      if [[ ! -f $PRONTO_JAR ]]; then
        WHY="Pronto jar missing: ${PRONTO_JAR#"$ROOT"/} does not exist"
        (( BUILD )) && WHY+=" after the build" || WHY+=" (build with 'mvn -DskipTests package' or drop --no-build)"
        return 1
      fi ;;
    cmd) CMD=("$JAVA" "${JVM_FLAGS[@]}" -jar "$PRONTO_JAR" hello --port "$2" --workers 1) ;;
  esac
}

peer_netty_epoll() { netty_peer epoll "$@"; }
peer_netty_nio() { netty_peer nio "$@"; }

netty_peer() {  # TRANSPORT build|cmd PORT
  case $2 in
    build) build_java_peer netty "$NETTY_DIR" "$NETTY_JAR" ;;
    cmd) CMD=("$JAVA" "${JVM_FLAGS[@]}" -jar "$NETTY_JAR" --transport "$1" --port "$3") ;;
  esac
}

# Builds a standalone Maven peer once per run, and only when its jar is missing or older than its sources.
declare -A PEER_BUILT=()
build_java_peer() {  # NAME DIR JAR
  local name=$1 dir=$2 jar=$3
  if [[ -n ${PEER_BUILT[$name]:-} ]]; then
    (( PEER_BUILT[$name] == 0 )) || WHY="$name peer build failed earlier in this run"
    return "${PEER_BUILT[$name]}"
  fi
  if [[ -f $jar ]] && [[ -z $(find "$dir/pom.xml" "$dir/src" -newer "$jar" -print -quit) ]]; then
    PEER_BUILT[$name]=0; return 0
  fi
  PEER_BUILT[$name]=1
  need_maven || return 1
  log "building the $name peer (mvn -q -f ${dir#"$ROOT"/}/pom.xml package)"
  if ! JAVA_HOME=$JDK timeout 1800 mvn -q -B -f "$dir/pom.xml" package > "$OUT/logs/build-$name.log" 2>&1; then
    WHY="$name peer build failed: see ${OUT#"$ROOT"/}/logs/build-$name.log"; return 1
  fi
  [[ -f $jar ]] || { WHY="$name peer build produced no ${jar#"$ROOT"/}"; return 1; }
  PEER_BUILT[$name]=0
}

# ---------------------------------------------------------------------------------------------
# Tools
# ---------------------------------------------------------------------------------------------
APT_UPDATED=0
apt_install() {  # PACKAGE... ; installs with apt-get, as root or through sudo
  local sudo=()
  if (( EUID != 0 )); then
    if command -v sudo > /dev/null && sudo -n true 2> /dev/null; then sudo=(sudo -n)
    else echo "missing: $* (not root and no password-less sudo: run 'sudo apt-get install -y $*')"; return 1; fi
  fi
  command -v apt-get > /dev/null || { echo "missing: $* (no apt-get on this machine)"; return 1; }
  log "installing $* with apt-get"
  if ! DEBIAN_FRONTEND=noninteractive timeout 900 "${sudo[@]}" apt-get install -y -q "$@" > /dev/null 2>&1; then
    (( APT_UPDATED )) || { APT_UPDATED=1; timeout 600 "${sudo[@]}" apt-get update -q > /dev/null 2>&1 || true; }
    DEBIAN_FRONTEND=noninteractive timeout 900 "${sudo[@]}" apt-get install -y -q "$@" > /dev/null 2>&1 \
      || { echo "missing: $* (apt-get install -y $* failed)"; return 1; }
  fi
}

need_tool() {  # COMMAND PACKAGE
  command -v "$1" > /dev/null && return 0
  local why
  why=$(apt_install "$2") || die "$why"
  command -v "$1" > /dev/null || die "missing: $1 (package $2 installed but no $1 on PATH)"
}

need_maven() {  # sets WHY when Maven is missing and cannot be installed
  command -v mvn > /dev/null && return 0
  WHY=$(apt_install maven) || return 1
}

find_jdk25() {
  local j
  for j in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25* /opt/*jdk*25*; do
    [[ -n $j && -x $j/bin/java && -f $j/release ]] && grep -q '^JAVA_VERSION="25' "$j/release" && { echo "$j"; return 0; }
  done
  return 1
}

# ---------------------------------------------------------------------------------------------
# Measurement helpers
# ---------------------------------------------------------------------------------------------
# "TICKS RSS_KB" of a process and all its descendants: utime+stime (fields 14, 15 of /proc/PID/stat,
# which already add up all threads) in clock ticks, and the sum of their VmHWM (peak RSS).
proc_tree_usage() {
  local ticks_and_pids pid hwm=0 kb
  ticks_and_pids=$({ cat /proc/[0-9]*/stat 2> /dev/null || true; } | awk -v root="$1" '
    { r = 0; for (i = length($0); i > 0; i--) if (substr($0, i, 1) == ")") { r = i; break }
      split(substr($0, r + 2), f, " ")            # f[1] = field 3 (state), so field n is f[n-2]
      ppid[$1] = f[2]; t[$1] = f[12] + f[13] }
    END { if (!(root in t)) exit
          sum = 0; pids = ""
          for (p in t) { q = p; while (q in ppid && q != root && q > 1) q = ppid[q]
                         if (q == root) { sum += t[p]; pids = pids " " p } }
          print sum pids }')
  [[ -n $ticks_and_pids ]] || { echo "0 0"; return; }
  local fields ticks
  read -r -a fields <<< "$ticks_and_pids"
  ticks=${fields[0]}
  for pid in "${fields[@]:1}"; do
    kb=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2> /dev/null) && hwm=$(( hwm + ${kb:-0} ))
  done
  echo "$ticks $hwm"
}

# "BUSY STEAL" clock ticks so far on the server and client cores, from /proc/stat (same USER_HZ as
# /proc/PID/stat). Busy = user + nice + system + irq + softirq + steal: everything but idle and iowait.
cores_busy() {
  awk -v a="cpu$SERVER_CPU" -v b="cpu$CLIENT_CPU" '$1 == a || $1 == b { busy += $2 + $3 + $4 + $7 + $8 + $9; steal += $9 }
    END { print busy + 0, steal + 0 }' /proc/stat
}

port_answers() {  # PORT ; true when something accepts a TCP connection there
  timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2> /dev/null
}

cpu_busy_pct() {  # share of all CPU time that was busy over the next second, from /proc/stat
  local a b
  read -r -a a < /proc/stat; sleep 1; read -r -a b < /proc/stat
  awk -v a="${a[*]}" -v b="${b[*]}" 'BEGIN { n = split(a, x, " "); split(b, y, " "); tot = 0
    for (i = 2; i <= n; i++) tot += y[i] - x[i]
    idle = (y[5] - x[5]) + (y[6] - x[6]); printf "%d", (tot > 0 ? 100 * (tot - idle) / tot : 0) }'
}

# Like Japronto's do_wrk, waits (at most QUIET_WAIT s) until the machine is at most 10 % busy, so that a
# build or test run elsewhere on the machine does not land in a measurement. Takes at least 1 s.
QUIET_WAIT=30
wait_quiet() {
  local busy waited=0
  while busy=$(cpu_busy_pct); (( busy > 10 )); do
    (( waited == 0 )) && log "the machine is ${busy}% busy: waiting up to ${QUIET_WAIT} s for it to calm down"
    waited=$(( waited + 1 ))
    (( waited < QUIET_WAIT )) || { log "WARNING: still ${busy}% busy; measuring anyway (see other_cpu_pct)"; return; }
  done
}

SERVER_PID=
WRK_JOB=
stop_server() {
  [[ -n $SERVER_PID ]] || return 0
  local pid=$SERVER_PID i
  SERVER_PID=
  kill -TERM "$pid" 2> /dev/null || true
  for (( i = 0; i < 50; i++ )); do kill -0 "$pid" 2> /dev/null || break; sleep 0.2; done
  kill -0 "$pid" 2> /dev/null && { log "server $pid ignored SIGTERM for 10 s: SIGKILL"; kill -KILL "$pid" 2> /dev/null || true; }
  wait "$pid" 2> /dev/null || true
}

cleanup() {
  trap - EXIT INT TERM
  if [[ -n $WRK_JOB ]]; then
    # timeout passes SIGTERM on to wrk; the subshell then reaps it and exits by itself.
    [[ -f $WRK_PIDFILE ]] && kill -TERM "$(cat "$WRK_PIDFILE")" 2> /dev/null || kill -TERM "$WRK_JOB" 2> /dev/null || true
    wait "$WRK_JOB" 2> /dev/null || true
  fi
  stop_server
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

# Runs wrk on the client core, bounded in time, in the background so that a signal reaches our trap
# at once. Sets WRK_CPU_S (user+sys seconds of wrk, from the kernel's rusage once it is reaped:
# its /proc/PID/stat is gone by then) and WRK_WALL_S.
WRK_PIDFILE=
run_wrk() {  # OUTFILE SECONDS WRK_ARGS...
  local out=$1 secs=$2 t0 t1 rc=0
  shift 2
  WRK_PIDFILE=$out.pid
  t0=$(date +%s%N)
  (
    rc=0
    timeout -k 5 $(( secs + 30 )) taskset -c "$CLIENT_CPU" wrk "$@" > "$out" 2>&1 &
    echo $! > "$WRK_PIDFILE"
    wait $! || rc=$?
    times > "$out.times"  # second line: user and system time of the reaped children
    exit $rc
  ) &
  WRK_JOB=$!
  wait "$WRK_JOB" || rc=$?
  WRK_JOB=
  t1=$(date +%s%N)
  rm -f "$WRK_PIDFILE"
  WRK_WALL_S=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
  WRK_CPU_S=$(awk 'NR == 2 { s = 0; for (i = 1; i <= 2; i++) { split($i, p, "m"); s += p[1] * 60 + p[2] }
                             printf "%.3f", s }' "$out.times" 2> /dev/null)
  rm -f "$out.times"
  return $rc
}

# Reads wrk's text report: "requests duration_s req_per_s p50_ms p99_ms socket_errors non_2xx_3xx".
# p50 and p99 are "-" when wrk printed a 0 or decreasing distribution: wrk 4.1's coordinated-omission
# correction (stats_correct) can add samples below the recorded minimum, which its percentile walk
# (from min to max) never visits while they still count in the ranks. Seen under pipelining, where
# one sample times a whole batch of 24 but the correction interval is derived from single responses.
parse_wrk() {
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0
                     if (v ~ /m$/) return v * 60000; if (v ~ /s$/) return v * 1000; return v + 0 }
    function secs(v) { if (v ~ /ms$/) return v / 1000; if (v ~ /m$/) return v * 60; if (v ~ /h$/) return v * 3600; return v + 0 }
    / requests in / { req = $1; dur = secs($4) }
    /^Requests\/sec:/ { rps = $2 }
    /^ +50% / { p50 = ms($2) }
    /^ +75% / { p75 = ms($2) }
    /^ +90% / { p90 = ms($2) }
    /^ +99% / { p99 = ms($2) }
    /Socket errors:/ { gsub(/,/, ""); sock = $4 + $6 + $8 + $10 }
    /Non-2xx or 3xx responses:/ { bad = $NF }
    END { if (req == "") exit 1
          ok = p50 > 0 && p75 >= p50 && p90 >= p75 && p99 >= p90
          q50 = ok ? sprintf("%.3f", p50) : "-"
          q99 = ok ? sprintf("%.3f", p99) : "-"
          printf "%s %.3f %.2f %s %s %d %d\n", req, dur, rps, q50, q99, sock + 0, bad + 0 }' "$1"
}

# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------
OUT=$BENCH/results/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT/logs"

(( $(nproc) >= 2 )) || die "needs at least 2 cores (server on one, wrk on the other); this machine has $(nproc)"
(( SERVER_CPU != CLIENT_CPU )) || die "--server-cpu and --client-cpu must differ"
need_tool taskset util-linux
need_tool getconf libc-bin
need_tool python3 python3
need_tool wrk wrk
JDK=$(find_jdk25) || die "missing: JDK 25 (none in JAVA_HOME or /usr/lib/jvm; install Temurin 25 and set JAVA_HOME)"
JAVA=$JDK/bin/java
CLK_TCK=$(getconf CLK_TCK)

for name in "${NAMES[@]}"; do
  declare -F "peer_${name//-/_}" > /dev/null || die "unknown contestant '$name' (known: $(declare -F | awk '/ peer_/ { sub("peer_", "", $3); gsub("_", "-", $3); printf "%s ", $3 }'))"
done

{
  echo "started_utc=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "contestants=$CONTESTANTS"
  echo "workloads=${WORKLOADS[*]}"
  echo "duration_s=$DURATION"
  echo "reps=$REPS"
  echo "warmup_s=$WARMUP"
  echo "wrk=wrk -t1 -c$CONNECTIONS -d${DURATION}s --latency (pipelined: -s bench/pipeline.lua, 24 per write)"
  echo "pinning=server on core $SERVER_CPU, wrk on core $CLIENT_CPU"
  echo "jvm_flags=${JVM_FLAGS[*]}"
  echo "jdk=$("$JAVA" -version 2>&1 | head -1)"
  echo "wrk_version=$(wrk -v 2>&1 | head -1)"
  echo "cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo) ($(nproc) cores)"
  echo "kernel=$(uname -sr)"
  echo "governor=$(cat /sys/devices/system/cpu/cpu0/cpufreq/scaling_governor 2> /dev/null || echo n/a)"
  echo "git=$(git -C "$ROOT" rev-parse --short HEAD 2> /dev/null || echo none)$(git -C "$ROOT" status --porcelain 2> /dev/null | grep -q . && echo ' (dirty)')"
} > "$OUT/settings.txt"

per_contestant=$(( ${#WORKLOADS[@]} * (WARMUP + REPS * DURATION + 2 * REPS) + 10 ))
log "results in ${OUT#"$ROOT"/}; about $(( ${#NAMES[@]} * per_contestant )) s of load after the builds"

echo "contestant,workload,rep,requests,duration_s,req_per_s,server_cpu_pct,server_cpu_us_per_req,wrk_cpu_pct,wrk_saturated,other_cpu_pct,steal_pct,p50_ms,p99_ms,server_peak_rss_mib,socket_errors,non_2xx_3xx,order_check" \
  | tee "$OUT/discarded.csv" > "$OUT/runs.csv"
: > "$OUT/skipped.txt"
: > "$OUT/order-check.txt"

index=0
for name in "${NAMES[@]}"; do
  fn=peer_${name//-/_}
  port=$(( BASE_PORT + index ))
  index=$(( index + 1 ))

  WHY=
  if ! $fn build; then
    log "SKIPPED $name: $WHY"
    echo "$name: $WHY" >> "$OUT/skipped.txt"
    continue
  fi
  if port_answers "$port"; then
    die "port $port already answers: something else listens there (choose another --port)"
  fi
  $fn cmd "$port"
  log "$name: starting on core $SERVER_CPU: ${CMD[*]}"
  taskset -c "$SERVER_CPU" "${CMD[@]}" > "$OUT/logs/$name.server.log" 2>&1 &
  SERVER_PID=$!
  ready=0
  for (( i = 0; i < 300; i++ )); do
    kill -0 "$SERVER_PID" 2> /dev/null || break
    port_answers "$port" && { ready=1; break; }
    sleep 0.2
  done
  if (( ! ready )); then
    why="did not answer on port $port within 60 s; see logs/$name.server.log"
    kill -0 "$SERVER_PID" 2> /dev/null || why="exited before answering; see logs/$name.server.log"
    log "SKIPPED $name: $why"; tail -5 "$OUT/logs/$name.server.log" >&2 || true
    echo "$name: $why" >> "$OUT/skipped.txt"
    stop_server
    continue
  fi

  if order_line=$(timeout 30 python3 "$BENCH/check-order.py" --port "$port" 2>&1); then
    order=PASS
  else
    order=$(awk '{ print $1; exit }' <<< "$order_line")
    [[ $order == FAIL ]] || order=ERROR
  fi
  echo "$name: $order_line" >> "$OUT/order-check.txt"
  log "$name: order check: $order_line"

  for workload in "${WORKLOADS[@]}"; do
    wrk_args=(-t1 "-c$CONNECTIONS" --latency)
    [[ $workload == pipelined ]] && wrk_args+=(-s "$BENCH/pipeline.lua")
    url=http://127.0.0.1:$port/

    if (( WARMUP > 0 )); then
      log "$name/$workload: warm-up ${WARMUP} s (discarded)"
      run_wrk "$OUT/logs/$name.$workload.warmup.txt" "$WARMUP" "${wrk_args[@]}" "-d${WARMUP}s" "$url" \
        || log "WARNING: warm-up wrk exited with status $?"
    fi

    attempt=0
    for (( rep = 1; rep <= REPS; rep++ )); do
      kill -0 "$SERVER_PID" 2> /dev/null || { log "ERROR: $name died; see logs/$name.server.log"; break; }
      wait_quiet  # also lets the previous run's connections close
      wrk_out=$OUT/logs/$name.$workload.$rep.txt
      (( attempt == 0 )) || wrk_out=$OUT/logs/$name.$workload.$rep.retry$attempt.txt
      read -r busy0 steal0 <<< "$(cores_busy)"
      read -r ticks0 _ <<< "$(proc_tree_usage "$SERVER_PID")"
      run_wrk "$wrk_out" "$DURATION" "${wrk_args[@]}" "-d${DURATION}s" "$url" || log "WARNING: wrk exited with status $?"
      read -r ticks1 rss_kb <<< "$(proc_tree_usage "$SERVER_PID")"
      read -r busy1 steal1 <<< "$(cores_busy)"
      if ! stats=$(parse_wrk "$wrk_out"); then
        log "ERROR: $name/$workload run $rep: no wrk report; see ${wrk_out#"$ROOT"/}"; continue
      fi
      read -r requests dur rps p50 p99 sock_err non2xx <<< "$stats"
      row=$(awk -v n="$name" -v w="$workload" -v rep="$rep" -v req="$requests" -v dur="$dur" -v rps="$rps" \
                -v dt=$(( ticks1 - ticks0 )) -v hz="$CLK_TCK" -v wall="$WRK_WALL_S" -v wcpu="$WRK_CPU_S" \
                -v p50="$p50" -v p99="$p99" -v rss="$rss_kb" -v se="$sock_err" -v bad="$non2xx" -v oc="$order" \
                -v busy=$(( busy1 - busy0 )) -v steal=$(( steal1 - steal0 )) 'BEGIN {
        cpu_s = dt / hz
        # CPU time on the two cores spent neither by the server nor by wrk: other processes, the
        # hypervisor (steal), interrupt work charged to no process. Large values mean a noisy run.
        other_pct = wall > 0 ? 100 * (busy / hz - cpu_s - wcpu) / wall : 0
        if (other_pct < 0) other_pct = 0
        steal_pct = wall > 0 ? 100 * steal / hz / wall : 0
        us_req = req > 0 ? cpu_s * 1e6 / req : 0
        wrk_pct = wall > 0 ? 100 * wcpu / wall : 0
        server_pct = wall > 0 ? 100 * cpu_s / wall : 0
        saturated = wrk_pct >= 95 ? "yes" : "no"
        if (p50 == "-") p50 = ""
        if (p99 == "-") p99 = ""
        printf "%s,%s,%d,%d,%.3f,%.2f,%.1f,%.3f,%.1f,%s,%.1f,%.1f,%s,%s,%.1f,%d,%d,%s\n", n, w, rep, req, dur, rps,
               server_pct, us_req, wrk_pct, saturated, other_pct, steal_pct, p50, p99, rss / 1024, se, bad, oc }')
      other=$(cut -d, -f11 <<< "$row")
      if (( attempt < RETRIES )) && awk -v o="$other" -v max="$NOISY_PCT" 'BEGIN { exit !(o > max) }'; then
        # Something else ran on the benchmark cores: keep the run aside and measure it again.
        echo "$row" >> "$OUT/discarded.csv"
        attempt=$(( attempt + 1 ))
        log "$name/$workload run $rep/$REPS: other load took ${other}% of a core: discarded, measuring again ($attempt/$RETRIES)"
        rep=$(( rep - 1 ))
        continue
      fi
      attempt=0
      echo "$row" >> "$OUT/runs.csv"
      log "$name/$workload run $rep/$REPS: $(awk -F, '{ printf "%s req/s, %s server CPU-us/req, server %s%% CPU, wrk %s%% CPU%s, other %s%% CPU, p99 %s ms, errors %s, non-2xx %s",
        $6, $8, $7, $9, ($10 == "yes" ? " (saturated)" : ""), $11, ($14 == "" ? "n/a" : $14), $16, $17 }' <<< "$row")"
    done
  done
  stop_server
done

python3 "$BENCH/report.py" "$OUT"
[[ ! -s $OUT/skipped.txt ]] || { log "some contestants were skipped: see above and ${OUT#"$ROOT"/}/skipped.txt"; exit 1; }
