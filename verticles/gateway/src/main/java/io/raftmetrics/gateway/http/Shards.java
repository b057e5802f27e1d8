package io.raftmetrics.gateway.http;

import io.raftmetrics.api.Addresses;
import io.raftmetrics.api.Sharding;
import io.raftmetrics.api.query.MetricNamesRequest;
import io.raftmetrics.api.query.NameList;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Routing of reads to the shard of a metric, and fan-out of reads that span shards. */
public final class Shards {

  private final Bus bus;
  private final int count;

  public Shards(Bus bus, int count) {
    this.bus = bus;
    this.count = count;
  }

  public int count() {
    return count;
  }

  /** @return the query address of the shard holding {@code metric} */
  public String queryAddress(String metric) {
    return Addresses.queryShard(Sharding.shardOf(metric, count));
  }

  /** Metric names of every shard, merged and sorted; fails if any shard cannot answer. */
  public Future<List<String>> metricNames(String prefix) {
    List<Future<NameList>> parts = new ArrayList<>(count);
    for (int s = 0; s < count; s++) {
      parts.add(bus.requestPreferLocal(Addresses.queryShard(s), new MetricNamesRequest(prefix)));
    }
    return Future.all(parts).map(all -> {
      TreeSet<String> names = new TreeSet<>();
      parts.forEach(f -> names.addAll(f.result().names()));
      return new ArrayList<>(names);
    });
  }
}
