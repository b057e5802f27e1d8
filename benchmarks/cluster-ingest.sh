#!/usr/bin/env bash
# Cluster ingest benchmark (docs/benchmarks.md): in one run, the same HTTP bulk load (IngestLoad) against
#   1. a single replica: one JVM (gateway, raft, query), as scripts/cluster.sh starts it with WORKERS=1, and
#   2. three replicas in three JVMs (WORKERS=3), the load going to the gateway of the first one (the shard's
#      preferred leader, so that IngestLoad's final count reads a replica that applied every acknowledged batch),
# both with one shard, the clustered event bus and the same configuration; then the ratio of the two rates, the
# commit latency percentiles (p50/p99) the raft nodes measured, and the CPU time of the node JVMs (start-up
# included). ROUNDS alternates the two cases to average out the load of a shared machine.
#   benchmarks/cluster-ingest.sh [IngestLoad options, e.g. --seconds=60 --connections=16]
# Environment: ROUNDS (1), HEAP (512m), BENCH_PORT_BASE (18600: HTTP base, management base+1010, Raft base+1370,
# Hazelcast base-2800).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f verticles/launcher/target/raftmetrics.jar ] && [ -f benchmarks/target/raftmetrics-benchmarks.jar ] \
  || mvn -B -q -DskipTests package
base="${BENCH_PORT_BASE:-18600}"
export HTTP_PORT=$base MGMT_PORT=$((base + 1010)) RAFT_PORT=$((base + 1370)) HZ_PORT=$((base - 2800))
export SHARDS=1 GATEWAYS=0 WORKER_ROLE=all TOKEN=bench-token HEAP="${HEAP:-512m}"
work=$(mktemp -d /tmp/raftmetrics-cluster-bench.XXXXXX)
trap 'for d in "$work"/c*; do CLUSTER_DIR="$d" scripts/cluster.sh stop > /dev/null 2>&1 || true; done; rm -rf "$work"' EXIT

# prints "points/s p50_ms p99_ms" of one case
run_case() {
  local workers="$1" round="$2" dir="$work/c$1-$2" out
  shift 2
  export CLUSTER_DIR="$dir" WORKERS="$workers"
  scripts/cluster.sh start > "$dir.start.log" 2>&1 || { cat "$dir.start.log" >&2; exit 1; }
  out=$(java -Xmx1g -cp benchmarks/target/raftmetrics-benchmarks.jar io.raftmetrics.bench.IngestLoad \
    --url="http://127.0.0.11:$HTTP_PORT" --token=bench-token --prefix="bench.r$round.w$workers." "$@" 2>&1) \
    || { echo "$out" >&2; exit 1; }
  echo "$out" | sed "s/^/  [$workers replica(s), round $round] /" >&2
  # the nodes' own commit latency (raftmetrics.raft.commit.latency: submission to acknowledgement, warm-up
  # included), from the histogram buckets of every raft node together: the upper bound of the bucket holding p50/p99
  local latency
  latency=$(for ((i = 1; i <= workers; i++)); do curl -s "http://127.0.0.$((10 + i)):$MGMT_PORT/metrics"; done \
    | awk '/^raftmetrics_raft_commit_latency_seconds_bucket/ {
        match($0, /le="[^"]*"/); n[substr($0, RSTART + 4, RLENGTH - 5)] += $2 }
      END { for (le in n) print (le == "+Inf" ? 1e9 : le), n[le] }' \
    | sort -g | awk '{ le[NR] = $1; c[NR] = $2 } END {
        p50 = p99 = -1
        for (i = 1; i <= NR; i++) {
          if (p50 < 0 && c[i] >= 0.5 * c[NR]) p50 = le[i]
          if (p99 < 0 && c[i] >= 0.99 * c[NR]) p99 = le[i]
        }
        printf "%.0f %.0f", p50 * 1000, p99 * 1000 }')
  # CPU seconds used by the node JVMs during the run (gateway + raft nodes)
  local cpu=0 pid each node_cpu
  for f in "$dir"/*.pid; do
    pid=$(cat "$f"); each=$(awk -v t="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / t}' "/proc/$pid/stat")
    node_cpu+="$(basename "$f" .pid)=${each}s "
    cpu=$(awk -v c="$cpu" -v e="$each" 'BEGIN {print c + e}')
  done
  echo "  [$workers replica(s), round $round] CPU per node JVM: $node_cpu" >&2
  scripts/cluster.sh stop > /dev/null
  echo "$(echo "$out" | awk '/acknowledged points\/s/ {print $3}') $latency $cpu"
}

rounds="${ROUNDS:-1}"
single=() triple=()
for ((r = 1; r <= rounds; r++)); do
  read -r rate p50 p99 cpu < <(run_case 1 "$r" "$@")
  single+=("$rate")
  echo "round $r, 1 replica:  $rate points/s, commit latency p50 <= $p50 ms, p99 <= $p99 ms, node CPU $cpu s"
  read -r rate p50 p99 cpu < <(run_case 3 "$r" "$@")
  triple+=("$rate")
  echo "round $r, 3 replicas: $rate points/s, commit latency p50 <= $p50 ms, p99 <= $p99 ms, node CPU $cpu s"
done
echo "${single[*]} | ${triple[*]}" | awk -F'|' '{
  n = split($1, a, " "); m = split($2, b, " "); s = 0; t = 0
  for (i = 1; i <= n; i++) s += a[i]; for (i = 1; i <= m; i++) t += b[i]
  printf "mean: 1 replica %.0f points/s, 3 replicas %.0f points/s: %.0f %%\n", s / n, t / m, 100 * (t / m) / (s / n)
}'
