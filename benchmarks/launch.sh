#!/usr/bin/env bash
# Launch-time benchmark (docs/benchmarks.md): starts the README's dev node (conf/dev.yaml, every role in one JVM)
# RUNS times, each with an empty data directory (first start: Raft group and DuckDB files created) and then again
# on the data it left (a restart: log replay and snapshot load), and prints the time from `java -jar` to the first
# 200 of the management port's /health/ready (every role deployed and healthy), plus the heap in use then.
#   benchmarks/launch.sh [RUNS=5]
# Environment: HEAP (512m), JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f verticles/launcher/target/raftmetrics.jar ] || mvn -B -q -DskipTests package
runs="${1:-5}"
work=$(mktemp -d /tmp/raftmetrics-launch.XXXXXX)
node=
trap '[ -n "$node" ] && kill "$node" 2>/dev/null; rm -rf "$work"' EXIT

# prints the milliseconds from start to ready, and the used heap in MiB
launch() {
  local start ready
  start=$(date +%s%N)
  java -Xmx"${HEAP:-512m}" ${JAVA_OPTS:-} -Draftmetrics.node.data_dir="$work/data" \
    -jar verticles/launcher/target/raftmetrics.jar -c conf/dev.yaml > "$work/node.log" 2>&1 &
  node=$!
  until curl -sf http://127.0.0.1:9090/health/ready > /dev/null; do
    kill -0 "$node" 2>/dev/null || { cat "$work/node.log" >&2; exit 1; }
    sleep 0.05
  done
  ready=$(( ($(date +%s%N) - start) / 1000000 ))
  heap=$(curl -s http://127.0.0.1:9090/metrics | awk '$1 ~ /^jvm_memory_used_bytes/ && /area="heap"/ {s += $NF} END {printf "%.0f", s / 1048576}')
  kill "$node"; wait "$node" 2>/dev/null || true; node=
  echo "$ready $heap"
}

for ((i = 1; i <= runs; i++)); do
  rm -rf "$work/data"
  read -r first heap1 < <(launch)
  read -r again heap2 < <(launch)
  echo "run $i: empty data dir ready in $first ms (heap $heap1 MiB); restart ready in $again ms (heap $heap2 MiB)"
done
