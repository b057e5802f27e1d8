package io.raftmetrics.api.log;

import io.raftmetrics.api.codec.ByteSink;
import io.raftmetrics.api.codec.ByteSource;
import io.raftmetrics.api.codec.MalformedEntryException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Deletes the points of one metric whose series match {@code tags} (KairosDB tag-filter semantics: values OR'ed within
 * a tag, AND'ed across tags) and whose timestamps lie in {@code [startMs, endMs]} (both inclusive, as KairosDB's
 * delete). {@link Long#MIN_VALUE}..{@link Long#MAX_VALUE} with no tags deletes the whole metric, name included.
 *
 * <pre>u8 version=1, u8 kind=2, utf8 metric, i64 start, i64 end, varint tagCount, (utf8 key, varint n, utf8 value*)*</pre>
 */
public record DeleteEntry(String metric, Map<String, List<String>> tags, long startMs, long endMs) {

  public DeleteEntry {
    TreeMap<String, List<String>> copy = new TreeMap<>();
    tags.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    tags = Collections.unmodifiableMap(copy);
  }

  /** @return true if this deletes the metric entirely (KairosDB's {@code DELETE /metric/{name}}) */
  public boolean wholeMetric() {
    return startMs == Long.MIN_VALUE && endMs == Long.MAX_VALUE && tags.isEmpty();
  }

  public byte[] encode() {
    ByteSink sink = new ByteSink(64);
    sink.u8(EntryKind.FORMAT_VERSION).u8(EntryKind.DELETE.code()).utf8(metric).i64(startMs).i64(endMs);
    sink.varint(tags.size());
    for (Map.Entry<String, List<String>> e : tags.entrySet()) {
      sink.utf8(e.getKey()).varint(e.getValue().size());
      for (String v : e.getValue()) {
        sink.utf8(v);
      }
    }
    return sink.toByteArray();
  }

  public static DeleteEntry decode(byte[] bytes) {
    if (EntryKind.of(bytes) != EntryKind.DELETE) {
      throw new MalformedEntryException("not a delete entry");
    }
    ByteSource src = new ByteSource(bytes);
    src.skip(2);
    String metric = src.utf8();
    long start = src.i64();
    long end = src.i64();
    int n = src.length();
    Map<String, List<String>> tags = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      String key = src.utf8();
      int m = src.length();
      List<String> values = new ArrayList<>(Math.min(m, 1024));
      for (int j = 0; j < m; j++) {
        values.add(src.utf8());
      }
      tags.put(key, values);
    }
    return new DeleteEntry(metric, tags, start, end);
  }
}
