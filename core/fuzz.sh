#!/usr/bin/env bash
# Fuzzes core's @FuzzTest targets with Jazzer, one JVM per target, and reports executions and findings per target.
#
#   core/fuzz.sh [seconds-per-target] [Class#method ...]      (default: 60 seconds, every target)
#
# Each target runs in the surefire execution "fuzz" of core/pom.xml with JAZZER_FUZZ=1. A crash stops that target and
# is written by Jazzer to src/test/resources/dev/pronto/fuzz/<Class>Inputs/<method>/crash-<sha1>, where every later
# `mvn test` replays it; the corpus grown while fuzzing stays in target/fuzz-corpus, and each run's log in
# target/fuzz-logs. Extra Maven arguments (say -o) go in MVN_ARGS.
#
# One target by hand works too (Jazzer then grows its corpus in core/.cifuzz-corpus):
#   JAZZER_FUZZ=1 mvn -pl core test -Dtest='RequestParserFuzzTest#requestHead' -Djazzer.max_duration=60s
set -euo pipefail

core=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$core")
seconds=${1:-60}
shift $(( $# > 0 ? 1 : 0 ))
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(RequestParserFuzzTest#requestHead ChunkedDecoderFuzzTest#chunkedBody PercentDecoderFuzzTest#percentDecoding
           QueryDecoderFuzzTest#queryString MultipartFuzzTest#multipartBody)
fi
case $seconds in
  '' | *[!0-9]*) echo "usage: $0 [seconds-per-target] [Class#method ...]" >&2; exit 2 ;;
esac

# Pronto builds with JDK 25: keep a JAVA_HOME that is 25 or newer, else take an installed JDK 25.
java_major() {
  local v
  v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
  v=${v#1.}
  echo "${v%%.*}"
}
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ] || [ "$(java_major "$JAVA_HOME")" -lt 25 ]; then
  JAVA_HOME=
  for jdk in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25* /usr/lib/jvm/*; do
    if [ -x "$jdk/bin/java" ] && [ "$(java_major "$jdk")" -ge 25 ]; then
      JAVA_HOME=$jdk
      break
    fi
  done
  if [ -z "$JAVA_HOME" ]; then
    echo "fuzz.sh: no JDK 25 found; set JAVA_HOME to one" >&2
    exit 2
  fi
fi
export JAVA_HOME
read -r -a mvn_args <<< "${MVN_ARGS:-}"
mvn=(mvn -f "$root/pom.xml" -pl core -B -Dstyle.color=never "${mvn_args[@]}")

logs=$core/target/fuzz-logs
mkdir -p "$logs"
echo "JDK $JAVA_HOME; ${seconds}s per target; compiling"
if ! "${mvn[@]}" test-compile > "$logs/compile.log" 2>&1; then
  tail -40 "$logs/compile.log" >&2
  exit 1
fi
inputs=$core/src/test/resources/dev/pronto/fuzz
summary=()
status=0
for target in "${targets[@]}"; do
  class=${target%%#*}
  method=${target#*#}
  corpus=$core/target/fuzz-corpus/$class/$method
  findings=$inputs/${class}Inputs/$method
  mkdir -p "$corpus" "$findings"
  before=$(ls "$findings" | grep -c '^crash-' || true)
  log=$logs/$class.$method.log
  echo "fuzzing $target for ${seconds}s (log: ${log#"$root"/})"
  # jazzer.internal.arg.* are the libFuzzer arguments, as Jazzer's own launcher passes them: the first directory
  # collects the corpus (instead of core/.cifuzz-corpus), the flag prints the execution count at the end.
  if JAZZER_FUZZ=1 "${mvn[@]}" surefire:test@fuzz -Dpronto.fuzz.tests="$target" \
      -Djazzer.max_duration="${seconds}s" \
      -Djazzer.internal.arg.0=fuzz.sh -Djazzer.internal.arg.1="$corpus" -Djazzer.internal.arg.2=-print_final_stats=1 \
      > "$log" 2>&1; then
    result=ok
  else
    result=FAILED
    status=1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  runs=${runs:-$(sed -n 's/^#\([0-9]*\).*/\1/p' "$log" | tail -1)}
  after=$(ls "$findings" | grep -c '^crash-' || true)
  corpus_size=$(ls "$corpus" | wc -l)
  summary+=("$(printf '%-42s %-7s %12s executions %6s corpus %3s new crash(es)' \
      "$target" "$result" "${runs:-?}" "$corpus_size" "$((after - before))")")
  if [ "$result" != ok ]; then
    grep -m1 -A6 '<<< \(ERROR\|FAILURE\)!$' "$log" | sed 's/^/    /' || tail -20 "$log" | sed 's/^/    /'
    { ls -t "$findings" | grep '^crash-' | head -n $((after - before)) | sed "s|^|    kept: ${findings#"$root"/}/|"; } \
        || true
  fi
done

echo
printf '%s\n' "${summary[@]}"
exit $status
