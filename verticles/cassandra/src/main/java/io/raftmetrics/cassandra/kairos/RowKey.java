package io.raftmetrics.cassandra.kairos;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SortedMap;

/**
 * A {@code data_points} partition key: metric, row time, datastore type and tags, serialized as KairosDB's
 * {@code DataPointsRowKeySerializer} does:
 *
 * <pre>UTF8(metric) 00 int64BE(rowTime) 00 u8(len(UTF8(type))) UTF8(type) UTF8(tagString)</pre>
 *
 * The type segment is absent only for {@code kairos_legacy}, a type this project never writes.
 *
 * @param metric metric name
 * @param rowTime start of the row
 * @param dataType datastore type ({@code kairos_long}, ...)
 * @param tags tags in {@code String} order
 */
public record RowKey(String metric, long rowTime, String dataType, SortedMap<String, String> tags) {

  /** The datastore type whose keys carry no type segment. */
  public static final String LEGACY_TYPE = "kairos_legacy";

  /**
   * Serializes from pre-encoded parts; the write path encodes the metric, type and tag string once per series and
   * calls this once per row.
   *
   * @param metricUtf8 UTF-8 of the metric name
   * @param typeUtf8 UTF-8 of the datastore type (at most 255 bytes)
   * @param tagsUtf8 UTF-8 of the tag string ({@link TagString#format})
   */
  public static byte[] serialize(byte[] metricUtf8, long rowTime, byte[] typeUtf8, byte[] tagsUtf8) {
    byte[] out = new byte[metricUtf8.length + 1 + 8 + 2 + typeUtf8.length + tagsUtf8.length];
    System.arraycopy(metricUtf8, 0, out, 0, metricUtf8.length);
    int p = metricUtf8.length + 1;
    for (int i = 7; i >= 0; i--) {
      out[p + i] = (byte) rowTime;
      rowTime >>>= 8;
    }
    p += 9;
    out[p++] = (byte) typeUtf8.length;
    System.arraycopy(typeUtf8, 0, out, p, typeUtf8.length);
    System.arraycopy(tagsUtf8, 0, out, p + typeUtf8.length, tagsUtf8.length);
    return out;
  }

  /** @return the serialized key */
  public byte[] toBytes() {
    String[][] kv = TagString.sorted(tags);
    byte[] tagBytes = TagString.format(kv[0], kv[1]).getBytes(StandardCharsets.UTF_8);
    return serialize(metric.getBytes(StandardCharsets.UTF_8), rowTime, dataType.getBytes(StandardCharsets.UTF_8),
      tagBytes);
  }

  /**
   * Parses a serialized key (the inverse of {@link #toBytes}; also reads legacy keys without a type segment).
   *
   * @throws IllegalArgumentException if the bytes are not a row key
   */
  public static RowKey parse(ByteBuffer key) {
    byte[] b = new byte[key.remaining()];
    key.duplicate().get(b);
    int zero = 0;
    while (zero < b.length && b[zero] != 0) {
      zero++;
    }
    if (zero + 9 > b.length) {
      throw new IllegalArgumentException("not a row key: no row time");
    }
    String metric = new String(b, 0, zero, StandardCharsets.UTF_8);
    long rowTime = ByteBuffer.wrap(b, zero + 1, 8).getLong();
    int p = zero + 9;
    String type = LEGACY_TYPE;
    if (p < b.length && b[p] == 0) {
      int len = b[p + 1] & 0xFF;
      type = new String(b, p + 2, len, StandardCharsets.UTF_8);
      p += 2 + len;
    }
    String tags = new String(b, p, b.length - p, StandardCharsets.UTF_8);
    return new RowKey(metric, rowTime, type, TagString.parse(tags));
  }
}
