#!/usr/bin/env bash
# Time from launch to readiness (/actuator/health/readiness = UP), with demo data on the embedded PostgreSQL, started
# the way `./onedoor run` starts it (extracted jar, JDK AOT cache): a first start on an empty data directory (initdb,
# migrations, Hanoi import, demo accounts; the AOT cache is recorded and written at exit), then a second start
# reusing data and cache. Also the second start without the cache, for comparison.
# Usage: bench/startup.sh [runs]   (builds the jar if missing; prints one line per start and the medians)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
[ -f target/onedoor.jar ] || ./onedoor mvn -q -DskipTests package
JAVA="$(bash -c 'source <(sed -n "/^find_jdk()/,/^}/p" onedoor); find_jdk')/bin/java"
APP=$(mktemp -d /tmp/onedoor-app.XXXX)
"$JAVA" -Djarmode=tools -jar target/onedoor.jar extract --destination "$APP" >/dev/null
port=18181
first=(); second=(); plain=()
measure() {
  local dir="$1" aot="$2" start end pid
  start=$(date +%s%N)
  ONEDOOR_DATA_DIR="$dir" SERVER_PORT=$port "$JAVA" $aot -Xlog:aot=off -Xlog:cds=off -jar "$APP/onedoor.jar" >"$dir.log" 2>&1 &
  pid=$!
  until curl -sf "localhost:$port/actuator/health/readiness" >/dev/null; do
    kill -0 "$pid" 2>/dev/null || { echo "start failed, see $dir.log" >&2; exit 1; }
    sleep 0.05
  done
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for i in $(seq 1 "$runs"); do
  dir=$(mktemp -d /tmp/onedoor-startup.XXXX)/data
  cache="$APP/run-$i.aot"
  f=$(measure "$dir" "-XX:AOTCacheOutput=$cache"); s=$(measure "$dir" "-XX:AOTCache=$cache"); p=$(measure "$dir" "")
  echo "run $i: first start ${f} ms, second start ${s} ms (without the AOT cache: ${p} ms)"
  first+=("$f"); second+=("$s"); plain+=("$p")
  rm -rf "$(dirname "$dir")"
done
rm -rf "$APP"
echo "median: first start $(median "${first[@]}") ms, second start $(median "${second[@]}") ms, second start without AOT cache $(median "${plain[@]}") ms (java: $("$JAVA" -version 2>&1 | head -1), $(nproc) cores)"
