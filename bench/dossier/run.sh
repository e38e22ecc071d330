#!/usr/bin/env bash
# The dossier life cycle over HTTP against OneDoor on the PostgreSQL server, with N stored dossiers; see README.md.
# Standalone:      bench/dossier/run.sh [--preload=1000000] [--threads=4] [--warmup=20] [--duration=60]
# Beside the peers: ../shared/peer-bench/run.sh --with "$PWD/bench/dossier/run.sh --preload=1000000"
#   (threads, warm-up and duration then come from PEER_BENCH_THREADS, _WARMUP and _DURATION).
# The first run for a preload size builds a template database (OneDoor's demo data with every ward staffed, then the
# synthetic history from preload.sql) and keeps it with its data directory under $ONEDOOR_BENCH_HOME
# (default /var/tmp/onedoor-bench); every run measures on a fresh copy of it.
# Needs: root or a local `postgres` superuser, psql; ONEDOOR_JAR=path to use a built jar instead of building one.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
preload=1000000
threads=${PEER_BENCH_THREADS:-4}; warmup=${PEER_BENCH_WARMUP:-20}; duration=${PEER_BENCH_DURATION:-60}
for a in "$@"; do
  case "$a" in
    --preload=*) preload=${a#*=} ;; --threads=*) threads=${a#*=} ;; --warmup=*) warmup=${a#*=} ;;
    --duration=*) duration=${a#*=} ;; *) echo "unknown option $a" >&2; exit 2 ;;
  esac
done
JAVA="$(bash -c 'source <(sed -n "/^find_jdk()/,/^}/p" onedoor); find_jdk')/bin/java"
HOME_DIR=${ONEDOOR_BENCH_HOME:-/var/tmp/onedoor-bench}
PGPORT_BENCH=${PGPORT:-5432}
mkdir -p "$HOME_DIR"
as_postgres() { if [ "$(id -u)" -eq 0 ]; then env -u PGUSER -u PGPASSWORD -u PGHOST -u PGDATABASE su postgres -c "psql -v ON_ERROR_STOP=1 -qAt -p $PGPORT_BENCH $*"; else psql -v ON_ERROR_STOP=1 -qAt -h 127.0.0.1 -p "$PGPORT_BENCH" -U postgres "$@"; fi; }
as_postgres "-c \"do \\\$\\\$ begin if not exists (select from pg_roles where rolname = 'onedoor_bench') then create role onedoor_bench login password 'onedoor_bench'; end if; end \\\$\\\$\""

jar="${ONEDOOR_JAR:-}"
if [ -z "$jar" ]; then ./onedoor mvn -q -DskipTests package; jar=target/onedoor.jar; fi
APP="$HOME_DIR/app"; rm -rf "$APP"; "$JAVA" -Djarmode=tools -jar "$jar" extract --destination "$APP" >/dev/null
APP_JAR="$APP/$(basename "$jar")"   # the extracted jar keeps the name of the one given

port=18500
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
pid=
stop_app() { if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" 2>/dev/null || true; fi; pid=; }
trap 'stop_app; as_postgres "-c \"drop database if exists onedoor_bench_run with (force)\"" || true' EXIT
start_app() { # database, data dir, log
  ONEDOOR_DATA_DIR="$2" SERVER_PORT=$port ONEDOOR_DEMO=true ONEDOOR_DEMO_STAFFED_COMMUNES=all \
  ONEDOOR_DB_URL="jdbc:postgresql://127.0.0.1:$PGPORT_BENCH/$1" ONEDOOR_DB_USER=onedoor_bench ONEDOOR_DB_PASSWORD=onedoor_bench \
    "$JAVA" ${ONEDOOR_BENCH_HEAP:--Xms256m -Xmx512m} -Xlog:aot=off -Xlog:cds=off ${ONEDOOR_BENCH_JFR:+-XX:FlightRecorderOptions=stackdepth=512 -XX:StartFlightRecording=filename=$HOME_DIR/run.jfr,settings=profile} -jar "$APP_JAR" --onedoor.rate-limit.public-per-minute=100000000 \
    --onedoor.rate-limit.sign-in-per-minute=100000 --logging.level.org.onedoor=WARN >"$3" 2>&1 &
  pid=$!
  for _ in $(seq 1 1200); do
    curl -sf "localhost:$port/actuator/health/readiness" >/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { echo "OneDoor did not start:" >&2; tail -40 "$3" >&2; exit 1; }
    sleep 0.5
  done
  echo "OneDoor not ready after 600 s" >&2; tail -40 "$3" >&2; exit 1
}

template="onedoor_bench_t$preload"
if [ "$(as_postgres "-c \"select count(*) from pg_database where datname = '$template'\"")" = 0 ] || [ ! -f "$HOME_DIR/$template/preloaded" ]; then
  echo "building $template: demo city with every ward staffed, then $preload synthetic dossiers"
  as_postgres "-c \"drop database if exists $template with (force)\""
  as_postgres "-c \"create database $template owner onedoor_bench\""
  rm -rf "${HOME_DIR:?}/$template"; mkdir -p "$HOME_DIR/$template"
  start_app "$template" "$HOME_DIR/$template/data" "$HOME_DIR/$template/first-start.log"
  stop_app
  t0=$(date +%s)
  PGPASSWORD=onedoor_bench psql -q -h 127.0.0.1 -p "$PGPORT_BENCH" -U onedoor_bench -d "$template" -v n="$preload" -f bench/dossier/preload.sql
  echo "preloaded $preload dossiers in $(( $(date +%s) - t0 )) s" | tee "$HOME_DIR/$template/preloaded"
fi
as_postgres "-c \"drop database if exists onedoor_bench_run with (force)\""
as_postgres "-c \"create database onedoor_bench_run template $template owner onedoor_bench\""
as_postgres "-d onedoor_bench_run -c 'analyze'"
start_app onedoor_bench_run "$HOME_DIR/$template/data" "$HOME_DIR/run.log"
stored=$(PGPASSWORD=onedoor_bench psql -qAt -h 127.0.0.1 -p "$PGPORT_BENCH" -U onedoor_bench -d onedoor_bench_run -c "select count(*) from dossier.dossier")
echo "OneDoor up on port $port with $stored dossiers stored"
rss() { ps -o rss= -p "$pid" | awk '{printf "%.0f", $1/1024}'; }
ONEDOOR_BENCH_PID=$pid "$JAVA" bench/dossier/Bench.java "http://localhost:$port" "$HOME_DIR/$template/data" --threads="$threads" --warmup="$warmup" \
  --duration="$duration" || { echo "benchmark FAILED; last lines of the application log:" >&2; tail -30 "$HOME_DIR/run.log" >&2; exit 1; }
echo "SUMMARY onedoor stored dossiers at start: $stored; JVM RSS after the run: $(rss) MB"
