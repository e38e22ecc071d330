#!/usr/bin/env bash
# Deadline computations per second on one core (see README.md beside this file).
set -euo pipefail
cd "$(dirname "$0")/../.."
./onedoor mvn -q test -Dtest=DeadlinesThroughputBench -Dsurefire.failIfNoSpecifiedTests=false -Donedoor.bench=true
cat target/bench/deadlines-throughput.txt
