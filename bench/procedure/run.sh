#!/usr/bin/env bash
# Latency of the public procedure searches (the city's procedures in force and the national catalogue) under a mix of
# citizen searches, with 1 and 4 concurrent clients; target p95 < 50 ms. See bench/procedure/README.md.
# Starts OneDoor as `./onedoor run` does (jar built by Maven, extracted, demo data on the embedded PostgreSQL), in a
# throw-away data directory under /tmp and on a free port, with the public rate limit raised; stops it at the end.
# Usage: bench/procedure/run.sh [--warmup=N] [--requests=N] [--clients=1,4] [--target-ms=50] [--tenant=hanoi] [--endpoints=city,catalogue]
#        ONEDOOR_JAR=path/to/onedoor.jar bench/procedure/run.sh   (use that jar instead of building target/onedoor.jar)
set -euo pipefail
cd "$(dirname "$0")/../.."
JAVA="$(bash -c 'source <(sed -n "/^find_jdk()/,/^}/p" onedoor); find_jdk')/bin/java"
jar="${ONEDOOR_JAR:-}"
if [ -z "$jar" ]; then
  ./onedoor mvn -q -DskipTests package
  jar=target/onedoor.jar
fi
WORK=$(mktemp -d /tmp/onedoor-bench-procedure.XXXX)
"$JAVA" -Djarmode=tools -jar "$jar" extract --destination "$WORK/app" >/dev/null

port=18400
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done

pid=
stop() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap stop EXIT
trap "exit 130" INT TERM

ONEDOOR_DATA_DIR="$WORK/data" SERVER_PORT=$port ONEDOOR_DEMO=true \
  "$JAVA" -Xlog:aot=off -Xlog:cds=off -jar "$WORK/app/onedoor.jar" --onedoor.rate-limit.public-per-minute=1000000 >"$WORK/app.log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do
  curl -sf "localhost:$port/actuator/health/readiness" >/dev/null && break
  kill -0 "$pid" 2>/dev/null || { echo "OneDoor did not start:" >&2; tail -50 "$WORK/app.log" >&2; exit 1; }
  sleep 0.5
done
curl -sf "localhost:$port/actuator/health/readiness" >/dev/null || { echo "OneDoor not ready after 300 s" >&2; tail -50 "$WORK/app.log" >&2; exit 1; }
echo "OneDoor up on port $port ($(grep -o "Hanoi's procedures: [0-9]* read, [0-9]* created" "$WORK/app.log" || echo 'no Hanoi import line'))"

"$JAVA" bench/procedure/Bench.java "http://localhost:$port" "$@" || { echo "benchmark FAILED; last lines of the application log:" >&2; tail -30 "$WORK/app.log" >&2; exit 1; }
