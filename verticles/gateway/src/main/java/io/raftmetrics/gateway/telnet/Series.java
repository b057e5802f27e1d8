package io.raftmetrics.gateway.telnet;

import java.util.SortedMap;

/**
 * A validated series as telnet lines name it: metric, tags (with {@code add=tag} when the line had none), ttl from
 * {@code kairos_opt.ttl}, and the shard of the metric. It is cached under the raw bytes of the line's metric and tag
 * words, so a repeated series costs one hash and one comparison, not a parse. While points wait for the next flush,
 * {@link #head}/{@link #tail} chain them in {@link PendingPoints}.
 */
final class Series {

  final String metric;
  final SortedMap<String, String> tags;
  final int ttl;
  final int shard;
  /** The cache key: see {@link SeriesCache#key}. */
  final byte[] key;
  final int hash;

  /** First and last pending point, or -1 when none waits. */
  int head = -1;
  int tail = -1;
  /** Number of pending points. */
  int pending;

  Series(String metric, SortedMap<String, String> tags, int ttl, int shard, byte[] key, int hash) {
    this.metric = metric;
    this.tags = tags;
    this.ttl = ttl;
    this.shard = shard;
    this.key = key;
    this.hash = hash;
  }
}
