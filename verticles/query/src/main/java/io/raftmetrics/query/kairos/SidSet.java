package io.raftmetrics.query.kairos;

import java.util.BitSet;

/** A set of series ids (non-negative ints), as a bit set: ids are small and dense. */
final class SidSet {

  private final BitSet bits = new BitSet();

  void add(int sid) {
    bits.set(sid);
  }

  boolean contains(int sid) {
    return bits.get(sid);
  }
}
