package io.raftmetrics.cassandra.stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.raftmetrics.cassandra.CassandraConfig;
import io.raftmetrics.cassandra.IngestMode;
import io.raftmetrics.cassandra.delete.KairosDeleter;
import io.raftmetrics.cassandra.write.KairosWriter;
import io.vertx.cassandra.CassandraClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** Replicated mode: one {@link StreamTailer} per shard of {@code shards}, sharing the writer and the deleter. */
public final class ReplicatedIngest implements IngestMode {

  private final Vertx vertx;
  private final CassandraClient client;
  private final KairosWriter writer;
  private final KairosDeleter deleter;
  private final CassandraConfig config;
  private final TailerMetrics metrics;
  private final List<StreamTailer> tailers = new ArrayList<>();

  public ReplicatedIngest(Vertx vertx, CassandraClient client, KairosWriter writer, KairosDeleter deleter,
                          CassandraConfig config, MeterRegistry registry) {
    this.vertx = vertx;
    this.client = client;
    this.writer = writer;
    this.deleter = deleter;
    this.config = config;
    this.metrics = new TailerMetrics(registry);
  }

  @Override
  public Future<Void> start() {
    var c = config.connection();
    return WatermarkStore.create(client, c.keyspace(), writer, config.stream().consumer(),
      c.readConsistency().level(), c.writeConsistency().level())
      .compose(marks -> {
        List<Future<Void>> started = new ArrayList<>();
        for (int shard = 0; shard < config.stream().shards(); shard++) {
          StreamTailer t = new StreamTailer(vertx, shard, writer, deleter, marks, config, metrics);
          tailers.add(t);
          started.add(t.start());
        }
        return Future.all(started).mapEmpty();
      });
  }

  @Override
  public Future<Void> stop() {
    List<Future<Void>> stopped = new ArrayList<>();
    tailers.forEach(t -> stopped.add(t.stop()));
    return Future.join(stopped).mapEmpty();
  }

  @Override
  public JsonObject status() {
    JsonArray shards = new JsonArray();
    long entries = 0;
    long seconds = 0;
    for (StreamTailer t : tailers) {
      shards.add(t.status());
      entries += t.lagEntries();
      seconds = Math.max(seconds, t.lagSeconds());
    }
    return new JsonObject().put("consumer", config.stream().consumer()).put("lag_entries", entries)
      .put("lag_seconds", seconds).put("shards", shards);
  }
}
