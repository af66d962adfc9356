#!/usr/bin/env bash
# Side-by-side load benchmark of Pronto and its peers: each server alone on core 0 on one event loop (or thread), wrk
# on core 1. Workloads: Japronto's (wrk -t1 -c100, 24 pipelined requests per write), plain keep-alive,
# JSON serialised per request, and a 4 KiB POST echo.
# One command on a fresh 2-core Debian machine: installs what it needs, builds, checks, measures, reports.
# See bench/README.md for what is measured and how to read it.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: bench/run.sh [options]
  --contestants LIST   comma-separated, first one is the ratio baseline (default: all of them,
                       pronto,pronto-observed,netty-epoll,netty-nio,vertx,undertow,jetty,helidon,jdk-httpserver,
                       go-fasthttp,go-nethttp,node,nginx,c-epoll)
  --workload W         pipelined | plain | json | post | a comma list of them | all   (default pipelined)
  --duration S         seconds per measured run           (default 10)
  --reps N             measured runs per contestant, workload and round, median reported (default 3)
  --rounds R           measure every contestant R times over, restarted each round, so that a slow spell
                       of the machine falls on all of them alike (default 1); medians over R x N runs
  --warmup S           seconds of discarded wrk load before measuring (default 10)
  --connections C      wrk connections                    (default 100)
  --port P             first port; contestant i listens on P+i (default 18080)
  --server-cpu N       core for the servers               (default 0)
  --client-cpu N       core for wrk                       (default 1)
  --retries N          re-measure a run disturbed by other load (> 10 % of a core) up to N times (default 2)
  --no-build           do not build Pronto (peers are still built when their jar is missing or stale)
  --baseline REV       also build Pronto at git revision REV as the contestant 'pronto-base' (list it in
                       --contestants, e.g. pronto,pronto-base): two builds measured in alternated rounds
  -h, --help
Environment: BENCH_JVM_FLAGS overrides the JVM flags shared by every Java contestant.
EOF
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench

ALL_CONTESTANTS=pronto,pronto-observed,netty-epoll,netty-nio,vertx,undertow,jetty,helidon,jdk-httpserver,go-fasthttp,go-nethttp,node,nginx,c-epoll
CONTESTANTS=$ALL_CONTESTANTS
WORKLOAD=pipelined
DURATION=10
REPS=3
ROUNDS=1
WARMUP=10
CONNECTIONS=100
BASE_PORT=18080
SERVER_CPU=0
CLIENT_CPU=1
BUILD=1
BASELINE=
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
    --rounds) ROUNDS=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    --connections) CONNECTIONS=$2; shift ;;
    --port) BASE_PORT=$2; shift ;;
    --server-cpu) SERVER_CPU=$2; shift ;;
    --client-cpu) CLIENT_CPU=$2; shift ;;
    --retries) RETRIES=$2; shift ;;
    --no-build) BUILD=0 ;;
    --baseline) BASELINE=$2; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

if [[ $WORKLOAD == all ]]; then
  WORKLOADS=(pipelined plain json post)
else
  IFS=, read -r -a WORKLOADS <<< "$WORKLOAD"
  for w in "${WORKLOADS[@]}"; do
    [[ $w =~ ^(pipelined|plain|json|post)$ ]] \
      || { echo "run.sh: --workload must be pipelined, plain, json, post, a comma list of them, or all" >&2; exit 2; }
  done
fi
for n in "$DURATION" "$REPS" "$ROUNDS" "$WARMUP" "$CONNECTIONS" "$BASE_PORT" "$SERVER_CPU" "$CLIENT_CPU" "$RETRIES"; do
  [[ $n =~ ^[0-9]+$ ]] || { echo "run.sh: '$n' is not a whole number" >&2; exit 2; }
done
(( DURATION >= 1 && REPS >= 1 && ROUNDS >= 1 )) || { echo "run.sh: --duration, --reps and --rounds must be at least 1" >&2; exit 2; }
IFS=, read -r -a NAMES <<< "$CONTESTANTS"

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------------------------------------
# Contestants: one function each, named peer_<name with - as _>.
#   peer_x build       make sure it can start: install its tools, build or check its artifact; on failure
#                      set WHY (one line) and return 1, and the contestant is skipped.
#   peer_x cmd PORT    set CMD to the command serving on 127.0.0.1:PORT on one loop, staying in the
#                      foreground (taskset and the pid are ours): GET / -> 200 "Hello world!",
#                      GET /json -> {"message":"Hello, World!"}, POST /echo -> the body, else 404.
#   peer_x info        set VERSION and SETUP (what runs, and how it is held to one loop), one line each.
#   peer_x supports W  optional: set WHY and return 1 when workload W cannot be measured (default: all can).
# To add a peer, add one function here and its name to ALL_CONTESTANTS.
# ---------------------------------------------------------------------------------------------
PEERS=$BENCH/peers
PRONTO_JAR=$ROOT/examples/target/pronto-examples.jar
DEBIAN_GOPATH=/usr/share/gocode

java_cmd() {  # JAR ARGS... ; every Java contestant gets the same JVM and flags
  CMD=("$JAVA" "${JVM_FLAGS[@]}" -jar "$@")
}

pom_property() {  # POM NAME ; the value of <NAME> in the pom's properties
  sed -n "s|.*<$2>\(.*\)</$2>.*|\1|p" "$1" | head -1
}

# Pronto serves json and post through the 'bench' example (routes /, /json, POST /echo); until the
# examples jar has one, it runs 'hello' and those two workloads are skipped.
declare -A EXAMPLE_OF=()
pronto_example() {  # [JAR] ; sets PRONTO_EXAMPLE to the example that JAR (default: this tree's) serves
  local jar=${1:-$PRONTO_JAR}
  if [[ -z ${EXAMPLE_OF[$jar]:-} ]]; then
    EXAMPLE_OF[$jar]=hello
    # Without arguments the jar prints its usage and exits 2. The usage lists the examples, one per line
    # ("  bench  summary"), or as "a|b|c" in older builds.
    local usage
    usage=$("$JAVA" -jar "$jar" 2>&1 || true)
    if grep -Eq '^ +bench( |$)|pronto-examples\.jar ([a-z]+\|)*bench(\||[ ]|$)' <<< "$usage"; then
      EXAMPLE_OF[$jar]=bench
    fi
  fi
  PRONTO_EXAMPLE=${EXAMPLE_OF[$jar]}
}

declare -A LOOPS_FLAG_OF=()
loops_flag() {  # [JAR] ; sets LOOPS_FLAG to the flag that sets the event loops of the server in JAR
  local jar=${1:-$PRONTO_JAR}
  if [[ -z ${LOOPS_FLAG_OF[$jar]:-} ]]; then
    # A jar built before --event-loops knows only --workers; its --help (or, older still, the usage it prints
    # for an option it does not know) names the one it takes. Neither starts a server.
    local usage
    usage=$(timeout 60 "$JAVA" -jar "$jar" "$PRONTO_EXAMPLE" --help 2>&1 || true)
    if grep -q -- '--event-loops' <<< "$usage"; then
      LOOPS_FLAG_OF[$jar]=--event-loops
    else
      LOOPS_FLAG_OF[$jar]=--workers
    fi
  fi
  LOOPS_FLAG=${LOOPS_FLAG_OF[$jar]}
}

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
      fi
      pronto_example ;;
    cmd) pronto_example; loops_flag "$PRONTO_JAR"; java_cmd "$PRONTO_JAR" "$PRONTO_EXAMPLE" --port "$2" "$LOOPS_FLAG" 1 ;;
    info)
      pronto_example
      VERSION="git $(git -C "$ROOT" rev-parse --short HEAD 2> /dev/null || echo '?')"
      SETUP="pronto-examples.jar $PRONTO_EXAMPLE --event-loops 1: one event loop" ;;
    supports)
      pronto_example
      if [[ $2 == json || $2 == post ]] && [[ $PRONTO_EXAMPLE != bench ]]; then
        WHY="pronto-examples.jar has no 'bench' example yet (GET /json, POST /echo); measured with 'hello', which has neither route"
        return 1
      fi ;;
  esac
}

# The same build serving the 'bench-observed' example: the bench routes with Micrometer metrics and a JSON access log
# on (list it beside pronto, e.g. --contestants pronto,pronto-observed --workload json, for the ratio of their cost).
# The access log goes to JUL's console handler, which the harness sends to the server's log file.
peer_pronto_observed() {
  case $1 in
    build) peer_pronto build ;;
    cmd) loops_flag "$PRONTO_JAR"; java_cmd "$PRONTO_JAR" bench-observed --port "$2" "$LOOPS_FLAG" 1 ;;
    info)
      VERSION="git $(git -C "$ROOT" rev-parse --short HEAD 2> /dev/null || echo '?')"
      SETUP="pronto-examples.jar bench-observed --event-loops 1: metrics (MicrometerMetrics.prometheus) and AccessLog.json() on" ;;
    supports)
      # The listing exits 2 (no example named): read it whole first, as the pipefail of this script would fail a
      # pipeline on that status.
      local listing
      listing=$("$JAVA" -jar "$PRONTO_JAR" 2>&1 || true)
      if ! grep -Eq '^ +bench-observed( |$)' <<< "$listing"; then
        WHY="pronto-examples.jar has no 'bench-observed' example"; return 1
      fi ;;
  esac
}

# The same server built at --baseline REV, to compare two builds in one run (alternated by --rounds).
peer_pronto_base() {
  local jar=$OUT/pronto-base.jar
  case $1 in
    build)
      [[ -n $BASELINE ]] || { WHY="pronto-base needs --baseline REV"; return 1; }
      git -C "$ROOT" rev-parse --verify -q "$BASELINE^{commit}" > /dev/null \
        || { WHY="--baseline $BASELINE is not a commit of this repository"; return 1; }
      need_maven || return 1
      local tree
      tree=$(mktemp -d "${TMPDIR:-/tmp}/pronto-base.XXXXXX")
      log "building Pronto at $BASELINE (a detached worktree in $tree)"
      if ! { git -C "$ROOT" worktree add -q --detach "$tree" "$BASELINE" \
             && (cd "$tree" && JAVA_HOME=$JDK timeout 1800 mvn -q -B -DskipTests package) \
             && cp "$tree/examples/target/pronto-examples.jar" "$jar"; } > "$OUT/logs/build-pronto-base.log" 2>&1; then
        WHY="Pronto build at $BASELINE failed: see ${OUT#"$ROOT"/}/logs/build-pronto-base.log"
      fi
      git -C "$ROOT" worktree remove --force "$tree" > /dev/null 2>&1 || rm -rf "$tree"
      [[ -z $WHY ]] || return 1
      pronto_example "$jar" ;;
    cmd) pronto_example "$jar"; loops_flag "$jar"; java_cmd "$jar" "$PRONTO_EXAMPLE" --port "$2" "$LOOPS_FLAG" 1 ;;
    info)
      pronto_example "$jar"
      loops_flag "$jar"
      VERSION="git $(git -C "$ROOT" rev-parse --short "$BASELINE")"
      SETUP="pronto-examples.jar $PRONTO_EXAMPLE $LOOPS_FLAG 1 built at $BASELINE: one event loop" ;;
    supports)
      pronto_example "$jar"
      if [[ $2 == json || $2 == post ]] && [[ $PRONTO_EXAMPLE != bench ]]; then
        WHY="pronto-examples.jar at $BASELINE has no 'bench' example"
        return 1
      fi ;;
  esac
}

peer_netty_epoll() { netty_peer epoll "$@"; }
peer_netty_nio() { netty_peer nio "$@"; }
netty_peer() {  # TRANSPORT build|cmd PORT|info
  case $2 in
    build) build_java_peer netty ;;
    cmd) java_cmd "$PEERS/netty/target/netty-peer.jar" --transport "$1" --port "$3" ;;
    info)
      VERSION="Netty $(pom_property "$PEERS/netty/pom.xml" netty.version)"
      SETUP="1 MultiThreadIoEventLoopGroup thread (accepts and serves), $1 transport; HttpServerCodec; flush on read complete" ;;
  esac
}

# A Java peer whose jar takes only --port: NAME VERSION_PROPERTY LABEL SETUP, then build|cmd PORT|info.
java_peer() {
  local name=$1 property=$2 label=$3 setup=$4
  shift 4
  case $1 in
    build) build_java_peer "$name" ;;
    cmd) java_cmd "$PEERS/$name/target/$name-peer.jar" --port "$2" ;;
    info)
      VERSION="$label $(pom_property "$PEERS/$name/pom.xml" "$property")"
      SETUP=$setup ;;
  esac
}
peer_vertx() { java_peer vertx vertx.version "Vert.x" "VertxOptions.setEventLoopPoolSize(1), one verticle, native transport off (NIO); Vert.x adds its acceptor thread" "$@"; }
peer_undertow() { java_peer undertow undertow.version "Undertow" "1 XNIO I/O thread, 0 worker threads, handler on the I/O thread; XNIO adds an accept thread" "$@"; }
peer_jetty() { java_peer jetty jetty.version "Jetty" "QueuedThreadPool of 2 (the least Jetty accepts: 1 selector + 1), 0 acceptors, non-blocking Handler.Abstract; plus Jetty's scheduler thread" "$@"; }
peer_helidon() { java_peer helidon helidon.version "Helidon SE" "WebServer, a virtual thread per connection; one CPU under taskset, so one carrier thread" "$@"; }

peer_jdk_httpserver() {
  case $1 in
    build) build_java_peer jdk-httpserver ;;
    cmd) java_cmd "$PEERS/jdk-httpserver/target/jdk-httpserver-peer.jar" --port "$2" ;;
    info)
      VERSION="JDK $("$JAVA" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -1)"
      SETUP="com.sun.net.httpserver.HttpServer, executor = 1 thread; plus the server's dispatcher thread" ;;
  esac
}

peer_go_fasthttp() { go_peer go-fasthttp "$@"; }
peer_go_nethttp() { go_peer go-nethttp "$@"; }
go_peer() {  # NAME build|cmd PORT|info
  local dir=$PEERS/$1 bin=$PEERS/$1/target/$1-peer
  case $2 in
    build)
      need_pkg go golang-go || return 1
      if [[ $1 == go-fasthttp && ! -d $DEBIAN_GOPATH/src/github.com/valyala/fasthttp ]]; then
        WHY=$(apt_install golang-github-valyala-fasthttp-dev) || return 1
      fi
      [[ -x $bin && ! $dir/main.go -nt $bin ]] && return 0
      log "building the $1 peer (GO111MODULE=off GOPATH=$DEBIAN_GOPATH go build)"
      mkdir -p "$dir/target"
      # GOPATH mode against Debian's packaged sources: nothing is fetched, no module proxy.
      if ! (cd "$dir" && GO111MODULE=off GOPATH=$DEBIAN_GOPATH GOFLAGS= GOPROXY=off timeout 600 go build -o "$bin" main.go) \
           > "$OUT/logs/build-$1.log" 2>&1; then
        WHY="$1 peer build failed: see ${OUT#"$ROOT"/}/logs/build-$1.log"; return 1
      fi ;;
    cmd) CMD=(env GOMAXPROCS=1 "$bin" --port "$3") ;;
    info)
      VERSION="$(go version 2> /dev/null | awk '{ print $3 }')"
      [[ $1 == go-fasthttp ]] && VERSION="fasthttp $(dpkg-query -W -f '${Version}' golang-github-valyala-fasthttp-dev 2> /dev/null), $VERSION"
      SETUP="GOMAXPROCS=1 (one P; the Go runtime still has its sysmon and idle threads)" ;;
  esac
}

peer_node() {
  case $1 in
    build) need_pkg node nodejs ;;
    cmd) CMD=(node "$PEERS/node/server.js" --port "$2") ;;
    info)
      VERSION="Node.js $(node --version 2> /dev/null)"
      SETUP="one process, node:http on the one event loop (libuv and V8 keep their helper threads)" ;;
  esac
}

NGINX=/usr/sbin/nginx
NGINX_ECHO=/usr/lib/nginx/modules/ngx_http_echo_module.so
peer_nginx() {
  case $1 in
    build)
      # nginx-light brings the nginx binary and the echo module that POST /echo needs.
      if [[ ! -x $NGINX || ! -f $NGINX_ECHO ]]; then WHY=$(apt_install nginx-light) || return 1; fi
      [[ -x $NGINX && -f $NGINX_ECHO ]] || { WHY="missing: $NGINX or $NGINX_ECHO after installing nginx-light"; return 1; } ;;
    cmd)
      # Our own config in a temporary prefix (removed when the server stops), with the port filled in.
      local prefix
      prefix=$(mktemp -d "${TMPDIR:-/tmp}/pronto-bench-nginx.XXXXXX")
      chmod 755 "$prefix"
      SERVER_TEMP=$prefix
      sed "s/@PORT@/$2/" "$PEERS/nginx/nginx.conf" > "$prefix/nginx.conf"
      CMD=("$NGINX" -p "$prefix/" -c "$prefix/nginx.conf" -e stderr) ;;
    info)
      VERSION="$("$NGINX" -v 2>&1 | sed 's|.*nginx/|nginx |')"
      SETUP="worker_processes 1 (plus the idle master), return 200 / canned JSON, echo module for POST" ;;
  esac
}

peer_c_epoll() {
  local src=$PEERS/c-epoll/server.c bin=$PEERS/c-epoll/target/c-epoll-peer
  case $1 in
    build)
      need_pkg gcc gcc || return 1
      [[ -x $bin && ! $src -nt $bin ]] && return 0
      log "building the c-epoll peer (gcc -O2)"
      mkdir -p "${bin%/*}"
      gcc -O2 -Wall -Wextra -o "$bin" "$src" > "$OUT/logs/build-c-epoll.log" 2>&1 \
        || { WHY="c-epoll peer build failed: see ${OUT#"$ROOT"/}/logs/build-c-epoll.log"; return 1; } ;;
    cmd) CMD=("$bin" --port "$2") ;;
    info)
      VERSION="$(gcc --version | head -1) -O2"
      SETUP="one thread, one epoll loop, canned answers: the ceiling" ;;
  esac
}

# Builds a standalone Maven peer bench/peers/NAME once per run, and only when its jar is missing or older
# than its sources.
declare -A PEER_BUILT=()
build_java_peer() {  # NAME
  local name=$1 dir=$PEERS/$1 jar=$PEERS/$1/target/$1-peer.jar
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

need_pkg() {  # COMMAND PACKAGE ; for one contestant: sets WHY when COMMAND is missing and cannot be installed
  command -v "$1" > /dev/null && return 0
  WHY=$(apt_install "$2") || return 1
  command -v "$1" > /dev/null || { WHY="missing: $1 (package $2 installed but no $1 on PATH)"; return 1; }
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
# "TICKS PID..." of a process and all its descendants: their utime+stime (fields 14, 15 of /proc/PID/stat,
# which already add up all threads) in clock ticks, and their pids. Empty when the process is gone.
proc_tree() {
  { cat /proc/[0-9]*/stat 2> /dev/null || true; } | awk -v root="$1" '
    { r = 0; for (i = length($0); i > 0; i--) if (substr($0, i, 1) == ")") { r = i; break }
      split(substr($0, r + 2), f, " ")            # f[1] = field 3 (state), so field n is f[n-2]
      ppid[$1] = f[2]; t[$1] = f[12] + f[13] }
    END { if (!(root in t)) exit
          sum = 0; pids = ""
          for (p in t) { q = p; while (q in ppid && q != root && q > 1) q = ppid[q]
                         if (q == root) { sum += t[p]; pids = pids " " p } }
          print sum pids }'
}

# "TICKS RSS_KB" of a process and all its descendants: CPU time in clock ticks, and the sum of their
# VmHWM (peak RSS).
proc_tree_usage() {
  local pid hwm=0 kb fields ticks
  read -r -a fields <<< "$(proc_tree "$1")"
  (( ${#fields[@]} )) || { echo "0 0"; return; }
  ticks=${fields[0]}
  for pid in "${fields[@]:1}"; do
    kb=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2> /dev/null) && hwm=$(( hwm + ${kb:-0} ))
  done
  echo "$ticks $hwm"
}

# "RSS_KB THREADS PROCESSES" of a process and all its descendants now: sums of VmRSS and Threads.
proc_tree_now() {
  local fields
  read -r -a fields <<< "$(proc_tree "$1")"
  (( ${#fields[@]} > 1 )) || { echo "0 0 0"; return; }
  local pid
  for pid in "${fields[@]:1}"; do cat "/proc/$pid/status" 2> /dev/null || true; done \
    | awk -v n=$(( ${#fields[@]} - 1 )) '/^VmRSS:/ { rss += $2 } /^Threads:/ { thr += $2 } END { print rss + 0, thr + 0, n }'
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

now_us() { echo "${EPOCHREALTIME/[.,]/}"; }  # wall clock in µs, without a fork

# Start-up time: prints the ms from LAUNCH_US to the first complete status line answering a GET /
# (whatever the status), polled every 5 ms on a fresh connection. Fails when PID exits or after 60 s.
# Only bash builtins between the sleeps, so the poll itself costs little; the caller runs on the client core.
first_answer() {  # PORT PID LAUNCH_US
  local port=$1 pid=$2 t0=$3 line
  while :; do
    if { exec 3<> "/dev/tcp/127.0.0.1/$port"; } 2> /dev/null; then
      line=
      { printf 'GET / HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n' "$port" >&3
        IFS= read -r -t 5 line <&3; } 2> /dev/null || true
      exec 3<&-
      [[ $line == HTTP/1.* ]] && { echo $(( (${EPOCHREALTIME/[.,]/} - t0) / 1000 )); return 0; }
    fi
    kill -0 "$pid" 2> /dev/null || return 1
    (( ${EPOCHREALTIME/[.,]/} - t0 < 60000000 )) || return 1
    sleep 0.005
  done
}

# While a contestant is measured, this shell and everything it forks (checks, /proc readers, sleeps)
# stay on the client core; builds get every core back.
ALL_CORES=$(taskset -c -p $$ | awk '{ print $NF }')
pin_harness() { taskset -c -p "$1" $$ > /dev/null; }

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
SERVER_TEMP=  # a directory the contestant's command needs while it runs (nginx's prefix), removed after it
WRK_JOB=
stop_server() {
  [[ -n $SERVER_PID ]] || { remove_server_temp; return 0; }
  local pid=$SERVER_PID i
  SERVER_PID=
  kill -TERM "$pid" 2> /dev/null || true
  for (( i = 0; i < 50; i++ )); do kill -0 "$pid" 2> /dev/null || break; sleep 0.2; done
  kill -0 "$pid" 2> /dev/null && { log "server $pid ignored SIGTERM for 10 s: SIGKILL"; kill -KILL "$pid" 2> /dev/null || true; }
  wait "$pid" 2> /dev/null || true
  remove_server_temp
}

remove_server_temp() {
  if [[ -n $SERVER_TEMP && -d $SERVER_TEMP ]]; then rm -rf -- "$SERVER_TEMP"; fi
  SERVER_TEMP=
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
for name in "${NAMES[@]}"; do
  declare -F "peer_${name//-/_}" > /dev/null || die "unknown contestant '$name' (known: ${ALL_CONTESTANTS//,/ })"
done

OUT=$BENCH/results/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT/logs"

(( $(nproc) >= 2 )) || die "needs at least 2 cores (server on one, wrk on the other); this machine has $(nproc)"
(( SERVER_CPU != CLIENT_CPU )) || die "--server-cpu and --client-cpu must differ"
need_tool taskset util-linux
need_tool getconf libc-bin
need_tool python3 python3
need_tool wrk wrk
# The charts only: without gnuplot the report says so and the tables are still written.
command -v gnuplot > /dev/null || apt_install gnuplot-nox > /dev/null || log "WARNING: no gnuplot (package gnuplot-nox): no charts"
JDK=$(find_jdk25) || die "missing: JDK 25 (none in JAVA_HOME or /usr/lib/jvm; install Temurin 25 and set JAVA_HOME)"
JAVA=$JDK/bin/java
CLK_TCK=$(getconf CLK_TCK)

{
  echo "started_utc=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "contestants=$CONTESTANTS"
  echo "workloads=${WORKLOADS[*]}"
  echo "duration_s=$DURATION"
  echo "reps=$(( REPS * ROUNDS ))"
  echo "rounds=$ROUNDS"
  echo "warmup_s=$WARMUP"
  echo "wrk=wrk -t1 -c$CONNECTIONS -d${DURATION}s --latency (pipelined: GET / 24 per write, -s bench/pipeline.lua; plain: GET /; json: GET /json; post: POST /echo 4096 B, -s bench/post.lua)"
  echo "pinning=server on core $SERVER_CPU, wrk on core $CLIENT_CPU"
  echo "jvm_flags=${JVM_FLAGS[*]}"
  echo "jdk=$("$JAVA" -version 2>&1 | head -1)"
  echo "wrk_version=$(wrk -v 2>&1 | head -1)"
  echo "cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo) ($(nproc) cores)"
  echo "kernel=$(uname -sr)"
  echo "governor=$(cat /sys/devices/system/cpu/cpu0/cpufreq/scaling_governor 2> /dev/null || echo n/a)"
  echo "git=$(git -C "$ROOT" rev-parse --short HEAD 2> /dev/null || echo none)$(git -C "$ROOT" status --porcelain 2> /dev/null | grep -q . && echo ' (dirty)')"
} > "$OUT/settings.txt"

per_contestant=$(( ROUNDS * (${#WORKLOADS[@]} * (WARMUP + REPS * DURATION + 2 * REPS) + 15) ))
log "results in ${OUT#"$ROOT"/}; about $(( ${#NAMES[@]} * per_contestant )) s of load after the builds"

echo "contestant,workload,rep,requests,duration_s,req_per_s,server_cpu_pct,server_cpu_us_per_req,wrk_cpu_pct,wrk_saturated,other_cpu_pct,steal_pct,p50_ms,p99_ms,server_peak_rss_mib,socket_errors,non_2xx_3xx,order_check,route_check" \
  | tee "$OUT/discarded.csv" > "$OUT/runs.csv"
echo "contestant,version,setup,startup_ms,idle_rss_mib,idle_threads,idle_processes" > "$OUT/contestants.csv"
: > "$OUT/skipped.txt"
: > "$OUT/skipped-workloads.txt"
: > "$OUT/order-check.txt"
: > "$OUT/route-check.txt"

csv_field() {  # TEXT ; quoted for CSV
  printf '"%s"' "${1//\"/\"\"}"
}

declare -A ROUTE_OF=([pipelined]=hello [plain]=hello [json]=json [post]=echo)

# Per contestant, fixed over the rounds: its port, the workloads it serves, its check verdicts.
declare -A PORT_OF=() WORKLOADS_OF=() ORDER_OF=() ROUTE_OK=() SKIPPED=()
index=0
for name in "${NAMES[@]}"; do
  PORT_OF[$name]=$(( BASE_PORT + index ))
  index=$(( index + 1 ))
done
TOTAL_REPS=$(( REPS * ROUNDS ))

for (( round = 1; round <= ROUNDS; round++ )); do
  (( ROUNDS == 1 )) || log "round $round/$ROUNDS"
  for name in "${NAMES[@]}"; do
    [[ -z ${SKIPPED[$name]:-} ]] || continue
    fn=peer_${name//-/_}
    port=${PORT_OF[$name]}
    if (( round == 1 )); then
      WHY=
      if ! $fn build; then
        log "SKIPPED $name: $WHY"
        echo "$name: $WHY" >> "$OUT/skipped.txt"
        SKIPPED[$name]=1
        continue
      fi
      # The workloads this contestant can serve, and the routes to check before measuring them.
      served=()
      routes=hello
      for workload in "${WORKLOADS[@]}"; do
        WHY=
        if $fn supports "$workload"; then
          served+=("$workload")
          [[ ,$routes, == *,${ROUTE_OF[$workload]},* ]] || routes+=,${ROUTE_OF[$workload]}
        else
          log "SKIPPED $name/$workload: $WHY"
          echo "$name/$workload: $WHY" >> "$OUT/skipped-workloads.txt"
        fi
      done
      WORKLOADS_OF[$name]="${served[*]}"
    fi
    read -r -a workloads <<< "${WORKLOADS_OF[$name]}"
    if port_answers "$port"; then
      die "port $port already answers: something else listens there (choose another --port)"
    fi

    $fn cmd "$port"
    VERSION= SETUP=
    $fn info
    log "$name ($VERSION): starting on core $SERVER_CPU: ${CMD[*]}"
    pin_harness "$CLIENT_CPU"
    launched_us=$(now_us)
    taskset -c "$SERVER_CPU" "${CMD[@]}" >> "$OUT/logs/$name.server.log" 2>&1 &
    SERVER_PID=$!
    if ! startup_ms=$(first_answer "$port" "$SERVER_PID" "$launched_us"); then
      why="did not answer on port $port within 60 s; see logs/$name.server.log"
      kill -0 "$SERVER_PID" 2> /dev/null || why="exited before answering; see logs/$name.server.log"
      (( round == 1 )) || why+=" (round $round)"
      log "SKIPPED $name: $why"; tail -5 "$OUT/logs/$name.server.log" >&2 || true
      echo "$name: $why" >> "$OUT/skipped.txt"
      SKIPPED[$name]=1
      stop_server
      pin_harness "$ALL_CORES"
      continue
    fi
    # Idle memory: one second after the first answer, before any load (the checks below come after).
    sleep 1
    read -r idle_kb idle_threads idle_procs <<< "$(proc_tree_now "$SERVER_PID")"
    idle_mib=$(awk -v kb="$idle_kb" 'BEGIN { printf "%.1f", kb / 1024 }')
    log "$name: first answer after ${startup_ms} ms; idle: ${idle_mib} MiB RSS, $idle_threads threads in $idle_procs process(es)"

    if (( round == 1 )); then  # start-up, idle figures and checks: from the first round
      echo "$name,$(csv_field "$VERSION"),$(csv_field "$SETUP"),$startup_ms,$idle_mib,$idle_threads,$idle_procs" >> "$OUT/contestants.csv"
      if order_line=$(timeout 30 python3 "$BENCH/check-order.py" --port "$port" 2>&1); then
        ORDER_OF[$name]=PASS
      else
        ORDER_OF[$name]=$(awk '{ print $1; exit }' <<< "$order_line")
        [[ ${ORDER_OF[$name]} == FAIL ]] || ORDER_OF[$name]=ERROR
      fi
      echo "$name: $order_line" >> "$OUT/order-check.txt"
      log "$name: order check: $order_line"

      # One line per route: "hello PASS (...)"; the measured rows carry the verdict of their workload's route.
      route_lines=$(timeout 60 python3 "$BENCH/check-routes.py" --port "$port" --routes "$routes" 2>&1) || true
      while read -r route verdict rest; do
        [[ -n $route ]] || continue
        [[ $verdict == PASS || $verdict == FAIL ]] || verdict=ERROR
        ROUTE_OK[$name/$route]=$verdict
        echo "$name: $route $verdict $rest" >> "$OUT/route-check.txt"
        log "$name: route check: $route $verdict $rest"
      done <<< "$route_lines"
    fi
    order=${ORDER_OF[$name]}

    for workload in "${workloads[@]}"; do
      wrk_args=(-t1 "-c$CONNECTIONS" --latency)
      url=http://127.0.0.1:$port/
      case $workload in
        pipelined) wrk_args+=(-s "$BENCH/pipeline.lua") ;;
        json) url+=json ;;
        post) wrk_args+=(-s "$BENCH/post.lua"); url+=echo ;;
      esac
      route_check=${ROUTE_OK[$name/${ROUTE_OF[$workload]}]:-ERROR}

      if (( WARMUP > 0 )); then
        log "$name/$workload: warm-up ${WARMUP} s (discarded)"
        run_wrk "$OUT/logs/$name.$workload.warmup.txt" "$WARMUP" "${wrk_args[@]}" "-d${WARMUP}s" "$url" \
          || log "WARNING: warm-up wrk exited with status $?"
      fi

      attempt=0
      for (( r = 1; r <= REPS; r++ )); do
        rep=$(( (round - 1) * REPS + r ))
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
                  -v rc="$route_check" -v busy=$(( busy1 - busy0 )) -v steal=$(( steal1 - steal0 )) 'BEGIN {
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
          printf "%s,%s,%d,%d,%.3f,%.2f,%.1f,%.3f,%.1f,%s,%.1f,%.1f,%s,%s,%.1f,%d,%d,%s,%s\n", n, w, rep, req, dur, rps,
                 server_pct, us_req, wrk_pct, saturated, other_pct, steal_pct, p50, p99, rss / 1024, se, bad, oc, rc }')
        other=$(cut -d, -f11 <<< "$row")
        if (( attempt < RETRIES )) && awk -v o="$other" -v max="$NOISY_PCT" 'BEGIN { exit !(o > max) }'; then
          # Something else ran on the benchmark cores: keep the run aside and measure it again.
          echo "$row" >> "$OUT/discarded.csv"
          attempt=$(( attempt + 1 ))
          log "$name/$workload run $rep/$TOTAL_REPS: other load took ${other}% of a core: discarded, measuring again ($attempt/$RETRIES)"
          r=$(( r - 1 ))
          continue
        fi
        attempt=0
        echo "$row" >> "$OUT/runs.csv"
        log "$name/$workload run $rep/$TOTAL_REPS: $(awk -F, '{ printf "%s req/s, %s server CPU-us/req, server %s%% CPU, wrk %s%% CPU%s, other %s%% CPU, p99 %s ms, errors %s, non-2xx %s",
          $6, $8, $7, $9, ($10 == "yes" ? " (saturated)" : ""), $11, ($14 == "" ? "n/a" : $14), $16, $17 }' <<< "$row")"
      done
    done
    stop_server
    pin_harness "$ALL_CORES"
  done
done

python3 "$BENCH/report.py" "$OUT"
[[ ! -s $OUT/skipped.txt ]] || { log "some contestants were skipped: see above and ${OUT#"$ROOT"/}/skipped.txt"; exit 1; }
