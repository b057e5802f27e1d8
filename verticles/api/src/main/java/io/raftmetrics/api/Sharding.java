package io.raftmetrics.api;

import java.nio.charset.StandardCharsets;

/**
 * The stable mapping of a metric name to its shard. Every node must compute the same answer forever, so the hash is
 * defined here over the name's UTF-8 bytes (64-bit FNV-1a followed by a murmur3 finaliser for avalanche) and never
 * depends on {@code String.hashCode} or the JVM.
 */
public final class Sharding {

  private Sharding() {
  }

  /**
   * @param metric metric name
   * @param shards number of shards, at least 1
   * @return shard number in {@code [0, shards)}
   */
  public static int shardOf(String metric, int shards) {
    if (shards <= 1) {
      return 0;
    }
    return (int) Long.remainderUnsigned(hash(metric), shards);
  }

  /** @return the 64-bit stable hash of a metric name */
  public static long hash(String metric) {
    byte[] bytes = metric.getBytes(StandardCharsets.UTF_8);
    long h = 0xcbf29ce484222325L;
    for (byte b : bytes) {
      h ^= (b & 0xff);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
