#!/usr/bin/env bash
# Once a second, one CSV row about the server under soak: elapsed seconds, phase, resident set (VmRSS), open file
# descriptors, established TCP connections on its port, and its GC counters from the latest line that
# `jstat -gcutil -t PID 1000` wrote (eden and old generation occupancy in %, young and full collections, total GC
# seconds). jstat reads the JVM's perf-data memory: no attach and no safepoint, so sampling does not disturb the server.
# usage: sample.sh PID PORT CSV JSTAT_FILE PHASE_FILE        (runs until PID exits or it is killed)
set -u
pid=$1 port=$2 csv=$3 jstat_file=$4 phase_file=$5

echo "t_s,phase,rss_mib,fds,established,eden_pct,old_pct,young_gcs,full_gcs,gc_s" > "$csv"
t0=$(date +%s%N)
tick=0
while kill -0 "$pid" 2>/dev/null; do
  now=$(date +%s%N)
  rss_kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null) || break
  [[ -n $rss_kb ]] || break
  fds=$(ls "/proc/$pid/fd" 2>/dev/null | wc -l)
  established=$(ss -Htn state established "( sport = :$port )" 2>/dev/null | wc -l)
  # The columns by name, from jstat's header: their set differs between collectors and JDK versions.
  gc=$(awk 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
            $1 ~ /^[0-9.]+$/ { last = $0 }
            END { if (last == "") { print ",,,,"; exit }
                  n = split(last, v, " ")
                  printf "%s,%s,%s,%s,%s", v[col["E"]], v[col["O"]], v[col["YGC"]], v[col["FGC"]], v[col["GCT"]] }' \
         "$jstat_file" 2>/dev/null || echo ",,,,")
  phase=$(cat "$phase_file" 2>/dev/null || echo "?")
  awk -v t="$(( (now - t0) / 1000000 ))" -v phase="$phase" -v rss="$rss_kb" -v fds="$fds" -v est="$established" \
      -v gc="$gc" 'BEGIN { printf "%.1f,%s,%.1f,%d,%d,%s\n", t / 1000, phase, rss / 1024, fds, est, gc }' >> "$csv"
  tick=$((tick + 1))
  # The next whole second since the start, so that rows do not drift.
  wait_ns=$(( t0 + tick * 1000000000 - $(date +%s%N) ))
  (( wait_ns > 0 )) && sleep "$(awk -v n="$wait_ns" 'BEGIN { printf "%.3f", n / 1e9 }')"
done
