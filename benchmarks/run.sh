#!/usr/bin/env bash
# Builds the JMH jar and runs it on JDK 25, then prints a summary with the parser-vs-Netty ratios.
#
#   benchmarks/run.sh                                  # everything, -f 1 -wi 3 -w 2s -i 5 -r 2s
#   benchmarks/run.sh -prof gc Exchange                # add allocation per op; only ExchangeBenchmark
#   benchmarks/run.sh --no-build -i 10 'Parser|Netty'  # reuse the jar; JMH options override the defaults
#
# Every argument except --no-build goes to JMH (java -jar pronto-benchmarks.jar -h lists them). Each default
# option is passed only when the arguments do not give it. Results: benchmarks/target/jmh-result.csv.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
jar="$root/benchmarks/target/pronto-benchmarks.jar"
csv="$root/benchmarks/target/jmh-result.csv"
defaults=(-f 1 -wi 3 -w 2s -i 5 -r 2s)

build=1
if [[ "${1:-}" == "--no-build" ]]; then
  build=0
  shift
fi

# The first JDK of version 25 or newer: $JAVA_HOME, then Temurin 25, then any other under /usr/lib/jvm.
java_version() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | awk -F' = ' '/java.specification.version/ { print $2 }'
}
jdk=""
for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
  [[ -n "$candidate" && -x "$candidate/bin/java" ]] || continue
  version=$(java_version "$candidate")
  if [[ "$version" =~ ^[0-9]+$ ]] && (( version >= 25 )); then
    jdk="$candidate"
    break
  fi
done
if [[ -z "$jdk" ]]; then
  echo "run.sh: no JDK 25 or newer found; set JAVA_HOME to one" >&2
  exit 1
fi
export JAVA_HOME="$jdk"

if (( build )); then
  (cd "$root" && mvn -B -q -pl benchmarks -am package -DskipTests)
elif [[ ! -f "$jar" ]]; then
  echo "run.sh: $jar is missing; run without --no-build first" >&2
  exit 1
fi

given() {
  local option="$1" arg
  shift
  for arg in "$@"; do
    [[ "$arg" == "$option" ]] && return 0
  done
  return 1
}
args=()
for ((i = 0; i < ${#defaults[@]}; i += 2)); do
  if ! given "${defaults[i]}" "$@"; then
    args+=("${defaults[i]}" "${defaults[i + 1]}")
  fi
done
summary=1
if given -rf "$@" || given -rff "$@" || given -l "$@" || given -h "$@" || given -lprof "$@"; then
  summary=0
else
  rm -f "$csv"
  args+=(-rf csv -rff "$csv")
fi

# Run from a copy: another build in this tree may rewrite the jar while the forks still load classes from it.
copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT
cp "$jar" "$copy/"
"$JAVA_HOME/bin/java" -jar "$copy/pronto-benchmarks.jar" "${args[@]}" "$@"

if (( summary )) && [[ -f "$csv" ]]; then
  echo
  echo "Summary (ns/op; B/op with -prof gc; Netty/Pronto is how many times longer Netty's decoder takes):"
  awk -F',' '
    { gsub(/["\r]/, "") }
    NR == 1 { next }
    {
      name = $1; sub(/^dev\.pronto\.benchmarks\./, "", name)
      if ($7 == "ns/op") { order[++n] = name; ns[name] = $5 }
      else if (name ~ /:gc\.alloc\.rate\.norm$/) { sub(/:.*/, "", name); bytes[name] = $5 }
    }
    END {
      printf "%-45s %12s %10s\n", "benchmark", "ns/op", "B/op"
      for (i = 1; i <= n; i++) {
        b = (order[i] in bytes) ? sprintf("%.1f", bytes[order[i]]) : "-"
        printf "%-45s %12.1f %10s\n", order[i], ns[order[i]], b
      }
      split("smallGet browserGet pipelinedGets", inputs, " ")
      for (k = 1; k <= 3; k++) {
        p = "ParserBenchmark." inputs[k]; q = "NettyDecoderBenchmark." inputs[k]
        if ((p in ns) && (q in ns) && ns[p] > 0) {
          printf "ratio %-39s %12.1fx\n", inputs[k] " (Netty/Pronto)", ns[q] / ns[p]
        }
      }
    }' "$csv"
fi
