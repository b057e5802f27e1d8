package io.raftmetrics.gateway.telnet;

import io.raftmetrics.api.ingest.DataType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Points received since the last flush, in columns, chained per series in arrival order: a flush then writes each
 * series once with all its points, so a batch carries a series' metric and tags once however the sender interleaved
 * its lines. A point costs no object except a string value.
 */
final class PendingPoints {

  private int size;
  private long[] timestamps = new long[1024];
  /** A long value, or the raw bits of a double. */
  private long[] values = new long[1024];
  private byte[] types = new byte[1024];
  private String[] strings = new String[1024];
  private int[] next = new int[1024];
  /** Series with pending points, in the order of their first point. */
  private final List<Series> series = new ArrayList<>();

  void addLong(Series s, long timestamp, long value) {
    add(s, DataType.LONG, timestamp, value, null);
  }

  void addDouble(Series s, long timestamp, double value) {
    add(s, DataType.DOUBLE, timestamp, Double.doubleToRawLongBits(value), null);
  }

  void addString(Series s, long timestamp, String value) {
    add(s, DataType.STRING, timestamp, 0, value);
  }

  private void add(Series s, DataType type, long timestamp, long value, String string) {
    if (size == timestamps.length) {
      grow();
    }
    int i = size++;
    timestamps[i] = timestamp;
    values[i] = value;
    types[i] = (byte) type.code();
    strings[i] = string;
    next[i] = -1;
    if (s.head < 0) {
      s.head = i;
      series.add(s);
    } else {
      next[s.tail] = i;
    }
    s.tail = i;
    s.pending++;
  }

  private void grow() {
    int n = timestamps.length * 2;
    timestamps = Arrays.copyOf(timestamps, n);
    values = Arrays.copyOf(values, n);
    types = Arrays.copyOf(types, n);
    strings = Arrays.copyOf(strings, n);
    next = Arrays.copyOf(next, n);
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** Series with pending points, in the order of their first point; valid until {@link #clear()}. */
  List<Series> series() {
    return series;
  }

  /** @return the point after {@code point} in its series, or -1 */
  int next(int point) {
    return next[point];
  }

  long timestamp(int point) {
    return timestamps[point];
  }

  DataType type(int point) {
    return DataType.ofCode(types[point]);
  }

  long longValue(int point) {
    return values[point];
  }

  double doubleValue(int point) {
    return Double.longBitsToDouble(values[point]);
  }

  String stringValue(int point) {
    return strings[point];
  }

  /** Forgets every pending point and unchains the series. */
  void clear() {
    for (Series s : series) {
      s.head = -1;
      s.tail = -1;
      s.pending = 0;
    }
    series.clear();
    Arrays.fill(strings, 0, size, null);
    size = 0;
  }
}
