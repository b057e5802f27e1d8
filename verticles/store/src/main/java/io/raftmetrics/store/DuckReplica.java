package io.raftmetrics.store;

import io.micrometer.core.instrument.MeterRegistry;

import java.nio.file.Path;

/**
 * The DuckDB implementation of {@link Replica}. PLACEHOLDER: being implemented; the factory signature is fixed.
 */
public final class DuckReplica {

  private DuckReplica() {
  }

  /**
   * Opens (creating if needed) the replica of {@code shard} in the DuckDB file {@code file}.
   *
   * @param registry where to publish store metrics, or null
   */
  public static Replica open(int shard, Path file, MeterRegistry registry) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
