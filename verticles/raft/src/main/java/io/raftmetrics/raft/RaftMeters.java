package io.raftmetrics.raft;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.ratis.server.RaftServer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The raft role's meters, tagged by {@code shard}: gauges {@code raftmetrics.raft.term},
 * {@code raftmetrics.raft.leader} (1 if this node leads), {@code raftmetrics.raft.commit.index},
 * {@code raftmetrics.raft.applied.index}, {@code raftmetrics.raft.apply.lag}; counters
 * {@code raftmetrics.points.committed} (acknowledged through this node) and {@code raftmetrics.points.applied}
 * (applied to the local replica); timer {@code raftmetrics.raft.commit.latency} (submit to acknowledgement).
 * Without a registry (tests without metrics) every method does nothing.
 */
final class RaftMeters implements AutoCloseable {

  private final MeterRegistry registry;
  private final List<Meter> meters = new ArrayList<>();
  private final Counter[] committed;
  private final Timer[] latency;

  private RaftMeters(MeterRegistry registry, RaftNode node) {
    this.registry = registry;
    int shards = node.config().shards();
    this.committed = new Counter[shards];
    this.latency = new Timer[shards];
    if (registry == null) {
      return;
    }
    for (int shard = 0; shard < shards; shard++) {
      int s = shard;
      String tag = Integer.toString(shard);
      gauge("raftmetrics.raft.term", tag, node, n -> n.division(s).getInfo().getCurrentTerm());
      gauge("raftmetrics.raft.leader", tag, node, n -> n.division(s).getInfo().isLeader() ? 1 : 0);
      gauge("raftmetrics.raft.commit.index", tag, node, n -> n.division(s).getRaftLog().getLastCommittedIndex());
      gauge("raftmetrics.raft.applied.index", tag, node, n -> n.division(s).getInfo().getLastAppliedIndex());
      gauge("raftmetrics.raft.apply.lag", tag, node, n -> {
        RaftServer.Division d = n.division(s);
        return Math.max(0, d.getRaftLog().getLastCommittedIndex() - d.getInfo().getLastAppliedIndex());
      });
      meters.add(FunctionCounter.builder("raftmetrics.points.applied", node.machine(shard),
          ReplicaStateMachine::pointsApplied)
        .tag("shard", tag).description("points applied to the local replica").register(registry));
      committed[shard] = Counter.builder("raftmetrics.points.committed").tag("shard", tag)
        .description("points acknowledged as committed through this node").register(registry);
      latency[shard] = Timer.builder("raftmetrics.raft.commit.latency").tag("shard", tag)
        .description("from submission to commit and apply on the leader").register(registry);
      meters.add(committed[shard]);
      meters.add(latency[shard]);
    }
  }

  /** @param registry the node's registry, or null for none */
  static RaftMeters create(MeterRegistry registry, RaftNode node) {
    return new RaftMeters(registry, node);
  }

  /** Records an acknowledged entry. */
  void committed(int shard, int points, long nanos) {
    if (registry != null) {
      committed[shard].increment(points);
      latency[shard].record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  private interface Reading {
    double read(RaftNode node) throws IOException;
  }

  private void gauge(String name, String shard, RaftNode node, Reading reading) {
    ToDoubleFunction<RaftNode> f = n -> {
      try {
        return reading.read(n);
      } catch (IOException | RuntimeException e) {
        return Double.NaN;
      }
    };
    meters.add(Gauge.builder(name, node, f).tag("shard", shard).register(registry));
  }

  @Override
  public void close() {
    if (registry != null) {
      meters.forEach(registry::remove);
    }
  }
}
