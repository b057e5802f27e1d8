#!/usr/bin/env bash
# A local Apache Cassandra 5.0 node for development, from the Maven Central jars (no Docker, no tarball).
#
#   scripts/cassandra.sh start    # builds what it needs, starts, waits until CQL is ready
#   scripts/cassandra.sh status
#   scripts/cassandra.sh stop
#
# Environment: CASSANDRA_DIR (default ./data/cassandra), CASSANDRA_ADDRESS (127.0.0.1), CASSANDRA_PORT (9042),
# CASSANDRA_STORAGE_PORT (7000), CASSANDRA_HEAP_MB (1024), CASSANDRA_JAVA_HOME (a Java 11/17 JDK; Cassandra 5.0
# does not start on Java 21+).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${CASSANDRA_DIR:-$root/data/cassandra}"
address="${CASSANDRA_ADDRESS:-127.0.0.1}"
port="${CASSANDRA_PORT:-9042}"
storage_port="${CASSANDRA_STORAGE_PORT:-7000}"
heap_mb="${CASSANDRA_HEAP_MB:-1024}"
pidfile="$dir/cassandra.pid"

java17() {
  for candidate in "${CASSANDRA_JAVA_HOME:-}" "${JAVA17_HOME:-}" /usr/lib/jvm/java-17-openjdk-amd64; do
    if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ]; then
      echo "$candidate/bin/java"
      return
    fi
  done
  echo java
}

running_pid() {
  [ -f "$pidfile" ] || return 1
  local pid
  pid="$(cat "$pidfile")"
  # Guard against a recycled pid: it must still be a Cassandra daemon.
  if ps -p "$pid" -o args= 2>/dev/null | grep -q CassandraDaemon; then
    echo "$pid"
    return 0
  fi
  return 1
}

build() {
  if [ ! -d "$root/tools/cassandra-runtime/target/lib" ] \
    || [ ! -f "$root/testkit/target/classes/io/raftmetrics/testkit/cassandra/CassandraCli.class" ]; then
    echo "building the Cassandra runtime and launcher..."
    (cd "$root" && mvn -B -q -pl tools/cassandra-runtime,testkit install -DskipTests)
  fi
}

case "${1:-}" in
  start)
    if pid="$(running_pid)"; then
      echo "already running (pid $pid) on $address:$port"
      exit 0
    fi
    build
    mkdir -p "$dir"
    # setsid: the node outlives this shell and its terminal's signals.
    CASSANDRA_JAVA_HOME="$(dirname "$(dirname "$(java17)")")" setsid "$(java17)" \
      -Dproject.root="$root" -cp "$root/testkit/target/classes" io.raftmetrics.testkit.cassandra.CassandraCli \
      start --dir "$dir" --address "$address" --port "$port" --storage-port "$storage_port" --heap-mb "$heap_mb"
    ;;
  stop)
    if ! pid="$(running_pid)"; then
      echo "not running"
      rm -f "$pidfile"
      exit 0
    fi
    kill -TERM "$pid"
    for _ in $(seq 1 60); do
      if ! kill -0 "$pid" 2>/dev/null; then
        rm -f "$pidfile"
        echo "stopped"
        exit 0
      fi
      sleep 0.5
    done
    echo "no exit after 30 s; killing pid $pid"
    kill -KILL "$pid" || true
    rm -f "$pidfile"
    ;;
  status)
    if pid="$(running_pid)"; then
      if (exec 3<>"/dev/tcp/$address/$port") 2>/dev/null; then
        echo "running (pid $pid), CQL on $address:$port, data in $dir"
      else
        echo "starting or unhealthy (pid $pid): CQL port $address:$port closed; log: $dir/logs/stdout.log"
        exit 1
      fi
    else
      echo "not running"
      exit 3
    fi
    ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
