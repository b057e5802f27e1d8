package io.raftmetrics.gateway.ingest;

import java.util.Arrays;

/**
 * The {@code datapoints} of one metric object, held until the whole object has been read: KairosDB validates a
 * metric only after Gson has read all of it, and a syntax error anywhere in the object discards every point of it.
 * Entries are columns, so a point costs no object beyond the strings the reader already made.
 */
final class PointBuffer {

  /** {@link #arity} of an entry that was JSON null instead of an array. */
  static final byte NULL_ENTRY = -1;

  static final byte TS_OK = 0;
  static final byte TS_NULL = 1;
  /** A timestamp Gson's {@code getAsLong()} throws on. */
  static final byte TS_INVALID = 2;

  private int size;
  /** Elements in the entry, capped at 3 (later ones are ignored), or {@link #NULL_ENTRY}. */
  private byte[] arity = new byte[16];
  private long[] timestamps = new long[16];
  private byte[] timestampStates = new byte[16];
  private byte[] valueKinds = new byte[16];
  private Object[] valueRefs = new Object[16];
  /** The third element as a string; null when absent or when Gson's {@code getAsString()} throws. */
  private String[] types = new String[16];

  void clear() {
    size = 0;
  }

  int size() {
    return size;
  }

  /** Appends an entry; its fields are then set with the {@code set*} methods. */
  int add(byte entryArity) {
    if (size == arity.length) {
      int n = size * 2;
      arity = Arrays.copyOf(arity, n);
      timestamps = Arrays.copyOf(timestamps, n);
      timestampStates = Arrays.copyOf(timestampStates, n);
      valueKinds = Arrays.copyOf(valueKinds, n);
      valueRefs = Arrays.copyOf(valueRefs, n);
      types = Arrays.copyOf(types, n);
    }
    arity[size] = entryArity;
    valueRefs[size] = null;
    types[size] = null;
    return size++;
  }

  void setArity(int i, byte entryArity) {
    arity[i] = entryArity;
  }

  void setTimestamp(int i, byte state, long value) {
    timestampStates[i] = state;
    timestamps[i] = value;
  }

  void setValue(int i, byte kind, Object ref) {
    valueKinds[i] = kind;
    valueRefs[i] = ref;
  }

  void setType(int i, String type) {
    types[i] = type;
  }

  byte arity(int i) {
    return arity[i];
  }

  byte timestampState(int i) {
    return timestampStates[i];
  }

  long timestamp(int i) {
    return timestamps[i];
  }

  byte valueKind(int i) {
    return valueKinds[i];
  }

  Object valueRef(int i) {
    return valueRefs[i];
  }

  String type(int i) {
    return types[i];
  }
}
