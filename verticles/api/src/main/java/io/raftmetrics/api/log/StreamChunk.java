package io.raftmetrics.api.log;

import io.raftmetrics.api.codec.ByteSink;
import io.raftmetrics.api.codec.ByteSource;

import java.util.ArrayList;
import java.util.List;

/**
 * Committed entries of a shard in index order. Indexes with no state-machine payload (Raft configuration and
 * leader no-op entries) are skipped, so indexes may have gaps.
 *
 * @param shard the shard
 * @param entries entries in ascending index order
 * @param commitIndex the shard's commit index when the chunk was read; the reader is caught up when it has
 *   processed everything up to it
 * @param firstAvailable lowest index still in the log; a reader below it has lost entries to purging
 * @param consumerWatermark the watermark of the request's consumer as applied on the replying replica, or -1 when the
 *   request named no consumer or the consumer has not recorded one
 */
public record StreamChunk(int shard, List<Entry> entries, long commitIndex, long firstAvailable,
                          long consumerWatermark) {

  public StreamChunk {
    entries = List.copyOf(entries);
  }

  /** One committed entry: its index and its bytes (an encoded ingest batch, delete or watermark). */
  public record Entry(long index, byte[] data) {
  }

  public byte[] encode() {
    ByteSink sink = new ByteSink(64);
    sink.i32(shard).i64(commitIndex).i64(firstAvailable).i64(consumerWatermark).varint(entries.size());
    for (Entry e : entries) {
      sink.i64(e.index()).blob(e.data());
    }
    return sink.toByteArray();
  }

  public static StreamChunk decode(byte[] bytes) {
    ByteSource src = new ByteSource(bytes);
    int shard = src.i32();
    long commit = src.i64();
    long first = src.i64();
    long watermark = src.i64();
    int n = src.length();
    List<Entry> entries = new ArrayList<>(Math.min(n, 4096));
    for (int i = 0; i < n; i++) {
      entries.add(new Entry(src.i64(), src.blob()));
    }
    return new StreamChunk(shard, entries, commit, first, watermark);
  }
}
