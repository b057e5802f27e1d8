#!/usr/bin/env bash
# HTTP bulk-ingest benchmark (docs/benchmarks.md): starts a single-JVM node from the product jar with a fresh data
# directory and a 512 MiB heap, runs the load generator against it, prints the figures, stops the node.
#   benchmarks/ingest.sh [--seconds=60] [--connections=16] [--metrics=100] [--points=100] [--series=1000]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f verticles/launcher/target/raftmetrics.jar ] && [ -f benchmarks/target/raftmetrics-benchmarks.jar ] \
  || mvn -B -q -DskipTests package
BENCH_DIR=$(mktemp -d /tmp/raftmetrics-bench.XXXXXX)
java -Xmx512m -XX:+UseG1GC ${NODE_JAVA_OPTS:-} -Draftmetrics.node.data_dir="$BENCH_DIR" \
  -jar verticles/launcher/target/raftmetrics.jar -c benchmarks/bench-node.yaml > "$BENCH_DIR/node.log" 2>&1 &
NODE=$!
trap 'kill $NODE 2>/dev/null; wait $NODE 2>/dev/null; rm -rf "$BENCH_DIR"' EXIT
START=$(date +%s%N)
until curl -sf http://127.0.0.1:19090/health/ready > /dev/null; do
  kill -0 $NODE 2>/dev/null || { cat "$BENCH_DIR/node.log"; exit 1; }
  sleep 0.1
done
echo "node ready in $(( ($(date +%s%N) - START) / 1000000 )) ms (pid $NODE, heap -Xmx512m)"
java -Xmx1g -cp benchmarks/target/raftmetrics-benchmarks.jar io.raftmetrics.bench.IngestLoad \
  --url=http://127.0.0.1:18080 --token=bench-token --pid=$NODE --mgmt=http://127.0.0.1:19090 "$@"
