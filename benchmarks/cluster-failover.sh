#!/usr/bin/env bash
# Failover benchmark (docs/benchmarks.md): starts three raft+query JVMs and a gateway JVM with
# scripts/cluster.sh, then kills the leader of shard 0 with kill -9 KILLS times (restarting it in between) while a
# probe writes through the gateway every 20 ms, and prints how long writes stopped after each kill.
#   benchmarks/cluster-failover.sh [--kills=10] [--shard=0] [--interval-ms=20]
# Environment: BENCH_PORT_BASE (18700), SHARDS (2), HEAP (512m), KEEP=1 keeps the cluster directory (logs).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f verticles/launcher/target/raftmetrics.jar ] && [ -f benchmarks/target/raftmetrics-benchmarks.jar ] \
  || mvn -B -q -DskipTests package
base="${BENCH_PORT_BASE:-18700}"
export HTTP_PORT=$base MGMT_PORT=$((base + 1010)) RAFT_PORT=$((base + 1370)) HZ_PORT=$((base - 2800))
export SHARDS="${SHARDS:-2}" WORKERS=3 GATEWAYS=1 TOKEN=bench-token HEAP="${HEAP:-512m}"
export CLUSTER_DIR=$(mktemp -d /tmp/raftmetrics-failover-bench.XXXXXX)
trap 'scripts/cluster.sh stop > /dev/null 2>&1 || true; [ -n "${KEEP:-}" ] && echo "logs: $CLUSTER_DIR" || rm -rf "$CLUSTER_DIR"' EXIT
scripts/cluster.sh start
nodes="w1@http://127.0.0.11:$MGMT_PORT,w2@http://127.0.0.12:$MGMT_PORT,w3@http://127.0.0.13:$MGMT_PORT"
java -Xmx256m -cp benchmarks/target/raftmetrics-benchmarks.jar io.raftmetrics.bench.FailoverProbe \
  --url="http://127.0.0.21:$HTTP_PORT" --token=bench-token --cluster-dir="$CLUSTER_DIR" --nodes="$nodes" \
  --restart="scripts/cluster.sh start-node" "$@"
