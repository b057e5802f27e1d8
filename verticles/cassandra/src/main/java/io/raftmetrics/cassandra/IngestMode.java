package io.raftmetrics.cassandra;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** How points reach the writer: {@link DirectIngest} or {@link io.raftmetrics.cassandra.stream.ReplicatedIngest}. */
public interface IngestMode {

  /** @return completes once the mode serves or reads */
  Future<Void> start();

  /** @return completes once it stopped taking work */
  Future<Void> stop();

  /** @return details for the {@code cassandra} health check */
  JsonObject status();
}
