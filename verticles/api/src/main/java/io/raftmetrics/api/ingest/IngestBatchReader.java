package io.raftmetrics.api.ingest;

import io.raftmetrics.api.codec.ByteSource;
import io.raftmetrics.api.codec.MalformedEntryException;

/**
 * A cursor over an {@link IngestBatch}: {@link #nextSeries()} moves to the next series block, then
 * {@link #nextPoint()} fills {@link #timestamp()} and the value accessor of the block's type. Nothing is allocated per
 * point except string values, and a series' names are decoded only when asked for: a reader that recognises series by
 * their encoded identity ({@link #seriesKeyOffset()}) never builds their strings.
 */
public final class IngestBatchReader {

  private final byte[] bytes;
  private final ByteSource src;
  private int seriesLeft;
  private int keyOffset;
  private int keyLength;
  private boolean namesDecoded;
  private int pointsLeft;

  private String metric;
  private String[] tagKeys = new String[0];
  private String[] tagValues = new String[0];
  private DataType type;
  private int ttl;
  private int points;

  private long ts;
  private long longValue;
  private double doubleValue;
  private String stringValue;

  IngestBatchReader(byte[] bytes, int offset, int seriesCount) {
    this.bytes = bytes;
    this.src = new ByteSource(bytes, offset, bytes.length - offset);
    this.seriesLeft = seriesCount;
  }

  /** @return false when every series was read */
  public boolean nextSeries() {
    while (pointsLeft > 0) {
      nextPoint();
    }
    if (seriesLeft == 0) {
      return false;
    }
    seriesLeft--;
    keyOffset = src.position();
    src.skip(src.length());
    int tagCount = src.length();
    for (int i = 0; i < 2 * tagCount; i++) {
      src.skip(src.length());
    }
    type = DataType.ofCode(src.u8());
    keyLength = src.position() - keyOffset;
    namesDecoded = false;
    long t = src.varint();
    if (t > Integer.MAX_VALUE) {
      throw new MalformedEntryException("ttl out of range");
    }
    ttl = (int) t;
    points = src.i32();
    if (points < 0) {
      throw new MalformedEntryException("negative point count");
    }
    pointsLeft = points;
    ts = 0;
    return true;
  }

  /** @return false at the end of the current series */
  public boolean nextPoint() {
    if (pointsLeft == 0) {
      return false;
    }
    pointsLeft--;
    ts += src.zigzag();
    switch (type) {
      case LONG:
        longValue = src.zigzag();
        break;
      case DOUBLE:
        doubleValue = src.f64();
        break;
      default:
        stringValue = src.utf8();
    }
    return true;
  }

  public String metric() {
    decodeNames();
    return metric;
  }

  /** Tag keys of the current series, sorted; do not modify. */
  public String[] tagKeys() {
    decodeNames();
    return tagKeys;
  }

  /** Tag values aligned with {@link #tagKeys()}; do not modify. */
  public String[] tagValues() {
    decodeNames();
    return tagValues;
  }

  /**
   * The current series' identity as encoded in the batch — metric, tags and type, not the ttl — occupies
   * {@link #seriesKeyLength()} bytes of {@link #array()} from this offset. Equal identities have equal bytes.
   */
  public int seriesKeyOffset() {
    return keyOffset;
  }

  public int seriesKeyLength() {
    return keyLength;
  }

  /** The batch's bytes (not a copy: do not modify). */
  public byte[] array() {
    return bytes;
  }

  private void decodeNames() {
    if (namesDecoded) {
      return;
    }
    ByteSource names = new ByteSource(bytes, keyOffset, keyLength);
    metric = names.utf8();
    int tagCount = names.length();
    tagKeys = new String[tagCount];
    tagValues = new String[tagCount];
    for (int i = 0; i < tagCount; i++) {
      tagKeys[i] = names.utf8();
      tagValues[i] = names.utf8();
    }
    namesDecoded = true;
  }

  public DataType type() {
    return type;
  }

  public int ttlSeconds() {
    return ttl;
  }

  /** Number of points in the current series block. */
  public int points() {
    return points;
  }

  public long timestamp() {
    return ts;
  }

  public long longValue() {
    return longValue;
  }

  public double doubleValue() {
    return doubleValue;
  }

  public String stringValue() {
    return stringValue;
  }
}
