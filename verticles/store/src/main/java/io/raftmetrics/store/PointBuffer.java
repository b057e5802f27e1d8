package io.raftmetrics.store;

import io.raftmetrics.api.ingest.DataType;

import java.util.Arrays;

/**
 * Decoded points of one value type, column by column, reused from batch to batch so the apply path allocates nothing
 * per point (string values excepted). A point is either appended as is or staged for the overwrite path.
 */
final class PointBuffer {

  final DataType type;
  int size;
  int stagedCount;
  int[] sid = new int[1024];
  long[] ts = new long[1024];
  long[] longs;
  double[] doubles;
  String[] strings;
  boolean[] staged = new boolean[1024];

  PointBuffer(DataType type) {
    this.type = type;
    switch (type) {
      case LONG -> longs = new long[1024];
      case DOUBLE -> doubles = new double[1024];
      default -> strings = new String[1024];
    }
  }

  void addLong(int s, long t, long v, boolean stage) {
    int i = next(s, t, stage);
    longs[i] = v;
  }

  void addDouble(int s, long t, double v, boolean stage) {
    int i = next(s, t, stage);
    doubles[i] = v;
  }

  void addString(int s, long t, String v, boolean stage) {
    int i = next(s, t, stage);
    strings[i] = v;
  }

  private int next(int s, long t, boolean stage) {
    if (size == sid.length) {
      grow();
    }
    int i = size++;
    sid[i] = s;
    ts[i] = t;
    staged[i] = stage;
    if (stage) {
      stagedCount++;
    }
    return i;
  }

  private void grow() {
    int n = sid.length * 2;
    sid = Arrays.copyOf(sid, n);
    ts = Arrays.copyOf(ts, n);
    staged = Arrays.copyOf(staged, n);
    if (longs != null) {
      longs = Arrays.copyOf(longs, n);
    } else if (doubles != null) {
      doubles = Arrays.copyOf(doubles, n);
    } else {
      strings = Arrays.copyOf(strings, n);
    }
  }

  /** Empties the buffer, dropping string references so a large batch is not kept alive. */
  void clear() {
    if (strings != null) {
      Arrays.fill(strings, 0, size, null);
    }
    size = 0;
    stagedCount = 0;
  }
}
