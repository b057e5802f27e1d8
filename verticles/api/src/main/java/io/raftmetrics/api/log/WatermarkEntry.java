package io.raftmetrics.api.log;

import io.raftmetrics.api.codec.ByteSink;
import io.raftmetrics.api.codec.ByteSource;
import io.raftmetrics.api.codec.MalformedEntryException;

/**
 * Records, through the Raft log, that {@code consumer} has durably processed every entry of the shard up to
 * {@code index}. The log is never purged above the lowest watermark of a registered consumer.
 *
 * <pre>u8 version=1, u8 kind=3, utf8 consumer, i32 shard, i64 index</pre>
 */
public record WatermarkEntry(String consumer, int shard, long index) {

  public byte[] encode() {
    return new ByteSink(32).u8(EntryKind.FORMAT_VERSION).u8(EntryKind.WATERMARK.code())
      .utf8(consumer).i32(shard).i64(index).toByteArray();
  }

  public static WatermarkEntry decode(byte[] bytes) {
    if (EntryKind.of(bytes) != EntryKind.WATERMARK) {
      throw new MalformedEntryException("not a watermark entry");
    }
    ByteSource src = new ByteSource(bytes);
    src.skip(2);
    return new WatermarkEntry(src.utf8(), src.i32(), src.i64());
  }
}
