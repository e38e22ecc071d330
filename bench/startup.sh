#!/usr/bin/env bash
# Time from launch to readiness (/actuator/health/readiness = UP), with demo data on the embedded PostgreSQL:
# a first start on an empty data directory (initdb, migrations, Hanoi import), then a second start reusing it.
# Usage: bench/startup.sh [runs]   (builds the jar if missing; prints one line per start and the medians)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
[ -f target/onedoor.jar ] || ./onedoor mvn -q -DskipTests package
JAVA="$(bash -c 'source <(sed -n "/^find_jdk()/,/^}/p" onedoor); find_jdk')/bin/java"
port=18181
first=(); second=()
measure() {
  local dir="$1" start end pid
  start=$(date +%s%N)
  ONEDOOR_DATA_DIR="$dir" SERVER_PORT=$port "$JAVA" -jar target/onedoor.jar >"$dir.log" 2>&1 &
  pid=$!
  until curl -sf "localhost:$port/actuator/health/readiness" >/dev/null; do
    kill -0 "$pid" 2>/dev/null || { echo "start failed, see $dir.log" >&2; exit 1; }
    sleep 0.05
  done
  end=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $(( (end - start) / 1000000 ))
}
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for i in $(seq 1 "$runs"); do
  dir=$(mktemp -d /tmp/onedoor-startup.XXXX)/data
  f=$(measure "$dir"); s=$(measure "$dir")
  echo "run $i: first start ${f} ms, second start ${s} ms"
  first+=("$f"); second+=("$s")
  rm -rf "$(dirname "$dir")"
done
echo "median: first start $(median "${first[@]}") ms, second start $(median "${second[@]}") ms (java: $("$JAVA" -version 2>&1 | head -1), $(nproc) cores)"
