package io.raftmetrics.store;

import java.util.Arrays;

/**
 * A series' identity (metric, tags, type) in its encoded form, the bytes an ingest batch carries for it
 * ({@code IngestBatchReader#seriesKeyOffset}). Looking a series up by these bytes, through a probe over the batch's own
 * array, means a known series costs no string decoding at all. Encodings are length-prefixed, so two different series
 * never share bytes.
 */
final class SeriesKey {

  private byte[] bytes;
  private int offset;
  private int length;
  private int hash;

  private SeriesKey(byte[] bytes, int offset, int length) {
    set(bytes, offset, length);
  }

  /** An owned key over a whole array (the caller gives it up). */
  static SeriesKey of(byte[] bytes) {
    return new SeriesKey(bytes, 0, bytes.length);
  }

  /** A reusable probe; {@link #set} points it at a slice, {@link #copy} keeps one. */
  static SeriesKey probe() {
    return new SeriesKey(new byte[0], 0, 0);
  }

  SeriesKey set(byte[] array, int from, int len) {
    bytes = array;
    offset = from;
    length = len;
    int h = 1;
    for (int i = from; i < from + len; i++) {
      h = 31 * h + array[i];
    }
    hash = h;
    return this;
  }

  /** @return an owned copy, safe to keep after the probed array changes */
  SeriesKey copy() {
    return of(Arrays.copyOfRange(bytes, offset, offset + length));
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SeriesKey k && k.hash == hash
      && Arrays.equals(bytes, offset, offset + length, k.bytes, k.offset, k.offset + k.length);
  }
}
