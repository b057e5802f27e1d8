package io.raftmetrics.query.kairos;

import java.util.Arrays;

/**
 * A sequence of data points in primitive arrays: timestamp, kind, and the value as raw bits (a long, or a double's
 * bits) or a string. This is how points flow from the JDBC result through grouping and aggregation to the JSON
 * writer, without an object per point. Not thread-safe.
 */
final class Points {

  static final byte LONG = 0;
  static final byte DOUBLE = 1;
  static final byte STRING = 2;
  /** A {@code null} value ({@code gaps}). */
  static final byte NULL = 3;

  private long[] ts;
  private long[] bits;
  private byte[] kind;
  private String[] strings;
  private int size;

  Points() {
    this(16);
  }

  Points(int capacity) {
    int c = Math.max(capacity, 4);
    ts = new long[c];
    bits = new long[c];
    kind = new byte[c];
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  long ts(int i) {
    return ts[i];
  }

  byte kind(int i) {
    return kind[i];
  }

  /** @return true for long and double points */
  boolean isNumber(int i) {
    return kind[i] <= DOUBLE;
  }

  long longValue(int i) {
    return kind[i] == LONG ? bits[i] : (long) Double.longBitsToDouble(bits[i]);
  }

  /** The value as KairosDB's {@code getDoubleValue()}: a long converts, a string or null is 0. */
  double doubleValue(int i) {
    switch (kind[i]) {
      case LONG: return bits[i];
      case DOUBLE: return Double.longBitsToDouble(bits[i]);
      default: return 0;
    }
  }

  String string(int i) {
    return strings[i];
  }

  void addLong(long t, long v) {
    int i = slot(LONG);
    ts[i] = t;
    bits[i] = v;
  }

  void addDouble(long t, double v) {
    int i = slot(DOUBLE);
    ts[i] = t;
    bits[i] = Double.doubleToRawLongBits(v);
  }

  void addString(long t, String v) {
    int i = slot(STRING);
    if (strings == null) {
      strings = new String[ts.length];
    }
    ts[i] = t;
    strings[i] = v;
  }

  void addNull(long t) {
    int i = slot(NULL);
    ts[i] = t;
  }

  /** Appends point {@code i} of {@code from}. */
  void add(Points from, int i) {
    switch (from.kind[i]) {
      case LONG -> addLong(from.ts[i], from.bits[i]);
      case DOUBLE -> addDouble(from.ts[i], Double.longBitsToDouble(from.bits[i]));
      case STRING -> addString(from.ts[i], from.strings[i]);
      default -> addNull(from.ts[i]);
    }
  }

  /** Keeps the first {@code n} points. */
  void truncate(int n) {
    if (n < size) {
      size = n;
    }
  }

  private int slot(byte k) {
    if (size == ts.length) {
      int c = ts.length * 2;
      ts = Arrays.copyOf(ts, c);
      bits = Arrays.copyOf(bits, c);
      kind = Arrays.copyOf(kind, c);
      if (strings != null) {
        strings = Arrays.copyOf(strings, c);
      }
    }
    if (k == STRING && strings != null && strings.length < ts.length) {
      strings = Arrays.copyOf(strings, ts.length);
    }
    kind[size] = k;
    return size++;
  }
}
