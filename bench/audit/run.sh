#!/usr/bin/env bash
# Sustained audited writes/s (8 writer threads, 20 s per run, each record in its own transaction), with and without a
# business row, then the verification rate, on a fresh durable embedded PostgreSQL. See bench/audit/README.md.
# Usage: bench/audit/run.sh [-Donedoor.audit.lanes=N] [-Donedoor.bench.seconds=N] [-Donedoor.bench.durable=false]
set -euo pipefail
cd "$(dirname "$0")/../.."
./onedoor mvn -q test -Dtest=AuditThroughputBench -Dsurefire.failIfNoSpecifiedTests=false -Donedoor.bench=true "$@"
cat target/bench/audit-throughput.txt
